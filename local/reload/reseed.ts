/**
 * Replacing a running API's data with a seed module's (`npm run seed`): the module's users are
 * made sure of in local Cognito (existing ones are kept as they are, with their subs), every
 * table of the API is emptied, then the module's items are written.
 */
import { BatchWriteItemCommand, DescribeTableCommand, ScanCommand, type AttributeValue, type DynamoDBClient, type WriteRequest } from '@aws-sdk/client-dynamodb';
import { AdminGetUserCommand, UserNotFoundException, type CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { seedUsers, type LocalUserPool, type SeededUser } from '../cognito/cognito-local';
import type { SeedUser } from '../seed/seed';

/** The seed users, created in `pool` when missing; existing users keep their password, groups and sub. */
export async function ensureSeedUsers(client: CognitoIdentityProviderClient, pool: LocalUserPool, users: SeedUser[]): Promise<{ users: SeededUser[]; created: string[] }> {
  const out: SeededUser[] = [];
  const created: string[] = [];
  for (const user of users) {
    let sub: string | undefined;
    try {
      const got = await client.send(new AdminGetUserCommand({ UserPoolId: pool.id, Username: user.email }));
      sub = got.UserAttributes?.find((a) => a.Name === 'sub')?.Value;
    } catch (error) {
      if (!(error instanceof UserNotFoundException) && (error as Error).name !== 'UserNotFoundException') throw error;
    }
    if (sub) {
      out.push({ username: user.username, email: user.email, password: user.password, groups: user.groups ?? [], sub, userPoolId: pool.id });
    } else {
      out.push(...(await seedUsers(client, pool, [user])));
      created.push(user.username);
    }
  }
  return { users: out, created };
}

/** Deletes every item of a table (Scan of the key attributes, BatchWriteItem deletes); returns how many. */
export async function clearTable(client: DynamoDBClient, tableName: string): Promise<number> {
  const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
  const keyNames = (Table?.KeySchema ?? []).map((k) => k.AttributeName!);
  const names = Object.fromEntries(keyNames.map((name, i) => [`#k${i}`, name]));
  let deleted = 0;
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(new ScanCommand({
      TableName: tableName, ExclusiveStartKey: start, ProjectionExpression: Object.keys(names).join(', '), ExpressionAttributeNames: names,
    }));
    const keys = page.Items ?? [];
    for (let i = 0; i < keys.length; i += 25) await deleteBatch(client, tableName, keys.slice(i, i + 25));
    deleted += keys.length;
    start = page.LastEvaluatedKey;
  } while (start);
  return deleted;
}

async function deleteBatch(client: DynamoDBClient, tableName: string, keys: Array<Record<string, AttributeValue>>): Promise<void> {
  let request: Record<string, WriteRequest[]> = { [tableName]: keys.map((Key) => ({ DeleteRequest: { Key } })) };
  for (let attempt = 0; Object.keys(request).length > 0; attempt++) {
    if (attempt > 10) throw new Error(`DynamoDB kept leaving deletes in ${tableName} unprocessed`);
    const out = await client.send(new BatchWriteItemCommand({ RequestItems: request }));
    request = out.UnprocessedItems ?? {};
  }
}
