import type { Context } from '@aws-appsync/utils';
import type { QueryTaskArgs } from '../generated/graphql';
import { type TaskItem, toTask } from './lib/items';

/** Pipeline: loadMembership (VIEWER or admin) → getTask. A missing task is null. */
export function request(ctx: Context<QueryTaskArgs>) {
  ctx.stash.boardId = ctx.args.boardId;
  ctx.stash.taskId = ctx.args.id;
  ctx.stash.requiredRole = 'VIEWER';
  return {};
}

export function response(ctx: Context<QueryTaskArgs>) {
  const task = ctx.prev.result as TaskItem | null;
  return task ? toTask(task) : null;
}
