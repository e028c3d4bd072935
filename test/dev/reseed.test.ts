/**
 * `npm run seed` against a running Taskboard API: the larger data set is consistent (counts,
 * positions, every role), the CLI replaces the data through `POST /local/seed` (new users created
 * in local Cognito, existing ones kept, old data gone, seed writes not delivered to the stream
 * mappings), and the route serves local tools only.
 */
import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { largeBoardId, items as largeItems, users as largeUsers } from '../../seed/taskboard-large';
import { SEED_BOARD_ID, users as smallUsers } from '../../seed/taskboard';
import { givenTaskboardApi, SEED_NOW } from '../helpers/taskboard-api';
import type { LocalApi } from '../helpers/local-api';

const root = resolve(import.meta.dirname, '../..');

describe('seed/taskboard-large.ts', () => {
  const subs = Object.fromEntries(largeUsers.map((u, i) => [u.username, `sub-${i}`]));
  const all = largeItems({ outputs: { TableName: 'T' }, subs, now: SEED_NOW }).map((i) => i.item as Record<string, unknown>);

  it('keeps the small set and its users, and adds boards with dozens of tasks in every status, comments and every role', () => {
    expect(largeUsers.slice(0, smallUsers.length)).toEqual(smallUsers);
    expect(all.some((i) => i.id === SEED_BOARD_ID)).toBe(true);
    const tasks = all.filter((i) => i.type === 'Task');
    expect(tasks.length).toBeGreaterThanOrEqual(60);
    expect(new Set(tasks.map((t) => t.status))).toEqual(new Set(['TODO', 'IN_PROGRESS', 'IN_REVIEW', 'DONE']));
    expect(all.filter((i) => i.type === 'Comment').length).toBeGreaterThanOrEqual(20);
    expect(all.filter((i) => i.type === 'Board')).toHaveLength(6);
    for (let b = 1; b <= 4; b++) {
      const roles = all.filter((i) => i.type === 'Member' && i.boardId === largeBoardId(b)).map((m) => m.role);
      expect(new Set(roles)).toEqual(new Set(['OWNER', 'EDITOR', 'VIEWER']));
    }
  });

  it('has true counts, unique keys and positions, and assignees who are members', () => {
    const keys = all.map((i) => `${String(i.pk)}|${String(i.sk)}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const board of all.filter((i) => i.type === 'Board')) {
      const tasks = all.filter((i) => i.type === 'Task' && i.boardId === board.id);
      const members = all.filter((i) => i.type === 'Member' && i.boardId === board.id);
      expect(board.taskCount).toBe(tasks.length);
      expect(board.memberCount).toBe(members.length);
      const order = tasks.map((t) => String(t.lsi1sk));
      expect(new Set(order).size).toBe(order.length);
      for (const t of tasks) if (t.assigneeId) expect(members.map((m) => m.userId)).toContain(t.assigneeId);
    }
  });

  it('is the same for the same context', () => {
    expect(largeItems({ outputs: { TableName: 'T' }, subs, now: SEED_NOW })).toEqual(largeItems({ outputs: { TableName: 'T' }, subs, now: SEED_NOW }));
  });
});

describe('npm run seed', () => {
  let api: LocalApi;
  beforeAll(async () => {
    api = await givenTaskboardApi();
  }, 120_000);
  afterAll(async () => {
    await api?.close();
  });

  const myBoards = async (user: string) => {
    const reply = await api.request('{ myBoards { items { id name myRole } } }', {}, await api.as(user));
    return (reply.body.data as { myBoards: { items: Array<{ id: string; name: string; myRole: string }> } }).myBoards.items;
  };
  const seed = (module: string) => promisify(execFile)(join(root, 'node_modules/.bin/tsx'), ['local/cli/seed.ts', '--seed', module, '--port', String(api.runtime.port)], { cwd: root });

  it('replaces the data with the larger set, creating only the users that are missing', async () => {
    const created = await api.request('mutation($b: ID!) { createTask(input: { boardId: $b, title: "Before the reseed" }) { id } }', { b: SEED_BOARD_ID }, await api.as('alice'));
    expect(created.body.errors).toBeUndefined();
    const streamsBefore = api.runtime.streams;

    const { stdout } = await seed('seed/taskboard-large.ts');
    expect(stdout).toMatch(/^seeded seed\/taskboard-large\.ts: \d+ items written, \d+ removed, in \d+\.\d s$/m);
    expect(stdout).toMatch(/^ {2}\* dave\s+dave@example\.com\s+Passw0rd!dave$/m);
    expect(stdout).toMatch(/^ {4}alice\s+alice@example\.com\s+Passw0rd!alice$/m);

    expect((await myBoards('alice')).map((b) => b.name).sort()).toEqual(['Mobile app 2.0', 'Q3 marketing', 'Reading list', 'Website launch']);
    const board = await api.request('query($b: ID!) { board(id: $b) { taskCount tasks(limit: 100) { items { title } } } }', { b: SEED_BOARD_ID }, await api.as('alice'));
    const titles = (board.body.data as { board: { tasks: { items: Array<{ title: string }> } } }).board.tasks.items.map((t) => t.title);
    expect(titles).not.toContain('Before the reseed');
    // A new user signs in with the password the seed gives.
    expect(await myBoards('dave')).toContainEqual(expect.objectContaining({ name: 'Mobile app 2.0', myRole: 'EDITOR' }));
    expect(api.runtime.users.map((u) => u.username)).toEqual(expect.arrayContaining(['alice', 'dave', 'ivan']));
    // The console's list and `npm run token` see the new users too.
    const info = (await (await fetch(`${api.runtime.url}/local/info`)).json()) as { auth: { users: Array<{ username: string }> } };
    expect(info.auth.users.map((u) => u.username)).toEqual(expect.arrayContaining(['alice', 'dave', 'ivan']));
    const { stdout: token } = await promisify(execFile)(join(root, 'node_modules/.bin/tsx'), ['local/cli/token.ts', 'dave', '--port', String(api.runtime.port)], { cwd: root });
    const asDave = await api.request('{ myBoards { items { name } } }', {}, { authorization: token.trim() });
    expect((asDave.body.data as { myBoards: { items: Array<{ name: string }> } }).myBoards.items).toContainEqual({ name: 'Mobile app 2.0' });

    // The stream mappings were restarted after the writes: the seeded items reach no function.
    expect(api.runtime.streams).not.toBe(streamsBefore);
    await api.runtime.streams?.settled();
    const activity = await api.request('query($b: ID!) { boardActivity(boardId: $b) { items { id } } }', { b: largeBoardId(2) }, await api.as('alice'));
    expect(activity.body).toEqual({ data: { boardActivity: { items: [] } } });
  });

  it('goes back to the small set, keeping the users', async () => {
    const { stdout } = await seed('seed/taskboard.ts');
    expect(stdout).not.toMatch(/^ {2}\* /m);
    expect((await myBoards('alice')).map((b) => b.name).sort()).toEqual(['Reading list', 'Website launch']);
    expect(await myBoards('dave')).toEqual([]);
  });

  it('serves local tools only, with a module path', async () => {
    const url = `${api.runtime.url}/local/seed`;
    const post = (body: unknown, headers: Record<string, string> = {}) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    expect((await post({ module: join(root, 'seed/taskboard.ts') }, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await post({ module: 'seed/taskboard.ts' })).status).toBe(400);
    expect((await fetch(url)).status).toBe(405);
    const missing = await post({ module: join(root, 'seed/nope.ts') });
    expect(missing.status).toBe(500);
    expect(((await missing.json()) as { message: string }).message).toMatch(/nope\.ts/);
  });
});
