/**
 * `npm start`: brings up the local stack from the cloud assembly `cdk synth` writes.
 *
 * What runs today: DynamoDB Local (in memory, or on disk with `--persist DIR`) with every table
 * the template declares. The GraphQL server, local Cognito and real-time endpoint are the next
 * issues; this says so rather than pretending. Ctrl-C stops everything it started.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createLocalDynamoDBClient } from '../datasources/dynamodb';
import { JavaRuntimeError, startDynamoDBLocal } from '../dynamodb/dynamodb-local';
import { ensureTables, type CfnTableProperties } from '../dynamodb/tables';
import { loadApi } from '../assembly/load-api';
import { assemblyIsFresh } from './assembly-freshness';

const projectDir = process.cwd();
const { values } = parseArgs({ options: { persist: { type: 'string' }, 'no-synth': { type: 'boolean' } } });

function step(message: string): void {
  process.stdout.write(`• ${message}\n`);
}

async function main(): Promise<void> {
  const assemblyDir = resolve(projectDir, 'cdk.out');
  if (values['no-synth'] || assemblyIsFresh(projectDir, ['schema', 'resolvers', 'functions', 'infra', 'cdk.json'])) {
    step('cloud assembly cdk.out/ is up to date');
  } else {
    step('synthesizing the CDK app (npx cdk synth)…');
    const synth = spawnSync('npx', ['cdk', 'synth', '--quiet'], { cwd: projectDir, stdio: 'inherit' });
    if (synth.status !== 0) throw new Error('cdk synth failed; fix the error above and run npm start again');
  }

  step(`starting DynamoDB Local (${values.persist ? `data in ${values.persist}` : 'in memory'})…`);
  const dynamodb = await startDynamoDBLocal({ persistDir: values.persist });
  // DynamoDB Local's process does not hold the event loop open; this does, until Ctrl-C.
  const keepAlive = setInterval(() => {}, 1 << 30);
  const stop = async () => {
    clearInterval(keepAlive);
    step('stopping DynamoDB Local…');
    await dynamodb.stop();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);

  const client = createLocalDynamoDBClient({ endpoint: dynamodb.endpoint });
  const model = loadApi(assemblyDir);
  for (const u of model.unsupported) step(`not served: ${u.logicalId} (${u.type}): ${u.reason}`);
  const tables = await ensureTables(client, model.tables.map((t) => ({ tableName: t.tableName, properties: t.properties as unknown as CfnTableProperties })));
  client.destroy();

  process.stdout.write(`
Taskboard local stack
  DynamoDB Local   ${dynamodb.endpoint}${dynamodb.external ? ' (DYNAMODB_ENDPOINT)' : ''}
  tables           ${tables.map((t) => `${t.tableName}${t.created ? '' : ' (existing)'}`).join(', ')}

Not served yet: the GraphQL endpoint, local Cognito and the real-time endpoint land with the
local server, auth and real-time issues (see the README's Status). Press Ctrl-C to stop.
`);
}

main().catch((error: unknown) => {
  const message = error instanceof JavaRuntimeError || error instanceof Error ? error.message : String(error);
  process.stderr.write(`npm start failed: ${message}\n`);
  process.exit(1);
});
