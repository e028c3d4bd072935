import { BatchWriteCommand, type BatchWriteCommandInput, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export type ItemKey = { pk: string; sk: string };

/** BatchWriteItem takes at most 25 requests. */
export const BATCH_SIZE = 25;

export interface BatchDeleterOptions {
  dynamodb: DynamoDBDocumentClient;
  tableName: string;
  /** Attempts per batch, the first included, before giving up (default 8). */
  maxAttempts?: number;
  /** Waits between attempts (tests pass a fake). */
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Deletes keys in BatchWriteItem calls of up to 25, in the order given: `flush()` returns once
 * every key handed in so far is deleted. Unprocessed items (throttling) are retried with
 * exponential backoff and jitter; when they are still unprocessed after `maxAttempts`, it
 * throws, and the caller's retry (deleteBoard is idempotent) finishes the job.
 */
export class BatchDeleter {
  /** Keys whose deletion DynamoDB confirmed. */
  deleted = 0;
  private pending: ItemKey[] = [];
  private readonly maxAttempts: number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: BatchDeleterOptions) {
    this.maxAttempts = options.maxAttempts ?? 8;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  async delete(key: ItemKey): Promise<void> {
    this.pending.push({ pk: key.pk, sk: key.sk });
    if (this.pending.length >= BATCH_SIZE) await this.flush();
  }

  async flush(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, BATCH_SIZE);
      await this.write(batch);
      this.deleted += batch.length;
    }
  }

  private async write(keys: ItemKey[]): Promise<void> {
    const table = this.options.tableName;
    let requests: NonNullable<BatchWriteCommandInput['RequestItems']>[string] = keys.map((Key) => ({ DeleteRequest: { Key } }));
    for (let attempt = 1; requests.length > 0; attempt += 1) {
      if (attempt > this.maxAttempts) {
        throw new Error(`${requests.length} deletions were still unprocessed after ${this.maxAttempts} attempts; call deleteBoard again to finish`);
      }
      if (attempt > 1) await this.sleep(backoffMs(attempt));
      const out = await this.options.dynamodb.send(new BatchWriteCommand({ RequestItems: { [table]: requests } }));
      requests = out.UnprocessedItems?.[table] ?? [];
    }
  }
}

/** Full-jitter exponential backoff: up to 50 ms, 100 ms, 200 ms… capped at 2 s. */
function backoffMs(attempt: number): number {
  return Math.random() * Math.min(2000, 25 * 2 ** (attempt - 1));
}
