import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dueShardPk, INDEX } from '../../resolvers/lib/keys';
import type { DueTask } from './digest';
import type { PageKey } from './run-digest';

const PAGE_SIZE = 200;

/**
 * One page of a shard of the sparse open-due index: only open tasks with a due date are in it,
 * grouped by board; the filter keeps those due before `date` (the rest of the page is read but
 * not returned: the index holds open dated tasks only, so that waste stays small).
 */
export async function overduePage(dynamodb: DynamoDBDocumentClient, tableName: string, shard: number, date: string, startKey: PageKey | undefined) {
  const page = await dynamodb.send(new QueryCommand({
    TableName: tableName, IndexName: INDEX.openDueTasks,
    KeyConditionExpression: 'gsi3pk = :shard',
    FilterExpression: 'dueDate < :date',
    ExpressionAttributeValues: { ':shard': dueShardPk(shard), ':date': date },
    ExclusiveStartKey: startKey, Limit: PAGE_SIZE,
  }));
  return { tasks: (page.Items ?? []) as Array<DueTask & PageKey>, lastKey: page.LastEvaluatedKey };
}
