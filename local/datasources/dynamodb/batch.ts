/**
 * BatchGetItem, BatchPutItem, BatchDeleteItem. Results are keyed by the table names the request
 * used, in request order, with `null` for items not found or not processed; `data` and the
 * unprocessed block (with every requested table) are always present. Unprocessed entries are
 * returned, never retried, as AppSync does.
 */
import type { AttributeValue, KeysAndAttributes, WriteRequest } from '@aws-sdk/client-dynamodb';
import { attributeMapsEqual, fromSdkAttributeMap, fromSdkItem, toSdkAttributeMap, type AttributeMap } from './attribute-values';
import { mergeExpressionAttributes, parseExpression, projectedTopLevelNames, type ParsedExpression } from './expressions';
import { isRecord, RequestShapeError } from './request-error';
import { requiredRecord } from './request-fields';
import { callDynamoDB } from './sdk-calls';
import type { DynamoDBDataSourceResponse, ExecutionContext } from './types';

type RequestObject = Record<string, unknown>;

/** Request table names → physical tables; two names may not land on one table (DynamoDB keys requests by table). */
function physicalTables(ctx: ExecutionContext, names: string[]): Map<string, string> {
  const byName = new Map<string, string>();
  const seen = new Map<string, string>();
  for (const name of names) {
    const physical = ctx.resolveTableName(name);
    const other = seen.get(physical);
    if (other !== undefined) throw new RequestShapeError(`Tables '${other}' and '${name}' both resolve to the DynamoDB table '${physical}'.`);
    seen.set(physical, name);
    byName.set(name, physical);
  }
  if (byName.size === 0) throw new RequestShapeError(`Value for field '$[tables]' must name at least one table.`);
  return byName;
}

function listOf(value: unknown, field: string): unknown[] {
  if (!Array.isArray(value)) throw new RequestShapeError(`Value for field '$[${field}]' must be a list.`);
  return value;
}

/** Identity of a key: attribute names in key order with normalized numbers. */
function keySignature(item: AttributeMap, names: readonly string[]): string | undefined {
  const parts: string[] = [];
  for (const name of names) {
    const v = item[name] as AttributeValue | undefined;
    if (!v) return undefined;
    if (v.S !== undefined) parts.push(`S${JSON.stringify(v.S)}`);
    else if (v.N !== undefined) parts.push(`N${Number(v.N)}`);
    else if (v.B !== undefined) parts.push(`B${Buffer.from(v.B).toString('base64')}`);
    else return undefined;
  }
  return parts.join('|');
}

interface GetTable {
  name: string;
  physical: string;
  keys: AttributeMap[];
  keyNames: string[];
  /** Key attributes added to the projection only to match results to keys; removed afterwards. */
  addedNames: string[];
  request: KeysAndAttributes;
}

function getTable(name: string, physical: string, spec: unknown): GetTable {
  // Accept both `{T: {keys, consistentRead?, projection?}}` (typings) and `{T: [keys]}` (a docs example).
  const entry: Record<string, unknown> = Array.isArray(spec) ? { keys: spec } : isRecord(spec) ? spec : {};
  const keys = listOf(entry.keys, `tables.${name}.keys`).map((k, i) => toSdkAttributeMap(k, `tables.${name}.keys[${i}]`));
  const keyNames = Object.keys(keys[0] ?? {});
  const projection: ParsedExpression | undefined = parseExpression(entry.projection, `tables.${name}.projection`);
  const addedNames: string[] = [];
  let projected = projection;
  if (projection) {
    const selected = projectedTopLevelNames(projection);
    const names = { ...projection.names };
    const extra: string[] = [];
    keyNames.forEach((keyName, i) => {
      if (selected.has(keyName)) return;
      addedNames.push(keyName);
      names[`#appsyncLocalKey${i}`] = keyName;
      extra.push(`#appsyncLocalKey${i}`);
    });
    if (extra.length > 0) projected = { ...projection, expression: [projection.expression, ...extra].join(', '), names };
  }
  const request: KeysAndAttributes = {
    Keys: keys,
    ...(typeof entry.consistentRead === 'boolean' ? { ConsistentRead: entry.consistentRead } : {}),
    ...(projected ? { ProjectionExpression: projected.expression } : {}),
    ...mergeExpressionAttributes([projected]),
  };
  return { name, physical, keys, keyNames, addedNames, request };
}

export async function batchGetItem(ctx: ExecutionContext, request: RequestObject): Promise<DynamoDBDataSourceResponse> {
  const tables = requiredRecord(request, 'tables');
  const physical = physicalTables(ctx, Object.keys(tables));
  const specs = [...physical].map(([name, table]) => getTable(name, table, tables[name]));
  const outcome = await callDynamoDB(ctx, 'BatchGetItem', {
    RequestItems: Object.fromEntries(specs.map((s) => [s.physical, s.request])),
  });
  if (!outcome.ok) return { result: null, error: outcome.error };

  const data: Record<string, Array<Record<string, unknown> | null>> = {};
  const unprocessedKeys: Record<string, Array<Record<string, unknown>>> = {};
  for (const spec of specs) {
    const found = new Map<string, AttributeMap>();
    for (const item of outcome.output.Responses?.[spec.physical] ?? []) {
      const signature = keySignature(item, spec.keyNames);
      if (signature !== undefined) found.set(signature, item);
    }
    const unprocessed = new Set<string>();
    for (const key of outcome.output.UnprocessedKeys?.[spec.physical]?.Keys ?? []) {
      const signature = keySignature(key, spec.keyNames);
      if (signature !== undefined) unprocessed.add(signature);
    }
    data[spec.name] = spec.keys.map((key) => {
      const signature = keySignature(key, spec.keyNames);
      const item = signature === undefined || unprocessed.has(signature) ? undefined : found.get(signature);
      if (!item) return null;
      const trimmed = { ...item };
      for (const added of spec.addedNames) delete trimmed[added];
      return fromSdkItem(trimmed);
    });
    unprocessedKeys[spec.name] = spec.keys
      .filter((key) => {
        const signature = keySignature(key, spec.keyNames);
        return signature !== undefined && unprocessed.has(signature);
      })
      .map(fromSdkAttributeMap);
  }
  return { result: { data, unprocessedKeys } };
}

type WriteKind = 'put' | 'delete';

async function batchWrite(ctx: ExecutionContext, request: RequestObject, kind: WriteKind): Promise<DynamoDBDataSourceResponse> {
  const tables = requiredRecord(request, 'tables');
  const physical = physicalTables(ctx, Object.keys(tables));
  const entries = [...physical].map(([name, table]) => ({
    name,
    physical: table,
    values: listOf(tables[name], `tables.${name}`).map((v, i) => toSdkAttributeMap(v, `tables.${name}[${i}]`)),
  }));
  const outcome = await callDynamoDB(ctx, 'BatchWriteItem', {
    RequestItems: Object.fromEntries(
      entries.map((e): [string, WriteRequest[]] => [
        e.physical,
        e.values.map((value) => (kind === 'put' ? { PutRequest: { Item: value } } : { DeleteRequest: { Key: value } })),
      ]),
    ),
  });
  if (!outcome.ok) return { result: null, error: outcome.error };

  const data: Record<string, Array<Record<string, unknown> | null>> = {};
  const unprocessedOut: Record<string, Array<Record<string, unknown>>> = {};
  for (const e of entries) {
    const unprocessed = (outcome.output.UnprocessedItems?.[e.physical] ?? [])
      .map((w) => (kind === 'put' ? w.PutRequest?.Item : w.DeleteRequest?.Key))
      .filter((v): v is AttributeMap => v !== undefined);
    const isUnprocessed = (value: AttributeMap) => unprocessed.some((u) => attributeMapsEqual(u, value));
    data[e.name] = e.values.map((value) => (isUnprocessed(value) ? null : fromSdkAttributeMap(value)));
    unprocessedOut[e.name] = e.values.filter(isUnprocessed).map(fromSdkAttributeMap);
  }
  return { result: kind === 'put' ? { data, unprocessedItems: unprocessedOut } : { data, unprocessedKeys: unprocessedOut } };
}

/** Result `data` holds the items written. */
export function batchPutItem(ctx: ExecutionContext, request: RequestObject): Promise<DynamoDBDataSourceResponse> {
  return batchWrite(ctx, request, 'put');
}

/** Result `data` holds the keys deleted (AppSync returns keys, not items). */
export function batchDeleteItem(ctx: ExecutionContext, request: RequestObject): Promise<DynamoDBDataSourceResponse> {
  return batchWrite(ctx, request, 'delete');
}
