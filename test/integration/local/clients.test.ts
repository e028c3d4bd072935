/**
 * The client libraries apps really use, unchanged, against the local runtime on the fixture app
 * (test/fixtures/mini-appsync): Apollo Client 4 with aws-appsync-auth-link and
 * aws-appsync-subscription-link over plain HTTP and WS (API key, user pools, IAM), and aws-amplify
 * v6, which only speaks wss://, against the runtime served over TLS (`tls: true`, `npm start -- --tls`)
 * with its self-signed certificate.
 */
import { spawn } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache, gql } from '@apollo/client';
import { createAuthLink, type AuthOptions } from 'aws-appsync-auth-link';
import { createSubscriptionHandshakeLink } from 'aws-appsync-subscription-link';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ensureLocalCertificate } from '../../../local/server/tls';
import { givenLocalApi, type LocalApi } from '../../helpers/local-api';

const REGION = 'us-east-1';
const alice = { username: 'alice', email: 'alice@example.com', password: 'Passw0rd!alice', groups: ['editors'] };

/**
 * Node 20 has no global WebSocket; the subscription link calls `new WebSocket(url, protocols)`.
 * This `ws` subclass also keeps every frame the library sent and received, so a test can see
 * protocol messages the library does not surface (AppSync's `complete` after an invalidation).
 */
type Frame = { type: string; id?: string; payload?: { data?: string } };
const sent: Frame[] = [];
const received: Frame[] = [];
class RecordingWebSocket extends WebSocket {
  constructor(url: string, protocols?: string | string[]) {
    super(url, protocols);
    this.on('message', (data: Buffer) => received.push(JSON.parse(data.toString()) as Frame));
  }

  override send(data: string, ...rest: unknown[]): void {
    sent.push(JSON.parse(data) as Frame);
    (super.send as (...args: unknown[]) => void)(data, ...rest);
  }
}
(globalThis as { WebSocket?: unknown }).WebSocket = RecordingWebSocket;

let plain: LocalApi;
let secure: LocalApi;
let tlsDir: string;
const clients: ApolloClient[] = [];

beforeAll(async () => {
  const outdir = inject('miniAppAssembly');
  tlsDir = mkdtempSync(join(tmpdir(), 'local-tls-'));
  const seed = { users: [alice] };
  plain = await givenLocalApi({ assemblyDir: outdir, seed, logLevel: 'ERROR' });
  // The TLS runtime shares the first one's DynamoDB Local (one Java process, not two); note ids differ.
  secure = await givenLocalApi({ assemblyDir: outdir, seed, logLevel: 'ERROR', tls: { dir: tlsDir }, env: { ...process.env, DYNAMODB_ENDPOINT: plain.runtime.dynamodb.endpoint } });
}, 120_000);
afterAll(async () => {
  for (const c of clients) c.stop();
  await Promise.all([plain?.close(), secure?.close()]);
});

async function waitFor(condition: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const esm = { ApolloClient, ApolloLink, HttpLink, InMemoryCache, createAuthLink, createSubscriptionHandshakeLink };
/**
 * The same three packages through their CommonJS builds. aws-appsync-auth-link 4.0.2's ES module
 * does `import * as crypto from "@aws-crypto/sha256-js"` (1.x, CommonJS re-exported through
 * tslib's __exportStar, which Node's ESM loader cannot see), so under Node's own ESM loader its
 * SigV4 signer fails with "Sha256 is not a constructor" before sending anything. Bundlers and
 * `require` do not have that problem; IAM is exercised through `require`.
 */
const cjsRequire = createRequire(import.meta.url);
const cjs = {
  ...(cjsRequire('@apollo/client') as typeof import('@apollo/client')),
  ...(cjsRequire('aws-appsync-auth-link') as typeof import('aws-appsync-auth-link')),
  ...(cjsRequire('aws-appsync-subscription-link') as typeof import('aws-appsync-subscription-link')),
};

function apollo(auth: AuthOptions, lib: typeof esm = esm): ApolloClient {
  const url = plain.runtime.graphqlUrl;
  const link = lib.ApolloLink.from([lib.createAuthLink({ url, region: REGION, auth }), lib.createSubscriptionHandshakeLink({ url, region: REGION, auth }, new lib.HttpLink({ uri: url }))]);
  const client = new lib.ApolloClient({ link, cache: new lib.InMemoryCache() });
  clients.push(client);
  return client;
}

type Note = { id: string; text: string; owner: string };

/** Subscribes and records what the observable emits. */
function watch(client: ApolloClient, query: string, field: string) {
  const seen: { notes: Note[]; errors: unknown[]; completed: boolean } = { notes: [], errors: [], completed: false };
  const subscription = client.subscribe<Record<string, Note>>({ query: gql(query) }).subscribe({
    next: (result) => {
      if (result.error) seen.errors.push(result.error);
      else if (result.data) seen.notes.push(result.data[field]);
    },
    error: (error: unknown) => seen.errors.push(error),
    complete: () => { seen.completed = true; },
  });
  return { seen, unsubscribe: () => subscription.unsubscribe() };
}

const PUT_NOTE = gql('mutation PutNote($id: ID!, $text: String!, $owner: String) { putNote(id: $id, text: $text, owner: $owner) { id text owner } }');

describe.each<{ mode: string; auth: () => AuthOptions | Promise<AuthOptions>; lib?: typeof esm }>([
  { mode: 'API key', auth: (): AuthOptions => ({ type: 'API_KEY', apiKey: plain.runtime.apiKeys[0].value }) },
  // The ID token, as Apollo apps usually pass; Amplify below sends the access token.
  { mode: 'user pools', auth: async (): Promise<AuthOptions> => ({ type: 'AMAZON_COGNITO_USER_POOLS', jwtToken: (await plain.signIn('alice')).idToken }) },
  // SigV4 over HTTP, and on the WebSocket a signed `/graphql/connect` for the handshake and a signed `start`.
  { mode: 'IAM', lib: cjs, auth: (): AuthOptions => ({ type: 'AWS_IAM', credentials: { accessKeyId: plain.runtime.iamCredentials.accessKeyId, secretAccessKey: plain.runtime.iamCredentials.secretAccessKey } }) },
])('Apollo Client 4 + aws-appsync-subscription-link over ws:// ($mode)', ({ mode, auth, lib }) => {
  const tag = mode.replace(/\W/g, '');
  let reader: ApolloClient;
  let writer: ApolloClient;
  beforeAll(async () => {
    reader = apollo(await auth(), lib);
    writer = apollo({ type: 'API_KEY', apiKey: plain.runtime.apiKeys[0].value }, lib);
  });

  it('receives a matching note, not a non-matching one, and the enhanced filter applies', async () => {
    const before = plain.runtime.realtime.subscriptionCount;
    const ann = watch(reader, 'subscription { onNote(owner: "ann") { id text owner } }', 'onNote');
    const urgent = watch(reader, 'subscription { onNotePrefix(prefix: "urgent") { id text } }', 'onNotePrefix');
    await waitFor(() => plain.runtime.realtime.subscriptionCount === before + 2, 'both subscriptions to start');

    const put = async (n: number, text: string, owner: string) => {
      const result = await writer.mutate({ mutation: PUT_NOTE, variables: { id: `${tag}-${n}`, text, owner } });
      expect(result.data).toEqual({ putNote: { __typename: 'Note', id: `${tag}-${n}`, text, owner } });
    };
    await put(1, 'for bob', 'bob');
    await put(2, 'later, ann', 'ann');
    await put(3, 'urgent: bob', 'bob');
    await put(4, 'urgent: ann', 'ann');
    // One socket, delivered in mutation order: once note 4 is in, anything earlier would be too.
    await waitFor(() => ann.seen.notes.length >= 2 && urgent.seen.notes.length >= 2, 'note 4 on both subscriptions');
    expect(ann.seen.notes.map((n) => n.id)).toEqual([`${tag}-2`, `${tag}-4`]);
    expect(ann.seen.notes[0]).toEqual({ __typename: 'Note', id: `${tag}-2`, text: 'later, ann', owner: 'ann' });
    expect(urgent.seen.notes.map((n) => n.id)).toEqual([`${tag}-3`, `${tag}-4`]);
    expect([...ann.seen.errors, ...urgent.seen.errors]).toEqual([]);
    ann.unsubscribe();
    urgent.unsubscribe();
    await waitFor(() => plain.runtime.realtime.subscriptionCount === before, 'stop to reach the server');
  });

  it('closeNotes(owner: "ann") ends that owner\'s subscriptions and no other', async () => {
    const before = plain.runtime.realtime.subscriptionCount;
    const ann = watch(reader, 'subscription { onNote(owner: "ann") { id } }', 'onNote');
    const bob = watch(reader, 'subscription { onNote(owner: "bob") { id } }', 'onNote');
    await waitFor(() => plain.runtime.realtime.subscriptionCount === before + 2, 'both subscriptions to start');
    const annId = sent.findLast((f) => f.type === 'start' && (JSON.parse(f.payload!.data!) as { query: string }).query.includes('owner: "ann"'))?.id;
    expect(annId).toBeDefined();

    const closed = await writer.mutate({ mutation: gql('mutation { closeNotes(owner: "ann") }') });
    expect(closed.data).toEqual({ closeNotes: 'closed' });
    await waitFor(() => plain.runtime.realtime.subscriptionCount === before + 1, 'the invalidation');
    // AppSync ends an invalidated subscription with a `complete` frame for its id; the socket stays open.
    await waitFor(() => received.some((f) => f.type === 'complete' && f.id === annId), 'the complete frame');

    await writer.mutate({ mutation: PUT_NOTE, variables: { id: `${tag}-c1`, text: 'after close', owner: 'ann' } });
    await writer.mutate({ mutation: PUT_NOTE, variables: { id: `${tag}-c2`, text: 'still open', owner: 'bob' } });
    await waitFor(() => bob.seen.notes.length === 1, 'bob\'s note');
    expect(bob.seen.notes[0].id).toBe(`${tag}-c2`);
    expect(ann.seen.notes).toEqual([]);
    // aws-appsync-subscription-link 4.0.3 ignores a server `complete` (so does Amplify v6: amplify-js
    // PR #9898 to surface it was never merged), so the observable neither completes nor errors; the
    // app has to unsubscribe itself. Should a release start completing it, flip this to true.
    expect(ann.seen).toMatchObject({ completed: false, errors: [] });
    ann.unsubscribe();
    bob.unsubscribe();
    await waitFor(() => plain.runtime.realtime.subscriptionCount === before, 'stop to reach the server');
  });
});

describe('TLS (startLocalRuntime({ tls }))', () => {
  it('serves HTTPS and WSS on one port with a certificate for loopback, reused across starts', async () => {
    const { runtime } = secure;
    expect(runtime.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(runtime.graphqlUrl).toBe(`${runtime.url}/graphql`);
    expect(runtime.realtimeUrl).toBe(`${runtime.url.replace('https', 'wss')}/graphql/realtime`);
    expect(runtime.tls).toMatchObject({ certPath: join(tlsDir, 'cert.pem'), keyPath: join(tlsDir, 'key.pem'), created: true });
    const cert = new X509Certificate(readFileSync(runtime.tls!.certPath));
    expect(cert.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(cert.checkHost('localhost')).toBe('localhost');
    const again = await ensureLocalCertificate(tlsDir);
    expect(again.created).toBe(false);
    expect(again.cert).toBe(readFileSync(runtime.tls!.certPath, 'utf8'));
    // Untrusted by default, so a client has to opt in (NODE_EXTRA_CA_CERTS, the browser's store).
    await expect(fetch(`${runtime.url}/health`)).rejects.toThrow();
    expect(await httpsJson('GET', `${runtime.url}/health`)).toEqual({ status: 200, body: { status: 'ok' } });
  });

  it('a Lambda function calling the API back over HTTPS trusts the certificate', async () => {
    const { runtime } = secure;
    const r = await httpsJson('POST', runtime.graphqlUrl, { query: '{ shout(text: "callApi") }' }, { 'x-api-key': runtime.apiKeys[0].value });
    expect(r.body).toMatchObject({ data: { shout: expect.any(String) } });
    const inner = JSON.parse((r.body as { data: { shout: string } }).data.shout) as { data: { context: string } };
    expect(JSON.parse(inner.data.context)).toMatchObject({ authType: 'IAM Authorization' });
  });
});

describe('aws-amplify v6 over https:// and wss:// (--tls)', () => {
  it('signs in against local Cognito, queries with the access token and receives a subscription over wss://', async () => {
    const { runtime } = secure;
    const before = runtime.realtime.subscriptionCount;
    const pool = runtime.cognito!.pools.find((p) => p.id === runtime.users[0].userPoolId)!;
    const child = spawn(process.execPath, ['--import', 'tsx', resolve(import.meta.dirname, '../../fixtures/clients/amplify-client.ts')], {
      cwd: resolve(import.meta.dirname, '../../..'),
      stdio: ['pipe', 'pipe', 'pipe'],
      env: {
        ...process.env,
        NODE_EXTRA_CA_CERTS: runtime.tls!.certPath,
        AMPLIFY_LOCAL_CONFIG: JSON.stringify({
          endpoint: runtime.graphqlUrl, region: REGION, userPoolId: pool.id, userPoolClientId: pool.clients[0].id,
          userPoolEndpoint: runtime.cognito!.endpoint, username: alice.email, password: alice.password,
        }),
      },
    });
    const events: Array<Record<string, unknown> & { event: string }> = [];
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.startsWith('{"event"')) events.push(JSON.parse(line) as (typeof events)[number]);
    });
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    const event = async (name: string) => {
      await waitFor(() => events.some((e) => e.event === name || e.event === 'failed') || child.exitCode !== null, `Amplify's ${name}`, 20_000)
        .catch((error: Error) => { throw new Error(`${error.message}; events ${JSON.stringify(events)}; stderr ${stderr}`); });
      const found = events.find((e) => e.event === name);
      if (!found) throw new Error(`Amplify did not report ${name}: ${JSON.stringify(events)} ${stderr}`);
      return found;
    };
    try {
      expect(await event('signedIn')).toEqual({ event: 'signedIn', isSignedIn: true, step: 'DONE', tokenUse: 'access' });
      const context = JSON.parse(((await event('context')).data as { context: string }).context) as { authType: string; identity: { username: string; claims: { token_use: string } } };
      expect(context.authType).toBe('User Pool Authorization');
      expect(context.identity.claims.token_use).toBe('access');

      await waitFor(() => runtime.realtime.subscriptionCount === before + 1 || events.some((e) => e.event === 'error'), 'Amplify\'s subscription', 20_000);
      expect(events.filter((e) => e.event === 'error')).toEqual([]);
      await waitFor(() => events.some((e) => e.event === 'connectionState' && e.state === 'Connected'), 'Amplify to report Connected');

      const key = { 'x-api-key': runtime.apiKeys[0].value };
      const put = (id: string, owner: string) => httpsJson('POST', runtime.graphqlUrl, { query: 'mutation($id: ID!, $o: String) { putNote(id: $id, text: "via https", owner: $o) { id text owner } }', variables: { id, o: owner } }, key);
      expect((await put('amp-1', 'bob')).status).toBe(200);
      expect((await put('amp-2', 'ann')).body).toEqual({ data: { putNote: { id: 'amp-2', text: 'via https', owner: 'ann' } } });
      await event('data');
      expect(events.filter((e) => e.event === 'data')).toEqual([{ event: 'data', data: { onNote: { id: 'amp-2', text: 'via https', owner: 'ann' } } }]);

      child.stdin.write('close\n');
      await event('closed');
      expect(await exited).toBe(0);
      await waitFor(() => runtime.realtime.subscriptionCount === before, 'Amplify\'s stop');
    } finally {
      if (child.exitCode === null) child.kill();
    }
  });
});

/** A request over HTTPS that trusts the runtime's certificate (the test process has no NODE_EXTRA_CA_CERTS). */
function httpsJson(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown }> {
  const ca = readFileSync(secure.runtime.tls!.certPath);
  return new Promise((ok, fail) => {
    const req = httpsRequest(url, { method, ca, headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (c: string) => { text += c; }).on('end', () => ok({ status: res.statusCode ?? 0, body: JSON.parse(text) as unknown }));
    });
    req.on('error', fail);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}
