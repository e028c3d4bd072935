import type { Context } from '@aws-appsync/utils';
import type { QueryBoardStatsArgs } from '../generated/graphql';

/** Pipeline: loadMembership (VIEWER or admin) → invokeBoardStats (Lambda aggregation). */
export function request(ctx: Context<QueryBoardStatsArgs>) {
  ctx.stash.boardId = ctx.args.boardId;
  ctx.stash.requiredRole = 'VIEWER';
  return {};
}

export function response(ctx: Context<QueryBoardStatsArgs>) {
  return ctx.prev.result;
}
