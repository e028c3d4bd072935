import { util, type Context } from '@aws-appsync/utils';
import type { MutationCreateTaskArgs } from '../generated/graphql';
import { callerId } from './lib/identity';
import { type TaskItem, toTask } from './lib/items';
import { LIMITS, optionalDate, optionalLabels, optionalText, positionBounds, requiredText } from './lib/validation';

/**
 * Pipeline: loadMembership (EDITOR) → checkAssignee (a member of the board) → placeTask
 * (between the given neighbours, or at the end of the status) → createTaskItem (Put task +
 * taskCount + 1 in one transaction). Everything is validated here, before any request.
 */
export function request(ctx: Context<MutationCreateTaskArgs>) {
  const input = ctx.args.input;
  const title = requiredText(input.title, 'title', LIMITS.title);
  const description = optionalText(input.description, 'description', LIMITS.description) ?? null;
  const labels = optionalLabels(input.labels) ?? [];
  const dueDate = optionalDate(input.dueDate, 'dueDate') ?? null;
  const bounds = positionBounds(input.afterPosition, input.beforePosition);
  const status = input.status ?? 'TODO';
  const assigneeId = input.assigneeId ?? null;
  const now = util.time.nowISO8601();
  const draft: Omit<TaskItem, 'pk' | 'sk' | 'lsi1sk' | 'position'> = {
    type: 'Task', id: util.autoId(), boardId: input.boardId, title, description, status,
    priority: input.priority ?? 'MEDIUM', assigneeId, dueDate, labels, createdById: callerId(ctx),
    createdAt: now, updatedAt: now, version: 1,
  };
  if (status === 'DONE') draft.completedAt = now;
  ctx.stash.draft = draft;
  ctx.stash.boardId = input.boardId;
  ctx.stash.requiredRole = 'EDITOR';
  ctx.stash.assigneeId = assigneeId;
  ctx.stash.status = status;
  ctx.stash.after = bounds.after;
  ctx.stash.before = bounds.before;
  return {};
}

export function response(ctx: Context<MutationCreateTaskArgs>) {
  return toTask(ctx.prev.result as TaskItem);
}
