/**
 * The whole local API in one call: the HTTP server (listening first, so `/health` answers while
 * the rest starts), the model from the cloud assembly, DynamoDB Local and the template's tables,
 * seed data, the Lambda runner and the executor. `close()` stops everything it started.
 */
import { randomBytes } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { loadApi, type LocalApiModel } from './assembly/load-api';
import type { LocalApiKey } from './auth/api-keys';
import { createAuthenticator } from './auth/authenticate';
import type { LocalCredentials } from './auth/iam';
import { createUserPoolTokenVerifier, type TrustedPool } from './auth/jwt';
import { seedUsers, startCognitoLocal, type CognitoLocal, type LocalUserPool, type SeededUser } from './cognito/cognito-local';
import { createLocalDynamoDBClient } from './datasources/dynamodb';
import { startDynamoDBLocal, type DynamoDBLocal } from './dynamodb/dynamodb-local';
import { ensureTables, type CfnTableProperties, type EnsureTableResult } from './dynamodb/tables';
import { DataSources } from './execution/data-sources';
import { Executor } from './execution/executor';
import { LambdaRunner } from './lambda/runner';
import { importSeedModule, writeSeedItems, type SeedModule } from './seed/seed';
import { RealtimeServer } from './realtime/realtime-server';
import { startHttpServer, type RunningServer, type ServerState } from './server/http-server';
import { certificateHosts, ensureLocalCertificate } from './server/tls';
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
  /** Prepended to every table name, so several runtimes (tests) can share one DynamoDB. */
  tableNamePrefix?: string;
  /** Real-time keep-alive interval (default 60 s). */
  keepAliveMs?: number;
  region?: string;
  env?: NodeJS.ProcessEnv;
  /**
   * Serve HTTPS and WSS on the same port with a self-signed certificate for loopback, generated
   * once into `dir` (default `.local/tls/` under the working directory) and reused. Off by default.
   */
  tls?: boolean | { dir?: string };
}

export interface LocalRuntime {
  /** `http://host:port`, or `https://` with TLS. */
  url: string;
  graphqlUrl: string;
  /** `ws://…/graphql/realtime`, or `wss://` with TLS. */
  realtimeUrl: string;
  /** With TLS: the certificate clients must trust (NODE_EXTRA_CA_CERTS, or the browser/OS store) and its key. */
  tls?: { certPath: string; keyPath: string; created: boolean };
  realtime: RealtimeServer;
  port: number;
  model: LocalApiModel;
  /** The executor behind POST /graphql, for in-process callers (benchmarks, the real-time endpoint). */
  executor: Executor;
  dynamodb: DynamoDBLocal;
  client: DynamoDBClient;
  tables: EnsureTableResult[];
  apiKeys: LocalApiKey[];
  /** Seeded users with their passwords and Cognito subs. */
  users: SeededUser[];
  /** Local Cognito, when the template declares a user pool. */
  cognito?: { endpoint: string; pools: LocalUserPool[] };
  /** The credentials IAM-signed requests must use; the Lambda functions get them too. */
  iamCredentials: LocalCredentials;
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
    const certificate = options.tls
      ? await ensureLocalCertificate(typeof options.tls === 'object' ? options.tls.dir : undefined, certificateHosts(host))
      : undefined;
    const server: RunningServer = await startHttpServer({ host, port: options.port ?? 20002, state, logLevel: options.logLevel ?? 'INFO', log, tls: certificate });
    cleanups.push(() => server.close());
    const realtime = new RealtimeServer({ getExecutor: () => state.executor, getAuthenticator: () => state.authenticator, keepAliveMs: options.keepAliveMs, log });
    realtime.attach(server.server);
    state.realtime = realtime;
    cleanups.push(() => realtime.close());
    const url = `${certificate ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${server.port}`;
    const graphqlUrl = `${url}/graphql`;
    const loadOptions = { stackName: options.stackName, region, graphqlUrl, tableNamePrefix: options.tableNamePrefix };
    let model = loadApi(options.assemblyDir, loadOptions);

    // Cognito first: the pools' local ids feed every Ref to them (Lambda environments, UserPoolConfig).
    let cognito: (CognitoLocal & { provision(m: LocalApiModel): Promise<LocalUserPool[]> }) | undefined;
    let pools: LocalUserPool[] = [];
    if (model.userPools.length > 0) {
      cognito = await startCognitoLocal({ host });
      const c = cognito;
      cleanups.push(() => c.stop());
      pools = await cognito.provision(model);
      model = loadApi(options.assemblyDir, {
        ...loadOptions,
        userPoolIds: Object.fromEntries(pools.map((p) => [p.logicalId, p.id])),
        userPoolClientIds: Object.fromEntries(pools.flatMap((p) => p.clients.map((c2) => [c2.logicalId, c2.id]))),
      });
    }

    const dynamodb = await startDynamoDBLocal({ persistDir: options.persistDir, env: options.env });
    cleanups.push(() => dynamodb.stop());
    const client = createLocalDynamoDBClient({ endpoint: dynamodb.endpoint, region });
    cleanups.push(() => client.destroy());
    const tables = await ensureTables(client, model.tables.map((t) => ({ tableName: t.tableName, properties: t.properties as unknown as CfnTableProperties })));

    const seed = typeof options.seed === 'string' ? await importSeedModule(options.seed) : options.seed;
    const apiPool = pools.find((p) => p.id === model.api.userPoolConfig?.UserPoolId) ?? pools[0];
    const users = cognito && apiPool && seed?.users ? await seedUsers(cognito.client, apiPool, seed.users) : [];
    let seededItems = 0;
    // Seed only fresh tables: a persisted database keeps what the developer did with it.
    if (seed?.items && tables.every((t) => t.created)) {
      const items = seed.items({ outputs: model.outputs, subs: Object.fromEntries(users.map((u) => [u.username, u.sub])), now: options.seedNow ?? new Date() });
      seededItems = await writeSeedItems(client, items);
    }

    const accountId = model.accountId;
    const iamCredentials: LocalCredentials = {
      accessKeyId: `AKIALOCAL${randomBytes(6).toString('hex').toUpperCase()}`.slice(0, 20),
      secretAccessKey: randomBytes(30).toString('base64'),
      arn: `arn:aws:sts::${accountId}:assumed-role/LocalRuntime/local`,
    };
    const lambdaRunner = new LambdaRunner({
      extraEnv: {
        AWS_ENDPOINT_URL_DYNAMODB: dynamodb.endpoint, AWS_REGION: region, AWS_DEFAULT_REGION: region,
        ...(cognito ? { AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: cognito.endpoint } : {}),
        AWS_ENDPOINT_URL_APPSYNC: url,
        // Functions calling the API back over HTTPS must trust the local certificate.
        ...(certificate ? { NODE_EXTRA_CA_CERTS: certificate.certPath } : {}),
        AWS_ACCESS_KEY_ID: iamCredentials.accessKeyId, AWS_SECRET_ACCESS_KEY: iamCredentials.secretAccessKey, AWS_SESSION_TOKEN: '',
      },
    });
    cleanups.push(() => lambdaRunner.shutdown());
    const executor = new Executor(model, { dataSources: new DataSources(model, { dynamodb: client, lambdaRunner, region }) });
    const trusted: TrustedPool[] = pools
      .filter((p) => trustedPoolIds(model).includes(p.id))
      .map((p) => ({ id: p.id, issuer: p.issuer, jwksUri: p.jwksUri, clientIds: p.clients.map((c2) => c2.id) }));
    const authenticator = createAuthenticator(model, {
      userPools: trusted.length > 0 ? await createUserPoolTokenVerifier(trusted) : undefined,
      iamCredentials: [iamCredentials], region, accountId,
    });
    state.authenticator = authenticator;
    state.executor = executor;
    state.localInfo = {
      graphqlUrl, region,
      cognito: cognito && apiPool ? { endpoint: cognito.endpoint, userPoolId: apiPool.id, clientId: apiPool.clients[0]?.id ?? null } : null,
    };
    const cognitoInfo = cognito ? { endpoint: cognito.endpoint, pools } : undefined;
    const tls = certificate ? { certPath: certificate.certPath, keyPath: certificate.keyPath, created: certificate.created } : undefined;
    return { url, graphqlUrl, realtimeUrl: `${url.replace(/^http/, 'ws')}/graphql/realtime`, tls, realtime, port: server.port, model, executor, dynamodb, client, tables, apiKeys: authenticator.apiKeys, users, cognito: cognitoInfo, iamCredentials, seededItems, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The pools AppSync trusts: the default mode's and each additional user pool provider's. */
function trustedPoolIds(model: LocalApiModel): string[] {
  const ids: string[] = [];
  if (model.api.authenticationType === 'AMAZON_COGNITO_USER_POOLS' && model.api.userPoolConfig) ids.push(String(model.api.userPoolConfig.UserPoolId));
  for (const p of model.api.additionalAuthenticationProviders) {
    const config = p.UserPoolConfig as { UserPoolId?: unknown } | undefined;
    if (p.AuthenticationType === 'AMAZON_COGNITO_USER_POOLS' && config?.UserPoolId) ids.push(String(config.UserPoolId));
  }
  return ids;
}
