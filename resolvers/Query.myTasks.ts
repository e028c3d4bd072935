import type { Context } from '@aws-appsync/utils';
import type { QueryMyTasksArgs } from '../generated/graphql';
import { TASK_USER_REFS, type TaskResult } from './lib/items';
import { pageLimit } from './lib/validation';

/**
 * Pipeline: queryMyTasks (one Query on gsi2: the caller's assigned tasks by status, then due
 * date) → attachUsers (one BatchGetItem of assignees and creators).
 */
export function request(ctx: Context<QueryMyTasksArgs>) {
  ctx.stash.limit = pageLimit(ctx.args.limit);
  ctx.stash.status = ctx.args.status ?? null;
  ctx.stash.userRefs = TASK_USER_REFS;
  return {};
}

export function response(ctx: Context<QueryMyTasksArgs>) {
  return { items: ctx.prev.result as TaskResult[], nextToken: (ctx.stash.nextToken as string | null) ?? null };
}
