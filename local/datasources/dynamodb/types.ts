/**
 * Public types of the DynamoDB data source: its configuration, what a call returns, and the
 * per-call record the server logs.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type {
  DynamoDBBatchDeleteItemRequest,
  DynamoDBBatchGetItemRequest,
  DynamoDBBatchPutItemRequest,
  DynamoDBDeleteItemRequest,
  DynamoDBGetItemRequest,
  DynamoDBPutItemRequest,
  DynamoDBQueryRequest,
  DynamoDBScanRequest,
  DynamoDBSyncRequest,
  DynamoDBTransactGetItemsRequest,
  DynamoDBTransactWriteItemsRequest,
  DynamoDBUpdateItemRequest,
} from '@aws-appsync/utils/lib/resolver-return-types';
import type { DataSourceError } from './errors';

export type { DataSourceError } from './errors';

/** Every request object a resolver may return to a DynamoDB data source (shapes from @aws-appsync/utils). */
export type DynamoDBDataSourceRequest =
  | DynamoDBGetItemRequest
  | DynamoDBPutItemRequest
  | DynamoDBUpdateItemRequest
  | DynamoDBDeleteItemRequest
  | DynamoDBQueryRequest
  | DynamoDBScanRequest
  | DynamoDBSyncRequest
  | DynamoDBBatchGetItemRequest
  | DynamoDBBatchPutItemRequest
  | DynamoDBBatchDeleteItemRequest
  | DynamoDBTransactGetItemsRequest
  | DynamoDBTransactWriteItemsRequest;

export type DynamoDBOperationName = DynamoDBDataSourceRequest['operation'];

/** What becomes `ctx.result` / `ctx.error`. `result` may hold data next to an error (current item, cancellation reasons). */
export interface DynamoDBDataSourceResponse {
  result: unknown;
  error?: DataSourceError;
}

/** One SDK call made while executing a request; a request may need several (e.g. a re-read after a failed condition). */
export interface DynamoDBCallRecord {
  /** The DynamoDB API operation (`GetItem`, `BatchWriteItem`...). */
  operation: string;
  /** The AppSync operation it served (`BatchPutItem`...). */
  dataSourceOperation: string;
  /** The SDK input as sent. */
  request: unknown;
  /** The SDK output without `$metadata`, when the call succeeded. */
  response?: unknown;
  error?: DataSourceError;
  startedAt: number;
  durationMs: number;
}

/** Input of AppSync's `Custom` conditional-check-failure strategy, minus what only the server knows (arguments, identity, field). */
export interface ConditionalCheckFailedEvent {
  lambdaArn: string;
  /** The request object that failed. */
  requestMapping: unknown;
  /** The current item in typed form (`{"id": {"S": "1"}}`), or null. */
  currentValue: Record<string, unknown> | null;
  tableName: string;
}

export interface ConditionalCheckFailedDecision {
  action: 'reject' | 'discard' | 'retry';
  /** With `retry`: fields replacing those of the original request (key and operation stay). */
  retryMapping?: Record<string, unknown>;
}

export interface DynamoDBDataSourceConfig {
  client: DynamoDBClient;
  /** The physical table of this data source. */
  tableName: string;
  /** Maps table names written in batch/transaction requests to physical tables (identity by default). */
  resolveTableName?: (name: string) => string;
  /** Receives every SDK call with its request, response/error and duration. Exceptions it throws are ignored. */
  onCall?: (record: DynamoDBCallRecord) => void;
  /** Upper bound for one SDK call, whatever the client's own settings (default 10 000 ms). */
  callTimeoutMs?: number;
  /**
   * Extra binding for nextTokens (e.g. `"Query.listTasks"`): a token is only accepted back under
   * the same scope, table and index. AppSync tokens must not move between resolvers either.
   */
  paginationScope?: string;
  /** Runs the Lambda of a `conditionalCheckFailedHandler: {strategy: 'Custom'}`; without it, Custom acts as Reject. */
  conditionalCheckFailedHandler?: (event: ConditionalCheckFailedEvent) => Promise<ConditionalCheckFailedDecision>;
}

/** The execution context every operation module receives. */
export interface ExecutionContext {
  client: DynamoDBClient;
  tableName: string;
  resolveTableName: (name: string) => string;
  onCall?: (record: DynamoDBCallRecord) => void;
  callTimeoutMs: number;
  paginationScope: string;
  conditionalCheckFailedHandler?: DynamoDBDataSourceConfig['conditionalCheckFailedHandler'];
  dataSourceOperation: string;
}
