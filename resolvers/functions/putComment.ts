import { util, type Context } from '@aws-appsync/utils';
import { transactWrite } from '@aws-appsync/utils/dynamodb';
import { callerId } from '../lib/identity';
import { type CommentItem, toComment } from '../lib/items';
import { commentKey, taskKey } from '../lib/keys';

type Cancelled = { cancellationReasons?: Array<{ type: string }> | null } | null;

/**
 * Writes a comment on `stash.taskId` of `stash.boardId` (body validated in `stash.body`), in one
 * TransactWriteItems: a ConditionCheck that the task exists + the Put. The comment lives in its
 * task's partition, so a plain Put condition could not see the task.
 */
export function request(ctx: Context) {
  const boardId = ctx.stash.boardId as string;
  const taskId = ctx.stash.taskId as string;
  const id = util.autoUlid();
  const key = commentKey(boardId, taskId, id);
  const comment: CommentItem = {
    ...key, type: 'Comment', id, boardId, taskId, authorId: callerId(ctx), body: ctx.stash.body as string, createdAt: util.time.nowISO8601(),
  };
  ctx.stash.comment = comment;
  const table = ctx.env.TABLE_NAME;
  const item = { type: comment.type, id, boardId, taskId, authorId: comment.authorId, body: comment.body, createdAt: comment.createdAt };
  return transactWrite({
    items: [
      { conditionCheck: { table, key: taskKey(boardId, taskId), condition: { pk: { attributeExists: true } } } },
      { putItem: { table, key, item, condition: { pk: { attributeExists: false } } } },
    ],
  });
}

export function response(ctx: Context) {
  if (ctx.error) {
    const reasons = (ctx.result as Cancelled)?.cancellationReasons;
    if (reasons && reasons[0] && reasons[0].type === 'ConditionCheckFailed') {
      util.error(`Task ${ctx.stash.taskId} not found on board ${ctx.stash.boardId}`, 'NotFoundError');
    }
    util.error(ctx.error.message, ctx.error.type);
  }
  return toComment(ctx.stash.comment as CommentItem);
}
