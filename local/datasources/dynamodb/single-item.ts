/**
 * GetItem, PutItem, UpdateItem, DeleteItem: the item (plain JSON) or null.
 * Put returns the item written, Update the item after the update (ALL_NEW), Delete the item
 * before deletion (ALL_OLD).
 */
import { fromSdkItem, type AttributeMap } from './attribute-values';
import { resolveConditionFailure } from './condition-failure';
import { CONDITIONAL_CHECK_FAILED_ERROR_TYPE } from './errors';
import { mergeExpressionAttributes, parseExpression, requireExpression, type ParsedExpression } from './expressions';
import { optionalAttributeMap, optionalBoolean, requiredAttributeMap } from './request-fields';
import { callDynamoDB, type SdkOutcome } from './sdk-calls';
import type { DynamoDBDataSourceResponse, ExecutionContext } from './types';

type RequestObject = Record<string, unknown>;

export async function getItem(ctx: ExecutionContext, request: RequestObject): Promise<DynamoDBDataSourceResponse> {
  const projection = parseExpression(request.projection, 'projection');
  const outcome = await callDynamoDB(ctx, 'GetItem', {
    TableName: ctx.tableName,
    Key: requiredAttributeMap(request, 'key'),
    ConsistentRead: optionalBoolean(request, 'consistentRead') ?? false,
    ...(projection ? { ProjectionExpression: projection.expression } : {}),
    ...mergeExpressionAttributes([projection]),
  });
  return outcome.ok ? { result: fromSdkItem(outcome.output.Item) } : { result: null, error: outcome.error };
}

function conditionInput(condition: ParsedExpression | undefined): { ConditionExpression?: string } {
  return condition ? { ConditionExpression: condition.expression } : {};
}

/** A failed call: a conditional failure goes through AppSync's re-read/compare/strategy logic. */
async function failure(
  ctx: ExecutionContext,
  outcome: Extract<SdkOutcome<unknown>, { ok: false }>,
  details: {
    operation: 'PutItem' | 'UpdateItem' | 'DeleteItem';
    request: RequestObject;
    key: AttributeMap;
    condition: ParsedExpression | undefined;
    intendedItem?: AttributeMap;
    retry?: (request: RequestObject) => Promise<DynamoDBDataSourceResponse>;
  },
): Promise<DynamoDBDataSourceResponse> {
  if (outcome.error.type !== CONDITIONAL_CHECK_FAILED_ERROR_TYPE || !details.condition) {
    return { result: null, error: outcome.error };
  }
  return resolveConditionFailure(ctx, {
    ...details,
    condition: details.condition,
    tableName: ctx.tableName,
    failure: outcome.error,
  });
}

export async function putItem(ctx: ExecutionContext, request: RequestObject, allowRetry = true): Promise<DynamoDBDataSourceResponse> {
  const key = requiredAttributeMap(request, 'key');
  // The item written is key ∪ attributeValues; the key wins a clash.
  const item: AttributeMap = { ...(optionalAttributeMap(request, 'attributeValues') ?? {}), ...key };
  const condition = parseExpression(request.condition, 'condition');
  const outcome = await callDynamoDB(ctx, 'PutItem', {
    TableName: ctx.tableName,
    Item: item,
    ...conditionInput(condition),
    ...mergeExpressionAttributes([condition]),
  });
  if (outcome.ok) return { result: fromSdkItem(item) };
  return failure(ctx, outcome, {
    operation: 'PutItem',
    request,
    key,
    condition,
    intendedItem: item,
    retry: allowRetry ? (retried) => putItem(ctx, retried, false) : undefined,
  });
}

export async function updateItem(ctx: ExecutionContext, request: RequestObject, allowRetry = true): Promise<DynamoDBDataSourceResponse> {
  const key = requiredAttributeMap(request, 'key');
  const update = requireExpression(request.update, 'update');
  const condition = parseExpression(request.condition, 'condition');
  const outcome = await callDynamoDB(ctx, 'UpdateItem', {
    TableName: ctx.tableName,
    Key: key,
    UpdateExpression: update.expression,
    ...conditionInput(condition),
    ...mergeExpressionAttributes([update, condition]),
    ReturnValues: 'ALL_NEW',
  });
  if (outcome.ok) return { result: fromSdkItem(outcome.output.Attributes) };
  return failure(ctx, outcome, {
    operation: 'UpdateItem',
    request,
    key,
    condition,
    retry: allowRetry ? (retried) => updateItem(ctx, retried, false) : undefined,
  });
}

export async function deleteItem(ctx: ExecutionContext, request: RequestObject, allowRetry = true): Promise<DynamoDBDataSourceResponse> {
  const key = requiredAttributeMap(request, 'key');
  const condition = parseExpression(request.condition, 'condition');
  const outcome = await callDynamoDB(ctx, 'DeleteItem', {
    TableName: ctx.tableName,
    Key: key,
    ...conditionInput(condition),
    ...mergeExpressionAttributes([condition]),
    ReturnValues: 'ALL_OLD',
  });
  if (outcome.ok) return { result: fromSdkItem(outcome.output.Attributes) };
  return failure(ctx, outcome, {
    operation: 'DeleteItem',
    request,
    key,
    condition,
    retry: allowRetry ? (retried) => deleteItem(ctx, retried, false) : undefined,
  });
}
