/**
 * The importable module `@aws-appsync/utils/dynamodb` as direct host calls: the golden cases
 * recorded from AWS AppSync EvaluateCode, the other outputs localstack/appsync-utils recorded from
 * AWS, the examples in dynamodb-helpers.d.ts, and the behaviour this runtime decided where AWS
 * documents none (see docs/local-runtime.md).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import * as moduleExports from '../../../../local/appsync-js/modules/dynamodb';
import { isTyped } from '../../../../local/appsync-js/typed-value';
import { dynamodb } from '../../../../local/appsync-js/util/dynamodb';

/** Called through an untyped view: the tests pass inputs the typings forbid on purpose. */
type Fn = (...args: unknown[]) => Record<string, unknown>;
const ddb = moduleExports as unknown as Record<string, Fn> & { operations: Record<string, Fn> };
const ops = ddb.operations;

interface GoldenCase { name: string; expected?: unknown }
const golden = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../../../shared/golden/appsync-js-evaluations.json'), 'utf8')) as { cases: GoldenCase[] };

const LIST_123 = { L: [{ N: 1 }, { N: 2 }, { N: 3 }] };
const updateOf = (expression: string, expressionNames: Record<string, string>, expressionValues?: Record<string, unknown>) =>
  (expressionValues ? { expression, expressionNames, expressionValues } : { expression, expressionNames });

describe('golden cases (AWS EvaluateCode)', () => {
  const cases: Array<[string, () => unknown, unknown]> = [
    ['DynamoDB module functions get 1', () => ddb.get({ key: { id: 'id' } }), { operation: 'GetItem', key: { id: { S: 'id' } } }],
    ['DynamoDB module functions put 1', () => ddb.put({ key: { id: 'abc' }, item: { value: 10 } }),
      { operation: 'PutItem', key: { id: { S: 'abc' } }, attributeValues: { value: { N: 10 } } }],
    ['DynamoDB module functions remove 1', () => ddb.remove({ key: { id: 'test' } }), { operation: 'DeleteItem', key: { id: { S: 'test' } } }],
    ['DynamoDB module functions update add 1', () => ddb.update({ key: { id: 'test' }, update: { age: ops.add(10) } }),
      { operation: 'UpdateItem', key: { id: { S: 'test' } }, update: updateOf('SET #expName_1 = :expValue_1', { '#expName_1': 'age' }, { ':expValue_1': { N: 10 } }) }],
    ['DynamoDB module functions update append 1', () => ddb.update({ key: { id: 'test' }, update: { values: ops.append([1, 2, 3]) } }),
      { operation: 'UpdateItem', key: { id: { S: 'test' } }, update: updateOf('SET #expName_1 = list_append(#expName_1, :expValue_1)', { '#expName_1': 'values' }, { ':expValue_1': LIST_123 }) }],
    ['DynamoDB module functions update decrement 1', () => ddb.update({ key: { id: 'test' }, update: { age: ops.decrement(10) } }),
      { operation: 'UpdateItem', key: { id: { S: 'test' } }, update: updateOf('SET #expName_1 = #expName_1 - :expValue_1', { '#expName_1': 'age' }, { ':expValue_1': { N: 10 } }) }],
    ['DynamoDB module functions update prepend 1', () => ddb.update({ key: { id: 'test' }, update: { values: ops.prepend([1, 2, 3]) } }),
      { operation: 'UpdateItem', key: { id: { S: 'test' } }, update: updateOf('SET #expName_1 = list_append(:expValue_1, #expName_1)', { '#expName_1': 'values' }, { ':expValue_1': LIST_123 }) }],
    ['DynamoDB module functions update replace 1', () => ddb.update({ key: { id: 'test' }, update: { values: ops.replace({ a: 10 }) } }),
      { operation: 'UpdateItem', key: { id: { S: 'test' } }, update: updateOf('SET #expName_1 = :expValue_1', { '#expName_1': 'values' }, { ':expValue_1': { M: { a: { N: 10 } } } }) }],
    ['DynamoDB operations add 1', () => ops.add(10), { type: 'OPERATION_ADD', value: 10 }],
    ['DynamoDB operations append 1', () => ops.append([1, 2, 3]), { type: 'OPERATION_APPEND', items: [1, 2, 3] }],
    ['DynamoDB operations decrement 1', () => ops.decrement(10), { type: 'OPERATION_DECREMENT', by: 10 }],
    ['DynamoDB operations prepend 1', () => ops.prepend([1, 2, 3]), { type: 'OPERATION_PREPEND', items: [1, 2, 3] }],
    ['DynamoDB operations replace 1', () => ops.replace({ a: 10 }), { type: 'OPERATION_REPLACE', value: { a: 10 } }],
    // A hand-built Query request; query() passes already-built expressions through to the same shape.
    ['dynamodb resolvers something 1', () => ddb.query({
      index: 'nameIndex',
      select: 'ALL_ATTRIBUTES',
      query: { expression: '#name = :name', expressionNames: { '#name': 'name' }, expressionValues: { ':name': dynamodb.toDynamoDB('test') } },
      filter: { expression: '#shift = :shift', expressionNames: { '#shift': 'shift' }, expressionValues: { ':shift': dynamodb.toDynamoDB(10) } },
    }), {
      operation: 'Query',
      index: 'nameIndex',
      select: 'ALL_ATTRIBUTES',
      query: { expression: '#name = :name', expressionNames: { '#name': 'name' }, expressionValues: { ':name': { S: 'test' } } },
      filter: { expression: '#shift = :shift', expressionNames: { '#shift': 'shift' }, expressionValues: { ':shift': { N: 10 } } },
    }],
  ];

  it.each(cases)('%s', (_name, call, expected) => {
    expect(call()).toStrictEqual(expected);
  });

  it.each(cases)('copies the recorded output of %s', (name, _call, expected) => {
    expect(golden.cases.find((c) => c.name === name)?.expected).toEqual(expected);
  });
});

describe('other outputs recorded from AWS (localstack/appsync-utils snapshots)', () => {
  it.each<[string, () => unknown, unknown]>([
    ['scan passes its options through', () => ddb.scan({ limit: 10, nextToken: 'abc' }), { operation: 'Scan', limit: 10, nextToken: 'abc' }],
    ['update increment', () => ddb.update({ key: { id: 'test' }, update: { age: ops.increment(10) } }),
      { operation: 'UpdateItem', key: { id: { S: 'test' } }, update: updateOf('SET #expName_1 = #expName_1 + :expValue_1', { '#expName_1': 'age' }, { ':expValue_1': { N: 10 } }) }],
    ['operations.increment', () => ops.increment(10), { type: 'OPERATION_INCREMENT', by: 10 }],
  ])('%s', (_name, call, expected) => {
    expect(call()).toStrictEqual(expected);
  });
});

describe('documented examples (dynamodb-helpers.d.ts)', () => {
  const ctx = { args: { id: '1', title: 'New Task', done: false } };

  it.each<[string, () => unknown, unknown]>([
    ['get({ key: { id: ctx.args.id } })', () => ddb.get({ key: { id: ctx.args.id } }), { operation: 'GetItem', key: { id: { S: '1' } } }],
    ['put({ key: { id: util.autoId() }, item: ctx.args })', () => ddb.put({ key: { id: 'generated' }, item: ctx.args }),
      { operation: 'PutItem', key: { id: { S: 'generated' } }, attributeValues: { id: { S: '1' }, title: { S: 'New Task' }, done: { BOOL: false } } }],
    ['remove({ key: { id: ctx.args.id } })', () => ddb.remove({ key: { id: ctx.args.id } }), { operation: 'DeleteItem', key: { id: { S: '1' } } }],
    ['query({ query: { id: { eq: ctx.args.id } } })', () => ddb.query({ query: { id: { eq: ctx.args.id } } }),
      { operation: 'Query', query: { expression: '(#id = :id_eq)', expressionNames: { '#id': 'id' }, expressionValues: { ':id_eq': { S: '1' } } } }],
    ['a key condition on two keys', () => ddb.query({ query: { name: { eq: 'John' }, age: { gt: 20 } } }), {
      operation: 'Query',
      query: { expression: '(#name = :name_eq) AND (#age > :age_gt)', expressionNames: { '#name': 'name', '#age': 'age' }, expressionValues: { ':name_eq': { S: 'John' }, ':age_gt': { N: 20 } } },
    }],
    ['sync({ limit, nextToken, lastSync })', () => ddb.sync({ limit: 10, nextToken: undefined, lastSync: 1 }), { operation: 'Sync', limit: 10, lastSync: 1 }],
    ['batchGet', () => ddb.batchGet({
      tables: { post: { keys: [{ id: '1' }, { id: '2' }, { id: '3' }], consistentRead: false, projection: ['id', 'name', 'nested.object[1]'] } },
    }), {
      operation: 'BatchGetItem',
      tables: {
        post: {
          keys: [{ id: { S: '1' } }, { id: { S: '2' } }, { id: { S: '3' } }],
          consistentRead: false,
          projection: {
            expression: '#expName_1, #expName_2, #expName_3.#expName_4[1]',
            expressionNames: { '#expName_1': 'id', '#expName_2': 'name', '#expName_3': 'nested', '#expName_4': 'object' },
          },
        },
      },
    }],
    ['batchPut', () => ddb.batchPut({
      tables: { post: [{ id: 'one', value: 'x' }, { id: 'two', value: 'y' }], comment: [{ id: 'one', comment: 'x', text: 'something' }] },
    }), {
      operation: 'BatchPutItem',
      tables: {
        post: [{ id: { S: 'one' }, value: { S: 'x' } }, { id: { S: 'two' }, value: { S: 'y' } }],
        comment: [{ id: { S: 'one' }, comment: { S: 'x' }, text: { S: 'something' } }],
      },
    }],
    ['batchDelete', () => ddb.batchDelete({
      tables: { post: [{ id: 'one' }, { id: 'two' }, { id: 'three' }], comment: [{ id: 'one', comment: 'x' }] },
    }), {
      operation: 'BatchDeleteItem',
      tables: { post: [{ id: { S: 'one' } }, { id: { S: 'two' } }, { id: { S: 'three' } }], comment: [{ id: { S: 'one' }, comment: { S: 'x' } }] },
    }],
    ['transactGet', () => ddb.transactGet({
      items: [{ table: 'post', key: { id: '1' }, projection: ['name'] }, { table: 'post', key: { id: '2' }, projection: ['name'] }],
    }), {
      operation: 'TransactGetItems',
      transactItems: [
        { table: 'post', key: { id: { S: '1' } }, projection: { expression: '#expName_1', expressionNames: { '#expName_1': 'name' } } },
        { table: 'post', key: { id: { S: '2' } }, projection: { expression: '#expName_1', expressionNames: { '#expName_1': 'name' } } },
      ],
    }],
    ['transactWrite', () => ddb.transactWrite({
      items: [
        { putItem: { table: 'post', key: { id: '1' }, item: { title: 't' } } },
        { deleteItem: { table: 'post', key: { id: '2' } } },
        { updateItem: { table: 'post', key: { id: '2' }, update: { views: ops.increment(1) } } },
        { conditionCheck: { table: 'post', key: { id: '2' }, condition: { owner: { eq: 'me' } } } },
      ],
    }), {
      operation: 'TransactWriteItems',
      transactItems: [
        { table: 'post', operation: 'PutItem', key: { id: { S: '1' } }, attributeValues: { title: { S: 't' } } },
        { table: 'post', operation: 'DeleteItem', key: { id: { S: '2' } } },
        { table: 'post', operation: 'UpdateItem', key: { id: { S: '2' } },
          update: updateOf('SET #expName_1 = #expName_1 + :expValue_1', { '#expName_1': 'views' }, { ':expValue_1': { N: 1 } }) },
        { table: 'post', operation: 'ConditionCheck', key: { id: { S: '2' } },
          condition: { expression: '(#owner = :owner_eq)', expressionNames: { '#owner': 'owner' }, expressionValues: { ':owner_eq': { S: 'me' } } } },
      ],
    }],
    ['toStringSet(["a", "b", "c"])', () => ddb.toStringSet(['a', 'b', 'c']), { SS: ['a', 'b', 'c'] }],
    // The typings print NS as strings; numbers stay numbers here, as util.dynamodb.toNumberSet does on AWS.
    ['toNumberSet([1, 2, 3])', () => ddb.toNumberSet([1, 2, 3]), { NS: [1, 2, 3] }],
    ['toBinarySet(["SGVsbG8=", "V29ybGQ="])', () => ddb.toBinarySet(['SGVsbG8=', 'V29ybGQ=']), { BS: ['SGVsbG8=', 'V29ybGQ='] }],
  ])('%s', (_name, call, expected) => {
    expect(call()).toStrictEqual(expected);
  });

  const ADDRESS = { street1: '123 Main St', city: 'New York', zip: '10001' };
  const ADDRESS_M = { M: { street1: { S: '123 Main St' }, city: { S: 'New York' }, zip: { S: '10001' } } };

  it.each<[string, Record<string, unknown>, unknown]>([
    ['add an address', { address: ops.add(ADDRESS) }, updateOf('SET #expName_1 = :expValue_1', { '#expName_1': 'address' }, { ':expValue_1': ADDRESS_M })],
    ['remove the address', { address: ops.remove() }, updateOf('REMOVE #expName_1', { '#expName_1': 'address' })],
    ['replace the address', { address: ops.replace({ ...ADDRESS, street2: 'Apt. 1' }) },
      updateOf('SET #expName_1 = :expValue_1', { '#expName_1': 'address' }, { ':expValue_1': { M: { ...ADDRESS_M.M, street2: { S: 'Apt. 1' } } } })],
    ['increment friendsCount by 10', { friendsCount: ops.increment(10) },
      updateOf('SET #expName_1 = #expName_1 + :expValue_1', { '#expName_1': 'friendsCount' }, { ':expValue_1': { N: 10 } })],
    ['decrement friendsCount by 10', { friendsCount: ops.decrement(10) },
      updateOf('SET #expName_1 = #expName_1 - :expValue_1', { '#expName_1': 'friendsCount' }, { ':expValue_1': { N: 10 } })],
    ['append to friendsIds', { friendsIds: ops.append([101, 104, 111]) },
      updateOf('SET #expName_1 = list_append(#expName_1, :expValue_1)', { '#expName_1': 'friendsIds' }, { ':expValue_1': { L: [{ N: 101 }, { N: 104 }, { N: 111 }] } })],
    ['prepend to friendsIds', { friendsIds: ops.prepend([101, 104, 111]) },
      updateOf('SET #expName_1 = list_append(:expValue_1, #expName_1)', { '#expName_1': 'friendsIds' }, { ':expValue_1': { L: [{ N: 101 }, { N: 104 }, { N: 111 }] } })],
    ['update the 2nd and 3rd items of friendsIds', { friendsIds: [ops.updateListItem('102', 1), ops.updateListItem('112', 2)] },
      updateOf('SET #expName_1[1] = :expValue_1, #expName_1[2] = :expValue_2', { '#expName_1': 'friendsIds' }, { ':expValue_1': { S: '102' }, ':expValue_2': { S: '112' } })],
  ])('update: %s', (_name, update, expected) => {
    expect(ddb.update({ key: { id: 1 }, update }).update).toStrictEqual(expected);
  });

  it.each<[string, () => Record<string, unknown>]>([
    ['remove', () => ddb.remove({ key: { id: 'X' }, condition: { owner: { eq: 'XXXXXXXXXXXXXXXX' } } })],
    ['put', () => ddb.put({ key: { id: 'X' }, condition: { owner: { eq: 'XXXXXXXXXXXXXXXX' } }, item: { title: 'New Task', description: 'New Task Description', owner: 'XXXXXXXXXXXXXXXX', isComplete: false } })],
  ])('%s with an owner condition', (_name, call) => {
    expect(call().condition).toStrictEqual({ expression: '(#owner = :owner_eq)', expressionNames: { '#owner': 'owner' }, expressionValues: { ':owner_eq': { S: 'XXXXXXXXXXXXXXXX' } } });
  });

  it('update with a name condition', () => {
    expect(ddb.update({ key: { id: 'X' }, condition: { name: { eq: 'XXXXXXXXXXXXXXXX' } }, update: { isVerified: true } })).toStrictEqual({
      operation: 'UpdateItem',
      key: { id: { S: 'X' } },
      update: updateOf('SET #expName_1 = :expValue_1', { '#expName_1': 'isVerified' }, { ':expValue_1': { BOOL: true } }),
      condition: { expression: '(#name = :name_eq)', expressionNames: { '#name': 'name' }, expressionValues: { ':name_eq': { S: 'XXXXXXXXXXXXXXXX' } } },
    });
  });
});

describe('operations', () => {
  it.each<[string, () => unknown, unknown]>([
    ['remove()', () => ops.remove(), { type: 'OPERATION_REMOVE' }],
    ['updateListItem(value, index)', () => ops.updateListItem('foo', 1), { type: 'OPERATION_UPDATE_LIST_ITEM', value: 'foo', index: 1 }],
    ['increment() carries no step', () => JSON.parse(JSON.stringify(ops.increment())), { type: 'OPERATION_INCREMENT' }],
    ['add(null) keeps the null', () => ops.add(null), { type: 'OPERATION_ADD', value: null }],
  ])('%s', (_name, call, expected) => {
    expect(call()).toStrictEqual(expected);
  });
});

describe('update compilation', () => {
  const compile = (update: unknown) => ddb.update({ key: { id: 1 }, update }).update;

  it.each<[string, Record<string, unknown>, unknown]>([
    ['plain values are SET, in field order', { title: 'x', n: 2, done: false, tags: ['a'] },
      updateOf('SET #expName_1 = :expValue_1, #expName_2 = :expValue_2, #expName_3 = :expValue_3, #expName_4 = :expValue_4',
        { '#expName_1': 'title', '#expName_2': 'n', '#expName_3': 'done', '#expName_4': 'tags' },
        { ':expValue_1': { S: 'x' }, ':expValue_2': { N: 2 }, ':expValue_3': { BOOL: false }, ':expValue_4': { L: [{ S: 'a' }] } })],
    ['SET clauses come before REMOVE clauses; names keep field order, values count up without gaps',
      { a: 1, b: null, c: ops.remove(), d: ops.increment(2) },
      updateOf('SET #expName_1 = :expValue_1, #expName_4 = #expName_4 + :expValue_2 REMOVE #expName_2, #expName_3',
        { '#expName_1': 'a', '#expName_2': 'b', '#expName_3': 'c', '#expName_4': 'd' }, { ':expValue_1': { N: 1 }, ':expValue_2': { N: 2 } })],
    ['null clears the attribute (REMOVE), it does not store a NULL', { gone: null }, updateOf('REMOVE #expName_1', { '#expName_1': 'gone' })],
    ['increment and decrement step by 1 when given no step', { up: ops.increment(), down: ops.decrement() },
      updateOf('SET #expName_1 = #expName_1 + :expValue_1, #expName_2 = #expName_2 - :expValue_2', { '#expName_1': 'up', '#expName_2': 'down' },
        { ':expValue_1': { N: 1 }, ':expValue_2': { N: 1 } })],
    ['a single updateListItem', { list: ops.updateListItem({ a: 1 }, 0) },
      updateOf('SET #expName_1[0] = :expValue_1', { '#expName_1': 'list' }, { ':expValue_1': { M: { a: { N: 1 } } } })],
    ['a nested object is updated key by key', { address: { city: 'Paris', zip: null, visits: ops.increment(1) } },
      updateOf('SET #expName_1.#expName_2 = :expValue_1, #expName_1.#expName_4 = #expName_1.#expName_4 + :expValue_2 REMOVE #expName_1.#expName_3',
        { '#expName_1': 'address', '#expName_2': 'city', '#expName_3': 'zip', '#expName_4': 'visits' }, { ':expValue_1': { S: 'Paris' }, ':expValue_2': { N: 1 } })],
    ['deeply nested objects', { a: { b: { c: 1 } } },
      updateOf('SET #expName_1.#expName_2.#expName_3 = :expValue_1', { '#expName_1': 'a', '#expName_2': 'b', '#expName_3': 'c' }, { ':expValue_1': { N: 1 } })],
    ['an attribute name used at two levels keeps one alias', { name: 'x', meta: { name: 'y' } },
      updateOf('SET #expName_1 = :expValue_1, #expName_2.#expName_1 = :expValue_2', { '#expName_1': 'name', '#expName_2': 'meta' }, { ':expValue_1': { S: 'x' }, ':expValue_2': { S: 'y' } })],
    ['replace and add overwrite a whole map', { a: ops.replace({ b: 1 }), c: ops.add({}) },
      updateOf('SET #expName_1 = :expValue_1, #expName_2 = :expValue_2', { '#expName_1': 'a', '#expName_2': 'c' }, { ':expValue_1': { M: { b: { N: 1 } } }, ':expValue_2': { M: {} } })],
    ['a set made with toStringSet is SET whole, as a set', { tags: moduleExports.toStringSet(['a', 'b']) },
      updateOf('SET #expName_1 = :expValue_1', { '#expName_1': 'tags' }, { ':expValue_1': { SS: ['a', 'b'] } })],
    ['an empty nested object updates nothing', { meta: {}, n: 1 }, updateOf('SET #expName_2 = :expValue_1', { '#expName_1': 'meta', '#expName_2': 'n' }, { ':expValue_1': { N: 1 } })],
    ['undefined fields are left out', { a: undefined, b: 1 }, updateOf('SET #expName_1 = :expValue_1', { '#expName_1': 'b' }, { ':expValue_1': { N: 1 } })],
    ['names that need escaping are safe behind placeholders', { 'a.b': 1, 'my-field': 2, '#x': 3 },
      updateOf('SET #expName_1 = :expValue_1, #expName_2 = :expValue_2, #expName_3 = :expValue_3', { '#expName_1': 'a.b', '#expName_2': 'my-field', '#expName_3': '#x' },
        { ':expValue_1': { N: 1 }, ':expValue_2': { N: 2 }, ':expValue_3': { N: 3 } })],
    ['an empty update is an empty expression (DynamoDB rejects it, as it would on AWS)', {}, updateOf('', {})],
    ['a list of values that are not all updateListItem is SET as a list', { l: [ops.updateListItem('a', 0), 'b'] },
      updateOf('SET #expName_1 = :expValue_1', { '#expName_1': 'l' }, { ':expValue_1': { L: [{ M: { type: { S: 'OPERATION_UPDATE_LIST_ITEM' }, value: { S: 'a' }, index: { N: 0 } } }, { S: 'b' }] } })],
  ])('%s', (_name, update, expected) => {
    expect(compile(update)).toStrictEqual(expected);
  });

  it.each<[string, unknown, RegExp]>([
    ['a missing update object', undefined, /`update` must be an object/],
    ['an update list', [1], /`update` must be an object/],
    ['updateListItem without an index', { l: ops.updateListItem('a', undefined as unknown as number) }, /updateListItem needs a list index/],
    ['updateListItem with a negative index', { l: [ops.updateListItem('a', -1)] }, /updateListItem needs a list index/],
    ['updateListItem with a fractional index', { l: ops.updateListItem('a', 1.5) }, /updateListItem needs a list index/],
    ['an unknown operation', { a: { type: 'OPERATION_MULTIPLY', by: 2 } }, /unknown operation OPERATION_MULTIPLY/],
  ])('refuses %s', (_name, update, message) => {
    expect(() => compile(update)).toThrow(message);
  });
});

describe('request options', () => {
  it('leaves out options given as undefined or null, and keeps false and 0', () => {
    expect(ddb.query({
      query: { id: { eq: 1 } }, index: null, limit: 0, nextToken: null, scanIndexForward: false, consistentRead: false, select: undefined, filter: null, projection: undefined,
    })).toStrictEqual({
      operation: 'Query', query: { expression: '(#id = :id_eq)', expressionNames: { '#id': 'id' }, expressionValues: { ':id_eq': { N: 1 } } },
      limit: 0, scanIndexForward: false, consistentRead: false,
    });
  });

  it('get passes consistentRead and compiles the projection', () => {
    expect(ddb.get({ key: { pk: 'a', sk: 2 }, consistentRead: true, projection: ['name', 'size', 'list[0].name'] })).toStrictEqual({
      operation: 'GetItem',
      key: { pk: { S: 'a' }, sk: { N: 2 } },
      consistentRead: true,
      projection: { expression: '#expName_1, #expName_2, #expName_3[0].#expName_1', expressionNames: { '#expName_1': 'name', '#expName_2': 'size', '#expName_3': 'list' } },
    });
  });

  it('an empty projection is left out', () => {
    expect(ddb.get({ key: { id: 1 }, projection: [] })).toStrictEqual({ operation: 'GetItem', key: { id: { N: 1 } } });
  });

  it('scan passes every option it knows and compiles filter and projection', () => {
    expect(ddb.scan({
      index: 'byStatus', limit: 5, nextToken: 't', consistentRead: true, segment: 1, totalSegments: 4, select: 'ALL_PROJECTED_ATTRIBUTES',
      filter: { status: { eq: 'OPEN' } }, projection: ['id'], scanIndexForward: false,
    })).toStrictEqual({
      operation: 'Scan', index: 'byStatus', limit: 5, nextToken: 't', consistentRead: true, segment: 1, totalSegments: 4, select: 'ALL_PROJECTED_ATTRIBUTES',
      filter: { expression: '(#status = :status_eq)', expressionNames: { '#status': 'status' }, expressionValues: { ':status_eq': { S: 'OPEN' } } },
      projection: { expression: '#expName_1', expressionNames: { '#expName_1': 'id' } },
    });
  });

  it.each<[string, () => unknown, unknown]>([
    ['scan()', () => ddb.scan(), { operation: 'Scan' }],
    ['sync()', () => ddb.sync(), { operation: 'Sync' }],
    ['sync with every option', () => ddb.sync({ basePartitionKey: 'pk', deltaIndexName: 'delta', limit: 100, nextToken: 'n', lastSync: 1700000000000, filter: { done: { eq: false } } }), {
      operation: 'Sync', basePartitionKey: 'pk', deltaIndexName: 'delta', limit: 100, nextToken: 'n', lastSync: 1700000000000,
      filter: { expression: '(#done = :done_eq)', expressionNames: { '#done': 'done' }, expressionValues: { ':done_eq': { BOOL: false } } },
    }],
    ['put, remove and update carry the conflict-detection options', () => [
      ddb.put({ key: { id: 1 }, item: {}, _version: 3, customPartitionKey: 'cpk', populateIndexFields: true }),
      ddb.remove({ key: { id: 1 }, _version: 3 }),
      ddb.update({ key: { id: 1 }, update: { a: 1 }, _version: 3, populateIndexFields: false }),
    ].map((r) => Object.keys(r)), [
      ['operation', 'key', 'attributeValues', 'customPartitionKey', 'populateIndexFields', '_version'],
      ['operation', 'key', '_version'],
      ['operation', 'key', 'update', 'populateIndexFields', '_version'],
    ]],
    ['put without an item writes the key alone', () => ddb.put({ key: { id: 1 } }), { operation: 'PutItem', key: { id: { N: 1 } }, attributeValues: {} }],
    ['the item is typed as given, key attributes included when it has them', () => ddb.put({ key: { id: 1 }, item: { id: 1, a: 'x' } }).attributeValues, { id: { N: 1 }, a: { S: 'x' } }],
  ])('%s', (_name, call, expected) => {
    expect(call()).toStrictEqual(expected);
  });
});

describe('conditions and filters', () => {
  it('a condition binding no value has no expressionValues', () => {
    expect(ddb.put({ key: { id: 1 }, item: {}, condition: { id: { attributeExists: false } } }).condition)
      .toStrictEqual({ expression: '(attribute_not_exists(#id))', expressionNames: { '#id': 'id' } });
  });

  it('uses the util.transform grammar and value names', () => {
    expect(ddb.scan({ filter: { or: [{ a: { between: [1, 2] } }, { not: { b: { size: { ge: 3 } } } }] } }).filter).toStrictEqual({
      expression: '((#a BETWEEN :or_0_a_between_start AND :or_0_a_between_end) OR (NOT (size(#b) >= :or_1_not_b_size_ge)))',
      expressionNames: { '#a': 'a', '#b': 'b' },
      expressionValues: { ':or_0_a_between_start': { N: 1 }, ':or_0_a_between_end': { N: 2 }, ':or_1_not_b_size_ge': { N: 3 } },
    });
  });

  it('accepts and/or given one object, its entries being the members, as the typings allow', () => {
    expect(ddb.scan({ filter: { or: { a: { eq: 1 }, b: { eq: 2 } } } }).filter).toStrictEqual({
      expression: '((#a = :or_0_a_eq) OR (#b = :or_1_b_eq))',
      expressionNames: { '#a': 'a', '#b': 'b' },
      expressionValues: { ':or_0_a_eq': { N: 1 }, ':or_1_b_eq': { N: 2 } },
    });
  });

  it('an empty filter or condition is left out', () => {
    expect(ddb.scan({ filter: {} })).toStrictEqual({ operation: 'Scan' });
    expect(ddb.remove({ key: { id: 1 }, condition: { and: [] } })).toStrictEqual({ operation: 'DeleteItem', key: { id: { N: 1 } } });
  });

  it('passes an already-built expression object through untouched', () => {
    const condition = { expression: 'attribute_exists(#id)', expressionNames: { '#id': 'id' }, equalsIgnore: ['updatedAt'] };
    expect(ddb.remove({ key: { id: 1 }, condition }).condition).toBe(condition);
  });

  it("passes util.transform's JSON string through (the data source parses it)", () => {
    const json = '{"expression":"(#a = :a_eq)","expressionNames":{"#a":"a"},"expressionValues":{":a_eq":{"N":1}}}';
    expect(ddb.scan({ filter: json }).filter).toBe(json);
  });

  it.each<[string, () => unknown, RegExp]>([
    ['an unknown operator in a filter', () => ddb.scan({ filter: { a: { like: 'x' } } }), /^scan: filter: unsupported operator 'like' on 'a'$/],
    ['a value where operators belong', () => ddb.query({ query: { id: 1 } }), /^query: query: 'id' must hold an object of operators$/],
    ['a bad condition in a transaction', () => ddb.transactWrite({ items: [{ deleteItem: { table: 'T', key: { id: 1 }, condition: { a: { between: [1] } } } }] }),
      /^transactWrite: items\[0\]\.condition: 'between' on 'a' takes a list of two bounds$/],
    ['an attributeType code', () => ddb.put({ key: { id: 1 }, item: {}, condition: { a: { attributeType: 'S' } } }), /^put: condition: 'attributeType' on 'a' takes one of _null, string/],
    ['a query without a key condition', () => ddb.query({ query: {} }), /query: `query` needs a key condition/],
  ])('throws for %s', (_name, call, message) => {
    expect(call).toThrow(message);
  });
});

describe('keys, items and sets', () => {
  it('keys and items are typed like toMapValues, with numbers as numbers', () => {
    expect(ddb.put({ key: { pk: 'u#1', sk: 7 }, item: { list: [1, 'a', null], map: { b: true } } })).toStrictEqual({
      operation: 'PutItem',
      key: { pk: { S: 'u#1' }, sk: { N: 7 } },
      attributeValues: { list: { L: [{ N: 1 }, { S: 'a' }, { NULL: null }] }, map: { M: { b: { BOOL: true } } } },
    });
  });

  it('sets made with this module stay sets in items, nested maps and lists', () => {
    const item = { tags: moduleExports.toStringSet(['a']), scores: moduleExports.toNumberSet([1.5]), nested: { blobs: moduleExports.toBinarySet(['AA==']) } };
    expect(ddb.put({ key: { id: 1 }, item }).attributeValues).toStrictEqual({
      tags: { SS: ['a'] }, scores: { NS: [1.5] }, nested: { M: { blobs: { BS: ['AA=='] } } },
    });
  });

  it('the set helpers return marked plain objects whose JSON is the bare attribute value', () => {
    const set = moduleExports.toStringSet(['x']);
    expect(isTyped(set)).toBe(true);
    expect(Object.keys(set)).toEqual(['SS']);
    expect(JSON.stringify(set)).toBe('{"SS":["x"]}');
  });

  it('a util.dynamodb typed value is not a mark: it becomes a map', () => {
    expect(ddb.put({ key: { id: 1 }, item: { tags: dynamodb.toStringSet(['a']) } }).attributeValues).toStrictEqual({ tags: { M: { SS: { L: [{ S: 'a' }] } } } });
  });

  it.each<[string, () => unknown]>([
    ['get without a key', () => ddb.get({})],
    ['remove with a string key', () => ddb.remove({ key: 'id' })],
    ['batchGet with a null key', () => ddb.batchGet({ tables: { T: { keys: [null] } } })],
  ])('%s throws', (_name, call) => {
    expect(call).toThrow(/`key` must be an object of key attributes/);
  });

  it('transactWrite refuses an unknown item kind', () => {
    expect(() => ddb.transactWrite({ items: [{ upsertItem: { table: 'T', key: { id: 1 } } }] }))
      .toThrow(/items\[0\] must be one of \{ putItem \}, \{ updateItem \}, \{ deleteItem \}, \{ conditionCheck \}/);
  });

  it('reads payloads from the sandbox realm', () => {
    const payload = runInNewContext('({ key: { id: "a" }, update: { n: { type: "OPERATION_INCREMENT", by: 2 }, tags: [{ type: "OPERATION_UPDATE_LIST_ITEM", value: "x", index: 0 }] }, condition: { and: [{ n: { ge: 0 } }] } })');
    expect(ddb.update(payload)).toStrictEqual({
      operation: 'UpdateItem',
      key: { id: { S: 'a' } },
      update: updateOf('SET #expName_1 = #expName_1 + :expValue_1, #expName_2[0] = :expValue_2', { '#expName_1': 'n', '#expName_2': 'tags' }, { ':expValue_1': { N: 2 }, ':expValue_2': { S: 'x' } }),
      condition: { expression: '(#n >= :and_0_n_ge)', expressionNames: { '#n': 'n' }, expressionValues: { ':and_0_n_ge': { N: 0 } } },
    });
  });
});

describe('the module surface', () => {
  it('exports exactly what @aws-appsync/utils/dynamodb declares (every export becomes a module member)', () => {
    const declared = readFileSync(resolve(import.meta.dirname, '../../../../node_modules/@aws-appsync/utils/lib/dynamodb-helpers.d.ts'), 'utf8');
    const functions = [...declared.matchAll(/^export declare function (\w+)/gm)].map((m) => m[1]);
    expect(functions).toHaveLength(15);
    expect(Object.keys(moduleExports).sort()).toEqual([...functions, 'operations'].sort());
    for (const name of functions) expect(typeof ddb[name], name).toBe('function');
  });

  it('operations has the eight declared helpers', () => {
    expect(Object.keys(ops).sort()).toEqual(['add', 'append', 'decrement', 'increment', 'prepend', 'remove', 'replace', 'updateListItem']);
  });
});
