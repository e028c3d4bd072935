/**
 * Taskboard's board queries and createBoard over HTTP against the local runtime: the same
 * bundled resolvers and Lambda that `cdk deploy` ships, on DynamoDB Local with the seed data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_BOARD_ID, SEED_BOB_BOARD_ID } from '../../../seed/taskboard';
import type { LocalApi } from '../../helpers/local-api';
import { givenTaskboardApi } from '../../helpers/taskboard-api';

let api: LocalApi;
const headers: Record<string, Record<string, string>> = {};
const as = (username: string) => headers[username];
beforeAll(async () => {
  api = await givenTaskboardApi();
  for (const u of ['alice', 'bob', 'carol', 'admin']) headers[u] = await api.as(u);
}, 120_000);
afterAll(async () => api?.close());

describe('Taskboard boards over HTTP', () => {
  it('myBoards lists the caller\'s boards with the caller\'s role, in one Query and one BatchGetItem', async () => {
    const r = await api.request('{ myBoards { items { id name myRole memberCount taskCount } nextToken } }', {}, as('alice'));
    expect(r.body.errors).toBeUndefined();
    const items = (r.body.data as { myBoards: { items: Array<{ id: string; myRole: string; memberCount: number; taskCount: number }> } }).myBoards.items;
    expect(items.map((b) => [b.id, b.myRole]).sort()).toEqual([[SEED_BOARD_ID, 'OWNER'], [SEED_BOB_BOARD_ID, 'VIEWER']].sort());
    expect(items.find((b) => b.id === SEED_BOARD_ID)).toMatchObject({ memberCount: 2, taskCount: 8 });
  });

  it('carol, who belongs to no board, sees none', async () => {
    const r = await api.request('{ myBoards { items { id } } }', {}, as('carol'));
    expect(r.body).toEqual({ data: { myBoards: { items: [] } } });
  });

  it('board(id) answers a member with their role, and tells a non-member nothing', async () => {
    const bob = await api.request('query($id: ID!) { board(id: $id) { id name myRole } }', { id: SEED_BOARD_ID }, as('bob'));
    expect(bob.body.data).toEqual({ board: { id: SEED_BOARD_ID, name: 'Website launch', myRole: 'EDITOR' } });
    const carol = await api.request('query($id: ID!) { board(id: $id) { id name } }', { id: SEED_BOARD_ID }, as('carol'));
    const missing = await api.request('query($id: ID!) { board(id: $id) { id name } }', { id: 'no-such-board' }, as('carol'));
    expect(carol.body.data).toEqual({ board: null });
    // A board carol may not see and a board that does not exist look the same.
    expect(carol.body).toEqual(missing.body);
  });

  it('createBoard writes the board and the owner membership; it then shows in myBoards', async () => {
    const created = await api.request('mutation($in: CreateBoardInput!) { createBoard(input: $in) { id name myRole memberCount taskCount version } }',
      { in: { name: 'Carol\'s board' } }, as('carol'));
    expect(created.body.errors).toBeUndefined();
    const board = (created.body.data as { createBoard: { id: string } }).createBoard;
    expect(board).toMatchObject({ name: 'Carol\'s board', myRole: 'OWNER', memberCount: 1, taskCount: 0, version: 1 });
    const mine = await api.request('{ myBoards { items { id } } }', {}, as('carol'));
    expect(mine.body.data).toEqual({ myBoards: { items: [{ id: board.id }] } });
  });

  it('createBoard rejects bad input with a typed error and writes nothing', async () => {
    const r = await api.request('mutation { createBoard(input: { name: "   " }) { id } }', {}, as('bob'));
    expect(r.body.data).toBeNull();
    expect(r.body.errors?.[0]).toMatchObject({ path: ['createBoard'], errorType: expect.any(String) });
    const mine = await api.request('{ myBoards { items { id } } }', {}, as('bob'));
    expect((mine.body.data as { myBoards: { items: unknown[] } }).myBoards.items).toHaveLength(2);
  });

  it('boardStats runs the Lambda bundle against the seeded tasks', async () => {
    const r = await api.request('query($id: ID!) { boardStats(boardId: $id) { total overdue completedLast7Days byStatus { status count } } }', { id: SEED_BOARD_ID }, as('bob'));
    expect(r.body.errors).toBeUndefined();
    const stats = (r.body.data as { boardStats: { total: number; overdue: number; byStatus: Array<{ status: string; count: number }> } }).boardStats;
    expect(stats.total).toBe(8);
    expect(stats.byStatus.map((s) => s.status).sort()).toEqual(['DONE', 'IN_PROGRESS', 'IN_REVIEW', 'TODO']);
    expect(stats.byStatus.reduce((n, s) => n + s.count, 0)).toBe(8);
    const carol = await api.request('query($id: ID!) { boardStats(boardId: $id) { total } }', { id: SEED_BOARD_ID }, as('carol'));
    expect(carol.body.data).toBeNull();
    expect(carol.body.errors?.[0]).toMatchObject({ path: ['boardStats'] });
  });
});
