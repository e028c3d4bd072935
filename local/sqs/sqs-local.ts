/**
 * Local SQS: the `local-aws-sqs` emulator (it speaks both the AWS JSON 1.0 protocol of current
 * SDK v3 clients and the older query protocol) on loopback, in this process, with the template's
 * queues created in it. Functions reach it through AWS_ENDPOINT_URL_SQS; tests and the stream
 * poller use the real @aws-sdk/client-sqs against it.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CreateQueueCommand, SendMessageCommand, SQSClient, type QueueAttributeName } from '@aws-sdk/client-sqs';
import { createSqsServer } from 'local-aws-sqs';
import type { LocalQueue } from '../assembly/load-api';

export interface SqsLocal {
  /** `http://127.0.0.1:<port>` */
  endpoint: string;
  client: SQSClient;
  /** Queue URL by the template's logical id, once `createQueues` ran. */
  queueUrls: Record<string, string>;
  /** Creates the template's queues (attributes as declared); idempotent. */
  createQueues(queues: LocalQueue[]): Promise<void>;
  sendMessage(queueUrl: string, body: string): Promise<void>;
  stop(): Promise<void>;
}

export interface StartSqsLocalOptions {
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  region: string;
  accountId: string;
}

/** CloudFormation properties that are CreateQueue attributes; policies are JSON there, strings here. */
const ATTRIBUTES = [
  'DelaySeconds', 'MaximumMessageSize', 'MessageRetentionPeriod', 'ReceiveMessageWaitTimeSeconds', 'VisibilityTimeout',
  'RedrivePolicy', 'RedriveAllowPolicy', 'KmsMasterKeyId', 'KmsDataKeyReusePeriodSeconds', 'SqsManagedSseEnabled',
  'FifoQueue', 'ContentBasedDeduplication', 'DeduplicationScope', 'FifoThroughputLimit',
] as const;

export async function startSqsLocal(options: StartSqsLocalOptions): Promise<SqsLocal> {
  const host = options.host ?? '127.0.0.1';
  const server: Server = await createSqsServer({
    port: options.port ?? 0, hostname: host, region: options.region, accountId: options.accountId,
    // A restart must be able to recreate a queue at once, and a redrive target may come later in the template.
    emulateQueueCreationLifecycle: false, validateDlqDestination: false,
  });
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const client = new SQSClient({ endpoint, region: options.region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 2 });
  const queueUrls: Record<string, string> = {};
  return {
    endpoint, client, queueUrls,
    async createQueues(queues) {
      for (const queue of queues) {
        const out = await client.send(new CreateQueueCommand({ QueueName: queue.queueName, Attributes: queueAttributes(queue.properties), tags: queueTags(queue.properties) }));
        queueUrls[queue.logicalId] = out.QueueUrl!;
      }
    },
    async sendMessage(queueUrl, body) {
      await client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body }));
    },
    async stop() {
      client.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** CloudFormation Properties → CreateQueue attributes (strings). Exported for tests. */
export function queueAttributes(properties: Record<string, unknown>): Partial<Record<QueueAttributeName, string>> {
  const attributes: Partial<Record<QueueAttributeName, string>> = {};
  for (const name of ATTRIBUTES) {
    const value = properties[name];
    if (value === undefined || value === null) continue;
    attributes[name] = typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
  return attributes;
}

function queueTags(properties: Record<string, unknown>): Record<string, string> | undefined {
  const tags = properties.Tags as Array<{ Key: string; Value: string }> | undefined;
  return tags && tags.length > 0 ? Object.fromEntries(tags.map((t) => [t.Key, t.Value])) : undefined;
}
