/**
 * The local AppSync server over HTTP, on a CDK app that is not Taskboard (test/fixtures/mini-appsync):
 * every DynamoDB, Lambda and NONE data-source operation, AppSync's error shapes and status codes,
 * and bad requests that must write nothing.
 */
import { PutItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { sigV4Headers } from '../../helpers/credentials';
import { givenLocalApi, type LocalApi } from '../../helpers/local-api';

let api: LocalApi;
let key: Record<string, string>;
let alice: Record<string, string>;
const lines: string[] = [];

beforeAll(async () => {
  const outdir = inject('miniAppAssembly');
  api = await givenLocalApi({
    assemblyDir: outdir, lines,
    seed: { users: [{ username: 'alice', email: 'alice@example.com', password: 'Passw0rd!alice', groups: ['editors'] }] },
  });
  key = { 'x-api-key': api.runtime.apiKeys[0].value };
  alice = await api.as('alice');
}, 120_000);
afterAll(async () => api?.close());

const notesTable = () => api.runtime.model.tables[0].tableName;
const countItems = async () => (await api.runtime.client.send(new ScanCommand({ TableName: notesTable(), Select: 'COUNT' }))).Count;

describe('the server', () => {
  it('answers /health once ready, and names the route it serves', async () => {
    expect((await fetch(`${api.runtime.url}/health`)).status).toBe(200);
    const other = await fetch(`${api.runtime.url}/nope`);
    expect(other.status).toBe(404);
  });

  it('rejects requests without a credential, or with a wrong one, with 401', async () => {
    const none = await api.request('{ echo(text: "x") }');
    expect(none.status).toBe(401);
    expect(none.body).toEqual({ errors: [{ errorType: 'UnauthorizedException', message: 'Valid authorization header not provided.' }] });
    const wrong = await api.request('{ echo(text: "x") }', {}, { 'x-api-key': 'da2-nope' });
    expect(wrong.status).toBe(401);
    const forged = await api.request('{ echo(text: "x") }', {}, { authorization: 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.' });
    expect(forged.status).toBe(401);
  });

  it('gives a stable local API key in AppSync\'s format', () => {
    expect(api.runtime.apiKeys[0].value).toMatch(/^da2-[0-9a-f]{26}$/);
  });
});

describe('DynamoDB data source', () => {
  it('PutItem writes, and a failed condition reports DynamoDB:ConditionalCheckFailedException with the current item', async () => {
    const put = await api.request('mutation($m: AWSJSON) { putNote(id: "n1", text: "one", owner: "alice", meta: $m, createdAt: "2026-12-01T10:00:00Z") { id text meta createdAt } }', { m: '{"tags":["a"]}' }, key);
    expect(put.body).toEqual({ data: { putNote: { id: 'n1', text: 'one', meta: '{"tags":["a"]}', createdAt: '2026-12-01T10:00:00Z' } } });
    const again = await api.request('mutation { putNote(id: "n1", text: "clobber", owner: "x") { id } }', {}, key);
    expect(again.status).toBe(200);
    expect(again.body.data).toEqual({ putNote: null });
    expect(again.body.errors).toEqual([expect.objectContaining({
      path: ['putNote'], errorType: 'DynamoDB:ConditionalCheckFailedException', locations: [{ line: 1, column: 12, sourceName: null }],
      data: expect.objectContaining({ id: 'n1', text: 'one' }),
    })]);
  });

  it('GetItem reads an item; AWSJSON comes back as a JSON string', async () => {
    const got = await api.request('{ note(id: "n1") { id text meta } missing: note(id: "zz") { id } }', {}, key);
    expect(got.body).toEqual({ data: { note: { id: 'n1', text: 'one', meta: '{"tags":["a"]}' }, missing: null } });
  });

  it('UpdateItem updates, and fails its condition on a missing item without creating it', async () => {
    const updated = await api.request('mutation { updateNote(id: "n1", text: "uno") { id text owner } }', {}, key);
    expect(updated.body.data).toEqual({ updateNote: { id: 'n1', text: 'uno', owner: 'alice' } });
    const before = await countItems();
    const missing = await api.request('mutation { updateNote(id: "ghost", text: "boo") { id } }', {}, key);
    expect(missing.body.errors?.[0]).toMatchObject({ errorType: 'DynamoDB:ConditionalCheckFailedException', path: ['updateNote'] });
    expect(await countItems()).toBe(before);
  });

  it('BatchPutItem, BatchGetItem (request order, null for a missing key) and BatchDeleteItem', async () => {
    const put = await api.request('mutation { putNotes(ids: ["b1", "b2", "b3"], text: "bulk") { id text } }', {}, key);
    expect(put.body.data).toEqual({ putNotes: [{ id: 'b1', text: 'bulk' }, { id: 'b2', text: 'bulk' }, { id: 'b3', text: 'bulk' }] });
    const got = await api.request('{ notesByIds(ids: ["b3", "nope", "b1"]) { id } }', {}, key);
    expect(got.body.data).toEqual({ notesByIds: [{ id: 'b3' }, null, { id: 'b1' }] });
    const deleted = await api.request('mutation { deleteNotes(ids: ["b2", "b3"]) { id } }', {}, key);
    expect(deleted.body.data).toEqual({ deleteNotes: [{ id: 'b2' }, { id: 'b3' }] });
    const after = await api.request('{ notesByIds(ids: ["b1", "b2"]) { id } }', {}, key);
    expect(after.body.data).toEqual({ notesByIds: [{ id: 'b1' }, null] });
  });

  it('Scan pages with an opaque nextToken, and rejects a forged one', async () => {
    const first = await api.request('{ notes(limit: 1) { items { id } nextToken scannedCount } }', {}, key);
    const page = (first.body.data as { notes: { items: unknown[]; nextToken: string; scannedCount: number } }).notes;
    expect(page.items).toHaveLength(1);
    expect(page.scannedCount).toBe(1);
    expect(page.nextToken).toEqual(expect.any(String));
    expect(page.nextToken).not.toContain('n1');
    const second = await api.request('query($t: String) { notes(limit: 5, nextToken: $t) { items { id } nextToken } }', { t: page.nextToken }, key);
    const ids = (second.body.data as { notes: { items: Array<{ id: string }> } }).notes.items.map((i) => i.id);
    expect(ids).not.toContain((page.items[0] as { id: string }).id);
    const forged = await api.request('{ notes(limit: 1, nextToken: "abc") { items { id } } }', {}, key);
    expect(forged.body.errors?.[0]).toMatchObject({ errorType: 'DynamoDB:UserIllegalArgumentException', path: ['notes'] });
  });

  it('Query by key, and Sync with startedAt', async () => {
    const q = await api.request('{ notesById(id: "n1") { items { id text } nextToken } }', {}, key);
    expect(q.body.data).toEqual({ notesById: { items: [{ id: 'n1', text: 'uno' }], nextToken: null } });
    const s = await api.request('{ changes(limit: 100) { items { id } startedAt } }', {}, key);
    const sync = (s.body.data as { changes: { items: Array<{ id: string }>; startedAt: number } }).changes;
    expect(sync.items.map((i) => i.id).sort()).toEqual(['b1', 'n1']);
    expect(sync.startedAt).toBeGreaterThan(1_700_000_000_000);
  });

  it('TransactGetItems, and TransactWriteItems with its cancellation reasons', async () => {
    const got = await api.request('{ notesTx(ids: ["n1", "b1"]) { id } }', {}, key);
    expect(got.body.data).toEqual({ notesTx: [{ id: 'n1' }, { id: 'b1' }] });
    const failed = await api.request('mutation { moveText(from: "ghost", to: "n1") }', {}, key);
    expect(failed.body.errors?.[0]).toMatchObject({
      errorType: 'DynamoDB:TransactionCanceledException', errorInfo: { reasons: ['None', 'ConditionCheckFailed'] },
    });
    const unchanged = await api.request('{ note(id: "n1") { text } }', {}, key);
    expect(unchanged.body.data).toEqual({ note: { text: 'uno' } });
    const moved = await api.request('mutation { moveText(from: "b1", to: "n1") }', {}, key);
    expect(moved.body.data).toEqual({ moveText: ['n1', 'b1'] });
  });

  it('DeleteItem returns the deleted item', async () => {
    await api.request('mutation { putNote(id: "d1", text: "bye", owner: "a") { id } }', {}, key);
    const deleted = await api.request('mutation { deleteNote(id: "d1") { id text } }', {}, key);
    expect(deleted.body.data).toEqual({ deleteNote: { id: 'd1', text: 'bye' } });
    expect((await api.request('{ note(id: "d1") { id } }', {}, key)).body.data).toEqual({ note: null });
  });
});

describe('Lambda and NONE data sources', () => {
  it('runs a pipeline: NONE function, then the Lambda function from its bundle', async () => {
    const r = await api.request('{ shout(text: "hey") }', {}, key);
    expect(r.body).toEqual({ data: { shout: 'HEY' } });
  });

  it('surfaces a thrown Lambda error as Lambda:Unhandled', async () => {
    const r = await api.request('{ shout(text: "fail") }', {}, key);
    expect(r.body.data).toEqual({ shout: null });
    expect(r.body.errors?.[0]).toMatchObject({ path: ['shout'], errorType: 'Lambda:Unhandled', message: 'the shouter failed' });
  });

  it('batches Note.loud across a list into one BatchInvoke', async () => {
    for (const id of ['l1', 'l2', 'l3']) await api.request(`mutation { putNote(id: "${id}", text: "${id}", owner: "o") { id } }`, {}, key);
    lines.length = 0;
    const r = await api.request('query Loud { notesByIds(ids: ["l1", "l2", "l3"]) { id loud } }', {}, key);
    expect(r.body.data).toEqual({ notesByIds: [{ id: 'l1', loud: 'L1!' }, { id: 'l2', loud: 'L2!' }, { id: 'l3', loud: 'L3!' }] });
    const invocations = lines.filter((l) => l.includes('Note.loud') && l.includes('BatchInvoke'));
    expect(invocations).toEqual([expect.stringContaining('batch=3')]);
    expect(lines.filter((l) => l.includes('lambda: ') && l.includes('batch of 3'))).toHaveLength(1);
  });

  it('gives resolvers the caller, info, headers, env and auth type', async () => {
    const r = await api.request('query Who { context }', {}, { ...alice, 'user-agent': 'vitest' });
    const ctx = JSON.parse((r.body.data as { context: string }).context) as Record<string, unknown>;
    expect(ctx).toMatchObject({
      identity: { groups: ['editors'], claims: { email: 'alice@example.com', token_use: 'id' }, defaultAuthStrategy: 'ALLOW' },
      info: { fieldName: 'context', parentTypeName: 'Query', variables: {} },
      selectionSetList: [], agent: 'vitest', env: 'hi', source: null, authType: 'User Pool Authorization',
    });
    // JSON.stringify(ctx.info) leaves the selection set out, as on AppSync.
    expect(ctx.info).not.toHaveProperty('selectionSetList');
    const withKey = await api.request('{ context }', {}, key);
    expect(JSON.parse((withKey.body.data as { context: string }).context)).toMatchObject({ identity: null, authType: 'API Key Authorization' });
  });
});

describe('AppSync error semantics', () => {
  it('util.error: the field is null; message, errorType, data and errorInfo as given, with path and locations', async () => {
    const r = await api.request('{\n  fails(mode: "error")\n}', {}, key);
    expect(r.body).toEqual({
      data: { fails: null },
      errors: [{ path: ['fails'], data: { extra: 1 }, errorType: 'Custom:Failure', errorInfo: { hint: 'retry' }, locations: [{ line: 2, column: 3, sourceName: null }], message: 'it failed' }],
    });
  });

  it('util.appendError keeps the value and adds the error', async () => {
    const r = await api.request('{ fails(mode: "append") }', {}, key);
    expect(r.body.data).toEqual({ fails: 'ok:append' });
    expect(r.body.errors).toEqual([expect.objectContaining({ path: ['fails'], errorType: 'Custom:Warning', message: 'noted' })]);
  });

  it('util.unauthorized is AppSync\'s field-level Unauthorized', async () => {
    const r = await api.request('{ fails(mode: "unauthorized") echo(text: "still") }', {}, key);
    expect(r.status).toBe(200);
    expect(r.body.errors).toEqual([expect.objectContaining({ path: ['fails'], errorType: 'Unauthorized', message: 'Not Authorized to access fails on type Query' })]);
  });

  it('a runtime error in resolver code is errorType Code with the code location', async () => {
    const r = await api.request('{ fails(mode: "runtime") }', {}, key);
    expect(r.body.errors?.[0]).toMatchObject({ errorType: 'Code', message: expect.stringMatching(/^code\.js:\d+:\d+: TypeError: /) });
  });

  it('runtime.earlyReturn skips the data source and becomes the value', async () => {
    expect((await api.request('{ fails(mode: "early") }', {}, key)).body).toEqual({ data: { fails: 'returned early' } });
  });

  it('util.http.addResponseHeader sets a response header', async () => {
    const r = await api.request('{ fails(mode: "header") }', {}, key);
    expect(r.headers.get('x-custom')).toBe('yes');
  });

  it('a null in a non-null field bubbles to the nearest nullable parent, worded as AppSync words it', async () => {
    await api.runtime.client.send(new PutItemCommand({ TableName: notesTable(), Item: { id: { S: 'orphan' }, text: { S: 'no owner' } } }));
    const r = await api.request('{ note(id: "orphan") { id owner } }', {}, key);
    expect(r.body.data).toEqual({ note: null });
    expect(r.body.errors?.[0]).toMatchObject({ path: ['note', 'owner'], message: "Cannot return null for non-nullable type: 'String' within parent 'Note' (/note/owner)" });
  });

  it('enforces the API\'s query depth limit (5) field by field', async () => {
    await api.runtime.client.send(new PutItemCommand({ TableName: notesTable(), Item: {
      id: { S: 'deep' }, text: { S: 't' }, owner: { S: 'o' },
      next: { M: { id: { S: 'a' }, text: { S: 't' }, owner: { S: 'o' }, next: { M: { id: { S: 'b' }, text: { S: 't' }, owner: { S: 'o' }, next: { M: { id: { S: 'c' }, text: { S: 't' }, owner: { S: 'o' }, next: { M: { id: { S: 'd' }, text: { S: 't' }, owner: { S: 'o' } } } } } } } } },
    } }));
    const ok = await api.request('{ note(id: "deep") { next { next { next { id } } } } }', {}, key);
    expect(ok.body).toEqual({ data: { note: { next: { next: { next: { id: 'c' } } } } } });
    const deep = await api.request('{ note(id: "deep") { next { next { next { next { id } } } } } }', {}, key);
    expect(deep.body.errors?.[0]).toMatchObject({ path: ['note', 'next', 'next', 'next', 'next', 'id'], message: 'Query depth limit of 5 exceeded' });
  });
});

describe('bad requests get AppSync\'s error responses and write nothing', () => {
  it('an empty body or malformed JSON is a 400 MalformedHttpRequestException', async () => {
    const empty = await api.raw('', key);
    expect(empty.status).toBe(400);
    expect(empty.body).toEqual({ errors: [{ errorType: 'MalformedHttpRequestException', message: 'Request body is empty.' }] });
    const malformed = await api.raw('{"query": ', key);
    expect(malformed.status).toBe(400);
    expect(malformed.body).toEqual({ errors: [{ errorType: 'MalformedHttpRequestException', message: 'Unable to parse GraphQL query.' }] });
  });

  it('a syntax error, an unknown field or a wrong argument type is a validation error with data null', async () => {
    const before = await countItems();
    const syntax = await api.request('mutation { putNote(id: "v1" text: ) { id } }', {}, key);
    expect(syntax.status).toBe(200);
    expect(syntax.body.data).toBeNull();
    expect(syntax.body.errors?.[0].message).toMatch(/^Invalid Syntax/);
    const unknown = await api.request('{ badfield }', {}, key);
    expect(unknown.body).toEqual({ data: null, errors: [{ path: null, locations: [{ line: 1, column: 3, sourceName: null }], message: "Validation error of type FieldUndefined: Field 'badfield' in type 'Query' is undefined @ 'badfield'" }] });
    const wrongType = await api.request('mutation { putNote(id: "v2", text: 5, owner: "o") { id } }', {}, key);
    expect(wrongType.body.data).toBeNull();
    expect(wrongType.body.errors?.[0].message).toMatch(/^Validation error of type WrongType/);
    expect(await countItems()).toBe(before);
  });

  it('invalid variables and wrong scalar formats are rejected before anything runs', async () => {
    const before = await countItems();
    const missing = await api.request('mutation($id: ID!) { putNote(id: $id, text: "t", owner: "o") { id } }', {}, key);
    expect(missing.body).toMatchObject({ data: null, errors: [{ message: "Variable 'id' has coerced Null value for NonNull type 'ID!'" }] });
    const badDate = await api.request('mutation($d: AWSDateTime) { putNote(id: "v3", text: "t", owner: "o", createdAt: $d) { id } }', { d: '2026-12-01' }, key);
    expect(badDate.body.data).toBeNull();
    expect(badDate.body.errors?.[0].message).toContain("Variable 'd'");
    const badLiteral = await api.request('{ when(at: "yesterday") }', {}, key);
    expect(badLiteral.body.data).toBeNull();
    const badJson = await api.request('mutation($m: AWSJSON) { putNote(id: "v4", text: "t", owner: "o", meta: $m) { id } }', { m: '{a: 1}' }, key);
    expect(badJson.body.data).toBeNull();
    expect(await countItems()).toBe(before);
  });

  it('accepts every AppSync scalar in its documented formats', async () => {
    const r = await api.request('{ when(at: "2026-12-01T10:00:00.123+05:30", day: "2026-12-01Z", email: "a@b.co", url: "mailto:a@b.co", ip: "10.0.0.0/8", phone: "+1 555-0100", ts: 1764583200, time: "12:30:24.500Z") }', {}, key);
    expect(r.body.errors).toBeUndefined();
    expect(JSON.parse((r.body.data as { when: string }).when)).toMatchObject({ at: '2026-12-01T10:00:00.123+05:30', ts: 1764583200 });
  });

  it('an unknown operation name is an error and runs nothing', async () => {
    const r = await api.request('query A { echo(text: "a") } query B { echo(text: "b") }', {}, key, 'C');
    expect(r.body.data).toBeNull();
    expect(r.body.errors?.[0].message).toContain("'C'");
  });
});

describe('request log', () => {
  it('logs one line per operation with its caller, then each resolver\'s data-source calls and console output', async () => {
    lines.length = 0;
    await api.request('query Who { context }', {}, alice);
    expect(lines[0]).toMatch(/^query Who by alice@example\.com [\d.]+ms status=200 resolvers=1 dynamodb=0 errors=0$/);
    expect(lines).toContainEqual(expect.stringMatching(/Query\.context → Local NONE/));
    expect(lines).toContainEqual('  context Query.context console: context for context');
    lines.length = 0;
    await api.request('query One { note(id: "n1") { id } }', {}, key);
    expect(lines[0]).toContain('dynamodb=1');
    expect(lines).toContainEqual(expect.stringMatching(/note Query\.note → NotesDs GetItem [\d.]+ms \[GetItem [\d.]+ms\]/));
  });
});

describe('auth directives on a second mode', () => {
  it('a user-pool caller may call a field that allows its mode, and gets Unauthorized on one for the default mode only', async () => {
    const allowed = await api.request('{ context }', {}, alice);
    expect(allowed.body.errors).toBeUndefined();
    const denied = await api.request('{ echo(text: "hi") context }', {}, alice);
    expect(denied.status).toBe(200);
    expect(denied.body.data).toMatchObject({ echo: null, context: expect.any(String) });
    expect(denied.body.errors).toEqual([expect.objectContaining({ path: ['echo'], errorType: 'Unauthorized', message: 'Not Authorized to access echo on type Query' })]);
  });
});

describe('IAM', () => {
  it('a SigV4-signed request gets the IAM identity', async () => {
    const body = JSON.stringify({ query: '{ context }' });
    const r = await api.raw(body, await sigV4Headers(api.runtime.graphqlUrl, body, api.runtime.iamCredentials));
    expect(r.status).toBe(200);
    const ctx = JSON.parse((r.body.data as { context: string }).context) as Record<string, unknown>;
    expect(ctx).toMatchObject({
      authType: 'IAM Authorization',
      identity: { accountId: '000000000000', username: api.runtime.iamCredentials.accessKeyId, userArn: api.runtime.iamCredentials.arn, cognitoIdentityPoolId: null, sourceIp: [expect.any(String)] },
    });
  });

  it('a Lambda function calls the API back with IAM, using the credentials the runtime gave it', async () => {
    const r = await api.request('{ shout(text: "callApi") }', {}, key);
    expect(r.body.errors).toBeUndefined();
    // The pipeline's first step passes { text }; the function's answer is the API's own JSON response.
    const inner = JSON.parse((r.body.data as { shout: string }).shout) as { data: { context: string } };
    expect(JSON.parse(inner.data.context)).toMatchObject({ authType: 'IAM Authorization', identity: { username: api.runtime.iamCredentials.accessKeyId } });
  });

  it('a request signed with the wrong secret is refused with 403 and AWS\'s message', async () => {
    const body = JSON.stringify({ query: '{ context }' });
    const headers = await sigV4Headers(api.runtime.graphqlUrl, body, { accessKeyId: api.runtime.iamCredentials.accessKeyId, secretAccessKey: 'wrong' });
    const r = await api.raw(body, headers);
    expect(r.status).toBe(403);
    expect(r.body.errors?.[0]).toMatchObject({ errorType: 'InvalidSignatureException', message: expect.stringMatching(/^The request signature we calculated does not match/) });
  });
});
