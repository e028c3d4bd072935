/**
 * The backends a Lambda module talks to, locally, for its unit tests: the shared DynamoDB Local with the
 * stack's own table definition (read from the run's synthesized template, test/global-setup.ts), and
 * the Cognito emulator with a user pool like the stack's (email as username) and seeded users.
 */
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { CognitoIdentityProviderClient, CreateUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { seedUsers, startCognitoLocal, type CognitoLocal, type SeededUser } from '../../../local/cognito/cognito-local';
import { createLocalDynamoDBClient } from '../../../local/datasources/dynamodb';
import { startDynamoDBLocal, type DynamoDBLocal } from '../../../local/dynamodb/dynamodb-local';
import { ensureTable, tablePropertiesOf } from '../../../local/dynamodb/tables';
import { sharedResourcesOfType } from '../../helpers/shared-template';

export interface LocalTable {
  dynamodb: DynamoDBDocumentClient;
  client: DynamoDBClient;
  tableName: string;
  stop(): Promise<void>;
}

function taskboardTableProperties() {
  const tables = sharedResourcesOfType('AWS::DynamoDB::Table');
  if (tables.length !== 1) throw new Error(`expected the stack's one table, found ${tables.length}`);
  return tablePropertiesOf(tables[0]);
}

/** A table of its own (a fresh name) on the run's shared DynamoDB Local (test/global-setup.ts). */
export async function givenLocalTable(tableName = `Taskboard-${randomBytes(4).toString('hex')}`): Promise<LocalTable> {
  const local: DynamoDBLocal = await startDynamoDBLocal({ env: { DYNAMODB_ENDPOINT: inject('dynamodbEndpoint') } });
  const client = createLocalDynamoDBClient({ endpoint: local.endpoint });
  const dynamodb = DynamoDBDocumentClient.from(client);
  await ensureTable(client, { tableName, properties: taskboardTableProperties() });
  return {
    dynamodb, client, tableName,
    async stop() {
      client.destroy();
      await local.stop();
    },
  };
}

export interface LocalUserPoolWithUsers {
  cognito: CognitoIdentityProviderClient;
  userPoolId: string;
  users: Record<string, SeededUser>;
  emulator: CognitoLocal;
  stop(): Promise<void>;
}

export async function givenLocalUserPool(users: Array<{ username: string; email: string; password: string }>): Promise<LocalUserPoolWithUsers> {
  const emulator = await startCognitoLocal();
  const pool = await emulator.client.send(new CreateUserPoolCommand({ PoolName: 'Taskboard', UsernameAttributes: ['email'], AutoVerifiedAttributes: ['email'] }));
  const userPoolId = pool.UserPool!.Id!;
  const seeded = await seedUsers(emulator.client, { logicalId: 'UserPool', id: userPoolId, issuer: '', jwksUri: '', clients: [] }, users);
  return {
    cognito: emulator.client, userPoolId, emulator,
    users: Object.fromEntries(seeded.map((u) => [u.username, u])),
    stop: () => emulator.stop(),
  };
}
