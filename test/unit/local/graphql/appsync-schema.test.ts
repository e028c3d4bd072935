import { graphqlSync, isScalarType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildAppSyncSchema, SchemaLoadError } from '../../../../local/graphql/appsync-schema';

describe('buildAppSyncSchema', () => {
  it('adds AppSync\'s scalars and directives to a deployed SDL that may not declare them', () => {
    const schema = buildAppSyncSchema('type Query @aws_api_key { at: AWSDateTime @aws_cognito_user_pools(cognito_groups: ["a"]) }\ntype Subscription { on: String @aws_subscribe(mutations: ["x"]) }');
    expect(isScalarType(schema.getType('AWSDateTime'))).toBe(true);
    expect(schema.getDirective('aws_subscribe')).toBeDefined();
  });

  it('gives the scalars AppSync\'s validation', () => {
    const schema = buildAppSyncSchema('type Query { echo(at: AWSDateTime!): AWSDateTime, json(v: AWSJSON!): AWSJSON }');
    const rootValue = { echo: ({ at }: { at: string }) => at, json: ({ v }: { v: unknown }) => v };
    expect(graphqlSync({ schema, source: '{ echo(at: "2026-12-01T10:00:00Z") }', rootValue }).data).toEqual({ echo: '2026-12-01T10:00:00Z' });
    expect(graphqlSync({ schema, source: '{ echo(at: "2026-12-01") }', rootValue }).errors?.length).toBe(1);
    expect(graphqlSync({ schema, source: '{ json(v: "{\\"a\\":1}") }', rootValue }).data).toEqual({ json: '{"a":1}' });
  });

  it('keeps a declaration the SDL does make (tooling schemas) instead of duplicating it', () => {
    expect(() => buildAppSyncSchema('scalar AWSDate\ndirective @aws_iam on OBJECT | FIELD_DEFINITION\ntype Query { d: AWSDate @aws_iam }')).not.toThrow();
  });

  it('reports a schema that does not build', () => {
    expect(() => buildAppSyncSchema('type Query { x: Missing }')).toThrow(SchemaLoadError);
  });
});
