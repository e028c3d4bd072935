/**
 * `util.dynamodb`: JS values to DynamoDB typed attribute values, as AppSync formats them.
 *
 * Numbers stay JSON numbers (`{ N: 12 }`, `{ NS: [1, 2.5] }`), as the real service returns them
 * (golden cases), although the typings say strings; the data source stringifies them for the SDK.
 * Arguments arrive from the sandbox realm, so shapes are tested with `typeof`/`Array.isArray`,
 * never `instanceof`.
 */
import type { DynamodbUtil } from '@aws-appsync/utils/lib/dynamodb-utils';
import { isTyped } from '../typed-value';

/** One typed attribute value, e.g. `{ S: 'x' }`, `{ N: 1 }`, `{ M: {...} }`. */
export type AttributeValue = Record<string, unknown>;
export type AttributeMap = Record<string, AttributeValue>;

const NULL_VALUE = (): AttributeValue => ({ NULL: null });

function isMapLike(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The opinionated conversion: arrays become lists (never sets), objects maps, null and undefined
 * `{ NULL: null }`. A value already marked typed (the dynamodb module's set helpers) is kept.
 */
export function toDynamoDB(value: unknown): AttributeValue {
  switch (typeof value) {
    case 'string': return { S: value };
    case 'number': return { N: value };
    case 'boolean': return { BOOL: value };
    case 'undefined': return NULL_VALUE();
    case 'object': {
      if (value === null) return NULL_VALUE();
      if (Array.isArray(value)) return { L: toList(value) };
      if (isTyped(value)) return value as AttributeValue;
      return { M: toMapValues(value as Record<string, unknown>) };
    }
    default:
      throw new TypeError(`util.dynamodb.toDynamoDB: cannot convert a ${typeof value} to a DynamoDB value`);
  }
}

function toList(values: readonly unknown[]): AttributeValue[] {
  const out = new Array<AttributeValue>(values.length);
  for (let i = 0; i < values.length; i += 1) out[i] = toDynamoDB(values[i]);
  return out;
}

/** Each entry converted; `undefined` entries are left out, as they would be in JSON. */
export function toMapValues(value: Record<string, unknown>): AttributeMap {
  const out: AttributeMap = {};
  for (const key of Object.keys(value)) {
    const entry = value[key];
    if (entry !== undefined) out[key] = toDynamoDB(entry);
  }
  return out;
}

/** The typed helpers wrap their argument as given, and answer `null` for null or undefined. */
function wrapAs(type: string) {
  return (value: unknown): AttributeValue | null => (value === null || value === undefined ? null : { [type]: value });
}

/** `{"s3":{"key","bucket","region"[,"version"]}}` in an `S`, the key order AWS prints. */
function toS3Object(key: string, bucket: string, region: string, version?: string): AttributeValue {
  const s3: Record<string, string> = { key, bucket, region };
  if (version !== undefined && version !== null) s3.version = version;
  return { S: JSON.stringify({ s3 }) };
}

/**
 * The inverse of toS3Object: `{ key, bucket, region, version? }`. Takes the JSON string, or the
 * `{ S: json }` attribute value itself.
 */
function fromS3ObjectJson(s3ObjectString: unknown): Record<string, unknown> {
  const json = isMapLike(s3ObjectString) && typeof s3ObjectString.S === 'string' ? s3ObjectString.S : s3ObjectString;
  let parsed: unknown;
  try {
    parsed = typeof json === 'string' ? JSON.parse(json) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!isMapLike(parsed) || !isMapLike(parsed.s3)) {
    throw new TypeError('util.dynamodb.fromS3ObjectJson: expected the JSON string of an S3 object, {"s3":{"key":…,"bucket":…,"region":…}}');
  }
  return { ...parsed.s3 };
}

const implementation = {
  toDynamoDB,
  toString: wrapAs('S'),
  toStringSet: wrapAs('SS'),
  toNumber: wrapAs('N'),
  toNumberSet: wrapAs('NS'),
  toBinary: wrapAs('B'),
  toBinarySet: wrapAs('BS'),
  toBoolean: wrapAs('BOOL'),
  toNull: NULL_VALUE,
  toList: (value: unknown): AttributeValue | null => (Array.isArray(value) ? { L: toList(value) } : null),
  toMap: (value: unknown): AttributeValue | null => (isMapLike(value) ? { M: toMapValues(value) } : null),
  toMapValues: (value: unknown): AttributeMap | null => (isMapLike(value) ? toMapValues(value) : null),
  toS3Object,
  fromS3ObjectJson,
};

/** The declared surface; a cast because the typings declare `N` as a string (see the top). */
export const dynamodb: DynamodbUtil = implementation as unknown as DynamodbUtil;
