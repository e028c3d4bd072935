import { describe, expect, it } from 'vitest';
import { cognitoIdentity, givenResolver, TABLE_ENV } from '../../helpers/resolver';
import { profile, taskItem, taskResult } from './task-fixtures';

const taskQuery = givenResolver('resolvers/Query.task.ts');
const getTask = givenResolver('resolvers/functions/getTask.ts');
const boardTasks = givenResolver('resolvers/Board.tasks.ts');
const queryBoardTasks = givenResolver('resolvers/functions/queryBoardTasks.ts');
const myTasks = givenResolver('resolvers/Query.myTasks.ts');
const queryMyTasks = givenResolver('resolvers/functions/queryMyTasks.ts');
const assignee = givenResolver('resolvers/Task.assignee.ts');
const createdBy = givenResolver('resolvers/Task.createdBy.ts');

describe('Query.task pipeline', () => {
  it('asks loadMembership for VIEWER on the task\'s board and names the task', async () => {
    const { stash } = await taskQuery.whenRequest({ arguments: { boardId: 'b1', id: 't1' } });
    expect(stash).toEqual({ boardId: 'b1', taskId: 't1', requiredRole: 'VIEWER' });
  });

  it('reads the task with one GetItem (eventually consistent for reads, strongly for writes)', async () => {
    expect((await getTask.whenRequest({ stash: { boardId: 'b1', taskId: 't1' } })).result).toEqual({
      operation: 'GetItem', key: { pk: { S: 'BOARD#b1' }, sk: { S: 'TASK#t1' } }, consistentRead: false,
    });
    expect((await getTask.whenRequest({ stash: { boardId: 'b1', taskId: 't1', taskRequired: true } })).result).toMatchObject({ consistentRead: true });
  });

  it('returns the task without storage keys, or null when there is none', async () => {
    const found = await getTask.whenResponse({ stash: {}, result: taskItem() });
    expect(found.stash.task).toEqual(taskItem());
    expect((await taskQuery.whenResponse({ prev: { result: found.result }, stash: {} })).result).toEqual(taskResult());
    const missing = await getTask.whenResponse({ stash: {}, result: null });
    expect(missing.error).toBeUndefined();
    expect((await taskQuery.whenResponse({ prev: { result: missing.result }, stash: {} })).result).toBeNull();
  });

  it('for writes: a missing task is a NotFoundError, another version a ConflictError with the current one', async () => {
    const missing = await getTask.whenResponse({ stash: { taskRequired: true }, result: null });
    expect(missing.error).toMatchObject({ message: 'The task does not exist' });
    expect(missing.outErrors).toEqual([]);
    const stale = await getTask.whenResponse({ stash: { taskRequired: true, expectedVersion: 2 }, result: taskItem({ version: 3 }) });
    expect(stale.error?.message).toBe('The task is at version 3, not 2: reload it and retry');
    const current = await getTask.whenResponse({ stash: { taskRequired: true, expectedVersion: 3 }, result: taskItem({ version: 3 }) });
    expect(current.error).toBeUndefined();
    expect(current.stash.task).toEqual(taskItem());
  });

  it('passes a data-source error on', async () => {
    const out = await getTask.whenResponse({ stash: {}, result: null, error: { message: 'throttled', type: 'DynamoDB:ProvisionedThroughputExceededException' } });
    expect(out.error?.message).toBe('throttled');
  });
});

describe('Board.tasks pipeline', () => {
  it.each([[undefined, 20], [1, 1], [100, 100]])('limit %s becomes %s; the board comes from the parent', async (limit, expected) => {
    const { stash } = await boardTasks.whenRequest({ arguments: { limit, status: 'DONE' }, source: { id: 'b1', name: 'n' } });
    expect(stash).toEqual({
      limit: expected, boardId: 'b1', status: 'DONE',
      userRefs: [{ idField: 'assigneeId', as: 'assignee', required: false }, { idField: 'createdById', as: 'createdBy', required: true }],
    });
  });

  it.each([0, 101])('refuses limit %s with a ValidationError', async (limit) => {
    expect((await boardTasks.whenRequest({ arguments: { limit }, source: { id: 'b1' } })).error?.message).toBe('limit must be between 1 and 100');
  });

  it('queries lsi1 for one status, or every task, in board order', async () => {
    const one = await queryBoardTasks.whenRequest({ arguments: { nextToken: 'tok' }, stash: { boardId: 'b1', status: 'IN_REVIEW', limit: 7 } });
    expect(one.result).toEqual({
      operation: 'Query', index: 'lsi1', limit: 7, nextToken: 'tok',
      query: {
        expression: '(#pk = :pk_eq) AND (begins_with(#lsi1sk,:lsi1sk_beginsWith))',
        expressionNames: { '#pk': 'pk', '#lsi1sk': 'lsi1sk' },
        expressionValues: { ':pk_eq': { S: 'BOARD#b1' }, ':lsi1sk_beginsWith': { S: 'TASK#2#' } },
      },
    });
    const all = await queryBoardTasks.whenRequest({ arguments: {}, stash: { boardId: 'b1', status: null, limit: 20 } });
    expect(all.result).toMatchObject({ query: { expressionValues: { ':lsi1sk_beginsWith': { S: 'TASK#' } } } });
    expect(all.result).not.toHaveProperty('scanIndexForward');
  });

  it('maps the page without keys and keeps the nextToken for the connection', async () => {
    const out = await queryBoardTasks.whenResponse({ stash: {}, result: { items: [taskItem(), taskItem({ id: 't2', assigneeId: null })], nextToken: 'n2' } });
    expect(out.result).toEqual([taskResult(), taskResult({ id: 't2', assigneeId: null })]);
    expect(out.stash.nextToken).toBe('n2');
    const last = await queryBoardTasks.whenResponse({ stash: {}, result: { items: [], nextToken: null } });
    expect(last.stash.nextToken).toBeNull();
    const connection = await boardTasks.whenResponse({ prev: { result: out.result }, stash: { nextToken: 'n2' } });
    expect(connection.result).toEqual({ items: out.result, nextToken: 'n2' });
  });

  it('rejects a forged nextToken with the data source\'s error', async () => {
    const out = await queryBoardTasks.whenResponse({
      stash: {}, result: null,
      error: { type: 'DynamoDB:UserIllegalArgumentException', message: 'com.amazonaws.deepdish.common.pagination.InvalidPaginationTokenException: Invalid pagination token given.' },
    });
    expect(out.error?.message).toContain('Invalid pagination token');
  });

  it('attachUsers gets every assignee and creator of the page in one BatchGetItem', async () => {
    const attach = givenResolver('resolvers/functions/attachUsers.ts');
    const page = [taskResult(), taskResult({ id: 't2', assigneeId: null, createdById: 'bob' }), taskResult({ id: 't3', assigneeId: 'carol' })];
    const refs = (await boardTasks.whenRequest({ arguments: {}, source: { id: 'b1' } })).stash.userRefs;
    const request = await attach.whenRequest({ prev: { result: page }, stash: { userRefs: refs }, env: TABLE_ENV });
    const keys = (request.result as { tables: Record<string, { keys: Array<{ pk: { S: string } }> }> }).tables['Taskboard-Table'].keys;
    expect(keys.map((k) => k.pk.S).sort()).toEqual(['USER#alice', 'USER#bob', 'USER#carol']);
    const out = await attach.whenResponse({
      prev: { result: page }, stash: { ...request.stash }, env: TABLE_ENV,
      result: { data: { 'Taskboard-Table': [profile('bob'), profile('alice'), null] }, unprocessedKeys: { 'Taskboard-Table': [] } },
    });
    const tasks = out.result as Array<Record<string, unknown>>;
    expect(tasks[0]).toMatchObject({ assignee: { id: 'bob', displayName: 'BOB' }, createdBy: { id: 'alice' } });
    expect(tasks[1]).toMatchObject({ assignee: null, createdBy: { id: 'bob' } });
    // carol has no profile: a nullable assignee becomes null.
    expect(tasks[2]).toMatchObject({ assignee: null, createdBy: { id: 'alice' } });
  });
});

describe('Query.myTasks pipeline', () => {
  it('takes the page size and status, and attaches the same users as Board.tasks', async () => {
    const { stash } = await myTasks.whenRequest({ arguments: { status: 'TODO' } });
    expect(stash).toMatchObject({ limit: 20, status: 'TODO', userRefs: [{ idField: 'assigneeId' }, { idField: 'createdById' }] });
    expect((await myTasks.whenRequest({ arguments: { limit: 0 } })).error?.message).toBe('limit must be between 1 and 100');
  });

  it('queries the caller\'s gsi2 partition, by status when given', async () => {
    const byStatus = await queryMyTasks.whenRequest({ arguments: { nextToken: 't' }, identity: cognitoIdentity('bob'), stash: { limit: 5, status: 'IN_PROGRESS' } });
    expect(byStatus.result).toEqual({
      operation: 'Query', index: 'gsi2', limit: 5, nextToken: 't',
      query: {
        expression: '(#gsi2pk = :gsi2pk_eq) AND (begins_with(#gsi2sk,:gsi2sk_beginsWith))',
        expressionNames: { '#gsi2pk': 'gsi2pk', '#gsi2sk': 'gsi2sk' },
        expressionValues: { ':gsi2pk_eq': { S: 'USER#bob' }, ':gsi2sk_beginsWith': { S: '1#' } },
      },
    });
    const all = await queryMyTasks.whenRequest({ arguments: {}, identity: cognitoIdentity('bob'), stash: { limit: 5, status: null } });
    expect(all.result).toMatchObject({ query: { expression: '(#gsi2pk = :gsi2pk_eq)' } });
  });

  it('is Unauthorized without a user-pool identity', async () => {
    const out = await queryMyTasks.whenRequest({ arguments: {}, identity: { accountId: '1', userArn: 'arn' }, stash: { limit: 5, status: null } });
    expect(out.error?.message).toBe('Unauthorized');
  });

  it('maps the page and keeps the nextToken', async () => {
    const out = await queryMyTasks.whenResponse({ stash: {}, result: { items: [taskItem()], nextToken: null } });
    expect(out.result).toEqual([taskResult()]);
    const connection = await myTasks.whenResponse({ prev: { result: out.result }, stash: { nextToken: null } });
    expect(connection.result).toEqual({ items: [taskResult()], nextToken: null });
  });
});

describe('Task.assignee and Task.createdBy', () => {
  it('use the User a list attached, with no request', async () => {
    const user = { id: 'bob', email: 'bob@example.com', displayName: 'Bob', createdAt: 'c' };
    expect((await assignee.whenRequest({ source: taskResult({ assignee: user }) })).result).toEqual(user);
    expect((await assignee.whenRequest({ source: taskResult({ assignee: null }) })).result).toBeNull();
    expect((await createdBy.whenRequest({ source: taskResult({ createdBy: user }) })).result).toEqual(user);
  });

  it('assignee: null for an unassigned task without a request', async () => {
    expect((await assignee.whenRequest({ source: taskResult({ assigneeId: null }) })).result).toBeNull();
  });

  it('otherwise read one profile with GetItem', async () => {
    expect((await assignee.whenRequest({ source: taskResult() })).result).toEqual({ operation: 'GetItem', key: { pk: { S: 'USER#bob' }, sk: { S: 'PROFILE' } } });
    expect((await createdBy.whenRequest({ source: taskResult() })).result).toEqual({ operation: 'GetItem', key: { pk: { S: 'USER#alice' }, sk: { S: 'PROFILE' } } });
  });

  it('map the profile; a missing one is null for the assignee, a placeholder for the creator (non-null)', async () => {
    expect((await assignee.whenResponse({ source: taskResult(), result: profile('bob') })).result).toEqual({ id: 'bob', email: 'bob@example.com', displayName: 'BOB', createdAt: 'c' });
    expect((await assignee.whenResponse({ source: taskResult(), result: null })).result).toBeNull();
    expect((await createdBy.whenResponse({ source: taskResult(), result: profile('alice') })).result).toMatchObject({ id: 'alice', displayName: 'ALICE' });
    expect((await createdBy.whenResponse({ source: taskResult(), result: null })).result).toEqual({
      id: 'alice', email: 'unknown@invalid', displayName: 'Unknown user', createdAt: '1970-01-01T00:00:00.000Z',
    });
  });

  it('pass a data-source error on', async () => {
    const error = { message: 'boom', type: 'DynamoDB:InternalFailure' };
    expect((await assignee.whenResponse({ source: taskResult(), result: null, error })).error?.message).toBe('boom');
    expect((await createdBy.whenResponse({ source: taskResult(), result: null, error })).error?.message).toBe('boom');
  });
});
