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
