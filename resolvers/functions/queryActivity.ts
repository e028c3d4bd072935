import { util, type Context } from '@aws-appsync/utils';
import { query } from '@aws-appsync/utils/dynamodb';
import { type ActivityItem, toActivity } from '../lib/items';
import { activityPk } from '../lib/keys';

/** One page of `stash.boardId`'s activity, newest first (sort key `<createdAt>#<id>`). */
export function request(ctx: Context<{ nextToken?: string | null }>) {
  return query({
    query: { pk: { eq: activityPk(ctx.stash.boardId as string) } },
    limit: ctx.stash.limit as number,
    nextToken: ctx.args.nextToken ?? undefined,
    scanIndexForward: false,
  });
}

export function response(ctx: Context) {
  if (ctx.error) util.error(ctx.error.message, ctx.error.type);
  const page = ctx.result as { items: ActivityItem[]; nextToken: string | null };
  ctx.stash.nextToken = page.nextToken ?? null;
  return page.items.map((item) => toActivity(item));
}
