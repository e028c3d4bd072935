import type { Context } from '@aws-appsync/utils';
import type { MutationDeleteTaskArgs } from '../generated/graphql';
import { type TaskItem, toTask } from './lib/items';

/**
 * Pipeline: loadMembership (EDITOR) → getTask (must exist) → deleteTaskItem (Delete task +
 * taskCount - 1 in one transaction). Returns the deleted task with `deletedAt`, so
 * onTaskChanged subscribers can tell a deletion apart.
 */
export function request(ctx: Context<MutationDeleteTaskArgs>) {
  ctx.stash.boardId = ctx.args.boardId;
  ctx.stash.taskId = ctx.args.id;
  ctx.stash.requiredRole = 'EDITOR';
  ctx.stash.taskRequired = true;
  return {};
}

export function response(ctx: Context<MutationDeleteTaskArgs>) {
  return toTask(ctx.prev.result as TaskItem, ctx.stash.deletedAt as string);
}
