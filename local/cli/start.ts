/**
 * `npm start`: synthesizes the CDK app when the assembly is stale, then serves its AppSync API
 * locally (see local/runtime.ts). Ctrl-C or SIGTERM stops every process it started.
 *
 *   --port N          HTTP port (default 20002)
 *   --host H          interface to bind (default 127.0.0.1; anything else exposes token minting)
 *   --persist DIR     keep DynamoDB Local's data on disk
 *   --seed FILE       seed module (users, then items)
 *   --log-level L     NONE | ERROR | INFO | DEBUG | ALL (default INFO)
 *   --tls             HTTPS and WSS on the same port, with a self-signed certificate kept in .local/tls/
 *   --schedules       run the template's scheduled rules (AWS::Events::Rule) on their schedules
 *   --no-synth        use cdk.out/ as it is
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { JavaRuntimeError } from '../dynamodb/dynamodb-local';
import { ensureConsoleBundle } from '../console/bundle';
import { startLocalRuntime, type LocalRuntime } from '../runtime';
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
    tls: { type: 'boolean' },
    schedules: { type: 'boolean' },
  },
});

function step(message: string): void {
  process.stdout.write(`• ${message}\n`);
}

async function main(): Promise<void> {
  const logLevel = values['log-level']!.toUpperCase();
  if (!isLogLevel(logLevel)) throw new Error(`--log-level must be one of ${LOG_LEVELS.join(', ')}`);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, not ${values.port}`);

  const assemblyDir = resolve(projectDir, 'cdk.out');
  if (values['no-synth'] || assemblyIsFresh(projectDir, ['schema', 'resolvers', 'functions', 'infra', 'cdk.json'])) {
    step('cloud assembly cdk.out/ is up to date');
  } else {
    step('synthesizing the CDK app (npx cdk synth)…');
    const synth = spawnSync('npx', ['cdk', 'synth', '--quiet'], { cwd: projectDir, stdio: 'inherit' });
    if (synth.status !== 0) throw new Error('cdk synth failed; fix the error above and run npm start again');
  }
  step(`starting DynamoDB Local (${values.persist ? `data in ${values.persist}` : 'in memory'}), tables, seed data and the API…`);
  const host = values.host!;
  if (host !== '127.0.0.1' && host !== 'localhost' && host !== '::1') {
    process.stdout.write(`\n  WARNING: binding to ${host}. Local Cognito signs tokens with cognito-local's PUBLIC key pair: anyone who can reach\n  these ports can mint valid tokens. Use this only on a network you trust.\n\n`);
  }
  const runtime = await startLocalRuntime({ assemblyDir, port, host, persistDir: values.persist, seed: values.seed, logLevel, tls: values.tls, schedules: values.schedules });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    step(`${signal}: stopping the API, Lambda processes and DynamoDB Local…`);
    await runtime.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.stdout.write(banner(runtime));
  // Build the console's bundle now (or find it cached), so the first page load does not wait for it.
  ensureConsoleBundle().catch((error: unknown) => process.stderr.write(`console: building the bundle failed: ${(error as Error).message}\n`));
}

function banner(r: LocalRuntime): string {
  const lines = [
    '',
    `${r.model.api.name} is running locally (stack ${r.model.stackName})`,
    `  GraphQL      POST ${r.graphqlUrl}`,
    `  Real-time    ${r.realtimeUrl}`,
    `  Health       GET  ${r.url}/health`,
    `  Console      ${r.url}/  (GraphiQL with auth picker and resolver traces)`,
    `  DynamoDB     ${r.dynamodb.endpoint}${r.dynamodb.external ? ' (DYNAMODB_ENDPOINT)' : r.dynamodb.persistDir ? ` (data in ${r.dynamodb.persistDir})` : ' (in memory)'}`,
    `  Tables       ${r.tables.map((t) => `${t.tableName}${t.created ? '' : ' (existing)'}`).join(', ')}`,
  ];
  if (r.seededItems > 0) lines.push(`  Seed data    ${r.seededItems} items`);
  for (const k of r.apiKeys) lines.push(`  API key      ${k.value}  (header x-api-key)`);
  for (const u of r.model.unsupported) lines.push(`  Not served   ${u.logicalId} (${u.type}): ${u.reason}`);
  if (r.sqs) lines.push(`  SQS          ${r.sqs.endpoint}  (queues ${Object.values(r.sqs.queueUrls).map((u) => u.split('/').pop()).join(', ')})`);
  for (const m of r.model.eventSourceMappings) {
    const state = r.streams?.mappings.find((s) => s.logicalId === m.logicalId);
    const settings = [`batch ${m.batchSize}`, m.bisectBatchOnFunctionError ? 'bisect' : '', `retries ${m.maximumRetryAttempts < 0 ? '∞' : m.maximumRetryAttempts}`,
      m.onFailure ? `failures → ${m.onFailure.destinationArn.split(':').pop()}` : ''].filter(Boolean).join(', ');
    lines.push(`  Stream       ${m.tableName} → ${m.functionName} (${settings})${state?.state === 'polling' ? '' : ` ${state?.state ?? 'off'}${state?.error ? `: ${state.error}` : ''}`}`);
  }
  if (r.cognito) lines.push(`  Cognito      ${r.cognito.endpoint}  (cognito-local; pool ${r.cognito.pools.map((p) => `${p.id}, client ${p.clients.map((c) => c.id).join('/')}`).join('; ')})`);
  lines.push(`  IAM          access key ${r.iamCredentials.accessKeyId} (the Lambda functions sign with it too)`);
  lines.push(...lambdaBanner(r));
  if (r.tls) {
    lines.push('', `  TLS          self-signed certificate ${r.tls.certPath}${r.tls.created ? ' (new)' : ''}; trust it to connect:`,
      `    Node clients   NODE_EXTRA_CA_CERTS=${r.tls.certPath} node your-client.js`,
      `    curl           curl --cacert ${r.tls.certPath} ${r.url}/health`,
      `    browsers       import it as trusted (macOS Keychain "Always Trust", Windows Trusted Root, Firefox Certificates),`,
      `                   or open ${r.url}/health once and accept the warning; regenerate by deleting ${r.tls.certPath}`);
  }
  if (r.users.length > 0) {
    lines.push('', '  Users (sign in with USER_PASSWORD_AUTH; cognito-local has no SRP)');
    for (const u of r.users) lines.push(`    ${u.username.padEnd(8)} ${u.email.padEnd(20)} ${u.password}${u.groups.length ? `  groups: ${u.groups.join(', ')}` : ''}`);
    const portFlag = `${r.port === 20002 ? '' : ` --port ${r.port}`}${r.tls ? ' --tls' : ''}`;
    lines.push('', '  Get a token and query:',
      `    TOKEN=$(npm run --silent token -- ${r.users[0].username}${portFlag})`,
      `    curl -s${r.tls ? ` --cacert ${r.tls.certPath}` : ''} ${r.graphqlUrl} -H "authorization: $TOKEN" -H 'content-type: application/json' -d '{"query":"{ __typename }"}'`,
      '', '  Local tokens are for development only: cognito-local signs them with a publicly known key.');
  }
  lines.push('', 'Press Ctrl-C to stop.', '');
  return lines.join('\n');
}

/** The Lambda Invoke endpoint and the scheduled rules with their next runs. */
function lambdaBanner(r: LocalRuntime): string[] {
  const functions = Object.values(r.model.lambdas);
  if (functions.length === 0) return [];
  const portFlag = `${r.port === 20002 ? '' : ` --port ${r.port}`}${r.tls ? ' --tls' : ''}`;
  const lines = [
    `  Lambda       POST ${r.url}/2015-03-31/functions/<name>/invocations  (${functions.length} functions; npm run invoke -- <function>${portFlag})`,
    `               AWS CLI: AWS_ACCESS_KEY_ID=${r.iamCredentials.accessKeyId} AWS_SECRET_ACCESS_KEY='${r.iamCredentials.secretAccessKey}' \\`,
    `                 aws lambda invoke --endpoint-url ${r.url} --region ${r.model.region} --function-name ${functions[0].functionName} out.json`,
  ];
  for (const rule of r.schedules.list()) {
    const targets = rule.targets.map((t) => t.functionName).join(', ') || 'no targets';
    const when = rule.state !== 'ENABLED' ? rule.state.toLowerCase() : !r.schedules.running ? 'not running (npm start -- --schedules)' : rule.nextRun ? `next ${rule.nextRun.replace(/\.000Z$/, 'Z')}` : 'no run left';
    lines.push(`  Schedule     ${rule.name} ${rule.scheduleExpression} → ${targets}: ${when}`);
  }
  return lines;
}

main().catch((error: unknown) => {
  const message = error instanceof JavaRuntimeError || error instanceof Error ? error.message : String(error);
  process.stderr.write(`npm start failed: ${message}\n`);
  process.exit(1);
});
