/**
 * The whole local API in one call: the HTTP server (listening first, so `/health` answers while
 * the rest starts), the model from the cloud assembly, DynamoDB Local and the template's tables,
 * seed data, the Lambda runner and the executor. `close()` stops everything it started.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { loadApi, type LocalApiModel } from './assembly/load-api';
import type { LocalApiKey } from './auth/api-keys';
import { createAuthenticator, type LocalUser } from './auth/authenticate';
import { createLocalDynamoDBClient } from './datasources/dynamodb';
import { startDynamoDBLocal, type DynamoDBLocal } from './dynamodb/dynamodb-local';
import { ensureTables, type CfnTableProperties, type EnsureTableResult } from './dynamodb/tables';
import { DataSources } from './execution/data-sources';
import { Executor } from './execution/executor';
import { LambdaRunner } from './lambda/runner';
import { importSeedModule, localSub, writeSeedItems, type SeedModule } from './seed/seed';
import { startHttpServer, type RunningServer, type ServerState } from './server/http-server';
import type { LogLevel } from './server/request-log';

export interface LocalRuntimeOptions {
  assemblyDir: string;
  stackName?: string;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** DynamoDB Local on disk in this directory; in memory when absent. `DYNAMODB_ENDPOINT` wins over both. */
  persistDir?: string;
  /** A seed module (path, or the module itself). */
  seed?: string | SeedModule;
  /** "now" for the seed module (tests pin it). */
  seedNow?: Date;
  logLevel?: LogLevel;
  log?: (line: string) => void;
  region?: string;
  env?: NodeJS.ProcessEnv;
}

export interface LocalRuntime {
  url: string;
  graphqlUrl: string;
  port: number;
  model: LocalApiModel;
  /** The executor behind POST /graphql, for in-process callers (benchmarks, the real-time endpoint). */
  executor: Executor;
  dynamodb: DynamoDBLocal;
  client: DynamoDBClient;
  tables: EnsureTableResult[];
  apiKeys: LocalApiKey[];
  users: Array<LocalUser & { password?: string }>;
  seededItems: number;
  close(): Promise<void>;
}

export async function startLocalRuntime(options: LocalRuntimeOptions): Promise<LocalRuntime> {
  const host = options.host ?? '127.0.0.1';
  const region = options.region ?? 'us-east-1';
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const state: ServerState = {};
  const cleanups: Array<() => Promise<void> | void> = [];
  const close = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    cleanups.length = 0;
  };
  try {
    const server: RunningServer = await startHttpServer({ host, port: options.port ?? 20002, state, logLevel: options.logLevel ?? 'INFO', log });
    cleanups.push(() => server.close());
    const url = `http://${host}:${server.port}`;
    const graphqlUrl = `${url}/graphql`;
    const model = loadApi(options.assemblyDir, { stackName: options.stackName, region, graphqlUrl });

    const dynamodb = await startDynamoDBLocal({ persistDir: options.persistDir, env: options.env });
    cleanups.push(() => dynamodb.stop());
    const client = createLocalDynamoDBClient({ endpoint: dynamodb.endpoint, region });
    cleanups.push(() => client.destroy());
    const tables = await ensureTables(client, model.tables.map((t) => ({ tableName: t.tableName, properties: t.properties as unknown as CfnTableProperties })));

    const seed = typeof options.seed === 'string' ? await importSeedModule(options.seed) : options.seed;
    const users = (seed?.users ?? []).map((u) => ({ username: u.username, sub: localSub(u.username), email: u.email, groups: u.groups ?? [], password: u.password }));
    let seededItems = 0;
    // Seed only fresh tables: a persisted database keeps what the developer did with it.
    if (seed?.items && tables.every((t) => t.created)) {
      const items = seed.items({ outputs: model.outputs, subs: Object.fromEntries(users.map((u) => [u.username, u.sub])), now: options.seedNow ?? new Date() });
      seededItems = await writeSeedItems(client, items);
    }

    const lambdaRunner = new LambdaRunner({
      extraEnv: {
        AWS_ENDPOINT_URL_DYNAMODB: dynamodb.endpoint, AWS_REGION: region, AWS_DEFAULT_REGION: region,
        AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local', AWS_SESSION_TOKEN: '',
      },
    });
    cleanups.push(() => lambdaRunner.shutdown());
    const executor = new Executor(model, { dataSources: new DataSources(model, { dynamodb: client, lambdaRunner, region }) });
    const authenticator = createAuthenticator(model, users, `${url}/local-bypass`);
    state.authenticator = authenticator;
    state.executor = executor;
    return { url, graphqlUrl, port: server.port, model, executor, dynamodb, client, tables, apiKeys: authenticator.apiKeys, users, seededItems, close };
  } catch (error) {
    await close();
    throw error;
  }
}
