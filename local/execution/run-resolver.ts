/**
 * Runs one field's resolver as AppSync does. Unit: request handler → data source → response
 * handler. Pipeline: before handler → each function (request → data source → response) → after
 * handler, sharing one stash, each step's return value becoming the next `ctx.prev.result`.
 * `runtime.earlyReturn`, `util.error`, `util.appendError` and `util.unauthorized` take effect
 * exactly where AppSync documents them; nothing here throws for resolver-caused failures.
 */
import { runHandler, type CompiledCode, type HandlerContext, type HandlerName, type HandlerRun } from '../appsync-js/evaluate';
import { mapRuntimeErrorMessage, type CodeSourceMap } from '../appsync-js/source-map';
import type { AppSyncErrorEntry, EvaluationState } from '../appsync-js/state';
import type { DataSourceCallRecord, DataSourceOutcome, DataSources } from './data-sources';
import type { LambdaBatcher } from './lambda-batcher';

/** A resolver or pipeline function, ready to run. */
export interface PreparedStep {
  /** `Type.field` for resolvers, the function name for pipeline functions. */
  key: string;
  dataSourceName?: string;
  code?: CompiledCode;
  /** The code's inline source map: runtime errors then name the source line (`resolvers/X.ts:12:5: …`). */
  sourceMap?: CodeSourceMap;
  maxBatchSize?: number;
}

export interface PreparedResolver extends PreparedStep {
  typeName: string;
  fieldName: string;
  kind: 'UNIT' | 'PIPELINE';
  functions: PreparedStep[];
}

/** What every handler of one field resolution sees, besides stash/prev/result. */
export interface FieldContext {
  arguments: Record<string, unknown>;
  source: unknown;
  identity: unknown;
  info: NonNullable<HandlerContext['info']>;
  request: { headers: Record<string, unknown>; domainName: string | null };
  env: Record<string, string>;
  /** What `util.authType()` returns for this request. */
  authType: string | null;
}

export type FieldResult =
  | { kind: 'value'; value: unknown }
  | { kind: 'error'; error: AppSyncErrorEntry }
  | { kind: 'unauthorized' };

/** Where a field's side effects go: one per GraphQL request. */
export interface RequestScope {
  batcher: LambdaBatcher;
  /** Every handler's evaluation state, tagged with the step that produced it. */
  onHandler: (step: string, handler: HandlerName, state: EvaluationState) => void;
  onDataSourceCall: (step: string, record: DataSourceCallRecord) => void;
}

export async function runResolver(resolver: PreparedResolver, field: FieldContext, scope: RequestScope, dataSources: DataSources): Promise<FieldResult> {
  if (!resolver.code) return runDirectLambda(resolver, field, scope, dataSources);
  const base = baseContext(field);
  let stash: Record<string, unknown> = {};
  const run = (step: PreparedStep, handler: HandlerName, extra: Partial<HandlerContext>): HandlerRun => {
    const out = runHandler(step.code!, handler, { ...base, ...extra, stash }, field.authType);
    if (out.outcome.kind === 'error' && out.outcome.error.errorType === 'Code') out.outcome.error.message = mapRuntimeErrorMessage(out.outcome.error.message, step.sourceMap);
    stash = out.stash;
    scope.onHandler(step.key, handler, out.state);
    return out;
  };

  if (resolver.kind === 'UNIT') {
    const request = run(resolver, 'request', {});
    if (request.outcome.kind !== 'result') return finish(request);
    const ds = await callDataSource(resolver, request.outcome.value, scope, dataSources);
    return finish(run(resolver, 'response', withDataSourceOutcome(ds)));
  }

  const before = run(resolver, 'request', {});
  if (before.outcome.kind === 'error' || before.outcome.kind === 'unauthorized') return finish(before);
  let prev = before.outcome.value;
  // An early return in the before handler skips every function.
  if (before.outcome.kind !== 'earlyReturn') {
    for (const fn of resolver.functions) {
      const request = run(fn, 'request', { prev: { result: prev } });
      if (request.outcome.kind === 'error' || request.outcome.kind === 'unauthorized') return finish(request);
      if (request.outcome.kind === 'earlyReturn') {
        prev = request.outcome.value;
        if (request.outcome.skipTo === 'END') break;
        continue;
      }
      const ds = await callDataSource(fn, request.outcome.value, scope, dataSources);
      const response = run(fn, 'response', { prev: { result: prev }, ...withDataSourceOutcome(ds) });
      if (response.outcome.kind === 'error' || response.outcome.kind === 'unauthorized') return finish(response);
      prev = response.outcome.value;
      if (response.outcome.kind === 'earlyReturn' && response.outcome.skipTo === 'END') break;
    }
  }
  return finish(run(resolver, 'response', { prev: { result: prev }, result: prev }));
}

function baseContext(field: FieldContext): HandlerContext {
  return { arguments: field.arguments, identity: field.identity, source: field.source, info: field.info, request: field.request, env: field.env };
}

function withDataSourceOutcome(ds: DataSourceOutcome): Partial<HandlerContext> {
  return ds.error ? { result: ds.result, error: { message: ds.error.message, type: ds.error.type } } : { result: ds.result };
}

function finish(run: HandlerRun): FieldResult {
  const { outcome } = run;
  switch (outcome.kind) {
    case 'result': case 'earlyReturn': return { kind: 'value', value: outcome.value };
    case 'error': return { kind: 'error', error: outcome.error };
    case 'unauthorized': return { kind: 'unauthorized' };
  }
}

async function callDataSource(step: PreparedStep, request: unknown, scope: RequestScope, dataSources: DataSources): Promise<DataSourceOutcome> {
  const name = step.dataSourceName;
  if (!name) return { result: null, error: { type: 'MappingTemplate', message: `${step.key} has no data source` } };
  const invoke = (req: unknown) => dataSources.invoke(name, req, {
    paginationScope: step.key,
    onCall: (record) => scope.onDataSourceCall(step.key, record),
  });
  const r = request as { operation?: unknown; payload?: unknown } | null;
  if (dataSources.typeOf(name) === 'AWS_LAMBDA' && r?.operation === 'BatchInvoke') {
    // The function always receives a list; resolutions are gathered when maxBatchSize allows.
    const send = (payloads: unknown[]) => invoke({ ...r, payload: payloads });
    return scope.batcher.enqueue(step.key, r.payload ?? null, Math.max(1, step.maxBatchSize ?? 1), send);
  }
  return invoke(request);
}

/** A Lambda resolver without code: the whole context is the event; errors pass through. */
async function runDirectLambda(resolver: PreparedResolver, field: FieldContext, scope: RequestScope, dataSources: DataSources): Promise<FieldResult> {
  if (!resolver.dataSourceName || dataSources.typeOf(resolver.dataSourceName) !== 'AWS_LAMBDA') {
    return { kind: 'error', error: { message: `${resolver.key} has no APPSYNC_JS code; only APPSYNC_JS and direct Lambda resolvers are served locally`, errorType: 'MappingTemplate' } };
  }
  const event = { ...baseContext(field), prev: null, stash: {} };
  const operation = (resolver.maxBatchSize ?? 0) > 0 ? 'BatchInvoke' : 'Invoke';
  const ds = await callDataSource(resolver, { operation, payload: event }, scope, dataSources);
  if (ds.error) return { kind: 'error', error: { message: ds.error.message, errorType: ds.error.type, data: ds.result ?? null, errorInfo: null } };
  return { kind: 'value', value: ds.result };
}
