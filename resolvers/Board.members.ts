import type { Context } from '@aws-appsync/utils';
import type { BoardMembersArgs } from '../generated/graphql';
import type { BoardResult, MemberResult, UserRef } from './lib/items';
import { pageLimit } from './lib/validation';

/**
 * Pipeline: queryBoardMembers (lsi1, one page) → attachUsers (one BatchGetItem of the page's
 * profiles, attached as `user`, so Member.user costs no request). The parent Board was already
 * authorized by the resolver that returned it (membership, or an admin's read).
 */
export function request(ctx: Context<BoardMembersArgs>) {
  ctx.stash.boardId = (ctx.source as BoardResult).id;
  ctx.stash.limit = pageLimit(ctx.args.limit);
  const refs: UserRef[] = [{ idField: 'userId', as: 'user', required: true }];
  ctx.stash.userRefs = refs;
  return {};
}

export function response(ctx: Context<BoardMembersArgs>) {
  return { items: ctx.prev.result as MemberResult[], nextToken: (ctx.stash.nextToken as string | null) ?? null };
}
