/**
 * util.dynamodb as direct host calls: the golden cases recorded from AWS AppSync EvaluateCode, the
 * other outputs localstack/appsync-utils recorded from AWS, the typings' documented examples, and
 * edge cases.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { markTyped } from '../../../../local/appsync-js/typed-value';
import { dynamodb } from '../../../../local/appsync-js/util/dynamodb';

/** Called through an untyped view: the tests pass inputs the typings forbid on purpose. */
const ddb = dynamodb as unknown as Record<string, (...args: unknown[]) => unknown>;
/** `ddb.toString` would type as Object.prototype.toString; a string-typed name reaches the helper. */
const toStringHelper: string = 'toString';

interface GoldenCase { name: string; expected?: unknown }
const golden = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../../../shared/golden/appsync-js-evaluations.json'), 'utf8')) as { cases: GoldenCase[] };

const MAP_INPUT = { foo: 'bar', baz: 1234, beep: ['boop'] };
const MAP_VALUES = { foo: { S: 'bar' }, baz: { N: 1234 }, beep: { L: [{ S: 'boop' }] } };

describe('golden cases (AWS EvaluateCode)', () => {
  const cases: Array<[string, () => unknown, unknown]> = [
    ['dynamodb helpers toDynamoDB string 1', () => ddb.toDynamoDB('test'), { S: 'test' }],
    ['dynamodb helpers toDynamoDB number 1', () => ddb.toDynamoDB(12345), { N: 12345 }],
    ['dynamodb helpers toDynamoDB boolean 1', () => ddb.toDynamoDB(true), { BOOL: true }],
    ['dynamodb helpers toStringSet 1', () => ddb.toStringSet(['foo', 'bar', 'baz']), { SS: ['foo', 'bar', 'baz'] }],
    ['dynamodb helpers toNumber 1', () => ddb.toNumber(12345), { N: 12345 }],
    ['dynamodb helpers toNumberSet 1', () => ddb.toNumberSet([1, 23, 4.56]), { NS: [1, 23, 4.56] }],
    ['dynamodb helpers toBinarySet 1', () => ddb.toBinarySet(['foo', 'bar', 'baz']), { BS: ['foo', 'bar', 'baz'] }],
    ['dynamodb helpers toBoolean 1', () => ddb.toBoolean(true), { BOOL: true }],
    ['dynamodb helpers toNull 1', () => ddb.toNull(), { NULL: null }],
    ['dynamodb helpers toMap 1', () => ddb.toMap(MAP_INPUT), { M: MAP_VALUES }],
    ['dynamodb helpers toMapValues 1', () => ddb.toMapValues(MAP_INPUT), MAP_VALUES],
    ['dynamodb helpers s3 objects three parameter function 1', () => ddb.toS3Object('foo', 'bar', 'baz'), { S: '{"s3":{"key":"foo","bucket":"bar","region":"baz"}}' }],
  ];

  it.each(cases)('%s', (_name, call, expected) => {
    expect(call()).toStrictEqual(expected);
  });

  it.each(cases)('copies the recorded output of %s', (name, _call, expected) => {
    const recorded = golden.cases.find((c) => c.name === name);
    expect(recorded?.expected).toEqual(expected);
  });
});

describe('other outputs recorded from AWS (localstack/appsync-utils snapshots)', () => {
  it.each<[string, () => unknown, unknown]>([
    ['toString', () => ddb[toStringHelper]('test'), { S: 'test' }],
    ['toBinary', () => ddb.toBinary('foo'), { B: 'foo' }],
    ['toList', () => ddb.toList(['foo', 123, { bar: 'baz' }]), { L: [{ S: 'foo' }, { N: 123 }, { M: { bar: { S: 'baz' } } }] }],
    ['toS3Object with a version', () => ddb.toS3Object('foo', 'bar', 'baz', 'beep'), { S: '{"s3":{"key":"foo","bucket":"bar","region":"baz","version":"beep"}}' }],
  ])('%s', (_name, call, expected) => {
    expect(call()).toStrictEqual(expected);
  });
});

describe('documented examples (dynamodb-utils.d.ts)', () => {
  it.each<[string, () => unknown, unknown]>([
    ['toDynamoDB("foo")', () => ddb.toDynamoDB('foo'), { S: 'foo' }],
    ['toDynamoDB(object)', () => ddb.toDynamoDB(MAP_INPUT), { M: MAP_VALUES }],
    ['toStringSet', () => ddb.toStringSet(['foo', 'bar', 'baz']), { SS: ['foo', 'bar', 'baz'] }],
    ['toNumber', () => ddb.toNumber(12345), { N: 12345 }],
    ['toNumberSet', () => ddb.toNumberSet([1, 23, 4.56]), { NS: [1, 23, 4.56] }],
    ['toBinary', () => ddb.toBinary('foo'), { B: 'foo' }],
    ['toBinarySet', () => ddb.toBinarySet(['foo', 'bar', 'baz']), { BS: ['foo', 'bar', 'baz'] }],
    ['toBoolean', () => ddb.toBoolean(true), { BOOL: true }],
    ['toNull', () => ddb.toNull(), { NULL: null }],
    ['toList', () => ddb.toList(['foo', 123, { bar: 'baz' }]), { L: [{ S: 'foo' }, { N: 123 }, { M: { bar: { S: 'baz' } } }] }],
    ['toMap', () => ddb.toMap(MAP_INPUT), { M: MAP_VALUES }],
    ['toMapValues', () => ddb.toMapValues(MAP_INPUT), MAP_VALUES],
  ])('%s', (_name, call, expected) => {
    expect(call()).toStrictEqual(expected);
  });

  it('toMapValues(obj) is toMap(obj)["M"]', () => {
    const obj = { a: [1, { b: null }], c: 'd' };
    expect(ddb.toMapValues(obj)).toStrictEqual((ddb.toMap(obj) as { M: unknown }).M);
  });
});

describe('toDynamoDB', () => {
  it.each<[string, unknown, unknown]>([
    ['null', null, { NULL: null }],
    ['undefined', undefined, { NULL: null }],
    ['an empty string', '', { S: '' }],
    ['a numeric string stays a string', '12', { S: '12' }],
    ['zero', 0, { N: 0 }],
    ['a negative fraction', -1.5, { N: -1.5 }],
    ['false', false, { BOOL: false }],
    ['an empty list', [], { L: [] }],
    ['an empty map', {}, { M: {} }],
    ['a list of strings is a list, never a set', ['a', 'b'], { L: [{ S: 'a' }, { S: 'b' }] }],
    ['a list of numbers is a list, never a set', [1, 2], { L: [{ N: 1 }, { N: 2 }] }],
    ['undefined in a list becomes NULL', [1, undefined, null], { L: [{ N: 1 }, { NULL: null }, { NULL: null }] }],
    ['undefined in a map is left out', { a: 1, b: undefined, c: null }, { M: { a: { N: 1 }, c: { NULL: null } } }],
    ['nested lists', [[1, [true]], []], { L: [{ L: [{ N: 1 }, { L: [{ BOOL: true }] }] }, { L: [] }] }],
    ['nested maps', { a: { b: { c: 'd' } } }, { M: { a: { M: { b: { M: { c: { S: 'd' } } } } } } }],
    ['maps in lists in maps', { items: [{ id: 1, tags: ['x'] }] }, { M: { items: { L: [{ M: { id: { N: 1 }, tags: { L: [{ S: 'x' }] } } }] } } }],
    ['keys that need escaping are kept', { 'a.b': 1, '#c': 2, 'd e': 3 }, { M: { 'a.b': { N: 1 }, '#c': { N: 2 }, 'd e': { N: 3 } } }],
    ['an object that looks typed is still a map', { S: 'x' }, { M: { S: { S: 'x' } } }],
  ])('%s', (_name, input, expected) => {
    expect(ddb.toDynamoDB(input)).toStrictEqual(expected);
  });

  it('keeps a value marked typed (the dynamodb module sets) as it is, also nested', () => {
    const set = markTyped({ SS: ['a', 'b'] });
    expect(ddb.toDynamoDB(set)).toStrictEqual({ SS: ['a', 'b'] });
    expect(ddb.toDynamoDB({ tags: set, list: [set] })).toStrictEqual({ M: { tags: { SS: ['a', 'b'] }, list: { L: [{ SS: ['a', 'b'] }] } } });
  });

  it('converts objects and arrays from the sandbox realm like host ones', () => {
    const foreign = runInNewContext('({ a: [1, "x", { b: true }], c: null })');
    expect(Array.isArray(foreign.a)).toBe(true);
    expect(ddb.toDynamoDB(foreign)).toStrictEqual({ M: { a: { L: [{ N: 1 }, { S: 'x' }, { M: { b: { BOOL: true } } }] }, c: { NULL: null } } });
  });

  it.each<[string, unknown]>([
    ['a function', () => 1],
    ['a symbol', Symbol('s')],
    ['a bigint', 10n],
  ])('refuses %s', (_name, input) => {
    expect(() => ddb.toDynamoDB(input)).toThrow(/cannot convert a (function|symbol|bigint)/);
    expect(() => ddb.toDynamoDB({ nested: input })).toThrow(TypeError);
  });
});

describe('typed helpers', () => {
  const helpers: Array<[string, string, unknown]> = [
    ['toString', 'S', 'x'],
    ['toStringSet', 'SS', ['x']],
    ['toNumber', 'N', 1],
    ['toNumberSet', 'NS', [1]],
    ['toBinary', 'B', 'Zm9v'],
    ['toBinarySet', 'BS', ['Zm9v']],
    ['toBoolean', 'BOOL', false],
  ];

  it.each(helpers)('%s wraps its argument in %s unchanged', (helper, type, input) => {
    expect(ddb[helper](input)).toStrictEqual({ [type]: input });
  });

  it.each(helpers.flatMap(([helper]) => [[helper, null], [helper, undefined]] as Array<[string, unknown]>))('%s(%s) is null', (helper, input) => {
    expect(ddb[helper](input)).toBeNull();
  });

  it('toNumberSet keeps numbers as JSON numbers, the way AWS prints them', () => {
    expect(ddb.toNumberSet([0, -2, 3.25])).toStrictEqual({ NS: [0, -2, 3.25] });
  });

  it('toNull takes no argument and ignores one', () => {
    expect(ddb.toNull('ignored')).toStrictEqual({ NULL: null });
  });
});

describe('toList, toMap and toMapValues', () => {
  it.each<[string, unknown]>([['null', null], ['undefined', undefined], ['a string', 'abc'], ['a number', 1], ['a map', { a: 1 }]])(
    'toList of %s is null',
    (_name, input) => {
      expect(ddb.toList(input)).toBeNull();
    },
  );

  it.each<[string, unknown]>([['null', null], ['undefined', undefined], ['a string', 'abc'], ['a list', [1]], ['a boolean', true]])(
    'toMap and toMapValues of %s are null',
    (_name, input) => {
      expect(ddb.toMap(input)).toBeNull();
      expect(ddb.toMapValues(input)).toBeNull();
    },
  );

  it.each<[string, unknown, unknown]>([
    ['an empty list', [], { L: [] }],
    ['mixed values', [null, 'a', 1, false, [], {}], { L: [{ NULL: null }, { S: 'a' }, { N: 1 }, { BOOL: false }, { L: [] }, { M: {} }] }],
  ])('toList of %s', (_name, input, expected) => {
    expect(ddb.toList(input)).toStrictEqual(expected);
  });

  it.each<[string, unknown, unknown]>([
    ['an empty map', {}, {}],
    ['nested values', { a: { b: [1] }, c: undefined }, { a: { M: { b: { L: [{ N: 1 }] } } } }],
  ])('toMapValues of %s', (_name, input, expected) => {
    expect(ddb.toMapValues(input)).toStrictEqual(expected);
  });
});

describe('S3 objects', () => {
  it.each<[string, unknown[], Record<string, string>]>([
    ['three arguments', ['foo', 'bar', 'baz'], { key: 'foo', bucket: 'bar', region: 'baz' }],
    ['four arguments', ['foo', 'bar', 'baz', 'beep'], { key: 'foo', bucket: 'bar', region: 'baz', version: 'beep' }],
    ['keys that need JSON escaping', ['a "quoted"\\key', 'b', 'r'], { key: 'a "quoted"\\key', bucket: 'b', region: 'r' }],
  ])('fromS3ObjectJson reverses toS3Object with %s', (_name, args, expected) => {
    const typed = ddb.toS3Object(...args) as { S: string };
    expect(ddb.fromS3ObjectJson(typed.S)).toStrictEqual(expected);
  });

  it('a null version is left out', () => {
    expect(ddb.toS3Object('k', 'b', 'r', null)).toStrictEqual({ S: '{"s3":{"key":"k","bucket":"b","region":"r"}}' });
  });

  it('fromS3ObjectJson also takes the { S } attribute value itself', () => {
    expect(ddb.fromS3ObjectJson({ S: '{"s3":{"key":"k","bucket":"b","region":"r","version":"v"}}' })).toStrictEqual({ key: 'k', bucket: 'b', region: 'r', version: 'v' });
  });

  it.each<[string, unknown]>([
    ['not JSON', 'nope'],
    ['JSON without s3', '{"key":"k"}'],
    ['s3 that is not an object', '{"s3":"k"}'],
    ['null', null],
    ['a number', 1],
  ])('fromS3ObjectJson refuses %s', (_name, input) => {
    expect(() => ddb.fromS3ObjectJson(input)).toThrow(/fromS3ObjectJson: expected the JSON string of an S3 object/);
  });
});

describe('the declared surface', () => {
  it('implements every member util.dynamodb declares, as functions', () => {
    const declared = readFileSync(resolve(import.meta.dirname, '../../../../node_modules/@aws-appsync/utils/lib/dynamodb-utils.d.ts'), 'utf8');
    const members = [...new Set([...declared.matchAll(/^ {4}(\w+)(?:<[^>]*>)?\(/gm)].map((m) => m[1]))];
    expect(members).toEqual(expect.arrayContaining(['toDynamoDB', 'toMapValues', 'toS3Object', 'fromS3ObjectJson']));
    expect(members).toHaveLength(14);
    for (const member of members) expect(typeof ddb[member], member).toBe('function');
  });

  it('returns fresh plain objects (the evaluator copies them into the sandbox)', () => {
    const first = ddb.toNull() as object;
    expect(first).not.toBe(ddb.toNull());
    expect(Object.getPrototypeOf(first)).toBe(Object.prototype);
  });
});
