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
  // A subscription resolver returns null; events carry the mutation's result.
  return null;
}
