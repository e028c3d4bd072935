/**
 * One shard of one mapping, as Lambda's poller runs it: reads the shard in order, gathers batches,
 * invokes the function with one batch at a time (the next waits for the previous), and applies the
 * decisions of batch-policy.ts: retry, bisect, checkpoint past reported failures, or discard the
 * batch to the on-failure destination and move on.
 */
import { GetRecordsCommand, GetShardIteratorCommand, type DynamoDBStreamsClient, type ShardIteratorType } from '@aws-sdk/client-dynamodb-streams';
import {
  MAX_RECORDS_PER_READ, decide, readBatchResult, readyBatchSize, retryDelayMs, splitExpired,
  type BatchPolicy, type FailureCondition, type PendingBatch, type PolicyRecord,
} from './batch-policy';
import { toEventRecord, type StreamEventRecord } from './stream-event';

export interface BufferedRecord extends PolicyRecord {
  event: StreamEventRecord;
  approximateCreationDateTime: Date;
  /** When this poller first read it (ms since the epoch). */
  firstSeenMs: number;
}

/** What the last invocation of a batch (or of the batch it was split from) returned. */
export interface LastInvocation { requestId: string; functionError?: string }

export interface WorkItem extends PendingBatch<BufferedRecord> { last?: LastInvocation }

export type StreamInvokeResult =
  | { ok: true; requestId: string; payload: unknown; logs: string[]; durationMs: number }
  | { ok: false; requestId: string; errorType: string; errorMessage: string; logs: string[]; durationMs: number };

/** The mapping around a shard: where records go and where outcomes are reported. */
export interface ShardContext {
  client: DynamoDBStreamsClient;
  /** The stream's ARN in DynamoDB Local (for the Streams API). */
  streamArn: string;
  /** What records carry as eventSourceARN: the mapping's EventSourceArn. */
  eventSourceArn: string;
  region: string;
  policy: BatchPolicy;
  pollIntervalMs: number;
  signal: AbortSignal;
  invoke(records: StreamEventRecord[]): Promise<StreamInvokeResult | 'stopped'>;
  delivered(count: number): void;
  /** Sends the batch's failure record to the destination, if any. */
  discard(shardId: string, batch: WorkItem, condition: FailureCondition): Promise<void>;
  /** Outcome lines, by severity. */
  report(level: 'ERROR' | 'INFO' | 'DEBUG', line: string): void;
}

/** DynamoDB Local rounds ApproximateCreationDateTime down to the minute. */
const CREATION_ROUNDING_MS = 60_000;

export class ShardWorker {
  /** performance.now() of a read that found nothing new while nothing was pending; undefined while busy. */
  idleSince: number | undefined;
  /** The shard has ended and every record of it was handled. */
  finished = false;
  /** Why the worker stopped early, if it did. */
  error: string | undefined;
  readonly done: Promise<void>;
  private iterator: string | undefined;
  private lastSequenceNumber: string | undefined;
  private readonly buffer: BufferedRecord[] = [];
  private readonly work: WorkItem[] = [];
  private wake: (() => void) | undefined;
  private poked = false;
  private lastReadError = '';
  private resolveDone!: () => void;

  constructor(
    readonly shardId: string,
    private readonly start: Extract<ShardIteratorType, 'TRIM_HORIZON' | 'LATEST'>,
    private readonly context: ShardContext,
    /** A parent shard's worker: its records go first. */
    private readonly after?: Promise<void>,
  ) {
    this.done = new Promise<void>((resolve) => { this.resolveDone = resolve; });
  }

  /** Takes a shard iterator at the starting position (so LATEST means "from now"), then polls. */
  async begin(): Promise<void> {
    try {
      if (!this.after) this.iterator = await this.shardIterator();
    } catch (error) {
      this.error = (error as Error).message;
      this.resolveDone();
      throw error;
    }
    void this.loop().finally(() => this.resolveDone());
  }

  /** Cuts a wait for the next poll short (a settle request, or stopping); retry delays are kept. */
  poke(): void {
    if (this.wake) this.wake();
    else this.poked = true;
  }

  private async loop(): Promise<void> {
    const { signal } = this.context;
    try {
      if (this.after) {
        await this.after;
        if (signal.aborted) return;
        this.iterator = await this.shardIterator();
      }
      while (!signal.aborted) {
        const batch = this.work.shift() ?? this.takeBatch();
        if (batch) {
          this.idleSince = undefined;
          await this.process(batch);
          continue;
        }
        if (this.iterator === undefined && this.buffer.length === 0) {
          this.finished = true;
          return;
        }
        if (this.iterator !== undefined && this.buffer.length < this.context.policy.batchSize && (await this.read()) > 0) continue;
        await this.sleep(this.waitMs());
      }
    } catch (error) {
      if (signal.aborted) return;
      this.error = (error as Error).message;
      this.context.report('ERROR', `shard ${this.shardId} stopped: ${this.error}`);
    }
  }

  private takeBatch(): WorkItem | undefined {
    const { policy } = this.context;
    const count = readyBatchSize(this.buffer, policy, this.buffer[0]?.firstSeenMs, Date.now(), this.iterator === undefined);
    return count > 0 ? { records: this.buffer.splice(0, count), retries: 0, invocations: 0 } : undefined;
  }

  /** Until the next poll, or the end of the batching window if that comes first. */
  private waitMs(): number {
    const { policy, pollIntervalMs } = this.context;
    if (this.buffer.length === 0) return pollIntervalMs;
    const windowEnds = this.buffer[0].firstSeenMs + policy.maximumBatchingWindowInSeconds * 1000;
    return Math.max(0, Math.min(pollIntervalMs, windowEnds - Date.now()));
  }

  private async read(): Promise<number> {
    const { client, signal } = this.context;
    const issuedAt = performance.now();
    let output;
    try {
      output = await client.send(new GetRecordsCommand({ ShardIterator: this.iterator, Limit: MAX_RECORDS_PER_READ }), { abortSignal: signal });
    } catch (error) {
      if (signal.aborted) return 0;
      const message = `${(error as Error).name}: ${(error as Error).message}`;
      if (message !== this.lastReadError) this.context.report('ERROR', `shard ${this.shardId}: GetRecords failed (${message}); reading again from the last record`);
      this.lastReadError = message;
      await this.sleep(this.context.pollIntervalMs);
      try {
        // An expired or trimmed iterator: take a new one after the last record read.
        this.iterator = await this.shardIterator();
      } catch {
        // Reported above; tried again at the next poll.
      }
      return 0;
    }
    this.lastReadError = '';
    this.iterator = output.NextShardIterator ?? undefined;
    const now = Date.now();
    for (const record of output.Records ?? []) {
      const event = toEventRecord(record, { region: this.context.region, eventSourceArn: this.context.eventSourceArn });
      const created = record.dynamodb?.ApproximateCreationDateTime ?? new Date(now);
      this.buffer.push({
        event, approximateCreationDateTime: created, firstSeenMs: now,
        sequenceNumber: record.dynamodb?.SequenceNumber ?? '',
        // The record arrived no later than it was read, and within the minute its rounded time names.
        arrivalMs: Math.min(now, created.getTime() + CREATION_ROUNDING_MS - 1),
        sizeBytes: Buffer.byteLength(JSON.stringify(event)),
      });
      this.lastSequenceNumber = record.dynamodb?.SequenceNumber ?? this.lastSequenceNumber;
    }
    const count = output.Records?.length ?? 0;
    if (count === 0 && this.buffer.length === 0 && this.work.length === 0) this.idleSince = issuedAt;
    else this.idleSince = undefined;
    return count;
  }

  private async shardIterator(): Promise<string | undefined> {
    const { client, streamArn, signal } = this.context;
    const position = this.lastSequenceNumber
      ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER' as const, SequenceNumber: this.lastSequenceNumber }
      : { ShardIteratorType: this.start };
    const output = await client.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: this.shardId, ...position }), { abortSignal: signal });
    return output.ShardIterator ?? undefined;
  }

  private async process(item: WorkItem): Promise<void> {
    const { policy, signal } = this.context;
    const { expired, fresh } = splitExpired(item.records, policy, Date.now());
    if (expired.length > 0) {
      await this.context.discard(this.shardId, { ...item, records: expired }, 'RecordAgeExpired');
      if (fresh.length === 0) return;
    }
    const batch: WorkItem = { ...item, records: fresh };
    const outcome = await this.context.invoke(batch.records.map((r) => r.event));
    if (outcome === 'stopped' || signal.aborted) return;
    const sequenceNumbers = batch.records.map((r) => r.sequenceNumber);
    const result = readBatchResult(outcome.ok ? { ok: true, payload: outcome.payload } : { ok: false }, sequenceNumbers, policy.reportBatchItemFailures);
    const last: LastInvocation = { requestId: outcome.requestId, ...(outcome.ok ? {} : { functionError: 'Unhandled' }) };
    const range = `${sequenceNumbers[0]}..${sequenceNumbers[sequenceNumbers.length - 1]}`;
    const took = `${outcome.durationMs.toFixed(1)}ms`;
    const logs = () => { for (const line of outcome.logs) this.context.report('DEBUG', `  lambda: ${line}`); };
    if (result.kind === 'success') {
      this.context.report('INFO', `${batch.records.length} record(s) ${range} ok ${took}`);
    } else {
      const why = !outcome.ok ? `${outcome.errorType}: ${outcome.errorMessage}`
        : result.kind === 'partial' ? `batch item failure from ${sequenceNumbers[result.firstFailedIndex]}` : 'invalid batchItemFailures (whole batch failed)';
      this.context.report('ERROR', `${batch.records.length} record(s) ${range} failed ${took}: ${why}`);
    }
    logs();
    const decision = decide({ ...batch, invocations: batch.invocations + 1 }, result, policy);
    if (decision.delivered.length > 0) this.context.delivered(decision.delivered.length);
    if (decision.discarded) await this.context.discard(this.shardId, { ...decision.discarded.batch, last }, decision.discarded.condition);
    this.work.unshift(...decision.next.map((next) => ({ ...next, last })));
    const retried = decision.next[0];
    if (retried && retried.retries > batch.retries) await this.sleep(retryDelayMs(retried.retries, this.context.pollIntervalMs), false);
  }

  private sleep(ms: number, pokeable = true): Promise<void> {
    const { signal } = this.context;
    if (signal.aborted || (pokeable && this.poked)) {
      this.poked = false;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener('abort', done);
      if (pokeable) this.wake = done;
    });
  }
}
