/**
 * The executable schema of an AppSync API: the deployed SDL (which must not declare AppSync's
 * built-in scalars and directives, as AppSync rejects that) plus those built-ins, with AppSync's
 * scalar behaviour attached.
 */
import { buildSchema, GraphQLScalarType, isScalarType, type GraphQLSchema } from 'graphql';
import { appSyncScalars } from './scalars';

const BUILTIN_DIRECTIVES = `
directive @aws_subscribe(mutations: [String]) on FIELD_DEFINITION
directive @aws_auth(cognito_groups: [String]) on FIELD_DEFINITION
directive @aws_api_key on OBJECT | FIELD_DEFINITION
directive @aws_iam on OBJECT | FIELD_DEFINITION
directive @aws_oidc on OBJECT | FIELD_DEFINITION
directive @aws_lambda on OBJECT | FIELD_DEFINITION
directive @aws_cognito_user_pools(cognito_groups: [String]) on OBJECT | FIELD_DEFINITION
directive @aws_publish(subscriptions: [String]) on FIELD_DEFINITION
directive @aws_cognito_groups(groups: [String]) on OBJECT | FIELD_DEFINITION
`;

export class SchemaLoadError extends Error {}

export function buildAppSyncSchema(sdl: string): GraphQLSchema {
  const declared = (kind: 'scalar' | 'directive', name: string) =>
    new RegExp(kind === 'scalar' ? `^\\s*scalar\\s+${name}\\b` : `^\\s*directive\\s+@${name}\\b`, 'm').test(sdl);
  const scalars = Object.keys(appSyncScalars).filter((name) => !declared('scalar', name)).map((name) => `scalar ${name}`);
  const directives = BUILTIN_DIRECTIVES.trim().split('\n').filter((line) => !declared('directive', line.split(/[@(\s]/)[2]));
  let schema: GraphQLSchema;
  try {
    schema = buildSchema([...scalars, ...directives, sdl].join('\n'));
  } catch (error) {
    throw new SchemaLoadError(`The API's schema does not build: ${(error as Error).message}`);
  }
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isScalarType(type) || !(type.name in appSyncScalars)) continue;
    attachScalar(type, appSyncScalars[type.name]);
  }
  return schema;
}

/** buildSchema makes inert scalars; give them AppSync's parse/serialize rules in place. */
function attachScalar(target: GraphQLScalarType, source: GraphQLScalarType): void {
  target.serialize = source.serialize;
  target.parseValue = source.parseValue;
  target.parseLiteral = source.parseLiteral;
}
