import { join, resolve } from 'node:path';
import type { GraphqlApi } from 'aws-cdk-lib/aws-appsync';
import { describe, expect, it } from 'vitest';
import { checkConventions, schemaForChecks, type ResolversProps } from '../../infra/constructs/resolvers';
import { PIPELINE_FUNCTIONS, RESOLVERS } from '../../infra/resolver-config';

const root = resolve(import.meta.dirname, '../..');
const props = (overrides: Partial<ResolversProps> = {}): ResolversProps => ({
  api: {} as GraphqlApi,
  schemaSdl: schemaForChecks(join(root, 'schema')),
  resolversDir: join(root, 'resolvers'),
  dataSources: { table: 'T', none: 'N', boardStatsFunction: 'L' },
  resolvers: RESOLVERS,
  functions: PIPELINE_FUNCTIONS,
  ...overrides,
});

describe('resolver wiring by convention', () => {
  it('agrees with the schema and the files in resolvers/', () => {
    expect(() => checkConventions(props())).not.toThrow();
  });

  it.each([
    ['a field the schema lacks', { resolvers: { ...RESOLVERS, 'Query.nope': { kind: 'unit', dataSource: 'table' } } }, /Query.nope is configured but is not a field of the schema/],
    ['a resolver file that is not configured', { resolvers: { 'Query.board': RESOLVERS['Query.board'] } }, /resolvers\/Mutation.createBoard.ts is not wired/],
    ['a pipeline function that is not configured', { functions: { ...PIPELINE_FUNCTIONS, ghost: { dataSource: 'table' } } }, /pipeline function ghost is configured but resolvers\/functions\/ghost.ts does not exist/],
    ['a pipeline that names an unknown function', { resolvers: { ...RESOLVERS, 'Query.board': { kind: 'pipeline', functions: ['missing'] } } }, /uses pipeline function missing, which is not configured/],
  ] as Array<[string, Partial<ResolversProps>, RegExp]>)('fails synth, naming the culprit, on %s', (_name, overrides, message) => {
    expect(() => checkConventions(props(overrides))).toThrow(message);
  });
});
