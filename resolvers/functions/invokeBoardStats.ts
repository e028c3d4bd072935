import { util, type Context } from '@aws-appsync/utils';

/** Asks the boardStats Lambda to aggregate `stash.boardId` (a resolver cannot page and count). */
export function request(ctx: Context) {
  return { operation: 'Invoke', payload: { boardId: ctx.stash.boardId } };
}

export function response(ctx: Context) {
  if (ctx.error) util.error(ctx.error.message, ctx.error.type);
  return ctx.result;
}
