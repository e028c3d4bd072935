import { util, type Context } from '@aws-appsync/utils';
import { operations, update } from '@aws-appsync/utils/dynamodb';
import type { BoardItem } from '../lib/items';
import { callerId } from '../lib/identity';
import { boardKey } from '../lib/keys';

/**
 * Applies `stash.changes` to the meta item of `stash.boardId` if its version is still
 * `stash.expectedVersion`, and increments the version. A null change removes the attribute.
 */
export function request(ctx: Context) {
  const changes = ctx.stash.changes as Record<string, unknown>;
  return update({
    key: boardKey(ctx.stash.boardId as string),
    update: { ...changes, updatedAt: ctx.stash.now as string, updatedById: callerId(ctx), version: operations.increment(1) },
    condition: { version: { eq: ctx.stash.expectedVersion as number } },
  });
}

export function response(ctx: Context) {
  if (ctx.error) {
    if (ctx.error.type === 'DynamoDB:ConditionalCheckFailedException') {
      // AppSync puts the current item in ctx.result when a condition fails: nothing was written.
      const current = ctx.result as BoardItem | null;
      if (!current) util.error('The board does not exist', 'NotFoundError');
      util.error(
        `The board is at version ${current.version}, not ${ctx.stash.expectedVersion as number}: reload it and retry`,
        'ConflictError', null, { currentVersion: current.version },
      );
    }
    util.error(ctx.error.message, ctx.error.type);
  }
  return ctx.result as BoardItem;
}
