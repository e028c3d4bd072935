import type { PublishActivityInput } from '../../generated/graphql';

/** An open, dated task as the open-due index projects it. */
export interface DueTask { id: string; boardId: string; title: string; assigneeId?: string | null; dueDate: string; status: string }

const LISTED = 5;

/**
 * A board's overdue digest: one activity for the board, and one per assignee (targetId = the
 * assignee), all at the run's time. Ids name the day, so a rerun of the same scheduled run
 * stores nothing twice (publishActivity keys on createdAt and id).
 */
export function boardDigest(boardId: string, tasks: DueTask[], run: { date: string; createdAt: string }): PublishActivityInput[] {
  if (tasks.length === 0) return [];
  const sorted = [...tasks].sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.id.localeCompare(b.id));
  const digest = (id: string, summary: string, targetId: string | null): PublishActivityInput => ({
    id, boardId, action: 'OVERDUE_DIGEST', actorId: null, targetId, summary, createdAt: run.createdAt,
  });
  const activities = [digest(`overdue-${run.date}`, `${count(sorted.length)} overdue: ${list(sorted)}`, null)];
  const byAssignee = new Map<string, DueTask[]>();
  for (const task of sorted) if (task.assigneeId) byAssignee.set(task.assigneeId, [...(byAssignee.get(task.assigneeId) ?? []), task]);
  for (const [assigneeId, own] of [...byAssignee].sort(([a], [b]) => a.localeCompare(b))) {
    activities.push(digest(`overdue-${run.date}-${assigneeId}`, `${count(own.length)} assigned to this member overdue: ${list(own)}`, assigneeId));
  }
  return activities;
}

const count = (n: number) => (n === 1 ? '1 task' : `${n} tasks`);

function list(tasks: DueTask[]): string {
  const named = tasks.slice(0, LISTED).map((t) => `"${t.title.length > 60 ? `${t.title.slice(0, 59)}…` : t.title}" (due ${t.dueDate})`).join(', ');
  return tasks.length > LISTED ? `${named} and ${tasks.length - LISTED} more` : named;
}
