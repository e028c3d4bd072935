/** Task items and results shared by the task resolver unit tests. */
import { compileCode, runHandler, type AppSyncErrorEntry, type HandlerContext } from '../../../local/index';

/** A stored task, as the seed and createTaskItem write it. */
export function taskItem(overrides: Record<string, unknown> = {}) {
  return {
    pk: 'BOARD#b1', sk: 'TASK#t1', lsi1sk: 'TASK#0#a1#t1', gsi2pk: 'USER#bob', gsi2sk: '0#2026-12-24#t1',
    gsi3pk: 'DUE#4', gsi3sk: 'b1#2026-12-24#t1',
    type: 'Task', id: 't1', boardId: 'b1', title: 'Title', description: null, status: 'TODO', priority: 'HIGH',
    assigneeId: 'bob', dueDate: '2026-12-24', labels: ['docs'], position: 'a1', createdById: 'alice',
    createdAt: '2026-12-01T00:00:00.000Z', updatedAt: '2026-12-01T00:00:00.000Z', version: 3,
    ...overrides,
  };
}

/** What resolvers return for taskItem(): no storage keys, ids kept for the nested resolvers. */
export function taskResult(overrides: Record<string, unknown> = {}) {
  return {
    id: 't1', boardId: 'b1', title: 'Title', description: null, status: 'TODO', priority: 'HIGH',
    assigneeId: 'bob', dueDate: '2026-12-24', labels: ['docs'], position: 'a1', createdById: 'alice',
    createdAt: '2026-12-01T00:00:00.000Z', updatedAt: '2026-12-01T00:00:00.000Z', version: 3, deletedAt: null,
    ...overrides,
  };
}

export const profile = (id: string) => ({ pk: `USER#${id}`, sk: 'PROFILE', type: 'User', id, email: `${id}@example.com`, displayName: id.toUpperCase(), createdAt: 'c' });

/**
 * The error a handler raises, with the errorType and errorInfo AppSync would send (EvaluateCode
 * reports only the message), or null when it did not fail.
 */
export function raised(resolver: { code: string }, handler: 'request' | 'response', ctx: HandlerContext): Pick<AppSyncErrorEntry, 'message' | 'errorType' | 'errorInfo'> | 'Unauthorized' | null {
  const { outcome } = runHandler(compileCode(resolver.code), handler, ctx);
  if (outcome.kind === 'unauthorized') return 'Unauthorized';
  if (outcome.kind !== 'error') return null;
  return { message: outcome.error.message, errorType: outcome.error.errorType, errorInfo: outcome.error.errorInfo };
}
