/**
 * `npm start`: synthesizes the CDK app when the assembly is stale, serves its AppSync API locally
 * (see local/runtime.ts), then watches the sources and hot-swaps the API on every change
 * (local/reload/). Ctrl-C or SIGTERM stops every process it started.
 *
 *   --port N          HTTP port (default 20002)
 *   --host H          interface to bind (default 127.0.0.1; anything else exposes token minting)
 *   --persist DIR     keep DynamoDB Local's data on disk
 *   --seed FILE       seed module (users, then items)
 *   --log-level L     NONE | ERROR | INFO | DEBUG | ALL (default INFO)
 *   --tls             HTTPS and WSS on the same port, with a self-signed certificate kept in .local/tls/
 *   --schedules       run the template's scheduled rules (AWS::Events::Rule) on their schedules
 *   --no-synth        use cdk.out/ as it is
 *   --no-watch        do not watch the sources (no hot reload)
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { JavaRuntimeError } from '../dynamodb/dynamodb-local';
import { ensureConsoleBundle } from '../console/bundle';
import { buildAssembly } from '../reload/build-assembly';
import { startDevLoop, WATCHED_DIRS, type DevLoop } from '../reload/dev-loop';
import { startLocalRuntime, type LocalRuntime, type StartupProgress } from '../runtime';
import { isLogLevel, LOG_LEVELS } from '../server/request-log';
import { assemblyIsFresh } from './assembly-freshness';

const projectDir = process.cwd();
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '20002' },
    host: { type: 'string', default: '127.0.0.1' },
    persist: { type: 'string' },
    seed: { type: 'string' },
    'log-level': { type: 'string', default: 'INFO' },
    'no-synth': { type: 'boolean' },
    'no-watch': { type: 'boolean' },
    tls: { type: 'boolean' },
    schedules: { type: 'boolean' },
  },
});

// ---- terminal output: log lines, with a transient status line in a terminal ----------------

const tty = process.stdout.isTTY === true;
let statusLine: string | null = null;

/** One line of output; a status line being shown is cleared first and drawn again after. */
function print(line: string): void {
  if (statusLine !== null) process.stdout.write('\r\x1b[2K');
  process.stdout.write(`${line}\n`);
  if (statusLine !== null) process.stdout.write(statusLine);
}

/** A line that the next one replaces (terminals only: logs and CI get the final lines alone). */
function status(line: string | null): void {
  if (!tty) return;
  process.stdout.write(`\r\x1b[2K${line ?? ''}`);
  statusLine = line;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function progress(event: StartupProgress): void {
  if (event.phase === 'begin') return status(`• ${event.step}…`);
  status(null);
  print(`• ${event.step.padEnd(30)} ${seconds(event.durationMs ?? 0).padStart(7)}${event.detail ? `  ${event.detail}` : ''}`);
}

async function timed<T>(step: string, run: () => Promise<T>): Promise<T> {
  progress({ step, phase: 'begin' });
  const started = performance.now();
  const value = await run();
  progress({ step, phase: 'end', durationMs: performance.now() - started });
  return value;
}

// ---- main -------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const logLevel = values['log-level']!.toUpperCase();
  if (!isLogLevel(logLevel)) throw new Error(`--log-level must be one of ${LOG_LEVELS.join(', ')}`);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, not ${values.port}`);

  const assemblyDir = resolve(projectDir, 'cdk.out');
  if (values['no-synth'] || assemblyIsFresh(projectDir, ['schema', 'resolvers', 'functions', 'infra', 'cdk.json'])) {
    print('• cloud assembly cdk.out/ is up to date');
  } else {
    const built = await timed('synthesizing the CDK app', () => buildAssembly({ projectDir, outdir: assemblyDir }));
    if (!built.ok) throw new Error(`cdk synth failed:\n${built.error.split('\n').map((l) => `  ${l}`).join('\n')}\nFix it and run npm start again.`);
  }
  const host = values.host!;
  if (host !== '127.0.0.1' && host !== 'localhost' && host !== '::1') {
    print(`\n  WARNING: binding to ${host}. Local Cognito signs tokens with cognito-local's PUBLIC key pair: anyone who can reach\n  these ports can mint valid tokens. Use this only on a network you trust.\n`);
  }
  const started = performance.now();
  const runtime = await startLocalRuntime({
    assemblyDir, port, host, persistDir: values.persist, seed: values.seed, logLevel, tls: values.tls, schedules: values.schedules,
    log: print, onProgress: progress,
  });
  status(null);
  print(`• API ready in ${seconds(performance.now() - started)}`);

  let loop: DevLoop | undefined;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    status(null);
    print(`• ${signal}: stopping the API, Lambda processes and DynamoDB Local…`);
    await loop?.close();
    await runtime.close();
    loop?.removeAssemblies();
    process.exit(0);
  };
  // Listeners that stay: Ctrl-C reaches this process twice (from the terminal, and relayed by tsx),
  // and tsx ends a child that has no listener left when the second one arrives.
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  // However the process ends, the assemblies the reloads made go with it.
  process.once('exit', () => loop?.removeAssemblies());
  process.stdout.write(summary(runtime, !values['no-watch']));
  if (!values['no-watch']) loop = startDevLoop({ projectDir, runtime, log: print, status });
  // Build the console's bundle now (or find it cached), so the first page load does not wait for it.
  ensureConsoleBundle().catch((error: unknown) => process.stderr.write(`console: building the bundle failed: ${(error as Error).message}\n`));
}

// ---- the start-up summary ----------------------------------------------------------------------

type Row = [label: string, value: string, ...continuation: string[]];

/** Label/value rows under a heading, labels padded to one column; continuation lines indented under the value. */
function section(title: string, rows: Row[]): string[] {
  if (rows.length === 0) return [];
  const width = Math.max(...rows.map(([label]) => label.length));
  return ['', title, ...rows.flatMap(([label, value, ...more]) => [`  ${label.padEnd(width)}  ${value}`, ...more.map((m) => `  ${' '.repeat(width)}  ${m}`)])];
}

function summary(r: LocalRuntime, watching: boolean): string {
  const portFlag = `${r.port === 20002 ? '' : ` --port ${r.port}`}${r.tls ? ' --tls' : ''}`;
  const functions = Object.values(r.model.lambdas);
  const ddb = r.dynamodb.external ? ' (DYNAMODB_ENDPOINT)' : r.dynamodb.persistDir ? ` (data in ${r.dynamodb.persistDir})` : ' (in memory)';

  const endpoints: Row[] = [
    ['GraphQL', `POST ${r.graphqlUrl}`],
    ['Real-time', r.realtimeUrl],
    ['Health', `GET  ${r.url}/health`],
    ['Console', `${r.url}/  (GraphiQL with auth picker and resolver traces)`],
  ];
  if (functions.length > 0) {
    endpoints.push(['Lambda', `POST ${r.url}/2015-03-31/functions/<name>/invocations  (${functions.length} functions; npm run invoke -- <function>${portFlag})`,
      `AWS CLI: AWS_ACCESS_KEY_ID=${r.iamCredentials.accessKeyId} AWS_SECRET_ACCESS_KEY='${r.iamCredentials.secretAccessKey}' \\`,
      `  aws lambda invoke --endpoint-url ${r.url} --region ${r.model.region} --function-name ${functions[0].functionName} out.json`]);
  }
  if (r.cognito) endpoints.push(['Cognito', `${r.cognito.endpoint}  (cognito-local; pool ${r.cognito.pools.map((p) => `${p.id}, client ${p.clients.map((c) => c.id).join('/')}`).join('; ')})`]);
  if (r.sqs) endpoints.push(['SQS', `${r.sqs.endpoint}  (queues ${Object.values(r.sqs.queueUrls).map((u) => u.split('/').pop()).join(', ')})`]);

  const data: Row[] = [
    ['DynamoDB', `${r.dynamodb.endpoint}${ddb}`],
    ['Tables', r.tables.map((t) => `${t.tableName}${t.created ? '' : ' (existing)'}`).join(', ')],
  ];
  if (r.seededItems > 0) data.push(['Seed data', `${r.seededItems} items  (npm run seed${portFlag ? ` --${portFlag}` : ''} loads a larger set)`]);
  for (const m of r.model.eventSourceMappings) {
    const state = r.streams?.mappings.find((s) => s.logicalId === m.logicalId);
    const settings = [`batch ${m.batchSize}`, m.bisectBatchOnFunctionError ? 'bisect' : '', `retries ${m.maximumRetryAttempts < 0 ? '∞' : m.maximumRetryAttempts}`,
      m.onFailure ? `failures → ${m.onFailure.destinationArn.split(':').pop()}` : ''].filter(Boolean).join(', ');
    data.push(['Stream', `${m.tableName} → ${m.functionName} (${settings})${state?.state === 'polling' ? '' : ` ${state?.state ?? 'off'}${state?.error ? `: ${state.error}` : ''}`}`]);
  }
  for (const rule of r.schedules.list()) {
    const targets = rule.targets.map((t) => t.functionName).join(', ') || 'no targets';
    const when = rule.state !== 'ENABLED' ? rule.state.toLowerCase() : !r.schedules.running ? 'not running (npm start -- --schedules)' : rule.nextRun ? `next ${rule.nextRun.replace(/\.000Z$/, 'Z')}` : 'no run left';
    data.push(['Schedule', `${rule.name} ${rule.scheduleExpression} → ${targets}: ${when}`]);
  }

  const auth: Row[] = [];
  for (const k of r.apiKeys) auth.push(['API key', `${k.value}  (header x-api-key)`]);
  auth.push(['IAM', `access key ${r.iamCredentials.accessKeyId} (the Lambda functions sign with it too)`]);
  if (r.tls) {
    auth.push(['TLS', `self-signed certificate ${r.tls.certPath}${r.tls.created ? ' (new)' : ''}; trust it to connect:`,
      `Node clients  NODE_EXTRA_CA_CERTS=${r.tls.certPath} node your-client.js`,
      `curl          curl --cacert ${r.tls.certPath} ${r.url}/health`,
      'browsers      import it as trusted (macOS Keychain "Always Trust", Windows Trusted Root, Firefox Certificates),',
      `              or open ${r.url}/health once and accept the warning; regenerate by deleting ${r.tls.certPath}`]);
  }

  const lines = [`\n${r.model.api.name} is running locally (stack ${r.model.stackName})`,
    ...section('Endpoints', endpoints), ...section('Data and events', data), ...section('Auth', auth)];
  if (r.users.length > 0) {
    const w = (pick: (u: LocalRuntime['users'][number]) => string) => Math.max(...r.users.map((u) => pick(u).length));
    const [wu, we, wp] = [w((u) => u.username), w((u) => u.email), w((u) => u.password)];
    lines.push('', 'Users (sign in with USER_PASSWORD_AUTH; cognito-local has no SRP)');
    for (const u of r.users) lines.push(`  ${u.username.padEnd(wu)}  ${u.email.padEnd(we)}  ${u.password.padEnd(wp)}${u.groups.length ? `  groups: ${u.groups.join(', ')}` : ''}`.trimEnd());
    lines.push('', 'Get a token and query:',
      `  TOKEN=$(npm run --silent token -- ${r.users[0].username}${portFlag})`,
      `  curl -s${r.tls ? ` --cacert ${r.tls.certPath}` : ''} ${r.graphqlUrl} -H "authorization: $TOKEN" -H 'content-type: application/json' -d '{"query":"{ __typename }"}'`,
      'Local tokens are for development only: cognito-local signs them with a publicly known key.');
  }
  if (r.model.unsupported.length > 0) lines.push(...section('Not served', r.model.unsupported.map((u): Row => [u.logicalId, `${u.type}: ${u.reason}`])));
  lines.push('', watching
    ? `Hot reload: watching ${WATCHED_DIRS.map((d) => `${d}/`).join(' ')}; a saved change is synthesized and swapped in (--no-watch turns it off).`
    : 'Hot reload is off (--no-watch).');
  lines.push('Press Ctrl-C to stop.', '');
  return lines.join('\n');
}

main().catch((error: unknown) => {
  status(null);
  const message = error instanceof JavaRuntimeError || error instanceof Error ? error.message : String(error);
  process.stderr.write(`npm start failed: ${message}\n`);
  process.exit(1);
});
