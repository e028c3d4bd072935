import { extensions, util, type Context } from '@aws-appsync/utils';

/**
 * Subscription resolvers: pipeline loadMembership (VIEWER or admin) at subscribe time, then an
 * enhanced filter so the subscriber receives only its board's events (and, when given, only
 * the fields listed in `extra`, e.g. one task's comments).
 */
export function authorizeBoardSubscription(ctx: Context<{ boardId: string }>) {
  ctx.stash.boardId = ctx.args.boardId;
  ctx.stash.requiredRole = 'VIEWER';
  return {};
}

export function filterToBoard(ctx: Context<{ boardId: string }>, extra: Record<string, string | null | undefined> = {}) {
  const filter: Record<string, { eq: string }> = { boardId: { eq: ctx.args.boardId } };
  Object.keys(extra).forEach((field) => {
    const value = extra[field];
    if (value) filter[field] = { eq: value };
  });
  extensions.setSubscriptionFilter(util.transform.toSubscriptionFilter(filter));
  // Ended when the subscriber loses the board: removed or left (their userId), or the board deleted.
  const identity = ctx.identity as { sub?: string } | null;
  const me = identity && identity.sub ? identity.sub : '';
  extensions.setSubscriptionInvalidationFilter({
    filterGroup: [
      { filters: [{ fieldName: 'boardId', operator: 'eq', value: ctx.args.boardId }, { fieldName: 'userId', operator: 'eq', value: me }] },
      { filters: [{ fieldName: 'boardId', operator: 'eq', value: ctx.args.boardId }, { fieldName: 'boardDeleted', operator: 'eq', value: true }] },
    ],
  });
  // A subscription resolver returns null; events carry the mutation's result.
  return null;
}

/** The board-scoped subscription fields (AppSync allows 5 invalidations per request). */
export const BOARD_SUBSCRIPTIONS = ['onTaskChanged', 'onCommentAdded', 'onMemberChanged', 'onActivity'];

/** Ends the board's subscriptions of a member who lost access, or of everyone when the board is deleted. */
export function invalidateBoardSubscriptions(payload: { boardId: string; userId?: string; boardDeleted?: boolean }) {
  BOARD_SUBSCRIPTIONS.forEach((subscriptionField) => extensions.invalidateSubscriptions({ subscriptionField, payload }));
}
