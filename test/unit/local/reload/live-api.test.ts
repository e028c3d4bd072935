/**
 * The swap itself, with recording stand-ins for what the runtime builds: what a reload replaces
 * and what it keeps (the warm Lambda runner, running schedules and streams), the order of the
 * swap, a failed build that leaves everything as it was, and one operation at a time.
 */
import { describe, expect, it } from 'vitest';
import type { LocalApiModel } from '../../../../local/assembly/load-api';
import type { Authenticator } from '../../../../local/auth/authenticate';
import type { ReconcileTableResult } from '../../../../local/dynamodb/tables';
import type { Executor } from '../../../../local/execution/executor';
import type { LambdaRunner } from '../../../../local/lambda/runner';
import { LiveApi, ReloadError, type ApiParts, type LiveApiHooks } from '../../../../local/reload/live-api';
import type { LocalSchedules } from '../../../../local/schedules/scheduler';
import type { LocalStreams } from '../../../../local/streams/local-streams';

type Variant = { code?: string; lambdaAsset?: string; schedule?: string; tables?: string[] };

function model(v: Variant = {}): LocalApiModel {
  return {
    stackName: 'Test', region: 'us-east-1', accountId: '000000000000',
    api: { logicalId: 'Api', name: 'test', authenticationType: 'API_KEY', additionalAuthenticationProviders: [], queryDepthLimit: 0, resolverCountLimit: 0, introspection: true, environmentVariables: {}, xrayEnabled: false },
    schema: 'type Query { value: String }',
    apiKeys: [], dataSources: {}, functions: {},
    resolvers: [{ typeName: 'Query', fieldName: 'value', kind: 'UNIT', dataSourceName: 'none', functionIds: [], code: v.code ?? 'v1' }],
    tables: (v.tables ?? ['notes']).map((t) => ({ logicalId: t, tableName: t, properties: {} })),
    lambdas: { Fn: { logicalId: 'Fn', functionName: 'fn', arn: 'arn:fn', handler: 'index.handler', runtime: 'nodejs22.x', codePath: `/assemblies/x/${v.lambdaAsset ?? 'asset.1'}`, environment: {}, timeoutSeconds: 3, memorySize: 128 } },
    userPools: [], userPoolClients: [], userPoolGroups: [],
    rules: v.schedule ? [{ logicalId: 'Rule', name: 'rule', arn: 'arn:rule', scheduleExpression: v.schedule, state: 'ENABLED', targets: [] }] : [],
    queues: [], eventSourceMappings: [], outputs: {}, ignored: [], unsupported: [],
  };
}

function harness(variants: Record<string, Variant | 'unloadable' | 'uncompilable'>) {
  const calls: string[] = [];
  let n = 0;
  const runner = (name: string) => ({
    name,
    shutdown: async () => { calls.push(`shutdown ${name}`); },
    drain: async () => { calls.push(`drain ${name}`); },
  }) as unknown as LambdaRunner & { name: string };
  const schedules = (name: string) => ({ name, stop: () => calls.push(`stop schedules ${name}`) }) as unknown as LocalSchedules;
  const streams = (name: string, created: Set<string>) => ({ name, created, stop: async () => { calls.push(`stop streams ${name}`); } }) as unknown as LocalStreams;
  const first: ApiParts = {
    model: model(), executor: { name: 'executor 0' } as unknown as Executor, authenticator: { apiKeys: [] } as unknown as Authenticator,
    runner: runner('runner 0'), schedules: schedules('schedules 0'), streams: streams('streams 0', new Set()), tables: [{ tableName: 'notes', created: true }],
  };
  const published: ApiParts[] = [];
  const hooks: LiveApiHooks = {
    load: (dir) => {
      calls.push(`load ${dir}`);
      const v = variants[dir];
      if (v === 'unloadable') throw new Error('no manifest.json');
      return v === 'uncompilable' ? model({ code: 'broken' }) : model(v);
    },
    newRunner: () => runner(`runner ${++n}`),
    executor: (m, r) => {
      if (m.resolvers[0].code === 'broken') throw new Error('resolver Query.value: PARSER_ERROR Unexpected token (resolvers/Query.value.ts:3:7; bundle line 9)');
      calls.push(`executor with ${(r as LambdaRunner & { name: string }).name}`);
      return { name: `executor ${m.resolvers[0].code}` } as unknown as Executor;
    },
    authenticator: async () => ({ apiKeys: [] }) as unknown as Authenticator,
    reconcileTables: async (m) => m.tables.map((t): ReconcileTableResult => ({ tableName: t.tableName, created: t.tableName !== 'notes', addedIndexes: [], streamEnabled: false, notApplied: [] })),
    serveFunctions: (_m, r) => calls.push(`serve functions with ${(r as LambdaRunner & { name: string }).name}`),
    startSchedules: () => { calls.push('start schedules'); return schedules(`schedules ${n}`); },
    startStreams: async (_m, _r, created) => { calls.push(`start streams from ${[...created].join(',') || 'LATEST'}`); return streams(`streams ${n}`, created); },
    publish: (parts) => { calls.push(`publish ${(parts.executor as unknown as { name: string }).name}`); published.push(parts); },
    revalidateSubscriptions: async () => { calls.push('revalidate'); return { kept: 2, ended: 1 }; },
    dynamodb: {} as never,
    ensureUsers: async () => ({ users: [], created: [] }),
    log: () => undefined,
  };
  const live = new LiveApi(first, '/assemblies/0', hooks);
  return { live, calls, published, first };
}

describe('LiveApi.reload', () => {
  it('swaps a changed resolver in with the warm runner, leaving schedules and streams running', async () => {
    const { live, calls, first } = harness({ '/assemblies/1': { code: 'v2' } });
    const report = await live.reload('/assemblies/1');
    expect(calls).toEqual(['load /assemblies/1', 'executor with runner 0', 'serve functions with runner 0', 'publish executor v2', 'revalidate']);
    expect(report).toMatchObject({ summary: 'resolver Query.value', lambdasRestarted: false, eventsRestarted: false, subscriptions: { kept: 2, ended: 1 } });
    expect(live.current.runner).toBe(first.runner);
    expect(live.current.streams).toBe(first.streams);
    // The old assembly still holds the warm runner's processes.
    expect(report.assemblyDirsInUse.sort()).toEqual(['/assemblies/0', '/assemblies/1']);
  });

  it('runs changed Lambda code in a fresh runner, restarts events on it (new tables from the start, the rest from LATEST) and drains the old runner', async () => {
    const { live, calls, published } = harness({ '/assemblies/1': { lambdaAsset: 'asset.2', tables: ['notes', 'events'] } });
    const report = await live.reload('/assemblies/1');
    expect(calls).toEqual([
      'load /assemblies/1', 'executor with runner 1',
      'stop schedules schedules 0', 'stop streams streams 0',
      'serve functions with runner 1', 'publish executor v1',
      'start schedules', 'start streams from events', 'publish executor v1',
      'revalidate', 'drain runner 0',
    ]);
    expect(report).toMatchObject({ summary: 'Lambda fn, table +events', lambdasRestarted: true, eventsRestarted: true, tables: { created: ['events'] } });
    expect(published.at(-1)!.runner).toMatchObject({ name: 'runner 1' });
    expect(published.at(-1)!.streams).toMatchObject({ name: 'streams 1' });
  });

  it('rejects an assembly that does not load or compile, swapping nothing and stopping the runner it made', async () => {
    const { live, calls, first } = harness({ '/bad': 'unloadable', '/broken': 'uncompilable', '/ok': { code: 'v2' } });
    await expect(live.reload('/bad')).rejects.toThrow(new ReloadError('the cloud assembly cannot be loaded: no manifest.json'));
    await expect(live.reload('/broken')).rejects.toThrow(/^resolver Query\.value: PARSER_ERROR Unexpected token \(resolvers\/Query\.value\.ts:3:7; bundle line 9\)$/);
    expect(calls).toEqual(['load /bad', 'load /broken']);
    expect(live.current).toMatchObject({ executor: first.executor, runner: first.runner, model: first.model });
    // The API keeps reloading afterwards.
    await expect(live.reload('/ok')).resolves.toMatchObject({ summary: 'resolver Query.value' });
  });

  it('rejects a schedule expression that does not parse before anything is swapped', async () => {
    const { live, calls } = harness({ '/assemblies/1': { lambdaAsset: 'asset.2', schedule: 'rate(5 minute)' } });
    await expect(live.reload('/assemblies/1')).rejects.toThrow(/^rule rule: /);
    expect(calls).toEqual(['load /assemblies/1', 'executor with runner 1', 'shutdown runner 1']);
  });

  it('runs reloads one at a time, in the order asked', async () => {
    const { live, calls } = harness({ '/a': { code: 'a' }, '/b': { code: 'b' } });
    await Promise.all([live.reload('/a'), live.reload('/b')]);
    expect(calls.filter((c) => c.startsWith('load') || c.startsWith('publish'))).toEqual(['load /a', 'publish executor a', 'load /b', 'publish executor b']);
    expect(live.current.executor).toMatchObject({ name: 'executor b' });
  });

  it('close stops the current schedules, streams and runner', async () => {
    const { live, calls } = harness({});
    await live.close();
    expect(calls).toEqual(['stop schedules schedules 0', 'stop streams streams 0', 'shutdown runner 0']);
    await expect(live.reload('/a')).rejects.toThrow('the runtime is stopping');
  });
});
