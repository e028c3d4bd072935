import { QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { BoardDeletion } from '../../generated/graphql';
import { activityPk, boardKey, boardPk, commentPk, memberKey, TASK_SK_PREFIX } from '../../resolvers/lib/keys';
import { BatchDeleter, type BatchDeleterOptions, type ItemKey } from '../lib/batch-deleter';

export type CascadeOptions = BatchDeleterOptions;

/**
 * Deletes a board and everything that belongs to it (docs/data-model.md):
 *
 * 0. marks the meta item `deletingAt`, so that the activity stream function records no activity
 *    for the deletions that follow (it would refill the activity partition emptied in step 1);
 * 1. the activity partition (`BOARD#<boardId>#ACTIVITY`);
 * 2. the board partition (`BOARD#<boardId>`) page by page: first the comment partition of each
 *    task on the page (`TASK#<boardId>#<taskId>`), then the page's items: tasks, memberships
 *    (each is also the member's gsi1 "my boards" entry, so those go with it), all but the two
 *    items of step 3;
 * 3. LAST, in one transaction, the meta item and the caller's membership.
 *
 * Deletions are BatchWriteItem calls of 25, in that order, so an interruption at any point
 * leaves a state that a second call completes: a task outlives its comments (the next call
 * finds them from the task again), and the meta and the caller's OWNER membership outlive
 * everything (the caller passes the OWNER check again). Steps 1–2 run once more after step 3,
 * for items written meanwhile (new writes need the meta). Every read is a Query of a known
 * partition, never a Scan.
 */
export async function deleteBoard(options: CascadeOptions, boardId: string, callerId: string): Promise<BoardDeletion> {
  const keep = [boardKey(boardId), memberKey(boardId, callerId)];
  await markDeleting(options, boardId);
  const first = await sweep(options, boardId, keep);
  const last = await deleteLast(options, keep, first.kept);
  const again = await sweep(options, boardId, keep);
  return { boardId, itemsDeleted: first.deleted + last + again.deleted };
}

/** Step 0; a board whose meta is already gone (an earlier run finished step 3) needs no mark. */
async function markDeleting(options: CascadeOptions, boardId: string): Promise<void> {
  try {
    await options.dynamodb.send(new UpdateCommand({
      TableName: options.tableName, Key: boardKey(boardId),
      UpdateExpression: 'SET deletingAt = if_not_exists(deletingAt, :now)', ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':now': new Date().toISOString() },
    }));
  } catch (error) {
    if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
  }
}

/** Steps 1–2; `kept` counts the items of `keep` it saw (and left). */
async function sweep(options: CascadeOptions, boardId: string, keep: ItemKey[]): Promise<{ deleted: number; kept: number }> {
  const deleter = new BatchDeleter(options);
  for await (const page of partitionPages(options, activityPk(boardId))) {
    for (const item of page) await deleter.delete(item);
  }
  let kept = 0;
  for await (const page of partitionPages(options, boardPk(boardId))) {
    for (const task of page.filter((item) => item.sk.startsWith(TASK_SK_PREFIX))) {
      const taskId = task.sk.slice(TASK_SK_PREFIX.length);
      for await (const comments of partitionPages(options, commentPk(boardId, taskId))) {
        for (const comment of comments) await deleter.delete(comment);
      }
    }
    // This page's tasks go only once their comments are gone.
    await deleter.flush();
    for (const item of page) {
      if (keep.some((k) => k.pk === item.pk && k.sk === item.sk)) kept += 1;
      else await deleter.delete(item);
    }
  }
  await deleter.flush();
  return { deleted: deleter.deleted, kept };
}

/** Step 4: the meta item and the caller's membership, together. */
async function deleteLast(options: CascadeOptions, keep: ItemKey[], found: number): Promise<number> {
  if (found === 0) return 0;
  await options.dynamodb.send(new TransactWriteCommand({
    TransactItems: keep.map((Key) => ({ Delete: { TableName: options.tableName, Key } })),
  }));
  return found;
}

/** The keys of a partition, a page (up to 1 MB of items) at a time. */
async function* partitionPages(options: CascadeOptions, pk: string): AsyncGenerator<ItemKey[]> {
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await options.dynamodb.send(new QueryCommand({
      TableName: options.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': pk },
      ProjectionExpression: 'pk, sk',
      ConsistentRead: true,
      ExclusiveStartKey: startKey,
    }));
    yield (page.Items ?? []) as ItemKey[];
    startKey = page.LastEvaluatedKey;
  } while (startKey);
}
