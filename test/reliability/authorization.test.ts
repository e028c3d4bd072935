/**
 * Authorization, nothing leaked: every Query and Mutation field and every subscription of the
 * deployed schema × every kind of caller, good and bad. The field list comes from the schema; the
 * policy table below must name every field, so a new field without a rule fails this suite.
 *
 * A leak is any of: a denied caller getting a value for the field, a secret of the board (its
 * name, a task title, a comment, an activity) in an answer to a caller who may not read the board,
 * a change to the table after a denied mutation, or a subscription event for a denied subscriber.
 */
import { generateKeyPairSync, createSign, randomBytes } from 'node:crypto';
import {
  AdminCreateUserCommand, AdminSetUserPasswordCommand, CognitoIdentityProviderClient, CreateUserPoolClientCommand, CreateUserPoolCommand, InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { valueFromAST } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { claimsOf, signWithEmulatorKey, tamperSignature } from '../helpers/credentials';
import type { GraphQLReply, LocalApi } from '../helpers/local-api';
import { appSyncErrorProblems } from './support/appsync-errors';
import { SuiteFigures } from './support/figures';
import { profile } from './support/profile';
import { loadTaskboardSchema, operationFor, rootFields, type RootField } from './support/schema-ops';
import { signedHeaders, type SigningKey } from './support/sigv4';
import { createUsers, field, givenReliabilityApi, signInUser, sleep, tableChecksum, within } from './support/taskboard';

const figures = new SuiteFigures('authorization', profile.name);
const schema = loadTaskboardSchema();
const ROOTS = rootFields(schema);

const USERS = ['owner', 'editor', 'viewer', 'nonMember', 'admin'] as const;
/** Callers whose credential is valid: the resolvers and field rules decide. */
const RESOLVING = [...USERS, 'iam'] as const;
/** Callers whose credential must be refused before anything runs. */
const REFUSED = [
  'noAuth', 'apiKey', 'expired', 'tampered', 'forgedClaims', 'algNone', 'foreignKey', 'otherPool', 'refreshToken',
  'iamWrongSecret', 'iamUnknownKey', 'iamOldDate', 'iamFutureDate', 'iamReplayed',
] as const;
const CALLERS = [...RESOLVING, ...REFUSED];
type ResolvingCaller = (typeof RESOLVING)[number];
type Caller = (typeof CALLERS)[number];
/** Callers who may read the board, so its secrets may appear in what they are allowed to get. */
const READERS_OF_BOARD: Caller[] = ['owner', 'editor', 'viewer', 'admin'];

type Outcome = 'ok' | 'Unauthorized' | 'ValidationError';
interface Fixture { boardId: string; taskId: string; commentId: string; secrets: string[] }
interface Rule {
  /** Arguments for a call on the fixture's board by `caller`. */
  variables: (f: Fixture, caller: Caller) => Record<string, unknown>;
  /** Outcomes other than Unauthorized, by caller; every caller not listed must be Unauthorized. */
  allow: Partial<Record<ResolvingCaller, Outcome>>;
  /** Allowed calls change the board: each gets a fixture of its own. */
  fresh?: boolean;
}

const EVERY_USER: Rule['allow'] = { owner: 'ok', editor: 'ok', viewer: 'ok', nonMember: 'ok', admin: 'ok' };
const READERS: Rule['allow'] = { owner: 'ok', editor: 'ok', viewer: 'ok', admin: 'ok' };
const EDITORS: Rule['allow'] = { owner: 'ok', editor: 'ok' };
const OWNER: Rule['allow'] = { owner: 'ok' };

let subs: Record<'alice' | 'bob' | 'carol' | 'dave', string>;
const DAVE = 'dave-reliability@example.com';
let counter = 0;
const unique = () => `${Date.now()}-${counter++}`;

/** The authorization policy, field by field (docs/data-model.md and the resolvers' role checks). */
const RULES: Record<string, Rule> = {
  'Query.me': { variables: () => ({}), allow: EVERY_USER },
  'Query.board': { variables: (f) => ({ id: f.boardId }), allow: READERS },
  'Query.myBoards': { variables: () => ({ limit: 100 }), allow: EVERY_USER },
  'Query.task': { variables: (f) => ({ boardId: f.boardId, id: f.taskId }), allow: READERS },
  'Query.myTasks': { variables: () => ({ limit: 100 }), allow: EVERY_USER },
  'Query.boardActivity': { variables: (f) => ({ boardId: f.boardId }), allow: READERS },
  'Query.boardStats': { variables: (f) => ({ boardId: f.boardId }), allow: READERS },
  'Mutation.updateProfile': { variables: (_f, c) => ({ input: { displayName: `Renamed by ${c}` } }), allow: EVERY_USER },
  'Mutation.createBoard': { variables: (_f, c) => ({ input: { name: `Board of ${c}` } }), allow: EVERY_USER },
  'Mutation.updateBoard': { variables: (f) => ({ input: { id: f.boardId, expectedVersion: 1, name: 'Renamed board' } }), allow: OWNER, fresh: true },
  'Mutation.deleteBoard': { variables: (f) => ({ id: f.boardId }), allow: OWNER, fresh: true },
  'Mutation.addMember': { variables: (f) => ({ boardId: f.boardId, email: DAVE, role: 'VIEWER' }), allow: OWNER, fresh: true },
  'Mutation.updateMemberRole': { variables: (f) => ({ boardId: f.boardId, userId: subs.bob, role: 'VIEWER' }), allow: OWNER, fresh: true },
  'Mutation.removeMember': { variables: (f) => ({ boardId: f.boardId, userId: subs.bob }), allow: OWNER, fresh: true },
  // The owner is the board's only owner: leaving is refused for that reason, not for lack of rights.
  'Mutation.leaveBoard': { variables: (f) => ({ boardId: f.boardId }), allow: { owner: 'ValidationError', editor: 'ok', viewer: 'ok' }, fresh: true },
  'Mutation.createTask': { variables: (f, c) => ({ input: { boardId: f.boardId, title: `Task by ${c}` } }), allow: EDITORS, fresh: true },
  'Mutation.updateTask': { variables: (f) => ({ input: { boardId: f.boardId, id: f.taskId, expectedVersion: 1, title: 'Changed' } }), allow: EDITORS, fresh: true },
  'Mutation.moveTask': { variables: (f) => ({ input: { boardId: f.boardId, id: f.taskId, expectedVersion: 1, status: 'DONE' } }), allow: EDITORS, fresh: true },
  'Mutation.deleteTask': { variables: (f) => ({ boardId: f.boardId, id: f.taskId }), allow: EDITORS, fresh: true },
  'Mutation.addComment': { variables: (f, c) => ({ input: { boardId: f.boardId, taskId: f.taskId, body: `Comment by ${c}` } }), allow: EDITORS, fresh: true },
  // The comment is the owner's: an editor may delete only their own.
  'Mutation.deleteComment': { variables: (f) => ({ boardId: f.boardId, taskId: f.taskId, id: f.commentId }), allow: OWNER, fresh: true },
  'Mutation.publishActivity': {
    variables: (f) => ({ input: { id: `act-${unique()}`, boardId: f.boardId, action: 'TASK_UPDATED', summary: 'published', createdAt: new Date().toISOString() } }),
    allow: { iam: 'ok' },
  },
  'Subscription.onTaskChanged': { variables: (f) => ({ boardId: f.boardId }), allow: READERS },
  'Subscription.onCommentAdded': { variables: (f) => ({ boardId: f.boardId }), allow: READERS },
  'Subscription.onMemberChanged': { variables: (f) => ({ boardId: f.boardId }), allow: READERS },
  'Subscription.onActivity': { variables: (f) => ({ boardId: f.boardId }), allow: READERS },
};

let api: LocalApi;
let tokens: Record<string, string>;
let shared: Fixture;
const iamKeys = () => ({ accessKeyId: api.runtime.iamCredentials.accessKeyId, secretAccessKey: api.runtime.iamCredentials.secretAccessKey });
const MINUTE = 60_000;

/** What each IAM variant signs with, and when. */
function iamSigning(caller: Caller): { key: SigningKey; date: Date; replay: boolean } | undefined {
  switch (caller) {
    case 'iam': return { key: iamKeys(), date: new Date(), replay: false };
    case 'iamWrongSecret': return { key: { ...iamKeys(), secretAccessKey: randomBytes(30).toString('base64') }, date: new Date(), replay: false };
    case 'iamUnknownKey': return { key: { accessKeyId: 'AKIAUNKNOWN000000000', secretAccessKey: randomBytes(30).toString('base64') }, date: new Date(), replay: false };
    case 'iamOldDate': return { key: iamKeys(), date: new Date(Date.now() - 15 * MINUTE), replay: false };
    case 'iamFutureDate': return { key: iamKeys(), date: new Date(Date.now() + 15 * MINUTE), replay: false };
    // A valid signature captured from another request, sent with this one's body.
    case 'iamReplayed': return { key: iamKeys(), date: new Date(), replay: true };
    default: return undefined;
  }
}

/** The credential headers `caller` sends with `body` to `url`. */
async function credentials(caller: Caller, url: string, body: string): Promise<Record<string, string>> {
  const iam = iamSigning(caller);
  if (iam) return signedHeaders(url, iam.replay ? JSON.stringify({ query: '{ __typename }' }) : body, iam.key, iam.date);
  if (caller === 'noAuth') return {};
  if (caller === 'apiKey') return { 'x-api-key': 'da2-00000000000000000000000000' };
  return { authorization: tokens[caller] };
}

beforeAll(async () => {
  api = await givenReliabilityApi();
  const [dave] = await createUsers(api, [DAVE]);
  const seeded = (name: string) => api.runtime.users.find((u) => u.username === name)!.sub;
  const daveToken = (await signInUser(api, dave)).authorization;
  const davesMe = await api.request('{ me { id } }', {}, { authorization: daveToken });
  subs = { alice: seeded('alice'), bob: seeded('bob'), carol: seeded('carol'), dave: field<{ id: string }>(davesMe, 'me')!.id };
  const alice = await api.signIn('alice');
  const aliceClaims = claimsOf(alice.idToken);
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const [head, , signature] = alice.idToken.split('.');
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const foreignInput = `${b64({ alg: 'RS256', kid: 'CognitoLocal', typ: 'JWT' })}.${b64(aliceClaims)}`;
  tokens = {
    owner: alice.idToken,
    editor: (await api.as('bob')).authorization,
    viewer: (await api.as('carol')).authorization,
    nonMember: daveToken,
    admin: (await api.as('admin')).authorization,
    expired: signWithEmulatorKey({ ...aliceClaims, iat: (aliceClaims.iat as number) - 7200, exp: Math.floor(Date.now() / 1000) - 60 }),
    tampered: tamperSignature((await api.signIn('bob')).idToken),
    // dave's token claiming alice's identity and the admins group, with alice's signature.
    forgedClaims: `${head}.${b64({ ...claimsOf(daveToken), sub: subs.alice, 'cognito:groups': ['admins'] })}.${signature}`,
    algNone: `${b64({ alg: 'none', typ: 'JWT', kid: 'CognitoLocal' })}.${b64({ ...aliceClaims, 'cognito:groups': ['admins'] })}.`,
    foreignKey: `${foreignInput}.${createSign('RSA-SHA256').update(foreignInput).sign(privateKey).toString('base64url')}`,
    refreshToken: alice.refreshToken,
  };
  // A real token from another pool of the same emulator: valid signature, wrong issuer.
  const cognito = new CognitoIdentityProviderClient({ endpoint: api.runtime.cognito!.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const pool = (await cognito.send(new CreateUserPoolCommand({ PoolName: 'elsewhere', UsernameAttributes: ['email'] }))).UserPool!.Id!;
  const client = (await cognito.send(new CreateUserPoolClientCommand({ UserPoolId: pool, ClientName: 'c', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'] }))).UserPoolClient!.ClientId!;
  await cognito.send(new AdminCreateUserCommand({ UserPoolId: pool, Username: 'mallory@example.com', MessageAction: 'SUPPRESS' }));
  await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: pool, Username: 'mallory@example.com', Password: 'Passw0rd!mallory', Permanent: true }));
  const other = await cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: client, AuthParameters: { USERNAME: 'mallory@example.com', PASSWORD: 'Passw0rd!mallory' } }));
  tokens.otherPool = other.AuthenticationResult!.IdToken!;
  cognito.destroy();
  shared = await newFixture();
});
afterAll(async () => {
  figures.write();
  if (api) await within(30_000, 'closing the runtime', api.close());
});

async function call(caller: Caller, query: string, variables: Record<string, unknown>): Promise<GraphQLReply> {
  const body = JSON.stringify({ query, variables });
  const reply = await api.raw(body, await credentials(caller, api.runtime.graphqlUrl, body));
  figures.count(reply.body.errors, reply.status);
  return reply;
}

async function ok(caller: Caller, query: string, variables: Record<string, unknown>): Promise<Record<string, unknown>> {
  const r = await call(caller, query, variables);
  if (r.body.errors) throw new Error(`${query} as ${caller}: ${JSON.stringify(r.body.errors)}`);
  return r.body.data!;
}

/** A board of alice's with bob EDITOR and carol VIEWER, a task assigned to bob, alice's comment and an activity, all named with secrets. */
async function newFixture(): Promise<Fixture> {
  const tag = randomBytes(4).toString('hex');
  const secrets = [`Secret board ${tag}`, `Secret description ${tag}`, `Secret task ${tag}`, `Secret comment ${tag}`, `Secret activity ${tag}`];
  const board = await ok('owner', 'mutation($in: CreateBoardInput!) { createBoard(input: $in) { id } }', { in: { name: secrets[0], description: secrets[1] } });
  const boardId = (board.createBoard as { id: string }).id;
  await ok('owner', 'mutation($b: ID!) { addMember(boardId: $b, email: "bob@example.com", role: EDITOR) { role } }', { b: boardId });
  await ok('owner', 'mutation($b: ID!) { addMember(boardId: $b, email: "carol@example.com", role: VIEWER) { role } }', { b: boardId });
  const task = await ok('owner', 'mutation($in: CreateTaskInput!) { createTask(input: $in) { id } }', { in: { boardId, title: secrets[2], assigneeId: subs.bob } });
  const taskId = (task.createTask as { id: string }).id;
  const comment = await ok('owner', 'mutation($in: AddCommentInput!) { addComment(input: $in) { id } }', { in: { boardId, taskId, body: secrets[3] } });
  await ok('iam', 'mutation($in: PublishActivityInput!) { publishActivity(input: $in) { id } }', {
    in: { id: `act-${tag}`, boardId, action: 'TASK_CREATED', summary: secrets[4], createdAt: new Date().toISOString() },
  });
  return { boardId, taskId, commentId: (comment.addComment as { id: string }).id, secrets };
}

function expectedOutcome(rule: Rule, caller: ResolvingCaller): Outcome {
  return rule.allow[caller] ?? 'Unauthorized';
}

function ruleFor(root: RootField): Rule {
  const rule = RULES[root.id];
  if (!rule) throw new Error(`${root.id} is in the schema but not in the authorization matrix: add its rule to RULES`);
  return rule;
}

let leaks = 0;
function noLeak(condition: boolean, message: string): void {
  if (!condition) leaks++;
  expect(condition, message).toBe(true);
}

describe('the matrix covers the schema', () => {
  it('every Query, Mutation and Subscription field has a rule, and every rule a field', () => {
    expect(Object.keys(RULES).sort()).toEqual(ROOTS.map((r) => r.id).sort());
  });
});

describe.each(ROOTS.filter((r) => r.kind !== 'Subscription'))('$id', (root) => {
  it.each(CALLERS)('as %s', async (caller) => {
    const rule = ruleFor(root);
    const expected: Outcome | 'refused' = (REFUSED as readonly string[]).includes(caller) ? 'refused' : expectedOutcome(rule, caller as ResolvingCaller);
    const fixture = expected === 'ok' && rule.fresh ? await newFixture() : shared;
    const mutation = root.kind === 'Mutation';
    const before = mutation && expected !== 'ok' ? await tableChecksum(api) : undefined;
    const reply = await call(caller, operationFor(root, 4), rule.variables(fixture, caller));
    const text = JSON.stringify(reply.body);
    if (expected === 'ok') {
      expect(reply.status).toBe(200);
      expect(reply.body.errors, text.slice(0, 500)).toBeUndefined();
      expect(field(reply, root.name), text.slice(0, 300)).toBeDefined();
    } else if (expected === 'refused') {
      const iam = caller.startsWith('iam');
      expect(reply.status, text).toBe(iam ? 403 : 401);
      expect(appSyncErrorProblems(reply)).toEqual([]);
      expect(reply.body.errors).toEqual([{ errorType: iam ? expect.stringMatching(/^(InvalidSignatureException|UnrecognizedClientException)$/) : 'UnauthorizedException', message: expect.any(String) }]);
      noLeak(reply.body.data === undefined, `${caller} got data: ${text.slice(0, 300)}`);
    } else {
      expect(reply.status).toBe(200);
      expect(appSyncErrorProblems(reply)).toEqual([]);
      noLeak(field(reply, root.name) === undefined, `${caller} got ${root.id}: ${text.slice(0, 300)}`);
      expect(reply.body.errors?.map((e) => e.errorType), text.slice(0, 300)).toEqual([expected]);
      if (expected === 'Unauthorized') expect(reply.body.errors![0].message).toBe(`Not Authorized to access ${root.name} on type ${root.kind}`);
    }
    if (expected !== 'ok' || !READERS_OF_BOARD.includes(caller)) {
      for (const secret of fixture.secrets) noLeak(!text.includes(secret), `${caller} saw "${secret}" through ${root.id}: ${text.slice(0, 300)}`);
    }
    if (before) noLeak(JSON.stringify(await tableChecksum(api)) === JSON.stringify(before), `${caller}'s refused ${root.id} changed the table`);
  });
});

/** The header a caller's WebSocket handshake carries (AppSync signs IAM over POST /graphql/connect with `{}`). */
async function connectionHeader(caller: Caller): Promise<Record<string, string>> {
  const host = new URL(api.runtime.graphqlUrl).host;
  return { host, ...(await credentials(caller, `${api.runtime.graphqlUrl}/connect`, '{}')) };
}

interface Subscriber { caller: Caller; socket: WebSocket; frames: Array<{ type: string; id?: string; payload?: Record<string, unknown> }>; closeCode?: number }

async function subscribe(caller: Caller, query: string, variables: Record<string, unknown>): Promise<Subscriber> {
  const header = await connectionHeader(caller);
  const socket = new WebSocket(api.runtime.realtimeUrl, ['graphql-ws', `header-${Buffer.from(JSON.stringify(header)).toString('base64url')}`]);
  const s: Subscriber = { caller, socket, frames: [] };
  socket.on('message', (d: Buffer) => s.frames.push(JSON.parse(d.toString()) as Subscriber['frames'][number]));
  socket.on('close', (code: number) => { s.closeCode = code; });
  await within(5_000, `${caller} connecting`, new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  }));
  socket.send(JSON.stringify({ type: 'connection_init' }));
  const deadline = Date.now() + 5_000;
  while (!s.frames.some((f) => f.type === 'connection_ack' || f.type === 'connection_error') && Date.now() < deadline) await sleep(10);
  if (!s.frames.some((f) => f.type === 'connection_ack')) return s;
  const data = JSON.stringify({ query, variables });
  socket.send(JSON.stringify({ type: 'start', id: 'sub', payload: { data, extensions: { authorization: { host: header.host, ...(await credentials(caller, api.runtime.graphqlUrl, data)) } } } }));
  while (!s.frames.some((f) => f.id === 'sub' && (f.type === 'start_ack' || f.type === 'error')) && Date.now() < deadline + 5_000) await sleep(10);
  return s;
}

describe.each(ROOTS.filter((r) => r.kind === 'Subscription'))('$id', (root) => {
  const subscribers = new Map<Caller, Subscriber>();
  let fixture: Fixture;
  let trigger: string;

  beforeAll(async () => {
    const rule = ruleFor(root);
    fixture = await newFixture();
    const other = await newFixture();
    const subscribeDirective = root.field.astNode?.directives?.find((d) => d.name.value === 'aws_subscribe');
    const mutations = valueFromAST(subscribeDirective!.arguments![0].value, schema.getDirective('aws_subscribe')!.args[0].type) as string[];
    trigger = mutations[0];
    const triggerRoot = ROOTS.find((r) => r.id === `Mutation.${trigger}`)!;
    const triggerRule = ruleFor(triggerRoot);
    const triggerCaller: Caller = triggerRule.allow.owner === 'ok' ? 'owner' : 'iam';
    // The fixtures' own writes reach onActivity through the stream: handled before anyone subscribes.
    await api.runtime.streams?.settled(30_000);
    for (const caller of CALLERS) subscribers.set(caller, await subscribe(caller, operationFor(root, 2), rule.variables(fixture, caller)));
    // First an event on another board (nobody here may receive it), then one on the subscribed board.
    await ok(triggerCaller, operationFor(triggerRoot, 1), triggerRule.variables(other, triggerCaller));
    await ok(triggerCaller, operationFor(triggerRoot, 1), triggerRule.variables(fixture, triggerCaller));
    const allowed = [...subscribers.values()].filter((s) => !(REFUSED as readonly string[]).includes(s.caller) && expectedOutcome(rule, s.caller as ResolvingCaller) === 'ok');
    const deadline = Date.now() + 10_000;
    while (allowed.some((s) => !s.frames.some((f) => f.type === 'data')) && Date.now() < deadline) await sleep(20);
    // Time for a stray event to arrive where it must not.
    await sleep(300);
  });
  afterAll(() => {
    for (const s of subscribers.values()) s.socket.terminate();
  });

  it.each(CALLERS)('as %s', (caller) => {
    const rule = ruleFor(root);
    const s = subscribers.get(caller)!;
    const events = s.frames.filter((f) => f.type === 'data');
    const text = JSON.stringify(s.frames);
    figures.requests += 2;
    if ((REFUSED as readonly string[]).includes(caller)) {
      expect(s.frames, text).toEqual([{ type: 'connection_error', payload: { errors: [{ errorType: expect.stringMatching(/UnauthorizedException$/), message: expect.any(String) }] } }]);
      figures.error('ws:connection_error');
      return;
    }
    if (expectedOutcome(rule, caller as ResolvingCaller) === 'ok') {
      expect(s.frames.find((f) => f.id === 'sub')?.type, text).toBe('start_ack');
      // Exactly the subscribed board's event, never the other board's.
      expect(events, text).toHaveLength(1);
      expect((events[0].payload!.data as Record<string, { boardId: string }>)[root.name].boardId).toBe(fixture.boardId);
      return;
    }
    const refusal = s.frames.find((f) => f.id === 'sub');
    expect(refusal?.type, text).toBe('error');
    expect((refusal!.payload!.errors as Array<{ errorType: string }>)[0].errorType).toBe('Unauthorized');
    figures.error('ws:Unauthorized');
    noLeak(events.length === 0, `${caller} received ${root.name} events: ${text.slice(0, 300)}`);
    for (const secret of fixture.secrets) noLeak(!text.includes(secret), `${caller} saw "${secret}" through ${root.id}`);
  });
});

describe('totals', () => {
  it('found no leak', () => {
    figures.addLeaks(leaks);
    const fields = ROOTS.length;
    figures.note(`${fields} root fields from the schema (${ROOTS.filter((r) => r.kind === 'Query').length} queries, ${ROOTS.filter((r) => r.kind === 'Mutation').length} mutations, ${ROOTS.filter((r) => r.kind === 'Subscription').length} subscriptions) × ${CALLERS.length} callers = ${fields * CALLERS.length} cases: ${RESOLVING.join(', ')} (valid credentials) and ${REFUSED.join(', ')} (refused). Each allowed mutation ran on a board of its own; every refused mutation was followed by a checksum of the whole table.`);
    figures.note(`Subscriptions: each caller connected and started the subscription on a board, then the first mutation of its @aws_subscribe list ran on another board and on that board; allowed subscribers got exactly their board's event, refused credentials got connection_error, denied users got an Unauthorized error and no event. Leaks found: ${leaks}.`);
    expect(leaks).toBe(0);
  });
});
