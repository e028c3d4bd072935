/**
 * One event source mapping: finds the table's stream in DynamoDB Local, keeps a worker per shard
 * (a child shard starts once its parent is done, as Lambda processes them), looks for new shards
 * from time to time, and counts what happened.
 */
import { randomUUID } from 'node:crypto';
import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, type DynamoDBStreamsClient, type Shard } from '@aws-sdk/client-dynamodb-streams';
import type { LocalEventSourceMapping } from '../assembly/load-api';
import type { BatchPolicy, FailureCondition } from './batch-policy';
import { failureRecord, type StreamFailureRecord } from './failure-record';
import { ShardWorker, type ShardContext, type StreamInvokeResult, type WorkItem } from './shard-worker';
import type { StreamEventRecord } from './stream-event';

export interface StreamMappingCounters {
  /** Function invocations, failed ones included. */
  invocations: number;
  /** Invocations that ended in a function error (thrown, timed out, crashed). */
  functionErrors: number;
  /** Records checkpointed after the function processed them. */
  recordsDelivered: number;
  /** Batches discarded (each sent to the on-failure destination when there is one). */
  failedBatches: number;
  failedRecords: number;
}

export interface StreamMappingStatus {
  logicalId: string;
  functionName: string;
  tableName: string;
  /** `failed`: the stream could not be read (see `error`). */
  state: 'polling' | 'disabled' | 'failed';
  error?: string;
  counters: StreamMappingCounters;
}

export interface StreamMappingDeps {
  dynamodb: DynamoDBClient;
  streams: DynamoDBStreamsClient;
  region: string;
  pollIntervalMs: number;
  /** Where StartingPosition applies: a table that existed before this start is read from LATEST. */
  startFromTemplate: boolean;
  signal: AbortSignal;
  invoke(records: StreamEventRecord[]): Promise<StreamInvokeResult | 'stopped'>;
  /** Delivers a failure record to the mapping's destination; returns where it went, for the log. */
  sendFailure(record: StreamFailureRecord): Promise<string>;
  report(level: 'ERROR' | 'INFO' | 'DEBUG', line: string): void;
}

/** How often a mapping looks for new shards (DynamoDB rolls shards over every few hours). */
const DISCOVERY_INTERVAL_MS = 10_000;

export class StreamMapping {
  readonly status: StreamMappingStatus;
  private readonly workers = new Map<string, ShardWorker>();
  /** Shards never to read: closed before a LATEST mapping started. */
  private readonly skipped = new Set<string>();
  private streamArn = '';
  /** performance.now() when the last completed shard discovery was issued. */
  private discoveredAt = -1;
  private discovery: Promise<void> = Promise.resolve();
  private wakeDiscovery: (() => void) | undefined;
  private discoverAgain = false;

  constructor(readonly mapping: LocalEventSourceMapping, private readonly deps: StreamMappingDeps) {
    this.status = {
      logicalId: mapping.logicalId, functionName: mapping.functionName, tableName: mapping.tableName,
      state: mapping.enabled ? 'polling' : 'disabled',
      counters: { invocations: 0, functionErrors: 0, recordsDelivered: 0, failedBatches: 0, failedRecords: 0 },
    };
  }

  /** Takes iterators for the current shards, so that records written after this returns are read. */
  async start(): Promise<void> {
    if (!this.mapping.enabled) return;
    try {
      const { Table } = await this.deps.dynamodb.send(new DescribeTableCommand({ TableName: this.mapping.tableName }));
      if (!Table?.LatestStreamArn || Table.StreamSpecification?.StreamEnabled === false) throw new Error(`table ${this.mapping.tableName} has no stream enabled`);
      this.streamArn = Table.LatestStreamArn;
      await this.discover(true);
    } catch (error) {
      this.fail(error as Error);
      return;
    }
    this.discovery = this.discoverLoop();
  }

  /** Every record written before `since` (performance.now()) has been delivered or discarded. */
  settledSince(since: number): boolean {
    if (this.status.state !== 'polling') return true;
    if (this.discoveredAt < since) return false;
    return [...this.workers.values()].every((w) => w.finished || (w.idleSince !== undefined && w.idleSince >= since));
  }

  /** Why settling cannot happen, if a shard worker stopped. */
  get errors(): string[] {
    const errors = [...this.workers.values()].filter((w) => w.error).map((w) => `shard ${w.shardId}: ${w.error}`);
    return this.status.error ? [this.status.error, ...errors] : errors;
  }

  /** What is still open, for a settle timeout's message. */
  pending(since: number): string[] {
    if (this.status.state !== 'polling') return [];
    const shards = [...this.workers.values()].filter((w) => !w.finished && !(w.idleSince !== undefined && w.idleSince >= since)).map((w) => w.shardId);
    return [...(this.discoveredAt < since ? ['shard discovery'] : []), ...shards.map((s) => `shard ${s}`)];
  }

  /** Looks for shards and polls every idle shard now. */
  poke(): void {
    if (this.wakeDiscovery) this.wakeDiscovery();
    else this.discoverAgain = true;
    for (const worker of this.workers.values()) worker.poke();
  }

  async stopped(): Promise<void> {
    await this.discovery;
    await Promise.all([...this.workers.values()].map((w) => w.done));
  }

  private fail(error: Error): void {
    if (this.deps.signal.aborted) return;
    this.status.state = 'failed';
    this.status.error = error.message;
    this.deps.report('ERROR', `not polling: ${error.message}`);
  }

  private async discoverLoop(): Promise<void> {
    const { signal } = this.deps;
    while (!signal.aborted) {
      if (!this.discoverAgain) await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          signal.removeEventListener('abort', done);
          this.wakeDiscovery = undefined;
          resolve();
        };
        const timer = setTimeout(done, DISCOVERY_INTERVAL_MS);
        signal.addEventListener('abort', done);
        this.wakeDiscovery = done;
      });
      if (signal.aborted) return;
      this.discoverAgain = false;
      try {
        await this.discover(false);
      } catch (error) {
        if (!signal.aborted) this.deps.report('ERROR', `DescribeStream failed: ${(error as Error).message}`);
      }
    }
  }

  private async discover(initial: boolean): Promise<void> {
    const issuedAt = performance.now();
    const shards: Shard[] = [];
    let exclusiveStartShardId: string | undefined;
    do {
      const { StreamDescription } = await this.deps.streams.send(
        new DescribeStreamCommand({ StreamArn: this.streamArn, ExclusiveStartShardId: exclusiveStartShardId }), { abortSignal: this.deps.signal });
      shards.push(...(StreamDescription?.Shards ?? []));
      exclusiveStartShardId = StreamDescription?.LastEvaluatedShardId;
    } while (exclusiveStartShardId);
    const unknown = new Map(shards.filter((s) => !this.workers.has(s.ShardId!) && !this.skipped.has(s.ShardId!)).map((s) => [s.ShardId!, s]));
    const latest = initial && (this.mapping.startingPosition === 'LATEST' || !this.deps.startFromTemplate);
    const fresh: ShardWorker[] = [];
    // Parents first, whatever order DescribeStream lists them in, so children can wait for them.
    const add = (shard: Shard): void => {
      const id = shard.ShardId!;
      unknown.delete(id);
      if (latest && shard.SequenceNumberRange?.EndingSequenceNumber) {
        this.skipped.add(id);
        return;
      }
      const pendingParent = shard.ParentShardId ? unknown.get(shard.ParentShardId) : undefined;
      if (pendingParent) add(pendingParent);
      const parent = shard.ParentShardId ? this.workers.get(shard.ParentShardId) : undefined;
      const worker = new ShardWorker(id, latest ? 'LATEST' : 'TRIM_HORIZON', this.shardContext(), latest ? undefined : parent?.done);
      this.workers.set(id, worker);
      fresh.push(worker);
    };
    while (unknown.size > 0) add(unknown.values().next().value!);
    await Promise.all(fresh.map((w) => w.begin()));
    this.discoveredAt = issuedAt;
  }

  private shardContext(): ShardContext {
    const { mapping, deps } = this;
    const counters = this.status.counters;
    const policy: BatchPolicy = {
      batchSize: mapping.batchSize, maximumBatchingWindowInSeconds: mapping.maximumBatchingWindowInSeconds,
      bisectBatchOnFunctionError: mapping.bisectBatchOnFunctionError, maximumRetryAttempts: mapping.maximumRetryAttempts,
      maximumRecordAgeInSeconds: mapping.maximumRecordAgeInSeconds, reportBatchItemFailures: mapping.functionResponseTypes.includes('ReportBatchItemFailures'),
    };
    return {
      client: deps.streams, streamArn: this.streamArn, eventSourceArn: mapping.eventSourceArn, region: deps.region,
      policy, pollIntervalMs: deps.pollIntervalMs, signal: deps.signal, report: deps.report,
      invoke: async (records) => {
        const outcome = await deps.invoke(records);
        if (outcome !== 'stopped') {
          counters.invocations += 1;
          if (!outcome.ok) counters.functionErrors += 1;
        }
        return outcome;
      },
      delivered: (count) => { counters.recordsDelivered += count; },
      discard: (shardId, batch, condition) => this.discard(shardId, batch, condition),
    };
  }

  private async discard(shardId: string, batch: WorkItem, condition: FailureCondition): Promise<void> {
    const counters = this.status.counters;
    counters.failedBatches += 1;
    counters.failedRecords += batch.records.length;
    const record = failureRecord({
      requestId: batch.last?.requestId ?? randomUUID(), functionArn: this.mapping.functionArn, condition,
      approximateInvokeCount: batch.invocations, lastInvocation: batch.last, timestamp: new Date(),
      shardId, streamArn: this.mapping.eventSourceArn,
      records: batch.records.map((r) => ({ sequenceNumber: r.sequenceNumber, approximateCreationDateTime: r.approximateCreationDateTime })),
    });
    const { startSequenceNumber: from, endSequenceNumber: to } = record.DDBStreamBatchInfo;
    try {
      const where = await this.deps.sendFailure(record);
      this.deps.report('ERROR', `discarded ${batch.records.length} record(s) ${from}..${to} (${condition}) → ${where}`);
    } catch (error) {
      if (!this.deps.signal.aborted) this.deps.report('ERROR', `discarded ${batch.records.length} record(s) ${from}..${to} (${condition}); the failure record could not be sent: ${(error as Error).message}`);
    }
  }
}
