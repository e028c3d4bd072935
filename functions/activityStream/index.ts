import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { createAppSyncClient } from '../lib/appsync-client';
import { taskKey } from '../../resolvers/lib/keys';
import { requiredEnv } from '../lib/env';
import { publishActivity } from '../lib/publish-activity';
import { boardLiveness } from '../lib/board-liveness';
import { processRecords } from './process-records';
import { removeComments } from './remove-comments';

const dynamodb = DynamoDBDocumentClient.from(new DynamoDBClient({}));

/** The table's stream (event source mapping, ReportBatchItemFailures): task, comment, member and board changes → activity. */
export async function handler(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  const tableName = requiredEnv('TABLE_NAME');
  const graphql = createAppSyncClient({ url: requiredEnv('GRAPHQL_URL'), region: requiredEnv('AWS_REGION') });
  return processRecords(event.Records, {
    publish: (activity) => publishActivity(graphql, activity),
    boardIsLive: boardLiveness(dynamodb, tableName),
    removeComments: (boardId, taskId) => removeComments(dynamodb, tableName, boardId, taskId),
    taskExists: async (boardId, taskId) => (await dynamodb.send(new GetCommand({
      TableName: tableName, Key: taskKey(boardId, taskId), ConsistentRead: true, ProjectionExpression: 'pk',
    }))).Item !== undefined,
    log: (line) => console.error(line),
  });
}
