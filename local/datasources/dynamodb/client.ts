/**
 * A DynamoDBClient for a local endpoint: dummy credentials (real ones never go to a local
 * database), short timeouts and few retries, so a stopped database yields an error in about a
 * second instead of a hang.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

export interface LocalDynamoDBClientOptions {
  endpoint: string;
  region?: string;
  /** TCP connect timeout (default 1 000 ms). */
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
      connectionTimeout: options.connectionTimeoutMs ?? 1_000,
      requestTimeout: options.requestTimeoutMs ?? 5_000,
    },
  });
}
