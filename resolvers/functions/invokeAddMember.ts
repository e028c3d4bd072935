import { util, type Context } from '@aws-appsync/utils';
import type { MutationAddMemberArgs } from '../../generated/graphql';
import { callerId } from '../lib/identity';
import { lambdaError } from '../lib/lambda-errors';

/**
 * Asks the addMember Lambda to add `email` to `stash.boardId` with `role` (a resolver cannot
 * look users up in Cognito). Its typed errors (NotFoundError for an unknown email,
 * ConflictError for an existing member) reach the client with their own errorType. The caller
 * is recorded as who added the member.
 */
export function request(ctx: Context<MutationAddMemberArgs>) {
  return { operation: 'Invoke', payload: { boardId: ctx.stash.boardId as string, email: ctx.args.email, role: ctx.args.role, addedById: callerId(ctx) } };
}

export function response(ctx: Context<MutationAddMemberArgs>) {
  if (ctx.error) {
    const error = lambdaError(ctx.error);
    util.error(error.message, error.type);
  }
  return ctx.result;
}
