import { util, type Context } from '@aws-appsync/utils';
import type { MutationUpdateProfileArgs } from '../generated/graphql';
import { callerId } from './lib/identity';
import { toUser, type UserItem } from './lib/items';
import { userKey } from './lib/keys';
import { LIMITS, requiredText } from './lib/validation';

const CONDITION_FAILED = 'DynamoDB:ConditionalCheckFailedException';

/**
 * Sets the caller's displayName in one UpdateItem that also creates the profile when missing
 * (email from the token's claims, as `me` does). Without an email claim (an access token) the
 * profile must already exist.
 */
export function request(ctx: Context<MutationUpdateProfileArgs>) {
  const id = callerId(ctx);
  const displayName = requiredText(ctx.args.input.displayName, 'displayName', LIMITS.name);
  const identity = ctx.identity as { claims?: Record<string, unknown> | null };
  const email = identity.claims && typeof identity.claims.email === 'string' ? identity.claims.email : '';
  const sets = [
    '#displayName = :displayName', '#type = if_not_exists(#type, :type)', '#id = if_not_exists(#id, :id)',
    '#createdAt = if_not_exists(#createdAt, :now)',
  ];
  const names: Record<string, string> = { '#displayName': 'displayName', '#type': 'type', '#id': 'id', '#createdAt': 'createdAt' };
  const values: Record<string, string> = { ':displayName': displayName, ':type': 'User', ':id': id, ':now': util.time.nowISO8601() };
  if (email) {
    sets.push('#email = if_not_exists(#email, :email)');
    names['#email'] = 'email';
    values[':email'] = email;
  }
  return {
    operation: 'UpdateItem',
    key: util.dynamodb.toMapValues(userKey(id)),
    update: { expression: `SET ${sets.join(', ')}`, expressionNames: names, expressionValues: util.dynamodb.toMapValues(values) },
    ...(email ? {} : { condition: { expression: 'attribute_exists(#pk)', expressionNames: { '#pk': 'pk' } } }),
  };
}

export function response(ctx: Context<MutationUpdateProfileArgs>) {
  if (ctx.error) {
    if (ctx.error.type === CONDITION_FAILED) util.error('No profile yet: call me with the Cognito ID token first', 'NotFoundError');
    util.error(ctx.error.message, ctx.error.type);
  }
  return toUser(ctx.result as UserItem);
}
