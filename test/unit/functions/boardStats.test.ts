import type { DynamoDBDocumentClient, QueryCommand, QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { computeBoardStats, type TaskForStats } from '../../../functions/boardStats/stats';
import { boardTasks } from '../../../functions/boardStats/tasks';

const now = new Date('2026-03-10T12:00:00.000Z');

describe('computeBoardStats', () => {
  it('counts an empty board as zeros in every status', () => {
    expect(computeBoardStats('b1', [], now)).toEqual({
      boardId: 'b1', total: 0, overdue: 0, completedLast7Days: 0, byAssignee: [], generatedAt: '2026-03-10T12:00:00.000Z',
      byStatus: [{ status: 'TODO', count: 0 }, { status: 'IN_PROGRESS', count: 0 }, { status: 'IN_REVIEW', count: 0 }, { status: 'DONE', count: 0 }],
    });
  });

  it('counts by status and by assignee, busiest first, unassigned as null', () => {
    const tasks: TaskForStats[] = [
      { status: 'TODO', assigneeId: 'u1' }, { status: 'TODO', assigneeId: 'u2' }, { status: 'IN_PROGRESS', assigneeId: 'u2' },
      { status: 'DONE' }, { status: 'IN_REVIEW', assigneeId: null },
    ];
    const stats = computeBoardStats('b1', tasks, now);
    expect(stats.total).toBe(5);
    expect(stats.byStatus.map((s) => s.count)).toEqual([2, 1, 1, 1]);
    expect(stats.byAssignee).toEqual([{ assigneeId: null, count: 2 }, { assigneeId: 'u2', count: 2 }, { assigneeId: 'u1', count: 1 }]);
  });

  it.each([
    ['due yesterday, not done', { status: 'TODO', dueDate: '2026-03-09' }, 1],
    ['due today is not overdue yet', { status: 'IN_PROGRESS', dueDate: '2026-03-10' }, 0],
    ['done tasks are never overdue', { status: 'DONE', dueDate: '2026-01-01' }, 0],
    ['no due date', { status: 'TODO' }, 0],
  ] as Array<[string, TaskForStats, number]>)('overdue: %s', (_name, task, expected) => {
    expect(computeBoardStats('b', [task], now).overdue).toBe(expected);
  });

  it.each([
    ['completed 6 days ago', '2026-03-04T12:00:00.000Z', 1],
    ['completed exactly 7 days ago', '2026-03-03T12:00:00.000Z', 1],
    ['completed 8 days ago', '2026-03-02T12:00:00.000Z', 0],
  ])('completedLast7Days: %s', (_name, completedAt, expected) => {
    expect(computeBoardStats('b', [{ status: 'DONE', completedAt }], now).completedLast7Days).toBe(expected);
  });

  it('does not count a completedAt on a task moved back out of DONE', () => {
    expect(computeBoardStats('b', [{ status: 'TODO', completedAt: '2026-03-09T00:00:00.000Z' }], now).completedLast7Days).toBe(0);
  });
});

describe('boardTasks', () => {
  /** A document client that answers each Query with the next page and records the inputs. */
  const givenPages = (pages: Array<{ Items: Record<string, unknown>[]; LastEvaluatedKey?: Record<string, unknown> }>) => {
    const inputs: QueryCommandInput[] = [];
    const client = {
      send: async (command: QueryCommand) => {
        inputs.push(command.input);
        return pages[inputs.length - 1];
      },
    } as unknown as DynamoDBDocumentClient;
    return { client, inputs };
  };

  it('queries the board\'s tasks on lsi1 by prefix, page after page, never a Scan', async () => {
    const lastKey = { pk: 'BOARD#b1', sk: 'TASK#t1', lsi1sk: 'TASK#0#a#t1' };
    const { client, inputs } = givenPages([
      { Items: [{ status: 'TODO', assigneeId: 'u1' }], LastEvaluatedKey: lastKey },
      { Items: [{ status: 'DONE', completedAt: '2026-03-09T00:00:00.000Z' }] },
    ]);
    const tasks: TaskForStats[] = [];
    for await (const task of boardTasks(client, 'Table', 'b1')) tasks.push(task);

    expect(tasks).toEqual([{ status: 'TODO', assigneeId: 'u1' }, { status: 'DONE', completedAt: '2026-03-09T00:00:00.000Z' }]);
    expect(inputs).toHaveLength(2);
    expect(inputs[0]).toMatchObject({
      TableName: 'Table',
      IndexName: 'lsi1',
      KeyConditionExpression: 'pk = :pk AND begins_with(lsi1sk, :prefix)',
      ExpressionAttributeValues: { ':pk': 'BOARD#b1', ':prefix': 'TASK#' },
    });
    expect(inputs[0].ExclusiveStartKey).toBeUndefined();
    expect(inputs[1].ExclusiveStartKey).toEqual(lastKey);
  });
});
