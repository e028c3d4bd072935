import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { INDEX, TASK_SK_PREFIX, boardPk } from '../../resolvers/lib/keys';
import type { TaskForStats } from './stats';

/** Every task of a board, page by page, from the board's ordering index (never a Scan). */
export async function* boardTasks(client: DynamoDBDocumentClient, tableName: string, boardId: string): AsyncGenerator<TaskForStats> {
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(new QueryCommand({
      TableName: tableName,
      IndexName: INDEX.boardOrder,
      KeyConditionExpression: 'pk = :pk AND begins_with(lsi1sk, :prefix)',
      ExpressionAttributeValues: { ':pk': boardPk(boardId), ':prefix': TASK_SK_PREFIX },
      ProjectionExpression: '#status, assigneeId, dueDate, completedAt',
      ExpressionAttributeNames: { '#status': 'status' },
      ExclusiveStartKey: startKey,
    }));
    for (const item of page.Items ?? []) yield item as TaskForStats;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
}
