import { describe, expect, it } from 'vitest';
import { cognitoIdentity, givenResolver, TABLE_ENV } from '../../helpers/resolver';

const before = givenResolver('resolvers/Query.myBoards.ts');
const memberships = givenResolver('resolvers/functions/queryMyMemberships.ts');
const boards = givenResolver('resolvers/functions/batchGetBoards.ts');

describe('Query.myBoards pipeline', () => {
  it.each([[undefined, 20], [1, 1], [100, 100]])('limit %s becomes %s', async (limit, expected) => {
    expect((await before.whenRequest({ arguments: { limit } })).stash.limit).toBe(expected);
  });

  it.each([0, 101, -5])('refuses limit %s with a ValidationError', async (limit) => {
    expect((await before.whenRequest({ arguments: { limit } })).error?.message).toBe('limit must be between 1 and 100');
  });

  it('queries the caller\'s memberships newest first on gsi1', async () => {
    const { result } = await memberships.whenRequest({ arguments: { nextToken: 'tok' }, identity: cognitoIdentity('alice'), stash: { limit: 5 } });
    expect(result).toEqual({
      operation: 'Query', index: 'gsi1', limit: 5, nextToken: 'tok', scanIndexForward: false,
      query: { expression: '(#gsi1pk = :gsi1pk_eq)', expressionNames: { '#gsi1pk': 'gsi1pk' }, expressionValues: { ':gsi1pk_eq': { S: 'USER#alice' } } },
    });
  });

  it('gets every board in one BatchGetItem and skips the data source when there are none', async () => {
    const page = [{ boardId: 'b1', role: 'OWNER' }, { boardId: 'b2', role: 'VIEWER' }];
    expect((await boards.whenRequest({ prev: { result: page }, env: TABLE_ENV })).result).toEqual({
      operation: 'BatchGetItem',
      tables: { 'Taskboard-Table': { keys: [{ pk: { S: 'BOARD#b1' }, sk: { S: '#META' } }, { pk: { S: 'BOARD#b2' }, sk: { S: '#META' } }] } },
    });
    expect((await boards.whenRequest({ prev: { result: [] }, env: TABLE_ENV })).result).toEqual([]);
  });

  it('keeps membership order, attaches each role and drops boards deleted meanwhile', async () => {
    const meta = (id: string) => ({ id, name: id, description: null, ownerId: 'o', taskCount: 0, memberCount: 1, createdAt: 'c', updatedAt: 'u', version: 1 });
    const out = await boards.whenResponse({
      env: TABLE_ENV,
      stash: { memberships: [{ boardId: 'b1', role: 'OWNER' }, { boardId: 'gone', role: 'EDITOR' }, { boardId: 'b2', role: 'VIEWER' }] },
      result: { data: { 'Taskboard-Table': [meta('b1'), null, meta('b2')] }, unprocessedKeys: { 'Taskboard-Table': [] } },
    });
    expect((out.result as Array<{ id: string; myRole: string }>).map((b) => [b.id, b.myRole])).toEqual([['b1', 'OWNER'], ['b2', 'VIEWER']]);
    const after = await before.whenResponse({ prev: { result: [] }, stash: { nextToken: 'n2' } });
    expect(after.result).toEqual({ items: [], nextToken: 'n2' });
  });

  it('fails, retryable, instead of dropping boards DynamoDB left unprocessed', async () => {
    const key = { pk: 'BOARD#b2', sk: '#META' };
    const out = await boards.whenResponse({
      env: TABLE_ENV,
      stash: { memberships: [{ boardId: 'b1', role: 'OWNER' }, { boardId: 'b2', role: 'VIEWER' }] },
      result: { data: { 'Taskboard-Table': [{ id: 'b1' }, null] }, unprocessedKeys: { 'Taskboard-Table': [key] } },
    });
    expect(out.error).toMatchObject({ message: 'Some boards could not be read right now; retry the request' });
  });
});

describe('Query.myBoards owners', () => {
  it('asks the pipeline to attach each board\'s owner in one batch', async () => {
    const out = await before.whenRequest({ arguments: {} });
    expect(out.stash.userRefs).toEqual([{ idField: 'ownerId', as: 'owner', required: true }]);
  });
});
