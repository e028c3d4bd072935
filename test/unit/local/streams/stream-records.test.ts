import { describe, expect, it } from 'vitest';
import { failureRecord } from '../../../../local/streams/failure-record';
import { toEventRecord } from '../../../../local/streams/stream-event';

const context = { region: 'eu-west-1', eventSourceArn: 'arn:aws:dynamodb:eu-west-1:000000000000:table/things/stream/local' };

describe('stream records as Lambda delivers them', () => {
  it('keeps the record and turns the SDK values into attribute-value JSON', () => {
    const event = toEventRecord({
      eventID: 'e1', eventName: 'MODIFY', eventVersion: '1.1', eventSource: 'aws:dynamodb', awsRegion: 'ddblocal',
      dynamodb: {
        ApproximateCreationDateTime: new Date('2026-01-02T03:04:00Z'),
        Keys: { id: { S: 'a' } },
        NewImage: { id: { S: 'a' }, data: { B: new Uint8Array([1, 2, 3]) }, nested: { M: { list: { L: [{ N: '1' }, { NULL: true }, { BS: [new Uint8Array([255])] }] } } }, flag: { BOOL: false }, tags: { SS: ['x'] }, nums: { NS: ['1', '2'] } },
        OldImage: { id: { S: 'a' } },
        SequenceNumber: '000000000000000000001', SizeBytes: 42, StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
    }, context);
    expect(event).toEqual({
      eventID: 'e1', eventName: 'MODIFY', eventVersion: '1.1', eventSource: 'aws:dynamodb', awsRegion: 'eu-west-1',
      dynamodb: {
        ApproximateCreationDateTime: Date.UTC(2026, 0, 2, 3, 4) / 1000,
        Keys: { id: { S: 'a' } },
        NewImage: { id: { S: 'a' }, data: { B: 'AQID' }, nested: { M: { list: { L: [{ N: '1' }, { NULL: true }, { BS: ['/w=='] }] } } }, flag: { BOOL: false }, tags: { SS: ['x'] }, nums: { NS: ['1', '2'] } },
        OldImage: { id: { S: 'a' } },
        SequenceNumber: '000000000000000000001', SizeBytes: 42, StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
      eventSourceARN: context.eventSourceArn,
    });
  });

  it('leaves absent images out, and names the service for a time-to-live deletion', () => {
    const event = toEventRecord({
      eventID: 'e2', eventName: 'REMOVE', dynamodb: { Keys: { id: { S: 'b' } }, SequenceNumber: '2', SizeBytes: 5, StreamViewType: 'KEYS_ONLY' },
      userIdentity: { Type: 'Service', PrincipalId: 'dynamodb.amazonaws.com' },
    }, context);
    expect(Object.keys(event.dynamodb!)).toEqual(['Keys', 'SequenceNumber', 'SizeBytes', 'StreamViewType']);
    expect(event.userIdentity).toEqual({ type: 'Service', principalId: 'dynamodb.amazonaws.com' });
  });
});

describe('the on-failure invocation record', () => {
  const records = [
    { sequenceNumber: '5', approximateCreationDateTime: new Date('2026-01-02T03:04:05.678Z') },
    { sequenceNumber: '7', approximateCreationDateTime: new Date('2026-01-02T03:05:00Z') },
  ];

  it('names the discarded range, the condition and the last invocation', () => {
    expect(failureRecord({
      requestId: 'r1', functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:f', condition: 'RetryAttemptsExhausted', approximateInvokeCount: 3,
      lastInvocation: { functionError: 'Unhandled' }, timestamp: new Date('2026-01-02T03:06:00.123Z'), shardId: 'shardId-1', streamArn: context.eventSourceArn, records,
    })).toEqual({
      requestContext: { requestId: 'r1', functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:f', condition: 'RetryAttemptsExhausted', approximateInvokeCount: 3 },
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
      version: '1.0',
      timestamp: '2026-01-02T03:06:00.123Z',
      DDBStreamBatchInfo: {
        shardId: 'shardId-1', startSequenceNumber: '5', endSequenceNumber: '7',
        approximateArrivalOfFirstRecord: '2026-01-02T03:04:05Z', approximateArrivalOfLastRecord: '2026-01-02T03:05:00Z',
        batchSize: 2, streamArn: context.eventSourceArn,
      },
    });
  });

  it('has no functionError after a partial batch response, and status 0 when nothing was invoked', () => {
    const base = { requestId: 'r', functionArn: 'f', approximateInvokeCount: 1, timestamp: new Date(), shardId: 's', streamArn: 'a', records };
    expect(failureRecord({ ...base, condition: 'RetryAttemptsExhausted', lastInvocation: {} }).responseContext).toEqual({ statusCode: 200, executedVersion: '$LATEST' });
    expect(failureRecord({ ...base, condition: 'RecordAgeExpired', approximateInvokeCount: 0 }).responseContext).toEqual({ statusCode: 0, executedVersion: '$LATEST' });
  });
});
