import type { Context } from '@aws-appsync/utils';
import type { QueryBoardActivityArgs } from '../generated/graphql';
import type { ActivityResult, UserRef } from './lib/items';
import { pageLimit } from './lib/validation';

/** Pipeline: loadMembership (VIEWER or admin) → queryActivity (newest first) → attachUsers (actors). */
export function request(ctx: Context<QueryBoardActivityArgs>) {
  ctx.stash.limit = pageLimit(ctx.args.limit);
  ctx.stash.boardId = ctx.args.boardId;
  ctx.stash.requiredRole = 'VIEWER';
  const refs: UserRef[] = [{ idField: 'actorId', as: 'actor', required: false }];
  ctx.stash.userRefs = refs;
  return {};
}

export function response(ctx: Context<QueryBoardActivityArgs>) {
  return { items: ctx.prev.result as ActivityResult[], nextToken: (ctx.stash.nextToken as string | null) ?? null };
}
