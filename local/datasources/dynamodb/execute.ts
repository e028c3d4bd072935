/**
 * Entry point of the DynamoDB data source: runs the request object a resolver's request handler
 * returned and gives back what AppSync puts in `ctx.result` / `ctx.error`. Never throws.
 */
import { batchDeleteItem, batchGetItem, batchPutItem } from './batch';
import { mappingTemplateError } from './errors';
import { query, scan, sync } from './reads';
import { isRecord, RequestShapeError } from './request-error';
import { deleteItem, getItem, putItem, updateItem } from './single-item';
import { transactGetItems, transactWriteItems } from './transactions';
import type { DynamoDBDataSourceConfig, DynamoDBDataSourceResponse, DynamoDBOperationName, ExecutionContext } from './types';

type Handler = (ctx: ExecutionContext, request: Record<string, unknown>) => Promise<DynamoDBDataSourceResponse>;

const handlers: Record<DynamoDBOperationName, Handler> = {
  GetItem: getItem,
  PutItem: (ctx, request) => putItem(ctx, request),
  UpdateItem: (ctx, request) => updateItem(ctx, request),
  DeleteItem: (ctx, request) => deleteItem(ctx, request),
  Query: query,
  Scan: scan,
  Sync: sync,
  BatchGetItem: batchGetItem,
  BatchPutItem: batchPutItem,
  BatchDeleteItem: batchDeleteItem,
  TransactGetItems: transactGetItems,
  TransactWriteItems: transactWriteItems,
};

export const SUPPORTED_OPERATIONS = Object.keys(handlers) as DynamoDBOperationName[];

const DEFAULT_CALL_TIMEOUT_MS = 10_000;

function isOperation(value: unknown): value is DynamoDBOperationName {
  return typeof value === 'string' && Object.hasOwn(handlers, value);
}

/**
 * @param request the value the resolver's request handler returned (untrusted JSON)
 * @returns `{result}` on success; `{result, error: {type, message}}` on failure, where `result`
 *   may still carry data (the current item after a failed condition, cancellation reasons).
 *   `error.type === 'MappingTemplate'` means the request object itself was invalid.
 */
export async function executeDynamoDBRequest(request: unknown, config: DynamoDBDataSourceConfig): Promise<DynamoDBDataSourceResponse> {
  if (!isRecord(request)) return { result: null, error: mappingTemplateError('The DynamoDB request must be an object.') };
  const operation = request.operation;
  if (operation === undefined || operation === null) {
    return { result: null, error: mappingTemplateError(`Value for field '$[operation]' not found.`) };
  }
  if (!isOperation(operation)) {
    return {
      result: null,
      error: mappingTemplateError(`Unsupported operation '${String(operation)}'. Supported operations: ${SUPPORTED_OPERATIONS.join(', ')}.`),
    };
  }
  const ctx: ExecutionContext = {
    client: config.client,
    tableName: config.tableName,
    resolveTableName: config.resolveTableName ?? ((name) => name),
    onCall: config.onCall,
    callTimeoutMs: config.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS,
    paginationScope: config.paginationScope ?? '',
    conditionalCheckFailedHandler: config.conditionalCheckFailedHandler,
    dataSourceOperation: operation,
  };
  try {
    return await handlers[operation](ctx, request);
  } catch (error) {
    if (error instanceof RequestShapeError) return { result: null, error: mappingTemplateError(error.message) };
    // A bug here must not take the server down: report it as the field's error.
    const message = error instanceof Error ? error.message : String(error);
    return { result: null, error: { type: 'DynamoDB:InternalFailure', message: `Local DynamoDB data source failed: ${message}` } };
  }
}
