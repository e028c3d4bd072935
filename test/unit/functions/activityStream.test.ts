/**
 * The activity stream function's logic: what each table change means for a board's feed
 * (describeChange, pure), and how a batch is handled (processRecords): stream order, the first
 * failure reported as a partial batch failure, boards being deleted skipped, a deleted task's
 * comments removed (against DynamoDB Local).
 */
import { marshall } from '@aws-sdk/util-dynamodb';
import { BatchWriteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeChange, MalformedRecordError } from '../../../functions/activityStream/describe-change';
import { processRecords, type StreamDeps } from '../../../functions/activityStream/process-records';
import { removeComments } from '../../../functions/activityStream/remove-comments';
import type { PublishActivityInput } from '../../../generated/graphql';
import { commentKey, commentPk } from '../../../resolvers/lib/keys';
import { givenLocalTable, type LocalTable } from './local-backend';

let seq = 0;
function record(eventName: 'INSERT' | 'MODIFY' | 'REMOVE', images: { next?: Record<string, unknown>; prev?: Record<string, unknown> }): DynamoDBRecord {
  seq += 1;
  const item = images.next ?? images.prev ?? {};
  return {
    eventID: `event-${seq}`, eventName, eventVersion: '1.1', eventSource: 'aws:dynamodb', awsRegion: 'us-east-1',
    eventSourceARN: 'arn:aws:dynamodb:us-east-1:000000000000:table/T/stream/x',
    dynamodb: {
      ApproximateCreationDateTime: 1_790_000_000 + seq,
      Keys: marshall({ pk: item.pk, sk: item.sk }) as never,
      NewImage: images.next ? (marshall(images.next, { removeUndefinedValues: true }) as never) : undefined,
      OldImage: images.prev ? (marshall(images.prev, { removeUndefinedValues: true }) as never) : undefined,
      SequenceNumber: String(100 + seq), SizeBytes: 100, StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
  };
}

const task = (over: Record<string, unknown> = {}) => ({
  pk: 'BOARD#b1', sk: 'TASK#t1', type: 'Task', id: 't1', boardId: 'b1', title: 'Write docs', status: 'TODO', position: 'a1',
  priority: 'HIGH', description: null, assigneeId: 'bob', dueDate: '2026-12-24', labels: ['docs'], createdById: 'alice',
  createdAt: '2026-12-01T10:00:00.000Z', updatedAt: '2026-12-01T10:00:00.000Z', version: 1, ...over,
});

describe('describeChange', () => {
  it('a new task is TASK_CREATED by its creator, at its creation time; the id is the record\'s eventID', () => {
    const r = record('INSERT', { next: task() });
    expect(describeChange(r)).toEqual({
      boardId: 'b1',
      activity: { id: r.eventID, boardId: 'b1', action: 'TASK_CREATED', actorId: 'alice', targetId: 't1', summary: 'Created task "Write docs"', createdAt: '2026-12-01T10:00:00.000Z' },
    });
  });

  it('a status change is TASK_MOVED, a position change within a status too; the updater is the actor', () => {
    const later = { updatedAt: '2026-12-02T09:00:00.000Z', updatedById: 'bob', version: 2 };
    const moved = describeChange(record('MODIFY', { prev: task(), next: task({ status: 'IN_PROGRESS', position: 'a0', ...later }) }))!;
    expect(moved.activity).toMatchObject({ action: 'TASK_MOVED', actorId: 'bob', summary: 'Moved "Write docs" from todo to in progress', createdAt: later.updatedAt });
    const reordered = describeChange(record('MODIFY', { prev: task(), next: task({ position: 'a0', ...later }) }))!;
    expect(reordered.activity).toMatchObject({ action: 'TASK_MOVED', summary: 'Reordered "Write docs" in todo' });
  });

  it('an edit is TASK_UPDATED naming the fields; bookkeeping-only changes are no activity', () => {
    const edited = describeChange(record('MODIFY', { prev: task(), next: task({ title: 'Write the docs', dueDate: null, labels: [], version: 2 }) }))!;
    expect(edited.activity).toMatchObject({ action: 'TASK_UPDATED', summary: 'Updated "Write the docs" (was "Write docs"): title, due date, labels' });
    expect(describeChange(record('MODIFY', { prev: task(), next: task({ version: 2, gsi3pk: 'DUE#4' }) }))).toBeNull();
  });

  it('a deleted task is TASK_DELETED and asks for its comments to go; the time is the record\'s', () => {
    const r = record('REMOVE', { prev: task() });
    const change = describeChange(r)!;
    expect(change.deletedTaskId).toBe('t1');
    expect(change.activity).toMatchObject({ action: 'TASK_DELETED', actorId: null, targetId: 't1', summary: 'Deleted task "Write docs"' });
    expect(change.activity.createdAt).toBe(new Date(r.dynamodb!.ApproximateCreationDateTime! * 1000).toISOString());
  });

  it('comments are activity about their task, by their author', () => {
    const comment = { pk: 'TASK#b1#t1', sk: 'COMMENT#c1', type: 'Comment', id: 'c1', boardId: 'b1', taskId: 't1', authorId: 'carol', body: 'Looks good', createdAt: '2026-12-02T08:00:00.000Z' };
    expect(describeChange(record('INSERT', { next: comment }))!.activity).toMatchObject({ action: 'COMMENT_ADDED', actorId: 'carol', targetId: 't1', summary: 'Commented: "Looks good"' });
    const deleted = describeChange(record('REMOVE', { prev: comment }))!;
    expect(deleted.activity).toMatchObject({ action: 'COMMENT_DELETED', targetId: 't1' });
    // Deleted with its task, a comment is no news of its own.
    expect(deleted.onlyIfTaskExists).toBe('t1');
  });

  it('members: added and role changed by whom the item names, removed by no one known (targetId is the member\'s user id)', () => {
    const member = { pk: 'BOARD#b1', sk: 'MEMBER#bob', type: 'Member', boardId: 'b1', userId: 'bob', role: 'EDITOR', joinedAt: '2026-12-01T00:00:00.000Z', addedById: 'alice' };
    expect(describeChange(record('INSERT', { next: member }))!.activity).toMatchObject({ action: 'MEMBER_ADDED', actorId: 'alice', targetId: 'bob', summary: 'Added a member as editor' });
    expect(describeChange(record('MODIFY', { prev: member, next: { ...member, role: 'VIEWER', updatedById: 'carol' } }))!.activity)
      .toMatchObject({ action: 'MEMBER_ROLE_CHANGED', actorId: 'carol', summary: 'Changed a member\'s role from editor to viewer' });
    // Items written before the actor was recorded (and the seed's) have none.
    const { addedById: _, ...older } = member;
    expect(describeChange(record('INSERT', { next: older }))!.activity).toMatchObject({ action: 'MEMBER_ADDED', actorId: null });
    expect(describeChange(record('REMOVE', { prev: member }))!.activity).toMatchObject({ action: 'MEMBER_REMOVED', actorId: null, targetId: 'bob' });
  });

  it('boards: created and renamed are activity; counters and the deletion mark are not', () => {
    const board = { pk: 'BOARD#b1', sk: '#META', type: 'Board', id: 'b1', name: 'Launch', ownerId: 'alice', taskCount: 0, memberCount: 1, createdAt: 'c', updatedAt: 'c', version: 1 };
    expect(describeChange(record('INSERT', { next: board }))!.activity).toMatchObject({ action: 'BOARD_CREATED', actorId: 'alice', createdAt: 'c' });
    expect(describeChange(record('MODIFY', { prev: board, next: { ...board, name: 'Launch 2', updatedById: 'bob', updatedAt: 'u' } }))!.activity)
      .toMatchObject({ action: 'BOARD_UPDATED', actorId: 'bob', summary: 'Renamed board "Launch" to "Launch 2"' });
    expect(describeChange(record('MODIFY', { prev: board, next: { ...board, taskCount: 1 } }))).toBeNull();
    expect(describeChange(record('MODIFY', { prev: board, next: { ...board, name: 'x', deletingAt: 'now' } }))).toBeNull();
  });

  it('activity items and profiles are no activity', () => {
    expect(describeChange(record('INSERT', { next: { pk: 'BOARD#b1#ACTIVITY', sk: 'x', type: 'Activity', id: 'a' } }))).toBeNull();
    expect(describeChange(record('INSERT', { next: { pk: 'USER#u', sk: 'PROFILE', type: 'User', id: 'u' } }))).toBeNull();
  });

  it('an item it cannot read is a MalformedRecordError naming the record and what is missing', () => {
    const r = record('INSERT', { next: { pk: 'BOARD#b1', sk: 'TASK#x', type: 'Task', id: 'x', boardId: 'b1' } });
    expect(() => describeChange(r)).toThrow(MalformedRecordError);
    expect(() => describeChange(r)).toThrow(`Stream record ${r.eventID} (INSERT): its Task item lacks title, status`);
  });
});

describe('processRecords', () => {
  const given = (over: Partial<StreamDeps> = {}) => {
    const published: PublishActivityInput[] = [];
    const removed: string[] = [];
    const deps: StreamDeps = {
      publish: async (a) => { published.push(a); },
      boardIsLive: async () => true,
      removeComments: async (_b, t) => { removed.push(t); },
      taskExists: async () => true,
      ...over,
    };
    return { deps, published, removed };
  };

  it('publishes in stream order and reports no failure', async () => {
    const { deps, published } = given();
    const records = [record('INSERT', { next: task() }), record('INSERT', { next: task({ id: 't2', sk: 'TASK#t2', title: 'Second' }) })];
    expect(await processRecords(records, deps)).toEqual({ batchItemFailures: [] });
    expect(published.map((a) => a.summary)).toEqual(['Created task "Write docs"', 'Created task "Second"']);
  });

  it('stops at the first failing record and reports its sequence number; what came before is published', async () => {
    const { deps, published } = given();
    const poison = record('INSERT', { next: { pk: 'BOARD#b1', sk: 'TASK#p', type: 'Task', id: 'p', boardId: 'b1' } });
    const records = [record('INSERT', { next: task() }), poison, record('INSERT', { next: task({ id: 't3', sk: 'TASK#t3' }) })];
    expect(await processRecords(records, deps)).toEqual({ batchItemFailures: [{ itemIdentifier: poison.dynamodb!.SequenceNumber }] });
    expect(published).toHaveLength(1);
  });

  it('a failure at the batch\'s first record is a function error, so that Lambda bisects the batch to isolate it', async () => {
    const { deps, published } = given({ publish: async () => { throw new Error('AppSync answered 500'); } });
    await expect(processRecords([record('INSERT', { next: task() }), record('INSERT', { next: task() })], deps)).rejects.toThrow('AppSync answered 500');
    expect(published).toEqual([]);
  });

  it('a comment deleted with its task records nothing; one deleted from a live task does', async () => {
    const comment = { pk: 'TASK#b1#t1', sk: 'COMMENT#c1', type: 'Comment', id: 'c1', boardId: 'b1', taskId: 't1', authorId: 'carol', body: 'x' };
    const gone = given({ taskExists: async () => false });
    await processRecords([record('REMOVE', { prev: comment })], gone.deps);
    expect(gone.published).toEqual([]);
    const live = given();
    await processRecords([record('REMOVE', { prev: comment })], live.deps);
    expect(live.published.map((a) => a.action)).toEqual(['COMMENT_DELETED']);
  });

  it('records nothing for a board that is gone or being deleted, but still removes a deleted task\'s comments', async () => {
    const { deps, published, removed } = given({ boardIsLive: async () => false });
    await processRecords([record('REMOVE', { prev: task() }), record('INSERT', { next: task() })], deps);
    expect(published).toEqual([]);
    expect(removed).toEqual(['t1']);
  });
});

describe('removeComments (DynamoDB Local)', () => {
  let table: LocalTable;
  beforeAll(async () => { table = await givenLocalTable(); }, 120_000);
  afterAll(async () => table?.stop());

  it('deletes every comment of the task, across pages and batches, and nothing else; a second call deletes nothing', async () => {
    const comments = Array.from({ length: 60 }, (_, i) => ({ ...commentKey('b1', 't1', `c${String(i).padStart(3, '0')}`), type: 'Comment', body: 'x'.repeat(20_000) }));
    const other = { ...commentKey('b1', 't2', 'c1'), type: 'Comment', body: 'keep' };
    for (let i = 0; i < comments.length; i += 25) {
      await table.dynamodb.send(new BatchWriteCommand({ RequestItems: { [table.tableName]: comments.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } }));
    }
    await table.dynamodb.send(new BatchWriteCommand({ RequestItems: { [table.tableName]: [{ PutRequest: { Item: other } }] } }));
    expect(await removeComments(table.dynamodb, table.tableName, 'b1', 't1')).toBe(60);
    const left = async (taskId: string) => (await table.dynamodb.send(new QueryCommand({
      TableName: table.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': commentPk('b1', taskId) }, ConsistentRead: true,
    }))).Items ?? [];
    expect(await left('t1')).toEqual([]);
    expect(await left('t2')).toHaveLength(1);
    expect(await removeComments(table.dynamodb, table.tableName, 'b1', 't1')).toBe(0);
  });
});
