/**
 * The AppSync DynamoDB data source against a real DynamoDB Local: every operation, the result
 * shapes AppSync puts in ctx.result, and every error path.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createLocalDynamoDBClient,
  executeDynamoDBRequest,
  type DynamoDBCallRecord,
  type DynamoDBDataSourceConfig,
  type DynamoDBDataSourceResponse,
} from '../../../local/datasources/dynamodb';
import { freePort, startDynamoDBLocal, type DynamoDBLocal } from '../../../local/dynamodb/dynamodb-local';
import { ensureTables } from '../../../local/dynamodb/tables';

const TABLE = 'ds_items';
const OTHER_TABLE = 'ds_others';
// Batch/transaction requests name tables; the second one by a logical name mapped to its physical table.
const OTHER_LOGICAL = 'Others';

let ddb: DynamoDBLocal;
let client: DynamoDBClient;
const calls: DynamoDBCallRecord[] = [];

const s = (v: string) => ({ S: v });
const n = (v: number) => ({ N: v });
const key = (pk: string, sk: string) => ({ pk: s(pk), sk: s(sk) });

function config(extra: Partial<DynamoDBDataSourceConfig> = {}): DynamoDBDataSourceConfig {
  return {
    client,
    tableName: TABLE,
    resolveTableName: (name) => (name === OTHER_LOGICAL ? OTHER_TABLE : name),
    onCall: (record) => calls.push(record),
    ...extra,
  };
}

const run = (request: unknown, extra?: Partial<DynamoDBDataSourceConfig>): Promise<DynamoDBDataSourceResponse> =>
  executeDynamoDBRequest(request, config(extra));

async function ok(request: unknown, extra?: Partial<DynamoDBDataSourceConfig>): Promise<unknown> {
  const response = await run(request, extra);
  expect(response.error).toBeUndefined();
  return response.result;
}

const put = (k: ReturnType<typeof key>, attributeValues: Record<string, unknown> = {}) => ok({ operation: 'PutItem', key: k, attributeValues });

const CONDITION_MESSAGE = /^The conditional request failed \(Service: DynamoDb, Status Code: 400, Request ID: .+\)$/;

beforeAll(async () => {
  ddb = await startDynamoDBLocal();
  client = createLocalDynamoDBClient({ endpoint: ddb.endpoint });
  const keySchema = [
    { AttributeName: 'pk', KeyType: 'HASH' as const },
    { AttributeName: 'sk', KeyType: 'RANGE' as const },
  ];
  await ensureTables(client, [
    {
      tableName: TABLE,
      properties: {
        KeySchema: keySchema,
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'S' },
          { AttributeName: 'owner', AttributeType: 'S' },
          { AttributeName: 'rank', AttributeType: 'N' },
        ],
        BillingMode: 'PAY_PER_REQUEST',
        GlobalSecondaryIndexes: [
          {
            IndexName: 'byOwner',
            KeySchema: [
              { AttributeName: 'owner', KeyType: 'HASH' },
              { AttributeName: 'rank', KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          },
        ],
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      },
    },
    {
      tableName: OTHER_TABLE,
      properties: {
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
      },
    },
  ]);
});

afterAll(async () => {
  client?.destroy();
  await ddb?.stop();
});

describe('GetItem / PutItem', () => {
  it('returns null for a missing item', async () => {
    expect(await run({ operation: 'GetItem', key: key('get', 'missing') })).toEqual({ result: null });
  });

  it('PutItem returns the item written (key ∪ attributeValues) and numbers may be JSON numbers', async () => {
    const result = await put(key('get', '1'), { title: s('hello'), count: n(12), ratio: { N: '0.5' }, gone: { NULL: null } });
    expect(result).toEqual({ pk: 'get', sk: '1', title: 'hello', count: 12, ratio: 0.5, gone: null });
    expect(await ok({ operation: 'GetItem', key: key('get', '1'), consistentRead: true })).toEqual(result);
  });

  it('applies a projection', async () => {
    await put(key('get', 'p'), { a: s('A'), b: s('B'), nested: { M: { x: n(1), y: n(2) } } });
    const result = await ok({
      operation: 'GetItem',
      key: key('get', 'p'),
      projection: { expression: '#a, nested.x', expressionNames: { '#a': 'a' } },
    });
    expect(result).toEqual({ a: 'A', nested: { x: 1 } });
  });

  it('round-trips sets, binary, lists and maps into plain JSON', async () => {
    const bytes = Buffer.from([0, 1, 2, 250, 255]).toString('base64');
    await put(key('types', '1'), {
      tags: { SS: ['b', 'a'] },
      scores: { NS: [1, 2.5, '3'] },
      blobs: { BS: [bytes, 'AQ=='] },
      blob: { B: bytes },
      flag: { BOOL: false },
      list: { L: [s('x'), n(7), { M: { deep: { BOOL: true } } }, { NULL: true }] },
      map: { M: { inner: { L: [] }, label: s('m') } },
    });
    const item = (await ok({ operation: 'GetItem', key: key('types', '1') })) as Record<string, unknown>;
    expect([...(item.tags as string[])].sort()).toEqual(['a', 'b']);
    expect([...(item.scores as number[])].sort()).toEqual([1, 2.5, 3]);
    expect([...(item.blobs as string[])].sort()).toEqual(['AQ==', bytes].sort());
    expect(item.blob).toBe(bytes);
    expect(item.flag).toBe(false);
    expect(item.list).toEqual(['x', 7, { deep: true }, null]);
    expect(item.map).toEqual({ inner: [], label: 'm' });
  });
});

describe('conditional writes', () => {
  it('Put against a different stored item fails with the current item as result', async () => {
    await put(key('cond', '1'), { title: s('stored'), version: n(1) });
    const response = await run({
      operation: 'PutItem',
      key: key('cond', '1'),
      attributeValues: { title: s('new'), version: n(2) },
      condition: { expression: 'attribute_not_exists(pk)' },
    });
    expect(response.error?.type).toBe('DynamoDB:ConditionalCheckFailedException');
    expect(response.error?.message).toMatch(CONDITION_MESSAGE);
    expect(response.result).toEqual({ pk: 'cond', sk: '1', title: 'stored', version: 1 });
  });

  it('Put whose stored item already equals the new item succeeds', async () => {
    await put(key('cond', 'same'), { title: s('x'), tags: { SS: ['a', 'b'] } });
    const response = await run({
      operation: 'PutItem',
      key: key('cond', 'same'),
      attributeValues: { title: s('x'), tags: { SS: ['b', 'a'] } },
      condition: { expression: 'attribute_not_exists(pk)' },
    });
    expect(response).toEqual({ result: { pk: 'cond', sk: 'same', title: 'x', tags: expect.arrayContaining(['a', 'b']) } });
  });

  it('honours equalsIgnore', async () => {
    await put(key('cond', 'ignore'), { title: s('x'), version: n(8) });
    const request = {
      operation: 'PutItem',
      key: key('cond', 'ignore'),
      attributeValues: { title: s('x'), version: n(2) },
      condition: { expression: 'version = :expected', expressionValues: { ':expected': n(1) }, equalsIgnore: ['version'] },
    };
    const ignored = await run(request);
    expect(ignored.error).toBeUndefined();
    expect(ignored.result).toEqual({ pk: 'cond', sk: 'ignore', title: 'x', version: 8 });

    const strict = await run({ ...request, condition: { ...request.condition, equalsIgnore: [] } });
    expect(strict.error?.type).toBe('DynamoDB:ConditionalCheckFailedException');
    expect(strict.result).toEqual({ pk: 'cond', sk: 'ignore', title: 'x', version: 8 });
  });

  it('accepts a condition as a JSON string with empty expressionValues/expressionNames', async () => {
    const condition = JSON.stringify({ expression: 'attribute_not_exists(#pk)', expressionNames: { '#pk': 'pk' }, expressionValues: {} });
    expect(await ok({ operation: 'PutItem', key: key('cond', 'json'), attributeValues: {}, condition })).toEqual({ pk: 'cond', sk: 'json' });
    const noNames = JSON.stringify({ expression: 'attribute_exists(pk)', expressionNames: {}, expressionValues: {} });
    expect(await ok({ operation: 'DeleteItem', key: key('cond', 'json'), condition: noNames })).toEqual({ pk: 'cond', sk: 'json' });
  });

  it('Update with a failing condition returns the current item and never compares', async () => {
    await put(key('cond', 'upd'), { version: n(3) });
    const response = await run({
      operation: 'UpdateItem',
      key: key('cond', 'upd'),
      update: { expression: 'SET version = :v', expressionValues: { ':v': n(3) } },
      condition: { expression: 'version = :expected', expressionValues: { ':expected': n(2) } },
    });
    expect(response.error?.type).toBe('DynamoDB:ConditionalCheckFailedException');
    expect(response.result).toEqual({ pk: 'cond', sk: 'upd', version: 3 });
  });

  it('Delete of an already-missing item succeeds; of a different item fails', async () => {
    const gone = await run({ operation: 'DeleteItem', key: key('cond', 'never'), condition: { expression: 'attribute_exists(pk)' } });
    expect(gone).toEqual({ result: null });

    await put(key('cond', 'del'), { owner: s('ann') });
    const response = await run({
      operation: 'DeleteItem',
      key: key('cond', 'del'),
      condition: { expression: '#o = :o', expressionNames: { '#o': 'owner' }, expressionValues: { ':o': s('bob') } },
    });
    expect(response.error?.type).toBe('DynamoDB:ConditionalCheckFailedException');
    expect(response.result).toEqual({ pk: 'cond', sk: 'del', owner: 'ann' });
  });

  it('Custom strategy: discard, retry and reject through the configured handler', async () => {
    await put(key('cond', 'custom'), { version: n(5) });
    const request = {
      operation: 'UpdateItem',
      key: key('cond', 'custom'),
      update: { expression: 'SET version = version + :one', expressionValues: { ':one': n(1) } },
      condition: {
        expression: 'version = :expected',
        expressionValues: { ':expected': n(4) },
        conditionalCheckFailedHandler: { strategy: 'Custom', lambdaArn: 'arn:aws:lambda:us-east-1:000000000000:function:resolve' },
      },
    };
    const events: unknown[] = [];
    const discard = await run(request, {
      conditionalCheckFailedHandler: async (event) => {
        events.push(event);
        return { action: 'discard' };
      },
    });
    expect(discard).toEqual({ result: { pk: 'cond', sk: 'custom', version: 5 } });
    expect(events[0]).toMatchObject({ lambdaArn: request.condition.conditionalCheckFailedHandler.lambdaArn, currentValue: { version: { N: '5' } } });

    const retry = await run(request, {
      conditionalCheckFailedHandler: async () => ({
        action: 'retry',
        retryMapping: { condition: { expression: 'version = :expected', expressionValues: { ':expected': n(5) } } },
      }),
    });
    expect(retry).toEqual({ result: { pk: 'cond', sk: 'custom', version: 6 } });

    const reject = await run(request, { conditionalCheckFailedHandler: async () => ({ action: 'reject' }) });
    expect(reject.error?.type).toBe('DynamoDB:ConditionalCheckFailedException');
    expect(reject.result).toEqual({ pk: 'cond', sk: 'custom', version: 6 });
  });
});

describe('UpdateItem / DeleteItem', () => {
  it('UpdateItem returns ALL_NEW', async () => {
    await put(key('upd', '1'), { count: n(1), keep: s('k') });
    const result = await ok({
      operation: 'UpdateItem',
      key: key('upd', '1'),
      update: {
        expression: 'SET #c = #c + :inc, tags = :tags REMOVE keep',
        expressionNames: { '#c': 'count' },
        expressionValues: { ':inc': n(2), ':tags': { SS: ['t'] } },
      },
    });
    expect(result).toEqual({ pk: 'upd', sk: '1', count: 3, tags: ['t'] });
  });

  it('DeleteItem returns ALL_OLD, or null when nothing was there', async () => {
    await put(key('del', '1'), { v: s('old') });
    expect(await ok({ operation: 'DeleteItem', key: key('del', '1') })).toEqual({ pk: 'del', sk: '1', v: 'old' });
    expect(await ok({ operation: 'DeleteItem', key: key('del', '1') })).toBeNull();
  });

  it('a bad expression is a DynamoDB:DynamoDbException with DynamoDB\'s message', async () => {
    const response = await run({ operation: 'UpdateItem', key: key('upd', '1'), update: { expression: 'SET = oops' } });
    expect(response.result).toBeNull();
    expect(response.error?.type).toBe('DynamoDB:DynamoDbException');
    expect(response.error?.message).toMatch(/Invalid UpdateExpression.*\(Service: DynamoDb, Status Code: 400, Request ID: .+\)$/);
  });
});

describe('Query / Scan / Sync', () => {
  beforeAll(async () => {
    for (let i = 1; i <= 5; i++) {
      await put(key('q', `item#${i}`), { owner: s(i % 2 ? 'ann' : 'bob'), rank: n(i), size: s(i > 1 ? 'big' : 'small'), _lastChangedAt: n(1000 * i) });
    }
  });

  const queryRequest = { operation: 'Query', query: { expression: 'pk = :pk', expressionValues: { ':pk': s('q') } } };

  it('pages through all items with nextToken, null after the last page', async () => {
    const seen: string[] = [];
    let nextToken: string | null = null;
    let pages = 0;
    do {
      const page = (await ok({ ...queryRequest, limit: 2, nextToken })) as { items: Array<{ sk: string }>; nextToken: string | null; scannedCount: number };
      seen.push(...page.items.map((i) => i.sk));
      expect(page.scannedCount).toBe(page.items.length);
      nextToken = page.nextToken;
      pages++;
    } while (nextToken);
    expect(seen).toEqual(['item#1', 'item#2', 'item#3', 'item#4', 'item#5']);
    expect(pages).toBe(3);
  });

  it('queries an index backwards with a filter given as a JSON string', async () => {
    const result = await ok({
      operation: 'Query',
      index: 'byOwner',
      query: { expression: '#o = :o', expressionNames: { '#o': 'owner' }, expressionValues: { ':o': s('ann') } },
      filter: JSON.stringify({ expression: '#size = :big', expressionNames: { '#size': 'size' }, expressionValues: { ':big': s('big') } }),
      scanIndexForward: false,
    });
    expect(result).toEqual({
      items: [expect.objectContaining({ rank: 5 }), expect.objectContaining({ rank: 3 })],
      nextToken: null,
      scannedCount: 3,
    });
  });

  it('rejects a forged, tampered or foreign nextToken', async () => {
    const first = (await ok({ ...queryRequest, limit: 1 })) as { nextToken: string };
    const expectInvalid = (response: DynamoDBDataSourceResponse) => {
      expect(response.result).toBeNull();
      expect(response.error?.type).toBe('DynamoDB:UserIllegalArgumentException');
      expect(response.error?.message).toMatch(/Invalid pagination token/);
    };
    // A plausible token built by hand (the LastEvaluatedKey without a valid MAC).
    const forged = Buffer.from(JSON.stringify({ version: 1, token: Buffer.from('{"key":{"pk":{"S":"q"},"sk":{"S":"item#3"}}}').toString('base64url'), mac: 'AAAA' })).toString('base64');
    expectInvalid(await run({ ...queryRequest, nextToken: forged }));
    expectInvalid(await run({ ...queryRequest, nextToken: 'not-a-token' }));
    expectInvalid(await run({ ...queryRequest, nextToken: first.nextToken.slice(0, -4) + 'AAA=' }));
    // Issued for the table, replayed against an index, a Scan, or another resolver scope.
    expectInvalid(await run({ ...queryRequest, index: 'byOwner', nextToken: first.nextToken }));
    expectInvalid(await run({ operation: 'Scan', nextToken: first.nextToken }));
    expectInvalid(await run({ ...queryRequest, nextToken: first.nextToken }, { paginationScope: 'Query.other' }));
    // ...and still valid where it was issued.
    expect(await ok({ ...queryRequest, limit: 1, nextToken: first.nextToken })).toMatchObject({ items: [{ sk: 'item#2' }] });
  });

  it('scans with a filter and pages', async () => {
    const filter = { expression: 'pk = :pk', expressionValues: { ':pk': s('q') } };
    const items: unknown[] = [];
    let nextToken: string | null = null;
    do {
      const page = (await ok({ operation: 'Scan', filter, limit: 10, nextToken })) as { items: unknown[]; nextToken: string | null };
      items.push(...page.items);
      nextToken = page.nextToken;
    } while (nextToken);
    expect(items).toHaveLength(5);
    const segment = (await ok({ operation: 'Scan', filter, segment: 0, totalSegments: 1 })) as { items: unknown[] };
    expect(segment.items).toHaveLength(5);
  });

  it('Sync returns startedAt, keeps it across pages, and filters by lastSync', async () => {
    const filter = { expression: 'pk = :pk', expressionValues: { ':pk': s('q') } };
    const first = (await ok({ operation: 'Sync', filter, limit: 1000 })) as { items: unknown[]; nextToken: string | null; startedAt: number; scannedCount: number };
    expect(first.items).toHaveLength(5);
    expect(typeof first.startedAt).toBe('number');

    // Limit counts evaluated items, so page through the whole table one item at a time.
    const pages: Array<{ startedAt: number; items: unknown[] }> = [];
    let nextToken: string | null = null;
    do {
      const page = (await ok({ operation: 'Sync', filter, limit: 1, lastSync: 3000, nextToken })) as { items: unknown[]; nextToken: string | null; startedAt: number };
      pages.push(page);
      nextToken = page.nextToken;
    } while (nextToken);
    expect(new Set(pages.map((p) => p.startedAt)).size).toBe(1);
    const changed = pages.flatMap((p) => p.items) as Array<{ _lastChangedAt: number }>;
    expect(changed.map((i) => i._lastChangedAt).sort()).toEqual([3000, 4000, 5000]);
  });
});

describe('batch operations', () => {
  it('BatchGetItem: by table, in request order, null for missing, unprocessedKeys always present', async () => {
    await put(key('batch', '1'), { v: n(1) });
    await put(key('batch', '2'), { v: n(2) });
    await ok({ operation: 'BatchPutItem', tables: { [OTHER_LOGICAL]: [{ id: s('o1'), name: s('other') }] } });
    const result = await ok({
      operation: 'BatchGetItem',
      tables: {
        [TABLE]: { keys: [key('batch', '2'), key('batch', 'missing'), key('batch', '1')], consistentRead: true },
        // The shape of one docs example: a bare list of keys.
        [OTHER_LOGICAL]: [{ id: s('nope') }, { id: s('o1') }],
      },
    });
    expect(result).toEqual({
      data: {
        [TABLE]: [{ pk: 'batch', sk: '2', v: 2 }, null, { pk: 'batch', sk: '1', v: 1 }],
        [OTHER_LOGICAL]: [null, { id: 'o1', name: 'other' }],
      },
      unprocessedKeys: { [TABLE]: [], [OTHER_LOGICAL]: [] },
    });
  });

  it('BatchGetItem with a projection that leaves out the key still matches results to keys', async () => {
    const result = await ok({
      operation: 'BatchGetItem',
      tables: { [TABLE]: { keys: [key('batch', '1'), key('batch', 'x'), key('batch', '2')], projection: { expression: 'v' } } },
    });
    expect(result).toEqual({ data: { [TABLE]: [{ v: 1 }, null, { v: 2 }] }, unprocessedKeys: { [TABLE]: [] } });
  });

  it('BatchPutItem returns the items; BatchDeleteItem returns the keys', async () => {
    const putResult = await ok({
      operation: 'BatchPutItem',
      tables: { [TABLE]: [{ ...key('bw', '1'), v: n(1) }, { ...key('bw', '2'), v: { SS: ['a'] } }], [OTHER_LOGICAL]: [{ id: s('bw') }] },
    });
    expect(putResult).toEqual({
      data: { [TABLE]: [{ pk: 'bw', sk: '1', v: 1 }, { pk: 'bw', sk: '2', v: ['a'] }], [OTHER_LOGICAL]: [{ id: 'bw' }] },
      unprocessedItems: { [TABLE]: [], [OTHER_LOGICAL]: [] },
    });
    const deleteResult = await ok({ operation: 'BatchDeleteItem', tables: { [TABLE]: [key('bw', '1'), key('bw', '2')], [OTHER_LOGICAL]: [{ id: s('bw') }] } });
    expect(deleteResult).toEqual({
      data: { [TABLE]: [{ pk: 'bw', sk: '1' }, { pk: 'bw', sk: '2' }], [OTHER_LOGICAL]: [{ id: 'bw' }] },
      unprocessedKeys: { [TABLE]: [], [OTHER_LOGICAL]: [] },
    });
    expect(await ok({ operation: 'GetItem', key: key('bw', '1') })).toBeNull();
  });
});

describe('transactions', () => {
  it('TransactGetItems: items in request order, null for missing', async () => {
    await put(key('tx', 'a'), { v: n(1) });
    const result = await ok({
      operation: 'TransactGetItems',
      transactItems: [
        { table: TABLE, key: key('tx', 'missing') },
        { table: TABLE, key: key('tx', 'a'), projection: { expression: '#v', expressionNames: { '#v': 'v' } } },
      ],
    });
    expect(result).toEqual({ items: [null, { v: 1 }], cancellationReasons: null });
  });

  it('TransactWriteItems: keys in request order on success', async () => {
    await put(key('tx', 'counter'), { count: n(0) });
    const result = await ok({
      operation: 'TransactWriteItems',
      transactItems: [
        { table: TABLE, operation: 'PutItem', key: key('tx', 'new'), attributeValues: { v: n(1) }, condition: { expression: 'attribute_not_exists(pk)', returnValuesOnConditionCheckFailure: true } },
        { table: TABLE, operation: 'UpdateItem', key: key('tx', 'counter'), update: { expression: 'SET #c = #c + :one', expressionNames: { '#c': 'count' }, expressionValues: { ':one': n(1) } } },
        { table: TABLE, operation: 'DeleteItem', key: key('tx', 'a') },
        { table: OTHER_LOGICAL, operation: 'ConditionCheck', key: { id: s('o1') }, condition: { expression: 'attribute_exists(id)', returnValuesOnConditionCheckFailure: false } },
      ],
    });
    expect(result).toEqual({
      keys: [{ pk: 'tx', sk: 'new' }, { pk: 'tx', sk: 'counter' }, { pk: 'tx', sk: 'a' }, { id: 'o1' }],
      cancellationReasons: null,
    });
    expect(await ok({ operation: 'GetItem', key: key('tx', 'counter') })).toEqual({ pk: 'tx', sk: 'counter', count: 1 });
  });

  it('TransactWriteItems cancellation: reasons per item, item only when asked for', async () => {
    await put(key('tx', 'exists'), { v: n(9) });
    const response = await run({
      operation: 'TransactWriteItems',
      transactItems: [
        { table: TABLE, operation: 'PutItem', key: key('tx', 'other'), attributeValues: {} },
        { table: TABLE, operation: 'ConditionCheck', key: key('tx', 'exists'), condition: { expression: 'attribute_not_exists(pk)', returnValuesOnConditionCheckFailure: true } },
        { table: TABLE, operation: 'DeleteItem', key: key('tx', 'exists2'), condition: { expression: 'attribute_exists(pk)', returnValuesOnConditionCheckFailure: false } },
      ],
    });
    expect(response.error?.type).toBe('DynamoDB:TransactionCanceledException');
    expect(response.error?.message).toMatch(/Transaction cancelled.*\(Service: DynamoDb, Status Code: 400, Request ID: .+\)$/);
    expect(response.result).toEqual({
      keys: null,
      cancellationReasons: [
        { type: 'None', message: 'None' },
        { type: 'ConditionCheckFailed', message: 'The condition check failed.', item: { pk: 'tx', sk: 'exists', v: 9 } },
        { type: 'ConditionCheckFailed', message: 'The condition check failed.' },
      ],
    });
    expect(await ok({ operation: 'GetItem', key: key('tx', 'other') })).toBeNull();
  });

  it('ConditionCheck without a condition is a malformed request', async () => {
    const response = await run({ operation: 'TransactWriteItems', transactItems: [{ table: TABLE, operation: 'ConditionCheck', key: key('tx', 'a') }] });
    expect(response).toEqual({ result: null, error: { type: 'MappingTemplate', message: expect.stringContaining('condition') } });
  });
});

describe('errors and call records', () => {
  it('malformed requests are MappingTemplate errors', async () => {
    expect((await run({ operation: 'Frobnicate' })).error).toEqual({ type: 'MappingTemplate', message: expect.stringContaining("Unsupported operation 'Frobnicate'") });
    expect((await run({ key: key('a', 'b') })).error?.message).toBe("Value for field '$[operation]' not found.");
    expect((await run({ operation: 'GetItem' })).error).toEqual({ type: 'MappingTemplate', message: "Value for field '$[key]' not found." });
    expect((await run({ operation: 'GetItem', key: { pk: 'plain', sk: s('x') } })).error?.type).toBe('MappingTemplate');
    expect((await run('GetItem')).error?.type).toBe('MappingTemplate');
  });

  it('other DynamoDB errors keep their exception name', async () => {
    const response = await run({ operation: 'GetItem', key: key('a', 'b') }, { tableName: 'no_such_table' });
    expect(response.error?.type).toBe('DynamoDB:ResourceNotFoundException');
    const validation = await run({ operation: 'Query', query: { expression: 'sk = :sk', expressionValues: { ':sk': s('x') } } });
    expect(validation.error?.type).toBe('DynamoDB:DynamoDbException');
  });

  it('a database that is down is an error value, quickly', async () => {
    const deadClient = createLocalDynamoDBClient({ endpoint: `http://127.0.0.1:${await freePort()}` });
    const started = Date.now();
    const response = await executeDynamoDBRequest({ operation: 'GetItem', key: key('a', 'b') }, { client: deadClient, tableName: TABLE });
    deadClient.destroy();
    expect(response.result).toBeNull();
    expect(response.error?.type).toBe('DynamoDB:ServiceUnavailable');
    expect(response.error?.message).toMatch(/Could not reach DynamoDB at http:\/\/127\.0\.0\.1:\d+.*ECONNREFUSED/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('a burst of 1,000 requests, as one wide query\'s resolvers make, all succeed: none times out queueing for a socket', async () => {
    await put(key('burst', '1'));
    const responses = await Promise.all(Array.from({ length: 1_000 }, () => run({ operation: 'GetItem', key: key('burst', '1') })));
    expect(responses.flatMap((r) => (r.error ? [r.error.message] : []))).toEqual([]);
    expect(responses.filter((r) => (r.result as { pk?: string } | null)?.pk === 'burst')).toHaveLength(1_000);
  }, 60_000);

  it('records every SDK call with request, response and duration', async () => {
    calls.length = 0;
    await run({ operation: 'PutItem', key: key('rec', '1'), attributeValues: {}, condition: { expression: 'attribute_exists(pk)' } });
    expect(calls.map((c) => [c.dataSourceOperation, c.operation])).toEqual([
      ['PutItem', 'PutItem'],
      ['PutItem', 'GetItem'],
    ]);
    expect(calls[0]).toMatchObject({ request: { TableName: TABLE, ConditionExpression: 'attribute_exists(pk)' }, error: { type: 'DynamoDB:ConditionalCheckFailedException' } });
    expect(calls[1]).toMatchObject({ request: { ConsistentRead: true }, response: {} });
    expect(calls[1]?.durationMs).toBeGreaterThan(0);
  });
});
