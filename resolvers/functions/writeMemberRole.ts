import { util, type Context } from '@aws-appsync/utils';
import { transactWrite } from '@aws-appsync/utils/dynamodb';
import type { TransactWriteItem } from '@aws-appsync/utils/lib/dynamodb-helpers';
import { type MemberItem, toMember } from '../lib/items';
import { callerId } from '../lib/identity';
import { memberKey } from '../lib/keys';

/**
 * Sets `stash.target`'s role to `stash.newRole`, only if the role is still the one read (so a
 * concurrent change is a ConflictError, not overwritten), and, when the target stops being an
 * OWNER, only if `stash.otherOwnerId` is still an OWNER (see requireOtherOwner).
 */
export function request(ctx: Context) {
  const table = ctx.env.TABLE_NAME;
  const boardId = ctx.stash.boardId as string;
  const target = ctx.stash.target as MemberItem;
  const items: TransactWriteItem[] = [{
    updateItem: {
      table, key: memberKey(boardId, target.userId),
      update: { role: ctx.stash.newRole as string, updatedById: callerId(ctx) },
      condition: { role: { eq: target.role } },
    },
  }];
  const otherOwnerId = ctx.stash.otherOwnerId as string | undefined;
  if (otherOwnerId) {
    items.push({ conditionCheck: { table, key: memberKey(boardId, otherOwnerId), condition: { role: { eq: 'OWNER' } } } });
  }
  return transactWrite({ items });
}

export function response(ctx: Context) {
  if (ctx.error) {
    if (ctx.error.type === 'DynamoDB:TransactionCanceledException') {
      util.error('The board\'s members changed meanwhile: reload them and retry', 'ConflictError');
    }
    util.error(ctx.error.message, ctx.error.type);
  }
  const target = ctx.stash.target as MemberItem;
  return toMember({ ...target, role: ctx.stash.newRole as MemberItem['role'] });
}
