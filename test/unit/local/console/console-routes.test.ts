/**
 * The console's local-only routes on the real HTTP server, with a stand-in bundle: the page,
 * its files, request traces, and the signing route (its signatures checked by the runtime's own
 * SigV4 verifier). The AppSync routes beside them stay as they were.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalCredentials } from '../../../../local/auth/iam';
import { verifySigV4 } from '../../../../local/auth/iam';
import { createLocalConsole, type LocalConsole } from '../../../../local/console/console-routes';
import type { RequestTrace } from '../../../../local/execution/executor';
import { startHttpServer, type RunningServer } from '../../../../local/server/http-server';

const credentials: LocalCredentials = { accessKeyId: 'AKIALOCALTEST0000000', secretAccessKey: 'local-secret', arn: 'arn:aws:sts::000000000000:assumed-role/LocalRuntime/local' };
const bundleDir = mkdtempSync(join(tmpdir(), 'console-bundle-'));
writeFileSync(join(bundleDir, 'app.js'), 'console.log("console")');
writeFileSync(join(bundleDir, 'manifest.json'), '{}');

let server: RunningServer;
let base: string;
let local: LocalConsole;
let bundleFails = false;

beforeAll(async () => {
  local = createLocalConsole({
    region: 'us-east-1', getIamCredentials: () => credentials,
    bundle: async () => {
      if (bundleFails) throw new Error('Could not resolve "graphiql"');
      return { key: 'k1', dir: bundleDir, files: ['app.js'] };
    },
  });
  server = await startHttpServer({ host: '127.0.0.1', port: 0, state: { console: local }, logLevel: 'NONE', log: () => {} });
  base = `http://127.0.0.1:${server.port}`;
});
afterAll(async () => {
  await server?.close();
  rmSync(bundleDir, { recursive: true, force: true });
});

const sign = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${base}/local/console/sign`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('the console routes', () => {
  it('serves the console page at / with no CORS headers (same-origin only)', async () => {
    const res = await fetch(`${base}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const html = await res.text();
    expect(html).toContain('<script type="module" src="/local/console/app.js"></script>');
    expect(html).toContain('<link rel="stylesheet" href="/local/console/app.css">');
  });

  it('serves the files the build wrote, and nothing else', async () => {
    const app = await fetch(`${base}/local/console/app.js`);
    expect(app.status).toBe(200);
    expect(app.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await app.text()).toBe('console.log("console")');
    for (const path of ['/local/console/manifest.json', '/local/console/..%2F..%2Fpackage.json', '/local/console/nope.js']) {
      expect((await fetch(`${base}${path}`)).status, path).toBe(404);
    }
  });

  it('answers 500 with the reason when the bundle cannot be built', async () => {
    bundleFails = true;
    try {
      const res = await fetch(`${base}/local/console/app.js`);
      expect(res.status).toBe(500);
      expect(await res.text()).toContain('Could not resolve "graphiql"');
    } finally {
      bundleFails = false;
    }
  });

  it('gives a recorded request\'s trace by its request id', async () => {
    const trace: RequestTrace = { operationName: 'GetNote', operationType: 'query' as RequestTrace['operationType'], resolverCount: 1, fields: [{ path: 'note', step: 'Query.note', logs: ['looked'], calls: [] }] };
    local.record({ requestId: 'req-1', receivedAt: new Date(), durationMs: 3, caller: 'api-key', status: 200, errorCount: 0, trace });
    const res = await fetch(`${base}/local/traces/req-1`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ requestId: 'req-1', operationName: 'GetNote', caller: 'api-key', fields: [{ path: 'note', logs: ['looked'] }] });
    expect((await fetch(`${base}/local/traces/unknown`)).status).toBe(404);
  });

  it('signs a console request with the runtime\'s IAM credentials, as the API verifies SigV4', async () => {
    const body = '{"query":"{ note(id: \\"1\\") { id } }"}';
    const res = await sign({ path: '/graphql', body });
    expect(res.status).toBe(200);
    const { headers } = (await res.json()) as { headers: Record<string, string> };
    expect(headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIALOCALTEST0000000\/\d{8}\/us-east-1\/appsync\/aws4_request, SignedHeaders=content-type;host;[a-z0-9;-]*x-amz-date, Signature=[0-9a-f]{64}$/);
    expect(headers.host).toBeUndefined();
    expect(JSON.stringify(headers)).not.toContain('local-secret');
    const host = `127.0.0.1:${server.port}`;
    const verify = (path: string, signedBody: string) => verifySigV4({ method: 'POST', path, host, headers: { ...headers, host }, body: signedBody }, [credentials], { region: 'us-east-1', sourceIp: '127.0.0.1', accountId: '000000000000' });
    expect((await verify('/graphql', body)).ok).toBe(true);
    expect((await verify('/graphql', `${body} `)).ok).toBe(false);
  });

  it('signs the real-time connection path too, and refuses other paths and malformed requests', async () => {
    expect((await sign({ path: '/graphql/connect', body: '{}' })).status).toBe(200);
    expect((await sign({ path: '/2015-03-31/functions/f/invocations', body: '{}' })).status).toBe(400);
    expect((await sign({ path: '/graphql' })).status).toBe(400);
    expect((await fetch(`${base}/local/console/sign`, { method: 'POST', body: 'not json' })).status).toBe(400);
    expect((await fetch(`${base}/local/console/sign`)).status).toBe(405);
  });

  it('refuses to sign for a page on another origin', async () => {
    expect((await sign({ path: '/graphql', body: '{}' }, { origin: 'https://evil.example.com' })).status).toBe(403);
    expect((await sign({ path: '/graphql', body: '{}' }, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await sign({ path: '/graphql', body: '{}' }, { origin: base, 'sec-fetch-site': 'same-origin' })).status).toBe(200);
  });

  it('leaves the AppSync routes as they were', async () => {
    const graphql = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
    expect(graphql.status).toBe(503);
    expect(graphql.headers.get('access-control-allow-origin')).toBe('*');
    const other = await fetch(`${base}/elsewhere`);
    expect(other.status).toBe(404);
    expect(await other.json()).toMatchObject({ errors: [{ errorType: 'NotFoundException' }] });
  });
});
