import type { Context } from '@aws-appsync/utils';
import type { SubscriptionOnMemberChangedArgs } from '../generated/graphql';
import { authorizeBoardSubscription, filterToBoard } from './lib/subscriptions';

/** Pipeline: loadMembership (VIEWER or admin); then only this board's events. */
export function request(ctx: Context<SubscriptionOnMemberChangedArgs>) {
  return authorizeBoardSubscription(ctx);
}

export function response(ctx: Context<SubscriptionOnMemberChangedArgs>) {
  return filterToBoard(ctx);
}
