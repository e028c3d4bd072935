import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type BoardStatsResult, computeBoardStats, type TaskForStats } from './stats';
import { boardTasks } from './tasks';

const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));

/** Invoked by the Query.boardStats pipeline after the membership check. */
export async function handler(event: { boardId: string }): Promise<BoardStatsResult> {
  const tasks: TaskForStats[] = [];
  for await (const task of boardTasks(client, requiredEnv('TABLE_NAME'), event.boardId)) tasks.push(task);
  return computeBoardStats(event.boardId, tasks, new Date());
}

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}
