/**
 * The AppSync Lambda data source: the request a resolver returns (`{ operation, invocationType?,
 * payload }`) becomes the function's event, and the outcome fills `ctx.result` / `ctx.error`
 * as AppSync fills them (errors through resolver code are `Lambda:Unhandled`).
 */
import type { LambdaRunner, LocalFunction } from '../lambda/runner';

export interface LambdaDataSourceResponse {
  result: unknown;
  error?: { type: string; message: string };
}

export async function executeLambdaRequest(
  request: unknown, fn: LocalFunction, runner: LambdaRunner, onLogs?: (lines: string[]) => void,
  invokeAsync?: (functionName: string, event: unknown, source: string) => void,
): Promise<LambdaDataSourceResponse> {
  const r = request as { operation?: string; invocationType?: string; payload?: unknown };
  if (r?.operation !== 'Invoke' && r?.operation !== 'BatchInvoke') {
    return { result: null, error: { type: 'MappingTemplate', message: `Unsupported operation '${String(r?.operation)}': use Invoke or BatchInvoke` } };
  }
  const payload = r.payload === undefined ? null : r.payload;
  if (r.invocationType === 'Event') {
    // Asynchronous invocation: AppSync does not wait, and ctx.result is null; Lambda retries a failure.
    if (invokeAsync) invokeAsync(fn.functionName, payload, 'AppSync Event');
    else void runner.invoke(fn, payload).then((outcome) => onLogs?.(outcome.logs));
    return { result: null };
  }
  const outcome = await runner.invoke(fn, payload);
  onLogs?.(outcome.logs);
  if (!outcome.ok) return { result: null, error: { type: lambdaErrorType(outcome.error.errorType), message: outcome.error.errorMessage } };
  if (r.operation === 'BatchInvoke' && Array.isArray(payload) && (!Array.isArray(outcome.payload) || outcome.payload.length !== payload.length)) {
    return { result: null, error: { type: 'Lambda:Unhandled', message: `BatchInvoke expected a list of ${payload.length} results from ${fn.functionName}` } };
  }
  return { result: outcome.payload };
}

/** Errors thrown by the function are Unhandled; the runtime's own failures keep their name. */
function lambdaErrorType(errorType: string): string {
  return errorType === 'Sandbox.Timedout' || errorType.startsWith('Runtime.') ? `Lambda:${errorType}` : 'Lambda:Unhandled';
}
