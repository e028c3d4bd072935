/**
 * AppSync's field-level authorization: which callers may resolve `Type.field`, decided from the
 * schema's auth directives and the API's auth modes.
 * Source: https://docs.aws.amazon.com/appsync/latest/devguide/security-authz.html
 *
 * Rules (documented):
 * - A field's auth directives replace its type's (no merging). A field without any uses its type's.
 *   A field and a type without any admit the default mode only.
 * - A directive list admits exactly the modes it names, so declaring any directive excludes the
 *   default mode unless it is named too.
 * - `cognito_groups` admits user-pool callers in at least one of the groups.
 * - `@aws_auth(cognito_groups)` is the legacy user-pools directive, used when user pools is the
 *   default mode; there it counts as `@aws_cognito_user_pools`.
 * - With user pools as the default mode and DefaultAction DENY, user-pool callers need a
 *   user-pools directive (with matching groups when it lists any).
 * - Introspection (`__typename`, `__schema`, `__type`, fields of `__*` types) is always allowed.
 *
 * Decisions where the docs are silent (each repeated beside its code):
 * 1. Return types: a field whose return type is an object type also requires that type's rule
 *    (its directives, else the default mode). AppSync reports this on the field itself ("Not
 *    Authorized to access createX on type X"), so it is part of the field's check here.
 *    Interface/union returns are not checked at the field (the concrete type is unknown until
 *    resolved); the concrete type's own fields are still checked.
 * 2. DENY applies to root operation fields (Query/Mutation/Subscription) only. Applied to every
 *    field, it would deny every field of an undirected type (`@aws_auth` cannot go on a type), so
 *    the docs' own `posts: [Post] @aws_auth(...)` example could not work; maintainers describe
 *    DENY as requiring `@aws_auth` on queries and mutations (sid88in/serverless-appsync-plugin#510).
 * 3. An explicit user-pools directive without `cognito_groups` admits any user-pool caller, DENY
 *    included; `cognito_groups: []` admits nobody (fail closed).
 * 4. `@aws_auth` is ignored unless user pools is the default mode (it is defined only for that).
 * 5. Directives naming a mode the API does not configure grant nothing: such callers cannot
 *    authenticate. Callers are assumed to use a configured mode.
 * 6. An unknown type or field is denied (fail closed).
 */
import {
  getNamedType, isObjectType, Kind,
  type ConstDirectiveNode, type GraphQLField, type GraphQLObjectType, type GraphQLSchema,
} from 'graphql';

export type AuthMode = 'API_KEY' | 'AWS_IAM' | 'AMAZON_COGNITO_USER_POOLS' | 'OPENID_CONNECT' | 'AWS_LAMBDA';

export interface ApiAuthConfig {
  defaultMode: AuthMode;
  additionalModes: AuthMode[];
  /** UserPoolConfig.DefaultAction of the default user pool mode: 'ALLOW' | 'DENY' (default ALLOW). */
  userPoolDefaultAction?: 'ALLOW' | 'DENY';
}

export interface AuthCaller { mode: AuthMode; groups: string[] }

export interface FieldRules {
  /** True when no field needs checking for any caller (e.g. one mode, no directives): the executor can skip the checks. */
  readonly unrestricted: boolean;
  /** Whether `caller` may resolve `typeName.fieldName`. */
  allows(typeName: string, fieldName: string, caller: AuthCaller): boolean;
  /** Whether the field needs a check at all for some caller (false → never denied). */
  restricts(typeName: string, fieldName: string): boolean;
}

const USER_POOLS: AuthMode = 'AMAZON_COGNITO_USER_POOLS';

const MODE_DIRECTIVES: Readonly<Record<string, AuthMode>> = {
  aws_api_key: 'API_KEY',
  aws_iam: 'AWS_IAM',
  aws_oidc: 'OPENID_CONNECT',
  aws_lambda: 'AWS_LAMBDA',
  aws_cognito_user_pools: USER_POOLS,
};

const INTROSPECTION_FIELDS = new Set(['__typename', '__schema', '__type']);

/** Which modes a directive list admits; for user pools, `ANY_GROUP` or the groups admitted. */
type Grant = Map<AuthMode, ReadonlySet<string> | typeof ANY_GROUP>;
const ANY_GROUP = 'any';

/**
 * A field's precomputed check: per admitted mode, group sets the caller must each intersect
 * (empty: no group condition). A mode absent from the map is denied.
 */
type Check = ReadonlyMap<AuthMode, readonly ReadonlySet<string>[]>;

export function fieldRules(schema: GraphQLSchema, config: ApiAuthConfig): FieldRules {
  const configured = new Set<AuthMode>([config.defaultMode, ...config.additionalModes]);
  const legacyAuth = config.defaultMode === USER_POOLS;
  const denyByDefault = config.defaultMode === USER_POOLS && config.userPoolDefaultAction === 'DENY';
  const rootTypes = new Set([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].filter((t) => t != null).map((t) => t.name));

  const defaultOnly: Grant = new Map([[config.defaultMode, ANY_GROUP]]);
  const typeGrants = new Map<string, Grant>();
  const typeGrant = (type: GraphQLObjectType): Grant => {
    let grant = typeGrants.get(type.name);
    if (!grant) {
      const nodes = [type.astNode, ...type.extensionASTNodes];
      grant = grantOf(nodes.flatMap((n) => n?.directives ?? []), false, configured) ?? defaultOnly;
      typeGrants.set(type.name, grant);
    }
    return grant;
  };

  // null marks a field no configured caller is denied: `allows` answers it without looking further.
  const checks = new Map<string, Map<string, Check | null>>();
  let unrestricted = true;
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const byField = new Map<string, Check | null>();
    for (const field of Object.values(type.getFields())) {
      const check = fieldCheck(type, field);
      const restricted = [...configured].some((mode) => check.get(mode)?.length !== 0);
      byField.set(field.name, restricted ? check : null);
      if (restricted) unrestricted = false;
    }
    checks.set(type.name, byField);
  }

  function fieldCheck(type: GraphQLObjectType, field: GraphQLField<unknown, unknown>): Check {
    let grant = grantOf(field.astNode?.directives ?? [], legacyAuth, configured) ?? typeGrant(type);
    // Decision 2: DENY withdraws the implicit default-mode grant from root fields only.
    if (denyByDefault && rootTypes.has(type.name) && grant === defaultOnly) grant = new Map();
    // Decision 1: the returned object type must admit the caller too.
    const returned = getNamedType(field.type);
    const returnGrant = isObjectType(returned) ? typeGrant(returned) : null;
    const check = new Map<AuthMode, ReadonlySet<string>[]>();
    for (const [mode, groups] of grant) {
      const returnGroups = returnGrant ? returnGrant.get(mode) : ANY_GROUP;
      if (returnGroups === undefined) continue;
      check.set(mode, [groups, returnGroups].filter((g): g is ReadonlySet<string> => g !== ANY_GROUP));
    }
    return check;
  }

  const isIntrospection = (typeName: string, fieldName: string) => INTROSPECTION_FIELDS.has(fieldName) || typeName.startsWith('__');

  return {
    unrestricted,
    allows(typeName, fieldName, caller) {
      if (isIntrospection(typeName, fieldName)) return true;
      const byField = checks.get(typeName);
      const check = byField?.get(fieldName);
      if (check === null) return true;
      if (check === undefined) return false; // decision 6
      const required = check.get(caller.mode);
      if (required === undefined) return false;
      return required.every((groups) => caller.groups.some((g) => groups.has(g)));
    },
    restricts(typeName, fieldName) {
      if (isIntrospection(typeName, fieldName)) return false;
      return checks.get(typeName)?.get(fieldName) !== null;
    },
  };
}

/** The grant a directive list makes, or null when it holds no auth directive (so the next level applies). */
function grantOf(directives: readonly ConstDirectiveNode[], legacyAuth: boolean, configured: ReadonlySet<AuthMode>): Grant | null {
  let found = false;
  const grant: Grant = new Map();
  for (const directive of directives) {
    const name = directive.name.value;
    // Decision 4: @aws_auth means user pools only where user pools is the default mode.
    const mode = name === 'aws_auth' ? (legacyAuth ? USER_POOLS : undefined) : MODE_DIRECTIVES[name];
    if (mode === undefined) continue;
    found = true;
    // Decision 5: an unconfigured mode has no callers to admit.
    if (!configured.has(mode)) continue;
    const groups = mode === USER_POOLS ? cognitoGroups(directive) : ANY_GROUP;
    const prior = grant.get(mode);
    // Two user-pools directives (@aws_auth and @aws_cognito_user_pools) admit the union of their callers.
    if (prior === undefined) grant.set(mode, groups);
    else if (prior !== ANY_GROUP) grant.set(mode, groups === ANY_GROUP ? ANY_GROUP : new Set([...prior, ...groups]));
  }
  return found ? grant : null;
}

/** `cognito_groups` as a set; absent or null admits any group (decision 3). A lone string is a one-item list, as GraphQL coerces it. */
function cognitoGroups(directive: ConstDirectiveNode): ReadonlySet<string> | typeof ANY_GROUP {
  const value = directive.arguments?.find((a) => a.name.value === 'cognito_groups')?.value;
  if (value === undefined || value.kind === Kind.NULL) return ANY_GROUP;
  const items = value.kind === Kind.LIST ? value.values : [value];
  return new Set(items.flatMap((v) => (v.kind === Kind.STRING ? [v.value] : [])));
}
