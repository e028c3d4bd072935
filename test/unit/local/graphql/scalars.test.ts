import { buildSchema, graphql } from 'graphql';
import { describe, expect, it } from 'vitest';
import { appSyncScalars } from '../../../../local/graphql/scalars';

const NAMES = Object.keys(appSyncScalars);
const schema = buildSchema(`${NAMES.map((n) => `scalar ${n}`).join('\n')}
type Query { ${NAMES.map((n) => `echo${n}(v: ${n}!): ${n}`).join('\n')} }`);
for (const name of NAMES) Object.assign(schema.getType(name)!, appSyncScalars[name]);

const echo = async (name: string, value: unknown, asLiteral: boolean) => {
  const source = asLiteral
    ? `{ out: echo${name}(v: ${JSON.stringify(value)}) }`
    : `query($v: ${name}!) { out: echo${name}(v: $v) }`;
  return graphql({ schema, source, variableValues: { v: value }, rootValue: Object.fromEntries(NAMES.map((n) => [`echo${n}`, ({ v }: { v: unknown }) => v])) });
};

// Valid and invalid examples from AWS's "Scalar types in AWS AppSync" page.
const cases: Array<[string, unknown[], unknown[]]> = [
  ['AWSDate', ['1970-01-01', '1970-01-01Z', '1970-01-01-07:00', '1970-01-01+05:30:00', '2024-02-29', '-0001-01-01'], ['1970-1-1', '2023-02-29', '1970-13-01', '01/01/1970', '1970-01-01T00:00Z']],
  ['AWSTime', ['12:00', '12:00Z', '12:00:34', '12:00:34.500', '12:30:24-07:00', '12:30:24.500+05:30'], ['24:00', '12:60', '12', '12:00:00.', '12:00:34.1234567890']],
  ['AWSDateTime', ['1970-01-01T12:00Z', '1970-01-01T12:00:00.123Z', '1970-01-01T12:00:00-07:00'], ['1970-01-01T12:00', '1970-01-01 12:00Z', '1970-01-32T12:00Z']],
  ['AWSEmail', ['example@example.com', 'first.last@sub.example.org'], ['example', 'a@b@c', 'a b@c.com']],
  ['AWSURL', ['https://www.amazon.com/dp/B000NZW3KC/', 'mailto:example@example.com', 'http://localhost:20002/graphql'], ['www.amazon.com', 'http://example.com//double', 'not a url']],
  ['AWSPhone', ['+1 555 123 4567', '555-123-4567', '+44 20 7123 4567'], ['phone', '+1 (555)', '12']],
  ['AWSIPAddress', ['127.0.0.1', '10.0.0.0/8', '::1', '2001:db8::/32'], ['256.0.0.1', '10.0.0.0/33', '::1/129', 'localhost']],
];

describe('AppSync string scalars', () => {
  for (const [name, valid, invalid] of cases) {
    it.each(valid.flatMap((v) => [[v, true], [v, false]]))(`${name} accepts %s (literal: %s)`, async (value, literal) => {
      const result = await echo(name, value, literal as boolean);
      expect(result.errors).toBeUndefined();
      expect(result.data?.out).toBe(value);
    });
    it.each(invalid.flatMap((v) => [[v, true], [v, false]]))(`${name} rejects %s (literal: %s)`, async (value, literal) => {
      const result = await echo(name, value, literal as boolean);
      expect(result.errors?.[0].message).toMatch(new RegExp(`Invalid ${name} value`));
      expect(result.data?.out ?? null).toBeNull();
    });
  }
});

describe('AWSTimestamp', () => {
  it.each([[0], [1700000000], [-1]])('accepts %s seconds', async (v) => {
    expect((await echo('AWSTimestamp', v, false)).data?.out).toBe(v);
  });
  it.each([[1.5], ['1700000000'], [4e16]])('rejects %s', async (v) => {
    expect((await echo('AWSTimestamp', v, false)).errors?.[0].message).toMatch(/Invalid AWSTimestamp value/);
  });
});

describe('AWSJSON', () => {
  it('hands resolvers the parsed value and serializes objects back to a JSON string', async () => {
    const result = await graphql({
      schema, source: 'query($v: AWSJSON!) { out: echoAWSJSON(v: $v) }', variableValues: { v: '{"a":[1,2]}' },
      rootValue: { echoAWSJSON: ({ v }: { v: unknown }) => { expect(v).toEqual({ a: [1, 2] }); return v; } },
    });
    expect(result.data?.out).toBe('{"a":[1,2]}');
  });
  it.each(['{a: 1}', "{'a': 1}", 'Unquoted string'])('rejects %s', async (v) => {
    expect((await echo('AWSJSON', v, false)).errors?.[0].message).toMatch(/Invalid AWSJSON value/);
  });
});
