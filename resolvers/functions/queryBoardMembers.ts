import { util, type Context } from '@aws-appsync/utils';
import { query } from '@aws-appsync/utils/dynamodb';
import { type MemberItem, toMember } from '../lib/items';
import { boardPk, INDEX, MEMBER_SK_PREFIX } from '../lib/keys';
import { validationError } from '../lib/validation';

/** One page of `stash.boardId`'s members (lsi1 `begins_with MEMBER#`), `stash.limit` long. */
export function request(ctx: Context<{ nextToken?: string | null }>) {
  return query({
    index: INDEX.boardOrder,
    query: { pk: { eq: boardPk(ctx.stash.boardId as string) }, lsi1sk: { beginsWith: MEMBER_SK_PREFIX } },
    limit: ctx.stash.limit as number,
    nextToken: ctx.args.nextToken ?? undefined,
  });
}

export function response(ctx: Context) {
  if (ctx.error) {
    // A token this query did not issue (or an expired one).
    if (ctx.error.type === 'DynamoDB:UserIllegalArgumentException') validationError('nextToken', 'is not valid for this list');
    util.error(ctx.error.message, ctx.error.type);
  }
  const page = ctx.result as { items: MemberItem[]; nextToken: string | null };
  ctx.stash.nextToken = page.nextToken ?? null;
  return page.items.map((item) => toMember(item));
}
