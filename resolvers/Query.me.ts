import type { Context } from '@aws-appsync/utils';
import { callerId } from './lib/identity';
import { toUser, type UserItem } from './lib/items';

/**
 * Pipeline: getMyProfile (consistent GetItem) → createMyProfile (PutItem only when missing).
 * Reading first keeps the common call a read (a failed conditional Put would still cost a write).
 */
export function request(ctx: Context) {
  callerId(ctx);
  return {};
}

export function response(ctx: Context) {
  return toUser(ctx.prev.result as UserItem);
}
