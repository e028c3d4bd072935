/**
 * Pure parts of the DynamoDB data source: typed-value conversion both ways, expression parsing,
 * nextToken encoding, error mapping, and CloudFormation → CreateTable translation.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import {
  attributeMapsEqual,
  attributeValuesEqual,
  fromSdkAttributeValue,
  fromSdkItem,
  toSdkAttributeMap,
  toSdkAttributeValue,
  toTypedJson,
} from '../../../local/datasources/dynamodb/attribute-values';
import { toDataSourceError } from '../../../local/datasources/dynamodb/errors';
import { mergeExpressionAttributes, parseExpression, projectedTopLevelNames } from '../../../local/datasources/dynamodb/expressions';
import { decodeNextToken, encodeNextToken, tokenScope } from '../../../local/datasources/dynamodb/pagination-token';
import { RequestShapeError } from '../../../local/datasources/dynamodb/request-error';
import { createTableInput } from '../../../local/dynamodb/tables';

const bytes = (...b: number[]) => new Uint8Array(b);

describe('request typed values → SDK', () => {
  it('stringifies JSON numbers, in N and NS', () => {
    expect(toSdkAttributeValue({ N: 12 })).toEqual({ N: '12' });
    expect(toSdkAttributeValue({ N: 4.56 })).toEqual({ N: '4.56' });
    expect(toSdkAttributeValue({ N: '7' })).toEqual({ N: '7' });
    expect(toSdkAttributeValue({ NS: [1, '23', 4.56] })).toEqual({ NS: ['1', '23', '4.56'] });
  });

  it('decodes base64 binary and binary sets', () => {
    expect(toSdkAttributeValue({ B: 'AAEC' })).toEqual({ B: bytes(0, 1, 2) });
    expect(toSdkAttributeValue({ BS: ['AQ==', 'Ag=='] })).toEqual({ BS: [bytes(1), bytes(2)] });
  });

  it('maps NULL null/true to true and converts nested lists and maps', () => {
    expect(toSdkAttributeValue({ NULL: null })).toEqual({ NULL: true });
    expect(toSdkAttributeValue({ NULL: true })).toEqual({ NULL: true });
    expect(toSdkAttributeValue({ L: [{ S: 'foo' }, { N: 123 }, { M: { bar: { S: 'baz' } } }] })).toEqual({
      L: [{ S: 'foo' }, { N: '123' }, { M: { bar: { S: 'baz' } } }],
    });
    expect(toSdkAttributeMap({ id: { S: 'x' }, ok: { BOOL: true }, tags: { SS: ['a'] } })).toEqual({ id: { S: 'x' }, ok: { BOOL: true }, tags: { SS: ['a'] } });
  });

  it('rejects values that are not typed values, naming the path', () => {
    expect(() => toSdkAttributeMap({ id: 'plain' }, 'key')).toThrow(new RequestShapeError('Expected a typed value like {"S": "..."} at key.id, got "plain"'));
    expect(() => toSdkAttributeValue({ S: 'a', N: 1 })).toThrow(RequestShapeError);
    expect(() => toSdkAttributeValue({ X: 1 })).toThrow(RequestShapeError);
    expect(() => toSdkAttributeValue({ N: Number.NaN })).toThrow(/Invalid number/);
    expect(() => toSdkAttributeValue({ BOOL: 'yes' })).toThrow(/boolean/);
    expect(() => toSdkAttributeValue({ L: { not: 'a list' } })).toThrow(/array for L/);
  });
});

describe('SDK → plain JSON (ctx.result)', () => {
  it('converts every type', () => {
    expect(fromSdkAttributeValue({ S: 'a' })).toBe('a');
    expect(fromSdkAttributeValue({ N: '12.5' })).toBe(12.5);
    expect(fromSdkAttributeValue({ BOOL: false })).toBe(false);
    expect(fromSdkAttributeValue({ NULL: true })).toBeNull();
    expect(fromSdkAttributeValue({ B: bytes(0, 1, 2) })).toBe('AAEC');
    expect(fromSdkAttributeValue({ SS: ['a', 'b'] })).toEqual(['a', 'b']);
    expect(fromSdkAttributeValue({ NS: ['1', '2.5'] })).toEqual([1, 2.5]);
    expect(fromSdkAttributeValue({ BS: [bytes(1), bytes(2)] })).toEqual(['AQ==', 'Ag==']);
    expect(fromSdkAttributeValue({ L: [{ S: 'x' }, { M: { n: { N: '1' } } }] })).toEqual(['x', { n: 1 }]);
  });

  it('items become objects, missing items null', () => {
    expect(fromSdkItem({ id: { S: '1' }, count: { N: '3' } })).toEqual({ id: '1', count: 3 });
    expect(fromSdkItem(undefined)).toBeNull();
  });

  it('base64 of a Uint8Array view uses only its own bytes', () => {
    const view = new Uint8Array(new Uint8Array([9, 1, 2, 9]).buffer, 1, 2);
    expect(fromSdkAttributeValue({ B: view })).toBe('AQI=');
  });

  it('back to typed JSON for Lambda handlers', () => {
    expect(toTypedJson({ M: { b: { B: bytes(1) }, n: { N: '2' }, z: { NULL: true } } })).toEqual({ M: { b: { B: 'AQ==' }, n: { N: '2' }, z: { NULL: true } } });
  });
});

describe('equality for conditional-failure comparison', () => {
  it('compares numbers by value and sets and maps without order', () => {
    expect(attributeValuesEqual({ N: '1.50' }, { N: '1.5' })).toBe(true);
    expect(attributeValuesEqual({ SS: ['a', 'b'] }, { SS: ['b', 'a'] })).toBe(true);
    expect(attributeValuesEqual({ SS: ['a', 'b'] }, { SS: ['a'] })).toBe(false);
    expect(attributeValuesEqual({ L: [{ S: 'a' }, { S: 'b' }] }, { L: [{ S: 'b' }, { S: 'a' }] })).toBe(false);
    expect(attributeValuesEqual({ B: bytes(1, 2) }, { B: bytes(1, 2) })).toBe(true);
    expect(attributeValuesEqual({ S: '1' }, { N: '1' })).toBe(false);
    const a: Record<string, AttributeValue> = { id: { S: '1' }, m: { M: { x: { N: '1' }, y: { S: 'y' } } } };
    const b: Record<string, AttributeValue> = { m: { M: { y: { S: 'y' }, x: { N: '1' } } }, id: { S: '1' } };
    expect(attributeMapsEqual(a, b)).toBe(true);
  });

  it('ignores equalsIgnore attributes on both sides', () => {
    expect(attributeMapsEqual({ id: { S: '1' }, version: { N: '8' } }, { id: { S: '1' }, version: { N: '2' } }, ['version'])).toBe(true);
    expect(attributeMapsEqual({ id: { S: '1' }, version: { N: '8' } }, { id: { S: '1' } }, ['version'])).toBe(true);
    expect(attributeMapsEqual({ id: { S: '1' }, version: { N: '8' } }, { id: { S: '1' } })).toBe(false);
  });
});

describe('expressions', () => {
  it('accepts an object or a JSON string and drops empty maps', () => {
    const fromString = parseExpression('{"expression":"(contains(#title,:title_contains))","expressionNames":{"#title":"title"},"expressionValues":{":title_contains":{"S":"Hello"}}}', 'filter');
    expect(fromString).toMatchObject({ expression: '(contains(#title,:title_contains))', names: { '#title': 'title' }, values: { ':title_contains': { S: 'Hello' } } });
    const empty = parseExpression({ expression: 'attribute_exists(id)', expressionNames: {}, expressionValues: {} }, 'condition');
    expect(empty?.names).toBeUndefined();
    expect(empty?.values).toBeUndefined();
    expect(mergeExpressionAttributes([empty])).toEqual({});
    expect(parseExpression(undefined, 'filter')).toBeUndefined();
    expect(parseExpression(null, 'filter')).toBeUndefined();
  });

  it('rejects unparsable or shapeless expressions', () => {
    expect(() => parseExpression('{not json', 'filter')).toThrow(/filter must be an expression object or a JSON string/);
    expect(() => parseExpression({ expressionNames: {} }, 'condition')).toThrow('condition.expression must be a string');
    expect(() => parseExpression({ expression: 'a = :a', expressionValues: { ':a': 1 } }, 'filter')).toThrow(/typed value/);
  });

  it('merges names and values of several expressions and refuses conflicting placeholders', () => {
    const query = parseExpression({ expression: '#pk = :pk', expressionNames: { '#pk': 'pk' }, expressionValues: { ':pk': { S: 'a' } } }, 'query');
    const filter = parseExpression({ expression: '#n > :n', expressionNames: { '#n': 'n', '#pk': 'pk' }, expressionValues: { ':n': { N: 1 } } }, 'filter');
    expect(mergeExpressionAttributes([query, filter, undefined])).toEqual({
      ExpressionAttributeNames: { '#pk': 'pk', '#n': 'n' },
      ExpressionAttributeValues: { ':pk': { S: 'a' }, ':n': { N: '1' } },
    });
    const clash = parseExpression({ expression: 'x', expressionValues: { ':pk': { S: 'b' } } }, 'filter');
    expect(() => mergeExpressionAttributes([query, clash])).toThrow(/:pk is bound to two different values/);
  });

  it('finds the top-level names of a projection', () => {
    const projection = parseExpression({ expression: '#a, b.c, d[0], #e.f', expressionNames: { '#a': 'alpha', '#e': 'echo' } }, 'projection');
    expect([...projectedTopLevelNames(projection!)]).toEqual(['alpha', 'b', 'd', 'echo']);
  });
});

describe('nextToken', () => {
  const scope = tokenScope({ operation: 'Query', table: 'T', index: 'byOwner', paginationScope: '' });
  const key = { pk: { S: 'a' }, rank: { N: '3' }, bin: { B: bytes(1, 2) } };

  it('round-trips the key (with Sync startedAt) and looks like an AppSync token', () => {
    const token = encodeNextToken(key, scope, 1234) as string;
    expect(token.startsWith('eyJ2ZXJzaW9uIj')).toBe(true);
    expect(decodeNextToken(token, scope)).toEqual({ exclusiveStartKey: key, startedAt: 1234 });
    expect(decodeNextToken(encodeNextToken(key, scope) as string, scope)).toEqual({ exclusiveStartKey: key });
  });

  it('is null when there is no further page', () => {
    expect(encodeNextToken(undefined, scope)).toBeNull();
    expect(encodeNextToken({}, scope)).toBeNull();
  });

  it('rejects tokens of another scope, tampered or garbage', () => {
    const token = encodeNextToken(key, scope) as string;
    expect(decodeNextToken(token, tokenScope({ operation: 'Query', table: 'T', paginationScope: '' }))).toBeUndefined();
    expect(decodeNextToken(token, tokenScope({ operation: 'Scan', table: 'T', index: 'byOwner', paginationScope: '' }))).toBeUndefined();
    const envelope = JSON.parse(Buffer.from(token, 'base64').toString()) as { token: string; mac: string };
    const otherKey = Buffer.from(JSON.stringify({ key: { pk: { S: 'b' } } })).toString('base64url');
    const tampered = Buffer.from(JSON.stringify({ ...envelope, token: otherKey })).toString('base64');
    expect(decodeNextToken(tampered, scope)).toBeUndefined();
    expect(decodeNextToken('garbage', scope)).toBeUndefined();
    expect(decodeNextToken('', scope)).toBeUndefined();
  });
});

describe('SDK errors → ctx.error', () => {
  const serviceError = (name: string, message: string) =>
    Object.assign(new Error(message), { name, $fault: 'client', $metadata: { httpStatusCode: 400, requestId: 'REQ1' } });

  it('validation errors become DynamoDB:DynamoDbException, others keep their name, in AppSync message format', () => {
    expect(toDataSourceError(serviceError('ValidationException', 'Invalid UpdateExpression: Syntax error'), undefined)).toEqual({
      type: 'DynamoDB:DynamoDbException',
      message: 'Invalid UpdateExpression: Syntax error (Service: DynamoDb, Status Code: 400, Request ID: REQ1)',
    });
    expect(toDataSourceError(serviceError('ProvisionedThroughputExceededException', 'slow down'), undefined).type).toBe('DynamoDB:ProvisionedThroughputExceededException');
  });

  it('connection failures become DynamoDB:ServiceUnavailable naming the endpoint', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    expect(toDataSourceError(refused, 'http://127.0.0.1:1')).toEqual({
      type: 'DynamoDB:ServiceUnavailable',
      message: 'Could not reach DynamoDB at http://127.0.0.1:1: connect ECONNREFUSED 127.0.0.1:1. Is DynamoDB Local running?',
    });
    const aborted = Object.assign(new Error('This operation was aborted'), { name: 'AbortError' });
    expect(toDataSourceError(aborted, undefined).message).toMatch(/no answer in time/);
  });
});

describe('CloudFormation table → CreateTable', () => {
  const keySchema = [{ AttributeName: 'pk', KeyType: 'HASH' as const }];
  const attributes = [
    { AttributeName: 'pk', AttributeType: 'S' as const },
    { AttributeName: 'g', AttributeType: 'S' as const },
  ];
  const gsi = { IndexName: 'g1', KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' as const }], Projection: { ProjectionType: 'ALL' as const }, ContributorInsightsSpecification: { Enabled: true } };

  it('on-demand table with GSI, LSI and stream', () => {
    const input = createTableInput('T', {
      KeySchema: keySchema,
      AttributeDefinitions: attributes,
      BillingMode: 'PAY_PER_REQUEST',
      GlobalSecondaryIndexes: [gsi],
      LocalSecondaryIndexes: [{ IndexName: 'l1', KeySchema: keySchema, Projection: { ProjectionType: 'KEYS_ONLY' } }],
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    });
    expect(input).toEqual({
      TableName: 'T',
      KeySchema: keySchema,
      AttributeDefinitions: attributes,
      BillingMode: 'PAY_PER_REQUEST',
      GlobalSecondaryIndexes: [{ IndexName: 'g1', KeySchema: gsi.KeySchema, Projection: gsi.Projection }],
      LocalSecondaryIndexes: [{ IndexName: 'l1', KeySchema: keySchema, Projection: { ProjectionType: 'KEYS_ONLY' } }],
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    });
  });

  it('provisioned table: throughput from strings, defaulted for indexes', () => {
    const input = createTableInput('T', {
      KeySchema: keySchema,
      AttributeDefinitions: attributes,
      ProvisionedThroughput: { ReadCapacityUnits: '3', WriteCapacityUnits: 4 },
      GlobalSecondaryIndexes: [gsi],
    });
    expect(input.BillingMode).toBe('PROVISIONED');
    expect(input.ProvisionedThroughput).toEqual({ ReadCapacityUnits: 3, WriteCapacityUnits: 4 });
    expect(input.GlobalSecondaryIndexes?.[0]?.ProvisionedThroughput).toEqual({ ReadCapacityUnits: 3, WriteCapacityUnits: 4 });
  });
});
