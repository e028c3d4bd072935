/**
 * Lambda's asynchronous invocation, as the Invoke API's `Event` type and EventBridge targets get
 * it: the event is queued and run; when the function returns an error, Lambda runs it up to two
 * more times, about a minute and then two minutes later, unless the event has grown older than
 * its maximum age (six hours). An `AWS::Lambda::EventInvokeConfig` sets both limits per function.
 * Failure destinations are not emulated: a dropped event is logged with its last error.
 */
import type { InvokeResult, LocalFunction } from './runner';

export interface AsyncInvokeConfig {
  /** 0 to 2. */
  maximumRetryAttempts: number;
  /** 60 to 21,600. */
  maximumEventAgeSeconds: number;
}

export const DEFAULT_ASYNC_INVOKE_CONFIG: AsyncInvokeConfig = { maximumRetryAttempts: 2, maximumEventAgeSeconds: 21_600 };

/** Lambda waits at least this long before the first and the second retry. */
export const LAMBDA_RETRY_DELAYS_MS: readonly number[] = [60_000, 120_000];

export interface AsyncInvokerOptions {
  /** Runs one attempt; `source` names the caller and the retry in the log. */
  run(fn: LocalFunction, event: unknown, source: string): Promise<InvokeResult>;
  /** The function as it is served now (a hot reload may have replaced or removed it), by name. */
  current(functionName: string): LocalFunction | undefined;
  /** Waits before the first, second... retry; Lambda's own by default. */
  retryDelaysMs?: readonly number[];
  log?: (line: string) => void;
  now?: () => number;
}

export interface AsyncInvoker {
  /** Queues the event and returns at once, as Lambda answers 202. */
  enqueue(fn: LocalFunction, event: unknown, source: string): void;
  /** Events running or waiting for a retry. */
  readonly pending: number;
  /** Resolves when no event is running or waiting for a retry. */
  settled(): Promise<void>;
  /** Cancels the retries not yet made. */
  stop(): void;
}

interface Job { functionName: string; event: unknown; source: string; queuedAt: number }

export function createAsyncInvoker(options: AsyncInvokerOptions): AsyncInvoker {
  const delays = options.retryDelaysMs ?? LAMBDA_RETRY_DELAYS_MS;
  const log = options.log ?? (() => undefined);
  const now = options.now ?? Date.now;
  const timers = new Set<NodeJS.Timeout>();
  let waiters: Array<() => void> = [];
  let pending = 0;
  let stopped = false;

  const finish = () => {
    pending -= 1;
    if (pending > 0) return;
    const done = waiters;
    waiters = [];
    for (const resolve of done) resolve();
  };

  const attempt = async (job: Job, n: number): Promise<void> => {
    const fn = options.current(job.functionName);
    if (!fn || stopped) {
      if (!stopped) log(`lambda ${job.functionName} (${job.source}): async event dropped, the function is no longer served`);
      return finish();
    }
    let result: InvokeResult;
    try {
      result = await options.run(fn, job.event, n === 1 ? job.source : `${job.source}, retry ${n - 1}`);
    } catch (error) {
      result = { ok: false, error: { errorType: 'Runtime.Unknown', errorMessage: (error as Error).message }, requestId: '', logs: [] };
    }
    if (result.ok) return finish();
    const config = fn.asyncConfig ?? DEFAULT_ASYNC_INVOKE_CONFIG;
    const delay = delays[Math.min(n - 1, delays.length - 1)] ?? 0;
    const why = `${result.error.errorType}: ${result.error.errorMessage}`;
    if (stopped || n > config.maximumRetryAttempts) {
      if (!stopped) log(`lambda ${fn.functionName} (${job.source}): async event dropped after ${n} attempt(s) (maximum retry attempts ${config.maximumRetryAttempts}); last error ${why}`);
      return finish();
    }
    if (now() + delay - job.queuedAt > config.maximumEventAgeSeconds * 1000) {
      log(`lambda ${fn.functionName} (${job.source}): async event dropped after ${n} attempt(s): older than its maximum age of ${config.maximumEventAgeSeconds} s by the next retry; last error ${why}`);
      return finish();
    }
    log(`lambda ${fn.functionName} (${job.source}): retrying the async event in ${(delay / 1000).toFixed(delay < 1000 ? 1 : 0)} s (attempt ${n + 1} of ${config.maximumRetryAttempts + 1})`);
    const timer = setTimeout(() => {
      timers.delete(timer);
      void attempt(job, n + 1);
    }, delay);
    timer.unref();
    timers.add(timer);
  };

  return {
    enqueue(fn, event, source) {
      pending += 1;
      void attempt({ functionName: fn.functionName, event, source, queuedAt: now() }, 1);
    },
    get pending() { return pending; },
    settled() {
      return pending === 0 ? Promise.resolve() : new Promise((resolve) => { waiters.push(resolve); });
    },
    stop() {
      stopped = true;
      for (const timer of timers) {
        clearTimeout(timer);
        finish();
      }
      timers.clear();
    },
  };
}
