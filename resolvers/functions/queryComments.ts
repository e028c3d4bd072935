import { util, type Context } from '@aws-appsync/utils';
import { query } from '@aws-appsync/utils/dynamodb';
import { type CommentItem, toComment } from '../lib/items';
import { COMMENT_SK_PREFIX, commentPk } from '../lib/keys';

/** One page of the comments of `stash.taskId` (board `stash.boardId`), oldest first (ULID sort keys). */
export function request(ctx: Context<{ nextToken?: string | null }>) {
  return query({
    query: { pk: { eq: commentPk(ctx.stash.boardId as string, ctx.stash.taskId as string) }, sk: { beginsWith: COMMENT_SK_PREFIX } },
    limit: ctx.stash.limit as number,
    nextToken: ctx.args.nextToken ?? undefined,
    scanIndexForward: true,
  });
}

export function response(ctx: Context) {
  if (ctx.error) util.error(ctx.error.message, ctx.error.type);
  const page = ctx.result as { items: CommentItem[]; nextToken: string | null };
  ctx.stash.nextToken = page.nextToken ?? null;
  return page.items.map((item) => toComment(item));
}
