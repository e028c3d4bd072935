import { util, type Context } from '@aws-appsync/utils';
import type { MutationUpdateBoardArgs } from '../generated/graphql';
import { type BoardItem, toBoard } from './lib/items';
import { LIMITS, optionalText, requiredText } from './lib/validation';

/**
 * Pipeline: loadMembership (OWNER) → updateBoardItem (one UpdateItem, condition on the version).
 * Input is validated before any request: a bad name or description writes (and reads) nothing.
 * An omitted field is left alone; `description: null` clears it; `name: null` counts as omitted.
 */
export function request(ctx: Context<MutationUpdateBoardArgs>) {
  const input = ctx.args.input;
  const changes: Record<string, unknown> = {};
  if (input.name !== undefined && input.name !== null) changes.name = requiredText(input.name, 'name', LIMITS.name);
  if (input.description !== undefined) changes.description = optionalText(input.description, 'description', LIMITS.description);
  ctx.stash.boardId = input.id;
  ctx.stash.requiredRole = 'OWNER';
  ctx.stash.changes = changes;
  ctx.stash.expectedVersion = input.expectedVersion;
  ctx.stash.now = util.time.nowISO8601();
  return {};
}

export function response(ctx: Context<MutationUpdateBoardArgs>) {
  return toBoard(ctx.prev.result as BoardItem, ctx.stash.role ?? null);
}
