import type { Context } from '@aws-appsync/utils';
import { query } from '@aws-appsync/utils/dynamodb';
import { taskPageResponse } from '../lib/task-page';
import { boardPk, INDEX, type TaskStatusKey, TASK_SK_PREFIX, taskStatusOrderPrefix } from '../lib/keys';

/**
 * One page of `stash.boardId`'s tasks on lsi1, by status then position (`stash.status`: one
 * status only), `stash.limit` long, from `ctx.args.nextToken`. Sets `stash.nextToken`.
 */
export function request(ctx: Context<{ nextToken?: string | null }>) {
  const status = ctx.stash.status as TaskStatusKey | null;
  return query({
    index: INDEX.boardOrder,
    query: { pk: { eq: boardPk(ctx.stash.boardId as string) }, lsi1sk: { beginsWith: status ? taskStatusOrderPrefix(status) : TASK_SK_PREFIX } },
    limit: ctx.stash.limit as number,
    nextToken: ctx.args.nextToken ?? undefined,
  });
}

export function response(ctx: Context) {
  return taskPageResponse(ctx);
}
