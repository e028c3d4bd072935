/**
 * Tasks over HTTP against the local runtime (DynamoDB Local, local Cognito, the seed data):
 * create, move, update, delete, who may do what, validation, pagination and request counts.
 * One runtime for the file; each test reads the counts it compares before acting.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_BOARD_ID, SEED_BOB_BOARD_ID, SEED_TASK_IDS } from '../../../seed/taskboard';
import type { GraphQLReply, LocalApi } from '../../helpers/local-api';
import { givenTaskboardApi } from '../../helpers/taskboard-api';

let api: LocalApi;
const log: string[] = [];
const headers: Record<string, Record<string, string>> = {};
const as = (username: string) => headers[username];
const ids: Record<string, string> = {};

beforeAll(async () => {
  api = await givenTaskboardApi(log);
  for (const u of ['alice', 'bob', 'carol', 'admin']) headers[u] = await api.as(u);
  for (const u of api.runtime.users) ids[u.username] = u.sub;
}, 120_000);
afterAll(async () => api?.close());

const TASK_FIELDS = 'id boardId title description status priority dueDate labels position version deletedAt createdAt updatedAt assignee { id displayName } createdBy { id displayName }';

interface Task {
  id: string; boardId: string; title: string; description: string | null; status: string; priority: string;
  dueDate: string | null; labels: string[]; position: string; version: number; deletedAt: string | null;
  createdAt: string; updatedAt: string; assignee: { id: string; displayName: string } | null; createdBy: { id: string; displayName: string };
}

function data<T>(reply: GraphQLReply, field: string): T {
  expect(reply.body.errors, JSON.stringify(reply.body.errors)).toBeUndefined();
  return (reply.body.data as Record<string, T>)[field];
}

async function createTask(user: string, input: Record<string, unknown>): Promise<GraphQLReply> {
  return api.request(`mutation($in: CreateTaskInput!) { createTask(input: $in) { ${TASK_FIELDS} } }`, { in: { boardId: SEED_BOARD_ID, ...input } }, as(user));
}

async function moveTask(user: string, input: Record<string, unknown>): Promise<GraphQLReply> {
  return api.request(`mutation($in: MoveTaskInput!) { moveTask(input: $in) { ${TASK_FIELDS} } }`, { in: { boardId: SEED_BOARD_ID, ...input } }, as(user));
}

async function updateTask(user: string, input: Record<string, unknown>): Promise<GraphQLReply> {
  return api.request(`mutation($in: UpdateTaskInput!) { updateTask(input: $in) { ${TASK_FIELDS} } }`, { in: { boardId: SEED_BOARD_ID, ...input } }, as(user));
}

async function getTask(user: string, id: string, boardId = SEED_BOARD_ID): Promise<GraphQLReply> {
  return api.request(`query($b: ID!, $id: ID!) { task(boardId: $b, id: $id) { ${TASK_FIELDS} } }`, { b: boardId, id }, as(user));
}

/** Titles of a board's tasks in one status, in board order (one page of up to 100). */
async function titles(status: string, boardId = SEED_BOARD_ID): Promise<string[]> {
  const r = await api.request('query($id: ID!, $s: TaskStatus) { board(id: $id) { tasks(status: $s, limit: 100) { items { title } nextToken } } }', { id: boardId, s: status }, as('alice'));
  return data<{ tasks: { items: Array<{ title: string }> } }>(r, 'board').tasks.items.map((t) => t.title);
}

async function taskCount(boardId = SEED_BOARD_ID): Promise<number> {
  return data<{ taskCount: number }>(await api.request('query($id: ID!) { board(id: $id) { taskCount } }', { id: boardId }, as('bob')), 'board').taskCount;
}

async function allTasks(boardId = SEED_BOARD_ID): Promise<Array<{ id: string; status: string; position: string }>> {
  const r = await api.request('query($id: ID!) { board(id: $id) { tasks(limit: 100) { items { id status position } } } }', { id: boardId }, as('bob'));
  return data<{ tasks: { items: Array<{ id: string; status: string; position: string }> } }>(r, 'board').tasks.items;
}

describe('Taskboard tasks over HTTP', () => {
  it('an editor creates a task at the end of its status; it counts on the board and shows in board order', async () => {
    const before = await taskCount();
    const task = data<Task>(await createTask('bob', {
      title: '  Write release notes  ', description: 'For the launch.', priority: 'HIGH', assigneeId: ids.alice,
      dueDate: '2026-12-24', labels: [' docs ', 'marketing'],
    }), 'createTask');
    expect(task).toMatchObject({
      boardId: SEED_BOARD_ID, title: 'Write release notes', description: 'For the launch.', status: 'TODO', priority: 'HIGH',
      dueDate: '2026-12-24', labels: ['docs', 'marketing'], version: 1, deletedAt: null,
      assignee: { id: ids.alice, displayName: 'Alice' }, createdBy: { id: ids.bob, displayName: 'Bob' },
    });
    // The seeded TODO tasks sit at a1, a1V, a2: the end is after a2.
    expect(task.position > 'a2').toBe(true);
    expect(task.createdAt).toBe(task.updatedAt);
    expect(await taskCount()).toBe(before + 1);
    expect(await titles('TODO')).toEqual(['Write the launch announcement', 'Pick a domain name', 'Set up analytics', 'Write release notes']);

    const read = data<Task>(await getTask('alice', task.id), 'task');
    expect(read).toEqual(task);
    const mine = data<{ items: Array<{ id: string; status: string }> }>(await api.request('{ myTasks(status: TODO) { items { id status } } }', {}, as('alice')), 'myTasks');
    expect(mine.items.map((t) => t.id)).toContain(task.id);
  });

  it('places a task right after a given position, or right before one', async () => {
    // Only afterPosition: right after 'Write the launch announcement' (a1), before 'Pick a domain name' (a1V).
    const after = data<Task>(await createTask('alice', { title: 'Draft the tweet', afterPosition: 'a1' }), 'createTask');
    expect(after.position > 'a1' && after.position < 'a1V').toBe(true);
    // Only beforePosition: right before 'Set up analytics' (a2), after 'Pick a domain name' (a1V).
    const before = data<Task>(await createTask('alice', { title: 'Book the photographer', beforePosition: 'a2' }), 'createTask');
    expect(before.position > 'a1V' && before.position < 'a2').toBe(true);
    // Both: exactly between them.
    const both = data<Task>(await createTask('alice', { title: 'Order stickers', afterPosition: after.position, beforePosition: 'a1V' }), 'createTask');
    expect(both.position > after.position && both.position < 'a1V').toBe(true);
    // In an empty status nothing precedes it.
    const review = data<Task>(await createTask('alice', { title: 'Proofread', status: 'DONE', afterPosition: 'a2' }), 'createTask');
    expect(review.position > 'a2').toBe(true);

    const todo = await titles('TODO');
    expect(todo.slice(0, 6)).toEqual([
      'Write the launch announcement', 'Draft the tweet', 'Order stickers', 'Pick a domain name', 'Book the photographer', 'Set up analytics',
    ]);
  });

  it('moves a task between statuses and positions, rewriting that one item; the order shows in Board.tasks', async () => {
    const task = data<Task>(await createTask('bob', { title: 'Move me', assigneeId: ids.bob }), 'createTask');
    const others = (await allTasks()).filter((t) => t.id !== task.id);

    // Into IN_PROGRESS between 'Design the landing page' (a1) and 'Migrate DNS' (a2).
    const moved = data<Task>(await moveTask('bob', { id: task.id, expectedVersion: 1, status: 'IN_PROGRESS', afterPosition: 'a1', beforePosition: 'a2' }), 'moveTask');
    expect(moved).toMatchObject({ id: task.id, status: 'IN_PROGRESS', version: 2, assignee: { id: ids.bob } });
    expect(moved.position > 'a1' && moved.position < 'a2').toBe(true);
    expect(await titles('IN_PROGRESS')).toEqual(['Design the landing page', 'Move me', 'Migrate DNS']);
    expect(await titles('TODO')).not.toContain('Move me');

    // To the start of IN_PROGRESS (before the first task only).
    const first = data<Task>(await moveTask('bob', { id: task.id, expectedVersion: 2, status: 'IN_PROGRESS', beforePosition: 'a1' }), 'moveTask');
    expect(first.version).toBe(3);
    expect(await titles('IN_PROGRESS')).toEqual(['Move me', 'Design the landing page', 'Migrate DNS']);

    // To the end of DONE (no neighbours given): after the seeded a1, a2 and anything created there.
    const done = data<Task>(await moveTask('bob', { id: task.id, expectedVersion: 3, status: 'DONE' }), 'moveTask');
    expect(done.version).toBe(4);
    const doneTitles = await titles('DONE');
    expect(doneTitles[doneTitles.length - 1]).toBe('Move me');

    // Nothing else changed: every other task keeps its status and position.
    expect((await allTasks()).filter((t) => t.id !== task.id)).toEqual(others);
    // The assignee's "my tasks" follows the status (gsi2sk rewritten with the move).
    const mine = data<{ items: Array<{ id: string }> }>(await api.request('{ myTasks(status: DONE) { items { id } } }', {}, as('bob')), 'myTasks');
    expect(mine.items.map((t) => t.id)).toContain(task.id);
    const todoMine = data<{ items: Array<{ id: string }> }>(await api.request('{ myTasks(status: TODO) { items { id } } }', {}, as('bob')), 'myTasks');
    expect(todoMine.items.map((t) => t.id)).not.toContain(task.id);
  });

  it('a stale expectedVersion is a ConflictError with the current version, and nothing changes', async () => {
    const task = data<Task>(await createTask('bob', { title: 'Contended', description: 'original' }), 'createTask');
    data<Task>(await updateTask('alice', { id: task.id, expectedVersion: 1, title: 'Contended (v2)' }), 'updateTask');

    const stale = await updateTask('bob', { id: task.id, expectedVersion: 1, title: 'Lost update', description: null });
    expect(stale.body.data).toBeNull();
    expect(stale.body.errors?.[0]).toMatchObject({ errorType: 'ConflictError', errorInfo: { currentVersion: 2 }, path: ['updateTask'] });
    const staleMove = await moveTask('bob', { id: task.id, expectedVersion: 1, status: 'DONE' });
    expect(staleMove.body.errors?.[0]).toMatchObject({ errorType: 'ConflictError', errorInfo: { currentVersion: 2 } });

    const now = data<Task>(await getTask('bob', task.id), 'task');
    expect(now).toMatchObject({ title: 'Contended (v2)', description: 'original', status: 'TODO', version: 2, position: task.position });
  });

  it('updateTask changes only what is given; null clears description, assignee, due date and labels', async () => {
    const task = data<Task>(await createTask('bob', {
      title: 'Clear me', description: 'd', assigneeId: ids.bob, dueDate: '2027-01-15', labels: ['x'], priority: 'LOW',
    }), 'createTask');
    const same = data<Task>(await updateTask('bob', { id: task.id, expectedVersion: 1, priority: 'URGENT' }), 'updateTask');
    expect(same).toMatchObject({ title: 'Clear me', description: 'd', priority: 'URGENT', dueDate: '2027-01-15', labels: ['x'], assignee: { id: ids.bob }, version: 2 });
    expect(same.updatedAt >= task.updatedAt).toBe(true);

    const cleared = data<Task>(await updateTask('bob', { id: task.id, expectedVersion: 2, description: null, assigneeId: null, dueDate: null, labels: null }), 'updateTask');
    expect(cleared).toMatchObject({ title: 'Clear me', description: null, assignee: null, dueDate: null, labels: [], priority: 'URGENT', version: 3 });
    // Unassigned: out of bob's "my tasks" (gsi2 keys removed).
    const mine = data<{ items: Array<{ id: string }> }>(await api.request('{ myTasks(limit: 100) { items { id } } }', {}, as('bob')), 'myTasks');
    expect(mine.items.map((t) => t.id)).not.toContain(task.id);

    // Reassigning to a non-member is a ValidationError and writes nothing.
    const outsider = await updateTask('bob', { id: task.id, expectedVersion: 3, assigneeId: ids.carol });
    expect(outsider.body.errors?.[0]).toMatchObject({ errorType: 'ValidationError', errorInfo: { field: 'assigneeId' } });
    expect(data<Task>(await getTask('bob', task.id), 'task')).toMatchObject({ assignee: null, version: 3 });
  });

  it('deleteTask removes the task, returns it with deletedAt, and the count goes back', async () => {
    const before = await taskCount();
    const task = data<Task>(await createTask('bob', { title: 'Delete me', assigneeId: ids.alice }), 'createTask');
    expect(await taskCount()).toBe(before + 1);

    const deleted = data<Task>(await api.request(`mutation($b: ID!, $id: ID!) { deleteTask(boardId: $b, id: $id) { ${TASK_FIELDS} } }`, { b: SEED_BOARD_ID, id: task.id }, as('bob')), 'deleteTask');
    expect(deleted).toMatchObject({ id: task.id, title: 'Delete me', assignee: { id: ids.alice }, createdBy: { id: ids.bob } });
    expect(deleted.deletedAt).toEqual(expect.any(String));
    expect(await taskCount()).toBe(before);
    expect(data<Task | null>(await getTask('bob', task.id), 'task')).toBeNull();
    expect(await titles('TODO')).not.toContain('Delete me');

    const again = await api.request('mutation($b: ID!, $id: ID!) { deleteTask(boardId: $b, id: $id) { id } }', { b: SEED_BOARD_ID, id: task.id }, as('bob'));
    expect(again.body.errors?.[0]).toMatchObject({ errorType: 'NotFoundError', path: ['deleteTask'] });
    expect(await taskCount()).toBe(before);
  });

  it('a VIEWER cannot create, move, update or delete tasks; nothing is written', async () => {
    // alice is a VIEWER of bob's board.
    const before = await taskCount(SEED_BOB_BOARD_ID);
    const created = await api.request('mutation($in: CreateTaskInput!) { createTask(input: $in) { id } }', { in: { boardId: SEED_BOB_BOARD_ID, title: 'Sneaky' } }, as('alice'));
    expect(created.body.data).toBeNull();
    expect(created.body.errors?.[0]).toMatchObject({ errorType: 'Unauthorized', path: ['createTask'] });
    const moved = await api.request('mutation($in: MoveTaskInput!) { moveTask(input: $in) { id } }',
      { in: { boardId: SEED_BOB_BOARD_ID, id: SEED_TASK_IDS.dynamoBook, expectedVersion: 1, status: 'DONE' } }, as('alice'));
    expect(moved.body.errors?.[0]).toMatchObject({ errorType: 'Unauthorized' });
    const deleted = await api.request('mutation($b: ID!, $id: ID!) { deleteTask(boardId: $b, id: $id) { id } }', { b: SEED_BOB_BOARD_ID, id: SEED_TASK_IDS.dynamoBook }, as('alice'));
    expect(deleted.body.errors?.[0]).toMatchObject({ errorType: 'Unauthorized' });
    expect(await taskCount(SEED_BOB_BOARD_ID)).toBe(before);
    expect(await titles('TODO', SEED_BOB_BOARD_ID)).toEqual(['Read The DynamoDB Book']);
    // …but reads them.
    expect(data<Task>(await getTask('alice', SEED_TASK_IDS.dynamoBook, SEED_BOB_BOARD_ID), 'task')).toMatchObject({ title: 'Read The DynamoDB Book', version: 1 });
  });

  it('a non-member cannot read a task, and cannot tell whether it exists; an admin can read it', async () => {
    const existing = await getTask('carol', SEED_TASK_IDS.announcement);
    const missing = await getTask('carol', 'no-such-task');
    expect(existing.body.data).toEqual({ task: null });
    expect(existing.body.errors?.[0]).toMatchObject({ errorType: 'Unauthorized', path: ['task'] });
    expect(existing.body).toEqual(missing.body);
    const wrongBoard = await getTask('carol', SEED_TASK_IDS.announcement, SEED_BOB_BOARD_ID);
    expect(wrongBoard.body.errors?.[0]).toMatchObject({ errorType: 'Unauthorized' });

    const admin = data<Task>(await getTask('admin', SEED_TASK_IDS.announcement), 'task');
    expect(admin).toMatchObject({ title: 'Write the launch announcement', assignee: { id: ids.bob }, createdBy: { id: ids.alice } });
    const adminWrite = await createTask('admin', { title: 'Support staff only read' });
    expect(adminWrite.body.errors?.[0]).toMatchObject({ errorType: 'Unauthorized' });
  });

  it.each([
    ['an empty title', { title: '   ' }, 'title'],
    ['a 201-character title', { title: 't'.repeat(201) }, 'title'],
    ['a description over 10,000 characters', { title: 'ok', description: 'd'.repeat(10_001) }, 'description'],
    ['21 labels', { title: 'ok', labels: Array.from({ length: 21 }, (_, i) => `l${i}`) }, 'labels'],
    ['a 51-character label', { title: 'ok', labels: ['l'.repeat(51)] }, 'labels'],
    ['a due date with a time zone', { title: 'ok', dueDate: '2026-12-24+01:00' }, 'dueDate'],
    ['a malformed position', { title: 'ok', afterPosition: 'not a position' }, 'afterPosition'],
    ['positions in the wrong order', { title: 'ok', afterPosition: 'a2', beforePosition: 'a1' }, 'afterPosition'],
    ['an assignee who is not a member', { title: 'ok', assigneeId: 'carol-is-not-here' }, 'assigneeId'],
  ])('createTask refuses %s with a ValidationError and writes nothing', async (_name, input, field) => {
    const count = await taskCount();
    const order = await allTasks();
    const r = await createTask('bob', input);
    expect(r.body.data).toBeNull();
    expect(r.body.errors?.[0]).toMatchObject({ errorType: 'ValidationError', errorInfo: { field }, path: ['createTask'] });
    expect(await taskCount()).toBe(count);
    expect(await allTasks()).toEqual(order);
  });

  it('an impossible due date never reaches the resolver: the AWSDate scalar refuses it', async () => {
    const count = await taskCount();
    const r = await createTask('bob', { title: 'ok', dueDate: '2026-02-30' });
    expect(r.body.data).toBeNull();
    expect(r.body.errors?.[0].message).toContain('AWSDate');
    expect(await taskCount()).toBe(count);
  });

  it('pages through Board.tasks with limit and nextToken, in the same order as one page', async () => {
    const whole = await allTasks();
    expect(whole.length).toBeGreaterThan(8);
    // Status, then position within the status.
    const ordinal: Record<string, number> = { TODO: 0, IN_PROGRESS: 1, IN_REVIEW: 2, DONE: 3 };
    const sorted = [...whole].sort((a, b) => ordinal[a.status] - ordinal[b.status] || (a.position < b.position ? -1 : a.position > b.position ? 1 : 0));
    expect(whole.map((t) => t.id)).toEqual(sorted.map((t) => t.id));

    const paged: string[] = [];
    let nextToken: string | null = null;
    let pages = 0;
    do {
      const r = await api.request('query($id: ID!, $n: String) { board(id: $id) { tasks(limit: 3, nextToken: $n) { items { id } nextToken } } }', { id: SEED_BOARD_ID, n: nextToken }, as('alice'));
      const page = data<{ tasks: { items: Array<{ id: string }>; nextToken: string | null } }>(r, 'board').tasks;
      expect(page.items.length).toBeLessThanOrEqual(3);
      paged.push(...page.items.map((t) => t.id));
      nextToken = page.nextToken;
      pages += 1;
    } while (nextToken && pages < 50);
    expect(paged).toEqual(whole.map((t) => t.id));
    expect(pages).toBeGreaterThanOrEqual(Math.ceil(whole.length / 3));

    const limits = await api.request('query($id: ID!) { board(id: $id) { tasks(limit: 101) { items { id } } } }', { id: SEED_BOARD_ID }, as('alice'));
    expect(limits.body.errors?.[0]).toMatchObject({ errorType: 'ValidationError', path: ['board', 'tasks'] });
  });

  it('a forged or tampered nextToken is rejected', async () => {
    const first = await api.request('query($id: ID!) { board(id: $id) { tasks(limit: 2) { nextToken } } }', { id: SEED_BOARD_ID }, as('alice'));
    const token = data<{ tasks: { nextToken: string } }>(first, 'board').tasks.nextToken;
    expect(token).toEqual(expect.any(String));
    const forgedKey = Buffer.from(JSON.stringify({ version: 1, token: Buffer.from(JSON.stringify({ key: { pk: `BOARD#${SEED_BOB_BOARD_ID}` } })).toString('base64url'), mac: 'AAAA' })).toString('base64');
    const decoded = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { token: string; mac: string };
    const tampered = Buffer.from(JSON.stringify({ ...decoded, mac: decoded.mac.slice(0, -2) + (decoded.mac.endsWith('AA') ? 'BB' : 'AA') })).toString('base64');
    for (const bad of ['not-a-token', forgedKey, tampered]) {
      const r = await api.request('query($id: ID!, $n: String) { board(id: $id) { tasks(limit: 2, nextToken: $n) { items { id } } } }', { id: SEED_BOARD_ID, n: bad }, as('alice'));
      expect(r.body.errors?.[0], bad).toMatchObject({ errorType: 'DynamoDB:UserIllegalArgumentException', path: ['board', 'tasks'] });
      expect(r.body.data).toEqual({ board: null });
    }
  });

  it('a board view with every task, its assignee and creator costs two requests more than the board alone', async () => {
    const count = async (operationName: string, query: string) => {
      log.length = 0;
      const r = await api.request(query, { id: SEED_BOARD_ID }, as('alice'), operationName);
      expect(r.body.errors).toBeUndefined();
      const line = log.find((l) => l.startsWith(`query ${operationName} `));
      return Number(/ dynamodb=(\d+)/.exec(line ?? '')?.[1] ?? NaN);
    };
    const board = await count('BoardOnly', 'query BoardOnly($id: ID!) { board(id: $id) { id name } }');
    const view = await count('BoardView', `query BoardView($id: ID!) { board(id: $id) { id name tasks(limit: 100) { items { id title assignee { id displayName } createdBy { id displayName } } } } }`);
    expect(board).toBeGreaterThan(0);
    expect(view - board).toBe(2);
  });

  it('myTasks lists the caller\'s assigned tasks across boards by status then due date', async () => {
    const r = await api.request('{ myTasks(limit: 100) { items { id boardId status dueDate assignee { id } } nextToken } }', {}, as('bob'));
    const items = data<{ items: Array<{ id: string; boardId: string; status: string; dueDate: string | null; assignee: { id: string } }> }>(r, 'myTasks').items;
    expect(items.every((t) => t.assignee.id === ids.bob)).toBe(true);
    expect(new Set(items.map((t) => t.boardId))).toEqual(new Set([SEED_BOARD_ID, SEED_BOB_BOARD_ID]));
    expect(items.map((t) => t.id)).toEqual(expect.arrayContaining([SEED_TASK_IDS.announcement, SEED_TASK_IDS.dns, SEED_TASK_IDS.pricingCopy, SEED_TASK_IDS.dynamoBook]));
    const ordinal: Record<string, number> = { TODO: 0, IN_PROGRESS: 1, IN_REVIEW: 2, DONE: 3 };
    const keys = items.map((t) => `${ordinal[t.status]}#${t.dueDate ?? '9999-12-31'}`);
    expect([...keys].sort()).toEqual(keys);
  });
});
