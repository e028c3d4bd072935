/**
 * Runs Lambda functions from their synthesized bundles, each invocation in a child process of
 * its own function: a crash or a hang cannot take the server down. Processes are kept warm and
 * reused (one invocation at a time each, like an execution environment), up to a bound per
 * function; a timeout kills the process and the next invocation starts a fresh one.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { AsyncInvokeConfig } from './async-invoker';

export interface LocalFunction {
  functionName: string;
  arn: string;
  codePath: string;
  handler: string;
  environment: Record<string, string>;
  timeoutSeconds: number;
  memorySize: number;
  region?: string;
  /** From an AWS::Lambda::EventInvokeConfig; Lambda's defaults (2 retries, 6 hours) without one. */
  asyncConfig?: AsyncInvokeConfig;
}

export interface LambdaError { errorType: string; errorMessage: string; trace?: string[] }

export type InvokeResult =
  | { ok: true; payload: unknown; requestId: string; logs: string[] }
  | { ok: false; error: LambdaError; requestId: string; logs: string[] };

interface Environment {
  child: ChildProcess;
  ready: Promise<void>;
  busy: boolean;
  logs: string[];
}

const BOOTSTRAP = join(import.meta.dirname, 'bootstrap.mjs');

export class LambdaRunner {
  private readonly pools = new Map<string, Environment[]>();
  private readonly waiting = new Map<string, Array<() => void>>();

  constructor(private readonly options: { maxConcurrencyPerFunction?: number; extraEnv?: Record<string, string> } = {}) {}

  async invoke(fn: LocalFunction, event: unknown): Promise<InvokeResult> {
    const env = await this.acquire(fn);
    const requestId = randomUUID();
    env.logs = [];
    const timeoutMs = fn.timeoutSeconds * 1000;
    try {
      await env.ready;
      return await new Promise<InvokeResult>((resolve) => {
        const done = (result: InvokeResult) => {
          clearTimeout(timer);
          env.child.off('message', onMessage);
          env.child.off('exit', onExit);
          resolve(result);
        };
        const onMessage = (m: { requestId?: string; ok?: boolean; payload?: unknown; error?: LambdaError }) => {
          if (m.requestId !== requestId) return;
          done(m.ok ? { ok: true, payload: m.payload, requestId, logs: env.logs } : { ok: false, error: m.error!, requestId, logs: env.logs });
        };
        const onExit = (code: number | null, signal: string | null) => {
          this.discard(fn, env);
          done({ ok: false, requestId, logs: env.logs, error: { errorType: 'Runtime.ExitError', errorMessage: `RequestId: ${requestId} Error: Runtime exited ${signal ? `with signal: ${signal}` : `with error: exit status ${code}`}` } });
        };
        const timer = setTimeout(() => {
          this.discard(fn, env);
          env.child.off('exit', onExit);
          env.child.kill('SIGKILL');
          done({ ok: false, requestId, logs: env.logs, error: { errorType: 'Sandbox.Timedout', errorMessage: `${new Date().toISOString()} ${requestId} Task timed out after ${fn.timeoutSeconds.toFixed(2)} seconds` } });
        }, timeoutMs);
        env.child.on('message', onMessage);
        env.child.on('exit', onExit);
        env.child.send({ requestId, event, deadline: Date.now() + timeoutMs });
      });
    } finally {
      this.release(fn, env);
    }
  }

  /** Kills every process and waits until each has exited. */
  async shutdown(): Promise<void> {
    const all = [...this.pools.values()].flat();
    this.pools.clear();
    await Promise.all(all.map((e) => stop(e.child)));
  }

  /**
   * Shuts down once no invocation is running or waiting, or after `timeoutMs` at the latest: a
   * hot reload retires the runner of the previous functions this way, letting in-flight calls end.
   */
  async drain(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const active = () => [...this.pools.values()].some((pool) => pool.some((e) => e.busy)) || [...this.waiting.values()].some((queue) => queue.length > 0);
    while (active() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    await this.shutdown();
  }

  private async acquire(fn: LocalFunction): Promise<Environment> {
    const pool = this.pools.get(fn.functionName) ?? [];
    this.pools.set(fn.functionName, pool);
    for (;;) {
      const idle = pool.find((e) => !e.busy);
      if (idle) {
        idle.busy = true;
        return idle;
      }
      if (pool.length < (this.options.maxConcurrencyPerFunction ?? 4)) {
        const env = this.spawn(fn);
        env.busy = true;
        pool.push(env);
        return env;
      }
      await new Promise<void>((wake) => this.waiting.set(fn.functionName, [...(this.waiting.get(fn.functionName) ?? []), wake]));
    }
  }

  private release(fn: LocalFunction, env: Environment): void {
    env.busy = false;
    const queue = this.waiting.get(fn.functionName);
    queue?.shift()?.();
  }

  private discard(fn: LocalFunction, env: Environment): void {
    // In place: a waiting acquire() holds this very array and must not pick the discarded environment up.
    const pool = this.pools.get(fn.functionName);
    const at = pool ? pool.indexOf(env) : -1;
    if (at >= 0) pool!.splice(at, 1);
  }

  private spawn(fn: LocalFunction): Environment {
    const region = fn.region ?? 'us-east-1';
    const child = fork(BOOTSTRAP, [], {
      cwd: fn.codePath,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      execArgv: fn.environment.NODE_OPTIONS?.includes('--enable-source-maps') ? ['--enable-source-maps'] : [],
      env: {
        PATH: process.env.PATH ?? '',
        ...this.options.extraEnv,
        ...fn.environment,
        AWS_LAMBDA_FUNCTION_NAME: fn.functionName,
        AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memorySize),
        AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
        AWS_REGION: region,
        AWS_DEFAULT_REGION: region,
        AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs_local',
        LAMBDA_TASK_ROOT: fn.codePath,
        _HANDLER: fn.handler,
        TZ: ':UTC',
        __LOCAL_LAMBDA_CONFIG: JSON.stringify({ codePath: fn.codePath, handler: fn.handler, functionName: fn.functionName, memorySize: fn.memorySize, arn: fn.arn }),
      },
    });
    const env: Environment = { child, busy: false, logs: [], ready: Promise.resolve() };
    // A process that dies while idle (an exception in a timer after answering, the OOM killer) leaves the pool,
    // so the next invocation starts a fresh one instead of being sent to a closed channel.
    child.once('exit', () => this.discard(fn, env));
    // A send racing the process's death: its 'exit' reports the failure; unheard, this would end the server.
    child.on('error', () => {});
    env.ready = new Promise<void>((ready) => {
      const onReady = (m: { ready?: boolean }) => {
        if (m.ready) {
          child.off('message', onReady);
          ready();
        }
      };
      child.on('message', onReady);
      child.once('exit', () => ready());
    });
    const capture = (stream: NodeJS.ReadableStream | null) => stream?.on('data', (d: Buffer) => {
      for (const line of d.toString().split('\n')) if (line.length > 0) env.logs.push(line);
    });
    capture(child.stdout);
    capture(child.stderr);
    // Never outlive the server.
    child.unref();
    (child as unknown as { channel?: { unref(): void } }).channel?.unref();
    return env;
  }
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    child.once('exit', () => done());
    child.kill('SIGKILL');
  });
}
