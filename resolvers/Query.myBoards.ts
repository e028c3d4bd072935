import type { Context } from '@aws-appsync/utils';
import type { QueryMyBoardsArgs } from '../generated/graphql';
import type { BoardResult } from './lib/items';
import { pageLimit } from './lib/validation';

/** Pipeline: queryMyMemberships (gsi1, newest first) → batchGetBoards (one BatchGetItem). */
export function request(ctx: Context<QueryMyBoardsArgs>) {
  ctx.stash.limit = pageLimit(ctx.args.limit);
  return {};
}

export function response(ctx: Context<QueryMyBoardsArgs>) {
  return { items: ctx.prev.result as BoardResult[], nextToken: (ctx.stash.nextToken as string | null) ?? null };
}
