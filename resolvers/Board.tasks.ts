import type { Context } from '@aws-appsync/utils';
import type { BoardTasksArgs } from '../generated/graphql';
import { type BoardResult, TASK_USER_REFS, type TaskResult } from './lib/items';
import { pageLimit } from './lib/validation';

/**
 * Pipeline: queryBoardTasks (one Query on lsi1: by status, then position) → attachUsers (one
 * BatchGetItem of the page's assignees and creators). The board was authorized by the field
 * that returned it, so a board view costs no extra membership read.
 */
export function request(ctx: Context<BoardTasksArgs>) {
  ctx.stash.limit = pageLimit(ctx.args.limit);
  ctx.stash.boardId = (ctx.source as BoardResult).id;
  ctx.stash.status = ctx.args.status ?? null;
  ctx.stash.userRefs = TASK_USER_REFS;
  return {};
}

export function response(ctx: Context<BoardTasksArgs>) {
  return { items: ctx.prev.result as TaskResult[], nextToken: (ctx.stash.nextToken as string | null) ?? null };
}
