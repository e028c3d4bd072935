/**
 * DynamoDB Streams records (as the SDK's GetRecords returns them) → the records Lambda puts in a
 * stream event: images as attribute-value JSON (binary as base64), ApproximateCreationDateTime in
 * epoch seconds, the mapping's region and `eventSourceARN`.
 */
import type { AttributeValue as SdkAttributeValue, _Record as SdkRecord } from '@aws-sdk/client-dynamodb-streams';
import type { AttributeValue as EventAttributeValue, DynamoDBRecord } from 'aws-lambda';

export type StreamEventRecord = DynamoDBRecord;

export function toEventRecord(record: SdkRecord, context: { region: string; eventSourceArn: string }): StreamEventRecord {
  const d = record.dynamodb ?? {};
  const images = (image: Record<string, SdkAttributeValue> | undefined) => (image ? toJsonImage(image) : undefined);
  const event: StreamEventRecord = {
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: record.eventVersion ?? '1.1',
    eventSource: record.eventSource ?? 'aws:dynamodb',
    awsRegion: context.region,
    dynamodb: {
      ApproximateCreationDateTime: d.ApproximateCreationDateTime ? d.ApproximateCreationDateTime.getTime() / 1000 : undefined,
      Keys: images(d.Keys),
      NewImage: images(d.NewImage),
      OldImage: images(d.OldImage),
      SequenceNumber: d.SequenceNumber,
      SizeBytes: d.SizeBytes,
      StreamViewType: d.StreamViewType,
    },
    eventSourceARN: context.eventSourceArn,
  };
  // Time-to-live deletions name the service that removed the item.
  if (record.userIdentity) event.userIdentity = { type: record.userIdentity.Type, principalId: record.userIdentity.PrincipalId };
  // Absent images stay absent (KEYS_ONLY, INSERT without OldImage…), as in Lambda's JSON.
  return JSON.parse(JSON.stringify(event)) as StreamEventRecord;
}

function toJsonImage(image: Record<string, SdkAttributeValue>): Record<string, EventAttributeValue> {
  return Object.fromEntries(Object.entries(image).map(([name, value]) => [name, toJsonValue(value)]));
}

function toJsonValue(value: SdkAttributeValue): EventAttributeValue {
  if (value.B !== undefined) return { B: Buffer.from(value.B).toString('base64') };
  if (value.BS !== undefined) return { BS: value.BS.map((b) => Buffer.from(b).toString('base64')) };
  if (value.M !== undefined) return { M: toJsonImage(value.M) };
  if (value.L !== undefined) return { L: value.L.map(toJsonValue) };
  if (value.S !== undefined) return { S: value.S };
  if (value.N !== undefined) return { N: value.N };
  if (value.SS !== undefined) return { SS: value.SS };
  if (value.NS !== undefined) return { NS: value.NS };
  if (value.BOOL !== undefined) return { BOOL: value.BOOL };
  if (value.NULL !== undefined) return { NULL: value.NULL };
  throw new Error(`Unknown attribute value type ${Object.keys(value).join(', ')}`);
}
