import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { GraphqlApi } from 'aws-cdk-lib/aws-appsync';
import { buildSchema, isObjectType } from 'graphql';
import { afterAll, describe, expect, it } from 'vitest';
import { checkConventions, schemaForChecks, type ResolversProps } from '../../infra/constructs/resolvers';
import { PIPELINE_FUNCTIONS, RESOLVERS } from '../../infra/resolver-config';

const root = resolve(import.meta.dirname, '../..');
const props = (overrides: Partial<ResolversProps> = {}): ResolversProps => ({
  api: {} as GraphqlApi,
  schemaSdl: schemaForChecks(join(root, 'schema')),
  resolversDir: join(root, 'resolvers'),
  dataSources: { table: 'T', none: 'N', boardStatsLambda: 'L', addMemberLambda: 'A', deleteBoardLambda: 'D' },
  resolvers: RESOLVERS,
  functions: PIPELINE_FUNCTIONS,
  ...overrides,
});

// A resolvers/ folder with a stray file in each place the convention looks.
const strayDir = mkdtempSync(join(tmpdir(), 'taskboard-resolvers-'));
mkdirSync(join(strayDir, 'functions'));
writeFileSync(join(strayDir, 'helpers.ts'), 'export {};\n');
writeFileSync(join(strayDir, 'functions', 'orphan.ts'), 'export {};\n');
afterAll(() => rmSync(strayDir, { recursive: true, force: true }));

describe('resolver wiring by convention', () => {
  it('agrees with the schema and the files in resolvers/', () => {
    expect(() => checkConventions(props())).not.toThrow();
  });

  it('configures only fields of the deployed schema, and every resolver file is configured', () => {
    const schema = buildSchema(schemaForChecks(join(root, 'schema')));
    for (const field of Object.keys(RESOLVERS)) {
      const [typeName, fieldName] = field.split('.');
      const type = schema.getType(typeName);
      expect(isObjectType(type) && type.getFields()[fieldName], field).toBeTruthy();
    }
    const files = (dir: string) => readdirSync(join(root, dir)).filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3)).sort();
    expect(files('resolvers')).toEqual(Object.keys(RESOLVERS).sort());
    expect(files('resolvers/functions')).toEqual(Object.keys(PIPELINE_FUNCTIONS).sort());
    const used = new Set(Object.values(RESOLVERS).flatMap((c) => (c.kind === 'pipeline' ? c.functions : [])));
    expect([...used].sort()).toEqual(Object.keys(PIPELINE_FUNCTIONS).sort());
  });

  it.each([
    ['a field the schema lacks', { resolvers: { ...RESOLVERS, 'Query.nope': { kind: 'unit', dataSource: 'table' } } }, /Query.nope is configured but is not a field of the schema/],
    ['a configured field without a file', { resolvers: { ...RESOLVERS, 'Board.name': { kind: 'unit', dataSource: 'table' } } }, /Board.name is configured but resolvers\/Board.name.ts does not exist/],
    ['a resolver file that is not configured', { resolvers: { 'Query.board': RESOLVERS['Query.board'] } }, /resolvers\/Mutation.createBoard.ts is not wired: add 'Mutation.createBoard'/],
    ['a pipeline function that is configured without a file', { functions: { ...PIPELINE_FUNCTIONS, ghost: { dataSource: 'table' } } }, /pipeline function ghost is configured but resolvers\/functions\/ghost.ts does not exist/],
    ['a pipeline function file that is not configured', { resolversDir: strayDir, resolvers: {}, functions: {} }, /resolvers\/functions\/orphan.ts is not configured/],
    ['a file in resolvers/ not named <Type>.<field>.ts', { resolversDir: strayDir, resolvers: {}, functions: {} }, /resolvers\/helpers.ts is not named <Type>.<field>.ts/],
    ['a pipeline that names an unknown function', { resolvers: { ...RESOLVERS, 'Query.board': { kind: 'pipeline', functions: ['missing'] } } }, /uses pipeline function missing, which is not configured/],
  ] as Array<[string, Partial<ResolversProps>, RegExp]>)('fails synth, naming the culprit, on %s', (_name, overrides, message) => {
    expect(() => checkConventions(props(overrides))).toThrow(message);
  });
});
