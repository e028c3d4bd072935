import type { Context } from '@aws-appsync/utils';
import type { MutationAddCommentArgs } from '../generated/graphql';
import type { CommentResult } from './lib/items';
import { LIMITS, requiredText } from './lib/validation';

/** Pipeline: loadMembership (EDITOR) → putComment (task must exist). `author` resolves from authorId. */
export function request(ctx: Context<MutationAddCommentArgs>) {
  const { boardId, taskId, body } = ctx.args.input;
  ctx.stash.body = requiredText(body, 'body', LIMITS.comment);
  ctx.stash.boardId = boardId;
  ctx.stash.taskId = taskId;
  ctx.stash.requiredRole = 'EDITOR';
  return {};
}

export function response(ctx: Context<MutationAddCommentArgs>) {
  return ctx.prev.result as CommentResult;
}
