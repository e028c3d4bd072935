/**
 * DynamoDB Streams → Lambda on the local runtime, with the fixture app's mapping (batch size 4,
 * a 1 s batching window, bisect on error, one retry, ReportBatchItemFailures, an SQS on-failure
 * queue): records reach the function once and in order, in Lambda's event shape; a poisoned record
 * is isolated and recorded in the queue, read with the real SQS client, while the rest goes on.
 */
import { BatchWriteItemCommand, DeleteItemCommand, PutItemCommand, ScanCommand, UpdateItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { DeleteMessageCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { DynamoDBRecord } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { LocalEventSourceMapping } from '../../../local/assembly/load-api';
import type { StreamFailureRecord } from '../../../local/streams/failure-record';
import type { StreamMappingCounters } from '../../../local/streams/local-streams';
import { givenLocalApi, type LocalApi } from '../../helpers/local-api';

let api: LocalApi;
let sqs: SQSClient;
let mapping: LocalEventSourceMapping;
let queueUrl: string;
const lines: string[] = [];

beforeAll(async () => {
  const outdir = inject('miniAppAssembly');
  api = await givenLocalApi({ assemblyDir: outdir, lines, logLevel: 'INFO' });
  [mapping] = api.runtime.model.eventSourceMappings;
  queueUrl = api.runtime.sqs!.queueUrls[mapping.onFailure!.queueLogicalId!];
  sqs = new SQSClient({ endpoint: api.runtime.sqs!.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
}, 120_000);
afterAll(async () => {
  sqs?.destroy();
  await api?.close();
});

const table = (prefix: string) => api.runtime.model.tables.find((t) => t.logicalId.startsWith(prefix))!.tableName;
const put = (id: string, attributes: Record<string, AttributeValue> = {}) =>
  api.runtime.client.send(new PutItemCommand({ TableName: table('Events'), Item: { id: { S: id }, ...attributes } }));
/** One request, so that the four records land in the stream together and form one batch. */
const putAll = (items: Array<Record<string, AttributeValue>>) =>
  api.runtime.client.send(new BatchWriteItemCommand({ RequestItems: { [table('Events')]: items.map((Item) => ({ PutRequest: { Item } })) } }));

interface Delivery { id: string; itemId: string; deliveries?: number; attempts?: number; batchSize?: number; record?: DynamoDBRecord; sequenceNumbers?: string[] }

/** What the fixture function wrote: one item per delivered record, per poisoned attempt, per key. */
async function deliveries(keyPrefix: string): Promise<Delivery[]> {
  const { Items = [] } = await api.runtime.client.send(new ScanCommand({ TableName: table('Deliveries') }));
  return Items.map((i) => ({
    id: i.id.S!, itemId: i.itemId?.S ?? i.id.S!.replace(/^key#/, ''),
    deliveries: i.deliveries ? Number(i.deliveries.N) : undefined, attempts: i.attempts ? Number(i.attempts.N) : undefined,
    batchSize: i.batchSize ? Number(i.batchSize.N) : undefined, record: i.streamRecord ? (JSON.parse(i.streamRecord.S!) as DynamoDBRecord) : undefined,
    sequenceNumbers: i.sequenceNumbers?.L?.map((v) => v.S!),
  })).filter((d) => d.itemId.startsWith(keyPrefix));
}
const recordsOf = (all: Delivery[], key: string) => all.filter((d) => d.id.startsWith('record#') && d.itemId === key)
  .sort((a, b) => compare(a.record!.dynamodb!.SequenceNumber!, b.record!.dynamodb!.SequenceNumber!));
const attemptOf = (all: Delivery[], key: string) => all.find((d) => d.id.startsWith('attempt#') && d.itemId === key)!;
const compare = (a: string, b: string) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0);

async function failureMessages(): Promise<StreamFailureRecord[]> {
  const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }));
  for (const m of Messages) await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: m.ReceiptHandle! }));
  return Messages.map((m) => JSON.parse(m.Body!) as StreamFailureRecord);
}

function countersDelta(): () => StreamMappingCounters {
  const before = { ...api.runtime.streams!.mappings[0].counters };
  return () => {
    const now = api.runtime.streams!.mappings[0].counters;
    return Object.fromEntries(Object.entries(now).map(([k, v]) => [k, v - before[k as keyof StreamMappingCounters]])) as unknown as StreamMappingCounters;
  };
}

describe('DynamoDB stream → Lambda event source mapping', () => {
  it('serves the template mapping with its settings and the on-failure queue', () => {
    expect(mapping).toMatchObject({
      tableName: table('Events'), batchSize: 4, maximumBatchingWindowInSeconds: 1, startingPosition: 'TRIM_HORIZON',
      bisectBatchOnFunctionError: true, maximumRetryAttempts: 1, functionResponseTypes: ['ReportBatchItemFailures'], enabled: true,
    });
    expect(api.runtime.streams!.mappings).toEqual([expect.objectContaining({ logicalId: mapping.logicalId, state: 'polling' })]);
    expect(queueUrl).toBe(api.runtime.model.queues.find((q) => q.logicalId === mapping.onFailure!.queueLogicalId)!.url);
    expect(queueUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/000000000000\/Notes-StreamFailures/);
  });

  it('delivers every record once, in order per key, in the shape Lambda delivers', async () => {
    const delta = countersDelta();
    await put('o1', { n: { N: '1' }, bin: { B: new Uint8Array([1, 2, 3]) } });
    await put('o2', { n: { N: '1' } });
    await api.runtime.client.send(new UpdateItemCommand({ TableName: table('Events'), Key: { id: { S: 'o1' } }, UpdateExpression: 'SET n = :n', ExpressionAttributeValues: { ':n': { N: '2' } } }));
    await put('o3');
    await api.runtime.client.send(new DeleteItemCommand({ TableName: table('Events'), Key: { id: { S: 'o2' } } }));
    await put('o3', { tag: { SS: ['x', 'y'] } });
    await put('o1', { n: { N: '3' } });
    await api.runtime.streams!.settled();

    const all = await deliveries('o');
    const byKey = (key: string) => recordsOf(all, key);
    expect(byKey('o1').map((d) => d.record!.eventName)).toEqual(['INSERT', 'MODIFY', 'MODIFY']);
    expect(byKey('o2').map((d) => d.record!.eventName)).toEqual(['INSERT', 'REMOVE']);
    expect(byKey('o3').map((d) => d.record!.eventName)).toEqual(['INSERT', 'MODIFY']);
    const records = all.filter((d) => d.id.startsWith('record#'));
    expect(records).toHaveLength(7);
    expect(records.every((d) => d.deliveries === 1 && d.batchSize! <= 4)).toBe(true);
    // The function saw each key's records in stream order.
    for (const key of ['o1', 'o2', 'o3']) {
      const seen = all.find((d) => d.id === `key#${key}`)!.sequenceNumbers!;
      expect(seen).toEqual(byKey(key).map((d) => d.record!.dynamodb!.SequenceNumber));
    }

    const [insert, modify] = byKey('o1').map((d) => d.record!);
    expect(insert).toMatchObject({
      eventName: 'INSERT', eventVersion: '1.1', eventSource: 'aws:dynamodb', awsRegion: 'us-east-1', eventSourceARN: mapping.eventSourceArn,
      dynamodb: { Keys: { id: { S: 'o1' } }, NewImage: { id: { S: 'o1' }, n: { N: '1' }, bin: { B: 'AQID' } }, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    });
    expect(insert.eventID).toEqual(expect.any(String));
    expect(insert.dynamodb!.OldImage).toBeUndefined();
    expect(insert.dynamodb!.SizeBytes).toBeGreaterThan(0);
    expect(Math.abs(insert.dynamodb!.ApproximateCreationDateTime! - Date.now() / 1000)).toBeLessThan(120);
    expect(modify.dynamodb).toMatchObject({ OldImage: { n: { N: '1' } }, NewImage: { n: { N: '2' } } });
    const [, remove] = byKey('o2').map((d) => d.record!);
    expect(remove.dynamodb).toMatchObject({ Keys: { id: { S: 'o2' } }, OldImage: { id: { S: 'o2' }, n: { N: '1' } } });
    expect(remove.dynamodb!.NewImage).toBeUndefined();
    expect(byKey('o3')[1].record!.dynamodb!.NewImage!.tag).toEqual({ SS: ['x', 'y'] });

    expect(delta()).toMatchObject({ recordsDelivered: 7, functionErrors: 0, failedBatches: 0, failedRecords: 0 });
    expect(delta().invocations).toBeGreaterThanOrEqual(2);
    expect(await failureMessages()).toEqual([]);
  });

  it('isolates a record that makes the function fail by bisecting, sends it to the queue after the retry, and delivers the rest once', async () => {
    const delta = countersDelta();
    await putAll([{ id: { S: 't-a' } }, { id: { S: 't-b' } }, { id: { S: 't-p' }, poison: { S: 'throw' } }, { id: { S: 't-c' } }]);
    await api.runtime.streams!.settled();

    const all = await deliveries('t-');
    const [a, b, c] = ['t-a', 't-b', 't-c'].map((key) => recordsOf(all, key));
    expect([a, b, c].map((r) => r.map((d) => d.deliveries))).toEqual([[1], [1], [1]]);
    // One batch of four, bisected: [a, b] succeeded, [p, c] failed and was bisected again.
    expect([a[0].batchSize, b[0].batchSize, c[0].batchSize]).toEqual([2, 2, 1]);
    expect(recordsOf(all, 't-p')).toEqual([]);
    const poisoned = attemptOf(all, 't-p');
    const poisonedSequenceNumber = poisoned.id.replace('attempt#', '');
    expect(compare(b[0].record!.dynamodb!.SequenceNumber!, poisonedSequenceNumber)).toBe(-1);
    expect(compare(poisonedSequenceNumber, c[0].record!.dynamodb!.SequenceNumber!)).toBe(-1);

    const messages = await failureMessages();
    expect(messages).toHaveLength(1);
    const [failure] = messages;
    expect(failure).toMatchObject({
      requestContext: { functionArn: mapping.functionArn, condition: 'RetryAttemptsExhausted', approximateInvokeCount: poisoned.attempts },
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
      version: '1.0',
      DDBStreamBatchInfo: { startSequenceNumber: poisonedSequenceNumber, endSequenceNumber: poisonedSequenceNumber, batchSize: 1, streamArn: mapping.eventSourceArn },
    });
    // [a, b, p, c], [p, c], then [p] once and once more for the single retry.
    expect(poisoned.attempts).toBe(4);
    expect(failure.requestContext.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(failure.DDBStreamBatchInfo.shardId).toMatch(/^shardId-/);
    expect(failure.DDBStreamBatchInfo.approximateArrivalOfFirstRecord).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(new Date(failure.timestamp).getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(delta()).toMatchObject({ recordsDelivered: 3, failedBatches: 1, failedRecords: 1, functionErrors: 4, invocations: 6 });
    expect(lines.some((l) => l.includes('discarded 1 record(s)') && l.includes('RetryAttemptsExhausted'))).toBe(true);
  });

  it('checkpoints before a reported batch item failure, retries from it, then sends the rest of the batch to the queue', async () => {
    const delta = countersDelta();
    await putAll([{ id: { S: 'r-a' } }, { id: { S: 'r-b' } }, { id: { S: 'r-p' }, poison: { S: 'report' } }, { id: { S: 'r-c' } }]);
    await api.runtime.streams!.settled();

    const all = await deliveries('r-');
    const [a, b, c] = ['r-a', 'r-b', 'r-c'].map((key) => recordsOf(all, key)[0]);
    // Records before the reported one were checkpointed; the one after it came again with the retry
    // (the function processed it twice: replays are the function's concern).
    expect([a.deliveries, b.deliveries, c.deliveries]).toEqual([1, 1, 2]);
    const reported = attemptOf(all, 'r-p');
    expect(reported.attempts).toBe(2);
    const reportedSequenceNumber = reported.id.replace('attempt#', '');

    const [failure, ...more] = await failureMessages();
    expect(more).toEqual([]);
    expect(failure).toMatchObject({
      requestContext: { condition: 'RetryAttemptsExhausted', approximateInvokeCount: 2 },
      responseContext: { statusCode: 200, executedVersion: '$LATEST' },
      DDBStreamBatchInfo: { startSequenceNumber: reportedSequenceNumber, endSequenceNumber: c.record!.dynamodb!.SequenceNumber, batchSize: 2 },
    });
    expect(failure.responseContext.functionError).toBeUndefined();
    expect(delta()).toMatchObject({ recordsDelivered: 2, failedBatches: 1, failedRecords: 2, functionErrors: 0, invocations: 2 });
  });

  it('goes on with records written after a failure', async () => {
    await put('after-1');
    await api.runtime.streams!.settled();
    expect(recordsOf(await deliveries('after-'), 'after-1').map((d) => d.deliveries)).toEqual([1]);
    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }));
    expect(Attributes?.ApproximateNumberOfMessages).toBe('0');
  });
});
