/**
 * No resolver missing: walks the deployed schema and the synthesized template. Every root field
 * has a resolver, and so does every field that takes arguments or returns an object that the
 * stored item does not carry. The few object fields filled inline by their parent's resolver are
 * listed here, each with the reason, so adding a field forces a decision.
 */
import { join, resolve } from 'node:path';
import { buildSchema, getNamedType, isObjectType, type GraphQLObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schemaForChecks } from '../../infra/constructs/resolvers';
import { type Assembly, givenSharedAssembly } from './synth';

const root = resolve(import.meta.dirname, '../..');

/** Object-typed fields their parent's resolver returns whole. */
const INLINE: Record<string, string> = {
  'BoardConnection.items': 'the connection resolver returns its page',
  'MemberConnection.items': 'the connection resolver returns its page',
  'TaskConnection.items': 'the connection resolver returns its page',
  'CommentConnection.items': 'the connection resolver returns its page',
  'ActivityConnection.items': 'the connection resolver returns its page',
  'BoardStats.byStatus': 'computed by the boardStats Lambda',
  'BoardStats.byAssignee': 'computed by the boardStats Lambda',
};

const synth: Assembly = givenSharedAssembly();

describe('every field of the schema resolves', () => {
  it('has a resolver in the template for each field that needs one', () => {
    const schema = buildSchema(schemaForChecks(join(root, 'schema')));
    const resolvers = new Set(Object.values(synth.template.findResources('AWS::AppSync::Resolver'))
      .map((r) => `${(r.Properties as { TypeName: string }).TypeName}.${(r.Properties as { FieldName: string }).FieldName}`));
    const roots = new Set([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].filter(Boolean).map((t) => t!.name));
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.values((type as GraphQLObjectType).getFields())) {
        const key = `${type.name}.${field.name}`;
        const needs = roots.has(type.name) || field.args.length > 0 || (isObjectType(getNamedType(field.type)) && !(key in INLINE));
        if (needs && !resolvers.has(key)) missing.push(key);
      }
    }
    expect(missing).toEqual([]);
  });

  it('lists inline fields that exist', () => {
    const schema = buildSchema(schemaForChecks(join(root, 'schema')));
    for (const key of Object.keys(INLINE)) {
      const [typeName, fieldName] = key.split('.');
      const type = schema.getType(typeName);
      expect(isObjectType(type) && type.getFields()[fieldName], key).toBeTruthy();
    }
  });
});
