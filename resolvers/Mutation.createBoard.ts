import { util, type Context } from '@aws-appsync/utils';
import { transactWrite } from '@aws-appsync/utils/dynamodb';
import type { MutationCreateBoardArgs } from '../generated/graphql';
import { callerId } from './lib/identity';
import { type BoardItem, type MemberItem, toBoard } from './lib/items';
import { BOARD_META_SK, boardKey, memberGsi1, memberKey } from './lib/keys';
import { LIMITS, optionalText, requiredText } from './lib/validation';

/** Creates the board and its owner's membership in one transaction, so memberCount starts true. */
export function request(ctx: Context<MutationCreateBoardArgs>) {
  const userId = callerId(ctx);
  const name = requiredText(ctx.args.input.name, 'name', LIMITS.name);
  const description = optionalText(ctx.args.input.description, 'description', LIMITS.description) ?? null;
  const id = util.autoId();
  const now = util.time.nowISO8601();
  const table = ctx.env.TABLE_NAME;

  const board: BoardItem = {
    ...boardKey(id), lsi1sk: BOARD_META_SK, type: 'Board', id, name, description, ownerId: userId,
    taskCount: 0, memberCount: 1, createdAt: now, updatedAt: now, version: 1,
  };
  const owner: MemberItem = {
    ...memberKey(id, userId), lsi1sk: memberKey(id, userId).sk, ...memberGsi1(userId, now),
    type: 'Member', boardId: id, userId, role: 'OWNER', joinedAt: now, addedById: userId,
  };
  ctx.stash.board = board;

  return transactWrite({
    items: [
      { putItem: { table, key: boardKey(id), item: without(board), condition: { pk: { attributeExists: false } } } },
      { putItem: { table, key: memberKey(id, userId), item: without(owner), condition: { pk: { attributeExists: false } } } },
    ],
  });
}

export function response(ctx: Context<MutationCreateBoardArgs>) {
  if (ctx.error) util.error(ctx.error.message, ctx.error.type);
  return toBoard(ctx.stash.board as BoardItem, 'OWNER');
}

/** The item's attributes without its primary key (put takes the key separately). */
function without<T extends { pk: string; sk: string }>(item: T): Omit<T, 'pk' | 'sk'> {
  const rest = { ...item } as Partial<T>;
  delete rest.pk;
  delete rest.sk;
  return rest as Omit<T, 'pk' | 'sk'>;
}
