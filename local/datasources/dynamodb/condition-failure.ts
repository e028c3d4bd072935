/**
 * What AppSync does after a Put/Update/Delete condition fails:
 *
 * 1. re-read the current item (strongly consistent unless `condition.consistentRead` is false);
 * 2. Put whose stored item already equals the new item (ignoring `equalsIgnore`) succeeds, with
 *    the stored item as result; Delete of an item that is already gone succeeds with `null`;
 *    Update is never compared;
 * 3. otherwise apply the strategy: `Reject` (default) gives ConditionalCheckFailedException with
 *    the current item as `ctx.result`; `Custom` asks a Lambda to reject, discard (succeed with the
 *    current item) or retry once with a changed request.
 */
import { attributeMapsEqual, fromSdkItem, toTypedJsonMap, type AttributeMap } from './attribute-values';
import { CONDITIONAL_CHECK_FAILED_ERROR_TYPE, type DataSourceError } from './errors';
import type { ParsedExpression } from './expressions';
import { isRecord } from './request-error';
import { callDynamoDB } from './sdk-calls';
import type { DynamoDBDataSourceResponse, ExecutionContext } from './types';

export interface ConditionFailure {
  operation: 'PutItem' | 'UpdateItem' | 'DeleteItem';
  request: Record<string, unknown>;
  tableName: string;
  key: AttributeMap;
  condition: ParsedExpression;
  /** PutItem only: the item it tried to write. */
  intendedItem?: AttributeMap;
  /** The DynamoDB error, already in AppSync's message format. */
  failure: DataSourceError;
  /** Runs the operation again with a changed request; only offered when a retry is still allowed. */
  retry?: (request: Record<string, unknown>) => Promise<DynamoDBDataSourceResponse>;
}

function equalsIgnore(condition: ParsedExpression): string[] {
  const value = condition.raw.equalsIgnore;
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export async function resolveConditionFailure(ctx: ExecutionContext, f: ConditionFailure): Promise<DynamoDBDataSourceResponse> {
  const read = await callDynamoDB(ctx, 'GetItem', {
    TableName: f.tableName,
    Key: f.key,
    ConsistentRead: f.condition.raw.consistentRead !== false,
  });
  if (!read.ok) return { result: null, error: read.error };
  const current = read.output.Item;

  if (f.operation === 'PutItem' && current && f.intendedItem && attributeMapsEqual(current, f.intendedItem, equalsIgnore(f.condition))) {
    return { result: fromSdkItem(current) };
  }
  if (f.operation === 'DeleteItem' && !current) return { result: null };

  const reject: DynamoDBDataSourceResponse = {
    result: fromSdkItem(current),
    error: { type: CONDITIONAL_CHECK_FAILED_ERROR_TYPE, message: f.failure.message },
  };
  const handler = f.condition.raw.conditionalCheckFailedHandler;
  if (!isRecord(handler) || handler.strategy !== 'Custom' || !ctx.conditionalCheckFailedHandler) return reject;

  let decision;
  try {
    decision = await ctx.conditionalCheckFailedHandler({
      lambdaArn: typeof handler.lambdaArn === 'string' ? handler.lambdaArn : '',
      requestMapping: f.request,
      currentValue: current ? toTypedJsonMap(current) : null,
      tableName: f.tableName,
    });
  } catch {
    return reject; // a failing handler cannot turn the failure into a success
  }
  if (decision.action === 'discard') return { result: fromSdkItem(current) };
  if (decision.action === 'retry' && f.retry) {
    // The key and operation of a retried request cannot change.
    return f.retry({ ...f.request, ...(decision.retryMapping ?? {}), operation: f.operation, key: f.request.key });
  }
  return reject;
}
