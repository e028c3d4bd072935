import { decodeTime, isValid } from 'ulid';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { computeBoardStats } from '../../functions/boardStats/stats';
import type { TaskStatus } from '../../generated/graphql';
import { sharedResourcesOfType } from '../helpers/shared-template';
import type { BoardItem, CommentItem, MemberItem, TaskItem, UserItem } from '../../resolvers/lib/items';
import {
  BOARD_META_SK, STATUS_ORDINAL, boardKey, boardPk, commentKey, memberGsi1, memberKey, taskGsi2, taskKey,
  taskOrderKey, userKey,
} from '../../resolvers/lib/keys';
import { ADMINS_GROUP } from '../../resolvers/lib/roles';
import {
  SEED_BOARD_ID, SEED_BOB_BOARD_ID, SEED_TASK_IDS, type SeedContext, type SeedItem, items, users,
} from '../../seed/taskboard';

const now = new Date('2026-03-10T12:00:00.000Z');
// UUID-like subs, unlike the usernames, so a seed that keys by username fails.
const subs = {
  alice: 'a11ce000-0000-4000-8000-000000000001',
  bob: '0b0b0000-0000-4000-8000-000000000002',
  carol: 'ca201000-0000-4000-8000-000000000003',
  admin: 'ad310000-0000-4000-8000-000000000004',
};
const context = (overrides: Partial<SeedContext> = {}): SeedContext => ({
  outputs: { TableName: 'taskboard-local', Region: 'us-east-1' }, subs: { ...subs }, now: new Date(now), ...overrides,
});

const seeded = items(context());
const all = seeded.map((s) => s.item);
const ofType = <T>(type: string) => all.filter((i) => i.type === type) as unknown as T[];
const profiles = ofType<UserItem>('User');
const boards = ofType<BoardItem>('Board');
const members = ofType<MemberItem>('Member');
const tasks = ofType<TaskItem>('Task');
const comments = ofType<CommentItem>('Comment');
const STATUSES = Object.keys(STATUS_ORDINAL) as TaskStatus[];
const KEY_ATTRIBUTES = ['pk', 'sk', 'lsi1sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk'];
const keysOf = (item: Record<string, unknown>) =>
  Object.fromEntries(KEY_ATTRIBUTES.filter((k) => k in item).map((k) => [k, item[k]]));
const taskById = (id: string) => tasks.find((t) => t.id === id)!;

afterEach(() => {
  vi.useRealTimers();
});

describe('seed users', () => {
  it('are alice, bob, carol and admin, with NAME@example.com emails', () => {
    expect(users.map((u) => u.username)).toEqual(['alice', 'bob', 'carol', 'admin']);
    for (const user of users) expect(user.email).toBe(`${user.username}@example.com`);
  });

  it('put admin, and only admin, in the admins group', () => {
    expect(ADMINS_GROUP).toBe('admins');
    expect(users.filter((u) => (u.groups ?? []).includes(ADMINS_GROUP)).map((u) => u.username)).toEqual(['admin']);
    expect(users.filter((u) => u.username !== 'admin').every((u) => (u.groups ?? []).length === 0)).toBe(true);
  });

  it('have passwords that satisfy the user pool\'s password policy', () => {
    // The run's synthesized template (test/global-setup.ts), as local Cognito is configured from it.
    const pools = sharedResourcesOfType('AWS::Cognito::UserPool');
    expect(pools).toHaveLength(1);
    const policy = (pools[0].Properties?.Policies as { PasswordPolicy: unknown }).PasswordPolicy as {
      MinimumLength: number; RequireLowercase?: boolean; RequireUppercase?: boolean; RequireNumbers?: boolean; RequireSymbols?: boolean;
    };
    expect(policy.MinimumLength).toBeGreaterThan(0);
    // Cognito's accepted special characters.
    const symbol = /[\^$*.[\]{}()?"!@#%&/\\,><':;|_~`=+\- ]/;
    for (const { username, password } of users) {
      expect(password.length, username).toBeGreaterThanOrEqual(policy.MinimumLength);
      if (policy.RequireLowercase) expect(password, username).toMatch(/[a-z]/);
      if (policy.RequireUppercase) expect(password, username).toMatch(/[A-Z]/);
      if (policy.RequireNumbers) expect(password, username).toMatch(/[0-9]/);
      if (policy.RequireSymbols) expect(password, username).toMatch(symbol);
    }
  });
});

describe('seed items', () => {
  it('go to the table named by the TableName output', () => {
    expect(seeded.length).toBeGreaterThan(0);
    expect(new Set(seeded.map((s) => s.tableName))).toEqual(new Set(['taskboard-local']));
  });

  it('each have a pk, an sk and a known type', () => {
    for (const item of all) {
      expect(item.pk, JSON.stringify(item)).toEqual(expect.any(String));
      expect(item.sk, JSON.stringify(item)).toEqual(expect.any(String));
      expect(['User', 'Board', 'Member', 'Task', 'Comment']).toContain(item.type);
    }
    const primaryKeys = all.map((i) => `${String(i.pk)}|${String(i.sk)}`);
    expect(new Set(primaryKeys).size).toBe(primaryKeys.length);
  });

  it('hold no undefined values (DynamoDB cannot store them)', () => {
    for (const item of all) {
      expect(Object.entries(item).filter(([, v]) => v === undefined), JSON.stringify(item)).toEqual([]);
    }
  });

  it('have keys exactly as resolvers/lib/keys.ts builds them, and no other index keys', () => {
    for (const item of all) {
      let expected: Record<string, unknown>;
      if (item.type === 'User') {
        const u = item as unknown as UserItem;
        expected = userKey(u.id);
      } else if (item.type === 'Board') {
        const b = item as unknown as BoardItem;
        expected = { ...boardKey(b.id), lsi1sk: BOARD_META_SK };
      } else if (item.type === 'Member') {
        const m = item as unknown as MemberItem;
        expected = { ...memberKey(m.boardId, m.userId), lsi1sk: memberKey(m.boardId, m.userId).sk, ...memberGsi1(m.userId, m.joinedAt) };
      } else if (item.type === 'Task') {
        const t = item as unknown as TaskItem;
        expected = {
          ...taskKey(t.boardId, t.id), lsi1sk: taskOrderKey(t.status, t.position, t.id),
          ...(t.assigneeId ? taskGsi2(t.assigneeId, t.status, t.dueDate, t.id) : {}),
        };
      } else {
        const c = item as unknown as CommentItem;
        expected = commentKey(c.boardId, c.taskId, c.id);
      }
      expect(keysOf(item), JSON.stringify(item)).toEqual(expected);
    }
  });
});

describe('seed profiles', () => {
  it('exist for every user, keyed by sub, with the User fields', () => {
    expect(profiles.map((p) => p.id)).toEqual([subs.alice, subs.bob, subs.carol, subs.admin]);
    for (const [i, profile] of profiles.entries()) {
      expect(profile.email).toBe(users[i].email);
      expect(profile.displayName.length).toBeGreaterThan(0);
      expect(new Date(profile.createdAt).toISOString()).toBe(profile.createdAt);
    }
  });
});

describe('seed boards', () => {
  it('are alice\'s board and bob\'s board, at version 1, owned by their OWNER member', () => {
    expect(boards.map((b) => [b.id, b.ownerId, b.version])).toEqual([
      [SEED_BOARD_ID, subs.alice, 1],
      [SEED_BOB_BOARD_ID, subs.bob, 1],
    ]);
    for (const board of boards) {
      expect(members.find((m) => m.boardId === board.id && m.userId === board.ownerId)?.role).toBe('OWNER');
    }
  });

  it('have counters equal to the membership and task items written in their partition', () => {
    for (const board of boards) {
      const partition = all.filter((i) => i.pk === boardPk(board.id));
      const memberItems = partition.filter((i) => i.type === 'Member').length;
      const taskItems = partition.filter((i) => i.type === 'Task').length;
      expect(board.memberCount).toBe(memberItems);
      expect(board.taskCount).toBe(taskItems);
      expect(taskItems).toBeGreaterThan(0);
    }
    expect(boards.reduce((n, b) => n + b.taskCount, 0)).toBe(tasks.length);
    expect(boards.reduce((n, b) => n + b.memberCount, 0)).toBe(members.length);
  });

  it('give alice OWNER and bob EDITOR on alice\'s board, bob OWNER and alice VIEWER on bob\'s', () => {
    const roles = (boardId: string) =>
      Object.fromEntries(members.filter((m) => m.boardId === boardId).map((m) => [m.userId, m.role]));
    expect(roles(SEED_BOARD_ID)).toEqual({ [subs.alice]: 'OWNER', [subs.bob]: 'EDITOR' });
    expect(roles(SEED_BOB_BOARD_ID)).toEqual({ [subs.bob]: 'OWNER', [subs.alice]: 'VIEWER' });
  });

  it('leave carol (and admin) without any membership', () => {
    for (const sub of [subs.carol, subs.admin]) {
      expect(members.filter((m) => m.userId === sub)).toEqual([]);
      expect(all.filter((i) => i.gsi1pk === userKey(sub).pk || i.sk === memberKey(SEED_BOARD_ID, sub).sk)).toEqual([]);
    }
  });

  it('list meta, then members, then tasks by status in the board view (lsi1 order)', () => {
    const view = all.filter((i) => i.pk === boardPk(SEED_BOARD_ID) && 'lsi1sk' in i)
      .sort((a, b) => (String(a.lsi1sk) < String(b.lsi1sk) ? -1 : 1));
    const types = view.map((i) => i.type);
    expect(types).toEqual(['Board', 'Member', 'Member', ...Array(types.length - 3).fill('Task')]);
    const ordinals = view.slice(3).map((t) => Number(STATUS_ORDINAL[t.status as TaskStatus]));
    expect(ordinals).toEqual([...ordinals].sort((a, b) => a - b));
  });
});

describe('seed tasks', () => {
  it('cover every TaskStatus on alice\'s board', () => {
    const statuses = new Set(tasks.filter((t) => t.boardId === SEED_BOARD_ID).map((t) => t.status));
    expect([...statuses].sort()).toEqual([...STATUSES].sort());
  });

  it('have base-62 positions that sort within each status in the intended order', () => {
    const intended: Record<TaskStatus, string[]> = {
      TODO: [SEED_TASK_IDS.announcement, SEED_TASK_IDS.domain, SEED_TASK_IDS.analytics],
      IN_PROGRESS: [SEED_TASK_IDS.landingPage, SEED_TASK_IDS.dns],
      IN_REVIEW: [SEED_TASK_IDS.pricingCopy],
      DONE: [SEED_TASK_IDS.companyAccount, SEED_TASK_IDS.kickoff],
    };
    for (const task of tasks) expect(task.position).toMatch(/^[0-9A-Za-z]+$/);
    const onBoard = tasks.filter((t) => t.boardId === SEED_BOARD_ID);
    for (const status of STATUSES) {
      const inStatus = onBoard.filter((t) => t.status === status);
      const byPosition = [...inStatus].sort((a, b) => (a.position < b.position ? -1 : 1)).map((t) => t.id);
      const byLsi = [...inStatus].sort((a, b) => (a.lsi1sk < b.lsi1sk ? -1 : 1)).map((t) => t.id);
      expect(byPosition, status).toEqual(intended[status]);
      expect(byLsi, status).toEqual(intended[status]);
      expect(new Set(inStatus.map((t) => t.position)).size, status).toBe(inStatus.length);
    }
  });

  it('carry gsi2 keys when assigned and none when unassigned', () => {
    const assigned = tasks.filter((t) => t.assigneeId !== null);
    const unassigned = tasks.filter((t) => t.assigneeId === null);
    expect(assigned.length).toBeGreaterThan(0);
    expect(unassigned.length).toBeGreaterThan(0);
    for (const t of assigned) {
      expect({ gsi2pk: t.gsi2pk, gsi2sk: t.gsi2sk }).toEqual(taskGsi2(t.assigneeId!, t.status, t.dueDate, t.id));
    }
    for (const t of unassigned) {
      expect('gsi2pk' in t || 'gsi2sk' in t, t.id).toBe(false);
    }
    // bob's "my tasks" spans both boards.
    expect(new Set(assigned.filter((t) => t.assigneeId === subs.bob).map((t) => t.boardId))).toEqual(new Set([SEED_BOARD_ID, SEED_BOB_BOARD_ID]));
  });

  it('are assigned to and created by members of their board who may edit it', () => {
    for (const t of tasks) {
      for (const userId of [t.assigneeId, t.createdById].filter((u) => u !== null)) {
        const role = members.find((m) => m.boardId === t.boardId && m.userId === userId)?.role;
        expect(['OWNER', 'EDITOR'], `${t.id} ${userId}`).toContain(role);
      }
    }
  });

  it('have priorities, AWSDate due dates, and exactly one overdue task relative to now', () => {
    expect(new Set(tasks.map((t) => t.priority)).size).toBeGreaterThan(1);
    const dated = tasks.filter((t) => t.dueDate !== null);
    expect(dated.filter((t) => t.assigneeId !== null).length).toBeGreaterThan(0);
    for (const t of dated) expect(t.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const today = now.toISOString().slice(0, 10);
    const overdue = tasks.filter((t) => t.status !== 'DONE' && t.dueDate !== null && t.dueDate < today);
    expect(overdue.map((t) => t.id)).toEqual([SEED_TASK_IDS.analytics]);
    expect(taskById(SEED_TASK_IDS.analytics).assigneeId).toBe(subs.alice);
    expect(computeBoardStats(SEED_BOARD_ID, tasks.filter((t) => t.boardId === SEED_BOARD_ID), now).overdue).toBe(1);
  });

  it('record completedAt only on DONE tasks, within the boardStats week for one of them', () => {
    for (const t of tasks) expect('completedAt' in t, t.id).toBe(t.status === 'DONE');
    const stats = computeBoardStats(SEED_BOARD_ID, tasks.filter((t) => t.boardId === SEED_BOARD_ID), now);
    expect(stats.completedLast7Days).toBe(1);
    expect(stats.byStatus).toEqual([
      { status: 'TODO', count: 3 }, { status: 'IN_PROGRESS', count: 2 }, { status: 'IN_REVIEW', count: 1 }, { status: 'DONE', count: 2 },
    ]);
  });

  it('start at version 1 with createdAt <= updatedAt <= now', () => {
    for (const t of tasks) {
      expect(t.version).toBe(1);
      expect(Date.parse(t.createdAt)).toBeLessThanOrEqual(Date.parse(t.updatedAt));
      expect(Date.parse(t.updatedAt)).toBeLessThanOrEqual(now.getTime());
    }
  });
});

describe('seed comments', () => {
  it('are on at least two tasks, in each task\'s own partition, by members of the board', () => {
    expect(new Set(comments.map((c) => c.taskId)).size).toBeGreaterThanOrEqual(2);
    for (const c of comments) {
      const task = taskById(c.taskId);
      expect(task?.boardId).toBe(c.boardId);
      expect(c.pk).toBe(`TASK#${c.boardId}#${c.taskId}`);
      expect(members.some((m) => m.boardId === c.boardId && m.userId === c.authorId), c.id).toBe(true);
      expect(Date.parse(c.createdAt)).toBeGreaterThan(Date.parse(task.createdAt));
    }
  });

  it('have unique ULIDs whose time is their createdAt, so sk order is time order', () => {
    for (const c of comments) {
      expect(isValid(c.id), c.id).toBe(true);
      expect(decodeTime(c.id)).toBe(Date.parse(c.createdAt));
    }
    expect(new Set(comments.map((c) => c.id)).size).toBe(comments.length);
    const bySk = [...comments].sort((a, b) => (a.sk < b.sk ? -1 : 1)).map((c) => c.id);
    const byTime = [...comments].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt)).map((c) => c.id);
    expect(bySk).toEqual(byTime);
  });
});

describe('seed determinism', () => {
  it('gives the same items for the same now and subs, whatever the clock says', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2030-01-01T00:00:00.000Z'));
    const first = items(context());
    vi.setSystemTime(new Date('2031-06-15T08:30:00.000Z'));
    const second = items(context());
    expect(second).toEqual(first);
    expect(first).toEqual(seeded);
  });

  it('follows ctx.now: a later now shifts every date and comment id', () => {
    const later = items(context({ now: new Date(now.getTime() + 24 * 60 * 60 * 1000) }));
    const laterTasks = later.map((s) => s.item).filter((i) => i.type === 'Task') as unknown as TaskItem[];
    const analytics = laterTasks.find((t) => t.id === SEED_TASK_IDS.analytics)!;
    expect(analytics.dueDate).toBe('2026-03-09');
    expect(taskById(SEED_TASK_IDS.analytics).dueDate).toBe('2026-03-08');
    const ids = (list: SeedItem[]) => list.filter((s) => s.item.type === 'Comment').map((s) => s.item.id);
    expect(ids(later)).not.toEqual(ids(seeded));
    expect(ids(later)).toHaveLength(comments.length);
  });

  it('fails loudly without a sub for a seeded user or without the table name', () => {
    const { carol: _carol, ...withoutCarol } = subs;
    expect(() => items(context({ subs: withoutCarol }))).toThrow(/carol/);
    expect(() => items(context({ outputs: {} }))).toThrow(/TableName/);
  });
});
