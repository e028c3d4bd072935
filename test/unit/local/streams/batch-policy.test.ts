import { describe, expect, it } from 'vitest';
import {
  MAX_PAYLOAD_BYTES, compareSequenceNumbers, decide, readBatchResult, readyBatchSize, retryDelayMs, splitExpired,
  type BatchPolicy, type PendingBatch, type PolicyRecord,
} from '../../../../local/streams/batch-policy';

const policy = (overrides: Partial<BatchPolicy> = {}): BatchPolicy => ({
  batchSize: 4, maximumBatchingWindowInSeconds: 0, bisectBatchOnFunctionError: false, maximumRetryAttempts: -1,
  maximumRecordAgeInSeconds: -1, reportBatchItemFailures: false, ...overrides,
});
const record = (sequenceNumber: string | number, arrivalMs = 0, sizeBytes = 100): PolicyRecord => ({ sequenceNumber: String(sequenceNumber), arrivalMs, sizeBytes });
const records = (...sequenceNumbers: number[]) => sequenceNumbers.map((n) => record(n));
const batch = (rs: PolicyRecord[], retries = 0, invocations = 1): PendingBatch<PolicyRecord> => ({ records: rs, retries, invocations });
const seqs = (rs: PolicyRecord[]) => rs.map((r) => Number(r.sequenceNumber));

describe('when a batch is ready', () => {
  it('waits for records, and sends what there is at once without a batching window', () => {
    expect(readyBatchSize([], policy(), undefined, 0, false)).toBe(0);
    expect(readyBatchSize(records(1, 2), policy(), 0, 0, false)).toBe(2);
  });

  it('never sends more than the batch size', () => {
    expect(readyBatchSize(records(1, 2, 3, 4, 5, 6), policy(), 0, 0, false)).toBe(4);
  });

  it('with a window, gathers until it is full, the window has passed since the first record, or the shard has ended', () => {
    const windowed = policy({ maximumBatchingWindowInSeconds: 2 });
    expect(readyBatchSize(records(1, 2), windowed, 1_000, 2_999, false)).toBe(0);
    expect(readyBatchSize(records(1, 2), windowed, 1_000, 3_000, false)).toBe(2);
    expect(readyBatchSize(records(1, 2, 3, 4), windowed, 1_000, 1_000, false)).toBe(4);
    expect(readyBatchSize(records(1, 2), windowed, 1_000, 1_000, true)).toBe(2);
  });

  it('cuts a batch before it would pass the 6 MB invocation payload', () => {
    const big = [record(1, 0, 4_000_000), record(2, 0, 3_000_000), record(3, 0, 10)];
    expect(readyBatchSize(big, policy(), 0, 0, false)).toBe(1);
    expect(readyBatchSize([record(1, 0, MAX_PAYLOAD_BYTES / 2), record(2, 0, MAX_PAYLOAD_BYTES / 2)], policy(), 0, 0, false)).toBe(2);
  });
});

describe('reading the function response', () => {
  const inBatch = ['100', '99', '101'];

  it('is a failure when the function failed, whatever it reported', () => {
    expect(readBatchResult({ ok: false }, inBatch, true)).toEqual({ kind: 'failure', reason: 'FunctionError' });
  });

  it('ignores batchItemFailures unless ReportBatchItemFailures is on', () => {
    expect(readBatchResult({ ok: true, payload: { batchItemFailures: [{ itemIdentifier: '99' }] } }, inBatch, false)).toEqual({ kind: 'success' });
  });

  it.each([null, undefined, 'done', [], {}, { batchItemFailures: null }, { batchItemFailures: [] }])('treats %j as complete success', (payload) => {
    expect(readBatchResult({ ok: true, payload }, inBatch, true)).toEqual({ kind: 'success' });
  });

  it.each([
    [{ batchItemFailures: [{ itemIdentifier: '' }] }],
    [{ batchItemFailures: [{ itemIdentifier: null }] }],
    [{ batchItemFailures: [{ itemIdentifer: '99' }] }],
    [{ batchItemFailures: [{ itemIdentifier: '7' }] }],
    [{ batchItemFailures: [{ itemIdentifier: 99 }] }],
    [{ batchItemFailures: 'all' }],
    [{ batchItemFailures: [null] }],
  ])('fails the whole batch for an invalid identifier: %j', (payload) => {
    expect(readBatchResult({ ok: true, payload }, inBatch, true)).toEqual({ kind: 'failure', reason: 'InvalidBatchItemFailures' });
  });

  it('checkpoints before the lowest reported sequence number, compared as numbers', () => {
    const payload = { batchItemFailures: [{ itemIdentifier: '101' }, { itemIdentifier: '99' }] };
    expect(readBatchResult({ ok: true, payload }, ['98', '99', '100', '101'], true)).toEqual({ kind: 'partial', firstFailedIndex: 1 });
    expect(compareSequenceNumbers('99', '100')).toBe(-1);
    expect(compareSequenceNumbers('000000000000000000010', '9')).toBe(1);
  });
});

describe('what follows an invocation', () => {
  it('checkpoints the whole batch on success', () => {
    expect(decide(batch(records(1, 2, 3)), { kind: 'success' }, policy())).toEqual({ delivered: records(1, 2, 3), next: [] });
  });

  it('retries the whole batch on error, counting retries, until MaximumRetryAttempts is passed', () => {
    const limited = policy({ maximumRetryAttempts: 2 });
    const error = { kind: 'failure', reason: 'FunctionError' } as const;
    const first = decide(batch(records(1, 2)), error, limited);
    expect(first.next).toEqual([{ records: records(1, 2), retries: 1, invocations: 1 }]);
    expect(decide(batch(records(1, 2), 1, 2), error, limited).next[0].retries).toBe(2);
    const last = decide(batch(records(1, 2), 2, 3), error, limited);
    expect(last).toEqual({ delivered: [], next: [], discarded: { batch: { records: records(1, 2), retries: 3, invocations: 3 }, condition: 'RetryAttemptsExhausted' } });
  });

  it('retries forever with MaximumRetryAttempts -1, and discards at once with 0', () => {
    const error = { kind: 'failure', reason: 'FunctionError' } as const;
    expect(decide(batch(records(1), 10_000), error, policy()).discarded).toBeUndefined();
    expect(decide(batch(records(1)), error, policy({ maximumRetryAttempts: 0 })).discarded?.condition).toBe('RetryAttemptsExhausted');
  });

  it('bisects a failed batch into halves without counting a retry, and retries a single record', () => {
    const bisecting = policy({ bisectBatchOnFunctionError: true, maximumRetryAttempts: 0 });
    const error = { kind: 'failure', reason: 'InvalidBatchItemFailures' } as const;
    const split = decide(batch(records(1, 2, 3, 4, 5), 0, 1), error, bisecting);
    expect(split.next.map((b) => [seqs(b.records), b.retries, b.invocations])).toEqual([[[1, 2, 3], 0, 1], [[4, 5], 0, 1]]);
    expect(decide(batch(records(3)), error, bisecting).discarded?.batch.records).toEqual(records(3));
  });

  it('checkpoints records before a reported failure and retries from it, counting the retry', () => {
    const reporting = policy({ reportBatchItemFailures: true, bisectBatchOnFunctionError: true, maximumRetryAttempts: 1 });
    const first = decide(batch(records(1, 2, 3, 4)), { kind: 'partial', firstFailedIndex: 2 }, reporting);
    expect(seqs(first.delivered)).toEqual([1, 2]);
    expect(first.next.map((b) => [seqs(b.records), b.retries])).toEqual([[[3, 4], 1]]);
    const again = decide({ ...first.next[0], invocations: 2 }, { kind: 'partial', firstFailedIndex: 0 }, reporting);
    expect(again.delivered).toEqual([]);
    expect(again.discarded).toEqual({ batch: { records: records(3, 4), retries: 2, invocations: 2 }, condition: 'RetryAttemptsExhausted' });
  });

  it('isolates a poisoned record: the records around it are delivered once, in order, and only it is discarded', () => {
    // A work list as the shard worker keeps it, and a function that fails any batch holding record 3.
    const bisecting = policy({ bisectBatchOnFunctionError: true, maximumRetryAttempts: 1 });
    const work: Array<PendingBatch<PolicyRecord>> = [{ records: records(1, 2, 3, 4, 5, 6), retries: 0, invocations: 0 }];
    const invoked: number[][] = [];
    const delivered: number[] = [];
    const discarded: number[][] = [];
    while (work.length > 0) {
      const next = work.shift()!;
      invoked.push(seqs(next.records));
      const failed = next.records.some((r) => r.sequenceNumber === '3');
      const d = decide({ ...next, invocations: next.invocations + 1 }, failed ? { kind: 'failure', reason: 'FunctionError' } : { kind: 'success' }, bisecting);
      delivered.push(...seqs(d.delivered));
      if (d.discarded) discarded.push(seqs(d.discarded.batch.records));
      work.unshift(...d.next);
    }
    expect(invoked).toEqual([[1, 2, 3, 4, 5, 6], [1, 2, 3], [1, 2], [3], [3], [4, 5, 6]]);
    expect(delivered).toEqual([1, 2, 4, 5, 6]);
    expect(discarded).toEqual([[3]]);
  });
});

describe('record age and retry timing', () => {
  it('splits off the leading records older than MaximumRecordAgeInSeconds', () => {
    const aged = [record(1, 0), record(2, 30_000), record(3, 70_000)];
    expect(splitExpired(aged, policy({ maximumRecordAgeInSeconds: 60 }), 100_000)).toEqual({ expired: aged.slice(0, 2), fresh: aged.slice(2) });
    expect(splitExpired(aged, policy(), 10_000_000)).toEqual({ expired: [], fresh: aged });
  });

  it('waits the poll interval before a first retry, doubling up to 5 s', () => {
    expect([0, 1, 2, 3, 10].map((r) => retryDelayMs(r, 250))).toEqual([0, 250, 500, 1_000, 5_000]);
  });
});
