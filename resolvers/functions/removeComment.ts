import { util, type Context } from '@aws-appsync/utils';
import { remove } from '@aws-appsync/utils/dynamodb';
import { callerId } from '../lib/identity';
import { type CommentItem, toComment } from '../lib/items';
import { commentKey } from '../lib/keys';

const CONDITION_FAILED = 'DynamoDB:ConditionalCheckFailedException';

/**
 * Deletes comment `stash.commentId` of `stash.taskId`: an OWNER (`stash.role`, from
 * loadMembership) deletes any, anyone else only their own. One DeleteItem, whose condition does
 * the author check; it returns the deleted comment.
 */
export function request(ctx: Context) {
  const key = commentKey(ctx.stash.boardId as string, ctx.stash.taskId as string, ctx.stash.commentId as string);
  const condition = ctx.stash.role === 'OWNER'
    ? { pk: { attributeExists: true } }
    : { pk: { attributeExists: true }, authorId: { eq: callerId(ctx) } };
  return remove({ key, condition });
}

export function response(ctx: Context) {
  if (ctx.error) {
    if (ctx.error.type !== CONDITION_FAILED) util.error(ctx.error.message, ctx.error.type);
    // ctx.result is the current item: there is a comment, and it is someone else's.
    if (ctx.result) util.unauthorized();
  }
  // AppSync treats deleting an item that is already gone as success with a null result.
  if (!ctx.result) util.error(`Comment ${ctx.stash.commentId} not found`, 'NotFoundError');
  return toComment(ctx.result as CommentItem);
}
