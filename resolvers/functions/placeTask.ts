import { runtime, util, type Context } from '@aws-appsync/utils';
import { query } from '@aws-appsync/utils/dynamodb';
import type { TaskItem } from '../lib/items';
import { boardPk, INDEX, type TaskStatusKey, taskStatusOrderPrefix } from '../lib/keys';
import { between } from '../lib/position';
import { validationError } from '../lib/validation';

/**
 * Sets `stash.position`: a fractional index for a task entering `stash.status` of
 * `stash.boardId` between `stash.after` and `stash.before` (positions validated by
 * positionBounds). A missing neighbour is looked up with one Query on lsi1 (Limit 1, strongly
 * consistent), so the task lands right next to the one given:
 * - both given: no request;
 * - neither: after the last task of the status (the end);
 * - only `after`: before the task that follows it;
 * - only `before`: after the task that precedes it.
 * Passes the previous step's result on.
 */
export function request(ctx: Context) {
  const after = ctx.stash.after as string | null;
  const before = ctx.stash.before as string | null;
  if (after !== null && before !== null) {
    ctx.stash.position = place(after, before);
    runtime.earlyReturn(ctx.prev.result);
  }
  const prefix = taskStatusOrderPrefix(ctx.stash.status as TaskStatusKey);
  const pk = { eq: boardPk(ctx.stash.boardId as string) };
  if (after === null && before === null) {
    return query({ index: INDEX.boardOrder, query: { pk, lsi1sk: { beginsWith: prefix } }, scanIndexForward: false, limit: 1, consistentRead: true });
  }
  if (after !== null) {
    // lsi1sk is `<prefix><position>#<id>`: '#' sorts below every digit and '~' above every
    // digit and every id character, so this range holds exactly the positions above `after`.
    return query({ index: INDEX.boardOrder, query: { pk, lsi1sk: { between: [`${prefix}${after}#~`, `${prefix}~`] } }, limit: 1, consistentRead: true });
  }
  return query({
    index: INDEX.boardOrder, query: { pk, lsi1sk: { between: [prefix, `${prefix}${before as string}#`] } }, scanIndexForward: false, limit: 1, consistentRead: true,
  });
}

export function response(ctx: Context) {
  if (ctx.error) util.error(ctx.error.message, ctx.error.type);
  const items = (ctx.result as { items: TaskItem[] }).items;
  const neighbour = items.length > 0 ? items[0].position : null;
  const after = ctx.stash.after as string | null;
  const before = ctx.stash.before as string | null;
  // Only `before` given: the neighbour precedes it. Otherwise (`after` given or neither) the
  // neighbour follows `after`, or, with neither, is the last task, which the new one follows.
  if (after === null && before !== null) ctx.stash.position = place(neighbour, before);
  else if (after !== null) ctx.stash.position = place(after, neighbour);
  else ctx.stash.position = place(neighbour, null);
  return ctx.prev.result;
}

function place(after: string | null, before: string | null): string {
  const position = between(after, before);
  if (position === null) validationError(after !== null ? 'afterPosition' : 'beforePosition', 'leaves no room for another position there');
  return position as string;
}
