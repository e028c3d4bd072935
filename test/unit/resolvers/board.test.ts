import { describe, expect, it } from 'vitest';
import { cognitoIdentity, givenResolver, TABLE_ENV } from '../../helpers/resolver';

const before = givenResolver('resolvers/Query.board.ts');
const loadMembership = givenResolver('resolvers/functions/loadMembership.ts');
const loadBoard = givenResolver('resolvers/functions/loadBoardWithRole.ts');

describe('Query.board pipeline', () => {
  it('asks loadMembership for the VIEWER role on the requested board', async () => {
    const { stash } = await before.whenRequest({ arguments: { id: 'b1' } });
    expect(stash).toEqual({ boardId: 'b1', requiredRole: 'VIEWER' });
  });

  it('loads the caller\'s membership with a consistent read', async () => {
    const { result } = await loadMembership.whenRequest({ identity: cognitoIdentity('bob'), stash: { boardId: 'b1', requiredRole: 'VIEWER' } });
    expect(result).toEqual({ operation: 'GetItem', key: { pk: { S: 'BOARD#b1' }, sk: { S: 'MEMBER#bob' } }, consistentRead: true });
  });

  it.each([
    ['a viewer reads', 'VIEWER', 'VIEWER', null, { result: 'VIEWER' }],
    ['an editor may not do owner work', 'EDITOR', 'OWNER', null, { error: 'Unauthorized' }],
    ['a non-member is Unauthorized, board or not', null, 'VIEWER', null, { error: 'Unauthorized' }],
    ['an admin reads any board', null, 'VIEWER', ['admins'], { result: null }],
    ['an admin may not write', null, 'EDITOR', ['admins'], { error: 'Unauthorized' }],
  ])('%s', async (_name, role, requiredRole, groups, expected) => {
    const out = await loadMembership.whenResponse({
      identity: cognitoIdentity('carol', groups as string[] | null),
      stash: { boardId: 'b1', requiredRole },
      result: role ? { boardId: 'b1', userId: 'carol', role } : null,
    });
    if ('error' in expected) expect(out.error?.message).toBe(expected.error);
    else {
      expect(out.error).toBeUndefined();
      expect(out.result).toEqual(expected.result);
      expect(out.stash.role).toEqual(expected.result);
    }
  });

  it('reads the board meta and the caller\'s membership in one TransactGetItems', async () => {
    const { result } = await loadBoard.whenRequest({ identity: cognitoIdentity('bob'), env: TABLE_ENV, stash: { boardId: 'b1', requiredRole: 'VIEWER' } });
    expect(result).toEqual({ operation: 'TransactGetItems', transactItems: [
      { table: TABLE_ENV.TABLE_NAME, key: { pk: { S: 'BOARD#b1' }, sk: { S: '#META' } } },
      { table: TABLE_ENV.TABLE_NAME, key: { pk: { S: 'BOARD#b1' }, sk: { S: 'MEMBER#bob' } } },
    ] });
  });

  it.each([
    ['a member gets the board and their role', 'EDITOR', null, { role: 'EDITOR' }],
    ['a non-member is Unauthorized, board or not', null, null, { error: 'Unauthorized' }],
    ['an admin reads it without a role', null, ['admins'], { role: null }],
  ])('TransactGetItems response: %s', async (_name, role, groups, expected) => {
    const board = { id: 'b1', name: 'n' };
    const out = await loadBoard.whenResponse({
      identity: cognitoIdentity('carol', groups as string[] | null), env: TABLE_ENV, stash: { boardId: 'b1', requiredRole: 'VIEWER' },
      result: { items: [board, role ? { boardId: 'b1', userId: 'carol', role } : null], cancellationReasons: null },
    });
    if ('error' in expected) expect(out.error?.message).toBe(expected.error);
    else {
      expect(out.result).toEqual(board);
      expect(out.stash.role).toEqual(expected.role);
    }
  });

  it('maps the board meta without storage keys', async () => {
    const item = { pk: 'BOARD#b1', sk: '#META', lsi1sk: '#META', type: 'Board', id: 'b1', name: 'n', description: 'd', ownerId: 'alice', taskCount: 2, memberCount: 3, createdAt: 'c', updatedAt: 'u', version: 4 };
    const out = await before.whenResponse({ prev: { result: item }, stash: { role: 'EDITOR' }, env: TABLE_ENV });
    expect(out.result).toEqual({ id: 'b1', name: 'n', description: 'd', ownerId: 'alice', myRole: 'EDITOR', taskCount: 2, memberCount: 3, createdAt: 'c', updatedAt: 'u', version: 4 });
  });
});
