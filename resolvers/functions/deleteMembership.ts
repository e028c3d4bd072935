import { util, type Context } from '@aws-appsync/utils';
import { operations, transactWrite } from '@aws-appsync/utils/dynamodb';
import type { TransactWriteItem } from '@aws-appsync/utils/lib/dynamodb-helpers';
import { type MemberItem, toMember } from '../lib/items';
import { boardKey, memberKey } from '../lib/keys';

type CancellationReason = { type: string; message: string };

/**
 * Deletes `stash.target`'s membership (its gsi1 entry goes with it) and decrements the board's
 * memberCount in one transaction: only if the role is still the one read, and, when the target
 * is an OWNER, only if `stash.otherOwnerId` is still an OWNER (see requireOtherOwner).
 * Returns the Member with `removedAt`, so onMemberChanged subscribers can tell a removal apart.
 */
export function request(ctx: Context) {
  const table = ctx.env.TABLE_NAME;
  const boardId = ctx.stash.boardId as string;
  const target = ctx.stash.target as MemberItem;
  const items: TransactWriteItem[] = [
    { deleteItem: { table, key: memberKey(boardId, target.userId), condition: { role: { eq: target.role } } } },
    { updateItem: { table, key: boardKey(boardId), update: { memberCount: operations.decrement(1) }, condition: { pk: { attributeExists: true } } } },
  ];
  const otherOwnerId = ctx.stash.otherOwnerId as string | undefined;
  if (otherOwnerId) {
    items.push({ conditionCheck: { table, key: memberKey(boardId, otherOwnerId), condition: { role: { eq: 'OWNER' } } } });
  }
  ctx.stash.removedAt = util.time.nowISO8601();
  return transactWrite({ items });
}

export function response(ctx: Context) {
  if (ctx.error) {
    if (ctx.error.type === 'DynamoDB:TransactionCanceledException') {
      const reasons = ((ctx.result ? ctx.result.cancellationReasons : null) || []) as CancellationReason[];
      if (reasons.length > 1 && reasons[1].type !== 'None') util.error('The board does not exist', 'NotFoundError');
      util.error('The board\'s members changed meanwhile: reload them and retry', 'ConflictError');
    }
    util.error(ctx.error.message, ctx.error.type);
  }
  return toMember(ctx.stash.target as MemberItem, ctx.stash.removedAt as string);
}
