import { util, type Context } from '@aws-appsync/utils';
import { callerId } from '../lib/identity';
import { lambdaError } from '../lib/lambda-errors';

/**
 * Asks the deleteBoard Lambda to delete `stash.boardId` and everything in it (a resolver cannot
 * page and batch-delete). The caller's id tells it which membership to keep until the end.
 */
export function request(ctx: Context) {
  return { operation: 'Invoke', payload: { boardId: ctx.stash.boardId as string, callerId: callerId(ctx) } };
}

export function response(ctx: Context) {
  if (ctx.error) {
    const error = lambdaError(ctx.error);
    util.error(error.message, error.type);
  }
  return ctx.result;
}
