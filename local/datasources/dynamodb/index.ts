export { executeDynamoDBRequest, SUPPORTED_OPERATIONS } from './execute';
export { createLocalDynamoDBClient, type LocalDynamoDBClientOptions } from './client';
export {
  CONDITIONAL_CHECK_FAILED_ERROR_TYPE,
  INVALID_PAGINATION_TOKEN_ERROR_TYPE,
  MAPPING_TEMPLATE_ERROR_TYPE,
  TRANSACTION_CANCELED_ERROR_TYPE,
  UNAVAILABLE_ERROR_TYPE,
} from './errors';
export type {
  ConditionalCheckFailedDecision,
  ConditionalCheckFailedEvent,
  DataSourceError,
  DynamoDBCallRecord,
  DynamoDBDataSourceConfig,
  DynamoDBDataSourceRequest,
  DynamoDBDataSourceResponse,
  DynamoDBOperationName,
} from './types';
