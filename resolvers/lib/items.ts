import type { Priority, Role, TaskStatus } from '../../generated/graphql';

/** Stored shapes (docs/data-model.md). Keys are carried along but never returned to clients. */
export interface BoardItem {
  pk: string;
  sk: string;
  lsi1sk: string;
  type: 'Board';
  id: string;
  name: string;
  description: string | null;
  ownerId: string;
  taskCount: number;
  memberCount: number;
  createdAt: string;
  updatedAt: string;
  /** Who last changed it (absent until the first update); the activity stream names them as the actor. */
  updatedById?: string;
  /** Set when deleteBoard starts: the activity stream records nothing more for the board. */
  deletingAt?: string;
  version: number;
}

export interface MemberItem {
  pk: string;
  sk: string;
  lsi1sk: string;
  gsi1pk: string;
  gsi1sk: string;
  type: 'Member';
  boardId: string;
  userId: string;
  role: Role;
  joinedAt: string;
  /** Who added the member, and who last changed their role: the activity stream's actor. */
  addedById?: string;
  updatedById?: string;
}

/** A user's profile; `id` is the Cognito `sub`. */
export interface UserItem {
  pk: string;
  sk: string;
  type: 'User';
  id: string;
  email: string;
  displayName: string;
  createdAt: string;
}

export interface TaskItem {
  pk: string;
  sk: string;
  lsi1sk: string;
  /** Present only while the task is assigned ("my tasks"); DynamoDB rejects a NULL index key. */
  gsi2pk?: string;
  gsi2sk?: string;
  /** Present only while the task is open and dated (the overdue digest's index). */
  gsi3pk?: string;
  gsi3sk?: string;
  type: 'Task';
  id: string;
  boardId: string;
  title: string;
  description: string | null;
  status: TaskStatus;
  priority: Priority;
  assigneeId: string | null;
  /** AWSDate (`YYYY-MM-DD`). */
  dueDate: string | null;
  labels: string[];
  /** Fractional index (base-62) within the status. */
  position: string;
  createdById: string;
  /** Who last changed it (absent until the first update); the activity stream names them as the actor. */
  updatedById?: string;
  /** When the task last entered DONE (boardStats' completedLast7Days); absent if never completed. */
  completedAt?: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface CommentItem {
  pk: string;
  sk: string;
  type: 'Comment';
  /** A ULID, so the sort key orders a task's comments by time. */
  id: string;
  boardId: string;
  taskId: string;
  authorId: string;
  body: string;
  createdAt: string;
}

/** A Board as resolvers return it: schema fields plus `ownerId` for the nested owner resolver. */
export interface BoardResult {
  id: string;
  name: string;
  description: string | null;
  ownerId: string;
  myRole: Role | null;
  taskCount: number;
  memberCount: number;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export function toBoard(item: BoardItem, myRole: Role | null): BoardResult {
  return {
    id: item.id,
    name: item.name,
    description: item.description ?? null,
    ownerId: item.ownerId,
    myRole,
    taskCount: item.taskCount,
    memberCount: item.memberCount,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
    version: item.version,
  };
}

/** An activity entry (stream function → publishActivity); expires through TTL `expiresAt` (epoch seconds). */
export interface ActivityItem {
  pk: string;
  sk: string;
  type: 'Activity';
  id: string;
  boardId: string;
  /** null for system activity such as the overdue digest. */
  actorId: string | null;
  action: string;
  targetId: string | null;
  summary: string;
  createdAt: string;
  expiresAt: number;
}

/** A User as resolvers return it (schema fields only). */
export interface UserResult {
  id: string;
  email: string;
  displayName: string;
  createdAt: string;
}

export function toUser(item: UserItem): UserResult {
  return { id: item.id, email: item.email, displayName: item.displayName, createdAt: item.createdAt };
}

/** Stand-in for a missing profile behind a non-null User field (profiles are created on first `me` and by the seed). */
export function unknownUser(id: string): UserResult {
  return { id, email: 'unknown@invalid', displayName: 'Unknown user', createdAt: '1970-01-01T00:00:00.000Z' };
}

/** A Comment as resolvers return it: schema fields plus `authorId` for the nested author resolver. */
export interface CommentResult {
  id: string;
  taskId: string;
  boardId: string;
  authorId: string;
  body: string;
  createdAt: string;
  /** Attached by the list resolver's BatchGetItem (then Comment.author does no request). */
  author?: UserResult;
}

export function toComment(item: CommentItem): CommentResult {
  return { id: item.id, taskId: item.taskId, boardId: item.boardId, authorId: item.authorId, body: item.body, createdAt: item.createdAt };
}

/** An Activity as resolvers return it: schema fields plus `actorId` for the nested actor resolver. */
export interface ActivityResult {
  id: string;
  boardId: string;
  actorId: string | null;
  action: string;
  targetId: string | null;
  summary: string;
  createdAt: string;
  /** Attached by the list resolver's BatchGetItem: a User, or null (no actor, or no profile). */
  actor?: UserResult | null;
}

export function toActivity(item: ActivityItem): ActivityResult {
  return {
    id: item.id, boardId: item.boardId, actorId: item.actorId ?? null, action: item.action,
    targetId: item.targetId ?? null, summary: item.summary, createdAt: item.createdAt,
  };
}

/**
 * For the `attachUsers` pipeline function (`ctx.stash.userRefs`): on each item of a page,
 * `idField` holds a user id and `as` receives that User. A missing profile becomes
 * `unknownUser(id)` when `required` (non-null field), else null.
 */
export interface UserRef {
  idField: string;
  as: string;
  required: boolean;
}

/** A Member as resolvers return it: schema fields plus `userId` for the nested `Member.user` resolver. */
export interface MemberResult {
  boardId: string;
  userId: string;
  role: Role;
  joinedAt: string;
  /** Set only on the result of removeMember/leaveBoard. */
  removedAt: string | null;
  /** Attached by `Board.members`' BatchGetItem (attachUsers); then `Member.user` does no request. */
  user?: UserResult;
}

export function toMember(item: MemberItem, removedAt?: string | null): MemberResult {
  return { boardId: item.boardId, userId: item.userId, role: item.role, joinedAt: item.joinedAt, removedAt: removedAt ?? null };
}

/**
 * A Task as resolvers return it: schema fields plus `assigneeId`/`createdById` for the nested
 * `Task.assignee`/`Task.createdBy` resolvers (storage keys stripped).
 */
export interface TaskResult {
  id: string;
  boardId: string;
  title: string;
  description: string | null;
  status: TaskStatus;
  priority: Priority;
  assigneeId: string | null;
  dueDate: string | null;
  labels: string[];
  position: string;
  createdById: string;
  createdAt: string;
  updatedAt: string;
  version: number;
  /** Set only on the result of deleteTask. */
  deletedAt: string | null;
  /** Attached by a list's BatchGetItem (attachUsers): a User, or null (unassigned or no profile). */
  assignee?: UserResult | null;
  /** Attached by a list's BatchGetItem (attachUsers). */
  createdBy?: UserResult;
}

export function toTask(item: TaskItem, deletedAt?: string | null): TaskResult {
  return {
    id: item.id, boardId: item.boardId, title: item.title, description: item.description ?? null,
    status: item.status, priority: item.priority, assigneeId: item.assigneeId ?? null, dueDate: item.dueDate ?? null,
    labels: item.labels ?? [], position: item.position, createdById: item.createdById,
    createdAt: item.createdAt, updatedAt: item.updatedAt, version: item.version, deletedAt: deletedAt ?? null,
  };
}

/** The users a Task references, for attachUsers: `assignee` (nullable) and `createdBy`. */
export const TASK_USER_REFS: UserRef[] = [
  { idField: 'assigneeId', as: 'assignee', required: false },
  { idField: 'createdById', as: 'createdBy', required: true },
];
