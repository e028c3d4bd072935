/**
 * The Taskboard API for the reliability suites: the run's assembly and seed, a quiet request log,
 * extra Cognito users, a checksum of the whole table, and a bounded worker pool.
 */
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { paginateScan, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  AdminCreateUserCommand, AdminSetUserPasswordCommand, CognitoIdentityProviderClient, InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { inject } from 'vitest';
import { createLocalDynamoDBClient } from '../../../local/datasources/dynamodb/client';
import { givenLocalApi, type GraphQLReply, type LocalApi } from '../../helpers/local-api';
import { SEED_NOW } from '../../helpers/taskboard-api';

export async function givenReliabilityApi(options: { env?: NodeJS.ProcessEnv } = {}): Promise<LocalApi> {
  const api = await givenLocalApi({
    assemblyDir: inject('taskboardAssembly'), seed: resolve(import.meta.dirname, '../../../seed/taskboard.ts'), seedNow: SEED_NOW,
    // The log's formatting would cost CPU the suites measure; failures are asserted, not logged.
    logLevel: 'NONE', ...options,
  });
  const close = api.close;
  api.close = async () => {
    patientClients.get(api)?.destroy();
    await close();
  };
  return api;
}

export interface ExtraUser { email: string; password: string }

function cognitoClient(api: LocalApi): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({ endpoint: api.runtime.cognito!.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
}

/** Users of the API's pool beyond the seed's, confirmed with permanent passwords (addMember finds them by email). */
export async function createUsers(api: LocalApi, emails: string[]): Promise<ExtraUser[]> {
  const cognito = cognitoClient(api);
  const pool = api.runtime.cognito!.pools[0].id;
  try {
    const users: ExtraUser[] = [];
    for (const email of emails) {
      const password = `Passw0rd!${email.split('@')[0]}`;
      await cognito.send(new AdminCreateUserCommand({ UserPoolId: pool, Username: email, MessageAction: 'SUPPRESS', UserAttributes: [{ Name: 'email', Value: email }, { Name: 'email_verified', Value: 'true' }] }));
      await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: pool, Username: email, Password: password, Permanent: true }));
      users.push({ email, password });
    }
    return users;
  } finally {
    cognito.destroy();
  }
}

/** An ID token for a user created by createUsers. */
export async function signInUser(api: LocalApi, user: ExtraUser): Promise<Record<string, string>> {
  const cognito = cognitoClient(api);
  try {
    const out = await cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: api.runtime.cognito!.pools[0].clients[0].id, AuthParameters: { USERNAME: user.email, PASSWORD: user.password } }));
    return { authorization: out.AuthenticationResult!.IdToken! };
  } finally {
    cognito.destroy();
  }
}

export function tableName(api: LocalApi): string {
  return api.runtime.model.outputs.TableName;
}

const patientClients = new WeakMap<LocalApi, DynamoDBClient>();

/**
 * A DynamoDB client for the suites' own reads of the table: patient, unlike the runtime's (1 s to
 * connect), because the suites' checks must not fail when the 2 cores are busy.
 */
export function tableClient(api: LocalApi): DynamoDBClient {
  let client = patientClients.get(api);
  if (!client) {
    client = createLocalDynamoDBClient({ endpoint: api.runtime.dynamodb.endpoint, connectionTimeoutMs: 10_000, requestTimeoutMs: 30_000, maxAttempts: 5 });
    patientClients.set(api, client);
  }
  return client;
}

/** Every item of the table, unmarshalled. */
export async function scanTable(api: LocalApi): Promise<Array<Record<string, unknown>>> {
  const items: Array<Record<string, unknown>> = [];
  for await (const page of paginateScan({ client: tableClient(api) }, { TableName: tableName(api), ConsistentRead: true })) {
    for (const item of page.Items ?? []) items.push(unmarshall(item as Record<string, AttributeValue>));
  }
  return items;
}

const sortedKeys = (_key: string, value: unknown) =>
  (value && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Set)
    ? Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    : value instanceof Set ? [...value].sort() : value);

/**
 * SHA-256 over every item (keys sorted, items ordered by pk/sk) and the item count, once the
 * table's stream has been handled: the stream functions' own writes (activity) land first.
 */
export async function tableChecksum(api: LocalApi): Promise<{ sha256: string; items: number }> {
  await api.runtime.streams?.settled(30_000);
  const items = await scanTable(api);
  const lines = items.map((item) => JSON.stringify(item, sortedKeys)).sort();
  return { sha256: createHash('sha256').update(lines.join('\n')).digest('hex'), items: items.length };
}

/** Runs `work` over `inputs` with at most `concurrency` in flight; results in input order. */
export async function inPool<T, R>(inputs: T[], concurrency: number, work: (input: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(inputs.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(concurrency, inputs.length) }, async () => {
    while (next < inputs.length) {
      const i = next++;
      results[i] = await work(inputs[i], i);
    }
  }));
  return results;
}

/** The root field's value of a reply, or undefined when the field errored. */
export function field<T>(reply: GraphQLReply, name: string): T | undefined {
  const data = reply.body.data as Record<string, unknown> | null | undefined;
  const value = data?.[name];
  return value === null || value === undefined ? undefined : (value as T);
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Rejects when `promise` takes longer than `ms`, naming what was awaited (a hang is a failure, not a stuck suite). */
export function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
