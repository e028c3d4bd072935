import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { createAppSyncClient } from '../lib/appsync-client';
import { boardLiveness } from '../lib/board-liveness';
import { requiredEnv } from '../lib/env';
import { publishActivity } from '../lib/publish-activity';
import { overduePage } from './overdue-page';
import { jobOf, runDigest, type DigestJob, type DigestResult } from './run-digest';

const dynamodb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const lambda = new LambdaClient({});

/**
 * The daily EventBridge rule's target: digests every board's overdue tasks. Work per invocation
 * is bounded (MAX_TASKS_PER_RUN, and 20 s before the timeout); the rest continues in a new
 * asynchronous invocation of this function with the job's cursor as its event.
 */
export async function handler(event: ScheduledEvent | DigestJob, context: Context): Promise<DigestResult> {
  const tableName = requiredEnv('TABLE_NAME');
  const graphql = createAppSyncClient({ url: requiredEnv('GRAPHQL_URL'), region: requiredEnv('AWS_REGION') });
  const result = await runDigest({
    overduePage: (shard, date, startKey) => overduePage(dynamodb, tableName, shard, date, startKey),
    publish: (activity) => publishActivity(graphql, activity),
    boardIsLive: boardLiveness(dynamodb, tableName),
  }, jobOf(event), {
    maxTasks: Number(process.env.MAX_TASKS_PER_RUN ?? 1000),
    hasTime: () => context.getRemainingTimeInMillis() > 20_000,
  });
  if (result.next) {
    await lambda.send(new InvokeCommand({ FunctionName: context.functionName, InvocationType: 'Event', Payload: JSON.stringify(result.next) }));
  }
  return result;
}
