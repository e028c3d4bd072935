import { runtime, util, type Context } from '@aws-appsync/utils';
import { batchGet } from '@aws-appsync/utils/dynamodb';
import { type BoardItem, type MemberItem, toBoard } from '../lib/items';
import { boardKey } from '../lib/keys';

/** The boards of the previous step's memberships, in one BatchGetItem, in membership order. */
export function request(ctx: Context) {
  const memberships = ctx.prev.result as MemberItem[];
  if (memberships.length === 0) runtime.earlyReturn([]);
  ctx.stash.memberships = memberships;
  return batchGet({
    tables: { [ctx.env.TABLE_NAME]: { keys: memberships.map((m) => boardKey(m.boardId)) } },
  });
}

export function response(ctx: Context) {
  if (ctx.error) util.error(ctx.error.message, ctx.error.type);
  const memberships = ctx.stash.memberships as MemberItem[];
  const boards = (ctx.result as { data: Record<string, Array<BoardItem | null>> }).data[ctx.env.TABLE_NAME];
  // AppSync returns batch results in request order; a board deleted meanwhile comes back null.
  return boards
    .map((board, i) => (board ? toBoard(board, memberships[i].role) : null))
    .filter((board) => board !== null);
}
