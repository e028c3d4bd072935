import { util, type Context } from '@aws-appsync/utils';
import { query } from '@aws-appsync/utils/dynamodb';
import { callerId } from '../lib/identity';
import type { MemberItem } from '../lib/items';
import { INDEX, userPk } from '../lib/keys';

/** One page of the caller's memberships, newest first (gsi1). */
export function request(ctx: Context<{ nextToken?: string | null }>) {
  return query({
    index: INDEX.userBoards,
    query: { gsi1pk: { eq: userPk(callerId(ctx)) } },
    limit: ctx.stash.limit as number,
    nextToken: ctx.args.nextToken ?? undefined,
    scanIndexForward: false,
  });
}

export function response(ctx: Context) {
  if (ctx.error) util.error(ctx.error.message, ctx.error.type);
  const page = ctx.result as { items: MemberItem[]; nextToken: string | null };
  ctx.stash.nextToken = page.nextToken ?? null;
  return page.items;
}
