import type { Context } from '@aws-appsync/utils';
import type { MutationMoveTaskArgs } from '../generated/graphql';
import { type TaskItem, toTask } from './lib/items';
import { positionBounds } from './lib/validation';

/**
 * Pipeline: loadMembership (EDITOR) → getTask (exists, version = expectedVersion) → placeTask
 * (a position in the new status between the given neighbours; a missing one is looked up, so
 * omitting both means the end) → updateTaskItem (status, position, lsi1sk and gsi2sk of this
 * one item, conditional on the version).
 */
export function request(ctx: Context<MutationMoveTaskArgs>) {
  const input = ctx.args.input;
  const bounds = positionBounds(input.afterPosition, input.beforePosition);
  ctx.stash.changes = { status: input.status };
  ctx.stash.status = input.status;
  ctx.stash.after = bounds.after;
  ctx.stash.before = bounds.before;
  ctx.stash.boardId = input.boardId;
  ctx.stash.taskId = input.id;
  ctx.stash.requiredRole = 'EDITOR';
  ctx.stash.taskRequired = true;
  ctx.stash.expectedVersion = input.expectedVersion;
  return {};
}

export function response(ctx: Context<MutationMoveTaskArgs>) {
  return toTask(ctx.prev.result as TaskItem);
}
