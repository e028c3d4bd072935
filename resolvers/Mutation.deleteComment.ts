import type { Context } from '@aws-appsync/utils';
import type { MutationDeleteCommentArgs } from '../generated/graphql';
import type { CommentResult } from './lib/items';

/** Pipeline: loadMembership (EDITOR) → removeComment (own comment, or any as OWNER). Returns the deleted comment. */
export function request(ctx: Context<MutationDeleteCommentArgs>) {
  ctx.stash.boardId = ctx.args.boardId;
  ctx.stash.taskId = ctx.args.taskId;
  ctx.stash.commentId = ctx.args.id;
  ctx.stash.requiredRole = 'EDITOR';
  return {};
}

export function response(ctx: Context<MutationDeleteCommentArgs>) {
  return ctx.prev.result as CommentResult;
}
