/**
 * A board's tasks as columns, and how a change (the moveTask result, or an onTaskChanged event
 * another user caused) updates them. Pure functions, so the view is a function of this state.
 */
import type { TaskCardFragment, TaskStatus } from './gql/graphql';

export type Task = TaskCardFragment;

export const STATUSES: ReadonlyArray<{ status: TaskStatus; label: string }> = [
  { status: 'TODO', label: 'To do' },
  { status: 'IN_PROGRESS', label: 'In progress' },
  { status: 'IN_REVIEW', label: 'In review' },
  { status: 'DONE', label: 'Done' },
];

/** Non-null in the schema: a null here means the publishing mutation did not select the field. */
const REQUIRED = ['title', 'status', 'priority', 'position', 'version'] as const;

/**
 * Applies a changed task. Events can arrive out of order with our own mutation's response, so
 * an older version never replaces a newer one; a deleted task (deletedAt set) leaves. AppSync
 * builds an event from the publishing mutation's own result, so a field that mutation did not
 * select arrives as null: a null non-null field keeps what we knew.
 */
export function applyTaskChange(tasks: readonly Task[], change: Task): Task[] {
  const index = tasks.findIndex((t) => t.id === change.id);
  if (change.deletedAt) return tasks.filter((t) => t.id !== change.id);
  if (index === -1) return change.title && change.status ? [...tasks, { ...change, position: change.position ?? '' }] : [...tasks];
  const current = tasks[index];
  if (change.version !== null && change.version < current.version) return [...tasks];
  const merged: Task = { ...current, ...change };
  for (const field of REQUIRED) if (change[field] === null || change[field] === undefined) Object.assign(merged, { [field]: current[field] });
  const next = [...tasks];
  next[index] = merged;
  return next;
}

/** Tasks by status, each column in board order (position, then id for equal positions). */
export function columns(tasks: readonly Task[]): Map<TaskStatus, Task[]> {
  const byStatus = new Map<TaskStatus, Task[]>(STATUSES.map(({ status }) => [status, []]));
  for (const task of tasks) byStatus.get(task.status)?.push(task);
  for (const list of byStatus.values()) list.sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : a.id < b.id ? -1 : 1));
  return byStatus;
}
