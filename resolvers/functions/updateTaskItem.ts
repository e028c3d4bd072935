import { util, type Context } from '@aws-appsync/utils';
import type { TaskItem } from '../lib/items';
import { callerId } from '../lib/identity';
import { type TaskStatusKey, taskGsi2, taskKey, taskOpenDue, taskOrderKey } from '../lib/keys';
import { versionConflict } from '../lib/validation';

/**
 * Applies `stash.changes` (task attributes; null clears, i.e. stores null) and `stash.position`
 * (placeTask, when moving) to `stash.task` in ONE UpdateItem, only if its version is still
 * `stash.expectedVersion`, and increments the version. Derived keys follow the new values:
 * lsi1sk (status, position), gsi2pk/gsi2sk (assignee, status, dueDate; removed when
 * unassigned), gsi3pk/gsi3sk (open and dated; removed otherwise), completedAt when the task
 * enters DONE, and updatedById (the activity stream's actor). Returns the updated item.
 */
export function request(ctx: Context) {
  const task = ctx.stash.task as TaskItem;
  const expectedVersion = ctx.stash.expectedVersion as number;
  const changes: Record<string, unknown> = { ...(ctx.stash.changes as Partial<TaskItem>) };
  const position = ctx.stash.position as string | undefined;
  if (position) changes.position = position;
  const next = { ...task, ...changes } as TaskItem;
  const status = next.status as TaskStatusKey;
  const now = util.time.nowISO8601();

  const set: Record<string, unknown> = { ...changes, updatedAt: now, updatedById: callerId(ctx), version: expectedVersion + 1 };
  const remove: string[] = [];
  if (changes.status !== undefined || changes.position !== undefined) set.lsi1sk = taskOrderKey(status, next.position, task.id);
  if (changes.assigneeId !== undefined || changes.status !== undefined || changes.dueDate !== undefined) {
    if (next.assigneeId) {
      const gsi2 = taskGsi2(next.assigneeId, status, next.dueDate, task.id);
      set.gsi2pk = gsi2.gsi2pk;
      set.gsi2sk = gsi2.gsi2sk;
    } else {
      remove.push('gsi2pk', 'gsi2sk');
    }
  }
  if (changes.status !== undefined || changes.dueDate !== undefined) {
    const openDue = taskOpenDue(task.boardId, status, next.dueDate, task.id);
    if (openDue) {
      set.gsi3pk = openDue.gsi3pk;
      set.gsi3sk = openDue.gsi3sk;
    } else {
      remove.push('gsi3pk', 'gsi3sk');
    }
  }
  if (status === 'DONE' && task.status !== 'DONE') set.completedAt = now;

  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const assignments = Object.keys(set).map((name) => {
    names[`#${name}`] = name;
    values[`:${name}`] = set[name];
    return `#${name} = :${name}`;
  });
  const removals = remove.map((name) => {
    names[`#${name}`] = name;
    return `#${name}`;
  });
  const expression = `SET ${assignments.join(', ')}${removals.length > 0 ? ` REMOVE ${removals.join(', ')}` : ''}`;
  return {
    operation: 'UpdateItem',
    key: util.dynamodb.toMapValues(taskKey(task.boardId, task.id)),
    update: { expression, expressionNames: names, expressionValues: util.dynamodb.toMapValues(values) },
    condition: {
      expression: '#version = :expectedVersion',
      expressionNames: { '#version': 'version' },
      expressionValues: util.dynamodb.toMapValues({ ':expectedVersion': expectedVersion }),
    },
  };
}

export function response(ctx: Context) {
  if (ctx.error) {
    if (ctx.error.type === 'DynamoDB:ConditionalCheckFailedException') {
      // The current item (null if deleted meanwhile) is in ctx.result; nothing was written.
      const current = ctx.result as TaskItem | null;
      if (!current) util.error('The task does not exist', 'NotFoundError');
      versionConflict('task', current.version, ctx.stash.expectedVersion as number);
    }
    util.error(ctx.error.message, ctx.error.type);
  }
  return ctx.result as TaskItem;
}
