import type { Context } from '@aws-appsync/utils';
import { query } from '@aws-appsync/utils/dynamodb';
import { callerId } from '../lib/identity';
import { taskPageResponse } from '../lib/task-page';
import { assigneeStatusPrefix, INDEX, type TaskStatusKey, userPk } from '../lib/keys';

/**
 * One page of the tasks assigned to the caller, across boards, on gsi2: by status, then due
 * date (undated last); `stash.status` keeps one status. `stash.limit` long; sets `stash.nextToken`.
 */
export function request(ctx: Context<{ nextToken?: string | null }>) {
  const status = ctx.stash.status as TaskStatusKey | null;
  const gsi2pk = { eq: userPk(callerId(ctx)) };
  return query({
    index: INDEX.assigneeTasks,
    query: status ? { gsi2pk, gsi2sk: { beginsWith: assigneeStatusPrefix(status) } } : { gsi2pk },
    limit: ctx.stash.limit as number,
    nextToken: ctx.args.nextToken ?? undefined,
  });
}

export function response(ctx: Context) {
  return taskPageResponse(ctx);
}
