import { describe, expect, it } from 'vitest';
import { givenResolver, TABLE_ENV } from '../../helpers/resolver';
import { outcomeOf } from '../../helpers/resolver-outcome';

const members = givenResolver('resolvers/Board.members.ts');
const queryBoardMembers = givenResolver('resolvers/functions/queryBoardMembers.ts');
const attachUsers = givenResolver('resolvers/functions/attachUsers.ts');
const memberUser = givenResolver('resolvers/Member.user.ts');
const boardOwner = givenResolver('resolvers/Board.owner.ts');

const board = { id: 'b1', name: 'n', description: null, ownerId: 'alice', myRole: 'OWNER', taskCount: 0, memberCount: 2, createdAt: 'c', updatedAt: 'u', version: 1 };
const memberItem = (userId: string, role: string) => ({
  pk: 'BOARD#b1', sk: `MEMBER#${userId}`, lsi1sk: `MEMBER#${userId}`, gsi1pk: `USER#${userId}`, gsi1sk: 'MEMBER#j', type: 'Member', boardId: 'b1', userId, role, joinedAt: 'j',
});
const profile = (id: string) => ({ pk: `USER#${id}`, sk: 'PROFILE', type: 'User', id, email: `${id}@example.com`, displayName: id.toUpperCase(), createdAt: 'p' });
const user = (id: string) => ({ id, email: `${id}@example.com`, displayName: id.toUpperCase(), createdAt: 'p' });

describe('Board.members pipeline', () => {
  it('pages the parent board\'s members (default 20) and asks attachUsers for each member\'s user', async () => {
    const { stash } = await members.whenRequest({ source: board, arguments: {} });
    expect(stash).toEqual({ boardId: 'b1', limit: 20, userRefs: [{ idField: 'userId', as: 'user', required: true }] });
  });

  it.each([0, 101])('refuses limit %s with a ValidationError', async (limit) => {
    expect(outcomeOf(members, 'request', { source: board, arguments: { limit } })).toMatchObject({
      kind: 'error', error: { errorType: 'ValidationError', message: 'limit must be between 1 and 100' },
    });
  });

  it('queries lsi1 for MEMBER# items of the board, one page, with the client\'s token', async () => {
    const { result } = await queryBoardMembers.whenRequest({ arguments: { nextToken: 'tok' }, stash: { boardId: 'b1', limit: 5 } });
    expect(result).toEqual({
      operation: 'Query', index: 'lsi1', limit: 5, nextToken: 'tok',
      query: {
        expression: '(#pk = :pk_eq) AND (begins_with(#lsi1sk,:lsi1sk_beginsWith))',
        expressionNames: { '#pk': 'pk', '#lsi1sk': 'lsi1sk' },
        expressionValues: { ':pk_eq': { S: 'BOARD#b1' }, ':lsi1sk_beginsWith': { S: 'MEMBER#' } },
      },
    });
  });

  it('maps the page to Members without keys, and keeps the next token for the connection', async () => {
    const out = await queryBoardMembers.whenResponse({ result: { items: [memberItem('alice', 'OWNER'), memberItem('bob', 'EDITOR')], nextToken: 'next' } });
    expect(out.result).toEqual([
      { boardId: 'b1', userId: 'alice', role: 'OWNER', joinedAt: 'j', removedAt: null },
      { boardId: 'b1', userId: 'bob', role: 'EDITOR', joinedAt: 'j', removedAt: null },
    ]);
    expect(out.stash.nextToken).toBe('next');
    const connection = await members.whenResponse({ prev: { result: out.result }, stash: out.stash });
    expect(connection.result).toEqual({ items: out.result, nextToken: 'next' });
  });

  it('a token this list did not issue is a ValidationError', async () => {
    const outcome = outcomeOf(queryBoardMembers, 'response', { error: { type: 'DynamoDB:UserIllegalArgumentException', message: 'bad token' } });
    expect(outcome).toMatchObject({ kind: 'error', error: { errorType: 'ValidationError', message: 'nextToken is not valid for this list' } });
  });

  it('attachUsers reads the page\'s profiles in one BatchGetItem and attaches them as `user`', async () => {
    const page = [{ boardId: 'b1', userId: 'alice', role: 'OWNER', joinedAt: 'j', removedAt: null }, { boardId: 'b1', userId: 'ghost', role: 'VIEWER', joinedAt: 'j', removedAt: null }];
    const stash = { userRefs: [{ idField: 'userId', as: 'user', required: true }] };
    const request = await attachUsers.whenRequest({ prev: { result: page }, stash, env: TABLE_ENV });
    expect(request.result).toEqual({
      operation: 'BatchGetItem',
      tables: { [TABLE_ENV.TABLE_NAME]: { keys: [{ pk: { S: 'USER#alice' }, sk: { S: 'PROFILE' } }, { pk: { S: 'USER#ghost' }, sk: { S: 'PROFILE' } }] } },
    });
    const out = await attachUsers.whenResponse({ prev: { result: page }, stash: request.stash, env: TABLE_ENV, result: { data: { [TABLE_ENV.TABLE_NAME]: [profile('alice'), null] } } });
    expect((out.result as Array<{ user: unknown }>).map((m) => m.user)).toEqual([
      user('alice'),
      { id: 'ghost', email: 'unknown@invalid', displayName: 'Unknown user', createdAt: '1970-01-01T00:00:00.000Z' },
    ]);
  });
});

describe.each([
  ['Member.user', memberUser, { boardId: 'b1', userId: 'bob', role: 'EDITOR', joinedAt: 'j', removedAt: null }, 'bob', 'user'],
  ['Board.owner', boardOwner, board, 'alice', 'owner'],
])('%s', (_name, resolver, source, userId, attachedAs) => {
  it('returns the attached user without a request', async () => {
    const outcome = outcomeOf(resolver, 'request', { source: { ...source, [attachedAs]: user(userId) } });
    expect(outcome).toMatchObject({ kind: 'earlyReturn', value: user(userId) });
  });

  it('otherwise reads the profile with one GetItem and strips its keys', async () => {
    const { result } = await resolver.whenRequest({ source });
    expect(result).toEqual({ operation: 'GetItem', key: { pk: { S: `USER#${userId}` }, sk: { S: 'PROFILE' } } });
    expect((await resolver.whenResponse({ source, result: profile(userId) })).result).toEqual(user(userId));
  });

  it('stands in for a missing profile (the field is non-null), and passes data-source errors on', async () => {
    expect((await resolver.whenResponse({ source, result: null })).result).toEqual({ id: userId, email: 'unknown@invalid', displayName: 'Unknown user', createdAt: '1970-01-01T00:00:00.000Z' });
    expect(outcomeOf(resolver, 'response', { source, error: { type: 'DynamoDB:AmazonDynamoDBException', message: 'boom' } })).toMatchObject({ kind: 'error', error: { errorType: 'DynamoDB:AmazonDynamoDBException', message: 'boom' } });
  });
});
