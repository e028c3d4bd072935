/** Reading a cancelled TransactWriteItems (`ctx.result` holds one reason per item, in request order). */

type Cancelled = { cancellationReasons?: Array<{ type?: string | null } | null> | null } | null | undefined;

/**
 * Whether item `index` of a cancelled transaction failed its condition. AppSync reports the
 * reason as `ConditionCheckFailed`; DynamoDB's own code is `ConditionalCheckFailed`.
 */
export function conditionFailedAt(result: unknown, index: number): boolean {
  const reasons = (result as Cancelled)?.cancellationReasons;
  const reason = reasons && reasons.length > index ? reasons[index] : null;
  const type = reason ? reason.type : null;
  return type === 'ConditionCheckFailed' || type === 'ConditionalCheckFailed';
}
