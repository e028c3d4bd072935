/**
 * Concurrency, nothing lost: many clients at once on one task, one board, one member list, one
 * comment thread. Optimistic concurrency lets exactly one racer win; counters kept in the same
 * transaction as their items stay equal to the items in the table; every acknowledged write is
 * readable afterwards, and no unacknowledged one appears.
 */
import { QueryCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boardPk, commentPk, MEMBER_SK_PREFIX, TASK_SK_PREFIX } from '../../resolvers/lib/keys';
import type { GraphQLReply, LocalApi } from '../helpers/local-api';
import { appSyncErrorProblems, errorTypes } from './support/appsync-errors';
import { SuiteFigures } from './support/figures';
import { profile } from './support/profile';
import { createUsers, field, givenReliabilityApi, inPool, tableClient, tableName } from './support/taskboard';

const P = profile.concurrency;
const figures = new SuiteFigures('concurrency', profile.name);
let api: LocalApi;
let alice: Record<string, string>;
let bob: Record<string, string>;

beforeAll(async () => {
  api = await givenReliabilityApi();
  alice = await api.as('alice');
  bob = await api.as('bob');
});
afterAll(async () => {
  figures.write();
  await api?.close();
});

/** Sends one operation and counts it in the figures. */
async function send(query: string, variables: Record<string, unknown>, headers: Record<string, string>): Promise<GraphQLReply> {
  const reply = await api.request(query, variables, headers);
  figures.count(reply.body.errors, reply.status);
  if (reply.body.errors) expect(appSyncErrorProblems(reply)).toEqual([]);
  return reply;
}

async function newBoard(name: string): Promise<string> {
  const r = await send('mutation($in: CreateBoardInput!) { createBoard(input: $in) { id } }', { in: { name } }, alice);
  const board = field<{ id: string }>(r, 'createBoard');
  if (!board) throw new Error(`createBoard failed: ${JSON.stringify(r.body)}`);
  // bob edits too, so the writers are two different users.
  const added = await send('mutation($b: ID!) { addMember(boardId: $b, email: "bob@example.com", role: EDITOR) { role } }', { b: board.id }, alice);
  expect(added.body.errors).toBeUndefined();
  return board.id;
}

async function counters(boardId: string): Promise<{ taskCount: number; memberCount: number }> {
  const r = await send('query($id: ID!) { board(id: $id) { taskCount memberCount } }', { id: boardId }, alice);
  return field<{ taskCount: number; memberCount: number }>(r, 'board')!;
}

/** Items of one partition whose sort key starts with `prefix`, read from the table itself. */
async function countItems(pk: string, prefix: string): Promise<number> {
  let count = 0;
  let start: Record<string, never> | undefined;
  do {
    const out = await tableClient(api).send(new QueryCommand({
      TableName: tableName(api), ConsistentRead: true, Select: 'COUNT', ExclusiveStartKey: start,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)', ExpressionAttributeValues: { ':pk': { S: pk }, ':prefix': { S: prefix } },
    }));
    count += out.Count ?? 0;
    start = out.LastEvaluatedKey as typeof start;
  } while (start);
  return count;
}

/** Follows nextToken through a connection, as a client pages. */
async function pageAll(query: string, variables: Record<string, unknown>, pick: (data: Record<string, unknown>) => { items: Array<{ id: string }>; nextToken: string | null }): Promise<string[]> {
  const ids: string[] = [];
  let nextToken: string | null = null;
  do {
    const r = await send(query, { ...variables, n: nextToken }, alice);
    expect(r.body.errors, JSON.stringify(r.body.errors)).toBeUndefined();
    const page = pick(r.body.data!);
    ids.push(...page.items.map((i) => i.id));
    nextToken = page.nextToken;
  } while (nextToken);
  return ids;
}

describe('optimistic concurrency', () => {
  it(`${P.racers} clients updating one task with the same expectedVersion: exactly one wins each round, the rest get ConflictError`, async () => {
    const boardId = await newBoard('Racing');
    const created = await send('mutation($in: CreateTaskInput!) { createTask(input: $in) { id version } }', { in: { boardId, title: 'Contended' } }, alice);
    const task = field<{ id: string; version: number }>(created, 'createTask')!;
    let conflicts = 0;
    for (let round = 0; round < P.rounds; round++) {
      const version = task.version + round;
      const replies = await Promise.all(Array.from({ length: P.racers }, (_, i) => send(
        'mutation($in: UpdateTaskInput!) { updateTask(input: $in) { id version title } }',
        { in: { boardId, id: task.id, expectedVersion: version, title: `round ${round} by racer ${i}` } },
        i % 2 === 0 ? alice : bob,
      )));
      const winners = replies.map((r, i) => ({ r, i })).filter(({ r }) => !r.body.errors);
      expect(winners, `round ${round}`).toHaveLength(1);
      const losers = replies.filter((r) => r.body.errors);
      expect(losers.flatMap(errorTypes)).toEqual(Array(P.racers - 1).fill('ConflictError'));
      conflicts += losers.length;
      const read = await send('query($b: ID!, $id: ID!) { task(boardId: $b, id: $id) { version title } }', { b: boardId, id: task.id }, bob);
      expect(field(read, 'task')).toEqual({ version: version + 1, title: `round ${round} by racer ${winners[0].i}` });
    }
    figures.addWrites(P.rounds, P.rounds);
    figures.note(`${P.racers} racers × ${P.rounds} rounds on one task: ${P.rounds} won (one per round), ${conflicts} got ConflictError; the stored title is each round's winner's.`);
  });
});

describe('counters', () => {
  it(`${P.taskWrites} concurrent createTask/deleteTask on one board leave taskCount equal to the real count, and every acknowledged write readable`, async () => {
    const boardId = await newBoard('Churn');
    const created: string[] = [];
    const deleted = new Set<string>();
    let failedCreates = 0;
    let failedDeletes = 0;
    // taskWrites operations in all: each worker creates a task and deletes every other one it created at once,
    // so creates and deletes interleave on the board's counter.
    const creates = Math.round((P.taskWrites * 2) / 3);
    await inPool(Array.from({ length: creates }, (_, i) => i), P.inFlight, async (i) => {
      const headers = i % 2 === 0 ? alice : bob;
      const r = await send('mutation($in: CreateTaskInput!) { createTask(input: $in) { id } }', { in: { boardId, title: `churn ${i}` } }, headers);
      const task = field<{ id: string }>(r, 'createTask');
      if (!task) {
        failedCreates++;
        return;
      }
      created.push(task.id);
      if (i % 2 === 1) {
        const d = await send('mutation($b: ID!, $id: ID!) { deleteTask(boardId: $b, id: $id) { id } }', { b: boardId, id: task.id }, headers);
        if (field(d, 'deleteTask')) deleted.add(task.id);
        else failedDeletes++;
      }
    });
    const remaining = created.filter((id) => !deleted.has(id));
    const inTable = await countItems(boardPk(boardId), TASK_SK_PREFIX);
    const { taskCount } = await counters(boardId);
    expect(inTable).toBe(remaining.length);
    expect(taskCount).toBe(inTable);
    // Through the API: the board's task list (paged) holds exactly the acknowledged, undeleted tasks.
    const listed = await pageAll(
      'query($id: ID!, $n: String) { board(id: $id) { tasks(limit: 100, nextToken: $n) { items { id } nextToken } } }', { id: boardId },
      (d) => (d.board as { tasks: { items: Array<{ id: string }>; nextToken: string | null } }).tasks,
    );
    expect(new Set(listed)).toEqual(new Set(remaining));
    expect(listed).toHaveLength(remaining.length);
    for (const id of [...deleted].slice(0, 50)) {
      const r = await send('query($b: ID!, $id: ID!) { task(boardId: $b, id: $id) { id } }', { b: boardId, id }, alice);
      expect(field(r, 'task')).toBeUndefined();
    }
    // A create is found listed, or proven by its acknowledged delete (whose condition is "exists"); a delete is found absent.
    figures.addWrites(created.length + deleted.size, listed.filter((id) => remaining.includes(id)).length + deleted.size + deleted.size);
    figures.note(`${creates + Math.floor(creates / 2)} createTask/deleteTask on one board with ${P.inFlight} in flight (every other task deleted as soon as it was created): ${created.length} created and ${deleted.size} deleted (acknowledged), ` +
      `${failedCreates} creates and ${failedDeletes} deletes refused; ${inTable} tasks in the table = taskCount ${taskCount} = tasks listed through the API.`);
  });

  it(`${P.members} users added twice at once and half removed concurrently leave memberCount right`, async () => {
    const boardId = await newBoard('Crowd');
    const users = await createUsers(api, Array.from({ length: P.members }, (_, i) => `crowd-${i}-${Date.now()}@example.com`));
    const added: string[] = [];
    const removed = new Set<string>();
    let duplicateRefusals = 0;
    await Promise.all(users.map(async (user, i) => {
      // The same user twice at once: the membership's condition lets exactly one in.
      const replies = await Promise.all([0, 1].map(() => send(
        'mutation($b: ID!, $e: AWSEmail!) { addMember(boardId: $b, email: $e, role: VIEWER) { user { id } } }', { b: boardId, e: user.email }, alice,
      )));
      const ok = replies.map((r) => field<{ user: { id: string } }>(r, 'addMember')).filter((m) => m !== undefined);
      expect(ok, user.email).toHaveLength(1);
      duplicateRefusals += replies.filter((r) => r.body.errors).length;
      const userId = ok[0]!.user.id;
      added.push(userId);
      if (i % 2 === 0) {
        const r = await send('mutation($b: ID!, $u: ID!) { removeMember(boardId: $b, userId: $u) { user { id } } }', { b: boardId, u: userId }, alice);
        expect(r.body.errors, JSON.stringify(r.body.errors)).toBeUndefined();
        removed.add(userId);
      }
    }));
    // alice (owner) and bob (editor) were members before.
    const expected = 2 + added.length - removed.size;
    const inTable = await countItems(boardPk(boardId), MEMBER_SK_PREFIX);
    const { memberCount } = await counters(boardId);
    expect(inTable).toBe(expected);
    expect(memberCount).toBe(expected);
    const listed = await pageAll(
      'query($id: ID!, $n: String) { board(id: $id) { members(limit: 100, nextToken: $n) { items { id: boardId user { id } } nextToken } } }', { id: boardId },
      (d) => {
        const page = (d.board as { members: { items: Array<{ user: { id: string } }>; nextToken: string | null } }).members;
        return { items: page.items.map((m) => ({ id: m.user.id })), nextToken: page.nextToken };
      },
    );
    for (const id of added) expect(listed.includes(id), id).toBe(!removed.has(id));
    const stillListed = added.filter((id) => !removed.has(id) && listed.includes(id)).length;
    const goneAsRemoved = [...removed].filter((id) => !listed.includes(id)).length;
    figures.addWrites(added.length + removed.size, stillListed + removed.size + goneAsRemoved);
    figures.note(`${P.members} users each added twice at once (${duplicateRefusals} duplicates refused), ${removed.size} removed concurrently: ${inTable} memberships in the table = memberCount ${memberCount}.`);
  });
});

describe('acknowledged writes', () => {
  it(`${P.comments} concurrent addComment on one task are all readable`, async () => {
    const boardId = await newBoard('Chatter');
    const created = await send('mutation($in: CreateTaskInput!) { createTask(input: $in) { id } }', { in: { boardId, title: 'Discussed' } }, alice);
    const taskId = field<{ id: string }>(created, 'createTask')!.id;
    const replies = await inPool(Array.from({ length: P.comments }, (_, i) => i), P.inFlight, (i) => send(
      'mutation($in: AddCommentInput!) { addComment(input: $in) { id } }', { in: { boardId, taskId, body: `comment ${i}` } }, i % 2 === 0 ? alice : bob,
    ));
    const acknowledged = replies.map((r) => field<{ id: string }>(r, 'addComment')?.id).filter((id): id is string => id !== undefined);
    expect(acknowledged).toHaveLength(P.comments);
    const listed = await pageAll(
      'query($b: ID!, $t: ID!, $n: String) { task(boardId: $b, id: $t) { comments(limit: 100, nextToken: $n) { items { id } nextToken } } }', { b: boardId, t: taskId },
      (d) => (d.task as { comments: { items: Array<{ id: string }>; nextToken: string | null } }).comments,
    );
    expect(new Set(listed)).toEqual(new Set(acknowledged));
    expect(await countItems(commentPk(boardId, taskId), 'COMMENT#')).toBe(P.comments);
    figures.addWrites(acknowledged.length, listed.length);
    figures.note(`${P.comments} addComment on one task with ${P.inFlight} in flight: ${acknowledged.length} acknowledged, ${listed.length} listed through Task.comments.`);
  });
});
