import type { BoardStats, TaskStatus } from '../../generated/graphql';

/** The task attributes the aggregation reads. */
export interface TaskForStats {
  status: TaskStatus;
  assigneeId?: string | null;
  dueDate?: string | null;
  /** When the task last entered DONE; absent for tasks never completed. */
  completedAt?: string | null;
}

/** BoardStats as the Lambda returns it: `AssigneeCount.assignee` is resolved from `assigneeId`. */
export type BoardStatsResult = Omit<BoardStats, 'byAssignee'> & {
  byAssignee: Array<{ assigneeId: string | null; count: number }>;
};

const STATUSES: TaskStatus[] = ['TODO', 'IN_PROGRESS', 'IN_REVIEW', 'DONE'];
const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/** Pure aggregation over a board's tasks at instant `now` (dates compared in UTC). */
export function computeBoardStats(boardId: string, tasks: Iterable<TaskForStats>, now: Date): BoardStatsResult {
  const today = now.toISOString().slice(0, 10);
  const weekAgo = now.getTime() - WEEK_MS;
  const byStatus = new Map<TaskStatus, number>(STATUSES.map((s) => [s, 0]));
  const byAssignee = new Map<string | null, number>();
  let total = 0;
  let overdue = 0;
  let completedLast7Days = 0;

  for (const task of tasks) {
    total += 1;
    byStatus.set(task.status, (byStatus.get(task.status) ?? 0) + 1);
    const assignee = task.assigneeId ?? null;
    byAssignee.set(assignee, (byAssignee.get(assignee) ?? 0) + 1);
    if (task.status !== 'DONE' && task.dueDate && task.dueDate < today) overdue += 1;
    if (task.status === 'DONE' && task.completedAt && Date.parse(task.completedAt) >= weekAgo) completedLast7Days += 1;
  }

  return {
    boardId,
    total,
    byStatus: STATUSES.map((status) => ({ status, count: byStatus.get(status) ?? 0 })),
    // Busiest first; ties by id so the output is stable.
    byAssignee: [...byAssignee.entries()]
      .map(([assigneeId, count]) => ({ assigneeId, count }))
      .sort((a, b) => b.count - a.count || String(a.assigneeId).localeCompare(String(b.assigneeId))),
    overdue,
    completedLast7Days,
    generatedAt: now.toISOString(),
  };
}
