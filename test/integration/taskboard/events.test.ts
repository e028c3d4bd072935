/**
 * The three event paths, end to end on the local runtime, from the synthesized template:
 * the table's stream → activityStream → publishActivity → onActivity; Cognito sign-up →
 * postConfirmation → profile; the daily rule's target → overdueDigest → digest activity.
 */
import { AdminConfirmSignUpCommand, CognitoIdentityProviderClient, SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import { DescribeTableCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand, type _Record } from '@aws-sdk/client-dynamodb-streams';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toEventRecord } from '../../../local/streams/stream-event';
import { SEED_BOARD_ID, SEED_BOB_BOARD_ID } from '../../../seed/taskboard';
import type { LocalApi } from '../../helpers/local-api';
import { connectRealtime, type RawConnection } from '../../helpers/realtime-client';
import { givenTaskboardApi, SEED_NOW } from '../../helpers/taskboard-api';

let api: LocalApi;
let alice: Record<string, string>;
let lambda: LambdaClient;
let tableName: string;

beforeAll(async () => {
  api = await givenTaskboardApi();
  alice = await api.as('alice');
  const { url, iamCredentials } = api.runtime;
  lambda = new LambdaClient({ endpoint: url, region: 'us-east-1', credentials: { accessKeyId: iamCredentials.accessKeyId, secretAccessKey: iamCredentials.secretAccessKey } });
  tableName = api.runtime.tables[0].tableName;
}, 180_000);
afterAll(async () => {
  lambda?.destroy();
  await api?.close();
});

const fn = (prefix: string) => {
  const found = Object.values(api.runtime.model.lambdas).find((l) => l.logicalId.startsWith(prefix));
  if (!found) throw new Error(`no function ${prefix}* in the template`);
  return found.functionName;
};

const ACTIVITY = 'query Activity($boardId: ID!) { boardActivity(boardId: $boardId, limit: 100) { items { id action targetId summary createdAt actor { id } } } }';
type ActivityItem = { id: string; action: string; targetId: string | null; summary: string; createdAt: string; actor: { id: string } | null };
async function activityOf(boardId: string): Promise<ActivityItem[]> {
  const reply = await api.request(ACTIVITY, { boardId }, alice);
  expect(reply.body.errors).toBeUndefined();
  return (reply.body.data!.boardActivity as { items: ActivityItem[] }).items;
}

const CREATE_TASK = 'mutation Create($input: CreateTaskInput!) { createTask(input: $input) { id title } }';
async function createTask(title: string): Promise<string> {
  const reply = await api.request(CREATE_TASK, { input: { boardId: SEED_BOARD_ID, title } }, alice);
  expect(reply.body.errors).toBeUndefined();
  return (reply.body.data!.createTask as { id: string }).id;
}

describe('DynamoDB stream → activityStream → activity', () => {
  let socket: RawConnection;
  afterAll(async () => socket?.close());

  it('a task change yields one activity and one onActivity event', async () => {
    socket = await connectRealtime(api.runtime.realtimeUrl, { host: new URL(api.runtime.graphqlUrl).host, ...alice });
    socket.send({ type: 'connection_init' });
    await socket.next((f) => f.type === 'connection_ack');
    socket.start('activity', 'subscription On($boardId: ID!) { onActivity(boardId: $boardId) { id action targetId summary actor { id } } }', { boardId: SEED_BOARD_ID },
      { host: new URL(api.runtime.graphqlUrl).host, ...alice });
    await socket.next((f) => f.type === 'start_ack' && f.id === 'activity');

    const taskId = await createTask('Order the launch cake');
    const event = await socket.next((f) => f.type === 'data' && JSON.stringify(f.payload).includes(taskId), 20_000);
    const aliceSub = api.runtime.users.find((u) => u.username === 'alice')!.sub;
    expect((event.payload as { data: { onActivity: unknown } }).data.onActivity).toEqual({
      id: expect.any(String), action: 'TASK_CREATED', targetId: taskId, summary: 'Created task "Order the launch cake"', actor: { id: aliceSub },
    });

    await api.runtime.streams!.settled();
    const recorded = (await activityOf(SEED_BOARD_ID)).filter((a) => a.targetId === taskId);
    expect(recorded).toHaveLength(1);
    expect(socket.frames.filter((f) => f.type === 'data' && JSON.stringify(f.payload).includes(taskId))).toHaveLength(1);
  });

  it('member changes name who made them, where the item says so: an add and a role change, not a removal', async () => {
    const carolSub = api.runtime.users.find((u) => u.username === 'carol')!.sub;
    const aliceSub = api.runtime.users.find((u) => u.username === 'alice')!.sub;
    for (const [call, variables] of [
      ['mutation($b: ID!) { addMember(boardId: $b, email: "carol@example.com", role: VIEWER) { role } }', { b: SEED_BOARD_ID }],
      ['mutation($b: ID!, $u: ID!) { updateMemberRole(boardId: $b, userId: $u, role: EDITOR) { role } }', { b: SEED_BOARD_ID, u: carolSub }],
      ['mutation($b: ID!, $u: ID!) { removeMember(boardId: $b, userId: $u) { removedAt } }', { b: SEED_BOARD_ID, u: carolSub }],
    ] as const) {
      const reply = await api.request(call, variables, alice);
      expect(reply.body.errors, call).toBeUndefined();
    }
    await api.runtime.streams!.settled();
    const changes = (await activityOf(SEED_BOARD_ID)).filter((a) => a.targetId === carolSub).map((a) => ({ action: a.action, actor: a.actor }));
    expect(changes.sort((x, y) => x.action.localeCompare(y.action))).toEqual([
      { action: 'MEMBER_ADDED', actor: { id: aliceSub } },
      { action: 'MEMBER_REMOVED', actor: null },
      { action: 'MEMBER_ROLE_CHANGED', actor: { id: aliceSub } },
    ]);
  });

  it('seed data is not replayed as activity: the stream starts after it', async () => {
    await api.runtime.streams!.settled();
    expect((await activityOf(SEED_BOB_BOARD_ID)).filter((a) => a.action === 'TASK_CREATED')).toEqual([]);
  });

  it('a replayed stream batch yields no duplicates', async () => {
    const taskId = await createTask('Book the venue');
    await api.runtime.streams!.settled();
    const before = await activityOf(SEED_BOARD_ID);
    expect(before.filter((a) => a.targetId === taskId)).toHaveLength(1);

    // This task's records again, as Lambda delivers them, twice (a retry after a timeout, say).
    const records = (await allStreamRecords())
      .filter((r) => r.dynamodb?.Keys?.sk?.S === `TASK#${taskId}`)
      .map((r) => toEventRecord(r, { region: 'us-east-1', eventSourceArn: 'arn:aws:dynamodb:us-east-1:000000000000:table/replay' }));
    expect(records.map((r) => r.eventName)).toEqual(['INSERT']);
    for (let i = 0; i < 2; i += 1) {
      const out = await lambda.send(new InvokeCommand({ FunctionName: fn('ActivityStream'), Payload: JSON.stringify({ Records: records }) }));
      expect(out.FunctionError).toBeUndefined();
      expect(JSON.parse(Buffer.from(out.Payload!).toString())).toEqual({ batchItemFailures: [] });
    }
    const after = await activityOf(SEED_BOARD_ID);
    expect(after.map((a) => a.id).sort()).toEqual(before.map((a) => a.id).sort());
  });

  it('a poisoned record lands in the failure queue without blocking the records after it', async () => {
    // A task item no resolver would write (no title, no status): the function cannot describe it.
    await api.runtime.client.send(new PutItemCommand({ TableName: tableName, Item: marshall({ pk: `BOARD#${SEED_BOARD_ID}`, sk: 'TASK#poison', type: 'Task', id: 'poison', boardId: SEED_BOARD_ID }) }));
    const after = await createTask('Print the flyers');
    await api.runtime.streams!.settled(60_000);
    const [mapping] = api.runtime.streams!.mappings;
    expect(mapping.counters).toMatchObject({ failedBatches: 1, failedRecords: 1 });

    expect((await activityOf(SEED_BOARD_ID)).filter((a) => a.targetId === after)).toHaveLength(1);
    const sqs = new SQSClient({ endpoint: api.runtime.sqs!.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    try {
      const queueUrl = Object.entries(api.runtime.sqs!.queueUrls).find(([logicalId]) => logicalId.startsWith('ActivityStreamFailedBatches'))![1];
      const received = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
      expect(received.Messages).toHaveLength(1);
      const failure = JSON.parse(received.Messages![0].Body!) as { requestContext: { condition: string }; DDBStreamBatchInfo: { batchSize: number; startSequenceNumber: string; endSequenceNumber: string } };
      expect(failure.requestContext.condition).toBe('RetryAttemptsExhausted');
      // Bisection isolated the poisoned record: a batch of one.
      expect(failure.DDBStreamBatchInfo.batchSize).toBe(1);
      expect(failure.DDBStreamBatchInfo.startSequenceNumber).toBe(failure.DDBStreamBatchInfo.endSequenceNumber);
      await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: received.Messages![0].ReceiptHandle! }));
    } finally {
      sqs.destroy();
    }
  }, 120_000);

  it('deleting a task deletes its comments, and records no activity for them', async () => {
    const taskId = await createTask('Say something');
    const comment = await api.request('mutation C($input: AddCommentInput!) { addComment(input: $input) { id } }', { input: { boardId: SEED_BOARD_ID, taskId, body: 'hello' } }, alice);
    expect(comment.body.errors).toBeUndefined();
    const deleted = await api.request('mutation D($boardId: ID!, $id: ID!) { deleteTask(boardId: $boardId, id: $id) { id } }', { boardId: SEED_BOARD_ID, id: taskId }, alice);
    expect(deleted.body.errors).toBeUndefined();
    await api.runtime.streams!.settled();
    const commentId = (comment.body.data!.addComment as { id: string }).id;
    const doc = DynamoDBDocumentClient.from(api.runtime.client);
    expect((await doc.send(new GetCommand({ TableName: tableName, Key: { pk: `TASK#${SEED_BOARD_ID}#${taskId}`, sk: `COMMENT#${commentId}` }, ConsistentRead: true }))).Item).toBeUndefined();
    expect((await activityOf(SEED_BOARD_ID)).filter((a) => a.targetId === taskId).map((a) => a.action).sort()).toEqual(['COMMENT_ADDED', 'TASK_CREATED', 'TASK_DELETED']);
  });
  it('deleting a board leaves nothing behind: the stream records no activity for a board being deleted', async () => {
    const created = await api.request('mutation B($input: CreateBoardInput!) { createBoard(input: $input) { id } }', { input: { name: 'Short-lived' } }, alice);
    const boardId = (created.body.data!.createBoard as { id: string }).id;
    for (const title of ['one', 'two', 'three']) {
      const task = await api.request(CREATE_TASK, { input: { boardId, title } }, alice);
      expect(task.body.errors).toBeUndefined();
    }
    await api.runtime.streams!.settled();
    expect((await activityOf(boardId)).map((a) => a.action).sort()).toEqual(['BOARD_CREATED', 'MEMBER_ADDED', 'TASK_CREATED', 'TASK_CREATED', 'TASK_CREATED']);

    const deleted = await api.request('mutation D($id: ID!) { deleteBoard(id: $id) { itemsDeleted } }', { id: boardId }, alice);
    expect(deleted.body.errors).toBeUndefined();
    await api.runtime.streams!.settled();
    const doc = DynamoDBDocumentClient.from(api.runtime.client);
    for (const pk of [`BOARD#${boardId}`, `BOARD#${boardId}#ACTIVITY`]) {
      const left = await doc.send(new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk }, ConsistentRead: true }));
      expect(left.Items, pk).toEqual([]);
    }
  });
});

describe('Cognito post-confirmation → postConfirmation → profile', () => {
  it('sign-up and confirmation create the profile, before any call to me', async () => {
    const pool = api.runtime.cognito!.pools[0];
    const cognito = new CognitoIdentityProviderClient({ endpoint: api.runtime.cognito!.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    try {
      const signUp = await cognito.send(new SignUpCommand({
        ClientId: pool.clients[0].id, Username: 'dana@example.com', Password: 'Passw0rd!dana-x',
        UserAttributes: [{ Name: 'email', Value: 'dana@example.com' }, { Name: 'name', Value: 'Dana' }],
      }));
      await cognito.send(new AdminConfirmSignUpCommand({ UserPoolId: pool.id, Username: 'dana@example.com' }));
      const doc = DynamoDBDocumentClient.from(api.runtime.client);
      const profile = await doc.send(new GetCommand({ TableName: tableName, Key: { pk: `USER#${signUp.UserSub}`, sk: 'PROFILE' }, ConsistentRead: true }));
      expect(profile.Item).toMatchObject({ type: 'User', id: signUp.UserSub, email: 'dana@example.com', displayName: 'Dana' });
    } finally {
      cognito.destroy();
    }
  });
});

describe('EventBridge rule → overdueDigest → digest activity', () => {
  it('the daily rule targets overdueDigest', () => {
    const rules = api.runtime.schedules.list();
    expect(rules).toEqual([expect.objectContaining({ scheduleExpression: 'cron(0 6 * * ? *)', state: 'ENABLED', targets: [expect.objectContaining({ functionName: fn('OverdueDigest') })] })]);
    // Off unless `npm start -- --schedules`: the next run is still computed.
    expect(api.runtime.schedules.running).toBe(false);
    expect(rules[0].nextRun).toMatch(/T06:00:00\.000Z$/);
  });

  it('the digest finds exactly the overdue tasks of the seeded boards', async () => {
    const event = { version: '0', id: 'e1', 'detail-type': 'Scheduled Event', source: 'aws.events', account: '000000000000', time: SEED_NOW.toISOString(), region: 'us-east-1', resources: [], detail: {} };
    const out = await lambda.send(new InvokeCommand({ FunctionName: fn('OverdueDigest'), Payload: JSON.stringify(event) }));
    expect(out.FunctionError).toBeUndefined();
    expect(JSON.parse(Buffer.from(out.Payload!).toString())).toMatchObject({ boards: 1, tasks: 1, next: null });
    const digests = (await activityOf(SEED_BOARD_ID)).filter((a) => a.action === 'OVERDUE_DIGEST');
    const aliceSub = api.runtime.users.find((u) => u.username === 'alice')!.sub;
    expect(digests.map((d) => ({ targetId: d.targetId, summary: d.summary, actor: d.actor })).sort((a, b) => String(a.targetId).localeCompare(String(b.targetId)))).toEqual([
      { targetId: aliceSub, summary: '1 task assigned to this member overdue: "Set up analytics" (due 2026-11-29)', actor: null },
      { targetId: null, summary: '1 task overdue: "Set up analytics" (due 2026-11-29)', actor: null },
    ].sort((a, b) => String(a.targetId).localeCompare(String(b.targetId))));
    expect((await activityOf(SEED_BOB_BOARD_ID)).filter((a) => a.action === 'OVERDUE_DIGEST')).toEqual([]);
  });
});

/** Every record of the table's stream so far, read with the real Streams client. */
async function allStreamRecords(): Promise<_Record[]> {
  const table = await api.runtime.client.send(new DescribeTableCommand({ TableName: tableName }));
  const streams = new DynamoDBStreamsClient({ endpoint: api.runtime.dynamodb.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  try {
    const stream = await streams.send(new DescribeStreamCommand({ StreamArn: table.Table!.LatestStreamArn! }));
    const records: _Record[] = [];
    for (const shard of stream.StreamDescription!.Shards ?? []) {
      let iterator = (await streams.send(new GetShardIteratorCommand({ StreamArn: table.Table!.LatestStreamArn!, ShardId: shard.ShardId!, ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator;
      while (iterator) {
        const page = await streams.send(new GetRecordsCommand({ ShardIterator: iterator }));
        records.push(...(page.Records ?? []));
        if ((page.Records ?? []).length === 0) break;
        iterator = page.NextShardIterator;
      }
    }
    return records;
  } finally {
    streams.destroy();
  }
}
