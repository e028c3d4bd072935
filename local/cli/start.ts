/**
 * `npm start`: brings up the local stack from the cloud assembly `cdk synth` writes.
 *
 * What runs today: DynamoDB Local (in memory, or on disk with `--persist DIR`) with every table
 * the template declares. The GraphQL server, local Cognito and real-time endpoint are the next
 * issues; this says so rather than pretending. Ctrl-C stops everything it started.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createLocalDynamoDBClient } from '../datasources/dynamodb';
import { JavaRuntimeError, startDynamoDBLocal } from '../dynamodb/dynamodb-local';
import { ensureTables, tablePropertiesOf, type TableDefinition } from '../dynamodb/tables';
import { assemblyIsFresh } from './assembly-freshness';

const projectDir = process.cwd();
const { values } = parseArgs({ options: { persist: { type: 'string' }, 'no-synth': { type: 'boolean' } } });

function step(message: string): void {
  process.stdout.write(`• ${message}\n`);
}

/** The stack templates of the assembly and the tables they declare, named as the loader will name them. */
function tablesOfAssembly(assemblyDir: string): TableDefinition[] {
  const manifest = JSON.parse(readFileSync(join(assemblyDir, 'manifest.json'), 'utf8')) as {
    artifacts: Record<string, { type: string; properties?: { templateFile?: string } }>;
  };
  const tables: TableDefinition[] = [];
  for (const [stackName, artifact] of Object.entries(manifest.artifacts)) {
    if (artifact.type !== 'aws:cloudformation:stack' || !artifact.properties?.templateFile) continue;
    const template = JSON.parse(readFileSync(join(assemblyDir, artifact.properties.templateFile), 'utf8')) as {
      Resources: Record<string, { Type: string; Properties?: unknown }>;
    };
    for (const [logicalId, resource] of Object.entries(template.Resources)) {
      if (resource.Type !== 'AWS::DynamoDB::Table' && resource.Type !== 'AWS::DynamoDB::GlobalTable') continue;
      const properties = tablePropertiesOf(resource);
      const name = typeof properties.TableName === 'string' ? properties.TableName : `${stackName}-${logicalId}`;
      tables.push({ tableName: name, properties });
    }
  }
  return tables;
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
  const tables = await ensureTables(client, tablesOfAssembly(assemblyDir));
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
