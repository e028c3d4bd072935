/**
 * Sends a resolver's request object to the data source it names, as AppSync does: DynamoDB
 * through the SDK, Lambda through the local runner, NONE straight back. Every call is reported
 * (for the request log) with its duration and, for DynamoDB, each SDK call it made.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { LocalApiModel } from '../assembly/load-api';
import { executeDynamoDBRequest, type DynamoDBCallRecord } from '../datasources/dynamodb';
import { executeLambdaRequest } from '../datasources/lambda';
import type { LambdaRunner, LocalFunction } from '../lambda/runner';

export interface DataSourceError { type: string; message: string }
export interface DataSourceOutcome { result: unknown; error?: DataSourceError }

/** What the request log shows for one data-source call. */
export interface DataSourceCallRecord {
  dataSource: string;
  type: string;
  /** The request's `operation` (GetItem, Invoke…), or `NONE`. */
  operation: string;
  durationMs: number;
  error?: DataSourceError;
  /** DynamoDB API calls made for it (one AppSync operation may need several). */
  dynamodbCalls: DynamoDBCallRecord[];
  /** Lambda: the function's own log lines. */
  logs: string[];
  /** Lambda: how many resolutions this one invocation served (BatchInvoke). */
  batchSize?: number;
}

export interface InvokeOptions {
  /** Binds DynamoDB nextTokens to the resolver or function that issued them. */
  paginationScope: string;
  onCall: (record: DataSourceCallRecord) => void;
}

export interface DataSourceDependencies {
  dynamodb: DynamoDBClient;
  lambdaRunner: LambdaRunner;
  /** Asynchronous invocations (`invocationType: 'Event'`), with Lambda's retries; without it they run once. */
  invokeAsync?: (functionName: string, event: unknown, source: string) => void;
  /** Environment every local Lambda gets on top of its own (AWS endpoints, region). */
  region: string;
}

export class DataSources {
  private readonly functionsByArn = new Map<string, LocalFunction>();

  constructor(private readonly model: LocalApiModel, private readonly deps: DataSourceDependencies) {
    for (const fn of Object.values(model.lambdas)) {
      this.functionsByArn.set(fn.arn, { ...fn, region: deps.region });
    }
  }

  has(name: string): boolean {
    return name in this.model.dataSources;
  }

  typeOf(name: string): string | undefined {
    return this.model.dataSources[name]?.type;
  }

  /** The Lambda function behind a data source, for batching and direct invocation. */
  lambdaFor(name: string): LocalFunction {
    const ds = this.model.dataSources[name];
    const fn = ds?.lambdaFunctionArn ? this.functionsByArn.get(ds.lambdaFunctionArn) : undefined;
    if (!fn) throw new Error(`Data source ${name} names Lambda ${ds?.lambdaFunctionArn}, which is not in the assembly`);
    return fn;
  }

  async invoke(name: string, request: unknown, options: InvokeOptions): Promise<DataSourceOutcome> {
    const ds = this.model.dataSources[name];
    if (!ds) return { result: null, error: { type: 'MappingTemplate', message: `No data source named ${name}` } };
    const started = performance.now();
    const record: DataSourceCallRecord = { dataSource: name, type: ds.type, operation: operationOf(request, ds.type), durationMs: 0, dynamodbCalls: [], logs: [] };
    let outcome: DataSourceOutcome;
    switch (ds.type) {
      case 'AMAZON_DYNAMODB':
        outcome = await executeDynamoDBRequest(request, {
          client: this.deps.dynamodb,
          tableName: ds.tableName ?? '',
          paginationScope: options.paginationScope,
          onCall: (call) => record.dynamodbCalls.push(call),
        });
        break;
      case 'AWS_LAMBDA':
        outcome = await executeLambdaRequest(request, this.lambdaFor(name), this.deps.lambdaRunner, (lines) => record.logs.push(...lines), this.deps.invokeAsync);
        if (Array.isArray((request as { payload?: unknown })?.payload) && record.operation === 'BatchInvoke') {
          record.batchSize = ((request as { payload: unknown[] }).payload).length;
        }
        break;
      case 'NONE':
        // A NONE data source hands the request's payload back as ctx.result.
        outcome = { result: (request as { payload?: unknown } | null)?.payload ?? null };
        break;
      default:
        outcome = { result: null, error: { type: 'MappingTemplate', message: `Data source type ${ds.type} is not served locally` } };
    }
    record.durationMs = performance.now() - started;
    if (outcome.error) record.error = { type: outcome.error.type, message: outcome.error.message };
    options.onCall(record);
    return outcome;
  }
}

function operationOf(request: unknown, type: string): string {
  if (type === 'NONE') return 'NONE';
  const operation = (request as { operation?: unknown } | null)?.operation;
  return typeof operation === 'string' ? operation : '?';
}
