/**
 * One board: its tasks in status columns, kept live by `onTaskChanged(boardId)` over AppSync's
 * real-time protocol; editors and owners move a task with moveTask (optimistic concurrency:
 * the version they saw, a ConflictError when someone moved it first).
 */
import { ConnectionState } from 'aws-amplify/api';
import { useEffect, useRef, useState } from 'react';
import { ApiError, onConnectionState, request, subscribe } from './api';
import { applyTaskChange, columns, STATUSES, type Task } from './board-state';
import type { BoardQuery as BoardData, TaskStatus } from './gql/graphql';
import { BoardQuery, MoveTaskMutation, OnTaskChangedSubscription } from './operations';

type BoardInfo = Omit<NonNullable<BoardData['board']>, 'tasks'>;

async function loadBoard(id: string): Promise<{ board: BoardInfo; tasks: Task[] } | null> {
  const tasks: Task[] = [];
  let nextToken: string | null = null;
  let board: BoardInfo | null = null;
  do {
    const page: BoardData = await request(BoardQuery, { id, nextToken });
    if (!page.board) return null;
    board = page.board;
    tasks.push(...page.board.tasks.items);
    nextToken = page.board.tasks.nextToken;
  } while (nextToken);
  return { board, tasks };
}

export function BoardView({ boardId }: { boardId: string }) {
  const [board, setBoard] = useState<BoardInfo | null | undefined>(undefined);
  const [tasks, setTasks] = useState<Task[] | null>(null);
  const [live, setLive] = useState<ConnectionState>(ConnectionState.Disconnected);
  const [error, setError] = useState<string | null>(null);
  // Events that arrive while the board is still loading, applied once it has.
  const early = useRef<Task[]>([]);

  const reload = async () => {
    const loaded = await loadBoard(boardId);
    setBoard(loaded?.board ?? null);
    setTasks(loaded ? early.current.reduce(applyTaskChange, loaded.tasks) : []);
    early.current = [];
  };

  useEffect(() => {
    const stopListening = onConnectionState(setLive);
    // Subscribe before loading, so no change falls between the two.
    const unsubscribe = subscribe(OnTaskChangedSubscription, { boardId }, {
      next: ({ onTaskChanged }) => {
        if (!onTaskChanged) return;
        setTasks((current) => {
          if (current === null) {
            early.current.push(onTaskChanged);
            return current;
          }
          return applyTaskChange(current, onTaskChanged);
        });
      },
      error: (e) => setError(`Live updates stopped: ${e.message}`),
    });
    reload().catch((e: Error) => setError(e.message));
    return () => {
      unsubscribe();
      stopListening();
    };
    // One subscription per board; App remounts this view (key) for another board.
  }, [boardId]);

  async function move(task: Task, status: TaskStatus) {
    setError(null);
    try {
      // No neighbours given: the resolver puts the task at the end of its new column.
      const { moveTask } = await request(MoveTaskMutation, { input: { boardId, id: task.id, expectedVersion: task.version, status } });
      setTasks((current) => applyTaskChange(current ?? [], moveTask));
    } catch (e) {
      if (e instanceof ApiError && e.errorType === 'ConflictError') {
        setError(`"${task.title}" changed before your move reached the server; the board has been reloaded.`);
        await reload();
      } else {
        setError((e as Error).message);
      }
    }
  }

  if (board === undefined) return <p>{error ?? 'Loading board…'}</p>;
  if (board === null) return <p role="alert" className="error">No such board, or you are not a member. <a href="#/">My boards</a></p>;
  const canMove = board.myRole === 'OWNER' || board.myRole === 'EDITOR';
  return (
    <section className="board" aria-label={board.name}>
      <div className="board-head">
        <h1>{board.name}</h1>
        <span className="meta">{board.myRole ?? 'admin'}</span>
        <span className={`live live-${live}`} data-testid="live-status">{live === ConnectionState.Connected ? 'Live' : live}</span>
        <a href="#/">All boards</a>
      </div>
      {board.description && <p className="description">{board.description}</p>}
      {error && <p role="alert" className="error">{error}</p>}
      <div className="columns">
        {[...columns(tasks ?? [])].map(([status, list]) => (
          <section key={status} className="column" aria-label={STATUSES.find((s) => s.status === status)!.label}>
            <h2>{STATUSES.find((s) => s.status === status)!.label} <span className="count">{list.length}</span></h2>
            {list.map((task) => (
              <article key={task.id} className={`card priority-${task.priority}`} aria-label={task.title}>
                <h3>{task.title}</h3>
                <p className="meta">{task.priority.toLowerCase()}{task.assignee ? ` · ${task.assignee.displayName}` : ''}</p>
                <label className="move">
                  <span>Move</span>
                  <select
                    aria-label={`Move ${task.title}`}
                    value={task.status}
                    disabled={!canMove}
                    title={canMove ? undefined : 'Viewers cannot move tasks'}
                    onChange={(e) => void move(task, e.target.value as TaskStatus)}
                  >
                    {STATUSES.map((s) => <option key={s.status} value={s.status}>{s.label}</option>)}
                  </select>
                </label>
              </article>
            ))}
          </section>
        ))}
      </div>
    </section>
  );
}
