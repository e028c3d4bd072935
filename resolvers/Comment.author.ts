import { runtime, util, type Context } from '@aws-appsync/utils';
import { get } from '@aws-appsync/utils/dynamodb';
import { type CommentResult, toUser, unknownUser, type UserItem } from './lib/items';
import { userKey } from './lib/keys';

/** The author attached by the list (no request), else one GetItem of the profile. */
export function request(ctx: Context) {
  const comment = ctx.source as CommentResult;
  if (comment.author) runtime.earlyReturn(comment.author);
  return get({ key: userKey(comment.authorId) });
}

export function response(ctx: Context) {
  if (ctx.error) util.error(ctx.error.message, ctx.error.type);
  const user = ctx.result as UserItem | null;
  return user ? toUser(user) : unknownUser((ctx.source as CommentResult).authorId);
}
