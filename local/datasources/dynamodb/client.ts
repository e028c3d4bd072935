/**
 * A DynamoDBClient for a local endpoint: dummy credentials (real ones never go to a local
 * database), bounded timeouts and few retries, so a stopped database yields an error in about a
 * second instead of a hang.
 *
 * The connect timeout is generous on purpose: the SDK starts that clock when the request is made,
 * not when it gets one of the agent's 50 sockets, so at 1 s a burst of 1,000 GetItems (one wide
 * query's resolvers) failed hundreds with "did not establish a connection". A stopped database on
 * loopback refuses at once, whatever this timeout.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

export interface LocalDynamoDBClientOptions {
  endpoint: string;
  region?: string;
  /** Time to get a connected socket, queueing for one included (default 10 000 ms). */
  connectionTimeoutMs?: number;
  /** Socket inactivity timeout per attempt (default 5 000 ms). */
  requestTimeoutMs?: number;
  /** Attempts including the first (default 2). */
  maxAttempts?: number;
}

export function createLocalDynamoDBClient(options: LocalDynamoDBClientOptions): DynamoDBClient {
  return new DynamoDBClient({
    endpoint: options.endpoint,
    region: options.region ?? 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: options.maxAttempts ?? 2,
    requestHandler: {
      connectionTimeout: options.connectionTimeoutMs ?? 10_000,
      requestTimeout: options.requestTimeoutMs ?? 5_000,
    },
  });
}
