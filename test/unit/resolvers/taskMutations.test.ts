import { describe, expect, it } from 'vitest';
import { cognitoIdentity, givenResolver, TABLE_ENV } from '../../helpers/resolver';
import { raised, taskItem, taskResult } from './task-fixtures';

const createTask = givenResolver('resolvers/Mutation.createTask.ts');
const updateTask = givenResolver('resolvers/Mutation.updateTask.ts');
const moveTask = givenResolver('resolvers/Mutation.moveTask.ts');
const deleteTask = givenResolver('resolvers/Mutation.deleteTask.ts');
const checkAssignee = givenResolver('resolvers/functions/checkAssignee.ts');
const placeTask = givenResolver('resolvers/functions/placeTask.ts');
const createTaskItem = givenResolver('resolvers/functions/createTaskItem.ts');
const updateTaskItem = givenResolver('resolvers/functions/updateTaskItem.ts');
const deleteTaskItem = givenResolver('resolvers/functions/deleteTaskItem.ts');

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const asBob = (args: Record<string, unknown>) => ({ arguments: args, identity: cognitoIdentity('bob'), env: TABLE_ENV });
type Draft = Record<string, unknown>;

describe('Mutation.createTask', () => {
  it('validates, drafts the task with defaults and asks loadMembership for EDITOR', async () => {
    const { stash, error } = await createTask.whenRequest(asBob({ input: { boardId: 'b1', title: '  Ship it  ', labels: [' a ', 'b'] } }));
    expect(error).toBeUndefined();
    expect(stash).toMatchObject({ boardId: 'b1', requiredRole: 'EDITOR', assigneeId: null, status: 'TODO', after: null, before: null });
    const draft = stash.draft as Draft;
    expect(draft).toMatchObject({
      type: 'Task', boardId: 'b1', title: 'Ship it', description: null, status: 'TODO', priority: 'MEDIUM', assigneeId: null,
      dueDate: null, labels: ['a', 'b'], createdById: 'bob', version: 1,
    });
    expect(draft.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(draft.createdAt).toMatch(ISO);
    expect(draft.updatedAt).toBe(draft.createdAt);
    expect(draft).not.toHaveProperty('completedAt');
    expect(draft).not.toHaveProperty('position');
  });

  it('keeps every given field, and stamps completedAt on a task created DONE', async () => {
    const { stash } = await createTask.whenRequest(asBob({
      input: { boardId: 'b1', title: 'Done already', description: 'd', status: 'DONE', priority: 'URGENT', assigneeId: 'alice', dueDate: '2028-02-29', afterPosition: 'a1', beforePosition: 'a2' },
    }));
    expect(stash).toMatchObject({ assigneeId: 'alice', status: 'DONE', after: 'a1', before: 'a2' });
    const draft = stash.draft as Draft;
    expect(draft).toMatchObject({ description: 'd', status: 'DONE', priority: 'URGENT', assigneeId: 'alice', dueDate: '2028-02-29' });
    expect(draft.completedAt).toBe(draft.createdAt);
  });

  it.each([
    ['an empty title', { title: ' ' }, 'title', 'title must not be empty'],
    ['a 201-character title', { title: 'x'.repeat(201) }, 'title', 'title must be at most 200 characters'],
    ['a description over 10,000 characters', { description: 'd'.repeat(10_001) }, 'description', 'description must be at most 10000 characters'],
    ['21 labels', { labels: Array.from({ length: 21 }, (_, i) => `l${i}`) }, 'labels', 'labels must have at most 20 labels'],
    ['an empty label', { labels: ['ok', '  '] }, 'labels', 'labels must each be 1 to 50 characters'],
    ['a 51-character label', { labels: ['l'.repeat(51)] }, 'labels', 'labels must each be 1 to 50 characters'],
    ['30 February', { dueDate: '2026-02-30' }, 'dueDate', 'dueDate must be a real date'],
    ['29 February in a common year', { dueDate: '2100-02-29' }, 'dueDate', 'dueDate must be a real date'],
    ['month 13', { dueDate: '2026-13-01' }, 'dueDate', 'dueDate must be a real date'],
    ['day 0', { dueDate: '2026-01-00' }, 'dueDate', 'dueDate must be a real date'],
    ['a date with a zone', { dueDate: '2026-01-01Z' }, 'dueDate', 'dueDate must be a date written YYYY-MM-DD'],
    ['a date with letters', { dueDate: '2026-0a-01' }, 'dueDate', 'dueDate must be a date written YYYY-MM-DD'],
    ['a malformed afterPosition', { afterPosition: 'a0' + '0' }, 'afterPosition', 'afterPosition is not a position (a fractional index such as a0 or a1V)'],
    ['a malformed beforePosition', { beforePosition: 'TASK#0#a1' }, 'beforePosition', 'beforePosition is not a position (a fractional index such as a0 or a1V)'],
    ['equal positions', { afterPosition: 'a1', beforePosition: 'a1' }, 'afterPosition', 'afterPosition must sort before beforePosition'],
    ['reversed positions', { afterPosition: 'a2', beforePosition: 'a1V' }, 'afterPosition', 'afterPosition must sort before beforePosition'],
  ])('refuses %s with a ValidationError naming the field, before any request', async (_name, input, field, message) => {
    const ctx = asBob({ input: { boardId: 'b1', title: 'ok', ...input } });
    expect(raised(createTask, 'request', ctx)).toEqual({ message, errorType: 'ValidationError', errorInfo: { field } });
  });

  it('accepts 29 February in a leap year and exactly 20 labels of 50 characters', async () => {
    const labels = Array.from({ length: 20 }, (_, i) => `${i}`.padEnd(50, 'x'));
    const { error, stash } = await createTask.whenRequest(asBob({ input: { boardId: 'b1', title: 'ok', dueDate: '2000-02-29', labels } }));
    expect(error).toBeUndefined();
    expect((stash.draft as Draft).labels).toEqual(labels);
  });

  it('returns the stored task without keys', async () => {
    const out = await createTask.whenResponse({ prev: { result: taskItem({ version: 1 }) }, stash: {} });
    expect(out.result).toEqual(taskResult({ version: 1 }));
  });
});

describe('checkAssignee', () => {
  it('reads the new assignee\'s membership of the board', async () => {
    const out = await checkAssignee.whenRequest({ identity: cognitoIdentity('bob'), stash: { boardId: 'b1', assigneeId: 'alice' }, prev: { result: 'EDITOR' } });
    expect(out.result).toEqual({ operation: 'GetItem', key: { pk: { S: 'BOARD#b1' }, sk: { S: 'MEMBER#alice' } }, consistentRead: true });
  });

  it.each([
    ['no assignee', { assigneeId: null }],
    ['the caller', { assigneeId: 'bob' }],
    ['the task\'s current assignee', { assigneeId: 'carol', task: taskItem({ assigneeId: 'carol' }) }],
  ])('makes no request for %s', async (_name, stash) => {
    const out = await checkAssignee.whenRequest({ identity: cognitoIdentity('bob'), stash: { boardId: 'b1', ...stash }, prev: { result: 'EDITOR' } });
    expect(out.result).toBe('EDITOR');
  });

  it('passes a member (any role) on and refuses a non-member with a ValidationError', async () => {
    const ok = await checkAssignee.whenResponse({ stash: { boardId: 'b1', assigneeId: 'alice' }, prev: { result: 'EDITOR' }, result: { userId: 'alice', role: 'VIEWER' } });
    expect(ok.result).toBe('EDITOR');
    expect(raised(checkAssignee, 'response', { stash: { boardId: 'b1', assigneeId: 'zed' }, prev: { result: 'EDITOR' }, result: null }))
      .toEqual({ message: 'assigneeId must be a member of the board', errorType: 'ValidationError', errorInfo: { field: 'assigneeId' } });
  });
});

describe('placeTask', () => {
  const stash = (after: string | null, before: string | null, status = 'IN_PROGRESS') => ({ boardId: 'b1', status, after, before });
  const page = (position: string | null) => ({ items: position ? [taskItem({ position })] : [], nextToken: null });

  it('with both neighbours, places the task between them without a request', async () => {
    const out = await placeTask.whenRequest({ stash: stash('a1', 'a2'), prev: { result: 'EDITOR' } });
    expect(out.result).toBe('EDITOR');
    expect(out.stash.position).toBe('a1V');
  });

  it('with none, reads the last task of the status (lsi1, descending, Limit 1, consistent)', async () => {
    const out = await placeTask.whenRequest({ stash: stash(null, null), prev: { result: 'EDITOR' } });
    expect(out.result).toEqual({
      operation: 'Query', index: 'lsi1', limit: 1, scanIndexForward: false, consistentRead: true,
      query: {
        expression: '(#pk = :pk_eq) AND (begins_with(#lsi1sk,:lsi1sk_beginsWith))',
        expressionNames: { '#pk': 'pk', '#lsi1sk': 'lsi1sk' },
        expressionValues: { ':pk_eq': { S: 'BOARD#b1' }, ':lsi1sk_beginsWith': { S: 'TASK#1#' } },
      },
    });
    expect((await placeTask.whenResponse({ stash: stash(null, null), prev: { result: 'EDITOR' }, result: page('a7') })).stash.position).toBe('a8');
    expect((await placeTask.whenResponse({ stash: stash(null, null), prev: { result: 'EDITOR' }, result: page(null) })).stash.position).toBe('a0');
  });

  it('with only afterPosition, reads the task that follows it and lands in between', async () => {
    const out = await placeTask.whenRequest({ stash: stash('a1', null, 'DONE'), prev: { result: 'EDITOR' } });
    expect(out.result).toMatchObject({
      operation: 'Query', index: 'lsi1', limit: 1, consistentRead: true,
      query: {
        expression: '(#pk = :pk_eq) AND (#lsi1sk BETWEEN :lsi1sk_between_start AND :lsi1sk_between_end)',
        expressionValues: { ':pk_eq': { S: 'BOARD#b1' }, ':lsi1sk_between_start': { S: 'TASK#3#a1#~' }, ':lsi1sk_between_end': { S: 'TASK#3#~' } },
      },
    });
    expect(out.result).not.toHaveProperty('scanIndexForward');
    expect((await placeTask.whenResponse({ stash: stash('a1', null), result: page('a2'), prev: { result: 'EDITOR' } })).stash.position).toBe('a1V');
    expect((await placeTask.whenResponse({ stash: stash('a1', null), result: page(null), prev: { result: 'EDITOR' } })).stash.position).toBe('a2');
  });

  it('with only beforePosition, reads the task that precedes it and lands in between', async () => {
    const out = await placeTask.whenRequest({ stash: stash(null, 'a2', 'TODO'), prev: { result: 'EDITOR' } });
    expect(out.result).toMatchObject({
      operation: 'Query', index: 'lsi1', limit: 1, scanIndexForward: false, consistentRead: true,
      query: { expressionValues: { ':lsi1sk_between_start': { S: 'TASK#0#' }, ':lsi1sk_between_end': { S: 'TASK#0#a2#' } } },
    });
    expect((await placeTask.whenResponse({ stash: stash(null, 'a2'), result: page('a1'), prev: { result: 'EDITOR' } })).stash.position).toBe('a1V');
    expect((await placeTask.whenResponse({ stash: stash(null, 'a2'), result: page(null), prev: { result: 'EDITOR' } })).stash.position).toBe('a1');
  });

  it('keeps the sort-key range right: every position above `after` and nothing of the next status is inside it', () => {
    const low = 'TASK#3#a1#~';
    const high = 'TASK#3#~';
    const id = '5eed7a5c-0000-4000-8000-00000000000a';
    const inside = ['a1V', 'a10V', 'a2', 'b00', 'zzzzzzzzzzzzzzzzzzzzzzzzzzz'].map((p) => `TASK#3#${p}#${id}`);
    const outside = [`TASK#3#a1#${id}`, `TASK#3#a0z#${id}`, `TASK#3#Zz#${id}`, `TASK#4#a0#${id}`, `TASK#2#z0#${id}`];
    for (const key of inside) expect(key > low && key < high, key).toBe(true);
    for (const key of outside) expect(key > low && key < high, key).toBe(false);
  });

  it('passes a data-source error on, and refuses when no key fits', async () => {
    const failed = await placeTask.whenResponse({ stash: stash(null, null), prev: { result: 'EDITOR' }, result: null, error: { message: 'boom', type: 'DynamoDB:InternalFailure' } });
    expect(failed.error?.message).toBe('boom');
    const long = 'a1' + 'z'.repeat(898);
    expect(raised(placeTask, 'response', { stash: stash(long, null), prev: { result: 'EDITOR' }, result: page('a2') })).toMatchObject({ errorType: 'ValidationError', errorInfo: { field: 'afterPosition' } });
  });
});

describe('createTaskItem', () => {
  const draft = {
    type: 'Task', id: 't9', boardId: 'b1', title: 'T', description: null, status: 'IN_REVIEW', priority: 'LOW', assigneeId: 'bob',
    dueDate: '2026-01-02', labels: ['l'], createdById: 'alice', createdAt: 'c', updatedAt: 'c', version: 1,
  };

  it('puts the task (only if new) and counts it on its board (only if the board exists) in one transaction', async () => {
    const { result, stash } = await createTaskItem.whenRequest({ env: TABLE_ENV, stash: { draft, position: 'a3' } });
    const [put, count] = (result as { transactItems: Array<Record<string, unknown>> }).transactItems;
    expect((result as { operation: string }).operation).toBe('TransactWriteItems');
    expect(put).toEqual({
      table: 'Taskboard-Table', operation: 'PutItem', key: { pk: { S: 'BOARD#b1' }, sk: { S: 'TASK#t9' } },
      attributeValues: {
        lsi1sk: { S: 'TASK#2#a3#t9' }, gsi2pk: { S: 'USER#bob' }, gsi2sk: { S: '2#2026-01-02#t9' },
        // Open and dated: in the overdue digest's index, in board b1's shard ('b' is 11 and '1' is 1 in the shard alphabet: 12 % 8 = 4).
        gsi3pk: { S: 'DUE#4' }, gsi3sk: { S: 'b1#2026-01-02#t9' }, type: { S: 'Task' }, id: { S: 't9' },
        boardId: { S: 'b1' }, title: { S: 'T' }, description: { NULL: null }, status: { S: 'IN_REVIEW' }, priority: { S: 'LOW' },
        assigneeId: { S: 'bob' }, dueDate: { S: '2026-01-02' }, labels: { L: [{ S: 'l' }] }, createdById: { S: 'alice' },
        createdAt: { S: 'c' }, updatedAt: { S: 'c' }, version: { N: 1 }, position: { S: 'a3' },
      },
      condition: { expression: '(attribute_not_exists(#pk))', expressionNames: { '#pk': 'pk' } },
    });
    expect(count).toEqual({
      table: 'Taskboard-Table', operation: 'UpdateItem', key: { pk: { S: 'BOARD#b1' }, sk: { S: '#META' } },
      update: { expression: 'SET #expName_1 = #expName_1 + :expValue_1', expressionNames: { '#expName_1': 'taskCount' }, expressionValues: { ':expValue_1': { N: 1 } } },
      condition: { expression: '(attribute_exists(#pk))', expressionNames: { '#pk': 'pk' } },
    });
    // The same shape as the seed's task items (resolvers/lib/items.ts TaskItem).
    expect(Object.keys(stash.task as Draft).sort()).toEqual(Object.keys(taskItem()).sort());
  });

  it('leaves an unassigned task out of gsi2, and an undated one out of gsi3 (no index keys)', async () => {
    const { result } = await createTaskItem.whenRequest({ env: TABLE_ENV, stash: { draft: { ...draft, assigneeId: null, dueDate: null }, position: 'a0' } });
    const put = (result as { transactItems: Array<{ attributeValues: Record<string, unknown> }> }).transactItems[0];
    for (const key of ['gsi2pk', 'gsi2sk', 'gsi3pk', 'gsi3sk']) expect(put.attributeValues).not.toHaveProperty(key);
    expect(put.attributeValues.assigneeId).toEqual({ NULL: null });
  });

  it('leaves a task created DONE out of gsi3 even when dated: it can never be overdue', async () => {
    const { result } = await createTaskItem.whenRequest({ env: TABLE_ENV, stash: { draft: { ...draft, status: 'DONE' }, position: 'a0' } });
    const put = (result as { transactItems: Array<{ attributeValues: Record<string, unknown> }> }).transactItems[0];
    expect(put.attributeValues).toHaveProperty('gsi2pk');
    expect(put.attributeValues).not.toHaveProperty('gsi3pk');
  });

  it('returns the stored item; a cancelled transaction on the board meta is a NotFoundError', async () => {
    const task = { ...draft, pk: 'BOARD#b1', sk: 'TASK#t9', position: 'a3' };
    expect((await createTaskItem.whenResponse({ stash: { task }, result: { keys: [] } })).result).toEqual(task);
    const error = { type: 'DynamoDB:TransactionCanceledException', message: 'Transaction cancelled' };
    const gone = { keys: null, cancellationReasons: [{ type: 'None', message: 'None' }, { type: 'ConditionCheckFailed', message: 'The condition check failed.' }] };
    expect(raised(createTaskItem, 'response', { stash: { task }, result: gone, error })).toMatchObject({ message: 'The board does not exist', errorType: 'NotFoundError' });
    const conflict = { keys: null, cancellationReasons: [{ type: 'TransactionConflict', message: 'x' }, { type: 'None', message: 'None' }] };
    expect(raised(createTaskItem, 'response', { stash: { task }, result: conflict, error })).toMatchObject({ errorType: 'DynamoDB:TransactionCanceledException' });
  });
});

describe('Mutation.updateTask', () => {
  const input = (fields: Record<string, unknown>) => asBob({ input: { boardId: 'b1', id: 't1', expectedVersion: 3, ...fields } });

  it('asks for EDITOR, an existing task at expectedVersion, and collects only the given fields', async () => {
    const { stash } = await updateTask.whenRequest(input({ title: ' New ', priority: 'LOW', labels: ['x '] }));
    expect(stash).toEqual({
      boardId: 'b1', taskId: 't1', requiredRole: 'EDITOR', taskRequired: true, expectedVersion: 3, assigneeId: null,
      changes: { title: 'New', priority: 'LOW', labels: ['x'] },
    });
  });

  it('turns nulls into clears: description, assignee, due date, labels (to [])', async () => {
    const { stash } = await updateTask.whenRequest(input({ description: null, assigneeId: null, dueDate: null, labels: null }));
    expect(stash.changes).toEqual({ description: null, assigneeId: null, dueDate: null, labels: [] });
  });

  it('hands a new assignee to checkAssignee', async () => {
    const { stash } = await updateTask.whenRequest(input({ assigneeId: 'carol', dueDate: '2027-03-01' }));
    expect(stash).toMatchObject({ assigneeId: 'carol', changes: { assigneeId: 'carol', dueDate: '2027-03-01' } });
  });

  it.each([
    ['a null title', { title: null }, 'title'],
    ['a null priority', { priority: null }, 'priority'],
    ['a long description', { description: 'd'.repeat(10_001) }, 'description'],
    ['a bad date', { dueDate: '2026-04-31' }, 'dueDate'],
    ['too many labels', { labels: Array.from({ length: 21 }, () => 'l') }, 'labels'],
  ])('refuses %s with a ValidationError', async (_name, fields, field) => {
    expect(raised(updateTask, 'request', input(fields))).toMatchObject({ errorType: 'ValidationError', errorInfo: { field } });
  });

  it('returns the updated task without keys', async () => {
    expect((await updateTask.whenResponse({ prev: { result: taskItem({ version: 4 }) }, stash: {} })).result).toEqual(taskResult({ version: 4 }));
  });
});

describe('Mutation.moveTask', () => {
  it('asks for EDITOR and the task at expectedVersion, and places it in the new status', async () => {
    const { stash } = await moveTask.whenRequest(asBob({ input: { boardId: 'b1', id: 't1', expectedVersion: 2, status: 'DONE', afterPosition: 'a1' } }));
    expect(stash).toEqual({
      boardId: 'b1', taskId: 't1', requiredRole: 'EDITOR', taskRequired: true, expectedVersion: 2,
      changes: { status: 'DONE' }, status: 'DONE', after: 'a1', before: null,
    });
  });

  it('refuses positions that are not positions, or out of order', async () => {
    const ctx = (after: string, before: string) => asBob({ input: { boardId: 'b1', id: 't1', expectedVersion: 2, status: 'DONE', afterPosition: after, beforePosition: before } });
    expect(raised(moveTask, 'request', ctx('a2', 'a1'))).toMatchObject({ errorType: 'ValidationError', errorInfo: { field: 'afterPosition' } });
    expect(raised(moveTask, 'request', ctx('a1', 'nope'))).toMatchObject({ errorType: 'ValidationError', errorInfo: { field: 'beforePosition' } });
  });

  it('returns the moved task without keys', async () => {
    const out = await moveTask.whenResponse({ prev: { result: taskItem({ status: 'DONE', position: 'a5', lsi1sk: 'TASK#3#a5#t1' }) }, stash: {} });
    expect(out.result).toEqual(taskResult({ status: 'DONE', position: 'a5' }));
  });
});

describe('updateTaskItem', () => {
  const task = taskItem({ gsi2sk: '0#2026-12-24#t1' });
  type Update = { operation: string; key: unknown; update: { expression: string; expressionNames: Record<string, string>; expressionValues: Record<string, unknown> }; condition: unknown };
  const request = async (stash: Record<string, unknown>) => (await updateTaskItem.whenRequest({ identity: { sub: 'carol' }, stash: { task, expectedVersion: 3, ...stash } })).result as Update;

  it('updates one item, only at the expected version, and increments it', async () => {
    const out = await request({ changes: { title: 'New' } });
    expect(out.operation).toBe('UpdateItem');
    expect(out.key).toEqual({ pk: { S: 'BOARD#b1' }, sk: { S: 'TASK#t1' } });
    expect(out.update.expression).toBe('SET #title = :title, #updatedAt = :updatedAt, #updatedById = :updatedById, #version = :version');
    // The caller is recorded: the activity stream names them as the actor.
    expect(out.update.expressionValues).toMatchObject({ ':title': { S: 'New' }, ':version': { N: 4 }, ':updatedById': { S: 'carol' } });
    expect((out.update.expressionValues[':updatedAt'] as { S: string }).S).toMatch(ISO);
    expect(out.condition).toEqual({ expression: '#version = :expectedVersion', expressionNames: { '#version': 'version' }, expressionValues: { ':expectedVersion': { N: 3 } } });
  });

  it('stores null for cleared fields and removes the gsi2 keys of an unassigned task, the gsi3 keys of an undated one', async () => {
    const out = await request({ changes: { description: null, assigneeId: null, dueDate: null } });
    expect(out.update.expression).toBe('SET #description = :description, #assigneeId = :assigneeId, #dueDate = :dueDate, #updatedAt = :updatedAt, #updatedById = :updatedById, #version = :version REMOVE #gsi2pk, #gsi2sk, #gsi3pk, #gsi3sk');
    expect(out.update.expressionValues).toMatchObject({ ':description': { NULL: null }, ':assigneeId': { NULL: null }, ':dueDate': { NULL: null } });
  });

  it('keeps gsi2 in step with a new assignee or due date', async () => {
    const out = await request({ changes: { assigneeId: 'carol' } });
    expect(out.update.expressionValues).toMatchObject({ ':gsi2pk': { S: 'USER#carol' }, ':gsi2sk': { S: '0#2026-12-24#t1' } });
    const undated = await request({ changes: { dueDate: null } });
    expect(undated.update.expressionValues).toMatchObject({ ':gsi2pk': { S: 'USER#bob' }, ':gsi2sk': { S: '0#9999-12-31#t1' } });
    expect(undated.update.expression).not.toContain('lsi1sk');
    const redated = await request({ changes: { dueDate: '2027-01-05' } });
    expect(redated.update.expressionValues).toMatchObject({ ':gsi3pk': { S: 'DUE#4' }, ':gsi3sk': { S: 'b1#2027-01-05#t1' } });
  });

  it('moving rewrites status, position, lsi1sk and gsi2sk, leaves gsi3 on entering DONE, and stamps completedAt', async () => {
    const out = await request({ changes: { status: 'DONE' }, position: 'a5' });
    expect(out.update.expression).toBe(
      'SET #status = :status, #position = :position, #updatedAt = :updatedAt, #updatedById = :updatedById, #version = :version, #lsi1sk = :lsi1sk, #gsi2pk = :gsi2pk, #gsi2sk = :gsi2sk, #completedAt = :completedAt REMOVE #gsi3pk, #gsi3sk',
    );
    expect(out.update.expressionValues).toMatchObject({ ':lsi1sk': { S: 'TASK#3#a5#t1' }, ':gsi2sk': { S: '3#2026-12-24#t1' }, ':position': { S: 'a5' } });
    expect(out.update.expressionValues[':completedAt']).toEqual(out.update.expressionValues[':updatedAt']);
    // Within DONE, or out of it: completedAt stays as it was ("when the task last entered DONE").
    const within = await updateTaskItem.whenRequest({ identity: { sub: 'carol' }, stash: { task: taskItem({ status: 'DONE' }), expectedVersion: 3, changes: { status: 'DONE' }, position: 'a6' } });
    expect((within.result as Update).update.expression).not.toContain('completedAt');
    const out2 = await request({ changes: { status: 'TODO' }, position: 'a0' });
    expect(out2.update.expression).not.toContain('completedAt');
    // Reopened: back in the overdue digest's index.
    expect(out2.update.expressionValues).toMatchObject({ ':gsi3pk': { S: 'DUE#4' }, ':gsi3sk': { S: 'b1#2026-12-24#t1' } });
  });

  it('moving an unassigned task keeps it out of gsi2', async () => {
    const out = (await updateTaskItem.whenRequest({ identity: { sub: 'carol' }, stash: { task: taskItem({ assigneeId: null, gsi2pk: undefined, gsi2sk: undefined }), expectedVersion: 3, changes: { status: 'IN_PROGRESS' }, position: 'a1' } })).result as Update;
    expect(out.update.expression).toContain('REMOVE #gsi2pk, #gsi2sk');
    expect(out.update.expressionValues).not.toHaveProperty(':gsi2pk');
  });

  it('returns the updated item; a failed version condition is a ConflictError with the current version', async () => {
    expect((await updateTaskItem.whenResponse({ stash: { expectedVersion: 3 }, result: taskItem({ version: 4 }) })).result).toEqual(taskItem({ version: 4 }));
    const error = { type: 'DynamoDB:ConditionalCheckFailedException', message: 'The conditional request failed' };
    expect(raised(updateTaskItem, 'response', { stash: { expectedVersion: 3 }, result: taskItem({ version: 5 }), error }))
      .toEqual({ message: 'The task is at version 5, not 3: reload it and retry', errorType: 'ConflictError', errorInfo: { currentVersion: 5 } });
    expect(raised(updateTaskItem, 'response', { stash: { expectedVersion: 3 }, result: null, error })).toMatchObject({ errorType: 'NotFoundError' });
    expect(raised(updateTaskItem, 'response', { stash: { expectedVersion: 3 }, result: null, error: { type: 'DynamoDB:InternalFailure', message: 'x' } }))
      .toMatchObject({ errorType: 'DynamoDB:InternalFailure' });
  });
});

describe('Mutation.deleteTask and deleteTaskItem', () => {
  it('asks for EDITOR and an existing task', async () => {
    const { stash } = await deleteTask.whenRequest(asBob({ boardId: 'b1', id: 't1' }));
    expect(stash).toEqual({ boardId: 'b1', taskId: 't1', requiredRole: 'EDITOR', taskRequired: true });
  });

  it('deletes the task (if it exists) and uncounts it (if the board exists) in one transaction', async () => {
    const { result, stash } = await deleteTaskItem.whenRequest({ env: TABLE_ENV, stash: { task: taskItem() } });
    expect(result).toEqual({
      operation: 'TransactWriteItems',
      transactItems: [
        { table: 'Taskboard-Table', operation: 'DeleteItem', key: { pk: { S: 'BOARD#b1' }, sk: { S: 'TASK#t1' } }, condition: { expression: '(attribute_exists(#pk))', expressionNames: { '#pk': 'pk' } } },
        {
          table: 'Taskboard-Table', operation: 'UpdateItem', key: { pk: { S: 'BOARD#b1' }, sk: { S: '#META' } },
          update: { expression: 'SET #expName_1 = #expName_1 - :expValue_1', expressionNames: { '#expName_1': 'taskCount' }, expressionValues: { ':expValue_1': { N: 1 } } },
          condition: { expression: '(attribute_exists(#pk))', expressionNames: { '#pk': 'pk' } },
        },
      ],
    });
    expect(stash.deletedAt).toMatch(ISO);
  });

  it('returns the deleted task with deletedAt; a task deleted meanwhile is a NotFoundError', async () => {
    const done = await deleteTaskItem.whenResponse({ stash: { task: taskItem(), deletedAt: 'd' }, result: { keys: [] } });
    expect(done.result).toEqual(taskItem());
    expect((await deleteTask.whenResponse({ prev: { result: done.result }, stash: { deletedAt: '2026-12-01T12:00:00.000Z' } })).result)
      .toEqual(taskResult({ deletedAt: '2026-12-01T12:00:00.000Z' }));
    const error = { type: 'DynamoDB:TransactionCanceledException', message: 'Transaction cancelled' };
    const gone = { keys: null, cancellationReasons: [{ type: 'ConditionCheckFailed', message: 'The condition check failed.' }, { type: 'None', message: 'None' }] };
    expect(raised(deleteTaskItem, 'response', { stash: { task: taskItem() }, result: gone, error })).toMatchObject({ message: 'The task does not exist', errorType: 'NotFoundError' });
    const noBoard = { keys: null, cancellationReasons: [{ type: 'None', message: 'None' }, { type: 'ConditionalCheckFailed', message: 'x' }] };
    expect(raised(deleteTaskItem, 'response', { stash: { task: taskItem() }, result: noBoard, error })).toMatchObject({ message: 'The board does not exist', errorType: 'NotFoundError' });
  });
});

describe('who may call the task mutations', () => {
  it.each([
    ['createTask', createTask, { input: { boardId: 'b1', title: 't' } }],
    ['updateTask', updateTask, { input: { boardId: 'b1', id: 't1', expectedVersion: 1 } }],
    ['moveTask', moveTask, { input: { boardId: 'b1', id: 't1', expectedVersion: 1, status: 'DONE' } }],
    ['deleteTask', deleteTask, { boardId: 'b1', id: 't1' }],
  ])('%s needs an EDITOR (loadMembership refuses a VIEWER and an admin who is not a member)', async (_name, resolver, args) => {
    const { stash } = await resolver.whenRequest(asBob(args));
    expect(stash.requiredRole).toBe('EDITOR');
    const loadMembership = givenResolver('resolvers/functions/loadMembership.ts');
    const viewer = await loadMembership.whenResponse({ identity: cognitoIdentity('alice'), stash, result: { role: 'VIEWER' } });
    expect(viewer.error?.message).toBe('Unauthorized');
    const admin = await loadMembership.whenResponse({ identity: cognitoIdentity('root', ['admins']), stash, result: null });
    expect(admin.error?.message).toBe('Unauthorized');
  });
});
