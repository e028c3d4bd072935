/**
 * util.transform as direct host calls. The DynamoDB and subscription-filter expectations are
 * outputs recorded from AWS AppSync EvaluateCode: the golden case, and the localstack/appsync-utils
 * snapshots (transform.test.js, transform-subscription.test.js, index.test.js), which AWS printed
 * with keys in no stable order, so objects are compared key-order-insensitively and expression
 * strings exactly.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { transform } from '../../../../local/appsync-js/util/transform';

/** Called through an untyped view: the tests pass inputs the typings forbid on purpose. */
const t = transform as unknown as Record<string, (...args: unknown[]) => unknown>;

interface Compiled { expression: string; expressionNames: Record<string, string>; expressionValues: Record<string, unknown> }
const parsed = (json: unknown): Compiled | null => (json === null ? null : JSON.parse(json as string) as Compiled);
const filterExpression = (input: unknown) => parsed(t.toDynamoDBFilterExpression(input));
const conditionExpression = (input: unknown) => parsed(t.toDynamoDBConditionExpression(input));

const expr = (expression: string, expressionNames: Record<string, string>, expressionValues: Record<string, unknown> = {}): Compiled =>
  ({ expression, expressionNames, expressionValues });

interface GoldenCase { name: string; expected?: unknown }
const golden = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../../../shared/golden/appsync-js-evaluations.json'), 'utf8')) as { cases: GoldenCase[] };

describe('golden case (AWS EvaluateCode)', () => {
  const GOLDEN = '{"expression":"(contains(#title,:title_contains))","expressionNames":{"#title":"title"},"expressionValues":{":title_contains":{"S":"Hello World"}}}';

  it('Transformations toDynamoDBFilterMap 1: the JSON string, to the character', () => {
    expect(t.toDynamoDBFilterExpression({ title: { contains: 'Hello World' } })).toBe(GOLDEN);
  });

  it('copies the recorded output', () => {
    expect(golden.cases.find((c) => c.name === 'Transformations toDynamoDBFilterMap 1')?.expected).toBe(GOLDEN);
  });
});

describe('toDynamoDBFilterExpression, as recorded from AWS', () => {
  const V = { '#v': 'v' };
  const AB = { '#a': 'a', '#b': 'b' };
  const ABC = { '#a': 'a', '#b': 'b', '#c': 'c' };

  it.each<[string, unknown, Compiled]>([
    // comparison operators
    ['eq', { v: { eq: 'x' } }, expr('(#v = :v_eq)', V, { ':v_eq': { S: 'x' } })],
    ['ne', { v: { ne: 'x' } }, expr('(#v <> :v_ne)', V, { ':v_ne': { S: 'x' } })],
    ['lt', { v: { lt: 'x' } }, expr('(#v < :v_lt)', V, { ':v_lt': { S: 'x' } })],
    ['le', { v: { le: 'x' } }, expr('(#v <= :v_le)', V, { ':v_le': { S: 'x' } })],
    ['gt', { v: { gt: 'x' } }, expr('(#v > :v_gt)', V, { ':v_gt': { S: 'x' } })],
    ['ge', { v: { ge: 'x' } }, expr('(#v >= :v_ge)', V, { ':v_ge': { S: 'x' } })],
    // the type of an operand
    ['a number keeps its numeric type', { v: { eq: 10 } }, expr('(#v = :v_eq)', V, { ':v_eq': { N: 10 } })],
    ['a fractional number', { v: { eq: 1.5 } }, expr('(#v = :v_eq)', V, { ':v_eq': { N: 1.5 } })],
    ['a boolean', { v: { eq: true } }, expr('(#v = :v_eq)', V, { ':v_eq': { BOOL: true } })],
    ['null', { v: { eq: null } }, expr('(#v = :v_eq)', V, { ':v_eq': { NULL: null } })],
    ['an object', { v: { eq: { a: 1 } } }, expr('(#v = :v_eq)', V, { ':v_eq': { M: { a: { N: 1 } } } })],
    ['a list', { v: { eq: [1, 2] } }, expr('(#v = :v_eq)', V, { ':v_eq': { L: [{ N: 1 }, { N: 2 }] } })],
    // function operators
    ['contains leaves no space after the comma', { v: { contains: 'x' } }, expr('(contains(#v,:v_contains))', V, { ':v_contains': { S: 'x' } })],
    ['notContains', { v: { notContains: 'x' } }, expr('(NOT contains(#v,:v_notContains))', V, { ':v_notContains': { S: 'x' } })],
    ['beginsWith', { v: { beginsWith: 'x' } }, expr('(begins_with(#v,:v_beginsWith))', V, { ':v_beginsWith': { S: 'x' } })],
    // between
    ['between names its bounds start and end', { v: { between: ['1', '9'] } },
      expr('(#v BETWEEN :v_between_start AND :v_between_end)', V, { ':v_between_start': { S: '1' }, ':v_between_end': { S: '9' } })],
    ['between numeric bounds', { v: { between: [1, 9] } },
      expr('(#v BETWEEN :v_between_start AND :v_between_end)', V, { ':v_between_start': { N: 1 }, ':v_between_end': { N: 9 } })],
    ['between ignores anything past the second bound', { v: { between: ['1', '9', '3'] } },
      expr('(#v BETWEEN :v_between_start AND :v_between_end)', V, { ':v_between_start': { S: '1' }, ':v_between_end': { S: '9' } })],
    // in
    ['in separates its values with a comma and a space', { v: { in: ['a', 'b'] } },
      expr('(#v IN (:v_in_0, :v_in_1))', V, { ':v_in_0': { S: 'a' }, ':v_in_1': { S: 'b' } })],
    ['in a single value', { v: { in: ['a'] } }, expr('(#v IN (:v_in_0))', V, { ':v_in_0': { S: 'a' } })],
    // attributeExists
    ['attributeExists true', { v: { attributeExists: true } }, expr('(attribute_exists(#v))', V)],
    ['attributeExists false', { v: { attributeExists: false } }, expr('(attribute_not_exists(#v))', V)],
    // size
    ['size compares the size of the attribute', { v: { size: { gt: 2 } } }, expr('(size(#v) > :v_size_gt)', V, { ':v_size_gt': { N: 2 } })],
    ['size combines with a range', { v: { size: { between: [1, 3] } } },
      expr('(size(#v) BETWEEN :v_size_between_start AND :v_size_between_end)', V, { ':v_size_between_start': { N: 1 }, ':v_size_between_end': { N: 3 } })],
    ['size combines with a function', { v: { size: { contains: 'x' } } }, expr('(contains(size(#v),:v_size_contains))', V, { ':v_size_contains': { S: 'x' } })],
    ['size combines with attributeExists', { v: { size: { attributeExists: true } } }, expr('(attribute_exists(size(#v)))', V)],
    ['two comparisons on one size', { v: { size: { gt: 2, lt: 5 } } },
      expr('((size(#v) > :v_size_gt) AND (size(#v) < :v_size_lt))', V, { ':v_size_gt': { N: 2 }, ':v_size_lt': { N: 5 } })],
    ['nesting size names the value again without nesting the call', { v: { size: { size: { gt: 1 } } } },
      expr('(size(#v) > :v_size_size_gt)', V, { ':v_size_size_gt': { N: 1 } })],
    // grouping
    ['two fields at the top level are joined without being wrapped', { a: { eq: 1 }, b: { eq: 2 } },
      expr('(#a = :a_eq) AND (#b = :b_eq)', AB, { ':a_eq': { N: 1 }, ':b_eq': { N: 2 } })],
    ['a field carrying two operators is wrapped', { v: { ge: 1, le: 5 } },
      expr('((#v >= :v_ge) AND (#v <= :v_le))', V, { ':v_ge': { N: 1 }, ':v_le': { N: 5 } })],
    ['an and of one member is not wrapped', { and: [{ a: { eq: 1 } }] }, expr('(#a = :and_0_a_eq)', { '#a': 'a' }, { ':and_0_a_eq': { N: 1 } })],
    ['an and of two members is wrapped', { and: [{ a: { eq: 1 } }, { b: { eq: 2 } }] },
      expr('((#a = :and_0_a_eq) AND (#b = :and_1_b_eq))', AB, { ':and_0_a_eq': { N: 1 }, ':and_1_b_eq': { N: 2 } })],
    ['an or of two members', { or: [{ a: { eq: 1 } }, { b: { eq: 2 } }] },
      expr('((#a = :or_0_a_eq) OR (#b = :or_1_b_eq))', AB, { ':or_0_a_eq': { N: 1 }, ':or_1_b_eq': { N: 2 } })],
    ['not of a single comparison', { not: { a: { eq: 1 } } }, expr('(NOT (#a = :not_a_eq))', { '#a': 'a' }, { ':not_a_eq': { N: 1 } })],
    ['not of a group', { not: { and: [{ a: { eq: 1 } }, { b: { eq: 2 } }] } },
      expr('(NOT ((#a = :not_and_0_a_eq) AND (#b = :not_and_1_b_eq)))', AB, { ':not_and_0_a_eq': { N: 1 }, ':not_and_1_b_eq': { N: 2 } })],
    ['not of a not', { not: { not: { a: { eq: 1 } } } }, expr('(NOT (NOT (#a = :not_not_a_eq)))', { '#a': 'a' }, { ':not_not_a_eq': { N: 1 } })],
    ['not inside an and', { and: [{ not: { a: { eq: 1 } } }, { b: { eq: 2 } }] },
      expr('((NOT (#a = :and_0_not_a_eq)) AND (#b = :and_1_b_eq))', AB, { ':and_0_not_a_eq': { N: 1 }, ':and_1_b_eq': { N: 2 } })],
    ['an and inside an or', { or: [{ and: [{ a: { eq: 1 } }, { b: { eq: 2 } }] }, { c: { eq: 3 } }] },
      expr('(((#a = :or_0_and_0_a_eq) AND (#b = :or_0_and_1_b_eq)) OR (#c = :or_1_c_eq))', ABC,
        { ':or_0_and_0_a_eq': { N: 1 }, ':or_0_and_1_b_eq': { N: 2 }, ':or_1_c_eq': { N: 3 } })],
    ['an or inside an and', { and: [{ or: [{ a: { eq: 1 } }, { b: { eq: 2 } }] }, { c: { eq: 3 } }] },
      expr('(((#a = :and_0_or_0_a_eq) OR (#b = :and_0_or_1_b_eq)) AND (#c = :and_1_c_eq))', ABC,
        { ':and_0_or_0_a_eq': { N: 1 }, ':and_0_or_1_b_eq': { N: 2 }, ':and_1_c_eq': { N: 3 } })],
    ['value names carry every level of the nesting', { and: [{ or: [{ and: [{ a: { eq: 1 } }] }] }] },
      expr('(#a = :and_0_or_0_and_0_a_eq)', { '#a': 'a' }, { ':and_0_or_0_and_0_a_eq': { N: 1 } })],
    ['a field beside a group', { a: { eq: 1 }, and: [{ b: { eq: 2 } }] },
      expr('(#a = :a_eq) AND (#b = :and_0_b_eq)', AB, { ':a_eq': { N: 1 }, ':and_0_b_eq': { N: 2 } })],
    ['a field name is used verbatim, dots included', { 'a.b': { eq: 1 } }, expr('(#a.b = :a.b_eq)', { '#a.b': 'a.b' }, { ':a.b_eq': { N: 1 } })],
    // filters that render no expression
    ['an empty filter', {}, expr('', {})],
    ['an empty group', { and: [] }, expr('', {})],
    ['a field without operators keeps its name', { v: {} }, expr('', V)],
    ['a size without operators keeps the name of its field', { v: { size: {} } }, expr('', V)],
    ['not of an empty filter', { not: {} }, expr('(NOT )', {})],
    ['an empty list of values', { v: { in: [] } }, expr('(null)', V)],
    ['an empty field beside a comparison leaves a dangling joiner', { a: { eq: 1 }, b: {} }, expr('(#a = :a_eq) AND ', AB, { ':a_eq': { N: 1 } })],
    ['an empty member of a group leaves a dangling joiner', { and: [{ a: { eq: 1 } }, {}] }, expr('((#a = :and_0_a_eq) AND )', { '#a': 'a' }, { ':and_0_a_eq': { N: 1 } })],
    // the write conditions and list filters the Amplify GraphQL transformer generates
    ['a list filter matching content', { content: { contains: 'foo' } }, expr('(contains(#content,:content_contains))', { '#content': 'content' }, { ':content_contains': { S: 'foo' } })],
    ['a list filter combining content and a flag', { and: [{ content: { contains: 'a' } }, { done: { eq: true } }] },
      expr('((contains(#content,:and_0_content_contains)) AND (#done = :and_1_done_eq))', { '#content': 'content', '#done': 'done' },
        { ':and_0_content_contains': { S: 'a' }, ':and_1_done_eq': { BOOL: true } })],
    ['a list filter combining a prefix and a range', { or: [{ content: { beginsWith: 'a' } }, { id: { between: ['1', '9'] } }] },
      expr('((begins_with(#content,:or_0_content_beginsWith)) OR (#id BETWEEN :or_1_id_between_start AND :or_1_id_between_end))', { '#content': 'content', '#id': 'id' },
        { ':or_0_content_beginsWith': { S: 'a' }, ':or_1_id_between_start': { S: '1' }, ':or_1_id_between_end': { S: '9' } })],
  ])('%s', (_name, input, expected) => {
    expect(filterExpression(input)).toEqual(expected);
  });

  it('maps every attributeType name to its DynamoDB type code', () => {
    const names = ['_null', 'string', 'stringSet', 'number', 'numberSet', 'binary', 'binarySet', 'boolean', 'list', 'map'];
    const codes = ['NULL', 'S', 'SS', 'N', 'NS', 'B', 'BS', 'BOOL', 'L', 'M'];
    const fields = 'abcdefghij'.split('');
    const input = Object.fromEntries(fields.map((f, i) => [f, { attributeType: names[i] }]));
    expect(filterExpression(input)).toEqual(expr(
      fields.map((f) => `(attribute_type(#${f},:${f}_attributeType))`).join(' AND '),
      Object.fromEntries(fields.map((f) => [`#${f}`, f])),
      Object.fromEntries(fields.map((f, i) => [`:${f}_attributeType`, { S: codes[i] }])),
    ));
  });

  it.each<[string, unknown]>([
    ['no filter at all', undefined],
    ['null', null],
    ['an array', []],
    ['a string', 'string'],
    ['an unknown operator', { v: { foo: 1 } }],
    ['a field holding a value instead of operators', { v: 'x' }],
    ['a field nested in a field', { a: { b: { eq: 1 } } }],
    ['an and given a map instead of a list', { and: { a: { eq: 1 } } }],
    ['an and given null', { and: null }],
    ['a group holding a null member', { and: [{ a: { eq: 1 } }, null] }],
    ['a not given a list', { not: [{ a: { eq: 1 } }] }],
    ['a range with a single bound', { v: { between: [1] } }],
    ['a range that is not a list', { v: { between: 'x' } }],
    ['a list of values that is not a list', { v: { in: 'x' } }],
    ['attributeExists given something other than a boolean', { v: { attributeExists: 'yes' } }],
    ['attributeType given a type code instead of a type name', { v: { attributeType: 'S' } }],
    ['attributeType given an unknown name', { v: { attributeType: 'bogus' } }],
    ['size given a value instead of operators', { v: { size: 3 } }],
  ])('cannot render %s: null, not an error', (_name, input) => {
    expect(t.toDynamoDBFilterExpression(input)).toBeNull();
    expect(t.toDynamoDBConditionExpression(input)).toBeNull();
  });

  it('the raw JSON string, to the character', () => {
    expect(t.toDynamoDBFilterExpression({ content: { contains: 'foo' } }))
      .toBe('{"expression":"(contains(#content,:content_contains))","expressionNames":{"#content":"content"},"expressionValues":{":content_contains":{"S":"foo"}}}');
  });
});

describe('toDynamoDBConditionExpression, as recorded from AWS', () => {
  it.each<[string, unknown, Compiled]>([
    ['the AWS-recorded id/version condition', { id: { attributeExists: true }, version: { eq: 10 } },
      expr('(attribute_exists(#id)) AND (#version = :version_eq)', { '#id': 'id', '#version': 'version' }, { ':version_eq': { N: 10 } })],
    ['the condition guarding a create', { and: [{ id: { attributeExists: false } }] }, expr('(attribute_not_exists(#id))', { '#id': 'id' })],
    ['the condition guarding an update', { and: [{ id: { attributeExists: true } }, { _version: { eq: 1 } }] },
      expr('((attribute_exists(#id)) AND (#_version = :and_1__version_eq))', { '#id': 'id', '#_version': '_version' }, { ':and_1__version_eq': { N: 1 } })],
  ])('%s', (_name, input, expected) => {
    expect(conditionExpression(input)).toEqual(expected);
  });

  it('keeps an empty expressionValues in the string, as AWS does', () => {
    expect(t.toDynamoDBConditionExpression({ and: [{ id: { attributeExists: false } }] }))
      .toBe('{"expression":"(attribute_not_exists(#id))","expressionNames":{"#id":"id"},"expressionValues":{}}');
  });

  it.each<[string, unknown]>([
    ['a comparison', { content: { eq: 'x' } }],
    ['a group of two members', { and: [{ content: { eq: 'x' } }, { version: { attributeExists: true } }] }],
    ['a negated range', { not: { id: { between: ['1', '9'] } } }],
    ['a deep mix', { or: [{ not: { a: { size: { ge: 1 } } } }, { and: [{ b: { in: [1, 2] } }, { c: { notContains: 'z' } }] }], d: { attributeType: 'map' } }],
  ])('renders %s exactly as the filter entry point does', (_name, input) => {
    expect(t.toDynamoDBConditionExpression(input)).toBe(t.toDynamoDBFilterExpression(input));
  });
});

describe('toDynamoDBFilterExpression, beyond the recordings', () => {
  it.each<[string, unknown, Compiled]>([
    ['the documented example (its docs print it unparenthesized, AWS returns it parenthesized)', { title: { contains: 'Hello World' } },
      expr('(contains(#title,:title_contains))', { '#title': 'title' }, { ':title_contains': { S: 'Hello World' } })],
    ['not of several fields is wrapped so NOT covers them all', { not: { a: { eq: 1 }, b: { eq: 2 } } },
      expr('(NOT ((#a = :not_a_eq) AND (#b = :not_b_eq)))', { '#a': 'a', '#b': 'b' }, { ':not_a_eq': { N: 1 }, ':not_b_eq': { N: 2 } })],
    ['not of a one-member group of several fields is wrapped too', { not: { or: [{ a: { eq: 1 }, b: { eq: 2 } }] } },
      expr('(NOT ((#a = :not_or_0_a_eq) AND (#b = :not_or_0_b_eq)))', { '#a': 'a', '#b': 'b' }, { ':not_or_0_a_eq': { N: 1 }, ':not_or_0_b_eq': { N: 2 } })],
    ['an or member of several fields relies on AND binding tighter than OR', { or: [{ a: { eq: 1 }, b: { eq: 2 } }, { c: { eq: 3 } }] },
      expr('((#a = :or_0_a_eq) AND (#b = :or_0_b_eq) OR (#c = :or_1_c_eq))', { '#a': 'a', '#b': 'b', '#c': 'c' },
        { ':or_0_a_eq': { N: 1 }, ':or_0_b_eq': { N: 2 }, ':or_1_c_eq': { N: 3 } })],
    ['deeply nested and/or/not with size, in and between', {
      or: [
        { and: [{ not: { tags: { size: { gt: 3 } } } }, { status: { in: ['OPEN', 'DONE'] } }] },
        { not: { or: [{ due: { between: [1, 2] } }, { owner: { attributeExists: false } }] } },
      ],
    }, expr(
      '(((NOT (size(#tags) > :or_0_and_0_not_tags_size_gt)) AND (#status IN (:or_0_and_1_status_in_0, :or_0_and_1_status_in_1)))'
      + ' OR (NOT ((#due BETWEEN :or_1_not_or_0_due_between_start AND :or_1_not_or_0_due_between_end) OR (attribute_not_exists(#owner)))))',
      { '#tags': 'tags', '#status': 'status', '#due': 'due', '#owner': 'owner' },
      {
        ':or_0_and_0_not_tags_size_gt': { N: 3 }, ':or_0_and_1_status_in_0': { S: 'OPEN' }, ':or_0_and_1_status_in_1': { S: 'DONE' },
        ':or_1_not_or_0_due_between_start': { N: 1 }, ':or_1_not_or_0_due_between_end': { N: 2 },
      },
    )],
    ['keys that would need escaping in DynamoDB are used verbatim, as AWS does', { 'my-field': { eq: 1 } },
      expr('(#my-field = :my-field_eq)', { '#my-field': 'my-field' }, { ':my-field_eq': { N: 1 } })],
    ['a field used twice shares its name placeholder', { a: { gt: 1 }, or: [{ a: { lt: 0 } }] },
      expr('(#a > :a_gt) AND (#a < :or_0_a_lt)', { '#a': 'a' }, { ':a_gt': { N: 1 }, ':or_0_a_lt': { N: 0 } })],
    ['undefined operands are left out, as JSON would', { a: { eq: 1, ne: undefined }, b: undefined },
      expr('(#a = :a_eq)', { '#a': 'a' }, { ':a_eq': { N: 1 } })],
    ['an or of no members', { or: [] }, expr('', {})],
    ['values are typed like toDynamoDB, lists never becoming sets', { tags: { contains: ['a'] } },
      expr('(contains(#tags,:tags_contains))', { '#tags': 'tags' }, { ':tags_contains': { L: [{ S: 'a' }] } })],
  ])('%s', (_name, input, expected) => {
    expect(filterExpression(input)).toEqual(expected);
  });

  it.each<[string, unknown]>([
    ['an or given null', { or: null }],
    ['a not given null', { not: null }],
    ['a field given null', { a: null }],
    ['an unknown operator deep in a group', { and: [{ or: [{ a: { like: 'x' } }] }] }],
    ['a group member that is a list', { or: [[{ a: { eq: 1 } }]] }],
    ['the DynamoDB null type code', { v: { attributeType: 'null' } }],
    ['a number', 1],
  ])('cannot render %s either', (_name, input) => {
    expect(t.toDynamoDBFilterExpression(input)).toBeNull();
  });

  it('a value toDynamoDB cannot convert is an error, not a null', () => {
    expect(() => t.toDynamoDBFilterExpression({ a: { eq: () => 1 } })).toThrow(/cannot convert a function/);
  });

  it('reads filter objects from the sandbox realm', () => {
    const foreign = runInNewContext('({ or: [{ a: { in: [1, 2] } }, { b: { between: ["x", "y"] } }] })');
    expect(filterExpression(foreign)).toEqual(expr('((#a IN (:or_0_a_in_0, :or_0_a_in_1)) OR (#b BETWEEN :or_1_b_between_start AND :or_1_b_between_end))',
      { '#a': 'a', '#b': 'b' }, { ':or_0_a_in_0': { N: 1 }, ':or_0_a_in_1': { N: 2 }, ':or_1_b_between_start': { S: 'x' }, ':or_1_b_between_end': { S: 'y' } }));
  });
});

describe('toSubscriptionFilter, as recorded from AWS', () => {
  type F = [string, string, unknown];
  const groups = (...gs: F[][]) => ({ filterGroup: gs.map((g) => ({ filters: g.map(([fieldName, operator, value]) => ({ fieldName, operator, value })) })) });

  it.each<[string, unknown[], unknown]>([
    ['one operator on one field', [{ a: { eq: 1 } }], groups([['a', 'eq', 1]])],
    ['two fields are combined', [{ a: { eq: 1 }, b: { eq: 2 } }], groups([['a', 'eq', 1], ['b', 'eq', 2]])],
    ['an and combines its members', [{ and: [{ a: { eq: 1 } }, { b: { eq: 2 } }] }], groups([['a', 'eq', 1], ['b', 'eq', 2]])],
    ['a field beside an and', [{ z: { eq: 0 }, and: [{ a: { eq: 1 } }] }], groups([['z', 'eq', 0], ['a', 'eq', 1]])],
    ['a field path is kept as written', [{ 'loc.addr.country': { eq: 'USA' } }], groups([['loc.addr.country', 'eq', 'USA']])],
    ['two operators on one field', [{ a: { eq: 1, ne: 2 } }], groups([['a', 'eq', 1]], [['a', 'ne', 2]])],
    ['an or splits into a group per member', [{ or: [{ a: { eq: 1 } }, { b: { eq: 2 } }] }], groups([['a', 'eq', 1]], [['b', 'eq', 2]])],
    ['an or nested in an and', [{ and: [{ a: { eq: 1 } }, { or: [{ b: { eq: 2 } }, { c: { eq: 3 } }] }] }],
      groups([['a', 'eq', 1], ['b', 'eq', 2]], [['a', 'eq', 1], ['c', 'eq', 3]])],
    ['operators and groups together (the documented example)', [{
      percentageUp: { lte: 50, gte: 20 },
      and: [{ title: { ne: 'Book1' } }, { downvotes: { gt: 2000 } }],
      or: [{ author: { eq: 'Admin' } }, { isPublished: { eq: false } }],
    }], groups(
      [['percentageUp', 'lte', 50], ['title', 'ne', 'Book1'], ['downvotes', 'gt', 2000], ['author', 'eq', 'Admin']],
      [['percentageUp', 'lte', 50], ['title', 'ne', 'Book1'], ['downvotes', 'gt', 2000], ['isPublished', 'eq', false]],
      [['percentageUp', 'gte', 20], ['title', 'ne', 'Book1'], ['downvotes', 'gt', 2000], ['author', 'eq', 'Admin']],
      [['percentageUp', 'gte', 20], ['title', 'ne', 'Book1'], ['downvotes', 'gt', 2000], ['isPublished', 'eq', false]],
    )],
    ['the comparisons', [{ a: { le: 1 }, b: { lt: 2 }, c: { ge: 3 }, d: { gt: 4 } }], groups([['a', 'le', 1], ['b', 'lt', 2], ['c', 'ge', 3], ['d', 'gt', 4]])],
    ['membership', [{ a: { in: [1, 2] }, b: { notIn: ['x'] } }], groups([['a', 'in', [1, 2]], ['b', 'notIn', ['x']]])],
    ['between', [{ a: { between: [1, 9] } }], groups([['a', 'between', [1, 9]]])],
    ['the string operators', [{ a: { contains: 'x' }, b: { notContains: 'y' }, c: { beginsWith: 'z' } }],
      groups([['a', 'contains', 'x'], ['b', 'notContains', 'y'], ['c', 'beginsWith', 'z']])],
    ['containsAny', [{ a: { containsAny: ['x', 'y'] } }], groups([['a', 'containsAny', ['x', 'y']]])],
    ['a boolean value', [{ a: { eq: false } }], groups([['a', 'eq', false]])],
    ['an unknown operator is carried through', [{ a: { bogus: 1 } }], groups([['a', 'bogus', 1]])],
    ['not is read as a field name', [{ not: { a: { eq: 1 } } }], groups([['not', 'a', { eq: 1 }]])],
    ['ignored fields drop a field', [{ a: { eq: 1 }, b: { eq: 2 } }, ['a']], groups([['b', 'eq', 2]])],
    ['ignored fields drop a field nested in an and', [{ a: { eq: 1 }, and: [{ b: { eq: 2 } }] }, ['b']], groups([['a', 'eq', 1]])],
    ['rules are added as alternatives', [{ a: { eq: 1 } }, [], { r1: { gte: 250 }, r2: { eq: 'p' } }],
      groups([['a', 'eq', 1], ['r1', 'gte', 250]], [['a', 'eq', 1], ['r2', 'eq', 'p']])],
    ['rules on their own', [{}, [], { r1: { eq: 1 } }], groups([['r1', 'eq', 1]])],
    ['an empty filter', [{}], { filterGroup: [] }],
    ['a field with no operator', [{ a: {} }], { filterGroup: [] }],
    ['an empty and', [{ and: [] }], { filterGroup: [] }],
  ])('%s', (_name, args, expected) => {
    expect(t.toSubscriptionFilter(...args)).toStrictEqual(expected);
  });

  it.each<[string, unknown]>([['null', null], ['no filter at all', undefined], ['an array', []], ['a JSON string', '{"a":{"eq":1}}']])(
    'cannot read %s: null',
    (_name, input) => {
      expect(t.toSubscriptionFilter(input)).toBeNull();
    },
  );
});

describe('toSubscriptionFilter, beyond the recordings', () => {
  const entry = (fieldName: string, operator: string, value: unknown) => ({ fieldName, operator, value });

  it.each<[string, unknown[], unknown]>([
    ['an or of an and of several fields', [{ or: [{ and: [{ a: { eq: 1 } }, { b: { eq: 2 } }] }, { c: { eq: 3 } }] }],
      { filterGroup: [{ filters: [entry('a', 'eq', 1), entry('b', 'eq', 2)] }, { filters: [entry('c', 'eq', 3)] }] }],
    ['rules with two operators on one field are two alternatives', [{ a: { eq: 1 } }, undefined, { r: { eq: 1, ne: 2 } }],
      { filterGroup: [{ filters: [entry('a', 'eq', 1), entry('r', 'eq', 1)] }, { filters: [entry('a', 'eq', 1), entry('r', 'ne', 2)] }] }],
    ['empty rules change nothing', [{ a: { eq: 1 } }, [], {}], { filterGroup: [{ filters: [entry('a', 'eq', 1)] }] }],
    ['ignored fields are not applied to the rules', [{ a: { eq: 1 } }, ['r'], { r: { eq: 2 } }],
      { filterGroup: [{ filters: [entry('a', 'eq', 1), entry('r', 'eq', 2)] }] }],
    ['an or of no members leaves no group', [{ a: { eq: 1 }, or: [] }], { filterGroup: [] }],
    ['a field holding a plain value has no operator', [{ a: 1, b: { eq: 2 } }], { filterGroup: [] }],
    ['undefined operators are left out', [{ a: { eq: 1, ne: undefined } }], { filterGroup: [{ filters: [entry('a', 'eq', 1)] }] }],
  ])('%s', (_name, args, expected) => {
    expect(t.toSubscriptionFilter(...args)).toStrictEqual(expected);
  });

  it.each<[string, unknown]>([
    ['an and given an object', { and: { a: { eq: 1 } } }],
    ['an or holding a null member', { or: [null] }],
  ])('cannot read %s: null', (_name, input) => {
    expect(t.toSubscriptionFilter(input)).toBeNull();
  });

  it('reads filters from the sandbox realm and returns plain host objects', () => {
    const foreign = runInNewContext('({ or: [{ a: { in: [1, 2] } }, { b: { eq: "x" } }] })');
    const out = t.toSubscriptionFilter(foreign) as { filterGroup: Array<{ filters: unknown[] }> };
    expect(JSON.parse(JSON.stringify(out))).toEqual({ filterGroup: [{ filters: [entry('a', 'in', [1, 2])] }, { filters: [entry('b', 'eq', 'x')] }] });
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
  });
});

describe('toElasticsearchQueryDSL', () => {
  const dsl = (input: unknown) => {
    const out = t.toElasticsearchQueryDSL(input);
    return out === null ? null : JSON.parse(out as string);
  };

  it('the documented example', () => {
    expect(dsl({ upvotes: { ne: 15, range: [10, 20] }, title: { eq: 'hihihi', wildcard: 'h*i' } })).toStrictEqual({
      bool: {
        must: [
          { bool: { must: [{ bool: { must_not: { term: { upvotes: 15 } } } }, { range: { upvotes: { gte: 10, lte: 20 } } }] } },
          { bool: { must: [{ term: { title: 'hihihi' } }, { wildcard: { title: 'h*i' } }] } },
        ],
      },
    });
  });

  it('returns a JSON string', () => {
    expect(t.toElasticsearchQueryDSL({ title: { eq: 'x' } })).toBe('{"term":{"title":"x"}}');
  });

  it.each<[string, unknown, unknown]>([
    ['eq', { f: { eq: 1 } }, { term: { f: 1 } }],
    ['ne', { f: { ne: 'x' } }, { bool: { must_not: { term: { f: 'x' } } } }],
    ['gt', { f: { gt: 1 } }, { range: { f: { gt: 1 } } }],
    ['gte', { f: { gte: 1 } }, { range: { f: { gte: 1 } } }],
    ['lt', { f: { lt: 1 } }, { range: { f: { lt: 1 } } }],
    ['lte', { f: { lte: 1 } }, { range: { f: { lte: 1 } } }],
    ['range', { f: { range: [1, 5] } }, { range: { f: { gte: 1, lte: 5 } } }],
    ['match', { f: { match: 'hello world' } }, { match: { f: 'hello world' } }],
    ['matchPhrase', { f: { matchPhrase: 'hello world' } }, { match_phrase: { f: 'hello world' } }],
    ['matchPhrasePrefix', { f: { matchPhrasePrefix: 'hel' } }, { match_phrase_prefix: { f: 'hel' } }],
    ['multiMatch', { f: { multiMatch: 'hello' } }, { multi_match: { f: 'hello' } }],
    ['wildcard', { f: { wildcard: 'h*' } }, { wildcard: { f: 'h*' } }],
    ['regexp', { f: { regexp: 'h.*' } }, { regexp: { f: 'h.*' } }],
    ['exists true', { f: { exists: true } }, { exists: { field: 'f' } }],
    ['exists false', { f: { exists: false } }, { bool: { must_not: { exists: { field: 'f' } } } }],
    ['and', { and: [{ a: { eq: 1 } }, { b: { eq: 2 } }] }, { bool: { must: [{ term: { a: 1 } }, { term: { b: 2 } }] } }],
    ['or', { or: [{ a: { eq: 1 } }, { b: { eq: 2 } }] }, { bool: { should: [{ term: { a: 1 } }, { term: { b: 2 } }], minimum_should_match: 1 } }],
    ['not', { not: { a: { eq: 1 } } }, { bool: { must_not: { term: { a: 1 } } } }],
    ['nested and/or/not', { or: [{ and: [{ a: { gt: 1 } }, { b: { match: 'x' } }] }, { not: { c: { exists: true }, d: { eq: 'y' } } }] }, {
      bool: {
        should: [
          { bool: { must: [{ range: { a: { gt: 1 } } }, { match: { b: 'x' } }] } },
          { bool: { must_not: { bool: { must: [{ exists: { field: 'c' } }, { term: { d: 'y' } }] } } } },
        ],
        minimum_should_match: 1,
      },
    }],
  ])('%s', (_name, input, expected) => {
    expect(dsl(input)).toStrictEqual(expected);
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['a string', 'x'],
    ['an empty filter', {}],
    ['an unknown operator', { f: { like: 'x' } }],
    ['a range that is not two bounds', { f: { range: [1] } }],
    ['exists given a non-boolean', { f: { exists: 'yes' } }],
    ['an and that is not a list', { and: { a: { eq: 1 } } }],
    ['a field holding a value', { f: 1 }],
  ])('cannot render %s: null', (_name, input) => {
    expect(t.toElasticsearchQueryDSL(input)).toBeNull();
  });
});

describe('the declared surface', () => {
  it('implements every member util.transform declares, as functions', () => {
    const declared = readFileSync(resolve(import.meta.dirname, '../../../../node_modules/@aws-appsync/utils/lib/transform-utils.d.ts'), 'utf8');
    const body = declared.slice(declared.indexOf('export type TransformUtils = {'));
    const members = [...body.matchAll(/^ {4}(\w+)(?:<[\s\S]*?>)?\(/gm)].map((m) => m[1]);
    expect(members).toEqual(['toDynamoDBFilterExpression', 'toDynamoDBConditionExpression', 'toElasticsearchQueryDSL', 'toSubscriptionFilter']);
    for (const member of members) expect(typeof t[member], member).toBe('function');
  });
});
