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
  /** Whether the task still exists (consistent read). */
  taskExists(boardId: string, taskId: string): Promise<boolean>;
  log?: (line: string) => void;
}

/**
 * Handles a batch in stream order. At the first record that fails, it stops and reports that
 * record's sequence number (ReportBatchItemFailures): Lambda checkpoints everything before it
 * and retries from it. When the failing record is the batch's first, there is nothing to
 * checkpoint: it throws instead, so that Lambda bisects the batch (BisectBatchOnFunctionError)
 * until the record is alone and only it ends in the failure queue. Records after a failure are
 * retried too, so every step here is idempotent.
 */
export async function processRecords(records: DynamoDBRecord[], deps: StreamDeps): Promise<DynamoDBBatchResponse> {
  for (const [index, record] of records.entries()) {
    try {
      await processRecord(record, deps);
    } catch (error) {
      deps.log?.(`activityStream: record ${record.eventID} failed: ${(error as Error).message}`);
      if (index === 0) throw error;
      return { batchItemFailures: [{ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' }] };
    }
  }
  return { batchItemFailures: [] };
}

async function processRecord(record: DynamoDBRecord, deps: StreamDeps): Promise<void> {
  const change = describeChange(record);
  if (!change) return;
  // Comments go even when the board is being deleted: the cascade may have passed this task already.
  if (change.deletedTaskId) await deps.removeComments(change.boardId, change.deletedTaskId);
  if (!(await deps.boardIsLive(change.boardId))) return;
  if (change.onlyIfTaskExists && !(await deps.taskExists(change.boardId, change.onlyIfTaskExists))) return;
  await deps.publish(change.activity);
}
