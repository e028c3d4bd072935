/**
 * Executes GraphQL requests against a loaded AppSync API with AppSync's semantics: graphql-js
 * does parsing, validation and the execution walk; every field with a resolver runs it through
 * the APPSYNC_JS runtime and its data sources; errors come out in AppSync's shape.
 */
import {
  execute, getOperationAST, GraphQLError, isObjectType, Kind, visit, type DocumentNode, type ExecutionResult, type FieldNode, type FragmentDefinitionNode,
  type OperationDefinitionNode, valueFromAST,
  type GraphQLField, type GraphQLFieldResolver, type GraphQLObjectType, type GraphQLResolveInfo, type GraphQLSchema, type OperationTypeNode,
} from 'graphql';
import { getArgumentValues, getVariableValues } from 'graphql/execution/values';
import { compileCode, CodeCompileError } from '../appsync-js/evaluate';
import { CodeSourceMap, sourceLocation } from '../appsync-js/source-map';
import type { AppSyncErrorEntry, EvaluationState, SubscriptionFilterJson } from '../appsync-js/state';
import type { LocalApiModel } from '../assembly/load-api';
import { fieldRules, type AuthMode, type FieldRules } from '../auth/field-rules';
import { buildAppSyncSchema } from '../graphql/appsync-schema';
import { unalias } from '../realtime/projection';
import { appSyncInfo } from '../graphql/resolve-info';
import { toAppSyncSyntaxError, toAppSyncValidationErrors, toAppSyncVariableErrors } from '../graphql/validation-messages';
import type { DataSourceCallRecord, DataSources } from './data-sources';
import { DocumentCache } from './document-cache';
import { AppSyncFieldError, unauthorizedFieldError } from './field-error';
import { LambdaBatcher } from './lambda-batcher';
import { runResolver, type FieldContext, type PreparedResolver, type PreparedStep, type RequestScope } from './run-resolver';

/** AppSync's cap on resolver executions per request when the API sets none. */
export const DEFAULT_RESOLVER_COUNT_LIMIT = 10_000;

export interface GraphQLRequestBody { query: string; operationName?: string | null; variables?: Record<string, unknown> | null }

/** The authenticated caller, as the auth layer determined it. */
export interface Caller {
  /** The auth mode the request was authenticated with. */
  mode: AuthMode;
  /** Cognito groups (user pools), for `cognito_groups` directives. */
  groups: string[];
  identity: unknown;
  /** `util.authType()`: "User Pool Authorization", "API Key Authorization"… */
  authType: string | null;
  /** For the request log: who called (a username, "api-key"…). */
  label: string;
}

export interface ExecuteRequest {
  body: GraphQLRequestBody;
  headers: Record<string, string | string[]>;
  caller: Caller;
}

export type ResponseErrorEntry = Partial<AppSyncErrorEntry> & { message: string; path?: Array<string | number> | null; locations?: Array<{ line: number; column: number; sourceName: null }> | null };

/** A mutation field that succeeded: what `@aws_subscribe` subscriptions receive. */
export interface PublishedResult {
  mutationField: string;
  /** The field's value as the mutation's selection set returned it, keyed by field name. */
  value: unknown;
}

export interface ExecuteResponse {
  /** Successful mutation fields, for the real-time endpoint. */
  published?: PublishedResult[];
  /** `extensions.invalidateSubscriptions` calls made by the mutation's resolvers. */
  invalidations?: Array<{ subscriptionField: string; payload: Record<string, unknown> }>;
  status: number;
  body: { data?: unknown; errors?: ResponseErrorEntry[]; extensions?: Record<string, unknown> };
  headers: Record<string, string>;
  trace: RequestTrace;
}

/** Everything the request log can show about one request. */
export interface RequestTrace {
  operationName: string | null;
  operationType: OperationTypeNode | null;
  resolverCount: number;
  fields: FieldTrace[];
}

export interface FieldTrace {
  path: string;
  step: string;
  logs: string[];
  calls: DataSourceCallRecord[];
}

interface RequestContext {
  caller: Caller;
  request: FieldContext['request'];
  batcher: LambdaBatcher;
  appendedErrors: ResponseErrorEntry[];
  responseHeaders: Record<string, string>;
  cacheEvictions: number;
  invalidations: Array<{ subscriptionField: string; payload: Record<string, unknown> }>;
  /** The subscription field's filters, when this context runs a subscription's resolver. */
  subscriptionFilter?: SubscriptionFilterJson;
  subscriptionInvalidationFilter?: SubscriptionFilterJson;
  trace: RequestTrace;
}

/** A subscription accepted at `start`: what the real-time endpoint needs to match and shape events. */
export interface PreparedSubscription {
  fieldName: string;
  responseKey: string;
  arguments: Record<string, unknown>;
  fieldNode: FieldNode;
  fragments: Record<string, FragmentDefinitionNode>;
  filter?: SubscriptionFilterJson;
  invalidationFilter?: SubscriptionFilterJson;
  mutations: string[];
}

export interface ExecutorOptions {
  dataSources: DataSources;
}

export class Executor {
  readonly schema: GraphQLSchema;
  private readonly documents: DocumentCache;
  private readonly resolverCountLimit: number;
  private readonly depthLimit: number;
  private readonly rules: FieldRules;

  constructor(private readonly model: LocalApiModel, private readonly options: ExecutorOptions) {
    this.schema = buildAppSyncSchema(model.schema);
    this.documents = new DocumentCache(this.schema);
    this.resolverCountLimit = model.api.resolverCountLimit > 0 ? model.api.resolverCountLimit : DEFAULT_RESOLVER_COUNT_LIMIT;
    this.depthLimit = model.api.queryDepthLimit;
    const modes = [model.api.authenticationType, ...model.api.additionalAuthenticationProviders.map((p) => String(p.AuthenticationType))] as AuthMode[];
    this.rules = fieldRules(this.schema, {
      defaultMode: modes[0], additionalModes: modes.slice(1),
      userPoolDefaultAction: model.api.userPoolConfig?.DefaultAction === 'DENY' ? 'DENY' : 'ALLOW',
    });
    this.attachResolvers();
  }

  async execute(req: ExecuteRequest): Promise<ExecuteResponse> {
    const trace: RequestTrace = { operationName: req.body.operationName ?? null, operationType: null, resolverCount: 0, fields: [] };
    const reply = (status: number, body: ExecuteResponse['body'], headers: Record<string, string> = {}): ExecuteResponse => ({ status, body, headers, trace });
    const prepared = this.prepare(req.body, trace);
    if (!prepared.ok) return reply(200, prepared.body);
    const { document, operation } = prepared;
    if (operation.operation === 'subscription') {
      return reply(200, { data: null, errors: [{ path: null, locations: null, errorType: 'UnsupportedOperation', message: 'Subscriptions are served over the real-time WebSocket endpoint, not over HTTP POST.' }] });
    }
    const rc = this.requestContext(req, trace);
    const result = await execute({
      schema: this.schema, document, operationName: req.body.operationName ?? undefined,
      variableValues: req.body.variables ?? {}, contextValue: rc, rootValue: null,
    }) as ExecutionResult;
    const errors = [...rc.appendedErrors, ...(result.errors ?? []).map((e) => formatExecutionError(e, this.schema))];
    const body: ExecuteResponse['body'] = { data: result.data ?? null };
    if (errors.length > 0) body.errors = errors;
    if (rc.cacheEvictions > 0) body.extensions = { apiCacheEntriesDeleted: rc.cacheEvictions };
    const response = reply(200, body, rc.responseHeaders);
    if (operation.operation === 'mutation') {
      response.published = publishedResults(operation, document, result, errors);
      if (rc.invalidations.length > 0) response.invalidations = rc.invalidations;
    }
    return response;
  }

  /**
   * A subscription `start`: validates the document (one root field of the Subscription type),
   * checks the caller may use it, and runs its resolver, whose response handler may set
   * filters. Errors come back in AppSync's shape.
   */
  async prepareSubscription(req: ExecuteRequest): Promise<{ ok: true; subscription: PreparedSubscription } | { ok: false; errors: ResponseErrorEntry[] }> {
    const trace: RequestTrace = { operationName: req.body.operationName ?? null, operationType: 'subscription' as OperationTypeNode, resolverCount: 0, fields: [] };
    const prepared = this.prepare(req.body, trace);
    if (!prepared.ok) return { ok: false, errors: prepared.body.errors ?? [] };
    const { document, operation } = prepared;
    const fragments: Record<string, FragmentDefinitionNode> = {};
    for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
    const roots = operation.selectionSet.selections.filter((s): s is FieldNode => s.kind === Kind.FIELD && s.name.value !== '__typename');
    if (operation.operation !== 'subscription' || roots.length !== 1) {
      return { ok: false, errors: [{ path: null, locations: null, message: 'A subscription request must be a subscription operation with exactly one root field.' }] };
    }
    const fieldNode = roots[0];
    const subscriptionType = this.schema.getSubscriptionType()!;
    const field = subscriptionType.getFields()[fieldNode.name.value];
    const coerced = getVariableValues(this.schema, operation.variableDefinitions ?? [], req.body.variables ?? {}, { maxErrors: 50 });
    if (coerced.errors) return { ok: false, errors: toAppSyncVariableErrors(coerced.errors) };
    const args = getArgumentValues(field, fieldNode, coerced.coerced);
    const rc = this.requestContext(req, trace);
    const errors = await this.runSubscriptionResolver(field.name, fieldNode, args, coerced.coerced, rc);
    if (errors.length > 0) return { ok: false, errors };
    const directive = field.astNode?.directives?.find((d) => d.name.value === 'aws_subscribe');
    const mutationsArg = directive?.arguments?.find((a) => a.name.value === 'mutations');
    const mutations = mutationsArg ? ((valueFromAST(mutationsArg.value, this.schema.getDirective('aws_subscribe')!.args[0].type) as string[] | undefined) ?? []) : [];
    return {
      ok: true,
      subscription: {
        fieldName: field.name, responseKey: fieldNode.alias?.value ?? field.name, arguments: args, fieldNode, fragments,
        filter: rc.subscriptionFilter, invalidationFilter: rc.subscriptionInvalidationFilter, mutations,
      },
    };
  }

  private async runSubscriptionResolver(fieldName: string, fieldNode: FieldNode, args: Record<string, unknown>, variables: Record<string, unknown>, rc: RequestContext): Promise<ResponseErrorEntry[]> {
    const subscriptionType = this.schema.getSubscriptionType()!;
    const field = subscriptionType.getFields()[fieldName];
    const locations = fieldNode.loc ? [{ line: fieldNode.loc.startToken.line, column: fieldNode.loc.startToken.column, sourceName: null }] : null;
    const path = [fieldNode.alias?.value ?? fieldName];
    if (this.rules.restricts(subscriptionType.name, fieldName) && !this.rules.allows(subscriptionType.name, fieldName, rc.caller)) {
      const e = unauthorizedFieldError(subscriptionType.name, fieldName).entry;
      return [{ path, data: null, errorType: e.errorType, errorInfo: null, locations, message: e.message }];
    }
    const resolve = field.resolve;
    if (!resolve) return [];
    try {
      const info = subscriptionInfo(this.schema, subscriptionType, field, fieldNode, path[0], variables);
      await resolve(null, args, rc, info);
      return rc.appendedErrors;
    } catch (error) {
      const entry = error instanceof AppSyncFieldError ? error.entry : { message: (error as Error).message, errorType: 'Code' };
      return [{ path, data: entry.data ?? null, errorType: entry.errorType ?? null, errorInfo: entry.errorInfo ?? null, locations, message: entry.message }];
    }
  }

  private prepare(body: GraphQLRequestBody, trace: RequestTrace):
    { ok: true; document: DocumentNode; operation: OperationDefinitionNode } | { ok: false; body: ExecuteResponse['body'] } {
    const cached = this.documents.get(body.query);
    if (!cached.ok) {
      if (cached.syntaxError) return { ok: false, body: { data: null, errors: [toAppSyncSyntaxError(cached.syntaxError)] } };
      return { ok: false, body: { data: null, errors: toAppSyncValidationErrors(cached.validationErrors ?? [], cached.document!, this.schema) } };
    }
    const { document } = cached;
    if (!this.model.api.introspection) {
      const denied = introspectionErrors(document);
      if (denied.length > 0) return { ok: false, body: { data: null, errors: denied } };
    }
    const operation = getOperationAST(document, body.operationName ?? undefined);
    if (!operation) {
      const message = body.operationName
        ? `Unknown operation named '${body.operationName}'.`
        : 'Must provide operation name if query contains multiple operations.';
      return { ok: false, body: { data: null, errors: [{ path: null, locations: null, message }] } };
    }
    trace.operationType = operation.operation;
    trace.operationName = operation.name?.value ?? body.operationName ?? null;
    const coerced = getVariableValues(this.schema, operation.variableDefinitions ?? [], body.variables ?? {}, { maxErrors: 50 });
    if (coerced.errors) return { ok: false, body: { data: null, errors: toAppSyncVariableErrors(coerced.errors) } };
    return { ok: true, document, operation };
  }

  private requestContext(req: ExecuteRequest, trace: RequestTrace): RequestContext {
    return {
      caller: req.caller,
      request: { headers: req.headers, domainName: null },
      batcher: new LambdaBatcher(),
      appendedErrors: [],
      responseHeaders: {},
      cacheEvictions: 0,
      invalidations: [],
      trace,
    };
  }

  /** Binds each resolver of the model to its field; compiles all code up front so a bad bundle fails at start-up. */
  private attachResolvers(): void {
    const compile = (code: string | undefined, where: string) => {
      if (code === undefined) return undefined;
      try {
        return compileCode(code);
      } catch (error) {
        if (error instanceof CodeCompileError) {
          const first = error.codeErrors[0];
          // With the bundle's source map, name the TypeScript line the developer wrote.
          const at = sourceLocation(CodeSourceMap.of(code), first.location.line, first.location.column);
          throw new Error(`${where}: ${first.errorType} ${first.value} (${at ? `${at}; bundle ` : ''}line ${first.location.line})`);
        }
        throw error;
      }
    };
    const functions = new Map<string, PreparedStep>();
    for (const fn of Object.values(this.model.functions)) {
      functions.set(fn.functionId, { key: fn.name, dataSourceName: fn.dataSourceName, code: compile(fn.code, `function ${fn.name}`), sourceMap: sourceMapOf(fn.code), maxBatchSize: fn.maxBatchSize });
    }
    const resolved = new Set<string>();
    for (const r of this.model.resolvers) {
      const type = this.schema.getType(r.typeName);
      const field = isObjectType(type) ? type.getFields()[r.fieldName] : undefined;
      if (!field) throw new Error(`A resolver is attached to ${r.typeName}.${r.fieldName}, which the schema does not define`);
      const key = `${r.typeName}.${r.fieldName}`;
      const prepared: PreparedResolver = {
        key, typeName: r.typeName, fieldName: r.fieldName, kind: r.kind, dataSourceName: r.dataSourceName,
        code: compile(r.code, `resolver ${key}`), sourceMap: sourceMapOf(r.code), maxBatchSize: r.maxBatchSize,
        functions: r.functionIds.map((id) => {
          const fn = functions.get(id);
          if (!fn) throw new Error(`Resolver ${key} runs function ${id}, which the assembly does not define`);
          return fn;
        }),
      };
      if (prepared.kind === 'PIPELINE' && prepared.functions.length > 10) throw new Error(`Resolver ${key} has ${prepared.functions.length} functions; AppSync allows 10`);
      field.resolve = this.resolverFor(prepared);
      resolved.add(key);
    }
    // Fields without a resolver read source[field]; they need a wrapper only to check depth or auth.
    for (const type of Object.values(this.schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.values(type.getFields())) {
        if (resolved.has(`${type.name}.${field.name}`)) continue;
        const guarded = this.rules.restricts(type.name, field.name);
        if (this.depthLimit <= 0 && !guarded) continue;
        field.resolve = (source, _args, rc: RequestContext, info) => {
          this.checkDepth(info);
          if (guarded) this.checkAuth(info, rc);
          return (source as Record<string, unknown> | null)?.[info.fieldName] ?? null;
        };
      }
    }
  }

  /** AppSync's directive rules: a field the caller's mode (or groups) may not read is null with Unauthorized. */
  private checkAuth(info: GraphQLResolveInfo, rc: RequestContext): void {
    if (!this.rules.allows(info.parentType.name, info.fieldName, rc.caller)) throw unauthorizedFieldError(info.parentType.name, info.fieldName);
  }

  private resolverFor(prepared: PreparedResolver): GraphQLFieldResolver<unknown, RequestContext> {
    const guarded = this.rules.restricts(prepared.typeName, prepared.fieldName);
    return async (source, args, rc, info) => {
      this.checkDepth(info);
      if (guarded) this.checkAuth(info, rc);
      rc.trace.resolverCount += 1;
      if (rc.trace.resolverCount > this.resolverCountLimit) {
        throw new AppSyncFieldError({ message: `Resolver count limit of ${this.resolverCountLimit} exceeded`, errorType: 'ResolverCountLimitExceeded', data: null, errorInfo: null });
      }
      const path = pathOf(info);
      const pathText = path.join('/');
      const locations = info.fieldNodes.map((n) => ({ line: n.loc?.startToken.line ?? 0, column: n.loc?.startToken.column ?? 0, sourceName: null }));
      const scope: RequestScope = {
        batcher: rc.batcher,
        onHandler: (step, _handler, state) => this.collect(rc, path, locations, pathText, step, state),
        onDataSourceCall: (step, record) => traceFor(rc, pathText, step).calls.push(record),
      };
      const field: FieldContext = {
        arguments: plainArguments(args), source: source ?? null, identity: rc.caller.identity, info: appSyncInfo(info),
        request: rc.request, env: this.model.api.environmentVariables, authType: rc.caller.authType,
      };
      const outcome = await runResolver(prepared, field, scope, this.options.dataSources);
      if (outcome.kind === 'value') return outcome.value;
      if (outcome.kind === 'unauthorized') throw unauthorizedFieldError(info.parentType.name, info.fieldName);
      throw new AppSyncFieldError(outcome.error);
    };
  }

  private checkDepth(info: GraphQLResolveInfo): void {
    if (this.depthLimit <= 0) return;
    let depth = 0;
    for (let p: GraphQLResolveInfo['path'] | undefined = info.path; p; p = p.prev) if (typeof p.key === 'string') depth += 1;
    if (depth > this.depthLimit) {
      throw new AppSyncFieldError({ message: `Query depth limit of ${this.depthLimit} exceeded`, errorType: 'QueryDepthLimitExceeded', data: null, errorInfo: null });
    }
  }

  private collect(rc: RequestContext, path: Array<string | number>, locations: ResponseErrorEntry['locations'], pathText: string, step: string, state: EvaluationState): void {
    for (const e of state.appendedErrors) {
      rc.appendedErrors.push({ path, data: e.data ?? null, errorType: e.errorType ?? null, errorInfo: e.errorInfo ?? null, locations, message: e.message });
    }
    Object.assign(rc.responseHeaders, state.responseHeaders);
    rc.cacheEvictions += state.extensions.cacheEvictions.length;
    rc.invalidations.push(...state.extensions.invalidations);
    if (state.extensions.subscriptionFilter) rc.subscriptionFilter = state.extensions.subscriptionFilter;
    if (state.extensions.subscriptionInvalidationFilter) rc.subscriptionInvalidationFilter = state.extensions.subscriptionInvalidationFilter;
    if (state.logs.length > 0) traceFor(rc, pathText, step).logs.push(...state.logs);
  }
}

const sourceMapOf = (code: string | undefined) => (code === undefined ? undefined : CodeSourceMap.of(code));

function traceFor(rc: RequestContext, path: string, step: string): FieldTrace {
  const last = rc.trace.fields.findLast((f) => f.path === path && f.step === step);
  if (last) return last;
  const entry: FieldTrace = { path, step, logs: [], calls: [] };
  rc.trace.fields.push(entry);
  return entry;
}

function pathOf(info: GraphQLResolveInfo): Array<string | number> {
  const out: Array<string | number> = [];
  for (let p: GraphQLResolveInfo['path'] | undefined = info.path; p; p = p.prev) out.unshift(p.key);
  return out;
}

/** graphql-js builds input objects without a prototype; resolvers get plain JSON, as on AppSync. */
function plainArguments(args: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(args)) as Record<string, unknown>;
}

/** With introspection disabled AppSync answers as if `__schema`/`__type` did not exist. */
function introspectionErrors(document: DocumentNode): ResponseErrorEntry[] {
  const errors: ResponseErrorEntry[] = [];
  visit(document, {
    Field(node) {
      if (node.name.value !== '__schema' && node.name.value !== '__type') return;
      const loc = node.loc?.startToken;
      errors.push({
        path: null, locations: loc ? [{ line: loc.line, column: loc.column, sourceName: null }] : null,
        message: `Validation error of type FieldUndefined: Field '${node.name.value}' in type 'Query' is undefined @ '${node.alias?.value ?? node.name.value}'`,
      });
    },
  });
  return errors;
}

const NON_NULL = /^Cannot return null for non-nullable field (\w+)\.(\w+)\.$/;

/** An execution error in AppSync's shape (graphql-java's wording where graphql-js words it differently). */
function formatExecutionError(error: GraphQLError, schema: GraphQLSchema): ResponseErrorEntry {
  const path = error.path ? [...error.path] : null;
  const locations = error.locations ? error.locations.map((l) => ({ line: l.line, column: l.column, sourceName: null })) : null;
  const original = error.originalError;
  if (original instanceof AppSyncFieldError) {
    const e = original.entry;
    return { path, data: e.data ?? null, errorType: e.errorType ?? null, errorInfo: e.errorInfo ?? null, locations, message: e.message };
  }
  const nonNull = NON_NULL.exec(error.message);
  if (nonNull && path) {
    const [, parent, fieldName] = nonNull;
    const parentType = schema.getType(parent);
    const fieldType = isObjectType(parentType) ? String(parentType.getFields()[fieldName]?.type ?? '') : '';
    const typeName = fieldType.replace(/[![\]]/g, '');
    const pathText = path.map((p) => (typeof p === 'number' ? `[${p}]` : `/${p}`)).join('').replace(/\/\[/g, '[');
    return { path, locations: null, message: `Cannot return null for non-nullable type: '${typeName}' within parent '${parent}' (${pathText})` };
  }
  if (original instanceof GraphQLError || (original && /serialize|Invalid AWS/.test(original.message))) {
    return { path, locations, errorType: null, message: `Can't serialize value (${path ? '/' + path.join('/') : ''}) : ${original.message}` };
  }
  return { path, locations, errorType: original ? 'Code' : null, message: error.message };
}


/** Mutation root fields that resolved to a value without an error on them. */
function publishedResults(operation: OperationDefinitionNode, document: DocumentNode, result: ExecutionResult, errors: ResponseErrorEntry[]): PublishedResult[] {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
  const data = (result.data ?? {}) as Record<string, unknown>;
  const out: PublishedResult[] = [];
  for (const s of operation.selectionSet.selections) {
    if (s.kind !== Kind.FIELD || s.name.value === '__typename') continue;
    const key = s.alias?.value ?? s.name.value;
    const value = data[key];
    const failed = errors.some((e) => Array.isArray(e.path) && e.path[0] === key);
    if (value === null || value === undefined || failed) continue;
    out.push({ mutationField: s.name.value, value: unalias(value, s.selectionSet, fragments) });
  }
  return out;
}

/** A resolve info for running a subscription field's resolver outside graphql-js's execution walk. */
function subscriptionInfo(schema: GraphQLSchema, parentType: GraphQLObjectType, field: GraphQLField<unknown, unknown>, fieldNode: FieldNode, responseKey: string, variableValues: Record<string, unknown>): GraphQLResolveInfo {
  return {
    fieldName: field.name, fieldNodes: [fieldNode], returnType: field.type, parentType, path: { prev: undefined, key: responseKey, typename: parentType.name },
    schema, fragments: {}, rootValue: null, operation: { kind: Kind.OPERATION_DEFINITION, operation: 'subscription' as OperationTypeNode, selectionSet: { kind: Kind.SELECTION_SET, selections: [fieldNode] } },
    variableValues,
  };
}
