/**
 * Errors point at the TypeScript source: resolver bundles carry an inline source map (within
 * AppSync's 32 KB), the runtime maps a resolver's runtime error (`code.js:L:C`) and a compile-time
 * finding to `file.ts:line:col`, and Lambda stack traces name functions/*.ts.
 */
import { join } from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { bundleResolver } from '../../../../infra/resolver-bundling';
import { compileCode, runHandler } from '../../../../local/appsync-js/evaluate';
import { MAX_CODE_LENGTH } from '../../../../local/appsync-js/restrictions';
import { CodeSourceMap, mapRuntimeErrorMessage } from '../../../../local/appsync-js/source-map';
import { loadApi, type LocalApiModel } from '../../../../local/assembly/load-api';
import { DataSources } from '../../../../local/execution/data-sources';
import { Executor, type Caller } from '../../../../local/execution/executor';
import { LambdaRunner } from '../../../../local/lambda/runner';

const FIXTURE = 'test/unit/local/reload/fixtures/failing-resolver.ts';
/** `return found!.value.toUpperCase();` in the fixture. */
const LINE_OF_FAILURE = 12;
const root = join(import.meta.dirname, '../../../..');
const failing = bundleResolver(join(root, FIXTURE));

function model(code: string): LocalApiModel {
  return {
    stackName: 'Test', region: 'us-east-1', accountId: '000000000000',
    api: { logicalId: 'Api', name: 'test', authenticationType: 'API_KEY', additionalAuthenticationProviders: [], queryDepthLimit: 0, resolverCountLimit: 0, introspection: true, environmentVariables: {}, xrayEnabled: false },
    schema: 'type Query { value(path: String!): String }',
    apiKeys: [], dataSources: { none: { name: 'none', type: 'NONE' } }, functions: {},
    resolvers: [{ typeName: 'Query', fieldName: 'value', kind: 'UNIT', dataSourceName: 'none', functionIds: [], code }],
    tables: [], lambdas: {}, userPools: [], userPoolClients: [], userPoolGroups: [], rules: [], queues: [], eventSourceMappings: [], outputs: {}, ignored: [], unsupported: [],
  };
}
const executorFor = (code: string) => new Executor(model(code), { dataSources: new DataSources(model(code), { dynamodb: {} as DynamoDBClient, lambdaRunner: new LambdaRunner(), region: 'us-east-1' }) });
const caller: Caller = { mode: 'API_KEY', groups: [], identity: null, authType: 'API Key Authorization', label: 'test' };

describe('resolver source maps', () => {
  it('maps a runtime error in the bundle to the TypeScript line, keeping the bundle position', () => {
    const run = runHandler(compileCode(failing), 'response', { arguments: { path: 'x' }, result: {} });
    expect(run.outcome.kind).toBe('error');
    const message = run.outcome.kind === 'error' ? run.outcome.error.message : '';
    expect(message).toMatch(/^code\.js:\d+:\d+: TypeError: /);
    expect(mapRuntimeErrorMessage(message, CodeSourceMap.of(failing))).toMatch(new RegExp(`^${FIXTURE.replaceAll('.', '\\.')}:${LINE_OF_FAILURE}:\\d+: TypeError: Cannot read properties of undefined \\(reading 'value'\\) \\(code\\.js:\\d+:\\d+\\)$`));
  });

  it('leaves messages of code without a map, and other messages, as AppSync words them', () => {
    const plain = 'export function request(ctx) { return null.x; }\nexport function response(ctx) { return 1; }';
    expect(CodeSourceMap.of(plain)).toBeUndefined();
    expect(mapRuntimeErrorMessage('code.js:1:40: TypeError: x', CodeSourceMap.of(plain))).toBe('code.js:1:40: TypeError: x');
    expect(mapRuntimeErrorMessage('it failed', CodeSourceMap.of(failing))).toBe('it failed');
  });

  it('shows the TypeScript line in the GraphQL error of a served resolver', async () => {
    const response = await executorFor(failing).execute({ body: { query: '{ value(path: "x") }' }, headers: {}, caller });
    expect(response.body.errors).toEqual([expect.objectContaining({
      path: ['value'], errorType: 'Code', message: expect.stringMatching(new RegExp(`^${FIXTURE.replaceAll('.', '\\.')}:${LINE_OF_FAILURE}:\\d+: TypeError: `)) as unknown,
    })]);
  });

  it('names the TypeScript line of code APPSYNC_JS refuses, when the API loads', () => {
    const loop = bundleResolver(join(root, 'test/unit/local/reload/fixtures/loop-resolver.ts'));
    expect(() => executorFor(loop)).toThrow(/^resolver Query\.value: UNSUPPORTED_FEATURE .*\(test\/unit\/local\/reload\/fixtures\/loop-resolver\.ts:4:\d+; bundle line \d+\)$/);
  });

  it('ships every Taskboard resolver with an inline map of its resolvers/ sources, under AppSync\'s size limit', () => {
    const taskboard = loadApi(inject('taskboardAssembly'));
    const codes = [...taskboard.resolvers.map((r) => r.code!), ...Object.values(taskboard.functions).map((f) => f.code)];
    expect(codes.length).toBeGreaterThan(50);
    for (const code of codes) {
      expect(code.length).toBeLessThanOrEqual(MAX_CODE_LENGTH);
      const map = JSON.parse(Buffer.from(/sourceMappingURL=data:application\/json;base64,(\S+)\s*$/.exec(code)![1], 'base64').toString()) as { sources: string[] };
      expect(map.sources[0]).toMatch(/^resolvers\/[\w/.]+\.ts$/);
    }
  });
});

describe('Lambda source maps', () => {
  it('gives stack traces that name the function\'s TypeScript source', async () => {
    const taskboard = loadApi(inject('taskboardAssembly'));
    const fn = Object.values(taskboard.lambdas).find((f) => f.functionName.includes('BoardStats'))!;
    const runner = new LambdaRunner();
    try {
      // A null event makes the handler fail reading event.boardId.
      const result = await runner.invoke(fn, null);
      expect(result.ok).toBe(false);
      const trace = result.ok ? [] : result.error.trace ?? [];
      expect(trace[1]).toMatch(/\/functions\/boardStats\/index\.ts:\d+:\d+\)$/);
    } finally {
      await runner.shutdown();
    }
  });
});
