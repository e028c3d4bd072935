import { runtime, util, type Context } from '@aws-appsync/utils';
import { get } from '@aws-appsync/utils/dynamodb';
import { type TaskResult, toUser, type UserItem } from './lib/items';
import { userKey } from './lib/keys';

/**
 * The task's assignee: the User a list attached (no request), null when unassigned, else one
 * GetItem of the profile. A missing profile is null (the field is nullable).
 */
export function request(ctx: Context) {
  const task = ctx.source as TaskResult;
  if (task.assignee !== undefined) runtime.earlyReturn(task.assignee);
  if (!task.assigneeId) runtime.earlyReturn(null);
  return get({ key: userKey(task.assigneeId as string) });
}

export function response(ctx: Context) {
  if (ctx.error) util.error(ctx.error.message, ctx.error.type);
  const user = ctx.result as UserItem | null;
  return user ? toUser(user) : null;
}
