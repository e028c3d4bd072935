import { runtime, util, type Context } from '@aws-appsync/utils';
import { get } from '@aws-appsync/utils/dynamodb';
import { toUser, type UserItem } from './lib/items';
import { userKey } from './lib/keys';

/**
 * A boardStats row's assignee: null for the unassigned row, else one GetItem of the profile.
 * Bounded by the board's distinct assignees (members), not by its tasks.
 */
export function request(ctx: Context) {
  const row = ctx.source as { assigneeId?: string | null };
  if (!row.assigneeId) runtime.earlyReturn(null);
  return get({ key: userKey(row.assigneeId as string) });
}

export function response(ctx: Context) {
  if (ctx.error) util.error(ctx.error.message, ctx.error.type);
  const user = ctx.result as UserItem | null;
  return user ? toUser(user) : null;
}
