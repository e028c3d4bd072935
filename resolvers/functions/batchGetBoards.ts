import { runtime, util, type Context } from '@aws-appsync/utils';
import { batchGet } from '@aws-appsync/utils/dynamodb';
import { type BoardItem, type MemberItem, toBoard } from '../lib/items';
import { boardKey } from '../lib/keys';

type BatchGetResult = {
  data: Record<string, Array<BoardItem | null>>;
  unprocessedKeys?: Record<string, unknown[]> | null;
};

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
  const table = ctx.env.TABLE_NAME;
  const result = ctx.result as BatchGetResult;
  // An unprocessed key comes back as null, like a missing item: fail (retryable) rather than
  // silently drop a board from a page the client will never see again.
  const unprocessed = result.unprocessedKeys ? result.unprocessedKeys[table] : null;
  if (unprocessed && unprocessed.length > 0) {
    util.error('Some boards could not be read right now; retry the request', 'DynamoDB:UnprocessedKeys');
  }
  const memberships = ctx.stash.memberships as MemberItem[];
  // AppSync returns batch results in request order; a board deleted meanwhile comes back null.
  return result.data[table]
    .map((board, i) => (board ? toBoard(board, memberships[i].role) : null))
    .filter((board) => board !== null);
}
