import type { Context } from '@aws-appsync/utils';
import type { MutationUpdateMemberRoleArgs } from '../generated/graphql';
import type { MemberResult } from './lib/items';

/**
 * Pipeline: loadMembership (OWNER) → loadTargetMember → requireOtherOwner (only when an OWNER
 * is demoted) → writeMemberRole (one transaction). Demoting the last OWNER is a ValidationError.
 */
export function request(ctx: Context<MutationUpdateMemberRoleArgs>) {
  ctx.stash.boardId = ctx.args.boardId;
  ctx.stash.requiredRole = 'OWNER';
  ctx.stash.targetUserId = ctx.args.userId;
  ctx.stash.newRole = ctx.args.role;
  return {};
}

export function response(ctx: Context<MutationUpdateMemberRoleArgs>) {
  return ctx.prev.result as MemberResult;
}
