/**
 * Creates DynamoDB tables from CloudFormation table definitions (`AWS::DynamoDB::Table` or
 * `AWS::DynamoDB::GlobalTable` Properties, intrinsics already resolved). Idempotent: a table that
 * already exists is left exactly as it is.
 */
import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceInUseException,
  ResourceNotFoundException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  type AttributeDefinition,
  type CreateTableCommandInput,
  type DynamoDBClient,
  type GlobalSecondaryIndex,
  type KeySchemaElement,
  type LocalSecondaryIndex,
  type Projection,
  type ProvisionedThroughput,
  type StreamViewType,
} from '@aws-sdk/client-dynamodb';

/** The CloudFormation Properties this module understands; everything else (SSE, PITR, Tags, Replicas...) is ignored. */
export interface CfnTableProperties {
  TableName?: string;
  KeySchema: KeySchemaElement[];
  AttributeDefinitions: AttributeDefinition[];
  BillingMode?: 'PAY_PER_REQUEST' | 'PROVISIONED' | string;
  ProvisionedThroughput?: CfnThroughput;
  GlobalSecondaryIndexes?: CfnGlobalSecondaryIndex[];
  LocalSecondaryIndexes?: CfnLocalSecondaryIndex[];
  StreamSpecification?: { StreamViewType?: StreamViewType | string; StreamEnabled?: boolean };
  TimeToLiveSpecification?: { AttributeName?: string; Enabled?: boolean | string };
  /** GlobalTable: provisioned write capacity (auto scaling settings are ignored). */
  WriteProvisionedThroughputSettings?: unknown;
  [other: string]: unknown;
}

/** CloudFormation may carry numbers as strings. */
interface CfnThroughput {
  ReadCapacityUnits: number | string;
  WriteCapacityUnits: number | string;
}

interface CfnGlobalSecondaryIndex {
  IndexName: string;
  KeySchema: KeySchemaElement[];
  Projection: Projection;
  ProvisionedThroughput?: CfnThroughput;
  [other: string]: unknown;
}

interface CfnLocalSecondaryIndex {
  IndexName: string;
  KeySchema: KeySchemaElement[];
  Projection: Projection;
}

export interface TableDefinition {
  /** The physical table name to create (CloudFormation's TableName is often an intrinsic). */
  tableName: string;
  properties: CfnTableProperties;
}

export interface EnsureTableResult {
  tableName: string;
  created: boolean;
}

const DEFAULT_THROUGHPUT: ProvisionedThroughput = { ReadCapacityUnits: 5, WriteCapacityUnits: 5 };

function throughput(value: CfnThroughput | undefined): ProvisionedThroughput {
  if (!value) return DEFAULT_THROUGHPUT;
  return { ReadCapacityUnits: Number(value.ReadCapacityUnits), WriteCapacityUnits: Number(value.WriteCapacityUnits) };
}

function isProvisioned(p: CfnTableProperties): boolean {
  // CloudFormation's default billing mode for AWS::DynamoDB::Table is PROVISIONED (with ProvisionedThroughput).
  return p.BillingMode === 'PROVISIONED' || (p.BillingMode === undefined && p.ProvisionedThroughput !== undefined);
}

/** CloudFormation Properties → CreateTable input. Pure; exported for tests. */
export function createTableInput(tableName: string, p: CfnTableProperties): CreateTableCommandInput {
  const provisioned = isProvisioned(p);
  const input: CreateTableCommandInput = {
    TableName: tableName,
    KeySchema: p.KeySchema,
    AttributeDefinitions: p.AttributeDefinitions,
    BillingMode: provisioned ? 'PROVISIONED' : 'PAY_PER_REQUEST',
    ...(provisioned ? { ProvisionedThroughput: throughput(p.ProvisionedThroughput) } : {}),
  };
  if (p.GlobalSecondaryIndexes?.length) {
    input.GlobalSecondaryIndexes = p.GlobalSecondaryIndexes.map(
      (gsi): GlobalSecondaryIndex => ({
        IndexName: gsi.IndexName,
        KeySchema: gsi.KeySchema,
        Projection: gsi.Projection,
        ...(provisioned ? { ProvisionedThroughput: throughput(gsi.ProvisionedThroughput ?? p.ProvisionedThroughput) } : {}),
      }),
    );
  }
  if (p.LocalSecondaryIndexes?.length) {
    input.LocalSecondaryIndexes = p.LocalSecondaryIndexes.map(
      (lsi): LocalSecondaryIndex => ({ IndexName: lsi.IndexName, KeySchema: lsi.KeySchema, Projection: lsi.Projection }),
    );
  }
  const stream = p.StreamSpecification;
  // CloudFormation enables a stream by giving a view type (GlobalTable: StreamEnabled may be explicit).
  if (stream?.StreamViewType && stream.StreamEnabled !== false) {
    input.StreamSpecification = { StreamEnabled: true, StreamViewType: stream.StreamViewType as StreamViewType };
  }
  return input;
}

function ttlAttribute(p: CfnTableProperties): string | undefined {
  const ttl = p.TimeToLiveSpecification;
  const enabled = ttl?.Enabled === true || ttl?.Enabled === 'true';
  return enabled && ttl?.AttributeName ? ttl.AttributeName : undefined;
}

async function tableExists(client: DynamoDBClient, tableName: string): Promise<boolean> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return true;
  } catch (error) {
    if (error instanceof ResourceNotFoundException || (error as Error).name === 'ResourceNotFoundException') return false;
    throw error;
  }
}

async function waitUntilActive(client: DynamoDBClient, tableName: string): Promise<void> {
  // DynamoDB Local creates tables ACTIVE at once, but an index added by UpdateTable backfills for
  // a while (longer on a busy machine); a real endpoint takes longer still.
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    // An index added by UpdateTable backfills while the table is already ACTIVE.
    if (Table?.TableStatus === 'ACTIVE' && (Table.GlobalSecondaryIndexes ?? []).every((i) => i.IndexStatus === undefined || i.IndexStatus === 'ACTIVE')) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Table ${tableName} did not become ACTIVE.`);
}

/** Creates the table unless it exists; enables TTL when the definition declares it. */
export async function ensureTable(client: DynamoDBClient, definition: TableDefinition): Promise<EnsureTableResult> {
  const { tableName, properties } = definition;
  if (await tableExists(client, tableName)) return { tableName, created: false };
  try {
    await client.send(new CreateTableCommand(createTableInput(tableName, properties)));
  } catch (error) {
    // Created concurrently by someone else: same outcome as "already there".
    if (error instanceof ResourceInUseException || (error as Error).name === 'ResourceInUseException') return { tableName, created: false };
    throw error;
  }
  await waitUntilActive(client, tableName);
  const ttl = ttlAttribute(properties);
  if (ttl) {
    await client.send(new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: { AttributeName: ttl, Enabled: true } }));
  }
  return { tableName, created: true };
}

export interface ReconcileTableResult extends EnsureTableResult {
  /** Global secondary indexes added to the existing table (UpdateTable). */
  addedIndexes: string[];
  /** Whether a stream was enabled on the existing table. */
  streamEnabled: boolean;
  /** Changes DynamoDB cannot make to an existing table (key schema, local indexes, changed index keys), or that are left alone (an index no longer declared). */
  notApplied: string[];
}

/**
 * For a definition that changed while the table exists (hot reload): creates the table if it is
 * missing, adds the global secondary indexes it now declares and enables a newly declared stream,
 * each in place as DynamoDB allows; reports what it cannot change without recreating the table.
 */
export async function reconcileTable(client: DynamoDBClient, definition: TableDefinition): Promise<ReconcileTableResult> {
  const ensured = await ensureTable(client, definition);
  const result: ReconcileTableResult = { ...ensured, addedIndexes: [], streamEnabled: false, notApplied: [] };
  if (ensured.created) return result;
  const { tableName } = definition;
  const wanted = createTableInput(tableName, definition.properties);
  const { Table: table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
  const keys = (schema: KeySchemaElement[] | undefined) => JSON.stringify((schema ?? []).map((k) => [k.AttributeName, k.KeyType]));
  if (keys(table?.KeySchema) !== keys(wanted.KeySchema)) result.notApplied.push('key schema changed');
  const lsiNames = (list: Array<{ IndexName?: string }> | undefined) => (list ?? []).map((i) => i.IndexName).sort().join(',');
  if (lsiNames(table?.LocalSecondaryIndexes) !== lsiNames(wanted.LocalSecondaryIndexes)) result.notApplied.push('local secondary indexes changed');
  const existing = new Map((table?.GlobalSecondaryIndexes ?? []).map((i) => [i.IndexName, i]));
  for (const index of wanted.GlobalSecondaryIndexes ?? []) {
    const current = existing.get(index.IndexName);
    if (current) {
      if (keys(current.KeySchema) !== keys(index.KeySchema)) result.notApplied.push(`index ${index.IndexName}: key schema changed`);
      continue;
    }
    await client.send(new UpdateTableCommand({
      TableName: tableName, AttributeDefinitions: wanted.AttributeDefinitions, GlobalSecondaryIndexUpdates: [{ Create: index }],
    }));
    await waitUntilActive(client, tableName);
    result.addedIndexes.push(index.IndexName!);
  }
  const declared = new Set((wanted.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName));
  for (const name of existing.keys()) if (name && !declared.has(name)) result.notApplied.push(`index ${name} is no longer declared (kept)`);
  const stream = table?.StreamSpecification;
  if (wanted.StreamSpecification && !stream?.StreamEnabled) {
    await client.send(new UpdateTableCommand({ TableName: tableName, StreamSpecification: wanted.StreamSpecification }));
    await waitUntilActive(client, tableName);
    result.streamEnabled = true;
  } else if (wanted.StreamSpecification && stream?.StreamViewType !== wanted.StreamSpecification.StreamViewType) {
    result.notApplied.push(`stream view type changed to ${wanted.StreamSpecification.StreamViewType}`);
  } else if (!wanted.StreamSpecification && stream?.StreamEnabled) {
    result.notApplied.push('stream no longer declared (kept)');
  }
  return result;
}

export async function ensureTables(client: DynamoDBClient, definitions: TableDefinition[]): Promise<EnsureTableResult[]> {
  const results: EnsureTableResult[] = [];
  for (const definition of definitions) results.push(await ensureTable(client, definition));
  return results;
}

/** Accepts a whole CloudFormation resource (`{Type, Properties}`) and returns its Properties. */
export function tablePropertiesOf(resource: { Type?: string; Properties?: unknown }): CfnTableProperties {
  if (resource.Type !== 'AWS::DynamoDB::Table' && resource.Type !== 'AWS::DynamoDB::GlobalTable') {
    throw new Error(`Not a DynamoDB table resource: ${String(resource.Type)}`);
  }
  return resource.Properties as CfnTableProperties;
}
