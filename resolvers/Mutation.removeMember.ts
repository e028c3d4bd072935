import type { Context } from '@aws-appsync/utils';
import type { MutationRemoveMemberArgs } from '../generated/graphql';
import type { MemberResult } from './lib/items';
import { invalidateBoardSubscriptions } from './lib/subscriptions';

/**
 * Pipeline: loadMembership (OWNER) → loadTargetMember → requireOtherOwner (only when the target
 * is an OWNER) → deleteMembership (membership + memberCount - 1 in one transaction).
 * Removing the board's only OWNER is a ValidationError.
 */
export function request(ctx: Context<MutationRemoveMemberArgs>) {
  ctx.stash.boardId = ctx.args.boardId;
  ctx.stash.requiredRole = 'OWNER';
  ctx.stash.targetUserId = ctx.args.userId;
  return {};
}

export function response(ctx: Context<MutationRemoveMemberArgs>) {
  const member = ctx.prev.result as MemberResult;
  invalidateBoardSubscriptions({ boardId: member.boardId, userId: member.userId });
  return member;
}
