/**
 * The APPSYNC_JS evaluator: `evaluateCode` mirrors AppSync's EvaluateCode API; `compileCode` and
 * `runHandler` are the synchronous path the local server takes for every field.
 */
import { createHash } from 'node:crypto';
import { moduleToScript } from './module-script';
import { checkRestrictions, type CodeError } from './restrictions';
import { CODE_FILENAME, createSandbox, type Sandbox } from './sandbox';
import { EarlyReturnSignal, UnauthorizedSignal, UtilErrorSignal } from './signals';
import { newEvaluationState, type AppSyncErrorEntry, type EvaluationState } from './state';

export type HandlerName = 'request' | 'response';

export interface CompiledCode {
  hash: string;
  sandbox: Sandbox;
}

export class CodeCompileError extends Error {
  constructor(readonly codeErrors: CodeError[]) {
    super('The code contains one or more errors.');
  }
}

const compiled = new Map<string, CompiledCode>();

/** Checks and compiles resolver code once per content hash; throws CodeCompileError. */
export function compileCode(code: string): CompiledCode {
  const hash = createHash('sha256').update(code).digest('hex');
  const cached = compiled.get(hash);
  if (cached) return cached;
  const errors = checkRestrictions(code);
  if (errors.length > 0) throw new CodeCompileError(errors);
  let sandbox: Sandbox;
  try {
    sandbox = createSandbox(moduleToScript(code));
  } catch (error) {
    throw new CodeCompileError([{ errorType: 'PARSER_ERROR', value: runtimeErrorMessage(error), location: { line: 1, column: 0, span: 0 } }]);
  }
  const entry = { hash, sandbox };
  compiled.set(hash, entry);
  return entry;
}

/** The context a handler receives (host data; copied into the sandbox per call). */
export interface HandlerContext {
  arguments?: Record<string, unknown>;
  identity?: unknown;
  source?: unknown;
  stash?: Record<string, unknown>;
  result?: unknown;
  prev?: { result: unknown };
  error?: { message: string; type: string } | null;
  info?: {
    fieldName?: string;
    parentTypeName?: string;
    variables?: Record<string, unknown>;
    selectionSetList?: string[];
    selectionSetGraphQL?: string;
  };
  request?: { headers?: Record<string, unknown>; domainName?: string | null };
  env?: Record<string, string>;
}

export type HandlerOutcome =
  | { kind: 'result'; value: unknown }
  | { kind: 'earlyReturn'; value: unknown; skipTo?: 'END' | 'NEXT' }
  | { kind: 'error'; error: AppSyncErrorEntry }
  | { kind: 'unauthorized' };

export interface HandlerRun {
  outcome: HandlerOutcome;
  /** The stash after the handler (plain data). */
  stash: Record<string, unknown>;
  state: EvaluationState;
}

/** Plain JSON data out of the sandbox, as AppSync serializes values (undefined dropped). */
function plain(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value) ?? 'null');
}

/** Runs one handler of compiled code with a fresh ctx. Never throws for resolver-caused errors. */
export function runHandler(code: CompiledCode, handler: HandlerName, ctx: HandlerContext, authType: string | null = null): HandlerRun {
  const { sandbox } = code;
  const state = newEvaluationState(authType);
  const fn = sandbox.handlers[handler];
  const inner = sandbox.bridge.copyIn({
    ...ctx,
    arguments: ctx.arguments ?? {},
    stash: ctx.stash ?? {},
    env: ctx.env ?? {},
    request: ctx.request ?? { headers: {}, domainName: null },
  }) as Record<string, unknown>;
  inner.args = inner.arguments;
  hideSelectionSet(inner.info as Record<string, unknown> | undefined);

  let outcome: HandlerOutcome;
  if (typeof fn !== 'function') {
    outcome = { kind: 'error', error: { message: `The code does not export a ${handler} function`, errorType: 'Code', data: null, errorInfo: null } };
  } else {
    try {
      outcome = { kind: 'result', value: plain(sandbox.withState(state, () => fn(inner))) };
    } catch (thrown) {
      outcome = outcomeOf(thrown);
    }
  }
  return { outcome, stash: (plain(inner.stash) ?? {}) as Record<string, unknown>, state };
}

function outcomeOf(thrown: unknown): HandlerOutcome {
  if (thrown instanceof UtilErrorSignal) return { kind: 'error', error: thrown.error };
  if (thrown instanceof UnauthorizedSignal) return { kind: 'unauthorized' };
  if (thrown instanceof EarlyReturnSignal) return { kind: 'earlyReturn', value: plain(thrown.value), skipTo: thrown.skipTo };
  return { kind: 'error', error: { message: runtimeErrorMessage(thrown), errorType: 'Code', data: null, errorInfo: null } };
}

/** AppSync's format for runtime errors: `code.js:LINE:COL: TypeError: message`. */
export function runtimeErrorMessage(error: unknown): string {
  const e = error as { name?: string; message?: string; stack?: string };
  const name = e?.name ?? 'Error';
  const message = e?.message ?? String(error);
  const frame = e?.stack?.split('\n').find((line) => line.includes(`${CODE_FILENAME}:`));
  const position = frame?.match(new RegExp(`${CODE_FILENAME.replace('.', '\\.')}:(\\d+):(\\d+)`));
  return position ? `${CODE_FILENAME}:${position[1]}:${position[2]}: ${name}: ${message}` : `${name}: ${message}`;
}

/** JSON.stringify(ctx.info) leaves out the selection set, as in AppSync. */
function hideSelectionSet(info: Record<string, unknown> | undefined): void {
  if (!info) return;
  for (const key of ['selectionSetList', 'selectionSetGraphQL']) {
    if (key in info) Object.defineProperty(info, key, { value: info[key], enumerable: false });
  }
}

// ---- EvaluateCode --------------------------------------------------------------------------

export interface EvaluateCodeInput {
  runtime: { name: 'APPSYNC_JS'; runtimeVersion: '1.0.0' } | { name: string; runtimeVersion: string };
  code: string;
  /** The context as a JSON string. */
  context: string;
  function?: HandlerName;
}

export interface EvaluateCodeOutput {
  evaluationResult?: string;
  error?: { message: string; codeErrors?: CodeError[] };
  logs: string[];
  stash?: string;
  outErrors?: string;
}

/** Same input and output as AppSync's EvaluateCode API (APPSYNC_JS 1.0.0). */
export async function evaluateCode(input: EvaluateCodeInput): Promise<EvaluateCodeOutput> {
  if (input.runtime?.name !== 'APPSYNC_JS' || input.runtime.runtimeVersion !== '1.0.0') {
    return { error: { message: `Unsupported runtime ${input.runtime?.name} ${input.runtime?.runtimeVersion}: only APPSYNC_JS 1.0.0` }, logs: [] };
  }
  let code: CompiledCode;
  try {
    code = compileCode(input.code);
  } catch (error) {
    if (error instanceof CodeCompileError) return { error: { message: error.message, codeErrors: error.codeErrors }, logs: [] };
    throw error;
  }
  let context: HandlerContext;
  try {
    context = JSON.parse(input.context || '{}') as HandlerContext;
  } catch {
    return { error: { message: 'The context is not valid JSON.' }, logs: [] };
  }
  const run = runHandler(code, input.function ?? 'request', context);
  const output: EvaluateCodeOutput = {
    logs: run.state.logs,
    stash: JSON.stringify(run.stash),
    outErrors: JSON.stringify(run.state.appendedErrors),
  };
  switch (run.outcome.kind) {
    case 'result':
    case 'earlyReturn':
      output.evaluationResult = JSON.stringify(run.outcome.value);
      break;
    case 'unauthorized':
      output.error = { message: 'Unauthorized' };
      break;
    case 'error':
      output.error = { message: run.outcome.error.message };
      break;
  }
  return output;
}
