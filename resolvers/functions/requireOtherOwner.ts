import { runtime, util, type Context } from '@aws-appsync/utils';
import { query } from '@aws-appsync/utils/dynamodb';
import type { MemberItem } from '../lib/items';
import { boardPk, INDEX, MEMBER_SK_PREFIX } from '../lib/keys';

/**
 * A board keeps at least one OWNER. When `stash.target` is an OWNER about to stop being one
 * (removed, leaving, or `stash.newRole` is not OWNER), this finds another OWNER with a
 * consistent Query of the members filtered on the role, and puts its user id in
 * `stash.otherOwnerId`: the write then checks, in its transaction, that this member is still an
 * OWNER, so two owners demoting each other at once cannot both succeed. None: ValidationError,
 * nothing written. The query reads the first 1 MB of memberships (thousands of members).
 */
export function request(ctx: Context) {
  const target = ctx.stash.target as MemberItem;
  const newRole = ctx.stash.newRole as string | undefined;
  if (target.role !== 'OWNER' || newRole === 'OWNER') runtime.earlyReturn(null);
  return query<MemberItem>({
    index: INDEX.boardOrder,
    query: { pk: { eq: boardPk(ctx.stash.boardId as string) }, lsi1sk: { beginsWith: MEMBER_SK_PREFIX } },
    filter: { role: { eq: 'OWNER' }, userId: { ne: target.userId } },
    projection: ['userId'],
    consistentRead: true,
  });
}

export function response(ctx: Context) {
  if (ctx.error) util.error(ctx.error.message, ctx.error.type);
  const owners = (ctx.result as { items: Array<{ userId: string }> }).items;
  if (owners.length === 0) {
    util.error(
      'The board must keep an owner: make another member OWNER before this one leaves, is removed or changes role',
      'ValidationError', null, { reason: 'LAST_OWNER', userId: (ctx.stash.target as MemberItem).userId },
    );
  }
  ctx.stash.otherOwnerId = owners[0].userId;
  return owners[0].userId;
}
