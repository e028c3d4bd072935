/**
 * Lambda's asynchronous retries (local/lambda/async-invoker.ts), on a scripted function: how many
 * attempts, after which waits, within which age, and what is logged. The Invoke API and real
 * functions are covered in test/integration/local/lambda-invoke-endpoint.test.ts.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAsyncInvoker, type AsyncInvokerOptions } from '../../../../local/lambda/async-invoker';
import type { InvokeResult, LocalFunction } from '../../../../local/lambda/runner';

const fn = (asyncConfig?: LocalFunction['asyncConfig']): LocalFunction => ({
  functionName: 'digest', arn: 'arn:aws:lambda:us-east-1:000000000000:function:digest', codePath: '', handler: 'index.handler',
  environment: {}, timeoutSeconds: 3, memorySize: 128, asyncConfig,
});
const failure: InvokeResult = { ok: false, error: { errorType: 'Error', errorMessage: 'boom' }, requestId: 'r', logs: [] };
const success: InvokeResult = { ok: true, payload: null, requestId: 'r', logs: [] };

/** A function whose attempts return `outcomes` in turn; the clock is vitest's. */
function given(outcomes: InvokeResult[], served: LocalFunction | undefined = fn(), options: Partial<AsyncInvokerOptions> = {}) {
  const attempts: Array<{ at: number; source: string }> = [];
  const lines: string[] = [];
  const invoker = createAsyncInvoker({
    run: async (_fn, _event, source) => {
      attempts.push({ at: Date.now(), source });
      return outcomes[attempts.length - 1] ?? success;
    },
    current: () => served,
    log: (line) => lines.push(line),
    ...options,
  });
  return { invoker, attempts, lines };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('asynchronous invocation', () => {
  it('runs a succeeding event once', async () => {
    const { invoker, attempts } = given([success]);
    invoker.enqueue(fn(), {}, 'Event');
    await invoker.settled();
    expect(attempts.map((a) => a.source)).toEqual(['Event']);
    expect(invoker.pending).toBe(0);
  });

  it('retries a failing event twice by default, a minute and then two minutes later, and then drops it, saying why', async () => {
    vi.useFakeTimers({ now: 0 });
    const { invoker, attempts, lines } = given([failure, failure, failure]);
    invoker.enqueue(fn(), {}, 'Event');
    const settled = invoker.settled();
    await vi.advanceTimersByTimeAsync(59_999);
    expect(attempts).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(attempts).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(120_000);
    await settled;
    expect(attempts).toEqual([{ at: 0, source: 'Event' }, { at: 60_000, source: 'Event, retry 1' }, { at: 180_000, source: 'Event, retry 2' }]);
    expect(lines).toEqual([
      'lambda digest (Event): retrying the async event in 60 s (attempt 2 of 3)',
      'lambda digest (Event): retrying the async event in 120 s (attempt 3 of 3)',
      'lambda digest (Event): async event dropped after 3 attempt(s) (maximum retry attempts 2); last error Error: boom',
    ]);
  });

  it('stops retrying once an attempt succeeds', async () => {
    const { invoker, attempts } = given([failure, success], fn(), { retryDelaysMs: [1, 1] });
    invoker.enqueue(fn(), {}, 'Event');
    await invoker.settled();
    expect(attempts).toHaveLength(2);
  });

  it('honours the function\'s maximum retry attempts (0 means one attempt only)', async () => {
    const { invoker, attempts, lines } = given([failure, failure], fn({ maximumRetryAttempts: 0, maximumEventAgeSeconds: 21_600 }), { retryDelaysMs: [1, 1] });
    invoker.enqueue(fn(), {}, 'Event');
    await invoker.settled();
    expect(attempts).toHaveLength(1);
    expect(lines).toEqual(['lambda digest (Event): async event dropped after 1 attempt(s) (maximum retry attempts 0); last error Error: boom']);
  });

  it('drops an event that would be older than its maximum age by the next retry', async () => {
    vi.useFakeTimers({ now: 0 });
    const { invoker, attempts, lines } = given([failure, failure, failure], fn({ maximumRetryAttempts: 2, maximumEventAgeSeconds: 120 }));
    invoker.enqueue(fn(), {}, 'Event');
    const settled = invoker.settled();
    await vi.advanceTimersByTimeAsync(60_000);
    await settled;
    // Retried at 60 s; a second retry at 180 s would be past 120 s.
    expect(attempts.map((a) => a.at)).toEqual([0, 60_000]);
    expect(lines.at(-1)).toBe('lambda digest (Event): async event dropped after 2 attempt(s): older than its maximum age of 120 s by the next retry; last error Error: boom');
  });

  it('drops a retry whose function a hot reload removed', async () => {
    let served: LocalFunction | undefined = fn();
    const lines: string[] = [];
    const runs: string[] = [];
    const invoker = createAsyncInvoker({
      run: async (_f, _e, source) => { runs.push(source); served = undefined; return failure; },
      current: () => served, retryDelaysMs: [1], log: (line) => lines.push(line),
    });
    invoker.enqueue(fn(), {}, 'Event');
    await invoker.settled();
    expect(runs).toEqual(['Event']);
    expect(lines.at(-1)).toBe('lambda digest (Event): async event dropped, the function is no longer served');
  });

  it('counts an attempt that throws as a failure, and stop() cancels the retries not yet made', async () => {
    vi.useFakeTimers({ now: 0 });
    const runs: string[] = [];
    const invoker = createAsyncInvoker({
      run: async (_f, _e, source) => { runs.push(source); throw new Error('runner shut down'); },
      current: () => fn(),
    });
    invoker.enqueue(fn(), {}, 'Event');
    await vi.advanceTimersByTimeAsync(0);
    expect(invoker.pending).toBe(1);
    const settled = invoker.settled();
    invoker.stop();
    await settled;
    expect(invoker.pending).toBe(0);
    await vi.advanceTimersByTimeAsync(600_000);
    expect(runs).toEqual(['Event']);
  });
});
