/**
 * What Lambda does with a stream batch, as pure decisions (no I/O): when a batch is ready, what a
 * function's response means, and what runs next after a failure (retry, bisect, checkpoint past
 * reported failures, or discard to the on-failure destination). The shard worker applies them.
 */

export interface BatchPolicy {
  batchSize: number;
  maximumBatchingWindowInSeconds: number;
  bisectBatchOnFunctionError: boolean;
  /** -1: retry until the record leaves the stream. */
  maximumRetryAttempts: number;
  /** -1: no age limit. */
  maximumRecordAgeInSeconds: number;
  reportBatchItemFailures: boolean;
}

/** What the decisions need to know about a record. */
export interface PolicyRecord {
  sequenceNumber: string;
  /** When the record arrived in the stream (ms since the epoch). */
  arrivalMs: number;
  /** Its size in the invocation payload (bytes of JSON). */
  sizeBytes: number;
}

/** Records to invoke with, and how often they were retried (bisection does not count) and invoked. */
export interface PendingBatch<R extends PolicyRecord> {
  records: R[];
  retries: number;
  invocations: number;
}

/** Lambda's synchronous invocation payload limit; a batch is cut before it. */
export const MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;
/** GetRecords returns at most this many records. */
export const MAX_RECORDS_PER_READ = 1000;

/**
 * How many buffered records form the next batch now (0: keep gathering). A batch goes when it is
 * full (batch size or payload limit), when the batching window since the first buffered record has
 * passed (no window: at once), or when the shard has ended and nothing more can come.
 */
export function readyBatchSize(buffer: readonly PolicyRecord[], policy: BatchPolicy, gatheringSinceMs: number | undefined, nowMs: number, shardEnded: boolean): number {
  if (buffer.length === 0) return 0;
  let count = 0;
  let bytes = 0;
  for (const record of buffer) {
    if (count === policy.batchSize || (count > 0 && bytes + record.sizeBytes > MAX_PAYLOAD_BYTES)) return count;
    count += 1;
    bytes += record.sizeBytes;
  }
  if (count === policy.batchSize) return count;
  const windowMs = policy.maximumBatchingWindowInSeconds * 1000;
  const windowPassed = windowMs === 0 || gatheringSinceMs === undefined || nowMs - gatheringSinceMs >= windowMs;
  return windowPassed || shardEnded ? count : 0;
}

/** The function's response, read as Lambda reads it. */
export type BatchResult =
  | { kind: 'success' }
  | { kind: 'failure'; reason: 'FunctionError' | 'InvalidBatchItemFailures' }
  | { kind: 'partial'; firstFailedIndex: number };

export type InvocationOutcome = { ok: true; payload: unknown } | { ok: false };

/**
 * Without ReportBatchItemFailures any successful response is a success. With it: a missing, null or
 * empty `batchItemFailures` is a success; an item without a valid identifier of this batch fails
 * the whole batch; otherwise Lambda checkpoints before the lowest reported sequence number.
 */
export function readBatchResult(outcome: InvocationOutcome, sequenceNumbers: readonly string[], reportBatchItemFailures: boolean): BatchResult {
  if (!outcome.ok) return { kind: 'failure', reason: 'FunctionError' };
  if (!reportBatchItemFailures) return { kind: 'success' };
  const payload = outcome.payload;
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) return { kind: 'success' };
  const failures = (payload as { batchItemFailures?: unknown }).batchItemFailures;
  if (failures === undefined || failures === null) return { kind: 'success' };
  if (!Array.isArray(failures)) return { kind: 'failure', reason: 'InvalidBatchItemFailures' };
  if (failures.length === 0) return { kind: 'success' };
  let lowest = -1;
  for (const failure of failures) {
    const id = failure !== null && typeof failure === 'object' ? (failure as { itemIdentifier?: unknown }).itemIdentifier : undefined;
    const index = typeof id === 'string' && id !== '' ? sequenceNumbers.indexOf(id) : -1;
    if (index === -1) return { kind: 'failure', reason: 'InvalidBatchItemFailures' };
    if (lowest === -1 || compareSequenceNumbers(sequenceNumbers[index], sequenceNumbers[lowest]) < 0) lowest = index;
  }
  return { kind: 'partial', firstFailedIndex: lowest };
}

export type FailureCondition = 'RetryAttemptsExhausted' | 'RecordAgeExpired';

/** What happens after an invocation: records now checkpointed, and what runs next or is discarded. */
export interface Decision<R extends PolicyRecord> {
  /** Delivered and checkpointed. */
  delivered: R[];
  /** To invoke next, in order, before anything newer from the shard. */
  next: Array<PendingBatch<R>>;
  discarded?: { batch: PendingBatch<R>; condition: FailureCondition };
}

/** `batch.invocations` includes the invocation whose result this is. */
export function decide<R extends PolicyRecord>(batch: PendingBatch<R>, result: BatchResult, policy: BatchPolicy): Decision<R> {
  if (result.kind === 'success') return { delivered: batch.records, next: [] };
  const retry = (records: R[], delivered: R[]): Decision<R> => {
    const again: PendingBatch<R> = { records, retries: batch.retries + 1, invocations: batch.invocations };
    return retriesExhausted(again.retries, policy)
      ? { delivered, next: [], discarded: { batch: again, condition: 'RetryAttemptsExhausted' } }
      : { delivered, next: [again] };
  };
  if (result.kind === 'partial') {
    // Records before the lowest reported failure are checkpointed; the rest is retried (with bisect
    // on, Lambda "bisects at the returned sequence number", which is the same split).
    return retry(batch.records.slice(result.firstFailedIndex), batch.records.slice(0, result.firstFailedIndex));
  }
  if (policy.bisectBatchOnFunctionError && batch.records.length > 1) {
    const middle = Math.ceil(batch.records.length / 2);
    const half = (records: R[]): PendingBatch<R> => ({ records, retries: batch.retries, invocations: batch.invocations });
    return { delivered: [], next: [half(batch.records.slice(0, middle)), half(batch.records.slice(middle))] };
  }
  return retry(batch.records, []);
}

export function retriesExhausted(retries: number, policy: BatchPolicy): boolean {
  return policy.maximumRetryAttempts >= 0 && retries > policy.maximumRetryAttempts;
}

/** Splits off the leading records older than MaximumRecordAgeInSeconds (records arrive in order). */
export function splitExpired<R extends PolicyRecord>(records: readonly R[], policy: BatchPolicy, nowMs: number): { expired: R[]; fresh: R[] } {
  if (policy.maximumRecordAgeInSeconds < 0) return { expired: [], fresh: [...records] };
  const limitMs = policy.maximumRecordAgeInSeconds * 1000;
  let count = 0;
  while (count < records.length && nowMs - records[count].arrivalMs > limitMs) count += 1;
  return { expired: records.slice(0, count), fresh: records.slice(count) };
}

/** Delay before retrying a failed batch: the poll interval, doubling per retry, at most 5 s. */
export function retryDelayMs(retries: number, pollIntervalMs: number): number {
  return retries === 0 ? 0 : Math.min(pollIntervalMs * 2 ** (retries - 1), 5_000);
}

/** Stream sequence numbers are decimal strings of any length. */
export function compareSequenceNumbers(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
