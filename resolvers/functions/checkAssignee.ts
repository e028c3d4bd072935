import { runtime, util, type Context } from '@aws-appsync/utils';
import { get } from '@aws-appsync/utils/dynamodb';
import { callerId } from '../lib/identity';
import type { TaskItem } from '../lib/items';
import { memberKey } from '../lib/keys';
import { validationError } from '../lib/validation';

/**
 * A task's new assignee (`stash.assigneeId`) must be a member of `stash.boardId`, in any role:
 * one GetItem of their membership, skipped when there is no new assignee, when it is the
 * caller (loadMembership has just read theirs) or when it is the task's current assignee.
 * Passes the previous step's result on.
 */
export function request(ctx: Context) {
  const assigneeId = ctx.stash.assigneeId as string | null | undefined;
  const task = ctx.stash.task as TaskItem | undefined;
  if (!assigneeId || assigneeId === callerId(ctx) || (task && task.assigneeId === assigneeId)) {
    runtime.earlyReturn(ctx.prev.result);
  }
  return get({ key: memberKey(ctx.stash.boardId as string, assigneeId as string), consistentRead: true });
}

export function response(ctx: Context) {
  if (ctx.error) util.error(ctx.error.message, ctx.error.type);
  if (!ctx.result) validationError('assigneeId', 'must be a member of the board');
  return ctx.prev.result;
}
