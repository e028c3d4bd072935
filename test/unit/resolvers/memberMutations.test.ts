import { describe, expect, it } from 'vitest';
import { cognitoIdentity, givenResolver, TABLE_ENV } from '../../helpers/resolver';
import { outcomeOf } from '../../helpers/resolver-outcome';

const updateMemberRole = givenResolver('resolvers/Mutation.updateMemberRole.ts');
const removeMember = givenResolver('resolvers/Mutation.removeMember.ts');
const leaveBoard = givenResolver('resolvers/Mutation.leaveBoard.ts');
const loadTargetMember = givenResolver('resolvers/functions/loadTargetMember.ts');
const requireOtherOwner = givenResolver('resolvers/functions/requireOtherOwner.ts');
const writeMemberRole = givenResolver('resolvers/functions/writeMemberRole.ts');
const deleteMembership = givenResolver('resolvers/functions/deleteMembership.ts');

const TABLE = TABLE_ENV.TABLE_NAME;
const memberItem = (userId: string, role: string) => ({
  pk: 'BOARD#b1', sk: `MEMBER#${userId}`, lsi1sk: `MEMBER#${userId}`, gsi1pk: `USER#${userId}`, gsi1sk: 'MEMBER#j', type: 'Member', boardId: 'b1', userId, role, joinedAt: 'j',
});
const memberKey = (userId: string) => ({ pk: { S: 'BOARD#b1' }, sk: { S: `MEMBER#${userId}` } });
const roleIs = (role: string) => ({ expression: '(#role = :role_eq)', expressionNames: { '#role': 'role' }, expressionValues: { ':role_eq': { S: role } } });

describe('member mutations: what each pipeline asks of its functions', () => {
  it('updateMemberRole: OWNER only, on the target user, to the new role', async () => {
    const { stash } = await updateMemberRole.whenRequest({ arguments: { boardId: 'b1', userId: 'bob', role: 'VIEWER' }, identity: cognitoIdentity('alice') });
    expect(stash).toEqual({ boardId: 'b1', requiredRole: 'OWNER', targetUserId: 'bob', newRole: 'VIEWER' });
  });

  it('removeMember: OWNER only, on the target user', async () => {
    const { stash } = await removeMember.whenRequest({ arguments: { boardId: 'b1', userId: 'bob' }, identity: cognitoIdentity('alice') });
    expect(stash).toEqual({ boardId: 'b1', requiredRole: 'OWNER', targetUserId: 'bob' });
  });

  it('leaveBoard: any member, on the caller themselves (the id comes from the token, never input)', async () => {
    const { stash } = await leaveBoard.whenRequest({ arguments: { boardId: 'b1' }, identity: cognitoIdentity('carol') });
    expect(stash).toEqual({ boardId: 'b1', requiredRole: 'VIEWER', targetUserId: 'carol', targetIsCaller: true });
  });

  it('each returns its last function\'s Member', async () => {
    const member = { boardId: 'b1', userId: 'bob', role: 'VIEWER', joinedAt: 'j', removedAt: null };
    for (const resolver of [updateMemberRole, removeMember, leaveBoard]) {
      expect((await resolver.whenResponse({ prev: { result: member } })).result).toEqual(member);
    }
  });
});

describe('loadTargetMember', () => {
  it('reads the target\'s membership with a consistent read and stashes it', async () => {
    const { result } = await loadTargetMember.whenRequest({ stash: { boardId: 'b1', targetUserId: 'bob' } });
    expect(result).toEqual({ operation: 'GetItem', key: memberKey('bob'), consistentRead: true });
    const out = await loadTargetMember.whenResponse({ stash: {}, result: memberItem('bob', 'EDITOR') });
    expect(out.stash.target).toEqual(memberItem('bob', 'EDITOR'));
  });

  it('a target who is not a member is a NotFoundError, or Unauthorized when it is the caller', async () => {
    expect(outcomeOf(loadTargetMember, 'response', { stash: { targetUserId: 'zed' }, result: null })).toMatchObject({
      kind: 'error', error: { errorType: 'NotFoundError', message: 'That user is not a member of this board', errorInfo: { userId: 'zed' } },
    });
    expect(outcomeOf(loadTargetMember, 'response', { stash: { targetUserId: 'admin', targetIsCaller: true }, result: null })).toEqual({ kind: 'unauthorized' });
  });
});

describe('requireOtherOwner', () => {
  it.each([
    ['the target is not an OWNER', 'EDITOR', undefined],
    ['an OWNER stays OWNER', 'OWNER', 'OWNER'],
  ])('asks nothing when %s', async (_name, role, newRole) => {
    const outcome = outcomeOf(requireOtherOwner, 'request', { stash: { boardId: 'b1', target: memberItem('bob', role), newRole } });
    expect(outcome).toMatchObject({ kind: 'earlyReturn', value: null });
  });

  it('looks for another OWNER with a consistent Query of the members (lsi1), filtered on the role', async () => {
    const { result } = await requireOtherOwner.whenRequest({ stash: { boardId: 'b1', target: memberItem('alice', 'OWNER'), newRole: 'EDITOR' } });
    expect(result).toEqual({
      operation: 'Query', index: 'lsi1', consistentRead: true,
      query: {
        expression: '(#pk = :pk_eq) AND (begins_with(#lsi1sk,:lsi1sk_beginsWith))',
        expressionNames: { '#pk': 'pk', '#lsi1sk': 'lsi1sk' },
        expressionValues: { ':pk_eq': { S: 'BOARD#b1' }, ':lsi1sk_beginsWith': { S: 'MEMBER#' } },
      },
      filter: {
        expression: '(#role = :role_eq) AND (#userId <> :userId_ne)',
        expressionNames: { '#role': 'role', '#userId': 'userId' },
        expressionValues: { ':role_eq': { S: 'OWNER' }, ':userId_ne': { S: 'alice' } },
      },
      projection: { expression: '#expName_1', expressionNames: { '#expName_1': 'userId' } },
    });
  });

  it('stashes the other owner for the write to check', async () => {
    const out = await requireOtherOwner.whenResponse({ stash: { target: memberItem('alice', 'OWNER') }, result: { items: [{ userId: 'dave' }], nextToken: null } });
    expect(out.stash.otherOwnerId).toBe('dave');
  });

  it('the only OWNER cannot leave, be removed or be demoted: ValidationError LAST_OWNER, nothing written', async () => {
    expect(outcomeOf(requireOtherOwner, 'response', { stash: { target: memberItem('alice', 'OWNER') }, result: { items: [], nextToken: null } })).toEqual({
      kind: 'error',
      error: {
        errorType: 'ValidationError', data: null, errorInfo: { reason: 'LAST_OWNER', userId: 'alice' },
        message: 'The board must keep an owner: make another member OWNER before this one leaves, is removed or changes role',
      },
    });
  });
});

describe('writeMemberRole', () => {
  it('updates the role only if it is still the one read, recording who changed it, in a transaction', async () => {
    const { result } = await writeMemberRole.whenRequest({ identity: cognitoIdentity('alice'), stash: { boardId: 'b1', target: memberItem('bob', 'EDITOR'), newRole: 'VIEWER' }, env: TABLE_ENV });
    expect(result).toEqual({
      operation: 'TransactWriteItems',
      transactItems: [{
        table: TABLE, operation: 'UpdateItem', key: memberKey('bob'),
        update: {
          expression: 'SET #expName_1 = :expValue_1, #expName_2 = :expValue_2',
          expressionNames: { '#expName_1': 'role', '#expName_2': 'updatedById' },
          expressionValues: { ':expValue_1': { S: 'VIEWER' }, ':expValue_2': { S: 'alice' } },
        },
        condition: roleIs('EDITOR'),
      }],
    });
  });

  it('demoting an OWNER also checks that the other owner still is one', async () => {
    const { result } = await writeMemberRole.whenRequest({ identity: cognitoIdentity('dave'), stash: { boardId: 'b1', target: memberItem('alice', 'OWNER'), newRole: 'EDITOR', otherOwnerId: 'dave' }, env: TABLE_ENV });
    const items = (result as { transactItems: unknown[] }).transactItems;
    expect(items).toHaveLength(2);
    expect(items[1]).toEqual({ table: TABLE, operation: 'ConditionCheck', key: memberKey('dave'), condition: roleIs('OWNER') });
  });

  it('returns the Member with its new role; a cancelled transaction is a ConflictError', async () => {
    const out = await writeMemberRole.whenResponse({ stash: { target: memberItem('bob', 'EDITOR'), newRole: 'VIEWER' }, result: { keys: [] } });
    expect(out.result).toEqual({ boardId: 'b1', userId: 'bob', role: 'VIEWER', joinedAt: 'j', removedAt: null });
    const cancelled = outcomeOf(writeMemberRole, 'response', {
      stash: {}, result: { keys: null, cancellationReasons: [{ type: 'ConditionalCheckFailed', message: 'x' }] },
      error: { type: 'DynamoDB:TransactionCanceledException', message: 'Transaction cancelled' },
    });
    expect(cancelled).toMatchObject({ kind: 'error', error: { errorType: 'ConflictError' } });
  });
});

describe('deleteMembership', () => {
  it('deletes the membership (if its role is unchanged) and decrements memberCount (if the board exists), in one transaction', async () => {
    const { result, stash } = await deleteMembership.whenRequest({ stash: { boardId: 'b1', target: memberItem('bob', 'EDITOR') }, env: TABLE_ENV });
    expect(result).toEqual({
      operation: 'TransactWriteItems',
      transactItems: [
        { table: TABLE, operation: 'DeleteItem', key: memberKey('bob'), condition: roleIs('EDITOR') },
        {
          table: TABLE, operation: 'UpdateItem', key: { pk: { S: 'BOARD#b1' }, sk: { S: '#META' } },
          update: { expression: 'SET #expName_1 = #expName_1 - :expValue_1', expressionNames: { '#expName_1': 'memberCount' }, expressionValues: { ':expValue_1': { N: 1 } } },
          condition: { expression: '(attribute_exists(#pk))', expressionNames: { '#pk': 'pk' } },
        },
      ],
    });
    expect(stash.removedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('removing an OWNER also checks that the other owner still is one', async () => {
    const { result } = await deleteMembership.whenRequest({ stash: { boardId: 'b1', target: memberItem('alice', 'OWNER'), otherOwnerId: 'dave' }, env: TABLE_ENV });
    expect((result as { transactItems: unknown[] }).transactItems[2]).toEqual({ table: TABLE, operation: 'ConditionCheck', key: memberKey('dave'), condition: roleIs('OWNER') });
  });

  it('returns the removed Member with removedAt, for onMemberChanged subscribers', async () => {
    const out = await deleteMembership.whenResponse({ stash: { target: memberItem('bob', 'EDITOR'), removedAt: 'R' }, result: { keys: [] } });
    expect(out.result).toEqual({ boardId: 'b1', userId: 'bob', role: 'EDITOR', joinedAt: 'j', removedAt: 'R' });
  });

  it.each([
    ['the membership changed meanwhile', [{ type: 'ConditionalCheckFailed', message: 'x' }, { type: 'None', message: 'None' }], 'ConflictError'],
    ['the other owner was demoted meanwhile', [{ type: 'None', message: 'None' }, { type: 'None', message: 'None' }, { type: 'ConditionalCheckFailed', message: 'x' }], 'ConflictError'],
    ['the board is gone', [{ type: 'None', message: 'None' }, { type: 'ConditionalCheckFailed', message: 'x' }], 'NotFoundError'],
  ])('a cancelled transaction because %s is a %s', async (_name, cancellationReasons, errorType) => {
    const outcome = outcomeOf(deleteMembership, 'response', {
      stash: {}, result: { keys: null, cancellationReasons },
      error: { type: 'DynamoDB:TransactionCanceledException', message: 'Transaction cancelled' },
    });
    expect(outcome).toMatchObject({ kind: 'error', error: { errorType } });
  });
});
