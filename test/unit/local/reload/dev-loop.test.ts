/**
 * The edit loop of `npm start`, with a stand-in build and runtime: a change is built into a fresh
 * directory and reloaded, with one line saying what changed and how long it took; a failed build
 * or reload prints the error and keeps the API; a schema syntax error is caught before any build;
 * newer changes stop a running build; assemblies no longer in use are deleted.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BuildOutcome } from '../../../../local/reload/build-assembly';
import { schemaSyntaxError, startDevLoop, type DevLoop } from '../../../../local/reload/dev-loop';
import { ReloadError, type ReloadReport } from '../../../../local/reload/live-api';
import { describeChanges } from '../../../../local/reload/model-diff';

function report(dir: string, summary: string, inUse: string[] = [dir]): ReloadReport {
  const none = { schema: false, resolvers: [], functions: [], lambdas: [], tables: [], events: false, settings: false, needsRestart: [] };
  return {
    assemblyDir: dir, durationMs: 120, changes: none, summary, tables: { created: [], indexesAdded: [], notApplied: [] },
    subscriptions: { kept: 1, ended: 0 }, lambdasRestarted: false, eventsRestarted: false, warnings: [], assemblyDirsInUse: inUse,
  };
}

describe('the dev loop', () => {
  let project: string;
  let staging: string;
  let loop: DevLoop | undefined;
  afterEach(async () => {
    await loop?.close();
    loop?.removeAssemblies();
    rmSync(project, { recursive: true, force: true });
    rmSync(staging, { recursive: true, force: true });
  });

  const setUp = (build: (outdir: string, signal: AbortSignal) => Promise<BuildOutcome>, reload: (dir: string) => Promise<ReloadReport>) => {
    project = mkdtempSync(join(tmpdir(), 'dev-loop-project-'));
    staging = mkdtempSync(join(tmpdir(), 'dev-loop-staging-'));
    for (const dir of ['schema', 'resolvers']) mkdirSync(join(project, dir));
    const lines: string[] = [];
    const reloads: string[] = [];
    loop = startDevLoop({
      projectDir: project, stagingRoot: staging, debounceMs: 50, build, log: (line) => lines.push(line),
      runtime: { reload: async (dir) => { reloads.push(dir); return reload(dir); } },
    });
    return { lines, reloads };
  };

  it('builds a change into a fresh directory, reloads it, prints one line, and deletes assemblies no longer in use', async () => {
    const built: string[] = [];
    const { lines, reloads } = setUp(async (outdir) => { built.push(outdir); return { ok: true, assemblyDir: outdir, durationMs: 900 }; }, async (dir) => report(dir, 'resolver Query.board'));
    writeFileSync(join(project, 'resolvers', 'Query.board.ts'), 'export {}');
    await waitFor(() => lines.length > 0);
    await loop!.idle();
    expect(reloads).toEqual([built[0]]);
    expect(lines).toEqual([expect.stringMatching(/^reload: resolvers\/Query\.board\.ts → resolver Query\.board in \d+\.\d s \(synth 0\.9 s, swap 0\.1 s\); subscriptions 1 kept$/)]);
    loop!.trigger(['resolvers/Query.board.ts']);
    await loop!.idle();
    expect(built).toHaveLength(2);
    // The first assembly is no longer in use once the second one serves.
    expect(existsSync(built[0])).toBe(false);
    expect(existsSync(built[1])).toBe(true);
  });

  it('prints a failed build\'s error with its file and line, and does not reload', async () => {
    const { lines, reloads } = setUp(async () => ({ ok: false, error: 'Error: Build failed with 1 error:\nresolvers/Query.board.ts:3:7: ERROR: Unexpected "}"', durationMs: 700 }), async (dir) => report(dir, 'x'));
    loop!.trigger(['resolvers/Query.board.ts']);
    await loop!.idle();
    expect(reloads).toEqual([]);
    expect(lines).toEqual([
      expect.stringMatching(/^reload failed after \d+\.\d s \(resolvers\/Query\.board\.ts changed\); the last good API is still running:$/),
      '  Error: Build failed with 1 error:',
      '  resolvers/Query.board.ts:3:7: ERROR: Unexpected "}"',
    ]);
  });

  it('prints why the runtime refused the new assembly, and deletes it', async () => {
    let dir = '';
    const { lines } = setUp(async (outdir) => { dir = outdir; return { ok: true, assemblyDir: outdir, durationMs: 10 }; }, async () => {
      throw new ReloadError('resolver Query.board: UNSUPPORTED_FEATURE for loops are not supported (resolvers/Query.board.ts:4:3; bundle line 9)');
    });
    loop!.trigger(['resolvers/Query.board.ts']);
    await loop!.idle();
    expect(lines[1]).toBe('  resolver Query.board: UNSUPPORTED_FEATURE for loops are not supported (resolvers/Query.board.ts:4:3; bundle line 9)');
    expect(existsSync(dir)).toBe(false);
  });

  it('reports a schema syntax error with its file and line without building', async () => {
    let builds = 0;
    const { lines } = setUp(async (outdir) => { builds += 1; return { ok: true, assemblyDir: outdir, durationMs: 1 }; }, async (dir) => report(dir, 'schema'));
    writeFileSync(join(project, 'schema', 'api.graphql'), 'type Query {\n  broken(: Int\n}\n');
    loop!.trigger(['schema/api.graphql']);
    await loop!.idle();
    expect(builds).toBe(0);
    expect(lines[1]).toBe('  schema/api.graphql:2:10: Syntax Error: Expected Name, found ":".');
  });

  it('stops a running build when newer changes arrive, and builds once more with all of them', async () => {
    const outcomes: string[] = [];
    const { lines } = setUp((outdir, signal) => new Promise((resolve) => {
      const timer = setTimeout(() => { outcomes.push('built'); resolve({ ok: true, assemblyDir: outdir, durationMs: 300 }); }, 300);
      signal.addEventListener('abort', () => { clearTimeout(timer); outcomes.push('aborted'); resolve({ ok: false, aborted: true, error: 'build stopped', durationMs: 10 }); });
    }), async (dir) => report(dir, 'resolvers Query.a Query.b'));
    loop!.trigger(['resolvers/Query.a.ts']);
    await new Promise((r) => setTimeout(r, 100));
    loop!.trigger(['resolvers/Query.b.ts']);
    await loop!.idle();
    expect(outcomes).toEqual(['aborted', 'built']);
    expect(lines).toEqual([expect.stringMatching(/^reload: resolvers\/Query\.a\.ts, resolvers\/Query\.b\.ts → resolvers Query\.a Query\.b in /)]);
  });
});

describe('the dev loop\'s own folder for assemblies', () => {
  it('deletes the folders of processes that no longer run, and its own when done', async () => {
    const parent = join(tmpdir(), 'local-assemblies');
    // Beyond any pid_max: no such process.
    const stale = join(parent, '999999999');
    mkdirSync(join(stale, 'local-assembly-x'), { recursive: true });
    const loop = startDevLoop({ projectDir: tmpdir(), dirs: [], log: () => undefined, runtime: { reload: async (dir) => report(dir, 'x') } });
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(join(parent, String(process.pid)))).toBe(true);
    await loop.close();
    loop.removeAssemblies();
    expect(existsSync(join(parent, String(process.pid)))).toBe(false);
  });
});

describe('schemaSyntaxError', () => {
  it('is undefined for valid or unchanged schema files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'schema-check-'));
    writeFileSync(join(dir, 'ok.graphql'), 'type Query { a: String }');
    expect(schemaSyntaxError(dir, ['ok.graphql', 'resolvers/x.ts', 'gone.graphql'])).toBeUndefined();
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('describeChanges', () => {
  it('needs no restart for what a reload applies, and names what it cannot', () => {
    const base = {
      stackName: 'S', region: 'us-east-1', accountId: '0', schema: 'type Query { a: String }', apiKeys: [], dataSources: {}, functions: {}, resolvers: [], tables: [], lambdas: {},
      userPools: [], userPoolClients: [], userPoolGroups: [], rules: [], queues: [], eventSourceMappings: [], outputs: {}, ignored: [], unsupported: [],
      api: { logicalId: 'Api', name: 'n', authenticationType: 'API_KEY', additionalAuthenticationProviders: [], queryDepthLimit: 0, resolverCountLimit: 0, introspection: true, environmentVariables: {}, xrayEnabled: false },
    };
    const after = { ...base, schema: 'type Query { a: String b: Int }', userPools: [{ logicalId: 'Pool', id: 'p', properties: {}, triggers: {} }], queues: [{ logicalId: 'Q', queueName: 'q', arn: 'a', url: 'u', properties: {} }] };
    const changes = describeChanges(base, after);
    expect(changes).toMatchObject({ schema: true, resolvers: [], lambdas: [], needsRestart: ['user pool Pool (new)', 'queue Q (new)'] });
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}
