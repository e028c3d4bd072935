import type { Context } from '@aws-appsync/utils';
import type { TaskCommentsArgs } from '../generated/graphql';
import type { CommentResult, UserRef } from './lib/items';
import { pageLimit } from './lib/validation';

/**
 * Pipeline: queryComments (one Query, oldest first) → attachUsers (one BatchGetItem of the
 * page's authors). The task was authorized by the field that returned it.
 */
export function request(ctx: Context<TaskCommentsArgs>) {
  const task = ctx.source as { id: string; boardId: string };
  ctx.stash.limit = pageLimit(ctx.args.limit);
  ctx.stash.boardId = task.boardId;
  ctx.stash.taskId = task.id;
  const refs: UserRef[] = [{ idField: 'authorId', as: 'author', required: true }];
  ctx.stash.userRefs = refs;
  return {};
}

export function response(ctx: Context<TaskCommentsArgs>) {
  return { items: ctx.prev.result as CommentResult[], nextToken: (ctx.stash.nextToken as string | null) ?? null };
}
