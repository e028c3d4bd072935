import type { Context } from '@aws-appsync/utils';
import type { SubscriptionOnActivityArgs } from '../generated/graphql';
import { authorizeBoardSubscription, filterToBoard } from './lib/subscriptions';

/** Pipeline: loadMembership (VIEWER or admin); then only this board's events. */
export function request(ctx: Context<SubscriptionOnActivityArgs>) {
  return authorizeBoardSubscription(ctx);
}

export function response(ctx: Context<SubscriptionOnActivityArgs>) {
  return filterToBoard(ctx);
}
