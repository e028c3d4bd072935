/**
 * Sends one DynamoDB API call with a hard timeout, records it, and returns the outcome as a value.
 */
import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  TransactGetItemsCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
  type BatchGetItemCommandInput,
  type BatchGetItemCommandOutput,
  type BatchWriteItemCommandInput,
  type BatchWriteItemCommandOutput,
  type DeleteItemCommandInput,
  type DeleteItemCommandOutput,
  type DynamoDBClient,
  type GetItemCommandInput,
  type GetItemCommandOutput,
  type PutItemCommandInput,
  type PutItemCommandOutput,
  type QueryCommandInput,
  type QueryCommandOutput,
  type ScanCommandInput,
  type ScanCommandOutput,
  type TransactGetItemsCommandInput,
  type TransactGetItemsCommandOutput,
  type TransactWriteItemsCommandInput,
  type TransactWriteItemsCommandOutput,
  type UpdateItemCommandInput,
  type UpdateItemCommandOutput,
} from '@aws-sdk/client-dynamodb';
import { toDataSourceError, type DataSourceError } from './errors';
import type { ExecutionContext } from './types';

interface Operations {
  GetItem: [GetItemCommandInput, GetItemCommandOutput];
  PutItem: [PutItemCommandInput, PutItemCommandOutput];
  UpdateItem: [UpdateItemCommandInput, UpdateItemCommandOutput];
  DeleteItem: [DeleteItemCommandInput, DeleteItemCommandOutput];
  Query: [QueryCommandInput, QueryCommandOutput];
  Scan: [ScanCommandInput, ScanCommandOutput];
  BatchGetItem: [BatchGetItemCommandInput, BatchGetItemCommandOutput];
  BatchWriteItem: [BatchWriteItemCommandInput, BatchWriteItemCommandOutput];
  TransactGetItems: [TransactGetItemsCommandInput, TransactGetItemsCommandOutput];
  TransactWriteItems: [TransactWriteItemsCommandInput, TransactWriteItemsCommandOutput];
}

export type SdkOperation = keyof Operations;
type Options = { abortSignal: AbortSignal };
type Sender<K extends SdkOperation> = (client: DynamoDBClient, input: Operations[K][0], options: Options) => Promise<Operations[K][1]>;

const senders: { [K in SdkOperation]: Sender<K> } = {
  GetItem: (c, i, o) => c.send(new GetItemCommand(i), o),
  PutItem: (c, i, o) => c.send(new PutItemCommand(i), o),
  UpdateItem: (c, i, o) => c.send(new UpdateItemCommand(i), o),
  DeleteItem: (c, i, o) => c.send(new DeleteItemCommand(i), o),
  Query: (c, i, o) => c.send(new QueryCommand(i), o),
  Scan: (c, i, o) => c.send(new ScanCommand(i), o),
  BatchGetItem: (c, i, o) => c.send(new BatchGetItemCommand(i), o),
  BatchWriteItem: (c, i, o) => c.send(new BatchWriteItemCommand(i), o),
  TransactGetItems: (c, i, o) => c.send(new TransactGetItemsCommand(i), o),
  TransactWriteItems: (c, i, o) => c.send(new TransactWriteItemsCommand(i), o),
};

/** `raw` is the SDK exception, for callers that read its extra fields (CancellationReasons...). */
export type SdkOutcome<T> = { ok: true; output: T } | { ok: false; error: DataSourceError; raw: unknown };

// Endpoint resolution is async in the SDK; resolve it once per client, and only for error messages.
const endpoints = new WeakMap<DynamoDBClient, Promise<string | undefined>>();

function endpointOf(client: DynamoDBClient): Promise<string | undefined> {
  let endpoint = endpoints.get(client);
  if (!endpoint) {
    const provider = client.config.endpoint;
    endpoint = (provider ? provider() : Promise.resolve(undefined))
      .then((e) => (e ? `${e.protocol}//${e.hostname}${e.port ? `:${e.port}` : ''}${e.path === '/' ? '' : e.path}` : undefined))
      .catch(() => undefined);
    endpoints.set(client, endpoint);
  }
  return endpoint;
}

function withoutMetadata(output: object): unknown {
  const { $metadata: _metadata, ...rest } = output as { $metadata?: unknown };
  return rest;
}

export async function callDynamoDB<K extends SdkOperation>(
  ctx: ExecutionContext,
  operation: K,
  input: Operations[K][0],
): Promise<SdkOutcome<Operations[K][1]>> {
  const send: Sender<K> = senders[operation];
  const startedAt = Date.now();
  const started = performance.now();
  let outcome: SdkOutcome<Operations[K][1]>;
  try {
    // The signal bounds the call even when the caller's client has no timeouts of its own.
    const output = await send(ctx.client, input, { abortSignal: AbortSignal.timeout(ctx.callTimeoutMs) });
    outcome = { ok: true, output };
  } catch (raw) {
    outcome = { ok: false, error: toDataSourceError(raw, await endpointOf(ctx.client)), raw };
  }
  if (ctx.onCall) {
    try {
      ctx.onCall({
        operation,
        dataSourceOperation: ctx.dataSourceOperation,
        request: input,
        ...(outcome.ok ? { response: withoutMetadata(outcome.output) } : { error: outcome.error }),
        startedAt,
        durationMs: performance.now() - started,
      });
    } catch {
      // Logging must never change the data-source result.
    }
  }
  return outcome;
}
