/**
 * Hot reload on a running runtime, with the fixture app (test/fixtures/mini-appsync): variants of
 * the app are copied into the project, edited, synthesized and swapped in with `runtime.reload`.
 * A changed resolver, a new TypeScript resolver, changed Lambda code, a removed subscription field
 * and a new index take effect; the data, the WebSocket connection and the subscriptions that
 * remain valid stay; one that no longer validates ends with an error frame; a variant that does
 * not compile is refused and the last good API keeps serving. Then the whole `npm start` loop:
 * a saved file is watched, synthesized in a child process and swapped in, and a syntax error is
 * printed with its file and line.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReloadError, type ReloadReport } from '../../local/reload/live-api';
import { startDevLoop, type DevLoop } from '../../local/reload/dev-loop';
import { synthMiniApp } from '../fixtures/mini-appsync/app';
import { givenLocalApi, type LocalApi } from '../helpers/local-api';
import { connectRealtime, type RawConnection } from '../helpers/realtime-client';

const root = resolve(import.meta.dirname, '../..');
const fixture = join(root, 'test/fixtures/mini-appsync');
// Inside the project (.local/ is ignored by git), so that the copies resolve aws-cdk-lib and esbuild.
const work = join(root, '.local', `hot-reload-${process.pid}`);
const assemblies = mkdtempSync(join(tmpdir(), 'hot-reload-assemblies-'));

/** Replaces `from` in the text, failing loudly when the fixture no longer contains it. */
function edit(file: string, from: string | RegExp, to: string): void {
  const text = readFileSync(file, 'utf8');
  const next = text.replace(from, to);
  if (next === text) throw new Error(`${relative(root, file)} no longer contains ${String(from)}: update this test's variant`);
  writeFileSync(file, next);
}

/** A copy of the fixture app with `change` applied; returns its folder. */
function variant(name: string, change: (dir: string) => void): string {
  const dir = join(work, name);
  cpSync(fixture, dir, { recursive: true });
  change(dir);
  return dir;
}

async function synthVariant(dir: string): Promise<string> {
  const outdir = mkdtempSync(join(assemblies, 'assembly-'));
  const app = (await import(pathToFileURL(join(dir, 'app.ts')).href)) as { synthMiniApp: (outdir: string) => void };
  app.synthMiniApp(outdir);
  return outdir;
}

const ECHO_TS = [
  '// The echo resolver, in TypeScript: bundled with an inline source map like resolvers/.',
  'export function request(ctx: { args: { text: string } }) {',
  '  return { payload: ctx.args.text };',
  '}',
  '',
  'export function response(ctx: { result: string }) {',
  "  const text = ctx.result === 'boom' ? (null as unknown as string) : ctx.result;",
  '  return text.toUpperCase();',
  '}',
  '',
].join('\n');

/** v2: a changed resolver, a new TypeScript resolver, changed Lambda code, onNotePrefix removed, a new index. */
function v2(dir: string): void {
  writeFileSync(join(dir, 'echo.ts'), ECHO_TS);
  const app = join(dir, 'app.ts');
  edit(app, "return { payload: 'ok:' + m };", "return { payload: 'v2:' + m };");
  edit(app, /\n {2}unit\('Subscription', 'onNotePrefix'[\s\S]*?\);\n/, '\n');
  edit(app, "import * as sqs from 'aws-cdk-lib/aws-sqs';", `import * as sqs from 'aws-cdk-lib/aws-sqs';\nimport { bundleResolver } from ${JSON.stringify(join(root, 'infra/resolver-bundling'))};`);
  edit(app, /\n {2}app\.synth\(\);\n\}/, [
    '',
    "  api.createResolver('Echo', { typeName: 'Query', fieldName: 'echo', dataSource: none, runtime, code: appsync.Code.fromInline(bundleResolver(join(import.meta.dirname, 'echo.ts'))) });",
    "  table.addGlobalSecondaryIndex({ indexName: 'byOwner', partitionKey: { name: 'owner', type: dynamodb.AttributeType.STRING } });",
    '  app.synth();',
    '}',
  ].join('\n'));
  edit(join(dir, 'schema.graphql'), /\n\s*"""Enhanced filter[^\n]*\n\s*onNotePrefix\([^\n]*/, '');
  edit(join(dir, 'lambda/index.mjs'), 'return String(event.text).toUpperCase();', "return `${String(event.text).toUpperCase()} (v2)`;");
}

let api: LocalApi;
let key: Record<string, string>;
let ws: RawConnection;
let dirA: string;
let dirB: string;
const lines: string[] = [];

beforeAll(async () => {
  mkdirSync(work, { recursive: true });
  dirA = mkdtempSync(join(assemblies, 'assembly-'));
  synthMiniApp(dirA);
  dirB = await synthVariant(variant('v2', v2));
  api = await givenLocalApi({ assemblyDir: dirA, lines, logLevel: 'INFO' });
  key = { 'x-api-key': api.runtime.apiKeys[0].value };
  ws = await connectRealtime(api.runtime.realtimeUrl, { host: new URL(api.runtime.graphqlUrl).host, ...key });
  ws.send({ type: 'connection_init' });
  await ws.next((f) => f.type === 'connection_ack');
}, 180_000);

afterAll(async () => {
  await ws?.close();
  await api?.close();
  rmSync(work, { recursive: true, force: true });
  rmSync(assemblies, { recursive: true, force: true });
});

const query = async (q: string, variables: Record<string, unknown> = {}) => (await api.request(q, variables, key)).body;
const putNote = (id: string, text: string, owner: string) =>
  query('mutation($id: ID!, $text: String!, $owner: String) { putNote(id: $id, text: $text, owner: $owner) { id text owner } }', { id, text, owner });

// Each reload synthesizes the app in a child process: tens of seconds on a busy machine.
describe('runtime.reload', { timeout: 180_000 }, () => {
  let report: ReloadReport;

  it('serves the first assembly, with live subscriptions', async () => {
    expect(await query('{ fails(mode: "x") echo(text: "hi") shout(text: "hey") }')).toEqual({ data: { fails: 'ok:x', echo: null, shout: 'HEY' } });
    ws.start('by-owner', 'subscription { onNote(owner: "amy") { id text } }', {}, { host: new URL(api.runtime.graphqlUrl).host, ...key });
    ws.start('by-prefix', 'subscription { onNotePrefix(prefix: "he") { id } }', {}, { host: new URL(api.runtime.graphqlUrl).host, ...key });
    await ws.next((f) => f.type === 'start_ack' && f.id === 'by-owner');
    await ws.next((f) => f.type === 'start_ack' && f.id === 'by-prefix');
    expect((await putNote('n1', 'hello', 'amy')).errors).toBeUndefined();
    expect(await ws.next((f) => f.type === 'data' && f.id === 'by-owner')).toMatchObject({ payload: { data: { onNote: { id: 'n1', text: 'hello' } } } });
    await ws.next((f) => f.type === 'data' && f.id === 'by-prefix');
  });

  it('swaps in the changed API without a restart, saying what changed', async () => {
    const before = { dynamodb: api.runtime.dynamodb.endpoint, cognito: api.runtime.cognito?.endpoint, port: api.runtime.port };
    report = await api.runtime.reload(dirB);
    expect(report.summary).toMatch(/^schema, resolvers \+Query\.echo Query\.fails -Subscription\.onNotePrefix, Lambda Notes-Shouter\w+, table [\w-]+-notes-table$/);
    expect(report).toMatchObject({ lambdasRestarted: true, eventsRestarted: true, subscriptions: { kept: 1, ended: 1 }, tables: { indexesAdded: [expect.stringMatching(/-notes-table\.byOwner$/)] } });
    expect(report.durationMs).toBeLessThan(10_000);
    expect({ dynamodb: api.runtime.dynamodb.endpoint, cognito: api.runtime.cognito?.endpoint, port: api.runtime.port }).toEqual(before);
    expect(api.runtime.model.resolvers.some((r) => r.fieldName === 'echo')).toBe(true);
  });

  it('answers with the new resolvers and Lambda code, on the data written before', async () => {
    expect(await query('{ fails(mode: "x") echo(text: "hi") shout(text: "hey") note(id: "n1") { text owner } }')).toEqual({
      data: { fails: 'v2:x', echo: 'HI', shout: 'HEY (v2)', note: { text: 'hello', owner: 'amy' } },
    });
    const { Table } = await api.runtime.client.send(new DescribeTableCommand({ TableName: api.runtime.model.tables.find((t) => t.tableName.endsWith('notes-table'))!.tableName }));
    expect(Table?.GlobalSecondaryIndexes?.map((i) => i.IndexName)).toEqual(['byOwner']);
  });

  it('points a runtime error in the TypeScript resolver at its .ts line', async () => {
    const body = await query('{ echo(text: "boom") }');
    expect(body.errors?.[0]).toMatchObject({ errorType: 'Code', path: ['echo'] });
    expect(body.errors?.[0].message).toMatch(/^\.local\/hot-reload-\d+\/v2\/echo\.ts:8:\d+: TypeError: Cannot read properties of null \(reading 'toUpperCase'\) \(code\.js:\d+:\d+\)$/);
  });

  it('keeps the WebSocket and the subscriptions that still validate; ends the one whose field is gone', async () => {
    expect(await ws.next((f) => f.type === 'error' && f.id === 'by-prefix')).toMatchObject({
      payload: { errors: [expect.objectContaining({ message: expect.stringContaining('onNotePrefix') as unknown })] },
    });
    expect((await putNote('n2', 'hello again', 'amy')).errors).toBeUndefined();
    expect(await ws.next((f) => f.type === 'data' && f.id === 'by-owner')).toMatchObject({ payload: { data: { onNote: { id: 'n2', text: 'hello again' } } } });
    expect(api.runtime.realtime.counts).toEqual({ connections: 1, subscriptions: 1, indexedSubscriptions: 1 });
  });

  it('refuses a variant that does not compile, and keeps serving the last good API', async () => {
    const broken = await synthVariant(variant('broken', (dir) => {
      v2(dir);
      edit(join(dir, 'app.ts'), "return { payload: 'v2:' + m };", "while (m) { return { payload: m }; } return { payload: 'v3:' + m };");
    }));
    const error = await api.runtime.reload(broken).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReloadError);
    expect((error as Error).message).toMatch(/^resolver Query\.fails: UNSUPPORTED_FEATURE While statements are not supported \(line \d+\)$/);
    expect(await query('{ fails(mode: "x") echo(text: "hi") }')).toEqual({ data: { fails: 'v2:x', echo: 'HI' } });
    expect((await putNote('n3', 'still live', 'amy')).errors).toBeUndefined();
    await ws.next((f) => f.type === 'data' && f.id === 'by-owner' && JSON.stringify(f.payload).includes('n3'));
    await expect(api.runtime.reload(join(assemblies, 'missing'))).rejects.toThrow(/^the cloud assembly cannot be loaded: /);
  });
});

describe('the npm start loop on a changed file', () => {
  let loop: DevLoop;
  let dir: string;
  const loopLines: string[] = [];

  beforeAll(async () => {
    dir = variant('watched', v2);
    writeFileSync(join(dir, 'synth.ts'), "import { synthMiniApp } from './app';\nsynthMiniApp(process.argv[2]);\n");
    // Serve this copy first, so that the loop's changes are the only ones.
    await api.runtime.reload(await synthVariant(dir));
    loop = startDevLoop({
      projectDir: dir, dirs: ['.'], stagingRoot: assemblies, log: (line) => loopLines.push(line),
      runtime: api.runtime,
      build: async (outdir, signal) => {
        const { buildAssembly } = await import('../../local/reload/build-assembly');
        return buildAssembly({ projectDir: dir, outdir, signal, command: { file: join(root, 'node_modules/.bin/tsx'), args: [join(dir, 'synth.ts'), outdir] } });
      },
    });
  }, 120_000);

  afterAll(async () => {
    await loop?.close();
    loop?.removeAssemblies();
  });

  const waitForLine = async (pattern: RegExp, timeoutMs = 90_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const line = loopLines.find((l) => pattern.test(l));
      if (line) return line;
      if (Date.now() > deadline) throw new Error(`no line like ${String(pattern)}; got ${JSON.stringify(loopLines)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  it('rebuilds and swaps in a saved resolver change, printing one line', async () => {
    writeFileSync(join(dir, 'echo.ts'), ECHO_TS.replace('return text.toUpperCase();', "return `${text.toUpperCase()}!`;"));
    const line = await waitForLine(/^reload: /);
    expect(line).toMatch(/^reload: echo\.ts → resolver Query\.echo in \d+\.\d s \(synth \d+\.\d s, swap \d+\.\d s\); subscriptions 1 kept$/);
    expect(await query('{ echo(text: "hi") }')).toEqual({ data: { echo: 'HI!' } });
  }, 120_000);

  it('prints a syntax error with its file and line, and keeps the last good API', async () => {
    writeFileSync(join(dir, 'echo.ts'), ECHO_TS.replace('return text.toUpperCase();', 'return text.toUpperCase(;'));
    await waitForLine(/^reload failed after \d+\.\d s \(echo\.ts changed\); the last good API is still running:$/);
    await loop.idle();
    expect(loopLines.join('\n')).toMatch(/^ {2}\.local\/hot-reload-\d+\/watched\/echo\.ts:8:\d+: ERROR: /m);
    expect(await query('{ echo(text: "hi") }')).toEqual({ data: { echo: 'HI!' } });
  }, 120_000);
});
