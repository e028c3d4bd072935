import { describe, expect, it } from 'vitest';
import { dynamodb } from '../../../../local/appsync-js/util/dynamodb';
import { transform } from '../../../../local/appsync-js/util/transform';
import * as ddb from '../../../../local/appsync-js/modules/dynamodb';

describe('util.dynamodb', () => {
  it.each([
    ['toDynamoDB null', () => dynamodb.toDynamoDB(null), { NULL: null }],
    ['toDynamoDB nested', () => dynamodb.toDynamoDB({ a: [1, 'x', { b: true }] }), { M: { a: { L: [{ N: 1 }, { S: 'x' }, { M: { b: { BOOL: true } } }] } } }],
    ['toList (AWS doc example)', () => dynamodb.toList(['foo', 123, { bar: 'baz' }]), { L: [{ S: 'foo' }, { N: 123 }, { M: { bar: { S: 'baz' } } }] }],
    ['toString null', () => dynamodb.toString(null), null],
    ['toBinary', () => dynamodb.toBinary('foo'), { B: 'foo' }],
    ['toS3Object with version', () => dynamodb.toS3Object('k', 'b', 'r', 'v1'), { S: '{"s3":{"key":"k","bucket":"b","region":"r","version":"v1"}}' }],
    ['fromS3ObjectJson', () => dynamodb.fromS3ObjectJson('{"s3":{"key":"k","bucket":"b","region":"r"}}'), { key: 'k', bucket: 'b', region: 'r' }],
    ['toMapValues drops undefined', () => dynamodb.toMapValues({ a: 1, b: undefined }), { a: { N: 1 } }],
  ])('%s', (_name, call, expected) => {
    expect(call()).toEqual(expected);
  });
});

describe('util.transform', () => {
  it('compiles sibling conditions (AWS doc example)', () => {
    expect(JSON.parse(transform.toDynamoDBConditionExpression({ id: { attributeExists: true }, version: { eq: 10 } }))).toEqual({
      expression: '(attribute_exists(#id)) AND (#version = :version_eq)',
      expressionNames: { '#id': 'id', '#version': 'version' },
      expressionValues: { ':version_eq': { N: 10 } },
    });
  });

  it('compiles or, not, between, in, size and attributeType', () => {
    const compiled = JSON.parse(transform.toDynamoDBFilterExpression({
      or: [{ a: { between: [1, 5] } }, { b: { in: ['x', 'y'] } }],
      not: { c: { size: { gt: 2 } } },
      d: { attributeType: 'stringSet' },
    }));
    expect(compiled.expression).toBe('(((#a BETWEEN :a_between_0 AND :a_between_1)) OR ((#b IN (:b_in_0,:b_in_1)))) AND (NOT ((size(#c) > :c_size_gt))) AND (attribute_type(#d,:d_attributeType))');
    expect(compiled.expressionValues[':d_attributeType']).toEqual({ S: 'SS' });
  });

  it('numbers a placeholder reused with another value', () => {
    const compiled = JSON.parse(transform.toDynamoDBFilterExpression({ or: [{ a: { eq: 1 } }, { a: { eq: 2 } }] }));
    expect(compiled.expressionValues).toEqual({ ':a_eq': { N: 1 }, ':a_eq_1': { N: 2 } });
  });

  it('rejects unknown operators', () => {
    expect(() => transform.toDynamoDBFilterExpression({ a: { like: 'x' } })).toThrow(/unsupported operator 'like' on 'a'/);
  });

  it('builds subscription filters: fields ANDed, operators on one field ORed, ignored fields dropped, rules appended', () => {
    expect(transform.toSubscriptionFilter({ status: { eq: 'DONE', ne: 'TODO' }, boardId: { eq: 'b1' }, secret: { eq: 1 } } as never, ['secret'])).toEqual({
      filterGroup: [
        { filters: [{ fieldName: 'status', operator: 'eq', value: 'DONE' }, { fieldName: 'boardId', operator: 'eq', value: 'b1' }] },
        { filters: [{ fieldName: 'status', operator: 'ne', value: 'TODO' }, { fieldName: 'boardId', operator: 'eq', value: 'b1' }] },
      ],
    });
    expect(transform.toSubscriptionFilter({ a: { eq: 1 } } as never, undefined, { r: { gte: 2 } } as never)).toEqual({
      filterGroup: [{ filters: [{ fieldName: 'a', operator: 'eq', value: 1 }, { fieldName: 'r', operator: 'ge', value: 2 }] }],
    });
  });

  it('builds OpenSearch query DSL', () => {
    expect(JSON.parse(transform.toElasticsearchQueryDSL({ title: { match: 'hello' }, upvotes: { gte: 10 } } as never))).toEqual({
      bool: { must: [{ match: { title: 'hello' } }, { range: { upvotes: { gte: 10 } } }] },
    });
  });
});

describe('@aws-appsync/utils/dynamodb', () => {
  it('query compiles the key condition without parentheses and passes options through', () => {
    expect(ddb.query({ query: { pk: { eq: 'u' }, sk: { beginsWith: 'M#' } }, index: 'gsi1', limit: 5, scanIndexForward: false, filter: { a: { gt: 1 } } })).toEqual({
      operation: 'Query',
      query: { expression: '#pk = :pk_eq AND begins_with(#sk,:sk_beginsWith)', expressionNames: { '#pk': 'pk', '#sk': 'sk' }, expressionValues: { ':pk_eq': { S: 'u' }, ':sk_beginsWith': { S: 'M#' } } },
      filter: { expression: '(#a > :a_gt)', expressionNames: { '#a': 'a' }, expressionValues: { ':a_gt': { N: 1 } } },
      index: 'gsi1', limit: 5, scanIndexForward: false,
    });
  });

  it('update combines SET and REMOVE, with null and operations.remove() clearing attributes', () => {
    expect(ddb.update({ key: { id: '1' }, update: { n: ddb.operations.increment(1), gone: null, other: ddb.operations.remove(), tags: ddb.operations.updateListItem('x', 2) } }).update).toEqual({
      expression: 'SET #expName_1 = #expName_1 + :expValue_1, #expName_4[2] = :expValue_4 REMOVE #expName_2, #expName_3',
      expressionNames: { '#expName_1': 'n', '#expName_2': 'gone', '#expName_3': 'other', '#expName_4': 'tags' },
      expressionValues: { ':expValue_1': { N: 1 }, ':expValue_4': { S: 'x' } },
    });
  });

  it('keeps sets made with toStringSet as sets inside items', () => {
    expect(ddb.put({ key: { id: '1' }, item: { tags: ddb.toStringSet(['a', 'b']) } }).attributeValues).toEqual({ tags: { SS: ['a', 'b'] } });
  });

  it('builds batch and transaction requests', () => {
    expect(ddb.batchGet({ tables: { T: { keys: [{ id: '1' }] } } })).toEqual({ operation: 'BatchGetItem', tables: { T: { keys: [{ id: { S: '1' } }] } } });
    expect(ddb.transactWrite({ items: [
      { putItem: { table: 'T', key: { id: '1' }, item: { a: 1 }, condition: { id: { attributeExists: false } } } },
      { conditionCheck: { table: 'T', key: { id: '2' }, condition: { v: { eq: 3 } } } },
    ] })).toEqual({ operation: 'TransactWriteItems', transactItems: [
      { table: 'T', operation: 'PutItem', key: { id: { S: '1' } }, attributeValues: { a: { N: 1 } }, condition: { expression: '(attribute_not_exists(#id))', expressionNames: { '#id': 'id' } } },
      { table: 'T', operation: 'ConditionCheck', key: { id: { S: '2' } }, condition: { expression: '(#v = :v_eq)', expressionNames: { '#v': 'v' }, expressionValues: { ':v_eq': { N: 3 } } } },
    ] });
  });
});
