/**
 * A larger, realistic data set for trying the app by hand (`npm run seed` loads it into the
 * running `npm start`): everything in seed/taskboard.ts (same users, boards and ids), plus six
 * more users and four more boards with a dozen or more tasks each across every status, comments,
 * and members in every role. Deterministic: the same context gives the same items.
 *
 * seed/taskboard.ts stays the small set `npm start` and the tests load; this module only adds to it.
 */
import type { Priority, Role, TaskStatus } from '../generated/graphql';
import type { BoardItem, CommentItem, MemberItem, TaskItem, UserItem } from '../resolvers/lib/items';
import {
  BOARD_META_SK, boardKey, commentKey, memberGsi1, memberKey, taskGsi2, taskKey, taskOpenDue, taskOrderKey, userKey,
} from '../resolvers/lib/keys';
import { items as baseItems, users as baseUsers, type SeedContext, type SeedItem, type SeedUser } from './taskboard';

export type { SeedContext, SeedItem, SeedUser } from './taskboard';

const EXTRA_USERS: SeedUser[] = ['dave', 'erin', 'frank', 'grace', 'heidi', 'ivan'].map((name) => ({
  username: name, email: `${name}@example.com`, password: `Passw0rd!${name}`,
}));

/** Every user of the small set, then six more. Passwords are public: local use only. */
export const users: SeedUser[] = [...baseUsers, ...EXTRA_USERS];

interface LargeBoard {
  name: string;
  description: string;
  createdDaysAgo: number;
  members: Array<[user: string, role: Role]>;
  tasks: string[];
  labels: string[];
}

/** Owners first (createBoard writes the owner's membership with the board); each board has every role. */
const BOARDS: LargeBoard[] = [
  {
    name: 'Mobile app 2.0', description: 'The rewrite: offline mode, push notifications, a new onboarding.', createdDaysAgo: 45,
    members: [['carol', 'OWNER'], ['dave', 'EDITOR'], ['erin', 'EDITOR'], ['alice', 'VIEWER'], ['frank', 'VIEWER']],
    labels: ['ios', 'android', 'design', 'backend'],
    tasks: [
      'Offline queue for mutations', 'Push notification opt-in screen', 'New onboarding flow', 'Crash reporting', 'Dark mode',
      'Deep links to boards', 'Accessibility audit', 'App Store screenshots', 'Beta group on TestFlight', 'Android 15 edge-to-edge',
      'Sync conflict banner', 'Reduce cold start time', 'Localize into German', 'Release notes', 'Remove the legacy API client', 'In-app feedback form',
    ],
  },
  {
    name: 'Q3 marketing', description: 'Campaigns, content and events for the quarter.', createdDaysAgo: 30,
    members: [['grace', 'OWNER'], ['alice', 'EDITOR'], ['heidi', 'EDITOR'], ['bob', 'VIEWER']],
    labels: ['content', 'events', 'ads'],
    tasks: [
      'Conference booth design', 'Webinar on real-time apps', 'Customer story: Acme', 'Newsletter for July', 'Newsletter for August',
      'Paid search experiment', 'Landing page A/B test', 'Partner co-marketing deck', 'Social media calendar', 'Podcast sponsorship',
      'Swag order', 'Case study video',
    ],
  },
  {
    name: 'Platform migration', description: 'Move the last services to the new platform before the old one is retired.', createdDaysAgo: 60,
    members: [['bob', 'OWNER'], ['frank', 'OWNER'], ['ivan', 'EDITOR'], ['dave', 'EDITOR'], ['carol', 'VIEWER'], ['grace', 'VIEWER']],
    labels: ['infra', 'database', 'security'],
    tasks: [
      'Inventory the remaining services', 'Terraform for the new VPC', 'Move the billing service', 'Rotate the database credentials', 'Load test the new cluster',
      'Decommission the old queue', 'Runbook for failover', 'Enable point-in-time recovery', 'Cost report after the move', 'Cut over DNS',
      'Update the on-call rota', 'Delete the old buckets', 'Security review', 'Dashboards for the new platform',
    ],
  },
  {
    name: 'Hiring', description: 'Open roles and the interview loop.', createdDaysAgo: 20,
    members: [['heidi', 'OWNER'], ['ivan', 'EDITOR'], ['erin', 'VIEWER'], ['admin', 'VIEWER']],
    labels: ['engineering', 'design', 'ops'],
    tasks: [
      'Job post: senior backend engineer', 'Job post: product designer', 'Take-home exercise review', 'Interview training', 'Sourcing sprint',
      'Offer letter template', 'Onboarding checklist', 'Referral bonus announcement', 'Update the careers page', 'Debrief notes template',
    ],
  },
];

const STATUSES: TaskStatus[] = ['TODO', 'IN_PROGRESS', 'IN_REVIEW', 'DONE'];
const PRIORITIES: Priority[] = ['LOW', 'MEDIUM', 'HIGH', 'URGENT'];
const COMMENTS = [
  'I can take this one.', 'Blocked on the design review, should be unblocked tomorrow.', 'Draft is ready for a look.',
  'Moved the deadline by a week, see the thread.', 'Done on my side, needs a second pair of eyes.', 'Can we split this into two tasks?',
  'Left a few notes in the doc.', 'This turned out bigger than expected.', 'Shipped to the beta group.', 'Thanks, looks great!',
];
/** Base-62 digits in ASCII order, as the fractional positions use them. */
const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

/** A small seeded PRNG (mulberry32): the same data on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
export const largeBoardId = (board: number) => `5eedb0a4-0000-4000-8000-0000000001${hex(board, 2)}`;
const taskId = (board: number, task: number) => `5eed7a5c-01${hex(board, 2)}-4000-8000-${hex(task, 12)}`;

/** The small set's items, then the larger boards' profiles, boards, members, tasks and comments. */
export function items(ctx: SeedContext): SeedItem[] {
  const tableName = ctx.outputs.TableName;
  const base = baseItems(ctx);
  const nowMs = ctx.now.getTime();
  const sub = (user: string): string => {
    const id = ctx.subs[user];
    if (!id) throw new Error(`seed/taskboard-large.ts: no Cognito sub for seeded user "${user}"`);
    return id;
  };
  const isoAt = (ms: number) => new Date(ms).toISOString();
  const next = random(20_240_601);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];

  const profiles: UserItem[] = EXTRA_USERS.map((user) => {
    const id = sub(user.username);
    return { ...userKey(id), type: 'User', id, email: user.email, displayName: user.username.charAt(0).toUpperCase() + user.username.slice(1), createdAt: isoAt(nowMs - 90 * DAY_MS) };
  });

  const out: Array<BoardItem | MemberItem | TaskItem | CommentItem> = [];
  BOARDS.forEach((spec, b) => {
    const boardId = largeBoardId(b + 1);
    const boardCreatedMs = nowMs - spec.createdDaysAgo * DAY_MS;
    const members: MemberItem[] = spec.members.map(([user, role], i) => {
      const userId = sub(user);
      const joinedAt = isoAt(boardCreatedMs + i * 6 * HOUR_MS);
      const key = memberKey(boardId, userId);
      return { ...key, lsi1sk: key.sk, ...memberGsi1(userId, joinedAt), type: 'Member', boardId, userId, role, joinedAt };
    });
    // Tasks go to the people who can edit.
    const workers = spec.members.filter(([, role]) => role !== 'VIEWER').map(([user]) => user);
    const perStatus = new Map<TaskStatus, number>();
    const tasks: TaskItem[] = spec.tasks.map((title, t) => {
      const id = taskId(b + 1, t + 1);
      const status = STATUSES[t % STATUSES.length];
      const index = (perStatus.get(status) ?? 0) + 1;
      perStatus.set(status, index);
      const position = `a${DIGITS[index]}`;
      const createdMs = boardCreatedMs + (t + 1) * 2 * HOUR_MS;
      const assignee = next() < 0.8 ? pick(workers) : null;
      const assigneeId = assignee ? sub(assignee) : null;
      // Open tasks: some overdue, some due soon, some undated; done ones were due in the past.
      const dueInDays = next() < 0.3 ? null : Math.round(next() * 28) - (status === 'DONE' ? 30 : 7);
      const dueDate = dueInDays === null ? null : isoAt(nowMs + dueInDays * DAY_MS).slice(0, 10);
      const completedAt = status === 'DONE' ? isoAt(nowMs - Math.round(1 + next() * 12) * DAY_MS) : undefined;
      const task: TaskItem = {
        ...taskKey(boardId, id),
        lsi1sk: taskOrderKey(status, position, id),
        ...(assigneeId ? taskGsi2(assigneeId, status, dueDate, id) : {}),
        ...(taskOpenDue(boardId, status, dueDate, id) ?? {}),
        type: 'Task', id, boardId, title, description: next() < 0.5 ? `${title}: see the linked doc for details.` : null,
        status, priority: pick(PRIORITIES), assigneeId, dueDate, labels: next() < 0.7 ? [pick(spec.labels)] : [],
        position, createdById: sub(workers[t % workers.length]), createdAt: isoAt(createdMs), updatedAt: completedAt ?? isoAt(createdMs), version: 1,
      };
      if (completedAt) task.completedAt = completedAt;
      return task;
    });
    const comments: CommentItem[] = tasks.filter((_, t) => t % 3 === 0).flatMap((task, c) => {
      const count = 1 + (c % 3);
      return Array.from({ length: count }, (_, k): CommentItem => {
        const createdMs = Date.parse(task.createdAt) + (k + 1) * 5 * HOUR_MS;
        const id = ulidAt(Math.min(createdMs, nowMs - HOUR_MS), b * 1000 + c * 10 + k + 1);
        return { ...commentKey(boardId, task.id, id), type: 'Comment', id, boardId, taskId: task.id, authorId: sub(pick(workers)), body: pick(COMMENTS), createdAt: isoAt(Math.min(createdMs, nowMs - HOUR_MS)) };
      });
    });
    const board: BoardItem = {
      ...boardKey(boardId), lsi1sk: BOARD_META_SK, type: 'Board', id: boardId, name: spec.name, description: spec.description,
      ownerId: sub(spec.members[0][0]), taskCount: tasks.length, memberCount: members.length,
      createdAt: isoAt(boardCreatedMs), updatedAt: isoAt(boardCreatedMs), version: 1,
    };
    out.push(board, ...members, ...tasks, ...comments);
  });
  return [...base, ...[...profiles, ...out].map((item) => ({ tableName, item: { ...item } }))];
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A ULID whose "random" part is `sequence`: sorts by time like the real ones, same on every run. */
function ulidAt(timeMs: number, sequence: number): string {
  const base32 = (value: number, width: number) => {
    let text = '';
    let rest = value;
    for (let i = 0; i < width; i += 1) {
      text = CROCKFORD[rest % 32] + text;
      rest = Math.floor(rest / 32);
    }
    return text;
  };
  return base32(timeMs, 10) + base32(sequence, 16);
}
