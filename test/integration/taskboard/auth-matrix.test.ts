/**
 * Who may do what on the Taskboard API, over HTTP against the local runtime with real tokens from
 * local Cognito: every operation × every kind of caller, in one table. Authorization lives in the
 * resolvers (membership and role checks) and in the schema's auth directives; credentials are
 * verified by the runtime as AppSync verifies them.
 */
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import {
  AdminConfirmSignUpCommand, AdminCreateUserCommand, AdminSetUserPasswordCommand, CognitoIdentityProviderClient, CreateUserPoolClientCommand, CreateUserPoolCommand,
  InitiateAuthCommand, ListUsersCommand, SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_BOARD_ID, SEED_BOB_BOARD_ID, SEED_TASK_IDS } from '../../../seed/taskboard';
import { claimsOf, sigV4Headers, signWithEmulatorKey, tamperSignature } from '../../helpers/credentials';
import type { GraphQLReply, LocalApi } from '../../helpers/local-api';
import { givenTaskboardApi } from '../../helpers/taskboard-api';

let api: LocalApi;
/** Headers by caller kind; IAM is signed per request. */
const callers: Record<string, Record<string, string>> = {};

type Caller = 'owner' | 'editor' | 'viewer' | 'nonMember' | 'admin' | 'noToken' | 'expired' | 'otherPool' | 'tampered' | 'iam' | 'apiKey';
const CALLERS: Caller[] = ['owner', 'editor', 'viewer', 'nonMember', 'admin', 'noToken', 'expired', 'otherPool', 'tampered', 'iam', 'apiKey'];

beforeAll(async () => {
  api = await givenTaskboardApi(undefined, { streams: false });
  // Roles on the board each operation targets (SEED_BOARD_ID, or bob's board for the viewer).
  callers.owner = await api.as('alice');
  callers.editor = await api.as('bob');
  callers.viewer = await api.as('alice');
  callers.nonMember = await api.as('carol');
  callers.admin = await api.as('admin');
  callers.noToken = {};
  const alice = claimsOf(callers.owner.authorization);
  callers.expired = { authorization: signWithEmulatorKey({ ...alice, iat: alice.iat as number - 7200, exp: Math.floor(Date.now() / 1000) - 60 }) };
  callers.tampered = { authorization: tamperSignature((await api.signIn('bob')).idToken) };
  callers.apiKey = { 'x-api-key': 'da2-0000000000000000000000000' };
  // A real token from a different pool of the same emulator: valid signature, wrong issuer.
  const cognito = new CognitoIdentityProviderClient({ endpoint: api.runtime.cognito!.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const pool = (await cognito.send(new CreateUserPoolCommand({ PoolName: 'elsewhere', UsernameAttributes: ['email'] }))).UserPool!.Id!;
  const client = (await cognito.send(new CreateUserPoolClientCommand({ UserPoolId: pool, ClientName: 'c', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'] }))).UserPoolClient!.ClientId!;
  await cognito.send(new AdminCreateUserCommand({ UserPoolId: pool, Username: 'mallory@example.com', MessageAction: 'SUPPRESS' }));
  await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: pool, Username: 'mallory@example.com', Password: 'Passw0rd!mallory', Permanent: true }));
  const other = await cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: client, AuthParameters: { USERNAME: 'mallory@example.com', PASSWORD: 'Passw0rd!mallory' } }));
  callers.otherPool = { authorization: other.AuthenticationResult!.IdToken! };
  cognito.destroy();
}, 180_000);
afterAll(async () => api?.close());

async function call(caller: Caller, query: string, variables: Record<string, unknown>): Promise<GraphQLReply> {
  if (caller === 'iam') {
    const body = JSON.stringify({ query, variables });
    return api.raw(body, await sigV4Headers(api.runtime.graphqlUrl, body, api.runtime.iamCredentials));
  }
  return api.request(query, variables, callers[caller]);
}

const countItems = async () => (await api.runtime.client.send(new ScanCommand({ TableName: api.runtime.model.outputs.TableName, Select: 'COUNT' }))).Count;

/** What a caller gets: data, a field-level error type, or an HTTP-level rejection. */
type Expect = { ok: true; check?: (data: Record<string, unknown>) => void } | { fieldError: string } | { status: number; errorType: string; message?: string };

const OK = { ok: true } as const;
const UNAUTHORIZED = { fieldError: 'Unauthorized' } as const;
const NO_HEADER = { status: 401, errorType: 'UnauthorizedException', message: 'Valid authorization header not provided.' } as const;
const REJECTED = { status: 401, errorType: 'UnauthorizedException', message: 'You are not authorized to make this call.' } as const;
const EXPIRED = { status: 401, errorType: 'UnauthorizedException', message: 'Token has expired.' } as const;
/** Credentials that never reach a resolver. */
const BAD_CREDENTIALS: Partial<Record<Caller, Expect>> = { noToken: NO_HEADER, expired: EXPIRED, otherPool: REJECTED, tampered: REJECTED, apiKey: NO_HEADER };

interface Operation {
  name: string;
  query: string;
  variables: (caller: Caller) => Record<string, unknown>;
  writes: boolean;
  expect: Partial<Record<Caller, Expect>>;
}

const boardFor = (caller: Caller) => (caller === 'viewer' ? SEED_BOB_BOARD_ID : SEED_BOARD_ID);
const taskFor = (caller: Caller) => (caller === 'viewer' ? SEED_TASK_IDS.dynamoBook : SEED_TASK_IDS.announcement);

const OPERATIONS: Operation[] = [
  {
    name: 'Query.myBoards', writes: false,
    query: '{ myBoards { items { id myRole } } }', variables: () => ({}),
    expect: { owner: OK, editor: OK, viewer: OK, nonMember: OK, admin: OK, iam: UNAUTHORIZED, ...BAD_CREDENTIALS },
  },
  {
    name: 'Query.board', writes: false,
    query: 'query($id: ID!) { board(id: $id) { id myRole } }', variables: (c) => ({ id: boardFor(c) }),
    expect: {
      owner: { ok: true, check: (d) => expect(d).toEqual({ board: { id: SEED_BOARD_ID, myRole: 'OWNER' } }) },
      editor: { ok: true, check: (d) => expect(d).toEqual({ board: { id: SEED_BOARD_ID, myRole: 'EDITOR' } }) },
      viewer: { ok: true, check: (d) => expect(d).toEqual({ board: { id: SEED_BOB_BOARD_ID, myRole: 'VIEWER' } }) },
      admin: { ok: true, check: (d) => expect(d).toEqual({ board: { id: SEED_BOARD_ID, myRole: null } }) },
      nonMember: UNAUTHORIZED, iam: UNAUTHORIZED, ...BAD_CREDENTIALS,
    },
  },
  {
    name: 'Query.boardStats', writes: false,
    query: 'query($id: ID!) { boardStats(boardId: $id) { boardId total } }', variables: (c) => ({ id: boardFor(c) }),
    expect: { owner: OK, editor: OK, viewer: OK, admin: OK, nonMember: UNAUTHORIZED, iam: UNAUTHORIZED, ...BAD_CREDENTIALS },
  },
  {
    name: 'Mutation.createBoard', writes: true,
    query: 'mutation($in: CreateBoardInput!) { createBoard(input: $in) { id myRole } }', variables: () => ({ in: { name: 'Matrix board' } }),
    expect: { owner: OK, editor: OK, viewer: OK, nonMember: OK, admin: OK, iam: UNAUTHORIZED, ...BAD_CREDENTIALS },
  },
  {
    name: 'Query.task', writes: false,
    query: 'query($b: ID!, $t: ID!) { task(boardId: $b, id: $t) { id } }', variables: (c) => ({ b: boardFor(c), t: taskFor(c) }),
    expect: { owner: OK, editor: OK, viewer: OK, admin: OK, nonMember: UNAUTHORIZED, iam: UNAUTHORIZED, ...BAD_CREDENTIALS },
  },
  {
    name: 'Query.myTasks', writes: false,
    query: '{ myTasks { items { id } } }', variables: () => ({}),
    expect: { owner: OK, editor: OK, viewer: OK, nonMember: OK, admin: OK, iam: UNAUTHORIZED, ...BAD_CREDENTIALS },
  },
  {
    name: 'Query.boardActivity', writes: false,
    query: 'query($b: ID!) { boardActivity(boardId: $b) { items { id } } }', variables: (c) => ({ b: boardFor(c) }),
    expect: { owner: OK, editor: OK, viewer: OK, admin: OK, nonMember: UNAUTHORIZED, iam: UNAUTHORIZED, ...BAD_CREDENTIALS },
  },
  {
    name: 'Query.me', writes: false,
    query: '{ me { id email } }', variables: () => ({}),
    expect: { owner: OK, editor: OK, viewer: OK, nonMember: OK, admin: OK, iam: UNAUTHORIZED, ...BAD_CREDENTIALS },
  },
  {
    name: 'Mutation.createTask', writes: true,
    query: 'mutation($in: CreateTaskInput!) { createTask(input: $in) { id } }', variables: (c) => ({ in: { boardId: boardFor(c), title: `Matrix task by ${c}` } }),
    // Admins read any board but write none; a viewer reads only.
    expect: { owner: OK, editor: OK, viewer: UNAUTHORIZED, admin: UNAUTHORIZED, nonMember: UNAUTHORIZED, iam: UNAUTHORIZED, ...BAD_CREDENTIALS },
  },
  {
    name: 'Mutation.addComment', writes: true,
    query: 'mutation($in: AddCommentInput!) { addComment(input: $in) { id } }', variables: (c) => ({ in: { boardId: boardFor(c), taskId: taskFor(c), body: `from ${c}` } }),
    expect: { owner: OK, editor: OK, viewer: UNAUTHORIZED, admin: UNAUTHORIZED, nonMember: UNAUTHORIZED, iam: UNAUTHORIZED, ...BAD_CREDENTIALS },
  },
  {
    name: 'Mutation.publishActivity', writes: true,
    query: 'mutation($in: PublishActivityInput!) { publishActivity(input: $in) { id } }',
    variables: (c) => ({ in: { id: `matrix-${c}`, boardId: SEED_BOARD_ID, action: 'TASK_UPDATED', summary: 'matrix', createdAt: '2026-12-01T12:00:00.000Z' } }),
    // Only backend functions (IAM) publish activity; no user may.
    expect: { owner: UNAUTHORIZED, editor: UNAUTHORIZED, viewer: UNAUTHORIZED, nonMember: UNAUTHORIZED, admin: UNAUTHORIZED, iam: OK, ...BAD_CREDENTIALS },
  },
];

describe.each(OPERATIONS)('$name', (op) => {
  it.each(CALLERS)('as %s', async (caller) => {
    const expected = op.expect[caller];
    if (!expected) throw new Error(`${op.name} has no expectation for ${caller}: add one to the matrix`);
    const before = op.writes ? await countItems() : 0;
    const reply = await call(caller, op.query, op.variables(caller));
    if ('ok' in expected) {
      expect(reply.status).toBe(200);
      expect(reply.body.errors, JSON.stringify(reply.body.errors)).toBeUndefined();
      expected.check?.(reply.body.data!);
      return;
    }
    if ('fieldError' in expected) {
      expect(reply.status).toBe(200);
      const field = op.name.split('.')[1];
      // A nullable root field is null in data; a non-null one nulls the whole data.
      expect(reply.body.data === null || reply.body.data?.[field] === null, JSON.stringify(reply.body.data)).toBe(true);
      expect(reply.body.errors).toEqual([expect.objectContaining({ path: [field], errorType: expected.fieldError, message: `Not Authorized to access ${field} on type ${op.name.split('.')[0]}` })]);
    } else {
      expect(reply.status).toBe(expected.status);
      expect(reply.body).toEqual({ errors: [{ errorType: expected.errorType, message: expected.message ?? expect.any(String) }] });
    }
    if (op.writes) expect(await countItems()).toBe(before);
  });
});

describe('tokens', () => {
  it('accepts the access token as well as the ID token, with or without Bearer', async () => {
    const { accessToken, idToken } = await api.signIn('bob');
    for (const authorization of [accessToken, `Bearer ${accessToken}`, `Bearer ${idToken}`]) {
      const r = await api.request('{ myBoards { items { id } } }', {}, { authorization });
      expect(r.status, authorization.slice(0, 12)).toBe(200);
      expect(r.body.errors).toBeUndefined();
      expect((r.body.data as { myBoards: { items: Array<{ id: string }> } }).myBoards.items.map((b) => b.id)).toContain(SEED_BOARD_ID);
    }
  });

  it('rejects a token whose signature is valid but whose client is not the API\'s', async () => {
    const bob = claimsOf((await api.signIn('bob')).idToken);
    const forged = signWithEmulatorKey({ ...bob, aud: 'some-other-client' });
    const r = await api.request('{ myBoards { items { id } } }', {}, { authorization: forged });
    expect(r.status).toBe(401);
    expect(r.body).toEqual({ errors: [REJECTED].map(({ errorType, message }) => ({ errorType, message })) });
  });

  it('rejects a refresh token used as a bearer token', async () => {
    const { refreshToken } = await api.signIn('bob');
    const r = await api.request('{ myBoards { items { id } } }', {}, { authorization: refreshToken });
    expect(r.status).toBe(401);
  });
});

describe('local Cognito with the standard AWS SDK', () => {
  const sdk = () => new CognitoIdentityProviderClient({ endpoint: api.runtime.cognito!.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });

  it('signs up, confirms, signs in (USER_PASSWORD_AUTH), refreshes, and the new user can call the API', async () => {
    const cognito = sdk();
    const pool = api.runtime.cognito!.pools[0];
    const ClientId = pool.clients[0].id;
    await cognito.send(new SignUpCommand({ ClientId, Username: 'dave@example.com', Password: 'Passw0rd!dave', UserAttributes: [{ Name: 'email', Value: 'dave@example.com' }] }));
    await cognito.send(new AdminConfirmSignUpCommand({ UserPoolId: pool.id, Username: 'dave@example.com' }));
    const signedIn = await cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId, AuthParameters: { USERNAME: 'dave@example.com', PASSWORD: 'Passw0rd!dave' } }));
    const refreshed = await cognito.send(new InitiateAuthCommand({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId, AuthParameters: { REFRESH_TOKEN: signedIn.AuthenticationResult!.RefreshToken! } }));
    cognito.destroy();
    const token = refreshed.AuthenticationResult!.IdToken!;
    expect(claimsOf(token)).toMatchObject({ email: 'dave@example.com', token_use: 'id' });
    const r = await api.request('{ myBoards { items { id } } }', {}, { authorization: token });
    expect(r.body).toEqual({ data: { myBoards: { items: [] } } });
  });

  it('finds a user by email, as the addMember function will', async () => {
    const cognito = sdk();
    const out = await cognito.send(new ListUsersCommand({ UserPoolId: api.runtime.cognito!.pools[0].id, Filter: 'email = "bob@example.com"' }));
    cognito.destroy();
    const sub = out.Users?.[0]?.Attributes?.find((a) => a.Name === 'sub')?.Value;
    expect(sub).toBe(api.runtime.users.find((u) => u.username === 'bob')!.sub);
  });
});
