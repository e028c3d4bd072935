/**
 * Overhead of the DynamoDB data source: the same GetItem sent straight with the SDK and through
 * `executeDynamoDBRequest` (the request object a resolver returns), same client, same process,
 * sequential calls against DynamoDB Local. Prints throughput of both and the ratio.
 *
 * Run alone: `npx tsx bench/dynamodb.bench.ts`.
 */
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { pathToFileURL } from 'node:url';
import { createLocalDynamoDBClient, executeDynamoDBRequest } from '../local/datasources/dynamodb';
import { startDynamoDBLocal } from '../local/dynamodb/dynamodb-local';
import { ensureTable } from '../local/dynamodb/tables';

const TABLE = 'bench_items';
const WARMUP_MS = 1_500;
const ROUND_MS = 2_000;
const ROUNDS = 2;

async function throughput(fn: () => Promise<void>, ms: number): Promise<{ ops: number; perSecond: number }> {
  let ops = 0;
  const start = performance.now();
  const end = start + ms;
  while (performance.now() < end) {
    await fn();
    ops++;
  }
  return { ops, perSecond: (ops * 1000) / (performance.now() - start) };
}

export async function run(): Promise<void> {
  const ddb = await startDynamoDBLocal();
  const client = createLocalDynamoDBClient({ endpoint: ddb.endpoint });
  try {
    await ensureTable(client, {
      tableName: TABLE,
      properties: {
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'S' },
        ],
        BillingMode: 'PAY_PER_REQUEST',
      },
    });
    await client.send(
      new PutItemCommand({
        TableName: TABLE,
        Item: {
          pk: { S: 'BOARD#1' },
          sk: { S: 'TASK#1' },
          title: { S: 'Write the benchmark' },
          position: { N: '3' },
          tags: { SS: ['bench', 'local'] },
          meta: { M: { createdBy: { S: 'user-1' }, version: { N: '7' } } },
        },
      }),
    );

    // What a resolver's request handler returns (numbers-as-JSON typed values, as util.dynamodb makes them).
    const request = { operation: 'GetItem', key: { pk: { S: 'BOARD#1' }, sk: { S: 'TASK#1' } }, consistentRead: false };
    const config = { client, tableName: TABLE };
    const direct = async () => {
      await client.send(new GetItemCommand({ TableName: TABLE, Key: { pk: { S: 'BOARD#1' }, sk: { S: 'TASK#1' } } }));
    };
    const viaDataSource = async () => {
      const response = await executeDynamoDBRequest(request, config);
      if (response.error) throw new Error(`${response.error.type}: ${response.error.message}`);
    };

    await throughput(direct, WARMUP_MS);
    await throughput(viaDataSource, WARMUP_MS);
    // Alternate rounds so drift (JIT, GC, the other core) hits both sides alike.
    const totals = { direct: { ops: 0, ms: 0 }, dataSource: { ops: 0, ms: 0 } };
    for (let round = 0; round < ROUNDS; round++) {
      const d = await throughput(direct, ROUND_MS);
      totals.direct.ops += d.ops;
      totals.direct.ms += (d.ops * 1000) / d.perSecond;
      const s = await throughput(viaDataSource, ROUND_MS);
      totals.dataSource.ops += s.ops;
      totals.dataSource.ms += (s.ops * 1000) / s.perSecond;
    }
    const directPerSecond = (totals.direct.ops * 1000) / totals.direct.ms;
    const dataSourcePerSecond = (totals.dataSource.ops * 1000) / totals.dataSource.ms;
    const line = (label: string, perSecond: number, ops: number) =>
      `  ${label.padEnd(34)} ${perSecond.toFixed(0).padStart(6)} ops/s  ${(1000 / perSecond).toFixed(3)} ms/op  (${ops} calls)`;
    console.log('DynamoDB GetItem, sequential, DynamoDB Local (same client, same process)');
    console.log(line('SDK GetItemCommand', directPerSecond, totals.direct.ops));
    console.log(line('executeDynamoDBRequest(GetItem)', dataSourcePerSecond, totals.dataSource.ops));
    console.log(`  ratio data source / SDK: ${(dataSourcePerSecond / directPerSecond).toFixed(3)} (1.000 = no overhead)`);
  } finally {
    client.destroy();
    await ddb.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  run().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
