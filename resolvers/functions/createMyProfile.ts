import { runtime, util, type Context } from '@aws-appsync/utils';
import { put } from '@aws-appsync/utils/dynamodb';
import { callerId } from '../lib/identity';
import type { UserItem } from '../lib/items';
import { userKey } from '../lib/keys';
import { LIMITS } from '../lib/validation';

const CONDITION_FAILED = 'DynamoDB:ConditionalCheckFailedException';

/**
 * Creates the caller's profile when the previous step found none: email from the token's claims,
 * displayName the part of it before '@'. The condition makes a concurrent first `me` harmless:
 * the loser gets the winner's item back (AppSync puts the current item in ctx.result).
 */
export function request(ctx: Context) {
  const existing = ctx.prev.result as UserItem | null;
  if (existing) runtime.earlyReturn(existing);
  const id = callerId(ctx);
  const identity = ctx.identity as { claims?: Record<string, unknown> | null };
  const email = identity.claims && typeof identity.claims.email === 'string' ? identity.claims.email : '';
  if (!email) util.error('The first call to me needs the email claim: send the Cognito ID token', 'BadRequest');
  const at = email.indexOf('@');
  const displayName = (at > 0 ? email.substring(0, at) : email).substring(0, LIMITS.name);
  const profile: Omit<UserItem, 'pk' | 'sk'> = { type: 'User', id, email, displayName, createdAt: util.time.nowISO8601() };
  return put<UserItem>({ key: userKey(id), item: profile, condition: { pk: { attributeExists: false } } });
}

export function response(ctx: Context) {
  if (ctx.error) {
    if (ctx.error.type === CONDITION_FAILED && ctx.result) return ctx.result;
    util.error(ctx.error.message, ctx.error.type);
  }
  return ctx.result;
}
