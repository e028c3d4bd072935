/**
 * The one place where Taskboard's DynamoDB keys are built (see docs/data-model.md).
 *
 * Single table, generic key names: `pk`/`sk` on the table, `lsi1sk` on the board's item
 * collection (ordering), `gsi1pk`/`gsi1sk` for a user's memberships ("my boards"),
 * `gsi2pk`/`gsi2sk` for a user's assigned tasks ("my tasks"). Keys are opaque to clients:
 * resolvers never return them.
 *
 * This module is bundled into APPSYNC_JS resolvers and into Lambda functions alike, so it uses
 * only what the APPSYNC_JS runtime supports (no classes, loops or regex literals).
 */

export type TaskStatusKey = 'TODO' | 'IN_PROGRESS' | 'IN_REVIEW' | 'DONE';

/** Sort order of statuses on a board: the ordinal prefixes the task's ordering key. */
export const STATUS_ORDINAL: Record<TaskStatusKey, string> = {
  TODO: '0',
  IN_PROGRESS: '1',
  IN_REVIEW: '2',
  DONE: '3',
};

export const INDEX = {
  /** LSI over the board's item collection: meta, members, then tasks by status and position. */
  boardOrder: 'lsi1',
  /** GSI: a user's board memberships, newest first by join time. */
  userBoards: 'gsi1',
  /** GSI: tasks assigned to a user, by status then due date. */
  assigneeTasks: 'gsi2',
  /** Sparse GSI: open (not DONE) tasks with a due date, by board, for the overdue digest. */
  openDueTasks: 'gsi3',
} as const;

export const userPk = (userId: string) => `USER#${userId}`;
export const USER_PROFILE_SK = 'PROFILE';
export const userKey = (userId: string) => ({ pk: userPk(userId), sk: USER_PROFILE_SK });

export const boardPk = (boardId: string) => `BOARD#${boardId}`;
/** '#' sorts before letters, so the board's meta item comes first in its collection. */
export const BOARD_META_SK = '#META';
export const boardKey = (boardId: string) => ({ pk: boardPk(boardId), sk: BOARD_META_SK });

export const MEMBER_SK_PREFIX = 'MEMBER#';
export const memberKey = (boardId: string, userId: string) => ({
  pk: boardPk(boardId),
  sk: `${MEMBER_SK_PREFIX}${userId}`,
});
/** GSI1 keys of a membership item: a user's boards. */
export const memberGsi1 = (userId: string, joinedAt: string) => ({
  gsi1pk: userPk(userId),
  gsi1sk: `${MEMBER_SK_PREFIX}${joinedAt}`,
});

export const TASK_SK_PREFIX = 'TASK#';
export const taskKey = (boardId: string, taskId: string) => ({
  pk: boardPk(boardId),
  sk: `${TASK_SK_PREFIX}${taskId}`,
});
/** LSI sort key of a task: status ordinal, then fractional position, then id (ties). */
export const taskOrderKey = (status: TaskStatusKey, position: string, taskId: string) =>
  `${TASK_SK_PREFIX}${STATUS_ORDINAL[status]}#${position}#${taskId}`;
export const taskStatusOrderPrefix = (status: TaskStatusKey) =>
  `${TASK_SK_PREFIX}${STATUS_ORDINAL[status]}#`;
/** GSI2 keys of an assigned task: "my tasks", by status then due date (undated last). */
export const taskGsi2 = (assigneeId: string, status: TaskStatusKey, dueDate: string | null | undefined, taskId: string) => ({
  gsi2pk: userPk(assigneeId),
  gsi2sk: `${STATUS_ORDINAL[status]}#${dueDate ?? '9999-12-31'}#${taskId}`,
});
export const assigneeStatusPrefix = (status: TaskStatusKey) => `${STATUS_ORDINAL[status]}#`;

/**
 * The open-due index is spread over this many partitions (`DUE#0`…`DUE#7`) so that no single
 * partition holds every dated task; the digest queries each in turn.
 */
export const DUE_SHARDS = 8;
export const dueShardPk = (shard: number) => `DUE#${shard}`;
// APPSYNC_JS has no charCodeAt: characters are numbered by their place in this alphabet (others count 0).
const SHARD_ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_';
/** A board's shard: the sum of its id's characters' numbers, modulo DUE_SHARDS (stable, spread). */
export const dueShardOf = (boardId: string) =>
  boardId.split('').reduce((sum, c) => sum + Math.max(0, SHARD_ALPHABET.indexOf(c)), 0) % DUE_SHARDS;
/**
 * GSI3 keys of a task that is open and has a due date, else null (the task leaves the index).
 * The sort key groups a shard's tasks by board, then by due date.
 */
export const taskOpenDue = (boardId: string, status: TaskStatusKey, dueDate: string | null | undefined, taskId: string) =>
  dueDate && status !== 'DONE'
    ? { gsi3pk: dueShardPk(dueShardOf(boardId)), gsi3sk: `${boardId}#${dueDate}#${taskId}` }
    : null;

/** Comments live in their task's own partition so the board view never pages through them. */
export const commentPk = (boardId: string, taskId: string) => `TASK#${boardId}#${taskId}`;
export const COMMENT_SK_PREFIX = 'COMMENT#';
/** Comment ids are ULIDs, so the sort key orders comments by time. */
export const commentKey = (boardId: string, taskId: string, commentId: string) => ({
  pk: commentPk(boardId, taskId),
  sk: `${COMMENT_SK_PREFIX}${commentId}`,
});

/** Activity has its own partition per board, ordered by time, expiring through TTL. */
export const activityPk = (boardId: string) => `BOARD#${boardId}#ACTIVITY`;
export const activityKey = (boardId: string, createdAt: string, activityId: string) => ({
  pk: activityPk(boardId),
  sk: `${createdAt}#${activityId}`,
});
/** Activity is kept for 90 days. */
export const ACTIVITY_TTL_SECONDS = 90 * 24 * 60 * 60;
export const TTL_ATTRIBUTE = 'expiresAt';
