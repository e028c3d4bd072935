/**
 * EvaluateCode reports only an error's message (as AWS does). To check a `util.error`'s
 * errorType, data and errorInfo too, run the handler directly and read its outcome:
 *
 *   const outcome = outcomeOf(givenResolver('resolvers/functions/x.ts'), 'response', ctx);
 *   expect(outcome).toMatchObject({ kind: 'error', error: { errorType: 'ConflictError' } });
 */
import { compileCode, runHandler, type HandlerContext, type HandlerOutcome } from '../../local/index';

export function outcomeOf(resolver: { code: string }, handler: 'request' | 'response', ctx: HandlerContext): HandlerOutcome {
  return runHandler(compileCode(resolver.code), handler, ctx).outcome;
}
