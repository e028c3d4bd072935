import { util, type Context } from '@aws-appsync/utils';
import { get } from '@aws-appsync/utils/dynamodb';
import type { MemberItem } from '../lib/items';
import { memberKey } from '../lib/keys';

/**
 * Reads the membership of `stash.targetUserId` in `stash.boardId` (consistent) into
 * `stash.target`. Not a member: NotFoundError, or Unauthorized when the target is the caller
 * (`stash.targetIsCaller`: e.g. an admin, who may read but belongs to no board, leaving one).
 */
export function request(ctx: Context) {
  return get({ key: memberKey(ctx.stash.boardId as string, ctx.stash.targetUserId as string), consistentRead: true });
}

export function response(ctx: Context) {
  if (ctx.error) util.error(ctx.error.message, ctx.error.type);
  const member = ctx.result as MemberItem | null;
  if (!member) {
    if (ctx.stash.targetIsCaller) util.unauthorized();
    util.error('That user is not a member of this board', 'NotFoundError', null, { userId: ctx.stash.targetUserId });
  }
  ctx.stash.target = member;
  return member;
}
