import type { ScheduledEvent } from 'aws-lambda';
import type { PublishActivityInput } from '../../generated/graphql';
import { DUE_SHARDS } from '../../resolvers/lib/keys';
import { boardDigest, type DueTask } from './digest';

export type PageKey = Record<string, unknown>;

/** One run of the day's digest, or its continuation: where to start, and the run's identity. */
export interface DigestJob {
  /** `YYYY-MM-DD` (UTC): tasks due before this day are overdue. */
  date: string;
  /** The scheduled run's time: every digest of the run carries it (idempotency across continuations). */
  createdAt: string;
  shard: number;
  /** The key of the last task of the last board already digested in `shard`. */
  startKey?: PageKey;
}

export interface DigestDeps {
  /** One page of a shard of the open-due index, overdue tasks only, in index order (board, due date). */
  overduePage(shard: number, date: string, startKey: PageKey | undefined): Promise<{ tasks: Array<DueTask & PageKey>; lastKey?: PageKey }>;
  publish(activity: PublishActivityInput): Promise<unknown>;
  boardIsLive(boardId: string): Promise<boolean>;
}

export interface DigestBudget {
  /** Tasks to read before handing over to a continuation (checked between boards). */
  maxTasks: number;
  /** False once the invocation should hand over (e.g. less than 20 s left). */
  hasTime(): boolean;
}

export interface DigestResult { boards: number; tasks: number; activities: number; next: DigestJob | null }

/** The job a scheduled event starts (or a continuation event carries on). */
export function jobOf(event: Partial<ScheduledEvent> | DigestJob): DigestJob {
  if ('date' in event && 'createdAt' in event && typeof event.shard === 'number') return event as DigestJob;
  const time = typeof (event as ScheduledEvent).time === 'string' ? new Date((event as ScheduledEvent).time) : new Date();
  if (Number.isNaN(time.getTime())) throw new Error(`not a scheduled event time: ${String((event as ScheduledEvent).time)}`);
  return { date: time.toISOString().slice(0, 10), createdAt: time.toISOString(), shard: 0 };
}

/**
 * Walks the open-due index shard by shard. A shard's tasks come grouped by board, so a board's
 * digest is published when the next board (or the shard's end) shows up. Between boards, once
 * the budget is spent, it stops and returns the continuation: the last digested task's key, so
 * the next invocation starts with the next board and no board is digested twice or in halves.
 */
export async function runDigest(deps: DigestDeps, job: DigestJob, budget: DigestBudget): Promise<DigestResult> {
  const result: DigestResult = { boards: 0, tasks: 0, activities: 0, next: null };
  const digest = async (boardId: string, tasks: DueTask[]) => {
    if (!(await deps.boardIsLive(boardId))) return;
    for (const activity of boardDigest(boardId, tasks, job)) {
      await deps.publish(activity);
      result.activities += 1;
    }
    result.boards += 1;
  };
  const spent = () => result.tasks >= budget.maxTasks || !budget.hasTime();

  for (let shard = job.shard; shard < DUE_SHARDS; shard += 1) {
    let cursor = shard === job.shard ? job.startKey : undefined;
    let board: { id: string; tasks: DueTask[]; lastKey: PageKey } | null = null;
    do {
      const page = await deps.overduePage(shard, job.date, cursor);
      for (const task of page.tasks) {
        if (board && board.id !== task.boardId) {
          await digest(board.id, board.tasks);
          if (spent()) return { ...result, next: { ...job, shard, startKey: board.lastKey } };
          board = null;
        }
        board ??= { id: task.boardId, tasks: [], lastKey: task };
        board.tasks.push(task);
        board.lastKey = indexKey(task);
        result.tasks += 1;
      }
      cursor = page.lastKey;
    } while (cursor);
    if (board) await digest(board.id, board.tasks);
    if (shard + 1 < DUE_SHARDS && spent()) return { ...result, next: { ...job, shard: shard + 1, startKey: undefined } };
  }
  return result;
}

/** A GSI page key is the item's table key and index key. */
function indexKey(task: PageKey): PageKey {
  return { pk: task.pk, sk: task.sk, gsi3pk: task.gsi3pk, gsi3sk: task.gsi3sk };
}
