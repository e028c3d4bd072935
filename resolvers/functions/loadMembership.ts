import { util, type Context } from '@aws-appsync/utils';
import { get } from '@aws-appsync/utils/dynamodb';
import type { Role } from '../../generated/graphql';
import { callerId, isAdmin } from '../lib/identity';
import type { MemberItem } from '../lib/items';
import { memberKey } from '../lib/keys';
import { hasRole } from '../lib/roles';

/**
 * Loads the caller's membership of `stash.boardId` and enforces `stash.requiredRole`.
 * The caller's role comes from this item, never from input. A non-member is Unauthorized
 * whether or not the board exists, so they learn nothing about it; admins may read any board.
 */
export function request(ctx: Context) {
  return get({ key: memberKey(ctx.stash.boardId as string, callerId(ctx)), consistentRead: true });
}

export function response(ctx: Context) {
  if (ctx.error) util.error(ctx.error.message, ctx.error.type);
  const member = ctx.result as MemberItem | null;
  const role: Role | null = member ? member.role : null;
  const required = ctx.stash.requiredRole as Role;
  const adminRead = required === 'VIEWER' && isAdmin(ctx);
  if (!hasRole(role, required) && !adminRead) util.unauthorized();
  ctx.stash.role = role;
  return role;
}
