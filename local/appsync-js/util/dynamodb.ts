/**
 * `util.dynamodb`: JS values to DynamoDB attribute values, as AppSync formats them.
 * Numbers stay JSON numbers (`{ N: 12 }`), as the real service returns them (golden cases),
 * although the typings say strings; the data source stringifies them for DynamoDB.
 */
import type { DynamodbUtil } from '@aws-appsync/utils/lib/dynamodb-utils';
import { isTyped } from '../typed-value';

export type AttributeValue = Record<string, unknown>;

const isNil = (v: unknown): v is null | undefined => v === null || v === undefined;

/** The opinionated conversion: arrays are lists (never sets), objects are maps. */
export function toDynamoDB(value: unknown): AttributeValue {
  if (isNil(value)) return { NULL: null };
  if (isTyped(value)) return value as AttributeValue;
  switch (typeof value) {
    case 'string': return { S: value };
    case 'number': return { N: value };
    case 'bigint': return { N: Number(value) };
    case 'boolean': return { BOOL: value };
    case 'object':
      return Array.isArray(value) ? { L: value.map(toDynamoDB) } : { M: toMapValues(value as Record<string, unknown>) };
    default:
      throw new Error(`util.dynamodb.toDynamoDB: cannot convert a ${typeof value}`);
  }
}

/** Each entry converted; `undefined` entries are left out, as JSON would. */
export function toMapValues(value: Record<string, unknown>): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  for (const key of Object.keys(value)) {
    if (value[key] !== undefined) out[key] = toDynamoDB(value[key]);
  }
  return out;
}

function typed<K extends string>(key: K) {
  return (value: unknown) => (isNil(value) ? null : { [key]: value } as Record<K, unknown>);
}

function s3Object(key: string, bucket: string, region: string, version?: string) {
  const s3: Record<string, string> = { key, bucket, region };
  if (!isNil(version)) s3.version = version;
  return { S: JSON.stringify({ s3 }) };
}

export const dynamodb = {
  toDynamoDB,
  toString: typed('S'),
  toStringSet: typed('SS'),
  toNumber: typed('N'),
  toNumberSet: typed('NS'),
  toBinary: typed('B'),
  toBinarySet: typed('BS'),
  toBoolean: typed('BOOL'),
  toNull: () => ({ NULL: null }),
  toList: (value: unknown) => (Array.isArray(value) ? { L: value.map(toDynamoDB) } : null),
  toMap: (value: unknown) => (isNil(value) || typeof value !== 'object' ? null : { M: toMapValues(value as Record<string, unknown>) }),
  toMapValues: (value: unknown) => (isNil(value) || typeof value !== 'object' ? null : toMapValues(value as Record<string, unknown>)),
  toS3Object: s3Object,
  /** The inverse of toS3Object: `{ key, bucket, region, version? }` from its JSON string. */
  fromS3ObjectJson: (json: string) => (JSON.parse(json) as { s3: Record<string, string> }).s3,
} as unknown as DynamodbUtil;
