/**
 * The public face of `local/`, Taskboard's offline AppSync runtime. It knows AppSync, never the
 * app it serves.
 */
export {
  evaluateCode, compileCode, runHandler, runtimeErrorMessage, CodeCompileError,
  type EvaluateCodeInput, type EvaluateCodeOutput, type CompiledCode, type HandlerContext, type HandlerOutcome,
  type HandlerRun, type HandlerName,
} from './appsync-js/evaluate';
export type { CodeError } from './appsync-js/restrictions';
export type { EvaluationState, AppSyncErrorEntry } from './appsync-js/state';
