/**
 * The overdue digest: what a board's digest says (pure), and a run over the sparse open-due
 * index in DynamoDB Local: exactly the overdue open tasks, one digest per board and assignee,
 * bounded runs that resume where they stopped without digesting a board twice or in halves.
 */
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boardDigest, type DueTask } from '../../../functions/overdueDigest/digest';
import { overduePage } from '../../../functions/overdueDigest/overdue-page';
import { jobOf, runDigest, type DigestDeps, type DigestJob } from '../../../functions/overdueDigest/run-digest';
import type { PublishActivityInput } from '../../../generated/graphql';
import { DUE_SHARDS, dueShardOf, taskKey, taskOpenDue, type TaskStatusKey } from '../../../resolvers/lib/keys';
import { givenLocalTable, type LocalTable } from './local-backend';

const run = { date: '2026-12-02', createdAt: '2026-12-02T06:00:00.000Z' };
const due = (id: string, boardId: string, dueDate: string, assigneeId: string | null = null): DueTask => ({ id, boardId, title: `Task ${id}`, assigneeId, dueDate, status: 'TODO' });

describe('boardDigest', () => {
  it('one activity for the board listing its overdue tasks by due date, and one per assignee', () => {
    const activities = boardDigest('b1', [due('t2', 'b1', '2026-11-30', 'bob'), due('t1', 'b1', '2026-11-20', 'alice'), due('t3', 'b1', '2026-12-01')], run);
    expect(activities).toEqual([
      { id: 'overdue-2026-12-02', boardId: 'b1', action: 'OVERDUE_DIGEST', actorId: null, targetId: null, createdAt: run.createdAt,
        summary: '3 tasks overdue: "Task t1" (due 2026-11-20), "Task t2" (due 2026-11-30), "Task t3" (due 2026-12-01)' },
      { id: 'overdue-2026-12-02-alice', boardId: 'b1', action: 'OVERDUE_DIGEST', actorId: null, targetId: 'alice', createdAt: run.createdAt,
        summary: '1 task assigned to this member overdue: "Task t1" (due 2026-11-20)' },
      { id: 'overdue-2026-12-02-bob', boardId: 'b1', action: 'OVERDUE_DIGEST', actorId: null, targetId: 'bob', createdAt: run.createdAt,
        summary: '1 task assigned to this member overdue: "Task t2" (due 2026-11-30)' },
    ]);
  });

  it('lists five tasks and counts the rest; no tasks, no digest', () => {
    const many = Array.from({ length: 8 }, (_, i) => due(`t${i}`, 'b1', `2026-11-0${i + 1}`));
    expect(boardDigest('b1', many, run)[0].summary).toMatch(/^8 tasks overdue: .* and 3 more$/);
    expect(boardDigest('b1', [], run)).toEqual([]);
  });
});

describe('jobOf', () => {
  it('a scheduled event starts the day of its time at shard 0; a continuation is taken as it is', () => {
    expect(jobOf({ time: '2026-12-02T06:00:00Z', 'detail-type': 'Scheduled Event' })).toEqual({ date: '2026-12-02', createdAt: '2026-12-02T06:00:00.000Z', shard: 0 });
    const next: DigestJob = { ...run, shard: 3, startKey: { pk: 'p' } };
    expect(jobOf(next)).toBe(next);
    expect(() => jobOf({ time: 'yesterday' })).toThrow('not a scheduled event time');
  });
});

describe('runDigest over the open-due index (DynamoDB Local)', () => {
  let table: LocalTable;
  const boards = Array.from({ length: 12 }, (_, i) => `board-${i}`);
  const overdue = new Map<string, string[]>();

  const putTask = (boardId: string, id: string, status: TaskStatusKey, dueDate: string | null) => ({
    ...taskKey(boardId, id), ...(taskOpenDue(boardId, status, dueDate, id) ?? {}),
    type: 'Task', id, boardId, title: `Task ${id}`, status, dueDate, assigneeId: id.endsWith('a') ? 'alice' : null,
  });

  beforeAll(async () => {
    table = await givenLocalTable();
    const items: Array<Record<string, unknown>> = [];
    for (const boardId of boards) {
      const late = [`${boardId}-late1a`, `${boardId}-late2`];
      overdue.set(boardId, late);
      items.push(putTask(boardId, late[0], 'TODO', '2026-11-01'), putTask(boardId, late[1], 'IN_REVIEW', '2026-12-01'));
      // Not overdue: due today or later, done, or undated.
      items.push(putTask(boardId, `${boardId}-today`, 'TODO', '2026-12-02'), putTask(boardId, `${boardId}-done`, 'DONE', '2026-10-01'), putTask(boardId, `${boardId}-undated`, 'TODO', null));
    }
    for (let i = 0; i < items.length; i += 25) {
      await table.dynamodb.send(new BatchWriteCommand({ RequestItems: { [table.tableName]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } }));
    }
  }, 120_000);
  afterAll(async () => table?.stop());

  const given = (live: (boardId: string) => boolean = () => true) => {
    const published: PublishActivityInput[] = [];
    const deps: DigestDeps = {
      overduePage: (shard, date, startKey) => overduePage(table.dynamodb, table.tableName, shard, date, startKey),
      publish: async (a) => { published.push(a); },
      boardIsLive: async (b) => live(b),
    };
    return { deps, published };
  };

  it('the boards spread over several shards', () => {
    expect(new Set(boards.map(dueShardOf)).size).toBeGreaterThan(3);
    expect(boards.every((b) => dueShardOf(b) >= 0 && dueShardOf(b) < DUE_SHARDS)).toBe(true);
  });

  it('digests exactly the overdue open tasks of every board in one unbounded run', async () => {
    const { deps, published } = given();
    const result = await runDigest(deps, { ...run, shard: 0 }, { maxTasks: Infinity, hasTime: () => true });
    expect(result).toEqual({ boards: 12, tasks: 24, activities: 24, next: null });
    for (const boardId of boards) {
      const digest = published.find((a) => a.boardId === boardId && a.targetId === null)!;
      expect(digest.summary).toBe(`2 tasks overdue: "Task ${boardId}-late1a" (due 2026-11-01), "Task ${boardId}-late2" (due 2026-12-01)`);
      expect(published.filter((a) => a.boardId === boardId && a.targetId === 'alice')).toHaveLength(1);
    }
  });

  it('with a small budget, hands over between boards and resumes: the same digests, none twice or split', async () => {
    const { deps, published } = given();
    let job: DigestJob | null = { ...run, shard: 0 };
    let invocations = 0;
    while (job) {
      invocations += 1;
      const result = await runDigest(deps, job, { maxTasks: 3, hasTime: () => true });
      expect(result.tasks).toBeLessThanOrEqual(4);
      job = result.next;
    }
    expect(invocations).toBeGreaterThanOrEqual(6);
    const boardDigests = published.filter((a) => a.targetId === null);
    expect(boardDigests.map((a) => a.boardId).sort()).toEqual([...boards].sort());
    expect(boardDigests.every((a) => a.summary.startsWith('2 tasks overdue'))).toBe(true);
  });

  it('hands over when time runs short, and skips boards being deleted', async () => {
    const { deps, published } = given((b) => b !== 'board-3');
    const first = await runDigest(deps, { ...run, shard: 0 }, { maxTasks: Infinity, hasTime: () => false });
    expect(first.next).not.toBeNull();
    let job = first.next;
    while (job) job = (await runDigest(deps, job, { maxTasks: Infinity, hasTime: () => true })).next;
    expect(new Set(published.map((a) => a.boardId))).toEqual(new Set(boards.filter((b) => b !== 'board-3')));
  });
});
