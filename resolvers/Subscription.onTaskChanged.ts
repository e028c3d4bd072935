import type { Context } from '@aws-appsync/utils';
import type { SubscriptionOnTaskChangedArgs } from '../generated/graphql';
import { authorizeBoardSubscription, filterToBoard } from './lib/subscriptions';

/** Pipeline: loadMembership (VIEWER or admin); then only this board's events. */
export function request(ctx: Context<SubscriptionOnTaskChangedArgs>) {
  return authorizeBoardSubscription(ctx);
}

export function response(ctx: Context<SubscriptionOnTaskChangedArgs>) {
  return filterToBoard(ctx);
}
