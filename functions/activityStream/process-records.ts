import type { DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda';
import type { PublishActivityInput } from '../../generated/graphql';
import { describeChange } from './describe-change';

export interface StreamDeps {
  /** Records the activity (publishActivity over IAM); must be idempotent on the activity's id and createdAt. */
  publish(activity: PublishActivityInput): Promise<unknown>;
  /** Whether the board still takes activity (not deleted, not being deleted). */
  boardIsLive(boardId: string): Promise<boolean>;
  /** Deletes a deleted task's comments. */
  removeComments(boardId: string, taskId: string): Promise<unknown>;
  log?: (line: string) => void;
}

/**
 * Handles a batch in stream order. At the first record that fails, it stops and reports that
 * record's sequence number (ReportBatchItemFailures): Lambda checkpoints everything before it
 * and retries from it, bisecting and finally sending it to the failure queue if it keeps
 * failing. Records after it are retried too, so every step here is idempotent.
 */
export async function processRecords(records: DynamoDBRecord[], deps: StreamDeps): Promise<DynamoDBBatchResponse> {
  for (const record of records) {
    try {
      const change = describeChange(record);
      if (!change) continue;
      // Comments go even when the board is being deleted: the cascade may have passed this task already.
      if (change.deletedTaskId) await deps.removeComments(change.boardId, change.deletedTaskId);
      if (!(await deps.boardIsLive(change.boardId))) continue;
      await deps.publish(change.activity);
    } catch (error) {
      deps.log?.(`activityStream: record ${record.eventID} failed: ${(error as Error).message}`);
      return { batchItemFailures: [{ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' }] };
    }
  }
  return { batchItemFailures: [] };
}
