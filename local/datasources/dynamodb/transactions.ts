/**
 * TransactGetItems → `{items, cancellationReasons}`; TransactWriteItems → `{keys, cancellationReasons}`.
 * On cancellation `items`/`keys` are null, `cancellationReasons` lists one `{type, message}` per
 * request item (with `item` on a failed condition when `returnValuesOnConditionCheckFailure` is
 * not false) and the error is `DynamoDB:TransactionCanceledException`.
 */
import type { CancellationReason, TransactGetItem, TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { fromSdkAttributeMap, fromSdkItem, toSdkAttributeMap } from './attribute-values';
import { mergeExpressionAttributes, parseExpression, requireExpression, type ParsedExpression } from './expressions';
import { isRecord, RequestShapeError } from './request-error';
import { optionalAttributeMap, requiredArray, requiredAttributeMap, requiredString } from './request-fields';
import { callDynamoDB } from './sdk-calls';
import type { DynamoDBDataSourceResponse, ExecutionContext } from './types';

type RequestObject = Record<string, unknown>;

export interface CancellationReasonResult {
  type: string;
  message: string;
  item?: Record<string, unknown> | null;
}

function cancellationReasons(raw: unknown, wantsItem: (index: number) => boolean): CancellationReasonResult[] | null {
  // By shape rather than instanceof: the caller's client may come from another copy of the SDK.
  const reasons = isRecord(raw) || raw instanceof Error ? (raw as { CancellationReasons?: CancellationReason[] }).CancellationReasons : undefined;
  if (!Array.isArray(reasons)) return null;
  return reasons.map((reason, index) => {
    const code = reason.Code ?? 'None';
    if (code === 'None') return { type: 'None', message: 'None' };
    if (code === 'ConditionalCheckFailed') {
      return {
        type: 'ConditionCheckFailed',
        message: 'The condition check failed.',
        ...(wantsItem(index) && reason.Item ? { item: fromSdkItem(reason.Item) } : {}),
      };
    }
    return { type: code, message: reason.Message ?? code };
  });
}

function transactItems(request: RequestObject): RequestObject[] {
  return requiredArray(request, 'transactItems').map((item, i) => {
    if (!isRecord(item)) throw new RequestShapeError(`Value for field '$[transactItems][${i}]' must be an object.`);
    return item;
  });
}

export async function transactGetItems(ctx: ExecutionContext, request: RequestObject): Promise<DynamoDBDataSourceResponse> {
  const items = transactItems(request);
  const input: TransactGetItem[] = items.map((item) => {
    const projection = parseExpression(item.projection, 'projection');
    return {
      Get: {
        TableName: ctx.resolveTableName(requiredString(item, 'table')),
        Key: requiredAttributeMap(item, 'key'),
        ...(projection ? { ProjectionExpression: projection.expression } : {}),
        ...mergeExpressionAttributes([projection]),
      },
    };
  });
  const outcome = await callDynamoDB(ctx, 'TransactGetItems', { TransactItems: input });
  if (!outcome.ok) {
    const reasons = cancellationReasons(outcome.raw, () => false);
    return { result: reasons ? { items: null, cancellationReasons: reasons } : null, error: outcome.error };
  }
  return {
    result: {
      items: (outcome.output.Responses ?? []).map((r) => fromSdkItem(r.Item)),
      cancellationReasons: null,
    },
  };
}

interface WriteCondition {
  expression: ParsedExpression;
  returnValues: boolean;
}

function writeCondition(item: RequestObject, required: boolean): WriteCondition | undefined {
  const expression = required ? requireExpression(item.condition, 'condition') : parseExpression(item.condition, 'condition');
  if (!expression) return undefined;
  // The VTL reference documents `true` as the default; the JS typings make the field mandatory.
  return { expression, returnValues: expression.raw.returnValuesOnConditionCheckFailure !== false };
}

function conditionFields(condition: WriteCondition | undefined) {
  return condition
    ? {
        ConditionExpression: condition.expression.expression,
        ReturnValuesOnConditionCheckFailure: condition.returnValues ? ('ALL_OLD' as const) : ('NONE' as const),
      }
    : {};
}

function writeItem(ctx: ExecutionContext, item: RequestObject, index: number): { write: TransactWriteItem; condition?: WriteCondition } {
  const TableName = ctx.resolveTableName(requiredString(item, 'table'));
  const Key = requiredAttributeMap(item, 'key');
  const operation = item.operation;
  switch (operation) {
    case 'PutItem': {
      const condition = writeCondition(item, false);
      const Item = { ...(optionalAttributeMap(item, 'attributeValues') ?? {}), ...Key };
      return {
        write: { Put: { TableName, Item, ...conditionFields(condition), ...mergeExpressionAttributes([condition?.expression]) } },
        condition,
      };
    }
    case 'UpdateItem': {
      const condition = writeCondition(item, false);
      const update = requireExpression(item.update, 'update');
      return {
        write: {
          Update: {
            TableName,
            Key,
            UpdateExpression: update.expression,
            ...conditionFields(condition),
            ...mergeExpressionAttributes([update, condition?.expression]),
          },
        },
        condition,
      };
    }
    case 'DeleteItem': {
      const condition = writeCondition(item, false);
      return {
        write: { Delete: { TableName, Key, ...conditionFields(condition), ...mergeExpressionAttributes([condition?.expression]) } },
        condition,
      };
    }
    case 'ConditionCheck': {
      const condition = writeCondition(item, true) as WriteCondition;
      return {
        write: {
          ConditionCheck: {
            TableName,
            Key,
            ConditionExpression: condition.expression.expression,
            ReturnValuesOnConditionCheckFailure: condition.returnValues ? 'ALL_OLD' : 'NONE',
            ...mergeExpressionAttributes([condition.expression]),
          },
        },
        condition,
      };
    }
    default:
      throw new RequestShapeError(
        `Unsupported operation '${String(operation)}' at transactItems[${index}]: expected PutItem, UpdateItem, DeleteItem or ConditionCheck.`,
      );
  }
}

export async function transactWriteItems(ctx: ExecutionContext, request: RequestObject): Promise<DynamoDBDataSourceResponse> {
  const items = transactItems(request);
  const writes = items.map((item, i) => writeItem(ctx, item, i));
  const outcome = await callDynamoDB(ctx, 'TransactWriteItems', { TransactItems: writes.map((w) => w.write) });
  if (!outcome.ok) {
    const reasons = cancellationReasons(outcome.raw, (i) => writes[i]?.condition?.returnValues ?? false);
    return { result: reasons ? { keys: null, cancellationReasons: reasons } : null, error: outcome.error };
  }
  return {
    result: {
      keys: items.map((item) => fromSdkAttributeMap(toSdkAttributeMap(item.key, 'key'))),
      cancellationReasons: null,
    },
  };
}
