/**
 * Operations generated from the deployed SDL, so the suites cover every root field without a
 * hand-kept list: each field's arguments become variables of their declared types, and its
 * selection set takes every field of the return type down to a depth (arguments of nested
 * fields are optional in this schema, so they are left out).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  buildSchema, getNamedType, isEnumType, isNonNullType, isObjectType, isScalarType,
  type GraphQLField, type GraphQLOutputType, type GraphQLSchema,
} from 'graphql';

const root = resolve(import.meta.dirname, '../../..');

/** The SDL AppSync deploys, with AppSync's scalars and directives declared (as codegen reads it). */
export function loadTaskboardSchema(): GraphQLSchema {
  const builtins = readFileSync(resolve(root, 'schema/appsync-builtins.graphql'), 'utf8');
  const sdl = readFileSync(resolve(root, 'schema/taskboard.graphql'), 'utf8');
  return buildSchema(`${builtins}\n${sdl}`);
}

export type RootKind = 'Query' | 'Mutation' | 'Subscription';

export interface RootField {
  kind: RootKind;
  name: string;
  /** `Query.board` */
  id: string;
  field: GraphQLField<unknown, unknown>;
}

export function rootFields(schema: GraphQLSchema): RootField[] {
  const types: Array<[RootKind, ReturnType<GraphQLSchema['getQueryType']>]> = [
    ['Query', schema.getQueryType()], ['Mutation', schema.getMutationType()], ['Subscription', schema.getSubscriptionType()],
  ];
  return types.flatMap(([kind, type]) => Object.values(type?.getFields() ?? {}).map((field) => ({ kind, name: field.name, id: `${kind}.${field.name}`, field })));
}

/** Every field of the named type, nested object fields down to `depth` levels (leaves only at the last). */
export function selectionFor(type: GraphQLOutputType, depth: number): string {
  const named = getNamedType(type);
  if (!isObjectType(named)) return '';
  const parts: string[] = [];
  for (const f of Object.values(named.getFields())) {
    if (f.args.some((a) => isNonNullType(a.type))) continue;
    const inner = getNamedType(f.type);
    if (isScalarType(inner) || isEnumType(inner)) parts.push(f.name);
    else if (depth > 1) parts.push(`${f.name} ${selectionFor(f.type, depth - 1)}`);
  }
  return parts.length > 0 ? `{ ${parts.join(' ')} }` : '{ __typename }';
}

/** `mutation Op($a: T!, …) { field(a: $a, …) { … } }` for a root field. */
export function operationFor(root: RootField, depth = 4): string {
  const keyword = root.kind === 'Query' ? 'query' : root.kind === 'Mutation' ? 'mutation' : 'subscription';
  const defs = root.field.args.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
  const args = root.field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
  const selection = selectionFor(root.field.type, depth);
  return `${keyword} ${root.name}Op${defs ? `(${defs})` : ''} { ${root.name}${args ? `(${args})` : ''} ${selection} }`;
}
