/**
 * Query, Scan and Sync: `{items, nextToken, scannedCount}` (+ `startedAt` for Sync), one
 * DynamoDB page per call as AppSync does.
 */
import type { QueryCommandInput, ScanCommandInput, Select } from '@aws-sdk/client-dynamodb';
import { fromSdkAttributeMap, type AttributeMap } from './attribute-values';
import { invalidPaginationTokenError } from './errors';
import { mergeExpressionAttributes, parseExpression, requireExpression, type ParsedExpression } from './expressions';
import { decodeNextToken, encodeNextToken, tokenScope, type DecodedToken } from './pagination-token';
import { RequestShapeError } from './request-error';
import { optionalBoolean, optionalInteger, optionalString } from './request-fields';
import { callDynamoDB } from './sdk-calls';
import type { DynamoDBDataSourceResponse, ExecutionContext } from './types';

type RequestObject = Record<string, unknown>;

/** Sync page size: AppSync's default and maximum. */
const SYNC_DEFAULT_LIMIT = 100;
const SYNC_MAX_LIMIT = 1000;

type TokenRead = { ok: true; decoded: DecodedToken | undefined } | { ok: false };

function readToken(request: RequestObject, scope: string): TokenRead {
  const nextToken = optionalString(request, 'nextToken');
  if (nextToken === undefined || nextToken === '') return { ok: true, decoded: undefined };
  const decoded = decodeNextToken(nextToken, scope);
  return decoded ? { ok: true, decoded } : { ok: false };
}

function projectionInput(projection: ParsedExpression | undefined): { ProjectionExpression?: string } {
  return projection ? { ProjectionExpression: projection.expression } : {};
}

function filterInput(filter: ParsedExpression | undefined): { FilterExpression?: string } {
  return filter ? { FilterExpression: filter.expression } : {};
}

function items(list: AttributeMap[] | undefined): Record<string, unknown>[] {
  return (list ?? []).map(fromSdkAttributeMap);
}

type PageOutput = { Items?: AttributeMap[]; LastEvaluatedKey?: AttributeMap; ScannedCount?: number };
type PageRequest =
  | { ok: false; response: DynamoDBDataSourceResponse }
  | { ok: true; scope: string; expressions: Array<ParsedExpression | undefined>; input: Partial<QueryCommandInput & ScanCommandInput> };

/** What Query and Scan share: index, filter, projection, limit, select, consistency and the page token. */
function pageRequest(ctx: ExecutionContext, request: RequestObject, operation: 'Query' | 'Scan', segment?: number, totalSegments?: number): PageRequest {
  const filter = parseExpression(request.filter, 'filter');
  const projection = parseExpression(request.projection, 'projection');
  const index = optionalString(request, 'index');
  const scope = tokenScope({ operation, table: ctx.tableName, index, segment, totalSegments, paginationScope: ctx.paginationScope });
  const token = readToken(request, scope);
  if (!token.ok) return { ok: false, response: { result: null, error: invalidPaginationTokenError() } };
  const limit = optionalInteger(request, 'limit');
  const select = optionalString(request, 'select');
  const consistentRead = optionalBoolean(request, 'consistentRead');
  return {
    ok: true,
    scope,
    expressions: [filter, projection],
    input: {
      TableName: ctx.tableName,
      ...(index !== undefined ? { IndexName: index } : {}),
      ...filterInput(filter),
      ...projectionInput(projection),
      ...(limit !== undefined ? { Limit: limit } : {}),
      ...(consistentRead !== undefined ? { ConsistentRead: consistentRead } : {}),
      ...(select !== undefined ? { Select: select as Select } : {}),
      ...(token.decoded ? { ExclusiveStartKey: token.decoded.exclusiveStartKey } : {}),
    },
  };
}

function pageResult(output: PageOutput, scope: string): DynamoDBDataSourceResponse {
  return {
    result: {
      items: items(output.Items),
      nextToken: encodeNextToken(output.LastEvaluatedKey, scope),
      scannedCount: output.ScannedCount ?? 0,
    },
  };
}

export async function query(ctx: ExecutionContext, request: RequestObject): Promise<DynamoDBDataSourceResponse> {
  const keyCondition = requireExpression(request.query, 'query');
  const page = pageRequest(ctx, request, 'Query');
  if (!page.ok) return page.response;
  const input = {
    ...page.input,
    KeyConditionExpression: keyCondition.expression,
    ...mergeExpressionAttributes([keyCondition, ...page.expressions]),
    ScanIndexForward: optionalBoolean(request, 'scanIndexForward') ?? true,
  } as QueryCommandInput;
  const outcome = await callDynamoDB(ctx, 'Query', input);
  return outcome.ok ? pageResult(outcome.output, page.scope) : { result: null, error: outcome.error };
}

export async function scan(ctx: ExecutionContext, request: RequestObject): Promise<DynamoDBDataSourceResponse> {
  const segment = optionalInteger(request, 'segment');
  const totalSegments = optionalInteger(request, 'totalSegments');
  const page = pageRequest(ctx, request, 'Scan', segment, totalSegments);
  if (!page.ok) return page.response;
  const input = {
    ...page.input,
    ...mergeExpressionAttributes(page.expressions),
    ...(segment !== undefined ? { Segment: segment } : {}),
    ...(totalSegments !== undefined ? { TotalSegments: totalSegments } : {}),
  } as ScanCommandInput;
  const outcome = await callDynamoDB(ctx, 'Scan', input);
  return outcome.ok ? pageResult(outcome.output, page.scope) : { result: null, error: outcome.error };
}

// Placeholders for the delta condition; unlikely to clash with resolver-chosen ones.
const LAST_CHANGED_NAME = '#appsyncLocalSyncLastChangedAt';
const LAST_SYNC_VALUE = ':appsyncLocalSyncLastSync';

/**
 * Sync without a delta table: AppSync scans the base table when `lastSync` is absent and queries
 * the delta table otherwise. Locally both are a base-table scan; with `lastSync`, only items whose
 * `_lastChangedAt` is at or after it (deleted items stay as `_deleted` tombstones in the base table).
 */
export async function sync(ctx: ExecutionContext, request: RequestObject): Promise<DynamoDBDataSourceResponse> {
  const filter = parseExpression(request.filter, 'filter');
  const lastSync = request.lastSync;
  if (lastSync !== undefined && lastSync !== null && typeof lastSync !== 'number') {
    throw new RequestShapeError(`Value for field '$[lastSync]' must be a number (epoch milliseconds).`);
  }
  const scope = tokenScope({ operation: 'Sync', table: ctx.tableName, paginationScope: ctx.paginationScope });
  const token = readToken(request, scope);
  if (!token.ok) return { result: null, error: invalidPaginationTokenError() };
  const limit = Math.min(Math.max(optionalInteger(request, 'limit') ?? SYNC_DEFAULT_LIMIT, 1), SYNC_MAX_LIMIT);
  // Every page of one sync reports the first page's start, as AppSync does.
  const startedAt = token.decoded?.startedAt ?? Date.now();

  let combined = filter;
  if (typeof lastSync === 'number') {
    const delta: ParsedExpression = {
      expression: `${LAST_CHANGED_NAME} >= ${LAST_SYNC_VALUE}`,
      names: { [LAST_CHANGED_NAME]: '_lastChangedAt' },
      values: { [LAST_SYNC_VALUE]: { N: String(lastSync) } },
      raw: {},
    };
    combined = filter
      ? { ...delta, expression: `(${filter.expression}) AND ${delta.expression}`, names: { ...filter.names, ...delta.names }, values: { ...filter.values, ...delta.values } }
      : delta;
  }
  const outcome = await callDynamoDB(ctx, 'Scan', {
    TableName: ctx.tableName,
    Limit: limit,
    ...filterInput(combined),
    ...mergeExpressionAttributes([combined]),
    ...(token.decoded ? { ExclusiveStartKey: token.decoded.exclusiveStartKey } : {}),
  });
  if (!outcome.ok) return { result: null, error: outcome.error };
  return {
    result: {
      items: items(outcome.output.Items),
      nextToken: encodeNextToken(outcome.output.LastEvaluatedKey, scope, startedAt),
      scannedCount: outcome.output.ScannedCount ?? 0,
      startedAt,
    },
  };
}
