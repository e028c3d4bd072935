/**
 * The whole local API in one call: the HTTP server (listening first, so `/health` answers while
 * the rest starts), the model from the cloud assembly, DynamoDB Local and the template's tables,
 * seed data, the Lambda runner and the executor. `close()` stops everything it started.
 */
import { randomBytes } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { loadApi, type LoadOptions, type LocalApiModel } from './assembly/load-api';
import type { LocalApiKey } from './auth/api-keys';
import { createAuthenticator, type Authenticator } from './auth/authenticate';
import { createLocalConsole } from './console/console-routes';
import { consoleInfo } from './console/info';
import type { LocalCredentials } from './auth/iam';
import { createUserPoolTokenVerifier, type TrustedPool } from './auth/jwt';
import { seedUsers, startCognitoLocal, type CognitoLocal, type ConfirmationCode, type LocalUserPool, type SeededUser } from './cognito/cognito-local';
import { createLocalDynamoDBClient } from './datasources/dynamodb';
import { startDynamoDBLocal, type DynamoDBLocal } from './dynamodb/dynamodb-local';
import { ensureTables, reconcileTable, type CfnTableProperties, type EnsureTableResult } from './dynamodb/tables';
import { DataSources } from './execution/data-sources';
import { Executor } from './execution/executor';
import { createInvokeEndpoint, invokeInfo, localCredentialsInfo } from './lambda/invoke-endpoint';
import { LambdaRunner } from './lambda/runner';
import { startSqsLocal, type SqsLocal } from './sqs/sqs-local';
import { startStreams, type LocalStreams } from './streams/local-streams';
import { startScheduler, type LocalSchedules } from './schedules/scheduler';
import { cognitoLocalTriggerFunctions } from './cognito/triggers';
import { importSeedModule, writeSeedItems, type SeedModule } from './seed/seed';
import { RealtimeServer } from './realtime/realtime-server';
import { LiveApi, type ReloadReport, type ReseedReport } from './reload/live-api';
import { ensureSeedUsers } from './reload/reseed';
import { createSeedRoute } from './reload/seed-route';
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
  /** Run the template's DynamoDB stream → Lambda mappings (default true); `pollIntervalMs`: how often an idle shard is read (default 250). */
  streams?: boolean | { pollIntervalMs?: number };
  region?: string;
  env?: NodeJS.ProcessEnv;
  /**
   * Serve HTTPS and WSS on the same port with a self-signed certificate for loopback, generated
   * once into `dir` (default `.local/tls/` under the working directory) and reused. Off by default.
   */
  tls?: boolean | { dir?: string };
  /** Run the template's scheduled rules (AWS::Events::Rule) on their schedules. Off by default; `runtime.schedules.runNow` works either way. */
  schedules?: boolean;
  /** Waits before Lambda retries a failed asynchronous invocation (default 60 s, then 120 s, as Lambda). */
  lambdaAsyncRetryDelaysMs?: readonly number[];
  /** Told as each long start-up step begins and ends (`npm start` prints progress with durations). */
  onProgress?: (event: StartupProgress) => void;
}

export interface StartupProgress { step: string; phase: 'begin' | 'end'; durationMs?: number; detail?: string }

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
  /** Local Cognito, when the template declares a user pool. `confirmationCodes`: the codes it "sent" (it emails nothing). */
  cognito?: { endpoint: string; pools: LocalUserPool[]; confirmationCodes: ConfirmationCode[] };
  /** The template's scheduled rules with their next runs; `runNow` runs one (or a function's rules) at once. */
  schedules: LocalSchedules;
  /** The credentials IAM-signed requests must use; the Lambda functions get them too. */
  iamCredentials: LocalCredentials;
  /** Asynchronous Lambda invocations (Event, schedules) running or waiting for a retry. */
  asyncInvocations: { readonly pending: number; settled(): Promise<void> };
  /** The stream mappings' pollers with their counters, and `settled()` (absent with `streams: false`). */
  streams?: LocalStreams;
  /** Local SQS, when the template declares queues: its endpoint and the queue URLs by logical id. */
  sqs?: { endpoint: string; queueUrls: Record<string, string> };
  seededItems: number;
  /**
   * Hot reload: serves the API of another cloud assembly (a fresh synth) in place of this one,
   * keeping the server, WebSocket connections, DynamoDB Local and its data, Cognito and SQS
   * (local/reload/live-api.ts). Rejects with a ReloadError, the API unchanged, when the new
   * assembly cannot be served.
   */
  reload(assemblyDir: string): Promise<ReloadReport>;
  /** Replaces the data with a seed module's (also `POST /local/seed`, `npm run seed`): users made sure of, tables emptied, items written. */
  reseed(seed: string | SeedModule, options?: { now?: Date }): Promise<ReseedReport>;
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
  const step = async <T>(name: string, run: () => Promise<T>, detail?: (value: T) => string | undefined): Promise<T> => {
    options.onProgress?.({ step: name, phase: 'begin' });
    const t0 = performance.now();
    const value = await run();
    options.onProgress?.({ step: name, phase: 'end', durationMs: performance.now() - t0, detail: detail?.(value) });
    return value;
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
    let loadOptions: LoadOptions = { stackName: options.stackName, region, graphqlUrl, tableNamePrefix: options.tableNamePrefix };
    let model = loadApi(options.assemblyDir, loadOptions);
    // Local SQS first when there are queues: queue URLs (Ref, QueueUrl) name its endpoint.
    let sqs: SqsLocal | undefined;
    if (model.queues.length > 0) {
      const started = await step('local SQS', () => startSqsLocal({ host, region, accountId: model.accountId }));
      sqs = started;
      cleanups.push(() => started.stop());
      loadOptions = { ...loadOptions, sqsEndpoint: started.endpoint };
      model = loadApi(options.assemblyDir, loadOptions);
      await started.createQueues(model.queues);
    }

    const accountId = model.accountId;
    const iamCredentials: LocalCredentials = {
      accessKeyId: `AKIALOCAL${randomBytes(6).toString('hex').toUpperCase()}`.slice(0, 20),
      secretAccessKey: randomBytes(30).toString('base64'),
      arn: `arn:aws:sts::${accountId}:assumed-role/LocalRuntime/local`,
    };
    // The Lambda Invoke API answers from now on, and serves once the Lambda runner exists (below):
    // cognito-local, started next, calls triggers through it.
    const invokeEndpoint = createInvokeEndpoint({ region, accountId, credentials: [iamCredentials], logLevel: options.logLevel ?? 'INFO', log, asyncRetryDelaysMs: options.lambdaAsyncRetryDelaysMs });
    state.routes = [...(state.routes ?? []), invokeEndpoint.route];

    // Cognito first: the pools' local ids feed every Ref to them (Lambda environments, UserPoolConfig).
    let cognito: (CognitoLocal & { provision(m: LocalApiModel): Promise<LocalUserPool[]> }) | undefined;
    let pools: LocalUserPool[] = [];
    const confirmationCodes: ConfirmationCode[] = [];
    if (model.userPools.length > 0) {
      const { triggerFunctions, warnings } = cognitoLocalTriggerFunctions(model.userPools);
      for (const warning of warnings) log(`WARNING: ${warning}`);
      cognito = await step('local Cognito (cognito-local)', () => startCognitoLocal({
        host,
        triggers: {
          triggerFunctions, endpoint: url, region, caCertPath: certificate?.certPath,
          credentials: { accessKeyId: iamCredentials.accessKeyId, secretAccessKey: iamCredentials.secretAccessKey },
        },
        onConfirmationCode: (code) => {
          confirmationCodes.push(code);
          log(`cognito: confirmation code for ${code.destination ?? code.username}: ${code.code}`);
        },
      }));
      const c = cognito;
      cleanups.push(() => c.stop());
      pools = await cognito.provision(model);
      loadOptions = {
        ...loadOptions,
        userPoolIds: Object.fromEntries(pools.map((p) => [p.logicalId, p.id])),
        userPoolClientIds: Object.fromEntries(pools.flatMap((p) => p.clients.map((c2) => [c2.logicalId, c2.id]))),
      };
      model = loadApi(options.assemblyDir, loadOptions);
    }

    const dynamodb = await step('DynamoDB Local', () => startDynamoDBLocal({ persistDir: options.persistDir, env: options.env }),
      (d) => (d.external ? `external, ${d.endpoint}` : `Java, ${d.persistDir ? `data in ${d.persistDir}` : 'in memory'}`));
    cleanups.push(() => dynamodb.stop());
    const client = createLocalDynamoDBClient({ endpoint: dynamodb.endpoint, region });
    cleanups.push(() => client.destroy());
    const tables = await step('tables', () => ensureTables(client, model.tables.map((t) => ({ tableName: t.tableName, properties: t.properties as unknown as CfnTableProperties }))),
      (list) => `${list.filter((t) => t.created).length} created, ${list.filter((t) => !t.created).length} existing`);

    const seed = typeof options.seed === 'string' ? await importSeedModule(options.seed) : options.seed;
    const apiPool = pools.find((p) => p.id === model.api.userPoolConfig?.UserPoolId) ?? pools[0];
    const [cognitoClient, seedList] = [cognito?.client, seed?.users];
    const users = cognitoClient && apiPool && seedList ? await step('seed users', () => seedUsers(cognitoClient, apiPool, seedList), (list) => `${list.length} in Cognito`) : [];
    let seededItems = 0;
    // Seed only fresh tables: a persisted database keeps what the developer did with it.
    if (seed?.items && tables.every((t) => t.created)) {
      const items = seed.items({ outputs: model.outputs, subs: Object.fromEntries(users.map((u) => [u.username, u.sub])), now: options.seedNow ?? new Date() });
      seededItems = await step('seed data', () => writeSeedItems(client, items), (n) => `${n} items`);
    }

    // Everything from here to the stream mappings depends on the model: `reload` builds it again
    // for a new assembly with these same functions (local/reload/live-api.ts).
    const newRunner = () => new LambdaRunner({
      extraEnv: {
        AWS_ENDPOINT_URL_DYNAMODB: dynamodb.endpoint, AWS_REGION: region, AWS_DEFAULT_REGION: region,
        AWS_ENDPOINT_URL_DYNAMODB_STREAMS: dynamodb.endpoint, ...(sqs ? { AWS_ENDPOINT_URL_SQS: sqs.endpoint } : {}),
        ...(cognito ? { AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: cognito.endpoint } : {}),
        AWS_ENDPOINT_URL_APPSYNC: url,
        AWS_ENDPOINT_URL_LAMBDA: url,
        // Functions calling the API back over HTTPS must trust the local certificate.
        ...(certificate ? { NODE_EXTRA_CA_CERTS: certificate.certPath } : {}),
        AWS_ACCESS_KEY_ID: iamCredentials.accessKeyId, AWS_SECRET_ACCESS_KEY: iamCredentials.secretAccessKey, AWS_SESSION_TOKEN: '',
      },
    });
    const lambdaRunner = newRunner();
    cleanups.push(() => lambdaRunner.shutdown());
    const serveFunctions = (m: LocalApiModel, runner: LambdaRunner) => invokeEndpoint.serve(runner, Object.values(m.lambdas).map((fn) => ({ ...fn, region })));
    serveFunctions(model, lambdaRunner);
    const startSchedules = (m: LocalApiModel) => startScheduler({ rules: m.rules, region, accountId, enabled: options.schedules === true, invoke: invokeEndpoint.invoke, invokeAsync: invokeEndpoint.invokeAsync, log });
    const schedules = startSchedules(model);
    cleanups.push(() => schedules.stop());
    // Before the runner shuts down: no retry starts a function on the way out.
    cleanups.push(() => invokeEndpoint.stop());
    const buildExecutor = (m: LocalApiModel, runner: LambdaRunner) => new Executor(m, { dataSources: new DataSources(m, { dynamodb: client, lambdaRunner: runner, region, invokeAsync: invokeEndpoint.invokeAsync }) });
    const executor = buildExecutor(model, lambdaRunner);
    const buildAuthenticator = async (m: LocalApiModel) => {
      const trusted: TrustedPool[] = pools
        .filter((p) => trustedPoolIds(m).includes(p.id))
        .map((p) => ({ id: p.id, issuer: p.issuer, jwksUri: p.jwksUri, clientIds: p.clients.map((c2) => c2.id) }));
      return createAuthenticator(m, {
        userPools: trusted.length > 0 ? await createUserPoolTokenVerifier(trusted) : undefined,
        iamCredentials: [iamCredentials], region, accountId,
      });
    };
    const authenticator = await buildAuthenticator(model);
    // The console (GET /) and the request traces it shows; local-only routes beside the API.
    state.console ??= createLocalConsole({ region, getIamCredentials: () => iamCredentials, log });
    state.authenticator = authenticator;
    state.executor = executor;
    const describe = (m: LocalApiModel, auth: Authenticator, sched: LocalSchedules, seeded: SeededUser[]) => ({
      graphqlUrl, region,
      cognito: cognito && apiPool ? { endpoint: cognito.endpoint, userPoolId: apiPool.id, clientId: apiPool.clients[0]?.id ?? null } : null,
      ...invokeInfo(url, accountId, Object.values(m.lambdas)),
      get rules() { return sched.list(); },
      ...consoleInfo({ model: m, realtimeUrl: `${url.replace(/^http/, 'ws')}/graphql/realtime`, apiKeys: auth.apiKeys, users: seeded, iamCredentials }),
    });
    state.localInfo = describe(model, authenticator, schedules, users);
    state.localSecrets = localCredentialsInfo(host, iamCredentials);
    // Streams last: a stream's function may call the API back, which now answers.
    const streamOptions = typeof options.streams === 'object' ? options.streams : {};
    const runStreams = async (m: LocalApiModel, runner: LambdaRunner, createdTables: Set<string>) => (options.streams === false ? undefined : startStreams({
      model: m, dynamodb: client, dynamodbEndpoint: dynamodb.endpoint, region, runner, sqs, createdTables,
      pollIntervalMs: streamOptions.pollIntervalMs, log, logLevel: options.logLevel,
    }));
    // Seed items stand for data that existed before the stack: like a persisted table's, they
    // are not delivered (a seeded table is read from LATEST, as if it were older than the mapping).
    const streams = await runStreams(model, lambdaRunner, new Set(seededItems > 0 ? [] : tables.filter((t) => t.created).map((t) => t.tableName)));
    if (streams) cleanups.push(() => streams.stop());
    const sqsInfo = sqs ? { endpoint: sqs.endpoint, queueUrls: sqs.queueUrls } : undefined;
    const cognitoInfo = cognito ? { endpoint: cognito.endpoint, pools, confirmationCodes } : undefined;
    const tls = certificate ? { certPath: certificate.certPath, keyPath: certificate.keyPath, created: certificate.created } : undefined;
    const live = new LiveApi({ model, executor, authenticator, runner: lambdaRunner, schedules, streams, tables }, options.assemblyDir, {
      load: (dir) => loadApi(dir, loadOptions),
      newRunner, executor: buildExecutor, authenticator: buildAuthenticator, serveFunctions, startSchedules, startStreams: runStreams,
      reconcileTables: async (m) => {
        const results = [];
        for (const t of m.tables) results.push(await reconcileTable(client, { tableName: t.tableName, properties: t.properties as unknown as CfnTableProperties }));
        return results;
      },
      publish: (parts) => {
        state.executor = parts.executor;
        state.authenticator = parts.authenticator;
        state.localInfo = describe(parts.model, parts.authenticator, parts.schedules, runtime.users);
        Object.assign(runtime, { model: parts.model, executor: parts.executor, apiKeys: parts.authenticator.apiKeys, schedules: parts.schedules, streams: parts.streams, tables: parts.tables });
      },
      revalidateSubscriptions: () => realtime.revalidate(),
      dynamodb: client,
      ensureUsers: async (seedList) => {
        if (!cognito || !apiPool) return { users: [], created: [] };
        const ensured = await ensureSeedUsers(cognito.client, apiPool, seedList);
        const names = new Set(ensured.users.map((u) => u.username));
        runtime.users = [...runtime.users.filter((u) => !names.has(u.username)), ...ensured.users];
        // The console's user list and `npm run token` read them from /local/info.
        state.localInfo = describe(runtime.model, state.authenticator ?? authenticator, runtime.schedules, runtime.users);
        return ensured;
      },
      log,
    });
    // Before the cleanups above: stops whatever is current after reloads, and runners still draining.
    cleanups.push(() => live.close());
    const runtime: LocalRuntime = {
      url, graphqlUrl, realtimeUrl: `${url.replace(/^http/, 'ws')}/graphql/realtime`, tls, realtime, port: server.port, model, executor, dynamodb, client, tables,
      apiKeys: authenticator.apiKeys, users, cognito: cognitoInfo, schedules, iamCredentials, asyncInvocations: invokeEndpoint.asyncInvocations, seededItems, streams, sqs: sqsInfo, close,
      reload: (dir) => live.reload(dir),
      reseed: async (seedModule, seedOptions) => live.reseed(typeof seedModule === 'string' ? await importSeedModule(seedModule) : seedModule, { now: seedOptions?.now }),
    };
    state.routes = [...(state.routes ?? []), createSeedRoute({ boundHost: host, reseed: (file) => runtime.reseed(file) })];
    return runtime;
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
