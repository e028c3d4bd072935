import { runtime, util, type Context } from '@aws-appsync/utils';
import { get } from '@aws-appsync/utils/dynamodb';
import { type ActivityResult, toUser, type UserItem } from './lib/items';
import { userKey } from './lib/keys';

/**
 * The actor attached by the list (a User, or null), else one GetItem of the profile. No actor
 * (system activity) or no profile: null, the field is nullable.
 */
export function request(ctx: Context) {
  const activity = ctx.source as ActivityResult;
  if (activity.actor !== undefined) runtime.earlyReturn(activity.actor);
  if (!activity.actorId) runtime.earlyReturn(null);
  return get({ key: userKey(activity.actorId as string) });
}

export function response(ctx: Context) {
  if (ctx.error) util.error(ctx.error.message, ctx.error.type);
  const user = ctx.result as UserItem | null;
  return user ? toUser(user) : null;
}
