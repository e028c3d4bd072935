import type { Context } from '@aws-appsync/utils';
import type { QueryMyBoardsArgs } from '../generated/graphql';
import type { BoardResult, UserRef } from './lib/items';
import { pageLimit } from './lib/validation';

/** Board owners, attached so `myBoards { items { owner } }` costs one more request, not one per board. */
const OWNER_REFS: UserRef[] = [{ idField: 'ownerId', as: 'owner', required: true }];

/** Pipeline: queryMyMemberships (gsi1, newest first) → batchGetBoards (one BatchGetItem) → attachUsers (owners). */
export function request(ctx: Context<QueryMyBoardsArgs>) {
  ctx.stash.limit = pageLimit(ctx.args.limit);
  ctx.stash.userRefs = OWNER_REFS;
  return {};
}

export function response(ctx: Context<QueryMyBoardsArgs>) {
  return { items: ctx.prev.result as BoardResult[], nextToken: (ctx.stash.nextToken as string | null) ?? null };
}
