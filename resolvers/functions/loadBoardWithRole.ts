import { util, type Context } from '@aws-appsync/utils';
import type { Role } from '../../generated/graphql';
import { callerId, isAdmin } from '../lib/identity';
import type { BoardItem, MemberItem } from '../lib/items';
import { boardKey, memberKey } from '../lib/keys';
import { hasRole } from '../lib/roles';

/**
 * The board and the caller's membership in ONE TransactGetItems (docs/data-model.md), so the
 * board view costs one request before its tasks. Enforces `stash.requiredRole` like
 * loadMembership: a non-member is Unauthorized whether or not the board exists; admins may read.
 */
export function request(ctx: Context) {
  const table = ctx.env.TABLE_NAME;
  const boardId = ctx.stash.boardId as string;
  return {
    operation: 'TransactGetItems',
    transactItems: [
      { table, key: util.dynamodb.toMapValues(boardKey(boardId)) },
      { table, key: util.dynamodb.toMapValues(memberKey(boardId, callerId(ctx))) },
    ],
  };
}

export function response(ctx: Context) {
  if (ctx.error) util.error(ctx.error.message, ctx.error.type);
  const [board, member] = (ctx.result as { items: [BoardItem | null, MemberItem | null] }).items;
  const role: Role | null = member ? member.role : null;
  const required = ctx.stash.requiredRole as Role;
  const adminRead = required === 'VIEWER' && isAdmin(ctx);
  if (!hasRole(role, required) && !adminRead) util.unauthorized();
  ctx.stash.role = role;
  return board;
}
