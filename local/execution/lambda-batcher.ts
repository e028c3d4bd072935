/**
 * AppSync's Lambda batching: resolutions of the same resolver (or pipeline function) that send
 * `BatchInvoke` within one request are gathered, up to `maxBatchSize`, into one invocation whose
 * payload is the list of their payloads; the function returns a list of the same length and each
 * element becomes one resolution's `ctx.result`.
 *
 * Gathering window: the resolutions graphql-js starts for the siblings of a list are all started
 * before any of them awaits I/O, so one macrotask tick collects them (like a DataLoader).
 */
import type { DataSourceOutcome } from './data-sources';

interface Pending { payload: unknown; resolve: (outcome: DataSourceOutcome) => void }

export type BatchSender = (payloads: unknown[]) => Promise<DataSourceOutcome>;

export class LambdaBatcher {
  private readonly queues = new Map<string, { pending: Pending[]; scheduled: boolean }>();

  /** Queue one resolution's payload under `key` (resolver or function id). */
  enqueue(key: string, payload: unknown, maxBatchSize: number, send: BatchSender): Promise<DataSourceOutcome> {
    let queue = this.queues.get(key);
    if (!queue) {
      queue = { pending: [], scheduled: false };
      this.queues.set(key, queue);
    }
    const q = queue;
    return new Promise<DataSourceOutcome>((resolve) => {
      q.pending.push({ payload, resolve });
      if (q.pending.length >= maxBatchSize) {
        void this.flush(q.pending.splice(0, q.pending.length), send);
      } else if (!q.scheduled) {
        q.scheduled = true;
        setImmediate(() => {
          q.scheduled = false;
          if (q.pending.length > 0) void this.flush(q.pending.splice(0, q.pending.length), send);
        });
      }
    });
  }

  private async flush(batch: Pending[], send: BatchSender): Promise<void> {
    let outcome: DataSourceOutcome;
    try {
      outcome = await send(batch.map((p) => p.payload));
    } catch (error) {
      outcome = { result: null, error: { type: 'Lambda:Unhandled', message: (error as Error).message } };
    }
    const results = Array.isArray(outcome.result) ? outcome.result : [];
    batch.forEach((p, i) => p.resolve(outcome.error ? { result: null, error: outcome.error } : { result: results[i] ?? null }));
  }
}
