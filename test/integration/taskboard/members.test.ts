/**
 * Board management and members over HTTP against the local runtime, with real signed-in users:
 * addMember by email (the addMember Lambda bundle, against local Cognito), roles, the last-owner
 * rule, removal and its effect on access, optimistic concurrency on updateBoard, members
 * paging, and deleteBoard's cascade (the deleteBoard Lambda bundle) down to an empty table.
 *
 * Error types clients see: ValidationError (bad input; the board's last OWNER leaving, being
 * removed or demoted, with errorInfo.reason LAST_OWNER), NotFoundError (unknown email),
 * ConflictError (already a member; stale expectedVersion, with errorInfo.currentVersion),
 * Unauthorized (not a member, or a role too low).
 */
import { PutItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphQLReply, LocalApi } from '../../helpers/local-api';
import { givenTaskboardApi } from '../../helpers/taskboard-api';
import { activityKey, commentKey, taskKey, taskOrderKey } from '../../../resolvers/lib/keys';

let api: LocalApi;
const headers: Record<string, Record<string, string>> = {};
const as = (username: string) => headers[username];
const sub = (username: string) => api.runtime.users.find((u) => u.username === username)!.sub;
let boardId: string;

beforeAll(async () => {
  api = await givenTaskboardApi(undefined, { streams: false });
  for (const u of ['alice', 'bob', 'carol', 'admin']) headers[u] = await api.as(u);
  const created = await api.request('mutation { createBoard(input: { name: "Team board", description: "Ours" }) { id } }', {}, as('alice'));
  boardId = (created.body.data as { createBoard: { id: string } }).createBoard.id;
}, 180_000);
afterAll(async () => api?.close());

const errorOf = (r: GraphQLReply) => r.body.errors?.[0] as { errorType?: string; message: string; path?: unknown[]; errorInfo?: Record<string, unknown> } | undefined;
const dataOf = <T>(r: GraphQLReply, field: string): T => {
  expect(r.body.errors).toBeUndefined();
  return (r.body.data as Record<string, T>)[field];
};

const MEMBER = 'boardId role joinedAt removedAt user { id email displayName }';
const addMember = (caller: string, email: string, role: string) =>
  api.request(`mutation($b: ID!, $e: AWSEmail!, $r: Role!) { addMember(boardId: $b, email: $e, role: $r) { ${MEMBER} } }`, { b: boardId, e: email, r: role }, as(caller));
const updateRole = (caller: string, username: string, role: string) =>
  api.request(`mutation($b: ID!, $u: ID!, $r: Role!) { updateMemberRole(boardId: $b, userId: $u, role: $r) { ${MEMBER} } }`, { b: boardId, u: sub(username), r: role }, as(caller));
const removeMember = (caller: string, username: string) =>
  api.request(`mutation($b: ID!, $u: ID!) { removeMember(boardId: $b, userId: $u) { ${MEMBER} } }`, { b: boardId, u: sub(username) }, as(caller));
const leaveBoard = (caller: string) => api.request(`mutation($b: ID!) { leaveBoard(boardId: $b) { ${MEMBER} } }`, { b: boardId }, as(caller));
const board = (caller: string) => api.request('query($id: ID!) { board(id: $id) { id name description myRole memberCount version } }', { id: boardId }, as(caller));
const myBoardIds = async (caller: string) =>
  dataOf<{ items: Array<{ id: string; myRole: string }> }>(await api.request('{ myBoards(limit: 100) { items { id myRole } } }', {}, as(caller)), 'myBoards').items;
const memberCount = async () => dataOf<{ memberCount: number }>(await board('alice'), 'board').memberCount;

/** Every item in the table that belongs to the board: its partition, comment partitions, activity. */
async function itemsOfBoard(id: string): Promise<Array<Record<string, unknown>>> {
  const items: Array<Record<string, unknown>> = [];
  let start: Record<string, never> | undefined;
  do {
    const page = await api.runtime.client.send(new ScanCommand({ TableName: api.runtime.model.outputs.TableName, ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []).map((i) => unmarshall(i)));
    start = page.LastEvaluatedKey as Record<string, never> | undefined;
  } while (start);
  return items.filter((i) => String(i.pk).startsWith(`BOARD#${id}`) || String(i.pk).startsWith(`TASK#${id}#`) || i.boardId === id);
}

describe('members over HTTP', () => {
  it('alice adds carol by email as VIEWER: memberCount + 1, and carol sees the board in myBoards', async () => {
    const member = dataOf<Record<string, unknown>>(await addMember('alice', 'carol@example.com', 'VIEWER'), 'addMember');
    expect(member).toMatchObject({
      boardId, role: 'VIEWER', removedAt: null,
      user: { id: sub('carol'), email: 'carol@example.com', displayName: 'Carol' },
    });
    expect(Date.parse(member.joinedAt as string)).not.toBeNaN();
    expect(await memberCount()).toBe(2);
    expect(await myBoardIds('carol')).toContainEqual({ id: boardId, myRole: 'VIEWER' });
  });

  it('adding carol again is a ConflictError, and memberCount stays true', async () => {
    const r = await addMember('alice', 'carol@example.com', 'EDITOR');
    expect(r.body.data).toBeNull();
    expect(errorOf(r)).toMatchObject({ errorType: 'ConflictError', message: 'carol@example.com is already a member of this board', path: ['addMember'] });
    expect(await memberCount()).toBe(2);
  });

  it('an unknown email is a NotFoundError, and nothing is written', async () => {
    const before = await itemsOfBoard(boardId);
    const r = await addMember('alice', 'nobody@example.com', 'EDITOR');
    expect(errorOf(r)).toMatchObject({ errorType: 'NotFoundError', message: 'No Taskboard user has the email address nobody@example.com' });
    expect(await itemsOfBoard(boardId)).toEqual(before);
  });

  it('only an OWNER adds members: carol (VIEWER) and bob (not a member) are Unauthorized', async () => {
    for (const caller of ['carol', 'bob']) {
      const r = await api.request(`mutation($b: ID!) { addMember(boardId: $b, email: "bob@example.com", role: EDITOR) { role } }`, { b: boardId }, as(caller));
      expect(errorOf(r)).toMatchObject({ errorType: 'Unauthorized', path: ['addMember'] });
    }
    expect(await memberCount()).toBe(2);
  });

  it('carol (VIEWER) cannot update the board', async () => {
    const r = await api.request('mutation($id: ID!) { updateBoard(input: { id: $id, expectedVersion: 1, name: "Mine now" }) { id } }', { id: boardId }, as('carol'));
    expect(errorOf(r)).toMatchObject({ errorType: 'Unauthorized', path: ['updateBoard'] });
    expect(dataOf<{ name: string }>(await board('alice'), 'board').name).toBe('Team board');
  });

  it('alice updates the board at its version; a stale version is a ConflictError with the current version, nothing overwritten', async () => {
    const UPDATE = 'mutation($in: UpdateBoardInput!) { updateBoard(input: $in) { id name description version myRole owner { id displayName } } }';
    const updated = dataOf<Record<string, unknown>>(await api.request(UPDATE, { in: { id: boardId, expectedVersion: 1, name: 'Team board v2', description: null } }, as('alice')), 'updateBoard');
    expect(updated).toEqual({ id: boardId, name: 'Team board v2', description: null, version: 2, myRole: 'OWNER', owner: { id: sub('alice'), displayName: 'Alice' } });

    const stale = await api.request(UPDATE, { in: { id: boardId, expectedVersion: 1, name: 'Lost update' } }, as('alice'));
    expect(stale.body.data).toBeNull();
    expect(errorOf(stale)).toMatchObject({ errorType: 'ConflictError', errorInfo: { currentVersion: 2 }, path: ['updateBoard'] });
    expect(dataOf<Record<string, unknown>>(await board('alice'), 'board')).toMatchObject({ name: 'Team board v2', description: null, version: 2 });

    const invalid = await api.request(UPDATE, { in: { id: boardId, expectedVersion: 2, name: ' ' } }, as('alice'));
    expect(errorOf(invalid)).toMatchObject({ errorType: 'ValidationError', message: 'name must not be empty' });
  });

  it('alice makes carol an EDITOR; carol sees her new role', async () => {
    const member = dataOf<Record<string, unknown>>(await updateRole('alice', 'carol', 'EDITOR'), 'updateMemberRole');
    expect(member).toMatchObject({ boardId, role: 'EDITOR', removedAt: null, user: { id: sub('carol') } });
    expect(dataOf<{ myRole: string }>(await board('carol'), 'board').myRole).toBe('EDITOR');
    const byEditor = await updateRole('carol', 'carol', 'OWNER');
    expect(errorOf(byEditor)).toMatchObject({ errorType: 'Unauthorized' });
  });

  it('the only OWNER cannot leave, be removed, or be demoted (ValidationError LAST_OWNER); nothing changes', async () => {
    for (const r of [await leaveBoard('alice'), await removeMember('alice', 'alice'), await updateRole('alice', 'alice', 'EDITOR')]) {
      expect(r.body.data).toBeNull();
      expect(errorOf(r)).toMatchObject({ errorType: 'ValidationError', errorInfo: { reason: 'LAST_OWNER', userId: sub('alice') } });
    }
    expect(dataOf<{ myRole: string; memberCount: number }>(await board('alice'), 'board')).toMatchObject({ myRole: 'OWNER', memberCount: 2 });
  });

  it('with a second OWNER, an owner may leave: carol, promoted, leaves and loses access', async () => {
    dataOf(await updateRole('alice', 'carol', 'OWNER'), 'updateMemberRole');
    const left = dataOf<Record<string, unknown>>(await leaveBoard('carol'), 'leaveBoard');
    expect(left).toMatchObject({ boardId, role: 'OWNER', user: { id: sub('carol') } });
    expect(Date.parse(left.removedAt as string)).not.toBeNaN();
    expect(await memberCount()).toBe(1);
    expect((await myBoardIds('carol')).map((b) => b.id)).not.toContain(boardId);
  });

  it('alice removes carol: the Member comes back with removedAt, and carol loses access', async () => {
    dataOf(await addMember('alice', 'carol@example.com', 'VIEWER'), 'addMember');
    expect(dataOf<{ myRole: string }>(await board('carol'), 'board').myRole).toBe('VIEWER');

    const removed = dataOf<Record<string, unknown>>(await removeMember('alice', 'carol'), 'removeMember');
    expect(removed).toMatchObject({ boardId, role: 'VIEWER', user: { id: sub('carol'), email: 'carol@example.com' } });
    expect(Date.parse(removed.removedAt as string)).not.toBeNaN();
    expect(await memberCount()).toBe(1);

    const r = await board('carol');
    expect(r.body.data).toEqual({ board: null });
    expect(errorOf(r)).toMatchObject({ errorType: 'Unauthorized' });
    expect((await myBoardIds('carol')).map((b) => b.id)).not.toContain(boardId);
    expect(errorOf(await leaveBoard('carol'))).toMatchObject({ errorType: 'Unauthorized' });
    // Removing someone who is no longer a member: NotFoundError, and the count stays true.
    expect(errorOf(await removeMember('alice', 'carol'))).toMatchObject({ errorType: 'NotFoundError' });
    expect(await memberCount()).toBe(1);
  });

  it('pages through members with their users attached; a foreign token is a ValidationError', async () => {
    dataOf(await addMember('alice', 'bob@example.com', 'EDITOR'), 'addMember');
    dataOf(await addMember('alice', 'carol@example.com', 'VIEWER'), 'addMember');
    const PAGE = 'query($id: ID!, $t: String) { board(id: $id) { memberCount members(limit: 2, nextToken: $t) { items { role user { id displayName } } nextToken } } }';
    type Page = { memberCount: number; members: { items: Array<{ role: string; user: { id: string; displayName: string } }>; nextToken: string | null } };
    const first = dataOf<Page>(await api.request(PAGE, { id: boardId }, as('bob')), 'board');
    expect(first.memberCount).toBe(3);
    expect(first.members.items).toHaveLength(2);
    expect(first.members.nextToken).toEqual(expect.any(String));
    const second = dataOf<Page>(await api.request(PAGE, { id: boardId, t: first.members.nextToken }, as('bob')), 'board');
    expect(second.members.items).toHaveLength(1);
    expect(second.members.nextToken).toBeNull();
    const all = [...first.members.items, ...second.members.items].map((m) => [m.user.displayName, m.role]).sort();
    expect(all).toEqual([['Alice', 'OWNER'], ['Bob', 'EDITOR'], ['Carol', 'VIEWER']]);

    const forged = await api.request(PAGE, { id: boardId, t: 'bm90LWEtdG9rZW4=' }, as('bob'));
    expect(errorOf(forged)).toMatchObject({ errorType: 'ValidationError', message: 'nextToken is not valid for this list' });
  });

  it('deleteBoard by anyone but an OWNER is Unauthorized, and deletes nothing', async () => {
    const before = (await itemsOfBoard(boardId)).length;
    for (const caller of ['bob', 'carol', 'admin']) {
      const r = await api.request('mutation($id: ID!) { deleteBoard(id: $id) { boardId itemsDeleted } }', { id: boardId }, as(caller));
      expect(errorOf(r)).toMatchObject({ errorType: 'Unauthorized', path: ['deleteBoard'] });
    }
    expect((await itemsOfBoard(boardId)).length).toBe(before);
  });

  it('deleteBoard by the owner leaves no item of the board in the table: tasks, comments, activity, memberships', async () => {
    // Tasks, comments and activity as their resolvers and the stream function write them.
    const table = api.runtime.model.outputs.TableName;
    const extra = [
      { ...taskKey(boardId, 't1'), lsi1sk: taskOrderKey('TODO', 'a0', 't1'), type: 'Task', id: 't1', boardId, title: 'One' },
      { ...taskKey(boardId, 't2'), lsi1sk: taskOrderKey('DONE', 'a0', 't2'), type: 'Task', id: 't2', boardId, title: 'Two' },
      { ...commentKey(boardId, 't1', '01J00000000000000000000001'), type: 'Comment', boardId, taskId: 't1', body: 'hi' },
      { ...commentKey(boardId, 't1', '01J00000000000000000000002'), type: 'Comment', boardId, taskId: 't1', body: 'again' },
      { ...activityKey(boardId, '2026-01-01T00:00:00.000Z', 'a1'), type: 'Activity', boardId, summary: 'created' },
    ];
    for (const item of extra) await api.runtime.client.send(new PutItemCommand({ TableName: table, Item: marshall(item) }));
    const before = await itemsOfBoard(boardId);
    // meta + 3 memberships + the items above
    expect(before).toHaveLength(4 + extra.length);

    const r = await api.request('mutation($id: ID!) { deleteBoard(id: $id) { boardId itemsDeleted } }', { id: boardId }, as('alice'));
    expect(dataOf(r, 'deleteBoard')).toEqual({ boardId, itemsDeleted: before.length });
    expect(await itemsOfBoard(boardId)).toEqual([]);

    for (const caller of ['alice', 'bob', 'carol']) expect((await myBoardIds(caller)).map((b) => b.id)).not.toContain(boardId);
    const gone = await board('alice');
    expect(gone.body.data).toEqual({ board: null });
  });
});
