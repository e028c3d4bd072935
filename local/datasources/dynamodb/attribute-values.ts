/**
 * Conversions between the three shapes a DynamoDB value takes here:
 *
 * - request typed values, as resolver code writes them (`util.dynamodb.toDynamoDB`): numbers may
 *   be JSON numbers (`{"N": 12}`), binary is a base64 string, `NULL` may be `null`;
 * - SDK `AttributeValue`s (numbers as strings, binary as bytes, `NULL: true`);
 * - the plain JSON AppSync puts in `ctx.result` (S→string, N→number, SS/NS/BS→arrays,
 *   B→base64 string, L→array, M→object).
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { isRecord, RequestShapeError } from './request-error';

export type AttributeMap = Record<string, AttributeValue>;

const TYPE_TAGS = ['S', 'N', 'B', 'BOOL', 'NULL', 'SS', 'NS', 'BS', 'L', 'M'] as const;
type TypeTag = (typeof TYPE_TAGS)[number];

function isTypeTag(key: string): key is TypeTag {
  return (TYPE_TAGS as readonly string[]).includes(key);
}

function describe(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function numberText(value: unknown, path: string): string {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RequestShapeError(`Invalid number at ${path}: ${value}`);
    return String(value);
  }
  if (typeof value === 'string') return value; // DynamoDB validates the text itself
  throw new RequestShapeError(`Expected a number for N at ${path}, got ${describe(value)}`);
}

function stringText(value: unknown, path: string): string {
  if (typeof value === 'string') return value;
  // Lenient like AppSync's JSON mapping: scalars are written as their text.
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new RequestShapeError(`Expected a string for S at ${path}, got ${describe(value)}`);
}

function binaryBytes(value: unknown, path: string): Uint8Array {
  if (typeof value !== 'string') {
    throw new RequestShapeError(`Expected a base64 string for B at ${path}, got ${describe(value)}`);
  }
  return new Uint8Array(Buffer.from(value, 'base64'));
}

function arrayAt(value: unknown, tag: string, path: string): unknown[] {
  if (!Array.isArray(value)) throw new RequestShapeError(`Expected an array for ${tag} at ${path}, got ${describe(value)}`);
  return value;
}

/** One request typed value (`{"S": "x"}`, `{"N": 12}`, ...) to an SDK AttributeValue. */
export function toSdkAttributeValue(value: unknown, path = 'value'): AttributeValue {
  if (!isRecord(value)) {
    throw new RequestShapeError(`Expected a typed value like {"S": "..."} at ${path}, got ${describe(value)}`);
  }
  const tags = Object.keys(value);
  const tag = tags[0];
  if (tags.length !== 1 || tag === undefined || !isTypeTag(tag)) {
    throw new RequestShapeError(`Expected a typed value like {"S": "..."} at ${path}, got ${describe(value)}`);
  }
  const inner = value[tag];
  switch (tag) {
    case 'S':
      return { S: stringText(inner, path) };
    case 'N':
      return { N: numberText(inner, path) };
    case 'B':
      return { B: binaryBytes(inner, path) };
    case 'BOOL':
      if (typeof inner !== 'boolean') throw new RequestShapeError(`Expected a boolean for BOOL at ${path}, got ${describe(inner)}`);
      return { BOOL: inner };
    case 'NULL':
      // util.dynamodb.toNull() writes {"NULL": null}; the wire format wants true. false is kept so
      // DynamoDB rejects it as it would in AWS.
      return { NULL: inner !== false };
    case 'SS':
      return { SS: arrayAt(inner, tag, path).map((s, i) => stringText(s, `${path}.SS[${i}]`)) };
    case 'NS':
      return { NS: arrayAt(inner, tag, path).map((n, i) => numberText(n, `${path}.NS[${i}]`)) };
    case 'BS':
      return { BS: arrayAt(inner, tag, path).map((b, i) => binaryBytes(b, `${path}.BS[${i}]`)) };
    case 'L':
      return { L: arrayAt(inner, tag, path).map((v, i) => toSdkAttributeValue(v, `${path}.L[${i}]`)) };
    case 'M':
      return { M: toSdkAttributeMap(inner, `${path}.M`) };
  }
}

/** A map of request typed values (a key, `attributeValues`, `expressionValues`) to SDK form. */
export function toSdkAttributeMap(map: unknown, path = 'map'): AttributeMap {
  if (!isRecord(map)) throw new RequestShapeError(`Expected an object of typed values at ${path}, got ${describe(map)}`);
  const out: AttributeMap = {};
  for (const [name, value] of Object.entries(map)) out[name] = toSdkAttributeValue(value, `${path}.${name}`);
  return out;
}

function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** An SDK AttributeValue to the plain JSON value AppSync exposes in `ctx.result`. */
export function fromSdkAttributeValue(value: AttributeValue): unknown {
  if (value.S !== undefined) return value.S;
  if (value.N !== undefined) return Number(value.N);
  if (value.BOOL !== undefined) return value.BOOL;
  if (value.NULL !== undefined) return null;
  if (value.B !== undefined) return base64(value.B);
  if (value.SS !== undefined) return [...value.SS];
  if (value.NS !== undefined) return value.NS.map(Number);
  if (value.BS !== undefined) return value.BS.map(base64);
  if (value.L !== undefined) return value.L.map(fromSdkAttributeValue);
  if (value.M !== undefined) return fromSdkAttributeMap(value.M);
  return null;
}

export function fromSdkAttributeMap(map: AttributeMap): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(map)) out[name] = fromSdkAttributeValue(value);
  return out;
}

/** An item (or absent item) as AppSync returns it: a plain object or `null`. */
export function fromSdkItem(item: AttributeMap | undefined | null): Record<string, unknown> | null {
  return item ? fromSdkAttributeMap(item) : null;
}

/** An SDK AttributeValue back to request typed JSON (binary as base64): what Lambdas receive. */
export function toTypedJson(value: AttributeValue): unknown {
  if (value.S !== undefined) return { S: value.S };
  if (value.N !== undefined) return { N: value.N };
  if (value.BOOL !== undefined) return { BOOL: value.BOOL };
  if (value.NULL !== undefined) return { NULL: true };
  if (value.B !== undefined) return { B: base64(value.B) };
  if (value.SS !== undefined) return { SS: [...value.SS] };
  if (value.NS !== undefined) return { NS: [...value.NS] };
  if (value.BS !== undefined) return { BS: value.BS.map(base64) };
  if (value.L !== undefined) return { L: value.L.map(toTypedJson) };
  if (value.M !== undefined) return { M: toTypedJsonMap(value.M) };
  return { NULL: true };
}

export function toTypedJsonMap(map: AttributeMap): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(map)) out[name] = toTypedJson(value);
  return out;
}

function sameNumber(a: string, b: string): boolean {
  return a === b || Number(a) === Number(b);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && a.every((byte, i) => byte === b[i]);
}

function sameSet<T>(a: T[], b: T[], same: (x: T, y: T) => boolean): boolean {
  return a.length === b.length && a.every((x) => b.some((y) => same(x, y)));
}

/**
 * Semantic equality of two SDK values: numbers by value, sets ignoring order (DynamoDB does not
 * keep set order), maps ignoring key order.
 */
export function attributeValuesEqual(a: AttributeValue, b: AttributeValue): boolean {
  if (a.S !== undefined) return a.S === b.S;
  if (a.N !== undefined) return b.N !== undefined && sameNumber(a.N, b.N);
  if (a.BOOL !== undefined) return a.BOOL === b.BOOL;
  if (a.NULL !== undefined) return b.NULL !== undefined;
  if (a.B !== undefined) return b.B !== undefined && sameBytes(a.B, b.B);
  if (a.SS !== undefined) return b.SS !== undefined && sameSet(a.SS, b.SS, (x, y) => x === y);
  if (a.NS !== undefined) return b.NS !== undefined && sameSet(a.NS, b.NS, sameNumber);
  if (a.BS !== undefined) return b.BS !== undefined && sameSet(a.BS, b.BS, sameBytes);
  if (a.L !== undefined) {
    const bl = b.L;
    return bl !== undefined && a.L.length === bl.length && a.L.every((v, i) => attributeValuesEqual(v, bl[i] as AttributeValue));
  }
  if (a.M !== undefined) return b.M !== undefined && attributeMapsEqual(a.M, b.M);
  return false;
}

/** Equality of two items, skipping the attributes named in `ignore` (AppSync's `equalsIgnore`). */
export function attributeMapsEqual(a: AttributeMap, b: AttributeMap, ignore: readonly string[] = []): boolean {
  const keysA = Object.keys(a).filter((k) => !ignore.includes(k));
  const keysB = Object.keys(b).filter((k) => !ignore.includes(k));
  if (keysA.length !== keysB.length) return false;
  return keysA.every((k) => {
    const other = b[k];
    return other !== undefined && attributeValuesEqual(a[k] as AttributeValue, other);
  });
}
