import { describe, expect, it } from 'vitest';
import { compileCode, runHandler, type HandlerContext } from '../../../local/index';
import { PIPELINE_FUNCTIONS, RESOLVERS } from '../../../infra/resolver-config';
import { cognitoIdentity, givenResolver } from '../../helpers/resolver';

const FIELDS = ['onTaskChanged', 'onCommentAdded', 'onMemberChanged', 'onActivity'] as const;

/** EvaluateCode does not report extensions, so the after handler runs through runHandler, which does. */
function afterHandler(field: string, ctx: HandlerContext) {
  const run = runHandler(compileCode(givenResolver(`resolvers/Subscription.${field}.ts`).code), 'response', ctx);
  return { outcome: run.outcome, filter: run.state.extensions.subscriptionFilter };
}

describe.each(FIELDS)('Subscription.%s', (field) => {
  const resolver = givenResolver(`resolvers/Subscription.${field}.ts`);

  it('is a pipeline that authorizes the subscriber through loadMembership (VIEWER or admin)', async () => {
    expect(RESOLVERS[`Subscription.${field}`]).toEqual({ kind: 'pipeline', functions: ['loadMembership'] });
    expect(PIPELINE_FUNCTIONS.loadMembership).toEqual({ dataSource: 'table' });
    const { stash, result } = await resolver.whenRequest({ arguments: { boardId: 'b1' }, identity: cognitoIdentity('carol') });
    expect(result).toEqual({});
    expect(stash).toEqual({ boardId: 'b1', requiredRole: 'VIEWER' });
  });

  it('returns null and filters events to the board', () => {
    const { outcome, filter } = afterHandler(field, { arguments: { boardId: 'b1' }, prev: { result: 'VIEWER' } });
    expect(outcome).toEqual({ kind: 'result', value: null });
    expect(filter).toEqual({ filterGroup: [{ filters: [{ fieldName: 'boardId', operator: 'eq', value: 'b1' }] }] });
  });
});

describe('Subscription.onCommentAdded with taskId', () => {
  it('filters to the board and the task', () => {
    const { filter } = afterHandler('onCommentAdded', { arguments: { boardId: 'b1', taskId: 't1' } });
    expect(filter).toEqual({ filterGroup: [{ filters: [{ fieldName: 'boardId', operator: 'eq', value: 'b1' }, { fieldName: 'taskId', operator: 'eq', value: 't1' }] }] });
  });

  it('a null taskId means every task of the board', () => {
    const { filter } = afterHandler('onCommentAdded', { arguments: { boardId: 'b1', taskId: null } as Record<string, unknown> });
    expect(filter).toEqual({ filterGroup: [{ filters: [{ fieldName: 'boardId', operator: 'eq', value: 'b1' }] }] });
  });
});
