import { util, type Context } from '@aws-appsync/utils';
import { operations, transactWrite } from '@aws-appsync/utils/dynamodb';
import type { TaskItem } from '../lib/items';
import { conditionFailedAt } from '../lib/transactions';
import { boardKey, type TaskStatusKey, taskGsi2, taskKey, taskOpenDue, taskOrderKey } from '../lib/keys';

/**
 * Writes the task drafted in `stash.draft` at `stash.position` (placeTask) and counts it on its
 * board, in one TransactWriteItems: Put task (only if new) + Update meta `taskCount + 1` (only
 * if the board exists). Returns the stored item.
 */
export function request(ctx: Context) {
  const draft = ctx.stash.draft as Omit<TaskItem, 'pk' | 'sk' | 'lsi1sk' | 'position'>;
  const position = ctx.stash.position as string;
  const status = draft.status as TaskStatusKey;
  const task: TaskItem = {
    ...taskKey(draft.boardId, draft.id),
    lsi1sk: taskOrderKey(status, position, draft.id),
    // gsi2 keys only when assigned: an unassigned task stays out of everyone's "my tasks".
    ...(draft.assigneeId ? taskGsi2(draft.assigneeId, status, draft.dueDate, draft.id) : {}),
    // gsi3 keys only while open and dated: the overdue digest reads nothing else.
    ...(taskOpenDue(draft.boardId, status, draft.dueDate, draft.id) ?? {}),
    ...draft,
    position,
  };
  ctx.stash.task = task;
  const table = ctx.env.TABLE_NAME;
  const item: Record<string, unknown> = { ...task };
  delete item.pk;
  delete item.sk;
  return transactWrite({
    items: [
      { putItem: { table, key: taskKey(draft.boardId, draft.id), item, condition: { pk: { attributeExists: false } } } },
      { updateItem: { table, key: boardKey(draft.boardId), update: { taskCount: operations.increment(1) }, condition: { pk: { attributeExists: true } } } },
    ],
  });
}

export function response(ctx: Context) {
  if (ctx.error) {
    if (conditionFailedAt(ctx.result, 1)) util.error('The board does not exist', 'NotFoundError');
    util.error(ctx.error.message, ctx.error.type);
  }
  return ctx.stash.task as TaskItem;
}
