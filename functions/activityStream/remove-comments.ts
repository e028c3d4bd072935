import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { commentPk } from '../../resolvers/lib/keys';
import { BatchDeleter, type ItemKey } from '../lib/batch-deleter';

/** Deletes every comment of a deleted task (its own partition), in batches of 25. Idempotent. */
export async function removeComments(dynamodb: DynamoDBDocumentClient, tableName: string, boardId: string, taskId: string): Promise<number> {
  const deleter = new BatchDeleter({ dynamodb, tableName });
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamodb.send(new QueryCommand({
      TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': commentPk(boardId, taskId) },
      ProjectionExpression: 'pk, sk', ExclusiveStartKey: startKey,
    }));
    for (const key of (page.Items ?? []) as ItemKey[]) await deleter.delete(key);
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  await deleter.flush();
  return deleter.deleted;
}
