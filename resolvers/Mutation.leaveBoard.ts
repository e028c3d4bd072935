import type { Context } from '@aws-appsync/utils';
import type { MutationLeaveBoardArgs } from '../generated/graphql';
import { callerId } from './lib/identity';
import type { MemberResult } from './lib/items';
import { invalidateBoardSubscriptions } from './lib/subscriptions';

/**
 * Pipeline: loadMembership (any member) → loadTargetMember (the caller) → requireOtherOwner
 * (only for an OWNER) → deleteMembership. The board's only OWNER cannot leave (ValidationError).
 */
export function request(ctx: Context<MutationLeaveBoardArgs>) {
  ctx.stash.boardId = ctx.args.boardId;
  ctx.stash.requiredRole = 'VIEWER';
  ctx.stash.targetUserId = callerId(ctx);
  ctx.stash.targetIsCaller = true;
  return {};
}

export function response(ctx: Context<MutationLeaveBoardArgs>) {
  const member = ctx.prev.result as MemberResult;
  invalidateBoardSubscriptions({ boardId: member.boardId, userId: member.userId });
  return member;
}
