import { describe, expect, it } from 'vitest';
import { cognitoIdentity, givenResolver, TABLE_ENV } from '../../helpers/resolver';

const resolver = givenResolver('resolvers/Mutation.createBoard.ts');
const ctx = (input: Record<string, unknown>) => ({ arguments: { input }, identity: cognitoIdentity('alice'), env: TABLE_ENV });

describe('Mutation.createBoard', () => {
  it('writes the board and the owner membership in one transaction, only if new', async () => {
    const { result, stash } = await resolver.whenRequest(ctx({ name: '  Launch  ', description: 'Q3' }));
    const request = result as { operation: string; transactItems: Array<Record<string, unknown>> };
    expect(request.operation).toBe('TransactWriteItems');
    const [board, owner] = request.transactItems as Array<{ table: string; operation: string; key: Record<string, { S: string }>; attributeValues: Record<string, unknown>; condition: { expression: string } }>;
    const id = (stash.board as { id: string }).id;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(board).toMatchObject({ table: 'Taskboard-Table', operation: 'PutItem', key: { pk: { S: `BOARD#${id}` }, sk: { S: '#META' } } });
    expect(board.attributeValues).toMatchObject({ name: { S: 'Launch' }, description: { S: 'Q3' }, ownerId: { S: 'alice' }, memberCount: { N: 1 }, taskCount: { N: 0 }, version: { N: 1 } });
    expect(board.condition.expression).toBe('(attribute_not_exists(#pk))');
    expect(owner).toMatchObject({ operation: 'PutItem', key: { pk: { S: `BOARD#${id}` }, sk: { S: 'MEMBER#alice' } } });
    expect(owner.attributeValues).toMatchObject({ role: { S: 'OWNER' }, gsi1pk: { S: 'USER#alice' }, lsi1sk: { S: 'MEMBER#alice' }, addedById: { S: 'alice' } });
  });

  it.each([
    ['an empty name', { name: '   ' }, 'name must not be empty'],
    ['a 201-character name', { name: 'x'.repeat(201) }, 'name must be at most 200 characters'],
    ['a description over 10,000 characters', { name: 'ok', description: 'd'.repeat(10_001) }, 'description must be at most 10000 characters'],
  ])('refuses %s with a ValidationError before writing', async (_name, input, message) => {
    const { result, error } = await resolver.whenRequest(ctx(input));
    expect(result).toBeUndefined();
    expect(error?.message).toBe(message);
  });

  it('is Unauthorized for a caller without a user-pool identity (IAM)', async () => {
    const { error } = await resolver.whenRequest({ arguments: { input: { name: 'x' } }, identity: { accountId: '1', userArn: 'arn' }, env: TABLE_ENV });
    expect(error?.message).toBe('Unauthorized');
  });

  it('returns the board with the caller as OWNER, or the data-source error', async () => {
    const board = { id: 'b1', name: 'n', description: null, ownerId: 'alice', taskCount: 0, memberCount: 1, createdAt: 't', updatedAt: 't', version: 1, pk: 'BOARD#b1', sk: '#META' };
    const ok = await resolver.whenResponse({ stash: { board }, result: { keys: [] }, env: TABLE_ENV });
    expect(ok.result).toEqual({ id: 'b1', name: 'n', description: null, ownerId: 'alice', myRole: 'OWNER', taskCount: 0, memberCount: 1, createdAt: 't', updatedAt: 't', version: 1 });
    const failed = await resolver.whenResponse({ stash: { board }, error: { message: 'cancelled', type: 'DynamoDB:TransactionCanceledException' } });
    expect(failed.error?.message).toBe('cancelled');
  });
});
