/**
 * Errors as the DynamoDB data source reports them in `ctx.error`: `{type, message}` values, never
 * exceptions. Types follow AppSync's `<Source>:<Exception>` convention.
 */
import { isRecord } from './request-error';

export interface DataSourceError {
  type: string;
  message: string;
}

/** The request object itself is malformed: AppSync fails the field without running the response handler. */
export const MAPPING_TEMPLATE_ERROR_TYPE = 'MappingTemplate';
/** What AppSync answers for a nextToken it did not issue (observed: aws-amplify/amplify-cli#3411). */
export const INVALID_PAGINATION_TOKEN_ERROR_TYPE = 'DynamoDB:UserIllegalArgumentException';
/** DynamoDB could not be reached (not started, crashed, timed out). Named after DynamoDB's 503 error code. */
export const UNAVAILABLE_ERROR_TYPE = 'DynamoDB:ServiceUnavailable';
export const CONDITIONAL_CHECK_FAILED_ERROR_TYPE = 'DynamoDB:ConditionalCheckFailedException';
export const TRANSACTION_CANCELED_ERROR_TYPE = 'DynamoDB:TransactionCanceledException';

export function mappingTemplateError(message: string): DataSourceError {
  return { type: MAPPING_TEMPLATE_ERROR_TYPE, message };
}

export function invalidPaginationTokenError(): DataSourceError {
  return {
    type: INVALID_PAGINATION_TOKEN_ERROR_TYPE,
    message: 'com.amazonaws.deepdish.common.pagination.InvalidPaginationTokenException: Invalid pagination token given.',
  };
}

/** AppSync appends the service coordinates to DynamoDB's own message. */
export function serviceMessage(message: string, statusCode: number, requestId: string | undefined): string {
  return `${message} (Service: DynamoDb, Status Code: ${statusCode}, Request ID: ${requestId ?? 'local'})`;
}

interface ServiceErrorShape {
  name: string;
  message: string;
  $metadata: { httpStatusCode: number; requestId?: string };
}

export function isServiceError(error: unknown): error is ServiceErrorShape {
  if (!(error instanceof Error)) return false;
  const metadata: unknown = (error as { $metadata?: unknown }).$metadata;
  return isRecord(metadata) && typeof metadata.httpStatusCode === 'number';
}

const VALIDATION_EXCEPTIONS = new Set(['ValidationException', 'SerializationException']);

function connectionDetail(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  if (error.name === 'AbortError' || error.name === 'TimeoutError') return `no answer in time (${error.message})`;
  return typeof code === 'string' && !error.message.includes(code) ? `${code}: ${error.message}` : error.message;
}

/** Any failure of an SDK call as a data-source error value. */
export function toDataSourceError(error: unknown, endpoint: string | undefined): DataSourceError {
  if (isServiceError(error)) {
    const exception = VALIDATION_EXCEPTIONS.has(error.name) ? 'DynamoDbException' : error.name;
    return {
      type: `DynamoDB:${exception}`,
      message: serviceMessage(error.message, error.$metadata.httpStatusCode, error.$metadata.requestId),
    };
  }
  // No HTTP answer at all: refused, reset, DNS, timeout. The database is down or unreachable.
  const where = endpoint ? ` at ${endpoint}` : '';
  return {
    type: UNAVAILABLE_ERROR_TYPE,
    message: `Could not reach DynamoDB${where}: ${connectionDetail(error)}. Is DynamoDB Local running?`,
  };
}
