import { describe, expect, it } from 'vitest';
import { givenResolver } from '../../helpers/resolver';

describe('Query.boardStats pipeline', () => {
  it('requires VIEWER, then invokes the boardStats Lambda with the board id only', async () => {
    expect((await givenResolver('resolvers/Query.boardStats.ts').whenRequest({ arguments: { boardId: 'b1' } })).stash).toEqual({ boardId: 'b1', requiredRole: 'VIEWER' });
    const invoke = givenResolver('resolvers/functions/invokeBoardStats.ts');
    expect((await invoke.whenRequest({ stash: { boardId: 'b1' } })).result).toEqual({ operation: 'Invoke', payload: { boardId: 'b1' } });
    expect((await invoke.whenResponse({ error: { message: 'boom', type: 'Lambda:Unhandled' } })).error?.message).toBe('boom');
  });
});
