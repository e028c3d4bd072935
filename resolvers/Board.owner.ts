import { runtime, util, type Context } from '@aws-appsync/utils';
import { get } from '@aws-appsync/utils/dynamodb';
import { type BoardResult, toUser, unknownUser, type UserItem, type UserResult } from './lib/items';
import { userKey } from './lib/keys';

type Source = BoardResult & { owner?: UserResult };

/** The owner's profile: already attached by the parent resolver (no request), or one GetItem. */
export function request(ctx: Context) {
  const board = ctx.source as Source;
  if (board.owner) runtime.earlyReturn(board.owner);
  return get({ key: userKey(board.ownerId) });
}

export function response(ctx: Context) {
  if (ctx.error) util.error(ctx.error.message, ctx.error.type);
  const user = ctx.result as UserItem | null;
  // Board.owner is non-null: a missing profile becomes a stand-in rather than an error.
  return user ? toUser(user) : unknownUser((ctx.source as Source).ownerId);
}
