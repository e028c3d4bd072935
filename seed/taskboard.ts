/**
 * Seed data for the offline runtime (`npm start` passes `--seed seed/taskboard.ts`).
 *
 * Users: alice, bob, carol and admin (in the admins group). Boards:
 * - SEED_BOARD_ID, "Website launch": alice OWNER, bob EDITOR; tasks in every status, some
 *   assigned (one overdue), comments on three of them.
 * - SEED_BOB_BOARD_ID, "Reading list": bob OWNER, alice VIEWER, so role differences can be tried.
 * carol belongs to no board; admin belongs to none either and reads boards as support staff.
 *
 * Every key comes from resolvers/lib/keys.ts and every item has the shape resolvers write
 * (resolvers/lib/items.ts). Times are relative to `ctx.now`, ids are fixed or derived from it,
 * so the output depends on nothing but the context. Local use only: the passwords are public.
 */
import type { Priority, Role, TaskStatus } from '../generated/graphql';
import type { BoardItem, CommentItem, MemberItem, TaskItem, UserItem } from '../resolvers/lib/items';
import {
  BOARD_META_SK, boardKey, commentKey, memberGsi1, memberKey, taskGsi2, taskKey, taskOpenDue, taskOrderKey, userKey,
} from '../resolvers/lib/keys';
import { ADMINS_GROUP } from '../resolvers/lib/roles';

export interface SeedUser { username: string; email: string; password: string; groups?: string[] }
export interface SeedContext {
  /** Stack outputs, resolved to local values (e.g. outputs.TableName is the local table name). */
  outputs: Record<string, string>;
  /** Each seeded user's Cognito `sub`, by username. */
  subs: Record<string, string>;
  /** "now", so the data is deterministic under test. */
  now: Date;
}
export interface SeedItem { tableName: string; item: Record<string, unknown> }

export type SeedUsername = 'alice' | 'bob' | 'carol' | 'admin';

/** Passwords meet the user pool's policy (infra/constructs/user-pool.ts: 12+ chars, upper, lower, digit, symbol). */
export const users: SeedUser[] = [
  { username: 'alice', email: 'alice@example.com', password: 'Passw0rd!alice' },
  { username: 'bob', email: 'bob@example.com', password: 'Passw0rd!bob' },
  { username: 'carol', email: 'carol@example.com', password: 'Passw0rd!carol' },
  { username: 'admin', email: 'admin@example.com', password: 'Passw0rd!admin', groups: [ADMINS_GROUP] },
];

/** alice's board (bob EDITOR). Ids look like `util.autoId()`'s UUIDs. */
export const SEED_BOARD_ID = '5eedb0a4-0000-4000-8000-000000000001';
/** bob's board (alice VIEWER). */
export const SEED_BOB_BOARD_ID = '5eedb0a4-0000-4000-8000-000000000002';

export const SEED_TASK_IDS = {
  /** TODO, bob, due in 5 days. */
  announcement: '5eed7a5c-0000-4000-8000-000000000001',
  /** TODO, unassigned, no due date; positioned between announcement and analytics. */
  domain: '5eed7a5c-0000-4000-8000-000000000002',
  /** TODO, alice, due 2 days ago: the board's one overdue task. */
  analytics: '5eed7a5c-0000-4000-8000-000000000003',
  /** IN_PROGRESS, alice, due in 2 days. */
  landingPage: '5eed7a5c-0000-4000-8000-000000000004',
  /** IN_PROGRESS, bob, no due date. */
  dns: '5eed7a5c-0000-4000-8000-000000000005',
  /** IN_REVIEW, bob, due today (not overdue yet). */
  pricingCopy: '5eed7a5c-0000-4000-8000-000000000006',
  /** DONE 3 days ago, alice, was due 10 days ago (done, so not overdue). */
  companyAccount: '5eed7a5c-0000-4000-8000-000000000007',
  /** DONE 9 days ago, unassigned. */
  kickoff: '5eed7a5c-0000-4000-8000-000000000008',
  /** SEED_BOB_BOARD_ID: TODO, bob, due in 14 days. */
  dynamoBook: '5eed7a5c-0000-4000-8000-000000000009',
  /** SEED_BOB_BOARD_ID: DONE yesterday, unassigned. */
  graphqlSpec: '5eed7a5c-0000-4000-8000-00000000000a',
} as const;

export type SeedTaskName = keyof typeof SEED_TASK_IDS;

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

interface BoardSpec {
  id: string;
  name: string;
  description: string | null;
  createdDaysAgo: number;
  members: Array<{ user: SeedUsername; role: Role; joinedDaysAgo: number }>;
}

const BOARDS: BoardSpec[] = [
  {
    id: SEED_BOARD_ID, name: 'Website launch', description: 'Everything needed to ship the new site.', createdDaysAgo: 14,
    // The owner first: createBoard writes the owner's membership with the board.
    members: [{ user: 'alice', role: 'OWNER', joinedDaysAgo: 14 }, { user: 'bob', role: 'EDITOR', joinedDaysAgo: 13 }],
  },
  {
    id: SEED_BOB_BOARD_ID, name: 'Reading list', description: null, createdDaysAgo: 7,
    members: [{ user: 'bob', role: 'OWNER', joinedDaysAgo: 7 }, { user: 'alice', role: 'VIEWER', joinedDaysAgo: 6 }],
  },
];

interface TaskSpec {
  name: SeedTaskName;
  boardId: string;
  title: string;
  description: string | null;
  status: TaskStatus;
  priority: Priority;
  /**
   * Fractional index: base-62 digits (0-9, A-Z, a-z: ASCII order is their numeric order) in the
   * fractional-indexing style `a1` < `a1V` < `a2`; `a1V` sits between its neighbours as if it
   * had been inserted there later.
   */
  position: string;
  assignee: SeedUsername | null;
  /** Days from now (negative: in the past); null for no due date. */
  dueInDays: number | null;
  labels: string[];
  createdBy: SeedUsername;
  createdDaysAgo: number;
  /** DONE tasks only: when the task entered DONE. */
  completedDaysAgo?: number;
}

/** In their intended order within each status (the test checks that positions agree). */
const TASKS: TaskSpec[] = [
  {
    name: 'announcement', boardId: SEED_BOARD_ID, title: 'Write the launch announcement', description: 'Blog post and newsletter.',
    status: 'TODO', priority: 'HIGH', position: 'a1', assignee: 'bob', dueInDays: 5, labels: ['marketing'],
    createdBy: 'alice', createdDaysAgo: 12,
  },
  {
    name: 'domain', boardId: SEED_BOARD_ID, title: 'Pick a domain name', description: null,
    status: 'TODO', priority: 'LOW', position: 'a1V', assignee: null, dueInDays: null, labels: [],
    createdBy: 'bob', createdDaysAgo: 4,
  },
  {
    name: 'analytics', boardId: SEED_BOARD_ID, title: 'Set up analytics', description: 'Privacy-friendly, no cookie banner.',
    status: 'TODO', priority: 'URGENT', position: 'a2', assignee: 'alice', dueInDays: -2, labels: ['engineering'],
    createdBy: 'alice', createdDaysAgo: 12,
  },
  {
    name: 'landingPage', boardId: SEED_BOARD_ID, title: 'Design the landing page', description: null,
    status: 'IN_PROGRESS', priority: 'HIGH', position: 'a1', assignee: 'alice', dueInDays: 2, labels: ['design', 'marketing'],
    createdBy: 'alice', createdDaysAgo: 10,
  },
  {
    name: 'dns', boardId: SEED_BOARD_ID, title: 'Migrate DNS', description: 'Lower the TTLs a day before.',
    status: 'IN_PROGRESS', priority: 'MEDIUM', position: 'a2', assignee: 'bob', dueInDays: null, labels: ['engineering'],
    createdBy: 'bob', createdDaysAgo: 9,
  },
  {
    name: 'pricingCopy', boardId: SEED_BOARD_ID, title: 'Copy for the pricing page', description: null,
    status: 'IN_REVIEW', priority: 'MEDIUM', position: 'a1', assignee: 'bob', dueInDays: 0, labels: ['marketing'],
    createdBy: 'alice', createdDaysAgo: 8,
  },
  {
    name: 'companyAccount', boardId: SEED_BOARD_ID, title: 'Register the company account', description: null,
    status: 'DONE', priority: 'LOW', position: 'a1', assignee: 'alice', dueInDays: -10, labels: [],
    createdBy: 'alice', createdDaysAgo: 14, completedDaysAgo: 3,
  },
  {
    name: 'kickoff', boardId: SEED_BOARD_ID, title: 'Kick-off meeting', description: 'Agree on scope and dates.',
    status: 'DONE', priority: 'MEDIUM', position: 'a2', assignee: null, dueInDays: null, labels: [],
    createdBy: 'alice', createdDaysAgo: 14, completedDaysAgo: 9,
  },
  {
    name: 'dynamoBook', boardId: SEED_BOB_BOARD_ID, title: 'Read The DynamoDB Book', description: null,
    status: 'TODO', priority: 'MEDIUM', position: 'a1', assignee: 'bob', dueInDays: 14, labels: ['books'],
    createdBy: 'bob', createdDaysAgo: 7,
  },
  {
    name: 'graphqlSpec', boardId: SEED_BOB_BOARD_ID, title: 'Read the GraphQL spec', description: null,
    status: 'DONE', priority: 'LOW', position: 'a1', assignee: null, dueInDays: null, labels: ['specs'],
    createdBy: 'bob', createdDaysAgo: 7, completedDaysAgo: 1,
  },
];

interface CommentSpec { task: SeedTaskName; author: SeedUsername; body: string; hoursAgo: number }

/** In creation order; every comment is younger than its task. */
const COMMENTS: CommentSpec[] = [
  { task: 'landingPage', author: 'bob', body: 'First mock-ups are in the shared folder.', hoursAgo: 72 },
  { task: 'announcement', author: 'alice', body: 'Let us wait for the final pricing copy before drafting.', hoursAgo: 50 },
  { task: 'landingPage', author: 'alice', body: 'Love the hero section. Can we try a darker header?', hoursAgo: 48 },
  { task: 'landingPage', author: 'bob', body: 'Done, the mock-ups are updated.', hoursAgo: 20 },
  { task: 'dynamoBook', author: 'bob', body: 'Chapter 9 on single-table design is the one to read first.', hoursAgo: 6 },
];

/** Builds the items to write, in a fixed order: profiles, then each board's meta, members and tasks, then comments. */
export function items(ctx: SeedContext): SeedItem[] {
  const tableName = ctx.outputs.TableName;
  if (!tableName) throw new Error('seed/taskboard.ts: the stack output TableName is missing');
  const nowMs = ctx.now.getTime();
  if (Number.isNaN(nowMs)) throw new Error('seed/taskboard.ts: ctx.now is not a valid date');

  const sub = (user: SeedUsername): string => {
    const id = ctx.subs[user];
    if (!id) throw new Error(`seed/taskboard.ts: no Cognito sub for seeded user "${user}"`);
    return id;
  };
  const isoAt = (ms: number) => new Date(ms).toISOString();
  const daysAgo = (days: number) => isoAt(nowMs - days * DAY_MS);
  /** AWSDate, in UTC like boardStats compares it. */
  const dateIn = (days: number) => isoAt(nowMs + days * DAY_MS).slice(0, 10);

  const profiles: UserItem[] = users.map((user) => {
    const id = sub(user.username as SeedUsername);
    const displayName = user.username.charAt(0).toUpperCase() + user.username.slice(1);
    return { ...userKey(id), type: 'User', id, email: user.email, displayName, createdAt: daysAgo(30) };
  });

  const tasks: TaskItem[] = TASKS.map((spec) => {
    const id = SEED_TASK_IDS[spec.name];
    const assigneeId = spec.assignee ? sub(spec.assignee) : null;
    const dueDate = spec.dueInDays === null ? null : dateIn(spec.dueInDays);
    const createdAt = daysAgo(spec.createdDaysAgo);
    const completedAt = spec.completedDaysAgo === undefined ? undefined : daysAgo(spec.completedDaysAgo);
    const task: TaskItem = {
      ...taskKey(spec.boardId, id),
      lsi1sk: taskOrderKey(spec.status, spec.position, id),
      // gsi2 keys only when assigned: an unassigned task stays out of everyone's "my tasks".
      ...(assigneeId ? taskGsi2(assigneeId, spec.status, dueDate, id) : {}),
      ...(taskOpenDue(spec.boardId, spec.status, dueDate, id) ?? {}),
      type: 'Task', id, boardId: spec.boardId, title: spec.title, description: spec.description,
      status: spec.status, priority: spec.priority, assigneeId, dueDate, labels: [...spec.labels],
      position: spec.position, createdById: sub(spec.createdBy),
      createdAt, updatedAt: completedAt ?? createdAt, version: 1,
    };
    if (completedAt) task.completedAt = completedAt;
    return task;
  });

  const boardItems: Array<BoardItem | MemberItem | TaskItem> = [];
  for (const spec of BOARDS) {
    const members: MemberItem[] = spec.members.map((m) => {
      const userId = sub(m.user);
      const joinedAt = daysAgo(m.joinedDaysAgo);
      const key = memberKey(spec.id, userId);
      return {
        ...key, lsi1sk: key.sk, ...memberGsi1(userId, joinedAt),
        type: 'Member', boardId: spec.id, userId, role: m.role, joinedAt,
      };
    });
    const boardTasks = tasks.filter((t) => t.boardId === spec.id);
    const owner = spec.members.find((m) => m.role === 'OWNER');
    if (!owner) throw new Error(`seed/taskboard.ts: board ${spec.id} has no owner`);
    const createdAt = daysAgo(spec.createdDaysAgo);
    const board: BoardItem = {
      ...boardKey(spec.id), lsi1sk: BOARD_META_SK, type: 'Board', id: spec.id, name: spec.name,
      description: spec.description, ownerId: sub(owner.user),
      // True counts of the items written below, as the counting transactions would keep them.
      taskCount: boardTasks.length, memberCount: members.length,
      createdAt, updatedAt: createdAt, version: 1,
    };
    boardItems.push(board, ...members, ...boardTasks);
  }

  const comments: CommentItem[] = COMMENTS.map((spec, i) => {
    const task = tasks.find((t) => t.id === SEED_TASK_IDS[spec.task]);
    if (!task) throw new Error(`seed/taskboard.ts: comment on unknown task ${spec.task}`);
    const createdMs = nowMs - spec.hoursAgo * HOUR_MS;
    const id = seedUlid(createdMs, i + 1);
    return {
      ...commentKey(task.boardId, task.id, id), type: 'Comment', id, boardId: task.boardId, taskId: task.id,
      authorId: sub(spec.author), body: spec.body, createdAt: isoAt(createdMs),
    };
  });

  return [...profiles, ...boardItems, ...comments].map((item) => ({ tableName, item: { ...item } }));
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A ULID with a deterministic "random" part: 10 Crockford base-32 characters of the time in
 * milliseconds, then `sequence` in 16 characters. Sorts by time like the real ones.
 */
function seedUlid(timeMs: number, sequence: number): string {
  return base32(timeMs, 10) + base32(sequence, 16);
}

function base32(value: number, width: number): string {
  let out = '';
  let rest = value;
  for (let i = 0; i < width; i += 1) {
    out = CROCKFORD[rest % 32] + out;
    rest = Math.floor(rest / 32);
  }
  if (rest !== 0) throw new Error(`seed/taskboard.ts: ${value} does not fit in ${width} base-32 characters`);
  return out;
}
