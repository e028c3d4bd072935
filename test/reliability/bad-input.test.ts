/**
 * Bad input, nothing written. fast-check properties throw malformed and hostile requests at the
 * API as the seed board's owner (the caller with the most power to write): every answer must be
 * a well-formed AppSync error, the server must stay up, and a checksum of the whole table must not
 * move. Documents are judged by graphql-js against the deployed SDL (an oracle independent of the
 * runtime's executor); argument positions come from the schema, so new arguments are fuzzed too.
 */
import { randomBytes } from 'node:crypto';
import { connect as tcpConnect } from 'node:net';
import fc from 'fast-check';
import { coerceInputValue, parse, validate, type GraphQLInputType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { SEED_BOARD_ID, SEED_BOB_BOARD_ID, SEED_TASK_IDS } from '../../seed/taskboard';
import { sigV4Headers } from '../helpers/credentials';
import type { GraphQLReply, LocalApi } from '../helpers/local-api';
import { connectRealtime, type Frame } from '../helpers/realtime-client';
import { appSyncErrorProblems, errorTypes } from './support/appsync-errors';
import { SuiteFigures } from './support/figures';
import { inputPositions, sampleArgs, withValue, type InputPosition } from './support/inputs';
import { profile } from './support/profile';
import { loadTaskboardSchema, operationFor, rootFields, type RootField } from './support/schema-ops';
import { givenReliabilityApi, sleep, tableChecksum, within } from './support/taskboard';

const figures = new SuiteFigures('bad-input', profile.name);
const RUNS = profile.fuzz.runs;
const schema = loadTaskboardSchema();
const ROOTS = rootFields(schema).filter((r) => r.kind !== 'Subscription');
const QUERIES = ROOTS.filter((r) => r.kind === 'Query');
/** Fields only IAM may call are fuzzed as IAM, so the bad value (not the caller) is what is refused. */
const iamOnly = (r: RootField) => (r.field.astNode?.directives ?? []).some((d) => d.name.value === 'aws_iam');

let api: LocalApi;
let alice: Record<string, string>;
let checksum: { sha256: string; items: number };
const perProperty: Record<string, number> = {};

beforeAll(async () => {
  api = await givenReliabilityApi();
  alice = await api.as('alice');
  // Activity to page through (the seed has none), written before the checksum is taken.
  for (let i = 0; i < 3; i++) {
    const r = await iam('mutation($in: PublishActivityInput!) { publishActivity(input: $in) { id } }', {
      in: { id: `fuzz-${i}`, boardId: SEED_BOARD_ID, action: 'TASK_UPDATED', summary: `seeded ${i}`, createdAt: `2026-12-01T12:0${i}:00.000Z` },
    });
    expect(r.body.errors).toBeUndefined();
  }
  checksum = await tableChecksum(api);
});
afterAll(async () => {
  figures.note(`Requests per property: ${Object.entries(perProperty).map(([k, v]) => `${k} ${v}`).join(', ')}.`);
  figures.write();
  // A socket the server lost track of would hold its shutdown: that is a failure too, not a hang.
  if (api) await within(30_000, 'closing the runtime', api.close());
});

async function iam(query: string, variables: Record<string, unknown>): Promise<GraphQLReply> {
  const body = JSON.stringify({ query, variables });
  return api.raw(body, await sigV4Headers(api.runtime.graphqlUrl, body, api.runtime.iamCredentials));
}

/** POSTs a body as-is and reads the answer without assuming JSON. */
async function post(property: string, body: string | Uint8Array, headers: Record<string, string> = alice, init: { method?: string; path?: string } = {}): Promise<GraphQLReply> {
  perProperty[property] = (perProperty[property] ?? 0) + 1;
  const res = await fetch(`${api.runtime.url}${init.path ?? '/graphql'}`, {
    method: init.method ?? 'POST', headers: { 'content-type': 'application/json', ...headers }, body: init.method === 'GET' ? undefined : body,
  });
  const text = await res.text();
  let parsed: GraphQLReply['body'];
  try {
    parsed = JSON.parse(text) as GraphQLReply['body'];
  } catch {
    throw new Error(`HTTP ${res.status} answered with a body that is not JSON: ${text.slice(0, 200)}`);
  }
  const reply = { status: res.status, headers: res.headers, body: parsed };
  figures.count(reply.body.errors, reply.status);
  return reply;
}

const send = (property: string, query: string, variables: Record<string, unknown>, headers = alice) => post(property, JSON.stringify({ query, variables }), headers);

async function sendAs(property: string, root: RootField, query: string, variables: Record<string, unknown>): Promise<GraphQLReply> {
  if (!iamOnly(root)) return send(property, query, variables);
  const body = JSON.stringify({ query, variables });
  return post(property, body, await sigV4Headers(api.runtime.graphqlUrl, body, api.runtime.iamCredentials));
}

/** The answer refuses the request: a well-formed error and no value for the root field. */
function expectRefused(reply: GraphQLReply, root?: string): void {
  expect(appSyncErrorProblems(reply), JSON.stringify(reply.body).slice(0, 500)).toEqual([]);
  const data = reply.body.data as Record<string, unknown> | null | undefined;
  if (root && data) expect(data[root] ?? null, JSON.stringify(reply.body).slice(0, 300)).toBeNull();
}

async function expectNothingWritten(): Promise<void> {
  expect(await tableChecksum(api)).toEqual(checksum);
}

/** Server answers health checks and a real query; a busy database may make it fail for a while first (recorded). */
async function expectServerUp(after: string): Promise<void> {
  const health = await fetch(`${api.runtime.url}/health`);
  expect(health.status).toBe(200);
  const started = Date.now();
  const failures: string[] = [];
  for (;;) {
    const r = await api.request('query($id: ID!) { board(id: $id) { id taskCount } }', { id: SEED_BOARD_ID }, alice);
    if (!r.body.errors) {
      expect(r.body).toEqual({ data: { board: { id: SEED_BOARD_ID, taskCount: 8 } } });
      break;
    }
    expect(appSyncErrorProblems(r)).toEqual([]);
    failures.push(...errorTypes(r));
    if (Date.now() - started > 15_000) throw new Error(`the API did not answer a plain query within 15 s after ${after}: ${failures.join(', ')}`);
    await sleep(250);
  }
  if (failures.length > 0) figures.note(`After ${after}, a plain query failed ${failures.length} time(s) (${[...new Set(failures)].join(', ')}) for ${Date.now() - started} ms before the API answered again.`);
}

const fuzz = <T>(arb: fc.Arbitrary<T>, check: (value: T) => Promise<void>, runs = RUNS) =>
  fc.assert(fc.asyncProperty(arb, check), { numRuns: runs, endOnFailure: true });

/** Whether graphql-js, against the deployed SDL, accepts the document. */
function documentIsValid(query: string): boolean {
  try {
    return validate(schema, parse(query)).length === 0;
  } catch {
    return false;
  }
}

function coerces(type: GraphQLInputType, value: unknown): boolean {
  try {
    coerceInputValue(value, type);
    return true;
  } catch {
    return false;
  }
}

const readDocuments = QUERIES.map((root) => ({ root, query: operationFor(root, 3), variables: sampleArgs(root) }));

describe('documents', () => {
  it('malformed documents: corrupted queries are refused with AppSync errors unless graphql-js accepts them too', async () => {
    const corruption = fc.oneof(
      fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 30 }) }),
      fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(
        fc.constantFrom('{', '}', '(', ')', '$', ':', '"', '"""', '...', '@include', '@skip(if: true)', '!', '[', ']', '=', '#', '\\', '\u0000', 'query', 'mutation', 'fragment F on Query { me { id } }', '__schema', '$id', ', id: 1'),
        fc.string({ maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 6 }),
      ) }),
      fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 60 }) }),
      fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
    );
    type Corruption = { kind: 'delete'; at: number; len: number } | { kind: 'insert'; at: number; text: string } | { kind: 'duplicate'; at: number; len: number } | { kind: 'truncate'; at: number };
    const apply = (doc: string, c: Corruption) => {
      const at = c.at % (doc.length + 1);
      if (c.kind === 'delete') return doc.slice(0, at) + doc.slice(at + c.len);
      if (c.kind === 'insert') return doc.slice(0, at) + c.text + doc.slice(at);
      if (c.kind === 'duplicate') return doc.slice(0, at + c.len) + doc.slice(at, at + c.len) + doc.slice(at + c.len);
      return doc.slice(0, at);
    };
    let accepted = 0;
    await fuzz(fc.tuple(fc.constantFrom(...readDocuments), fc.array(corruption, { minLength: 1, maxLength: 4 })), async ([base, corruptions]) => {
      const query = corruptions.reduce(apply, base.query);
      const reply = await send('malformed documents', query, base.variables);
      if (documentIsValid(query)) {
        accepted++;
        expect(reply.status).toBe(200);
        if (reply.body.errors) expect(appSyncErrorProblems(reply)).toEqual([]);
      } else {
        expectRefused(reply);
        expect(reply.body.data ?? null).toBeNull();
      }
    });
    await fuzz(fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString('latin1'))), async (query) => {
      const reply = await send('malformed documents', query, {});
      if (documentIsValid(query)) return;
      expectRefused(reply);
      expect(reply.body.data ?? null).toBeNull();
    });
    figures.note(`Malformed documents: ${RUNS} corrupted copies of every Query field's generated document and ${RUNS} random strings; ${accepted} of them were still valid GraphQL (graphql-js agreed) and were answered, every other one was refused with \`data: null\`.`);
    await expectNothingWritten();
    await expectServerUp('the malformed documents');
  });

  it('deep and wide queries are answered, bounded, with AppSync errors where a limit applies', async () => {
    const deep = fc.oneof(
      fc.integer({ min: 11, max: 80 }).map((n) => ({ kind: 'deep introspection', query: `{ __type(name: "Board") { fields { type ${'{ ofType '.repeat(n)}{ name }${' }'.repeat(n)} } } }` })),
      fc.integer({ min: 50, max: 20_000 }).map((n) => ({ kind: 'deep braces', query: `{ me ${'{ id '.repeat(n)}${'}'.repeat(n)} }` })),
      fc.integer({ min: 20, max: 1_000 }).map((n) => ({ kind: 'fragment chain', query: `{ ...F0 } ${Array.from({ length: n }, (_, i) => `fragment F${i} on Query { ${i === n - 1 ? 'me { id }' : `...F${i + 1}`} }`).join(' ')}` })),
      fc.integer({ min: 2, max: 1_000 }).map((n) => ({ kind: 'fragment cycle', query: `{ ...F0 } ${Array.from({ length: n }, (_, i) => `fragment F${i} on Query { ...F${(i + 1) % n} }`).join(' ')}` })),
      // Each fragment spreads the next two and the last ones spread the first: exponentially many spread paths.
      fc.integer({ min: 10, max: 200 }).map((n) => ({
        kind: 'fragment lattice',
        query: `{ ...F0 } ${Array.from({ length: n }, (_, i) => `fragment F${i} on Query { ${[i + 1, i + 2].filter((j) => j < n).map((j) => `...F${j}`).join(' ')} ${i >= n - 2 ? '...F0' : ''} }`).join(' ')}`,
      })),
      fc.integer({ min: 1_000, max: 20_000 }).map((n) => ({ kind: 'wide typename', query: `{ ${Array.from({ length: n }, (_, i) => `t${i}: __typename`).join(' ')} }` })),
      fc.integer({ min: 1_000, max: 20_000 }).map((n) => ({ kind: 'wide selection', query: `{ me { ${'id email '.repeat(n)} } }` })),
      fc.integer({ min: 100, max: 2_000 }).map((n) => ({ kind: 'many operations', query: Array.from({ length: n }, (_, i) => `query Q${i} { me { id } }`).join(' ') })),
    );
    // Resolver-heavy documents cost a DynamoDB request per alias: a few runs show the limit holds.
    const resolverHeavy = fc.integer({ min: 1_001, max: 1_100 }).map((n) => ({ kind: 'wide resolvers', query: `{ ${Array.from({ length: n }, (_, i) => `m${i}: me { id }`).join(' ')} }` }));
    const kinds: Record<string, number> = {};
    const check = async ({ kind, query }: { kind: string; query: string }) => {
      const started = Date.now();
      const reply = await post('deep and wide', JSON.stringify({ query, operationName: kind === 'many operations' ? 'Q0' : undefined }));
      kinds[kind] = Math.max(kinds[kind] ?? 0, Date.now() - started);
      expect(reply.status).toBe(200);
      if (reply.body.errors) expect(appSyncErrorProblems(reply)).toEqual([]);
      if (['deep braces', 'fragment cycle', 'fragment lattice'].includes(kind)) expectRefused(reply);
      if (kind === 'wide resolvers') {
        // Past the limit, fields are refused; within it, all 1,000 resolvers are served (none lost to the DynamoDB client's queue).
        expect(reply.body.errors?.some((e) => e.errorType === 'ResolverCountLimitExceeded')).toBe(true);
        expect(reply.body.errors?.filter((e) => e.errorType !== 'ResolverCountLimitExceeded')).toEqual([]);
      }
      expect(Date.now() - started).toBeLessThan(20_000);
    };
    // Each of these documents costs up to a second of parsing and validation: half the runs.
    await fuzz(deep, check, Math.ceil(RUNS / 2));
    await fuzz(resolverHeavy, check, Math.max(1, Math.round(RUNS / 40)));
    figures.note(`Deep and wide: slowest answer per kind (ms): ${Object.entries(kinds).map(([k, v]) => `${k} ${v}`).join(', ')}. Depth past the schema's own nesting is only reachable through introspection.`);
    await expectNothingWritten();
    await expectServerUp('the deep and wide queries');
  });

  it('unknown fields, arguments and input fields are refused before anything runs', async () => {
    const known = new Set(ROOTS.map((r) => r.name));
    const name = fc.stringMatching(/^[_A-Za-z][_0-9A-Za-z]{0,24}$/).filter((n) => !known.has(n) && !n.startsWith('__'));
    const cases = fc.oneof(
      fc.tuple(fc.constantFrom('query', 'mutation'), name).map(([op, n]) => ({ root: undefined, query: `${op} { ${n} }`, variables: {} })),
      name.filter((n) => !['id', 'name', 'description', 'owner', 'myRole', 'taskCount', 'memberCount', 'members', 'tasks', 'createdAt', 'updatedAt', 'version'].includes(n))
        .map((n) => ({ root: 'board', query: `query($id: ID!) { board(id: $id) { id ${n} } }`, variables: { id: SEED_BOARD_ID } })),
      name.filter((n) => n !== 'id').map((n) => ({ root: 'board', query: `query($id: ID!) { board(id: $id, ${n}: 1) { id } }`, variables: { id: SEED_BOARD_ID } })),
      // Unknown input fields arrive through variables: the whole operation is refused, nothing created.
      fc.tuple(name.filter((n) => !['boardId', 'title', 'description', 'status', 'priority', 'assigneeId', 'dueDate', 'labels', 'afterPosition', 'beforePosition'].includes(n)), fc.jsonValue({ maxDepth: 2 }))
        .map(([n, v]) => ({ root: 'createTask', query: 'mutation($in: CreateTaskInput!) { createTask(input: $in) { id } }', variables: { in: { boardId: SEED_BOARD_ID, title: 'Never written', [n]: v } } })),
    );
    await fuzz(cases, async ({ root, query, variables }) => {
      const reply = await send('unknown fields', query, variables);
      expectRefused(reply, root);
      expect(reply.body.data ?? null).toBeNull();
    });
    await expectNothingWritten();
    await expectServerUp('the unknown fields');
  });
});

describe('variables', () => {
  it('wrong variable types, for every argument of every Query and Mutation field, are refused whole', async () => {
    const targets = ROOTS.filter((r) => r.field.args.length > 0).flatMap((root) => root.field.args.map((arg) => ({ root, arg })));
    let skipped = 0;
    await fuzz(fc.tuple(fc.constantFrom(...targets), fc.jsonValue({ maxDepth: 3 })), async ([{ root, arg }, value]) => {
      // Only values graphql-js itself refuses for the declared type (AppSync scalars have their own property below).
      if (coerces(arg.type, value)) {
        skipped++;
        return;
      }
      const variables = { ...sampleArgs(root), [arg.name]: value };
      const reply = await sendAs('wrong variable types', root, operationFor(root, 1), variables);
      expectRefused(reply, root.name);
      expect(reply.body.data ?? null).toBeNull();
    }, RUNS * 2);
    figures.note(`Wrong variable types: ${RUNS * 2} draws over the ${targets.length} arguments of ${ROOTS.filter((r) => r.field.args.length > 0).length} root fields; ${skipped} draws happened to be valid for their type and were not sent.`);
    await expectNothingWritten();
    await expectServerUp('the wrong variable types');
  });

  it('invalid AppSync scalars (AWSDate, AWSDateTime, AWSEmail) are refused wherever they are accepted', async () => {
    const positions = inputPositions(ROOTS).filter((p) => ['AWSDate', 'AWSDateTime', 'AWSEmail'].includes(p.typeName));
    expect(positions.length).toBeGreaterThan(0);
    const digits = (n: number, w: number) => String(n).padStart(w, '0');
    const year = fc.integer({ min: 1000, max: 9999 });
    const badDate = fc.oneof(
      fc.string({ maxLength: 30 }).filter((s) => !/^-?\d{4,}-\d{2}-\d{2}/.test(s)),
      fc.tuple(year, fc.oneof(fc.constant(0), fc.integer({ min: 13, max: 99 })), fc.integer({ min: 1, max: 28 })).map(([y, m, d]) => `${y}-${digits(m, 2)}-${digits(d, 2)}`),
      fc.tuple(year, fc.integer({ min: 1, max: 12 }), fc.oneof(fc.constant(0), fc.integer({ min: 32, max: 99 }))).map(([y, m, d]) => `${y}-${digits(m, 2)}-${digits(d, 2)}`),
      fc.constantFrom('2026-02-30', '2026-04-31', '2025-02-29', '2026-1-01', '2026/01/01', '20260101', '2026-01-01T', '2026-01-01 ', ' 2026-01-01', '2026-01-01T00:00:00Z', 'today', '2026-01-01Zjunk'),
    );
    const badDateTime = fc.oneof(
      fc.string({ maxLength: 40 }).filter((s) => !/^-?\d{4,}-\d{2}-\d{2}T/.test(s)),
      fc.constantFrom('2026-12-01T12:00:00', '2026-12-01', '2026-12-01T24:00:00Z', '2026-12-01T12:60:00Z', '2026-13-01T00:00:00Z', '2026-12-01 12:00:00Z', '2026-12-01T12:00:00.000', '2026-02-30T00:00:00Z', '1764590400'),
      badDate.map((d) => `${d}T12:00:00Z`),
    );
    const badEmail = fc.oneof(
      fc.string({ maxLength: 40 }).filter((s) => !s.includes('@')),
      fc.tuple(fc.string({ minLength: 1, maxLength: 8 }), fc.string({ minLength: 1, maxLength: 8 }), fc.string({ minLength: 1, maxLength: 8 })).map(([a, b, c]) => `${a}@${b}@${c}`),
      fc.constantFrom('', '@example.com', 'carol@', 'carol @example.com', 'carol@example.com ', '<carol@example.com>', 'carol@exa mple.com', 'carol@example.com\n'),
    );
    const bad: Record<string, fc.Arbitrary<string>> = { AWSDate: badDate, AWSDateTime: badDateTime, AWSEmail: badEmail };
    await fuzz(fc.constantFrom(...positions).chain((p) => bad[p.typeName].map((value) => ({ p, value }))), async ({ p, value }) => {
      const variables = withValue(sampleArgs(p.root), p.path, p.list ? [value] : value);
      const reply = await sendAs('invalid AppSync scalars', p.root, operationFor(p.root, 1), variables);
      expectRefused(reply, p.root.name);
      expect(reply.body.data ?? null).toBeNull();
    }, RUNS * 2);
    figures.note(`Invalid AppSync scalars at ${positions.map((p) => `${p.root.name}.${p.path.join('.')}`).join(', ')}: ${RUNS * 2} values, all refused.`);
    await expectNothingWritten();
    await expectServerUp('the invalid AppSync scalars');
  });

  it('oversized strings and lists, at every string position a user may send, write nothing', async () => {
    const userRoots = ROOTS.filter((r) => !iamOnly(r));
    const positions = inputPositions(userRoots).filter((p: InputPosition) => ['String', 'ID', 'AWSEmail'].includes(p.typeName));
    const lists = inputPositions(userRoots).filter((p) => p.list);
    const cases = fc.oneof(
      fc.tuple(fc.constantFrom(...positions), fc.integer({ min: 10_001, max: 300_000 })).map(([p, n]) => ({
        p, value: p.typeName === 'AWSEmail' ? `${'a'.repeat(n)}@example.com` : 'x'.repeat(n),
      })),
      fc.tuple(fc.constantFrom(...lists), fc.integer({ min: 21, max: 20_000 })).map(([p, n]) => ({ p, value: Array.from({ length: n }, (_, i) => `l${i}`) })),
      fc.tuple(fc.constantFrom(...lists), fc.integer({ min: 51, max: 100_000 })).map(([p, n]) => ({ p, value: ['x'.repeat(n)] })),
    );
    await fuzz(cases, async ({ p, value }) => {
      const variables = withValue(sampleArgs(p.root), p.path, p.list && !Array.isArray(value) ? [value] : value);
      const reply = await sendAs('oversized', p.root, operationFor(p.root, 1), variables);
      expectRefused(reply, p.root.name);
    });
    // Bodies past AppSync's 5 MB request limit never reach GraphQL.
    for (const size of [5 * 1024 * 1024 + 1, 8 * 1024 * 1024]) {
      const reply = await post('oversized', JSON.stringify({ query: 'mutation($in: CreateBoardInput!) { createBoard(input: $in) { id } }', variables: { in: { name: 'x'.repeat(size) } } }));
      expect(reply.status).toBe(413);
      expectRefused(reply);
    }
    figures.note(`Oversized values at ${positions.length} string positions and ${lists.length} list positions (strings 10,001 to 300,000 characters, lists of 21 to 20,000 items), plus 5 MB+ bodies (HTTP 413): all refused.`);
    await expectNothingWritten();
    await expectServerUp('the oversized values');
  });
});

describe('pagination', () => {
  /** Paged reads the owner may make, each with a real first page to take a token from. */
  const PAGED = [
    { name: 'myBoards', query: 'query($n: String) { myBoards(limit: 1, nextToken: $n) { items { id } nextToken } }', variables: {}, at: ['myBoards'] },
    { name: 'myTasks', query: 'query($n: String) { myTasks(limit: 1, nextToken: $n) { items { id } nextToken } }', variables: {}, at: ['myTasks'] },
    { name: 'boardActivity', query: 'query($b: ID!, $n: String) { boardActivity(boardId: $b, limit: 1, nextToken: $n) { items { id } nextToken } }', variables: { b: SEED_BOARD_ID }, at: ['boardActivity'] },
    { name: 'Board.tasks', query: 'query($b: ID!, $n: String) { board(id: $b) { tasks(limit: 1, nextToken: $n) { items { id } nextToken } } }', variables: { b: SEED_BOARD_ID }, at: ['board', 'tasks'] },
    { name: 'Board.members', query: 'query($b: ID!, $n: String) { board(id: $b) { members(limit: 1, nextToken: $n) { items { role } nextToken } } }', variables: { b: SEED_BOARD_ID }, at: ['board', 'members'] },
    { name: 'Task.comments', query: 'query($b: ID!, $t: ID!, $n: String) { task(boardId: $b, id: $t) { comments(limit: 1, nextToken: $n) { items { id } nextToken } } }', variables: { b: SEED_BOARD_ID, t: SEED_TASK_IDS.landingPage }, at: ['task', 'comments'] },
  ];
  /** The connection's nextToken in a reply's data. */
  const tokenIn = (data: unknown, at: string[]) => (at.reduce<unknown>((o, k) => (o as Record<string, unknown> | null)?.[k], data) as { nextToken: string | null }).nextToken;


  it('forged and misplaced nextTokens are refused, and never page into data the caller cannot see', async () => {
    const real: Record<string, string> = {};
    for (const p of PAGED) {
      const first = await send('forged nextTokens', p.query, { ...p.variables, n: null });
      expect(first.body.errors).toBeUndefined();
      real[p.name] = tokenIn(first.body.data, p.at)!;
      expect(real[p.name], p.name).toEqual(expect.any(String));
      // The real token works where it was issued.
      const second = await send('forged nextTokens', p.query, { ...p.variables, n: real[p.name] });
      expect(second.body.errors, p.name).toBeUndefined();
    }
    // bob's board, where alice is only a viewer, and the token of a page of it: another board's partition.
    const other = await send('forged nextTokens', PAGED[3].query, { b: SEED_BOB_BOARD_ID, n: null });
    const otherToken = tokenIn(other.body.data, ['board', 'tasks']);
    const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64');
    const b64url = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const flip = (t: string, i: number) => {
      const at = i % t.length;
      return t.slice(0, at) + (t[at] === 'A' ? 'B' : 'A') + t.slice(at + 1);
    };
    const forged = fc.oneof(
      // An empty nextToken means "the first page", like an absent one.
      fc.string({ minLength: 1, maxLength: 200 }),
      fc.base64String({ minLength: 4, maxLength: 300 }),
      fc.jsonValue({ maxDepth: 3 }).map(b64),
      // AppSync-looking envelopes around keys of other partitions, with a made-up MAC.
      fc.tuple(fc.constantFrom(`BOARD#${SEED_BOB_BOARD_ID}`, `USER#someone-else`, `TASK#${SEED_BOB_BOARD_ID}#x`), fc.string({ maxLength: 20 }), fc.base64String({ minLength: 4, maxLength: 44 }))
        .map(([pk, sk, mac]) => b64({ version: 1, token: b64url({ key: { pk: { S: pk }, sk: { S: sk } } }), mac })),
      fc.tuple(fc.constantFrom(...Object.values(real)), fc.nat()).map(([t, i]) => flip(t, i)),
    );
    const secrets = ['Reading list', 'Read The DynamoDB Book', 'Chapter 9'];
    await fuzz(fc.tuple(fc.constantFrom(...PAGED), forged), async ([p, token]) => {
      const reply = await send('forged nextTokens', p.query, { ...p.variables, n: token });
      expect(reply.body.errors, `${p.name} accepted ${token.slice(0, 80)}`).toBeDefined();
      expect(appSyncErrorProblems(reply)).toEqual([]);
      for (const s of secrets) expect(JSON.stringify(reply.body)).not.toContain(s);
    });
    // Real tokens used where they were not issued: another field, another board.
    let misplaced = 0;
    for (const p of PAGED) {
      for (const [issuer, token] of [...Object.entries(real), ['Board.tasks of another board', otherToken]] as Array<[string, string | null]>) {
        if (issuer === p.name || token === null) continue;
        const reply = await send('forged nextTokens', p.query, { ...p.variables, n: token });
        misplaced++;
        expect(reply.body.errors, `${p.name} accepted the token of ${issuer}`).toBeDefined();
        expect(appSyncErrorProblems(reply)).toEqual([]);
        for (const s of secrets) expect(JSON.stringify(reply.body)).not.toContain(s);
      }
    }
    figures.note(`nextTokens: ${RUNS} forged (random, base64 JSON, envelopes around other partitions' keys, real tokens with one character changed) and ${misplaced} real tokens used in another field or from another board: all refused, none paged into another partition.`);
    await expectNothingWritten();
  });
});

describe('transport', () => {
  it('bodies that are not GraphQL requests, odd methods and paths get AppSync request errors', async () => {
    const bodies = fc.oneof(
      fc.uint8Array({ maxLength: 2_000 }),
      fc.string({ unit: 'binary', maxLength: 500 }),
      fc.jsonValue({ maxDepth: 3 }).filter((v) => !(v && typeof v === 'object' && !Array.isArray(v) && typeof (v as { query?: unknown }).query === 'string')).map((v) => JSON.stringify(v)),
      fc.record({ query: fc.string({ maxLength: 50 }), variables: fc.oneof(fc.array(fc.jsonValue()), fc.string(), fc.integer()) }).map((v) => JSON.stringify(v)),
      fc.record({ query: fc.constant('{ me { id } }'), operationName: fc.oneof(fc.integer(), fc.array(fc.string()), fc.boolean()) }).map((v) => JSON.stringify(v)),
      fc.integer({ min: 1_000, max: 200_000 }).map((n) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`),
    );
    await fuzz(bodies, async (body) => {
      const reply = await post('raw bodies', body);
      if (reply.status === 200) {
        // A string that happens to be a GraphQL request: answered like any other.
        if (reply.body.errors) expect(appSyncErrorProblems(reply)).toEqual([]);
        return;
      }
      expect([400, 413]).toContain(reply.status);
      expect(appSyncErrorProblems(reply)).toEqual([]);
    });
    for (const [method, path] of [['GET', '/graphql'], ['PUT', '/graphql'], ['DELETE', '/graphql'], ['POST', '/graphql/x'], ['POST', '/'], ['GET', '/../../etc/passwd']]) {
      const reply = await post('raw bodies', '{"query":"{ me { id } }"}', alice, { method, path });
      expect([404, 405]).toContain(reply.status);
      expect(appSyncErrorProblems(reply)).toEqual([]);
    }
    await expectNothingWritten();
    await expectServerUp('the raw bodies');
  });

  it('random frames on the WebSocket get protocol errors, the connection keeps working, nothing leaks', async () => {
    const host = new URL(api.runtime.graphqlUrl).host;
    const auth = { host, ...alice };
    const frames = fc.oneof(
      fc.uint8Array({ maxLength: 500 }).map((b) => ({ binary: Buffer.from(b) })),
      fc.string({ unit: 'binary', maxLength: 300 }).map((text) => ({ text })),
      fc.jsonValue({ maxDepth: 3 }).map((v) => ({ text: JSON.stringify(v) })),
      fc.record({ type: fc.constantFrom('start', 'stop', 'connection_init', 'ka', 'data', 'complete', 'connection_terminate', 'GQL_START'), id: fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.constant(undefined)), payload: fc.jsonValue({ maxDepth: 3 }) })
        .map((v) => ({ text: JSON.stringify(v) })),
      // Starts that are almost right: bad data, bad auth, bad documents.
      fc.record({
        data: fc.oneof(fc.string({ maxLength: 100 }), fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)), fc.string({ maxLength: 60 }).map((q) => JSON.stringify({ query: `subscription { ${q} }` }))),
        authorization: fc.oneof(fc.constant(auth), fc.constant({ host }), fc.record({ host: fc.constant(host), Authorization: fc.string({ maxLength: 200 }) }), fc.jsonValue({ maxDepth: 1 })),
      }).map(({ data, authorization }) => ({ text: JSON.stringify({ type: 'start', id: `fz-${randomBytes(4).toString('hex')}`, payload: { data, extensions: { authorization } } }) })),
    );
    // Valid JSON that is not a message, and starts whose parts have the wrong JSON type: sent on every connection.
    const edges = ['null', '1', '"start"', '[]', '[{"type":"start"}]', 'true', '{"type":null}', '{"type":"start","payload":null}', '{"type":"stop","id":{}}']
      .map((text) => ({ text }))
      .concat(['null', '1', '"q"', '[]', '{"query":1}', '{"query":null}', '{"query":"subscription { onTaskChanged(boardId: \\"x\\") { id } }","variables":"v"}'].map((data) => ({ text: JSON.stringify({ type: 'start', id: `edge-${data}`, payload: { data, extensions: { authorization: auth } } }) })))
      .concat([null, 1, 'x', [], { host, Authorization: 1 }, { host, Authorization: null }, { host, Authorization: ['a'] }].map((authorization, i) => ({ text: JSON.stringify({ type: 'start', id: `auth-${i}`, payload: { data: '{"query":"subscription { onTaskChanged(boardId: \\"x\\") { id } }"}', extensions: { authorization } } }) })));
    const crashes: unknown[] = [];
    const onCrash = (reason: unknown) => crashes.push(reason);
    process.on('unhandledRejection', onCrash);
    let sent = 0;
    let replies = 0;
    await fuzz(fc.array(frames, { minLength: 1, maxLength: profile.fuzz.framesPerConnection }).map((batch) => [...edges, ...batch]), async (batch) => {
      const c = await connectRealtime(api.runtime.realtimeUrl, auth);
      try {
        c.send({ type: 'connection_init' });
        await c.next((f) => f.type === 'connection_ack');
        for (const f of batch) {
          if ('binary' in f) c.socket.send(f.binary);
          else c.socket.send(f.text);
        }
        sent += batch.length;
        perProperty['WebSocket frames'] = (perProperty['WebSocket frames'] ?? 0) + batch.length;
        // The connection still serves a real subscription after the noise.
        c.start('canary', 'subscription($b: ID!) { onTaskChanged(boardId: $b) { id } }', { b: SEED_BOARD_ID }, auth);
        await c.next((f) => f.id === 'canary' && f.type === 'start_ack', 10_000);
        expect(c.socket.readyState).toBe(WebSocket.OPEN);
        for (const f of c.frames) {
          replies++;
          expect(frameProblems(f), JSON.stringify(f)).toEqual([]);
          expect(JSON.stringify(f)).not.toContain('InternalFailure');
          if (f.type === 'error') figures.error(`ws:${((f.payload?.errors as Array<{ errorType?: string }> | undefined)?.[0]?.errorType) ?? '(no errorType)'}`);
        }
        expect(c.frames.filter((f) => f.type === 'data')).toEqual([]);
      } finally {
        c.socket.terminate();
      }
    });
    expect(crashes.map(String)).toEqual([]);
    // Garbage in the handshake itself: the connection is refused with AppSync's error, then closed.
    await fuzz(fc.oneof(fc.uint8Array({ minLength: 1, maxLength: 200 }).map((b) => Buffer.from(b).toString('base64url')), fc.jsonValue({ maxDepth: 2 }).map((v) => Buffer.from(JSON.stringify(v)).toString('base64url'))), async (header) => {
      const ws = new WebSocket(api.runtime.realtimeUrl, ['graphql-ws', `header-${header}`]);
      const got: Frame[] = [];
      ws.on('message', (d: Buffer) => got.push(JSON.parse(d.toString()) as Frame));
      try {
        const code = await within(5_000, `handshake with header ${header.slice(0, 60)}`, new Promise<number>((resolve, reject) => {
          ws.once('close', (c: number) => resolve(c));
          ws.once('error', reject);
        }));
        perProperty['WebSocket handshakes'] = (perProperty['WebSocket handshakes'] ?? 0) + 1;
        expect(code).toBe(1008);
        expect(got).toEqual([{ type: 'connection_error', payload: { errors: [{ errorType: expect.stringMatching(/UnauthorizedException$/), message: expect.any(String) }] } }]);
      } finally {
        ws.terminate();
      }
    }, Math.min(RUNS, 50));
    // A header naming the right host, with a credential of the wrong JSON type.
    for (const Authorization of [1, null, ['a'], { a: 1 }, true]) {
      const header = Buffer.from(JSON.stringify({ host, Authorization })).toString('base64url');
      const ws = new WebSocket(api.runtime.realtimeUrl, ['graphql-ws', `header-${header}`]);
      try {
        const code = await within(5_000, `handshake with Authorization ${JSON.stringify(Authorization)}`, new Promise<number>((resolve, reject) => {
          ws.once('close', (c: number) => resolve(c));
          ws.once('error', reject);
        }));
        expect(code, JSON.stringify(Authorization)).toBe(1008);
      } finally {
        ws.terminate();
      }
    }
    // Raw bytes to the port: not HTTP at all.
    for (let i = 0; i < Math.min(RUNS, 20); i++) {
      await new Promise<void>((resolve) => {
        const socket = tcpConnect(api.runtime.port, '127.0.0.1', () => socket.end(randomBytes(1 + (i * 97) % 4096)));
        socket.on('data', () => {});
        socket.on('close', () => resolve());
        socket.on('error', () => resolve());
      });
    }
    await sleep(200);
    process.off('unhandledRejection', onCrash);
    // In `npm start` an unhandled rejection ends the process: each one is a way to take the server down.
    expect(crashes.map(String)).toEqual([]);
    expect(api.runtime.realtime.subscriptionCount).toBe(0);
    figures.note(`WebSocket: ${sent} random frames (binary, text, JSON, protocol messages with wrong fields, almost-right starts) on ${RUNS} connections, ${replies} frames back, all well formed; each connection still served a subscription afterwards; garbage handshakes were refused with connection_error and close 1008; raw TCP garbage did not disturb the server.`);
    await expectNothingWritten();
    await expectServerUp('the WebSocket noise');
  });
});

/** A server frame as AppSync sends them: a known type, and errors with messages. */
function frameProblems(f: Frame): string[] {
  const known = ['connection_ack', 'ka', 'error', 'complete', 'start_ack', 'data', 'connection_error'];
  if (!known.includes(f.type)) return [`unknown frame type ${f.type}`];
  if (f.type !== 'error' && f.type !== 'connection_error') return [];
  const errors = f.payload?.errors;
  if (!Array.isArray(errors) || errors.length === 0) return ['an error frame without errors'];
  return errors.flatMap((e: { message?: unknown }) => (typeof e.message === 'string' && e.message.length > 0 ? [] : [`an error without a message: ${JSON.stringify(e)}`]));
}
