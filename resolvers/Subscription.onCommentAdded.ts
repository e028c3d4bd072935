import type { Context } from '@aws-appsync/utils';
import type { SubscriptionOnCommentAddedArgs } from '../generated/graphql';
import { authorizeBoardSubscription, filterToBoard } from './lib/subscriptions';

/** Pipeline: loadMembership (VIEWER or admin); then only this board's comments, and this task's when taskId is given. */
export function request(ctx: Context<SubscriptionOnCommentAddedArgs>) {
  return authorizeBoardSubscription(ctx);
}

export function response(ctx: Context<SubscriptionOnCommentAddedArgs>) {
  return filterToBoard(ctx, { taskId: ctx.args.taskId });
}
