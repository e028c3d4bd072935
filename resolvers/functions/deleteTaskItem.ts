import { util, type Context } from '@aws-appsync/utils';
import { operations, transactWrite } from '@aws-appsync/utils/dynamodb';
import type { TaskItem } from '../lib/items';
import { conditionFailedAt } from '../lib/transactions';
import { boardKey, taskKey } from '../lib/keys';

/**
 * Deletes `stash.task` (read by getTask) and uncounts it, in one TransactWriteItems: Delete task
 * (only if it still exists) + Update meta `taskCount - 1` (only if the board exists, so a
 * deleted board is never recreated as a bare counter). Sets `stash.deletedAt`; returns the
 * deleted item. The task's comments stay in their own partition (see the report on deleteTask).
 */
export function request(ctx: Context) {
  const task = ctx.stash.task as TaskItem;
  const table = ctx.env.TABLE_NAME;
  ctx.stash.deletedAt = util.time.nowISO8601();
  return transactWrite({
    items: [
      { deleteItem: { table, key: taskKey(task.boardId, task.id), condition: { pk: { attributeExists: true } } } },
      { updateItem: { table, key: boardKey(task.boardId), update: { taskCount: operations.decrement(1) }, condition: { pk: { attributeExists: true } } } },
    ],
  });
}

export function response(ctx: Context) {
  if (ctx.error) {
    if (conditionFailedAt(ctx.result, 0)) util.error('The task does not exist', 'NotFoundError');
    if (conditionFailedAt(ctx.result, 1)) util.error('The board does not exist', 'NotFoundError');
    util.error(ctx.error.message, ctx.error.type);
  }
  return ctx.stash.task as TaskItem;
}
