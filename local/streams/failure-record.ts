/**
 * The invocation record Lambda sends to a stream mapping's on-failure destination when it discards
 * a batch: request and response context of the last invocation, and the discarded records' range
 * in the shard (`DDBStreamBatchInfo`), never the records themselves.
 */
import type { FailureCondition } from './batch-policy';

export interface FailureRecordInput {
  requestId: string;
  functionArn: string;
  condition: FailureCondition;
  approximateInvokeCount: number;
  /** The last invocation's outcome; absent when the batch was discarded before any invocation. */
  lastInvocation?: { functionError?: string };
  timestamp: Date;
  shardId: string;
  streamArn: string;
  records: ReadonlyArray<{ sequenceNumber: string; approximateCreationDateTime: Date }>;
}

export interface StreamFailureRecord {
  requestContext: { requestId: string; functionArn: string; condition: FailureCondition; approximateInvokeCount: number };
  responseContext: { statusCode: number; executedVersion: string; functionError?: string };
  version: '1.0';
  timestamp: string;
  DDBStreamBatchInfo: {
    shardId: string;
    startSequenceNumber: string;
    endSequenceNumber: string;
    approximateArrivalOfFirstRecord: string;
    approximateArrivalOfLastRecord: string;
    batchSize: number;
    streamArn: string;
  };
}

export function failureRecord(input: FailureRecordInput): StreamFailureRecord {
  const first = input.records[0];
  const last = input.records[input.records.length - 1];
  const { lastInvocation } = input;
  return {
    requestContext: { requestId: input.requestId, functionArn: input.functionArn, condition: input.condition, approximateInvokeCount: input.approximateInvokeCount },
    // An invocation that failed still answered 200 (the error is the function's); none at all: 0.
    responseContext: lastInvocation
      ? { statusCode: 200, executedVersion: '$LATEST', ...(lastInvocation.functionError ? { functionError: lastInvocation.functionError } : {}) }
      : { statusCode: 0, executedVersion: '$LATEST' },
    version: '1.0',
    timestamp: input.timestamp.toISOString(),
    DDBStreamBatchInfo: {
      shardId: input.shardId,
      startSequenceNumber: first.sequenceNumber,
      endSequenceNumber: last.sequenceNumber,
      approximateArrivalOfFirstRecord: isoSeconds(first.approximateCreationDateTime),
      approximateArrivalOfLastRecord: isoSeconds(last.approximateCreationDateTime),
      batchSize: input.records.length,
      streamArn: input.streamArn,
    },
  };
}

/** `2019-11-14T00:13:19Z`, as in Lambda's DynamoDB invocation records. */
function isoSeconds(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}
