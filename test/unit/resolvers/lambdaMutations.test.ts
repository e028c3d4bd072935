import { describe, expect, it } from 'vitest';
import { cognitoIdentity, givenResolver } from '../../helpers/resolver';
import { outcomeOf } from '../../helpers/resolver-outcome';

const addMember = givenResolver('resolvers/Mutation.addMember.ts');
const invokeAddMember = givenResolver('resolvers/functions/invokeAddMember.ts');
const deleteBoard = givenResolver('resolvers/Mutation.deleteBoard.ts');
const invokeDeleteBoard = givenResolver('resolvers/functions/invokeDeleteBoard.ts');

describe('Mutation.addMember pipeline', () => {
  const args = { boardId: 'b1', email: 'carol@example.com', role: 'VIEWER' };

  it('asks loadMembership for OWNER, then invokes the addMember Lambda with the board, email, role and who adds', async () => {
    expect((await addMember.whenRequest({ arguments: args, identity: cognitoIdentity('alice') })).stash).toEqual({ boardId: 'b1', requiredRole: 'OWNER' });
    const { result } = await invokeAddMember.whenRequest({ arguments: args, identity: cognitoIdentity('alice'), stash: { boardId: 'b1' } });
    expect(result).toEqual({ operation: 'Invoke', payload: { boardId: 'b1', email: 'carol@example.com', role: 'VIEWER', addedById: 'alice' } });
  });

  it('returns the Lambda\'s Member', async () => {
    const member = { boardId: 'b1', userId: 'carol', role: 'VIEWER', joinedAt: 'j', removedAt: null };
    expect((await invokeAddMember.whenResponse({ arguments: args, result: member })).result).toEqual(member);
    expect((await addMember.whenResponse({ prev: { result: member } })).result).toEqual(member);
  });

  it.each([
    ['NotFoundError: No Taskboard user has the email address x@example.com', 'NotFoundError', 'No Taskboard user has the email address x@example.com'],
    ['ConflictError: carol@example.com is already a member of this board', 'ConflictError', 'carol@example.com is already a member of this board'],
    ['ValidationError: role must be one of OWNER, EDITOR, VIEWER', 'ValidationError', 'role must be one of OWNER, EDITOR, VIEWER'],
    ['Task timed out after 10.00 seconds', 'Lambda:Unhandled', 'Task timed out after 10.00 seconds'],
    ['SomethingElse: not one of ours', 'Lambda:Unhandled', 'SomethingElse: not one of ours'],
  ])('turns the Lambda error "%s" into a %s', async (message, errorType, clientMessage) => {
    const outcome = outcomeOf(invokeAddMember, 'response', { arguments: args, error: { type: 'Lambda:Unhandled', message } });
    expect(outcome).toMatchObject({ kind: 'error', error: { errorType, message: clientMessage } });
  });
});

describe('Mutation.deleteBoard pipeline', () => {
  it('asks loadMembership for OWNER, then invokes the deleteBoard Lambda with the board and the caller', async () => {
    expect((await deleteBoard.whenRequest({ arguments: { id: 'b1' }, identity: cognitoIdentity('alice') })).stash).toEqual({ boardId: 'b1', requiredRole: 'OWNER' });
    const { result } = await invokeDeleteBoard.whenRequest({ stash: { boardId: 'b1' }, identity: cognitoIdentity('alice') });
    expect(result).toEqual({ operation: 'Invoke', payload: { boardId: 'b1', callerId: 'alice' } });
  });

  it('returns the Lambda\'s BoardDeletion, or its error', async () => {
    const deletion = { boardId: 'b1', itemsDeleted: 12 };
    expect((await invokeDeleteBoard.whenResponse({ result: deletion })).result).toEqual(deletion);
    expect((await deleteBoard.whenResponse({ prev: { result: deletion } })).result).toEqual(deletion);
    const failed = outcomeOf(invokeDeleteBoard, 'response', { error: { type: 'Lambda:Unhandled', message: '3 deletions were still unprocessed' } });
    expect(failed).toMatchObject({ kind: 'error', error: { errorType: 'Lambda:Unhandled', message: '3 deletions were still unprocessed' } });
  });
});
