import type { Context } from '@aws-appsync/utils';
import type { BoardDeletion, MutationDeleteBoardArgs } from '../generated/graphql';
import { invalidateBoardSubscriptions } from './lib/subscriptions';

/**
 * Pipeline: loadMembership (OWNER) → invokeDeleteBoard (the deleteBoard Lambda deletes every
 * item of the board, its comments and activity; the meta and the caller's membership go last,
 * so an interrupted deletion is finished by calling deleteBoard again).
 */
export function request(ctx: Context<MutationDeleteBoardArgs>) {
  ctx.stash.boardId = ctx.args.id;
  ctx.stash.requiredRole = 'OWNER';
  return {};
}

export function response(ctx: Context<MutationDeleteBoardArgs>) {
  const deletion = ctx.prev.result as BoardDeletion;
  invalidateBoardSubscriptions({ boardId: deletion.boardId, boardDeleted: true });
  return deletion;
}
