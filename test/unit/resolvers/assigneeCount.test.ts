import { describe, expect, it } from 'vitest';
import { givenResolver } from '../../helpers/resolver';

const resolver = givenResolver('resolvers/AssigneeCount.assignee.ts');

describe('AssigneeCount.assignee', () => {
  it('is null for the unassigned row, without a request', async () => {
    const out = await resolver.whenRequest({ source: { assigneeId: null, count: 2 } });
    expect(out.result).toBeNull();
  });

  it('reads the assignee\'s profile', async () => {
    const out = await resolver.whenRequest({ source: { assigneeId: 'u1', count: 1 } });
    expect(out.result).toEqual({ operation: 'GetItem', key: { pk: { S: 'USER#u1' }, sk: { S: 'PROFILE' } } });
  });

  it('maps the profile to a User, and a missing one to null', async () => {
    const item = { pk: 'USER#u1', sk: 'PROFILE', type: 'User', id: 'u1', email: 'u@example.com', displayName: 'U', createdAt: '2026-01-01T00:00:00.000Z' };
    expect((await resolver.whenResponse({ result: item })).result).toEqual({ id: 'u1', email: 'u@example.com', displayName: 'U', createdAt: '2026-01-01T00:00:00.000Z' });
    expect((await resolver.whenResponse({ result: null })).result).toBeNull();
  });
});
