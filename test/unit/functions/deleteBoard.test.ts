/**
 * The deleteBoard Lambda's cascade against DynamoDB Local: every item of the board goes (board
 * partition, comment partitions, activity), nothing else does, in batches of 25 with retries of
 * unprocessed items; an interrupted run leaves a state that a second run completes.
 */
import { BatchWriteCommand, type DynamoDBDocumentClient, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BatchDeleter } from '../../../functions/lib/batch-deleter';
import { deleteBoard } from '../../../functions/deleteBoard/cascade';
import {
  activityKey, boardKey, commentKey, INDEX, memberGsi1, memberKey, taskKey, taskOrderKey, userKey, userPk,
} from '../../../resolvers/lib/keys';
import { givenLocalTable, type LocalTable } from './local-backend';

let table: LocalTable;
beforeAll(async () => {
  table = await givenLocalTable();
}, 120_000);
afterAll(async () => table?.stop());

type Item = Record<string, unknown> & { pk: string; sk: string };

async function put(items: Item[]): Promise<void> {
  for (let i = 0; i < items.length; i += 25) {
    const chunk = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    await table.dynamodb.send(new BatchWriteCommand({ RequestItems: { [table.tableName]: chunk } }));
  }
}

async function allItems(): Promise<Item[]> {
  const items: Item[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await table.dynamodb.send(new ScanCommand({ TableName: table.tableName, ExclusiveStartKey: start, ConsistentRead: true }));
    items.push(...((page.Items ?? []) as Item[]));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/** Every item that belongs to `boardId`, wherever it lives. */
const itemsOf = async (boardId: string) => (await allItems()).filter((i) => i.pk === `BOARD#${boardId}` || i.pk === `BOARD#${boardId}#ACTIVITY` || i.pk.startsWith(`TASK#${boardId}#`));

/**
 * A board owned by alice with bob and carol, `tasks` tasks, comments on some, and activity;
 * returns how many items it wrote for the board.
 */
async function givenBoard(boardId: string, options: { tasks: number; commentsOnFirst: number; activity: number }): Promise<number> {
  const items: Item[] = [{ ...boardKey(boardId), lsi1sk: '#META', type: 'Board', id: boardId, name: 'B', ownerId: 'alice', taskCount: options.tasks, memberCount: 3, version: 1 }];
  for (const [userId, role] of [['alice', 'OWNER'], ['bob', 'EDITOR'], ['carol', 'VIEWER']]) {
    items.push({ ...memberKey(boardId, userId), lsi1sk: `MEMBER#${userId}`, ...memberGsi1(userId, `2026-01-01T00:00:00.000Z#${boardId}`), type: 'Member', boardId, userId, role });
  }
  for (let t = 0; t < options.tasks; t += 1) {
    const taskId = `t${String(t).padStart(3, '0')}`;
    items.push({ ...taskKey(boardId, taskId), lsi1sk: taskOrderKey('TODO', `a${t}`, taskId), type: 'Task', id: taskId, boardId, title: `Task ${t}` });
    const comments = t === 0 ? options.commentsOnFirst : t % 10 === 1 ? 2 : 0;
    for (let c = 0; c < comments; c += 1) items.push({ ...commentKey(boardId, taskId, `c${String(c).padStart(3, '0')}`), type: 'Comment', boardId, taskId, body: 'x' });
  }
  for (let a = 0; a < options.activity; a += 1) items.push({ ...activityKey(boardId, `2026-01-01T00:00:${String(a % 60).padStart(2, '0')}.000Z`, `a${a}`), type: 'Activity', boardId });
  await put(items);
  return items.length;
}

/** A client whose `send` the test can intercept (delegating to the real one by default). */
function interceptedClient(intercept: (command: object, send: (c: object) => Promise<unknown>) => Promise<unknown>): DynamoDBDocumentClient {
  const send = (command: object) => table.dynamodb.send(command as never) as Promise<unknown>;
  return { send: (command: object) => intercept(command, send) } as unknown as DynamoDBDocumentClient;
}

describe('deleteBoard cascade', () => {
  it('deletes every item of the board, its comments and activity, and counts them; other data is untouched', async () => {
    const written = await givenBoard('b1', { tasks: 60, commentsOnFirst: 30, activity: 40 });
    const other = await givenBoard('other', { tasks: 3, commentsOnFirst: 2, activity: 2 });
    await put([{ ...userKey('alice'), type: 'User', id: 'alice' }]);
    const before = (await allItems()).length;

    const result = await deleteBoard({ dynamodb: table.dynamodb, tableName: table.tableName }, 'b1', 'alice');

    expect(result).toEqual({ boardId: 'b1', itemsDeleted: written });
    expect(await itemsOf('b1')).toEqual([]);
    expect((await allItems()).length).toBe(before - written);
    expect(await itemsOf('other')).toHaveLength(other);
    // The members' "my boards" entries were the membership items themselves: gone from gsi1 too.
    const bobsBoards = await table.dynamodb.send(new QueryCommand({ TableName: table.tableName, IndexName: INDEX.userBoards, KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': userPk('bob') } }));
    expect((bobsBoards.Items ?? []).map((i) => i.boardId)).toEqual(['other']);
  });

  it('marks the board first, sends BatchWriteItem requests of at most 25, reads only by Query, and deletes the meta and the caller\'s membership last, together', async () => {
    const written = await givenBoard('b2', { tasks: 30, commentsOnFirst: 5, activity: 3 });
    const calls: Array<{ name: string; input: Record<string, unknown> }> = [];
    const dynamodb = interceptedClient((command, send) => {
      calls.push({ name: command.constructor.name, input: (command as { input: Record<string, unknown> }).input });
      return send(command);
    });

    expect(await deleteBoard({ dynamodb, tableName: table.tableName }, 'b2', 'alice')).toEqual({ boardId: 'b2', itemsDeleted: written });

    expect(new Set(calls.map((c) => c.name))).toEqual(new Set(['UpdateCommand', 'QueryCommand', 'BatchWriteCommand', 'TransactWriteCommand']));
    // First, the mark that stops the activity stream from recording the deletions that follow.
    expect(calls[0]).toMatchObject({ name: 'UpdateCommand', input: { Key: { pk: 'BOARD#b2', sk: '#META' }, UpdateExpression: 'SET deletingAt = if_not_exists(deletingAt, :now)' } });
    const batches = calls.filter((c) => c.name === 'BatchWriteCommand').map((c) => (c.input.RequestItems as Record<string, unknown[]>)[table.tableName]);
    expect(Math.max(...batches.map((b) => b.length))).toBeLessThanOrEqual(25);
    const final = calls.findIndex((c) => c.name === 'TransactWriteCommand');
    expect(calls[final].input.TransactItems).toEqual([
      { Delete: { TableName: table.tableName, Key: boardKey('b2') } },
      { Delete: { TableName: table.tableName, Key: memberKey('b2', 'alice') } },
    ]);
    // Nothing but the final re-check happens after the meta is gone.
    expect(calls.slice(final + 1).every((c) => c.name === 'QueryCommand')).toBe(true);
  });

  it('resumes: interrupted after a few batches, the meta, the owner and every task with comments left are still there; a second run finishes', async () => {
    const written = await givenBoard('b3', { tasks: 80, commentsOnFirst: 30, activity: 10 });
    let batchWrites = 0;
    const crashing = interceptedClient((command, send) => {
      if (command instanceof BatchWriteCommand && ++batchWrites > 3) return Promise.reject(new Error('Lambda timed out'));
      return send(command);
    });

    await expect(deleteBoard({ dynamodb: crashing, tableName: table.tableName }, 'b3', 'alice')).rejects.toThrow('Lambda timed out');

    const left = await itemsOf('b3');
    expect(left.length).toBeGreaterThan(0);
    expect(left.length).toBeLessThan(written);
    expect(left.some((i) => i.sk === '#META')).toBe(true);
    expect(left.some((i) => i.sk === 'MEMBER#alice')).toBe(true);
    // No orphaned comments: any comment left still has its task, so the next run finds it.
    const taskIds = new Set(left.filter((i) => i.type === 'Task').map((i) => i.id));
    for (const comment of left.filter((i) => i.type === 'Comment')) expect(taskIds.has(comment.taskId)).toBe(true);

    const second = await deleteBoard({ dynamodb: table.dynamodb, tableName: table.tableName }, 'b3', 'alice');
    expect(second.itemsDeleted).toBe(left.length);
    expect(await itemsOf('b3')).toEqual([]);
  });

  it('deleting a board that is already gone deletes nothing and succeeds', async () => {
    expect(await deleteBoard({ dynamodb: table.dynamodb, tableName: table.tableName }, 'never-existed', 'alice')).toEqual({ boardId: 'never-existed', itemsDeleted: 0 });
  });
});

describe('BatchDeleter', () => {
  const keys = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => ({ pk: `${prefix}`, sk: `k${String(i).padStart(3, '0')}` }));

  it('retries unprocessed items with backoff until DynamoDB takes them all', async () => {
    await put(keys(30, 'RETRY').map((k) => ({ ...k, type: 'X' })));
    let first = true;
    const throttled = interceptedClient(async (command, send) => {
      if (first && command instanceof BatchWriteCommand) {
        first = false;
        // DynamoDB processed only the first 10 of this batch.
        const requests = command.input.RequestItems![table.tableName];
        await send(new BatchWriteCommand({ RequestItems: { [table.tableName]: requests.slice(0, 10) } }));
        return { UnprocessedItems: { [table.tableName]: requests.slice(10) } };
      }
      return send(command);
    });
    const sleeps: number[] = [];
    const deleter = new BatchDeleter({ dynamodb: throttled, tableName: table.tableName, sleep: async (ms) => { sleeps.push(ms); } });
    for (const key of keys(30, 'RETRY')) await deleter.delete(key);
    await deleter.flush();

    expect(deleter.deleted).toBe(30);
    expect(sleeps).toHaveLength(1);
    expect((await allItems()).filter((i) => i.pk === 'RETRY')).toEqual([]);
  });

  it('gives up after maxAttempts with an error that says to call again', async () => {
    const stuck = interceptedClient(async (command) => ({ UnprocessedItems: { [table.tableName]: (command as BatchWriteCommand).input.RequestItems![table.tableName] } }));
    const deleter = new BatchDeleter({ dynamodb: stuck, tableName: table.tableName, maxAttempts: 3, sleep: async () => {} });
    await deleter.delete({ pk: 'P', sk: 'S' });
    await expect(deleter.flush()).rejects.toThrow('1 deletions were still unprocessed after 3 attempts; call deleteBoard again to finish');
    expect(deleter.deleted).toBe(0);
  });
});
