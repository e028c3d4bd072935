import { util, type Context } from '@aws-appsync/utils';
import { put } from '@aws-appsync/utils/dynamodb';
import type { MutationPublishActivityArgs } from '../generated/graphql';
import { type ActivityItem, toActivity } from './lib/items';
import { ACTIVITY_TTL_SECONDS, activityKey } from './lib/keys';
import { LIMITS, requiredText } from './lib/validation';

const CONDITION_FAILED = 'DynamoDB:ConditionalCheckFailedException';

/**
 * The activity stream function (IAM) records an activity; returning it is what reaches
 * `onActivity` subscribers. Idempotent on redelivery: the key is the event's own
 * `<createdAt>#<id>`, and a duplicate returns the stored item instead of failing.
 */
export function request(ctx: Context<MutationPublishActivityArgs>) {
  // The schema admits IAM only; this holds even if the directive were lost (an IAM identity has a userArn).
  const identity = ctx.identity as { userArn?: string } | null;
  if (!identity || !identity.userArn) util.unauthorized();
  const input = ctx.args.input;
  const summary = requiredText(input.summary, 'summary', LIMITS.summary);
  const ms = util.time.parseISO8601ToEpochMilliSeconds(input.createdAt);
  // Normalized to UTC so that sort keys order by time whatever offset the caller wrote.
  const createdAt = util.time.epochMilliSecondsToISO8601(ms);
  const key = activityKey(input.boardId, createdAt, input.id);
  const item: Omit<ActivityItem, 'pk' | 'sk'> = {
    type: 'Activity', id: input.id, boardId: input.boardId, actorId: input.actorId ?? null, action: input.action,
    targetId: input.targetId ?? null, summary, createdAt,
    expiresAt: Math.floor(ms / 1000) + ACTIVITY_TTL_SECONDS,
  };
  return put<ActivityItem>({ key, item, condition: { pk: { attributeExists: false } } });
}

export function response(ctx: Context<MutationPublishActivityArgs>) {
  if (ctx.error && !(ctx.error.type === CONDITION_FAILED && ctx.result)) util.error(ctx.error.message, ctx.error.type);
  return toActivity(ctx.result as ActivityItem);
}
