import { runtime, util, type Context } from '@aws-appsync/utils';
import { get } from '@aws-appsync/utils/dynamodb';
import { type MemberResult, toUser, unknownUser, type UserItem } from './lib/items';
import { userKey } from './lib/keys';

/** The member's profile: attached by Board.members' BatchGetItem (no request), or one GetItem. */
export function request(ctx: Context) {
  const member = ctx.source as MemberResult;
  if (member.user) runtime.earlyReturn(member.user);
  return get({ key: userKey(member.userId) });
}

export function response(ctx: Context) {
  if (ctx.error) util.error(ctx.error.message, ctx.error.type);
  const user = ctx.result as UserItem | null;
  // Member.user is non-null: a missing profile becomes a stand-in rather than an error.
  return user ? toUser(user) : unknownUser((ctx.source as MemberResult).userId);
}
