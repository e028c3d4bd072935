/**
 * Local SQS (local-aws-sqs, in process): the template's queues are created with their attributes,
 * and the real SDK v3 client (AWS JSON 1.0 protocol) sends, receives and deletes on them.
 */
import { DeleteMessageCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queueAttributes, startSqsLocal, type SqsLocal } from '../../../../local/sqs/sqs-local';

let sqs: SqsLocal;
let client: SQSClient;

beforeAll(async () => {
  sqs = await startSqsLocal({ region: 'us-east-1', accountId: '000000000000' });
  client = new SQSClient({ endpoint: sqs.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
  await sqs.createQueues([
    { logicalId: 'Dlq', queueName: 'Stack-Dlq', arn: 'arn:aws:sqs:us-east-1:000000000000:Stack-Dlq', url: '', properties: { SqsManagedSseEnabled: true, MessageRetentionPeriod: 1209600 } },
    { logicalId: 'Work', queueName: 'Stack-Work', arn: '', url: '', properties: { VisibilityTimeout: 45, RedrivePolicy: { deadLetterTargetArn: 'arn:aws:sqs:us-east-1:000000000000:Stack-Dlq', maxReceiveCount: 3 } } },
  ]);
});
afterAll(async () => {
  client?.destroy();
  await sqs?.stop();
});

describe('local SQS', () => {
  it('turns CloudFormation properties into CreateQueue attributes', () => {
    expect(queueAttributes({ VisibilityTimeout: 45, FifoQueue: true, RedrivePolicy: { deadLetterTargetArn: 'arn', maxReceiveCount: 3 }, QueueName: 'q', Tags: [] }))
      .toEqual({ VisibilityTimeout: '45', FifoQueue: 'true', RedrivePolicy: '{"deadLetterTargetArn":"arn","maxReceiveCount":3}' });
  });

  it('listens on loopback and creates the queues with their attributes', async () => {
    expect(sqs.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sqs.queueUrls).toEqual({ Dlq: `${sqs.endpoint}/000000000000/Stack-Dlq`, Work: `${sqs.endpoint}/000000000000/Stack-Work` });
    const { Attributes } = await client.send(new GetQueueAttributesCommand({ QueueUrl: sqs.queueUrls.Work, AttributeNames: ['All'] }));
    expect(Attributes).toMatchObject({ QueueArn: 'arn:aws:sqs:us-east-1:000000000000:Stack-Work', VisibilityTimeout: '45' });
    expect(JSON.parse(Attributes!.RedrivePolicy!)).toMatchObject({ maxReceiveCount: 3 });
  });

  it('delivers a message sent through it to the SDK client, and counts it until it is deleted', async () => {
    await sqs.sendMessage(sqs.queueUrls.Dlq, '{"hello":1}');
    const count = async () => (await client.send(new GetQueueAttributesCommand({ QueueUrl: sqs.queueUrls.Dlq, AttributeNames: ['ApproximateNumberOfMessages'] }))).Attributes?.ApproximateNumberOfMessages;
    expect(await count()).toBe('1');
    const { Messages = [] } = await client.send(new ReceiveMessageCommand({ QueueUrl: sqs.queueUrls.Dlq, MaxNumberOfMessages: 10 }));
    expect(Messages.map((m) => m.Body)).toEqual(['{"hello":1}']);
    await client.send(new DeleteMessageCommand({ QueueUrl: sqs.queueUrls.Dlq, ReceiptHandle: Messages[0].ReceiptHandle! }));
    expect(await count()).toBe('0');
  });
});
