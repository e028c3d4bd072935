import { util, type Context } from '@aws-appsync/utils';
import { get } from '@aws-appsync/utils/dynamodb';
import type { TaskItem } from '../lib/items';
import { taskKey } from '../lib/keys';
import { versionConflict } from '../lib/validation';

/**
 * Reads task `stash.taskId` of board `stash.boardId` into `stash.task` (and returns it, or null).
 * For writes (`stash.taskRequired`): a strongly consistent read, a missing task is a
 * NotFoundError, and a version other than `stash.expectedVersion` (when set) is a ConflictError
 * before anything is written.
 */
export function request(ctx: Context) {
  const key = taskKey(ctx.stash.boardId as string, ctx.stash.taskId as string);
  return get({ key, consistentRead: ctx.stash.taskRequired === true });
}

export function response(ctx: Context) {
  if (ctx.error) util.error(ctx.error.message, ctx.error.type);
  const task = ctx.result as TaskItem | null;
  if (!task) {
    if (ctx.stash.taskRequired === true) util.error('The task does not exist', 'NotFoundError');
    return null;
  }
  const expected = ctx.stash.expectedVersion as number | undefined;
  if (typeof expected === 'number' && task.version !== expected) versionConflict('task', task.version, expected);
  ctx.stash.task = task;
  return task;
}
