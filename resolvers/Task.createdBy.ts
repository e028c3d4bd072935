import { runtime, util, type Context } from '@aws-appsync/utils';
import { get } from '@aws-appsync/utils/dynamodb';
import { type TaskResult, toUser, unknownUser, type UserItem } from './lib/items';
import { userKey } from './lib/keys';

/** Who created the task: the User a list attached (no request), else one GetItem of the profile. */
export function request(ctx: Context) {
  const task = ctx.source as TaskResult;
  if (task.createdBy) runtime.earlyReturn(task.createdBy);
  return get({ key: userKey(task.createdById) });
}

export function response(ctx: Context) {
  if (ctx.error) util.error(ctx.error.message, ctx.error.type);
  const user = ctx.result as UserItem | null;
  // Non-null field: a missing profile (created on first `me`) becomes a placeholder User.
  return user ? toUser(user) : unknownUser((ctx.source as TaskResult).createdById);
}
