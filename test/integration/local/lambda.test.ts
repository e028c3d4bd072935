import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { executeLambdaRequest } from '../../../local/datasources/lambda';
import { LambdaRunner, type LocalFunction } from '../../../local/lambda/runner';

const codePath = resolve(import.meta.dirname, '../../fixtures/lambda');
const fn = (handler: string, timeoutSeconds = 3): LocalFunction => ({
  functionName: `fixture-${handler}`, arn: `arn:aws:lambda:us-east-1:000000000000:function:fixture-${handler}`,
  codePath, handler: `handlers.${handler}`, environment: { CUSTOM: 'yes' }, timeoutSeconds, memorySize: 128,
});
const runner = new LambdaRunner({ maxConcurrencyPerFunction: 2 });
afterAll(() => runner.shutdown());

describe('local Lambda runner', () => {
  it('passes the event, a Lambda context and the environment, and captures logs per request', async () => {
    const out = await runner.invoke(fn('echo'), { hello: 'world' });
    expect(out.ok).toBe(true);
    const payload = (out as { payload: Record<string, unknown> }).payload;
    expect(payload).toMatchObject({ event: { hello: 'world' }, remaining: true, requestId: out.requestId, env: { name: 'fixture-echo', custom: 'yes', tz: ':UTC' } });
    expect(out.logs).toEqual(['echo called 1']);
  });

  it('keeps the process warm between invocations, like an execution environment', async () => {
    const a = await runner.invoke(fn('echo'), {}) as { payload: { pid: number; invocations: number } };
    const b = await runner.invoke(fn('echo'), {}) as { payload: { pid: number; invocations: number } };
    expect(b.payload.pid).toBe(a.payload.pid);
    expect(b.payload.invocations).toBe(a.payload.invocations + 1);
  });

  it('supports callback-style handlers', async () => {
    expect(await runner.invoke(fn('callback'), { n: 21 })).toMatchObject({ ok: true, payload: { doubled: 42 } });
  });

  it('reports a thrown error with its type and message', async () => {
    const out = await runner.invoke(fn('fails'), {});
    expect(out).toMatchObject({ ok: false, error: { errorType: 'ValidationFailed', errorMessage: 'Parameter cannot be empty' } });
  });

  it('kills a function that overruns its timeout, and the next call starts fresh', async () => {
    const started = Date.now();
    const out = await runner.invoke(fn('sleeps', 1), { ms: 5_000 });
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(out).toMatchObject({ ok: false, error: { errorType: 'Sandbox.Timedout', errorMessage: expect.stringMatching(/Task timed out after 1\.00 seconds/) } });
    expect(await runner.invoke(fn('sleeps', 1), { ms: 10 })).toMatchObject({ ok: true, payload: 'late' });
  });

  it('survives a function that exits its process', async () => {
    expect(await runner.invoke(fn('exits'), {})).toMatchObject({ ok: false, error: { errorType: 'Runtime.ExitError' } });
    expect(await runner.invoke(fn('echo'), { again: true })).toMatchObject({ ok: true });
  });
});

describe('AppSync Lambda data source', () => {
  it('returns the payload as ctx.result', async () => {
    expect(await executeLambdaRequest({ operation: 'Invoke', payload: { n: 1 } }, fn('callback'), runner)).toEqual({ result: { doubled: 2 } });
  });

  it('turns a function error into Lambda:Unhandled with the function\'s message', async () => {
    expect(await executeLambdaRequest({ operation: 'Invoke', payload: {} }, fn('fails'), runner)).toEqual({
      result: null, error: { type: 'Lambda:Unhandled', message: 'Parameter cannot be empty' },
    });
  });

  it('does not wait for Event invocations', async () => {
    expect(await executeLambdaRequest({ operation: 'Invoke', invocationType: 'Event', payload: { ms: 500 } }, fn('sleeps'), runner)).toEqual({ result: null });
  });

  it('checks that BatchInvoke answers one result per payload', async () => {
    expect(await executeLambdaRequest({ operation: 'BatchInvoke', payload: [{ n: 1 }, { n: 2 }] }, fn('batch'), runner)).toEqual({ result: [2, 3] });
    expect((await executeLambdaRequest({ operation: 'BatchInvoke', payload: [{ n: 1 }] }, fn('callback'), runner)).error?.type).toBe('Lambda:Unhandled');
  });

  it('rejects an unknown operation without invoking', async () => {
    expect((await executeLambdaRequest({ operation: 'Call' }, fn('echo'), runner)).error).toEqual({ type: 'MappingTemplate', message: "Unsupported operation 'Call': use Invoke or BatchInvoke" });
  });
});
