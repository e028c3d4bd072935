import type { Context } from '@aws-appsync/utils';
import type { MutationUpdateTaskArgs } from '../generated/graphql';
import { type TaskItem, toTask } from './lib/items';
import { LIMITS, optionalDate, optionalLabels, optionalText, requiredText, validationError } from './lib/validation';

/**
 * Pipeline: loadMembership (EDITOR) → getTask (exists, version = expectedVersion) →
 * checkAssignee (a new assignee is a member) → updateTaskItem (one conditional UpdateItem).
 * An omitted field is unchanged; null clears description, assigneeId, dueDate and labels
 * (to []); title and priority cannot be cleared.
 */
export function request(ctx: Context<MutationUpdateTaskArgs>) {
  const input = ctx.args.input;
  const changes: Partial<TaskItem> = {};
  if (input.title !== undefined) changes.title = requiredText(input.title, 'title', LIMITS.title);
  if (input.description !== undefined) changes.description = optionalText(input.description, 'description', LIMITS.description) ?? null;
  if (input.priority !== undefined) {
    if (input.priority === null) validationError('priority', 'cannot be cleared');
    changes.priority = input.priority;
  }
  if (input.assigneeId !== undefined) changes.assigneeId = input.assigneeId ?? null;
  if (input.dueDate !== undefined) changes.dueDate = optionalDate(input.dueDate, 'dueDate') ?? null;
  if (input.labels !== undefined) changes.labels = optionalLabels(input.labels) ?? [];
  ctx.stash.changes = changes;
  ctx.stash.assigneeId = changes.assigneeId ?? null;
  ctx.stash.boardId = input.boardId;
  ctx.stash.taskId = input.id;
  ctx.stash.requiredRole = 'EDITOR';
  ctx.stash.taskRequired = true;
  ctx.stash.expectedVersion = input.expectedVersion;
  return {};
}

export function response(ctx: Context<MutationUpdateTaskArgs>) {
  return toTask(ctx.prev.result as TaskItem);
}
