/**
 * The console's pieces against a running local runtime (the non-Taskboard fixture app, API key
 * default, user pool and IAM additional): what `/local/info` tells the console, a response's
 * trace found by its request id, and the browser modules the console is made of, run here in
 * Node: Cognito sign-in and refresh, IAM signing through the runtime, and AppSync real-time
 * subscriptions over `ws`.
 */
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { authHeaders, type AuthState } from '../../../../local/console/app/auth';
import { CognitoError, claimsOf, refresh, refreshDelayMs, signIn } from '../../../../local/console/app/cognito';
import type { LocalInfo } from '../../../../local/console/app/local-info';
import { subscribe, type ExecutionResultLike, type SocketLike } from '../../../../local/console/app/realtime';
import { givenLocalApi, type LocalApi } from '../../../helpers/local-api';

let api: LocalApi;
let info: LocalInfo;

beforeAll(async () => {
  const outdir = inject('miniAppAssembly');
  api = await givenLocalApi({ assemblyDir: outdir, seed: { users: [{ username: 'alice', email: 'alice@example.com', password: 'Passw0rd!alice', groups: ['editors'] }] } });
  info = (await (await fetch(`${api.runtime.url}/local/info`)).json()) as LocalInfo;
}, 120_000);
afterAll(async () => api?.close());

const cognito = () => ({ endpoint: info.cognito!.endpoint, clientId: info.cognito!.clientId! });
const signUrl = () => `${api.runtime.url}/local/console/sign`;
const post = (body: string, headers: Record<string, string>) => fetch(api.runtime.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

describe('GET /local/info for the console', () => {
  it('describes the API\'s auth modes, default first, with its key, seeded users and IAM access key id', () => {
    expect(info).toMatchObject({
      apiName: api.runtime.model.api.name,
      realtimeUrl: api.runtime.realtimeUrl,
      cognito: { endpoint: api.runtime.cognito!.endpoint },
      auth: {
        modes: ['API_KEY', 'AMAZON_COGNITO_USER_POOLS', 'AWS_IAM'],
        apiKeys: api.runtime.apiKeys.map((k) => k.value),
        iam: { accessKeyId: api.runtime.iamCredentials.accessKeyId },
        users: [{ username: 'alice', email: 'alice@example.com', password: 'Passw0rd!alice', groups: ['editors'] }],
      },
    });
  });
});

describe('request traces', () => {
  it('finds what each resolver did by the x-amzn-requestid of the response, DynamoDB requests and responses included', async () => {
    const key = { 'x-api-key': info.auth.apiKeys[0] };
    await post(JSON.stringify({ query: 'mutation { putNote(id: "t1", text: "traced", owner: "ann") { id } }' }), key);
    const res = await post(JSON.stringify({ query: 'query ReadNote { note(id: "t1") { id text } context }' }), key);
    const requestId = res.headers.get('x-amzn-requestid')!;
    const trace = await (await fetch(`${api.runtime.url}/local/traces/${requestId}`)).json() as {
      operationName: string; caller: string; status: number; resolverCount: number;
      fields: Array<{ path: string; step: string; logs: string[]; calls: Array<{ dataSource: string; operation: string; dynamodbCalls: Array<{ operation: string; request: { Key?: unknown }; response?: { Item?: unknown } }> }> }>;
    };
    expect(trace).toMatchObject({ operationName: 'ReadNote', caller: 'api-key', status: 200, resolverCount: 2 });
    const note = trace.fields.find((f) => f.path === 'note')!;
    expect(note.calls[0].operation).toBe('GetItem');
    expect(note.calls[0].dynamodbCalls[0]).toMatchObject({ operation: 'GetItem', request: { Key: { id: { S: 't1' } } }, response: { Item: { text: { S: 'traced' } } } });
    expect(trace.fields.find((f) => f.path === 'context')!.logs).toEqual(['context for context']);
  });
});

describe('the console\'s Cognito client (browser code, run in Node)', () => {
  it('signs a seeded user in with USER_PASSWORD_AUTH, and the API accepts the ID token', async () => {
    const tokens = await signIn(cognito(), 'alice@example.com', 'Passw0rd!alice');
    expect(claimsOf(tokens.idToken)).toMatchObject({ token_use: 'id', email: 'alice@example.com' });
    expect(tokens.expiresAt).toBe(Number(claimsOf(tokens.idToken).exp) * 1000);
    const headers = await authHeaders({ mode: 'AMAZON_COGNITO_USER_POOLS', username: 'alice', tokens }, '/graphql', '');
    const res = await post(JSON.stringify({ query: '{ context }' }), headers);
    expect(res.status).toBe(200);
    expect(JSON.parse(((await res.json()) as { data: { context: string } }).data.context)).toMatchObject({ authType: 'User Pool Authorization' });
  });

  it('refreshes the tokens with REFRESH_TOKEN_AUTH, keeping the refresh token', async () => {
    const first = await signIn(cognito(), 'alice@example.com', 'Passw0rd!alice');
    const fresh = await refresh(cognito(), first.refreshToken);
    expect(fresh.refreshToken).toBe(first.refreshToken);
    expect(claimsOf(fresh.idToken)).toMatchObject({ token_use: 'id', sub: claimsOf(first.idToken).sub });
    expect((await post(JSON.stringify({ query: '{ context }' }), { authorization: fresh.idToken })).status).toBe(200);
  });

  it('reports a wrong password with Cognito\'s error type', async () => {
    const error = await signIn(cognito(), 'alice@example.com', 'wrong').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CognitoError);
    // Cognito says NotAuthorizedException; cognito-local says InvalidPasswordException.
    expect((error as CognitoError).type).toMatch(/^(NotAuthorizedException|InvalidPasswordException)$/);
  });

  it('refreshes five minutes before expiry, or at half the remaining life of a short token, never in a busy loop', () => {
    const now = 1_000_000;
    expect(refreshDelayMs(now + 3_600_000, now)).toBe(3_300_000);
    expect(refreshDelayMs(now + 4 * 60_000, now)).toBe(2 * 60_000);
    expect(refreshDelayMs(now - 10_000, now)).toBe(1_000);
  });
});

describe('IAM through the runtime\'s signing route', () => {
  it('gets headers the API accepts as IAM for exactly the body it signed', async () => {
    const body = JSON.stringify({ query: '{ context }' });
    const headers = await authHeaders({ mode: 'AWS_IAM' }, '/graphql', body, { signUrl: signUrl() });
    const res = await post(body, headers);
    expect(res.status).toBe(200);
    expect(JSON.parse(((await res.json()) as { data: { context: string } }).data.context)).toMatchObject({ authType: 'IAM Authorization' });
    expect((await post(JSON.stringify({ query: '{ context  }' }), headers)).status).toBe(403);
  });
});

describe('the console\'s real-time client (browser code, run in Node over ws)', () => {
  const socket = (url: string, protocols: string[]) => new WebSocket(url, protocols) as unknown as SocketLike;

  function subscribeAs(auth: AuthState, query: string) {
    const host = new URL(api.runtime.realtimeUrl).host;
    const events: ExecutionResultLike[] = [];
    let completed = false;
    const frames: string[] = [];
    const subscription = subscribe({
      realtimeUrl: api.runtime.realtimeUrl, query, variables: {}, socket,
      connectionHeader: async () => ({ host, ...(await authHeaders(auth, '/graphql/connect', '{}', { signUrl: signUrl() })) }),
      startAuthorization: async (data) => ({ host, ...(await authHeaders(auth, '/graphql', data, { signUrl: signUrl() })) }),
      onFrame: (f) => frames.push(f.type),
    }).subscribe({ next: (e) => events.push(e), complete: () => { completed = true; } });
    return { events, frames, subscription, isCompleted: () => completed };
  }

  async function until(check: () => boolean, what: string): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  it.each<[string, () => AuthState]>([
    ['an API key', () => ({ mode: 'API_KEY', apiKey: info.auth.apiKeys[0] })],
    ['IAM', () => ({ mode: 'AWS_IAM' })],
  ])('receives the events of a matching mutation with %s, and stops when unsubscribed', async (_name, auth) => {
    const owner = `owner-${Math.random().toString(36).slice(2)}`;
    const s = subscribeAs(auth(), `subscription { onNote(owner: "${owner}") { id text owner } }`);
    await until(() => s.frames.includes('start_ack'), 'start_ack');
    const key = { 'x-api-key': info.auth.apiKeys[0] };
    await post(JSON.stringify({ query: `mutation { putNote(id: "${owner}", text: "live", owner: "${owner}") { id text owner } }` }), key);
    await until(() => s.events.length === 1, 'the event');
    expect(s.events[0]).toEqual({ data: { onNote: { id: owner, text: 'live', owner } } });
    s.subscription.unsubscribe();
    await until(() => api.runtime.realtime.subscriptionCount === 0, 'the subscription to end');
  });

  it('signs in over a user pool token too', async () => {
    const tokens = await signIn(cognito(), 'alice@example.com', 'Passw0rd!alice');
    const s = subscribeAs({ mode: 'AMAZON_COGNITO_USER_POOLS', username: 'alice', tokens }, 'subscription { onNote { id } }');
    await until(() => s.frames.includes('start_ack'), 'start_ack');
    s.subscription.unsubscribe();
  });

  it('ends with AppSync\'s errors when the start is refused', async () => {
    const s = subscribeAs({ mode: 'API_KEY', apiKey: info.auth.apiKeys[0] }, 'subscription { onSecret { id } }');
    await until(() => s.isCompleted(), 'completion');
    expect(s.events).toEqual([{ errors: [expect.objectContaining({ errorType: 'Unauthorized' })] }]);
  });

  it('ends with the connection error when the credential is refused', async () => {
    const s = subscribeAs({ mode: 'API_KEY', apiKey: 'da2-notakey' }, 'subscription { onNote { id } }');
    await until(() => s.isCompleted(), 'completion');
    expect(s.frames).toContain('connection_error');
    expect(JSON.stringify(s.events)).toContain('UnauthorizedException');
  });
});
