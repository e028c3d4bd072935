import type { Context } from '@aws-appsync/utils';
import type { QueryBoardArgs } from '../generated/graphql';
import { type BoardItem, toBoard } from './lib/items';

/** Pipeline: loadBoardWithRole (board + caller's membership in one TransactGetItems; VIEWER or admin). */
export function request(ctx: Context<QueryBoardArgs>) {
  ctx.stash.boardId = ctx.args.id;
  ctx.stash.requiredRole = 'VIEWER';
  return {};
}

export function response(ctx: Context<QueryBoardArgs>) {
  const board = ctx.prev.result as BoardItem | null;
  return board ? toBoard(board, ctx.stash.role ?? null) : null;
}
