/**
 * The shard worker against a scripted Streams API (no DynamoDB): it reads a shard to its end,
 * invokes in order, discards expired records before invoking, and reports when it is idle.
 */
import { GetRecordsCommand, GetShardIteratorCommand, type DynamoDBStreamsClient, type _Record } from '@aws-sdk/client-dynamodb-streams';
import { describe, expect, it } from 'vitest';
import type { BatchPolicy, FailureCondition } from '../../../../local/streams/batch-policy';
import { ShardWorker, type ShardContext, type StreamInvokeResult, type WorkItem } from '../../../../local/streams/shard-worker';
import type { StreamEventRecord } from '../../../../local/streams/stream-event';

const streamRecord = (n: number, created: Date): _Record => ({
  eventID: `e${n}`, eventName: 'INSERT', eventVersion: '1.1', eventSource: 'aws:dynamodb',
  dynamodb: { ApproximateCreationDateTime: created, Keys: { id: { S: `k${n}` } }, SequenceNumber: String(n), SizeBytes: 10, StreamViewType: 'KEYS_ONLY' },
});

/** A shard holding `records`, read `perRead` at a time; closed (no next iterator) at its end when `closed`. */
function scriptedShard(records: _Record[], perRead: number, closed: boolean): DynamoDBStreamsClient {
  return {
    send: async (command: unknown) => {
      if (command instanceof GetShardIteratorCommand) return { ShardIterator: '0' };
      if (command instanceof GetRecordsCommand) {
        const at = Number(command.input.ShardIterator);
        const next = Math.min(at + perRead, records.length);
        return { Records: records.slice(at, next), NextShardIterator: closed && at >= records.length ? undefined : String(next) };
      }
      throw new Error('unexpected command');
    },
  } as unknown as DynamoDBStreamsClient;
}

function context(client: DynamoDBStreamsClient, policy: Partial<BatchPolicy>, invoke: (records: StreamEventRecord[]) => StreamInvokeResult) {
  const abort = new AbortController();
  const invoked: string[][] = [];
  const discarded: Array<{ sequenceNumbers: string[]; condition: FailureCondition; invocations: number }> = [];
  let delivered = 0;
  const ctx: ShardContext = {
    client, streamArn: 'arn:stream', eventSourceArn: 'arn:aws:dynamodb:us-east-1:000000000000:table/t/stream/local', region: 'us-east-1',
    policy: { batchSize: 2, maximumBatchingWindowInSeconds: 0, bisectBatchOnFunctionError: false, maximumRetryAttempts: -1, maximumRecordAgeInSeconds: -1, reportBatchItemFailures: false, ...policy },
    pollIntervalMs: 5, signal: abort.signal, report: () => undefined,
    invoke: async (records) => {
      invoked.push(records.map((r) => r.dynamodb!.SequenceNumber!));
      return invoke(records);
    },
    delivered: (count) => { delivered += count; },
    discard: async (_shardId: string, batch: WorkItem, condition: FailureCondition) => {
      discarded.push({ sequenceNumbers: batch.records.map((r) => r.sequenceNumber), condition, invocations: batch.invocations });
    },
  };
  return { ctx, abort, invoked, discarded, delivered: () => delivered };
}

const ok = (): StreamInvokeResult => ({ ok: true, requestId: 'r', payload: null, logs: [], durationMs: 1 });

describe('a shard worker', () => {
  it('reads a closed shard to its end in batches, in order, and finishes', async () => {
    const now = new Date();
    const t = context(scriptedShard([1, 2, 3, 4, 5].map((n) => streamRecord(n, now)), 3, true), {}, ok);
    const worker = new ShardWorker('shardId-1', 'TRIM_HORIZON', t.ctx);
    await worker.begin();
    await worker.done;
    expect(t.invoked).toEqual([['1', '2'], ['3'], ['4', '5']]);
    expect(t.delivered()).toBe(5);
    expect(worker.finished).toBe(true);
    expect(worker.error).toBeUndefined();
  });

  it('discards records older than MaximumRecordAgeInSeconds before invoking, and invokes with the rest', async () => {
    const old = new Date(Date.now() - 10 * 60_000);
    const t = context(scriptedShard([streamRecord(1, old), streamRecord(2, old), streamRecord(3, new Date())], 10, true), { batchSize: 3, maximumRecordAgeInSeconds: 60 }, ok);
    const worker = new ShardWorker('shardId-1', 'TRIM_HORIZON', t.ctx);
    await worker.begin();
    await worker.done;
    expect(t.discarded).toEqual([{ sequenceNumbers: ['1', '2'], condition: 'RecordAgeExpired', invocations: 0 }]);
    expect(t.invoked).toEqual([['3']]);
  });

  it('is idle, from a read issued after everything was handled, on an open shard', async () => {
    const t = context(scriptedShard([streamRecord(1, new Date())], 10, false), {}, ok);
    const worker = new ShardWorker('shardId-1', 'LATEST', t.ctx);
    const before = performance.now();
    await worker.begin();
    while (worker.idleSince === undefined) await new Promise((r) => setTimeout(r, 5));
    expect(t.invoked).toEqual([['1']]);
    expect(worker.idleSince).toBeGreaterThanOrEqual(before);
    expect(worker.finished).toBe(false);
    t.abort.abort();
    await worker.done;
  });

  it('retries a failing batch until MaximumRetryAttempts, discards it, then goes on', async () => {
    const t = context(scriptedShard([1, 2, 3].map((n) => streamRecord(n, new Date())), 10, true), { batchSize: 2, maximumRetryAttempts: 2 },
      (records) => (records.some((r) => r.dynamodb!.SequenceNumber === '1')
        ? { ok: false, requestId: 'r', errorType: 'Error', errorMessage: 'no', logs: [], durationMs: 1 }
        : ok()));
    const worker = new ShardWorker('shardId-1', 'TRIM_HORIZON', t.ctx);
    await worker.begin();
    await worker.done;
    expect(t.invoked).toEqual([['1', '2'], ['1', '2'], ['1', '2'], ['3']]);
    expect(t.discarded).toEqual([{ sequenceNumbers: ['1', '2'], condition: 'RetryAttemptsExhausted', invocations: 3 }]);
    expect(t.delivered()).toBe(1);
  });
});
