/**
 * The template's DynamoDB stream → Lambda event source mappings, run against DynamoDB Local with
 * the real DynamoDB Streams API and the local Lambda runner. Failure records go to the template's
 * queues in local SQS. `settled()` lets tests and tools wait until what was written is handled.
 */
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { LocalApiModel } from '../assembly/load-api';
import type { LambdaRunner } from '../lambda/runner';
import type { LogLevel } from '../server/request-log';
import type { SqsLocal } from '../sqs/sqs-local';
import { StreamMapping, type StreamMappingStatus } from './stream-mapping';

export type { StreamMappingCounters, StreamMappingStatus } from './stream-mapping';

export interface StartStreamsOptions {
  model: LocalApiModel;
  dynamodb: DynamoDBClient;
  dynamodbEndpoint: string;
  region: string;
  runner: LambdaRunner;
  sqs?: SqsLocal;
  /** Tables this start created: their mappings honour StartingPosition; older tables are read from LATEST. */
  createdTables: ReadonlySet<string>;
  /** How often an idle shard is polled (default 250 ms, as Lambda polls a shard four times a second). */
  pollIntervalMs?: number;
  log: (line: string) => void;
  logLevel?: LogLevel;
}

export interface LocalStreams {
  /** One per mapping of the template, with live counters. */
  readonly mappings: StreamMappingStatus[];
  /**
   * Resolves once every record written to a mapped stream before this call has been handled
   * (delivered, or discarded to the failure destination). Rejects after `timeoutMs` (default
   * 10 000) naming what is still open, or at once if a shard cannot be read.
   */
  settled(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

const SEVERITY: Record<'ERROR' | 'INFO' | 'DEBUG', number> = { ERROR: 1, INFO: 2, DEBUG: 3 };
const LEVEL_SEVERITY: Record<LogLevel, number> = { NONE: 0, ERROR: 1, INFO: 2, DEBUG: 3, ALL: 3 };

export async function startStreams(options: StartStreamsOptions): Promise<LocalStreams> {
  const { model, region, runner } = options;
  const abort = new AbortController();
  const streams = new DynamoDBStreamsClient({
    endpoint: options.dynamodbEndpoint, region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 2, requestHandler: { connectionTimeout: 1_000, requestTimeout: 5_000 },
  });
  const threshold = LEVEL_SEVERITY[options.logLevel ?? 'INFO'];
  const stopped = new Promise<'stopped'>((resolve) => abort.signal.addEventListener('abort', () => resolve('stopped')));
  const mappings = model.eventSourceMappings.map((mapping) => {
    const fn = model.lambdas[mapping.functionLogicalId];
    const prefix = `stream ${mapping.functionName} ← ${mapping.tableName}:`;
    return new StreamMapping(mapping, {
      dynamodb: options.dynamodb, streams, region, pollIntervalMs: options.pollIntervalMs ?? 250,
      startFromTemplate: options.createdTables.has(mapping.tableName), signal: abort.signal,
      report: (level, line) => { if (SEVERITY[level] <= threshold) options.log(`${prefix} ${line}`); },
      invoke: async (records) => {
        const started = performance.now();
        // After stop the runner is shut down: the invocation's outcome no longer matters.
        const outcome = await Promise.race([runner.invoke({ ...fn, region }, { Records: records }), stopped]);
        if (outcome === 'stopped') return outcome;
        const durationMs = performance.now() - started;
        return outcome.ok
          ? { ok: true, requestId: outcome.requestId, payload: outcome.payload, logs: outcome.logs, durationMs }
          : { ok: false, requestId: outcome.requestId, errorType: outcome.error.errorType, errorMessage: outcome.error.errorMessage, logs: outcome.logs, durationMs };
      },
      sendFailure: async (record) => {
        const destination = mapping.onFailure;
        if (!destination) return 'no on-failure destination';
        const url = destination.queueLogicalId ? options.sqs?.queueUrls[destination.queueLogicalId] : undefined;
        if (!url || !options.sqs) return `${destination.destinationArn} is not served locally; record: ${JSON.stringify(record)}`;
        await options.sqs.sendMessage(url, JSON.stringify(record));
        return url;
      },
    });
  });
  await Promise.all(mappings.map((m) => m.start()));

  return {
    mappings: mappings.map((m) => m.status),
    async settled(timeoutMs = 10_000) {
      const since = performance.now();
      const deadline = since + timeoutMs;
      for (const m of mappings) m.poke();
      for (;;) {
        const errors = mappings.flatMap((m) => m.errors.map((e) => `${m.mapping.logicalId}: ${e}`));
        if (errors.length > 0) throw new Error(`Streams cannot settle: ${errors.join('; ')}`);
        if (mappings.every((m) => m.settledSince(since))) return;
        if (performance.now() > deadline) {
          const open = mappings.flatMap((m) => m.pending(since).map((p) => `${m.mapping.logicalId} ${p}`));
          throw new Error(`Streams did not settle within ${timeoutMs} ms: still open ${open.join(', ')}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    async stop() {
      abort.abort();
      await Promise.all(mappings.map((m) => m.stopped()));
      streams.destroy();
    },
  };
}
