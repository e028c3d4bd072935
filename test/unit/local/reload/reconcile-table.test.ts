/**
 * A table definition that changed under a running API (hot reload), against DynamoDB Local: a new
 * table is created, a new global secondary index and a newly declared stream are added in place
 * with the data kept, and what DynamoDB cannot change in place is reported instead.
 */
import { randomBytes } from 'node:crypto';
import { DeleteTableCommand, DescribeTableCommand, GetItemCommand, PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalDynamoDBClient } from '../../../../local/datasources/dynamodb';
import { startDynamoDBLocal, type DynamoDBLocal } from '../../../../local/dynamodb/dynamodb-local';
import { reconcileTable, type CfnTableProperties } from '../../../../local/dynamodb/tables';

// A DynamoDB Local of its own: on the run's shared one, busy with every suite's tables and
// streams, an index added by UpdateTable was seen to stay CREATING for minutes.
let dynamodb: DynamoDBLocal;
let client: DynamoDBClient;
const tableName = `reconcile-${randomBytes(4).toString('hex')}`;
beforeAll(async () => {
  dynamodb = await startDynamoDBLocal({ env: {} });
  client = createLocalDynamoDBClient({ endpoint: dynamodb.endpoint, region: 'us-east-1' });
}, 120_000);
afterAll(async () => {
  await client?.send(new DeleteTableCommand({ TableName: tableName })).catch(() => undefined);
  client?.destroy();
  await dynamodb?.stop();
});

const v1: CfnTableProperties = {
  BillingMode: 'PAY_PER_REQUEST',
  KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
  AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
};
const v2: CfnTableProperties = {
  ...v1,
  AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'owner', AttributeType: 'S' }],
  GlobalSecondaryIndexes: [{ IndexName: 'byOwner', KeySchema: [{ AttributeName: 'owner', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } }],
  StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
};

// DynamoDB Local backfills an added index slowly on a busy machine.
describe('reconcileTable', { timeout: 150_000 }, () => {
  it('creates a missing table', async () => {
    expect(await reconcileTable(client, { tableName, properties: v1 })).toEqual({ tableName, created: true, addedIndexes: [], streamEnabled: false, notApplied: [] });
    await client.send(new PutItemCommand({ TableName: tableName, Item: { pk: { S: 'a' }, owner: { S: 'amy' } } }));
  });

  it('adds a new index and stream to the existing table, keeping its items', async () => {
    expect(await reconcileTable(client, { tableName, properties: v2 })).toEqual({ tableName, created: false, addedIndexes: ['byOwner'], streamEnabled: true, notApplied: [] });
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    expect(Table?.GlobalSecondaryIndexes?.map((i) => i.IndexName)).toEqual(['byOwner']);
    expect(Table?.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' });
    expect((await client.send(new GetItemCommand({ TableName: tableName, Key: { pk: { S: 'a' } } }))).Item?.owner).toEqual({ S: 'amy' });
    const byOwner = await client.send(new QueryCommand({ TableName: tableName, IndexName: 'byOwner', KeyConditionExpression: '#o = :o', ExpressionAttributeNames: { '#o': 'owner' }, ExpressionAttributeValues: { ':o': { S: 'amy' } } }));
    expect(byOwner.Items?.map((i) => i.pk.S)).toEqual(['a']);
    // Nothing left to do the second time.
    expect(await reconcileTable(client, { tableName, properties: v2 })).toEqual({ tableName, created: false, addedIndexes: [], streamEnabled: false, notApplied: [] });
  });

  it('reports what it cannot change in place', async () => {
    const changed: CfnTableProperties = {
      ...v1,
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'sk', AttributeType: 'S' }],
      StreamSpecification: { StreamViewType: 'KEYS_ONLY' },
    };
    expect((await reconcileTable(client, { tableName, properties: changed })).notApplied).toEqual([
      'key schema changed', 'index byOwner is no longer declared (kept)', 'stream view type changed to KEYS_ONLY',
    ]);
  });
});
