import type { Context } from '@aws-appsync/utils';
import type { MutationAddMemberArgs } from '../generated/graphql';
import type { MemberResult } from './lib/items';

/**
 * Pipeline: loadMembership (OWNER) → invokeAddMember (the addMember Lambda finds the user by
 * email in Cognito, then writes the membership and memberCount + 1 in one transaction).
 */
export function request(ctx: Context<MutationAddMemberArgs>) {
  ctx.stash.boardId = ctx.args.boardId;
  ctx.stash.requiredRole = 'OWNER';
  return {};
}

export function response(ctx: Context<MutationAddMemberArgs>) {
  return ctx.prev.result as MemberResult;
}
