import { util, type Context } from '@aws-appsync/utils';
import { get } from '@aws-appsync/utils/dynamodb';
import { callerId } from '../lib/identity';
import { userKey } from '../lib/keys';

/** The caller's profile item, or null; a consistent read, so `me` sees the caller's own updateProfile. */
export function request(ctx: Context) {
  return get({ key: userKey(callerId(ctx)), consistentRead: true });
}

export function response(ctx: Context) {
  if (ctx.error) util.error(ctx.error.message, ctx.error.type);
  return ctx.result ?? null;
}
