import { describe, expect, it } from 'vitest';
import { compileCode, evaluateCode, runHandler } from '../../../../local/index';

const RUNTIME = { name: 'APPSYNC_JS', runtimeVersion: '1.0.0' } as const;
const module = (body: string) => `import { util, runtime, extensions } from '@aws-appsync/utils';\n${body}\nexport function response(ctx) { return ctx.result; }`;
const evaluate = (code: string, context: unknown = {}, fn: 'request' | 'response' = 'request') =>
  evaluateCode({ runtime: RUNTIME, code, context: JSON.stringify(context), function: fn });

describe('evaluateCode: results, ctx, stash, logs, errors', () => {
  it('gives the handler ctx.arguments and ctx.args as the same object', async () => {
    const out = await evaluate(module('export function request(ctx) { return { same: ctx.args === ctx.arguments, id: ctx.args.id }; }'), { arguments: { id: 'a1' } });
    expect(JSON.parse(out.evaluationResult!)).toEqual({ same: true, id: 'a1' });
  });

  it('returns the stash as a JSON string and console lines as logs', async () => {
    const out = await evaluate(module("export function request(ctx) { ctx.stash.n = 2; console.log('hello', { a: 1 }); console.error('bad'); return null; }"), { stash: { m: 1 } });
    expect(JSON.parse(out.stash!)).toEqual({ m: 1, n: 2 });
    expect(out.logs).toEqual(['hello {"a":1}', 'bad']);
    expect(out.evaluationResult).toBe('null');
  });

  it('records util.appendError in outErrors and keeps going', async () => {
    const out = await evaluate(module("export function request(ctx) { util.appendError('soft', 'MyType', { d: 1 }, { i: 2 }); return 'done'; }"));
    expect(JSON.parse(out.evaluationResult!)).toBe('done');
    expect(JSON.parse(out.outErrors!)).toEqual([{ message: 'soft', errorType: 'MyType', data: { d: 1 }, errorInfo: { i: 2 } }]);
  });

  it('aborts on util.error and ignores util.error with a non-string message (AppSync quirk)', async () => {
    expect((await evaluate(module("export function request(ctx) { util.error('stop', 'ValidationError'); return 1; }"))).error).toEqual({ message: 'stop' });
    expect(JSON.parse((await evaluate(module('export function request(ctx) { util.error(25); return 1; }'))).evaluationResult!)).toBe(1);
  });

  it('reports runtime errors as code.js:LINE:COL: Type: message', async () => {
    const out = await evaluate(module('export function request(ctx) {\n  return ctx.args.missing.deeper;\n}'));
    expect(out.error?.message).toMatch(/^code\.js:3:\d+: TypeError: Cannot read properties of undefined \(reading 'deeper'\)$/);
  });

  it('returns earlyReturn values as the result', async () => {
    const out = await evaluate(module("export function request(ctx) { runtime.earlyReturn({ early: true }); return 'never'; }"));
    expect(JSON.parse(out.evaluationResult!)).toEqual({ early: true });
  });

  it('runs the response handler on ctx.result', async () => {
    const out = await evaluate(module('export function request(ctx) { return {}; }'), { result: { id: 'x' } }, 'response');
    expect(JSON.parse(out.evaluationResult!)).toEqual({ id: 'x' });
  });

  it('hides the selection set from JSON.stringify(ctx.info) but lets code read it', async () => {
    const out = await evaluate(module('export function request(ctx) { return { json: JSON.stringify(ctx.info), list: ctx.info.selectionSetList }; }'),
      { info: { fieldName: 'board', parentTypeName: 'Query', variables: {}, selectionSetList: ['id'], selectionSetGraphQL: '{ id }' } });
    expect(JSON.parse(out.evaluationResult!)).toEqual({ json: '{"fieldName":"board","parentTypeName":"Query","variables":{}}', list: ['id'] });
  });

  it('rejects another runtime and invalid context JSON', async () => {
    expect((await evaluateCode({ runtime: { name: 'VTL', runtimeVersion: '1' }, code: '', context: '{}' })).error?.message).toMatch(/only APPSYNC_JS 1\.0\.0/);
    expect((await evaluateCode({ runtime: RUNTIME, code: module('export function request() { return 1; }'), context: '{nope' })).error?.message).toBe('The context is not valid JSON.');
  });
});

describe('runHandler (the server path)', () => {
  it('compiles once per content hash and gives every call a fresh ctx', () => {
    const code = module('let calls = 0;\nexport function request(ctx) { calls = calls + 1; ctx.stash.seen = ctx.stash.seen ?? 0; return ctx.args.n; }');
    const compiled = compileCode(code);
    expect(compileCode(code)).toBe(compiled);
    const first = runHandler(compiled, 'request', { arguments: { n: 1 } });
    const second = runHandler(compiled, 'request', { arguments: { n: 2 } });
    expect([first.outcome, second.outcome]).toEqual([{ kind: 'result', value: 1 }, { kind: 'result', value: 2 }]);
    expect(second.stash).toEqual({ seen: 0 });
  });

  it('distinguishes unauthorized, earlyReturn with skipTo, and errors with type and data', () => {
    const run = (body: string) => runHandler(compileCode(module(`export function request(ctx) { ${body} }`)), 'request', {}).outcome;
    expect(run('util.unauthorized();')).toEqual({ kind: 'unauthorized' });
    expect(run("runtime.earlyReturn(5, { skipTo: 'END' });")).toEqual({ kind: 'earlyReturn', value: 5, skipTo: 'END' });
    expect(run("util.error('m', 'T', { a: 1 }, { b: 2 });")).toEqual({ kind: 'error', error: { message: 'm', errorType: 'T', data: { a: 1 }, errorInfo: { b: 2 } } });
  });

  it('records extensions calls and util.authType for the server to act on', () => {
    const compiled = compileCode(module(`export function request(ctx) {
      extensions.setSubscriptionFilter({ filterGroup: [{ filters: [{ fieldName: 'a', operator: 'eq', value: 1 }] }] });
      extensions.invalidateSubscriptions({ subscriptionField: 'onX', payload: { id: 1 } });
      extensions.evictFromApiCache('Query', 'board', { 'context.arguments.id': 1 });
      return util.authType();
    }`));
    const { outcome, state } = runHandler(compiled, 'request', {}, 'User Pool Authorization');
    expect(outcome).toEqual({ kind: 'result', value: 'User Pool Authorization' });
    expect(state.extensions.subscriptionFilter?.filterGroup[0].filters[0].fieldName).toBe('a');
    expect(state.extensions.invalidations).toEqual([{ subscriptionField: 'onX', payload: { id: 1 } }]);
    expect(state.extensions.cacheEvictions).toEqual([{ typeName: 'Query', fieldName: 'board', keys: { 'context.arguments.id': 1 } }]);
  });
});

describe('isolation', () => {
  it.each([
    ['process', 'return typeof process;', 'undefined'],
    ['require', 'return typeof require;', 'undefined'],
    ['setTimeout', 'return typeof setTimeout;', 'undefined'],
    ['Buffer', 'return typeof Buffer;', 'undefined'],
    ['fetch', 'return typeof fetch;', 'undefined'],
  ])('has no %s', async (_name, body, expected) => {
    const out = await evaluate(module(`export function request(ctx) { ${body} }`));
    expect(JSON.parse(out.evaluationResult!)).toBe(expected);
  });

  it.each([
    ['a util function', "return util.autoId.constructor('return process')();"],
    ['a util result', "return util.dynamodb.toMap({ a: 1 }).constructor.constructor('return process')();"],
    ['the ctx', "return ctx.constructor.constructor('return process')();"],
    ['eval', "return eval('1 + 1');"],
  ])('cannot escape through %s', async (_name, body) => {
    const out = await evaluate(module(`export function request(ctx) { ${body} }`));
    expect(out.error?.message).toMatch(/EvalError: Code generation from strings disallowed/);
  });
});

describe('dynamodb module inside the sandbox', () => {
  it('keeps toStringSet values as sets through the sandbox copy', async () => {
    const out = await evaluate(`import { put, toStringSet } from '@aws-appsync/utils/dynamodb';
export function request(ctx) { return put({ key: { id: '1' }, item: { tags: toStringSet(['a']) } }); }
export function response(ctx) { return null; }`);
    expect(JSON.parse(out.evaluationResult!).attributeValues).toEqual({ tags: { SS: ['a'] } });
  });
});
