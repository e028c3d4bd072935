import { util, type Context } from '@aws-appsync/utils';
import { get } from '@aws-appsync/utils/dynamodb';
import { boardKey } from '../lib/keys';

/** Reads the meta item of `stash.boardId`. */
export function request(ctx: Context) {
  return get({ key: boardKey(ctx.stash.boardId as string) });
}

export function response(ctx: Context) {
  if (ctx.error) util.error(ctx.error.message, ctx.error.type);
  return ctx.result ?? null;
}
