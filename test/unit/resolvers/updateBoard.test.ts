import { describe, expect, it } from 'vitest';
import { cognitoIdentity, givenResolver, TABLE_ENV } from '../../helpers/resolver';
import { outcomeOf } from '../../helpers/resolver-outcome';

const before = givenResolver('resolvers/Mutation.updateBoard.ts');
const updateBoardItem = givenResolver('resolvers/functions/updateBoardItem.ts');
const ctx = (input: Record<string, unknown>) => ({ arguments: { input: { id: 'b1', expectedVersion: 3, ...input } }, identity: cognitoIdentity('alice'), env: TABLE_ENV });
const item = { pk: 'BOARD#b1', sk: '#META', lsi1sk: '#META', type: 'Board', id: 'b1', name: 'New', description: null, ownerId: 'alice', taskCount: 1, memberCount: 2, createdAt: 'c', updatedAt: 'u', version: 4 };

describe('Mutation.updateBoard pipeline', () => {
  it('asks loadMembership for OWNER and stashes the validated changes and the expected version', async () => {
    const { stash, error } = await before.whenRequest(ctx({ name: '  New  ', description: 'Q4' }));
    expect(error).toBeUndefined();
    expect(stash).toMatchObject({ boardId: 'b1', requiredRole: 'OWNER', changes: { name: 'New', description: 'Q4' }, expectedVersion: 3 });
    expect(stash.now).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('leaves omitted fields alone, clears a null description, and treats a null name as omitted', async () => {
    expect((await before.whenRequest(ctx({}))).stash.changes).toEqual({});
    expect((await before.whenRequest(ctx({ name: null, description: null }))).stash.changes).toEqual({ description: null });
  });

  it.each([
    ['an empty name', { name: '  ' }, 'name must not be empty'],
    ['a 201-character name', { name: 'x'.repeat(201) }, 'name must be at most 200 characters'],
    ['a description over 10,000 characters', { description: 'd'.repeat(10_001) }, 'description must be at most 10000 characters'],
  ])('refuses %s with a ValidationError before any request', async (_name, input, message) => {
    const { result, error } = await before.whenRequest(ctx(input));
    expect(result).toBeUndefined();
    expect(error?.message).toBe(message);
    expect(outcomeOf(before, 'request', ctx(input))).toMatchObject({ kind: 'error', error: { message, errorType: 'ValidationError' } });
  });

  it('updates the meta only at the expected version: SET the changes, REMOVE a cleared description, version + 1', async () => {
    const { result } = await updateBoardItem.whenRequest({ identity: { sub: 'alice' }, stash: { boardId: 'b1', changes: { name: 'New', description: null }, expectedVersion: 3, now: 'T' }, env: TABLE_ENV });
    expect(result).toEqual({
      operation: 'UpdateItem',
      key: { pk: { S: 'BOARD#b1' }, sk: { S: '#META' } },
      update: {
        expression: 'SET #expName_1 = :expValue_1, #expName_3 = :expValue_2, #expName_4 = :expValue_3, #expName_5 = #expName_5 + :expValue_4 REMOVE #expName_2',
        expressionNames: { '#expName_1': 'name', '#expName_2': 'description', '#expName_3': 'updatedAt', '#expName_4': 'updatedById', '#expName_5': 'version' },
        expressionValues: { ':expValue_1': { S: 'New' }, ':expValue_2': { S: 'T' }, ':expValue_3': { S: 'alice' }, ':expValue_4': { N: 1 } },
      },
      condition: { expression: '(#version = :version_eq)', expressionNames: { '#version': 'version' }, expressionValues: { ':version_eq': { N: 3 } } },
    });
  });

  it('returns the updated board with the caller\'s role, without storage keys', async () => {
    const updated = await updateBoardItem.whenResponse({ result: item, stash: {} });
    expect(updated.result).toEqual(item);
    const out = await before.whenResponse({ prev: { result: item }, stash: { role: 'OWNER' } });
    expect(out.result).toEqual({ id: 'b1', name: 'New', description: null, ownerId: 'alice', myRole: 'OWNER', taskCount: 1, memberCount: 2, createdAt: 'c', updatedAt: 'u', version: 4 });
  });

  it('a stale version is a ConflictError carrying the current version; nothing was written', async () => {
    const outcome = outcomeOf(updateBoardItem, 'response', {
      stash: { expectedVersion: 3 }, result: item,
      error: { type: 'DynamoDB:ConditionalCheckFailedException', message: 'The conditional request failed' },
    });
    expect(outcome).toEqual({
      kind: 'error',
      error: { errorType: 'ConflictError', message: 'The board is at version 4, not 3: reload it and retry', data: null, errorInfo: { currentVersion: 4 } },
    });
  });

  it('a failed condition with no current item is a NotFoundError; other errors pass through', async () => {
    const gone = outcomeOf(updateBoardItem, 'response', { stash: { expectedVersion: 3 }, result: null, error: { type: 'DynamoDB:ConditionalCheckFailedException', message: 'x' } });
    expect(gone).toMatchObject({ kind: 'error', error: { errorType: 'NotFoundError', message: 'The board does not exist' } });
    const other = outcomeOf(updateBoardItem, 'response', { stash: {}, error: { type: 'DynamoDB:ProvisionedThroughputExceededException', message: 'slow down' } });
    expect(other).toMatchObject({ kind: 'error', error: { errorType: 'DynamoDB:ProvisionedThroughputExceededException', message: 'slow down' } });
  });
});
