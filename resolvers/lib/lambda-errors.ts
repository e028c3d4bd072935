/**
 * Typed errors across a Lambda data source. AppSync hands a resolver only `Lambda:Unhandled` and
 * the function's `errorMessage`, so a function throws `<ErrorType>: <text>` (see
 * `lambdaErrorMessage`) and the pipeline function that invoked it turns that back into
 * `util.error(text, ErrorType)` (see `lambdaError`). Anything else keeps AppSync's own type.
 *
 * Bundled into resolvers and Lambda functions alike: APPSYNC_JS-compatible (no classes, regex).
 */

/** The error types a Taskboard Lambda function may report to clients. */
export const LAMBDA_ERROR_TYPES = ['NotFoundError', 'ConflictError', 'ValidationError'];

export type LambdaErrorType = 'NotFoundError' | 'ConflictError' | 'ValidationError';

/** The `errorMessage` a Lambda function throws for a typed, client-visible error. */
export function lambdaErrorMessage(type: LambdaErrorType, text: string): string {
  return `${type}: ${text}`;
}

/** A Lambda data-source error (`ctx.error`) as the message and errorType to give the client. */
export function lambdaError(error: { message: string; type: string }): { message: string; type: string } {
  const at = error.message.indexOf(': ');
  const type = at > 0 ? error.message.slice(0, at) : '';
  if (LAMBDA_ERROR_TYPES.indexOf(type) >= 0) return { message: error.message.slice(at + 2), type };
  return { message: error.message, type: error.type };
}
