import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildAppSyncSchema } from '../../../../local/graphql/appsync-schema';
import { fieldRules, type ApiAuthConfig, type AuthCaller, type AuthMode } from '../../../../local/auth/field-rules';

// The runtime's own schema builder adds AppSync's directives, as it does for a deployed SDL.
const rulesFor = (sdl: string, config: ApiAuthConfig) => fieldRules(buildAppSyncSchema(sdl), config);
const caller = (mode: AuthMode, groups: string[] = []): AuthCaller => ({ mode, groups });

const apiKey = caller('API_KEY');
const iam = caller('AWS_IAM');
const oidc = caller('OPENID_CONNECT');
const user = caller('AMAZON_COGNITO_USER_POOLS');
const admin = caller('AMAZON_COGNITO_USER_POOLS', ['Admin']);

describe('fieldRules', () => {
  it('admits only the default mode where neither field nor type has a directive', () => {
    const rules = rulesFor('type Query { a: String }', { defaultMode: 'API_KEY', additionalModes: ['AWS_IAM'] });
    expect(rules.allows('Query', 'a', apiKey)).toBe(true);
    expect(rules.allows('Query', 'a', iam)).toBe(false);
    expect(rules.restricts('Query', 'a')).toBe(true);
    expect(rules.unrestricted).toBe(false);
  });

  it('is unrestricted for a single-mode API without directives', () => {
    const rules = rulesFor('type Query { a: Post } type Post { id: ID }', { defaultMode: 'AWS_IAM', additionalModes: [] });
    expect(rules.unrestricted).toBe(true);
    expect(rules.restricts('Query', 'a')).toBe(false);
    expect(rules.restricts('Post', 'id')).toBe(false);
    expect(rules.allows('Post', 'id', iam)).toBe(true);
  });

  it('is not unrestricted for a single-mode API once a directive names another mode', () => {
    const rules = rulesFor('type Query { a: String, b: String @aws_api_key }', { defaultMode: 'AWS_IAM', additionalModes: [] });
    expect(rules.unrestricted).toBe(false);
    expect(rules.restricts('Query', 'a')).toBe(false);
    // API_KEY is not configured, so @aws_api_key admits no one and excludes the default mode.
    expect(rules.allows('Query', 'b', iam)).toBe(false);
  });

  it('applies a type directive to every field of the type', () => {
    const rules = rulesFor('type Query { post: Post @aws_iam } type Post @aws_iam { id: ID, title: String }', { defaultMode: 'API_KEY', additionalModes: ['AWS_IAM'] });
    expect(rules.allows('Post', 'id', iam)).toBe(true);
    expect(rules.allows('Post', 'title', iam)).toBe(true);
    expect(rules.allows('Post', 'title', apiKey)).toBe(false);
  });

  it('lets field directives replace the type\'s rather than merge with them', () => {
    const rules = rulesFor(`
      type Query { post: Post @aws_api_key @aws_iam }
      type Post @aws_api_key @aws_iam { id: ID, secret: String @aws_iam }
    `, { defaultMode: 'API_KEY', additionalModes: ['AWS_IAM'] });
    expect(rules.allows('Post', 'id', apiKey)).toBe(true);
    expect(rules.allows('Post', 'secret', apiKey)).toBe(false);
    expect(rules.allows('Post', 'secret', iam)).toBe(true);
  });

  it('admits every mode a type lists', () => {
    const rules = rulesFor('type Query @aws_api_key @aws_oidc { a: String }', { defaultMode: 'AWS_IAM', additionalModes: ['API_KEY', 'OPENID_CONNECT'] });
    expect(rules.allows('Query', 'a', apiKey)).toBe(true);
    expect(rules.allows('Query', 'a', oidc)).toBe(true);
    expect(rules.allows('Query', 'a', iam)).toBe(false);
  });

  it('excludes the default mode once any directive is present, unless it is listed', () => {
    const rules = rulesFor('type Query { a: String @aws_iam, b: String @aws_iam @aws_api_key }', { defaultMode: 'API_KEY', additionalModes: ['AWS_IAM'] });
    expect(rules.allows('Query', 'a', apiKey)).toBe(false);
    expect(rules.allows('Query', 'a', iam)).toBe(true);
    expect(rules.allows('Query', 'b', apiKey)).toBe(true);
  });

  it('reads type directives from type extensions', () => {
    const rules = rulesFor('type Query { a: String } extend type Query @aws_iam', { defaultMode: 'API_KEY', additionalModes: ['AWS_IAM'] });
    expect(rules.allows('Query', 'a', iam)).toBe(true);
    expect(rules.allows('Query', 'a', apiKey)).toBe(false);
  });

  it('requires membership of one of the cognito_groups for user-pool callers', () => {
    const rules = rulesFor(`
      type Query {
        anyUser: String @aws_cognito_user_pools
        admins: String @aws_cognito_user_pools(cognito_groups: ["Admin", "Ops"])
        adminsOrIam: String @aws_cognito_user_pools(cognito_groups: ["Admin"]) @aws_iam
        nobody: String @aws_cognito_user_pools(cognito_groups: [])
      }
    `, { defaultMode: 'AMAZON_COGNITO_USER_POOLS', additionalModes: ['AWS_IAM'] });
    expect(rules.allows('Query', 'anyUser', user)).toBe(true);
    expect(rules.allows('Query', 'admins', admin)).toBe(true);
    expect(rules.allows('Query', 'admins', caller('AMAZON_COGNITO_USER_POOLS', ['Reader', 'Ops']))).toBe(true);
    expect(rules.allows('Query', 'admins', caller('AMAZON_COGNITO_USER_POOLS', ['Reader']))).toBe(false);
    expect(rules.allows('Query', 'admins', user)).toBe(false);
    // Groups constrain user pools only; IAM is admitted by its own directive.
    expect(rules.allows('Query', 'adminsOrIam', iam)).toBe(true);
    expect(rules.allows('Query', 'nobody', admin)).toBe(false);
    expect(rules.restricts('Query', 'anyUser')).toBe(true); // IAM is denied there
  });

  it('treats @aws_auth as the user-pools directive when user pools is the default mode', () => {
    const sdl = 'type Query { posts: [Post] @aws_auth(cognito_groups: ["Bloggers", "Readers"]), open: String @aws_auth } type Post { id: ID }';
    const rules = rulesFor(sdl, { defaultMode: 'AMAZON_COGNITO_USER_POOLS', additionalModes: [] });
    expect(rules.allows('Query', 'posts', caller('AMAZON_COGNITO_USER_POOLS', ['Readers']))).toBe(true);
    expect(rules.allows('Query', 'posts', caller('AMAZON_COGNITO_USER_POOLS', ['Guests']))).toBe(false);
    expect(rules.allows('Query', 'open', user)).toBe(true);
    expect(rules.restricts('Query', 'open')).toBe(false);
    expect(rules.allows('Post', 'id', user)).toBe(true);

    // With another default mode @aws_auth is not an auth directive: the default mode applies.
    const other = rulesFor(sdl, { defaultMode: 'API_KEY', additionalModes: ['AMAZON_COGNITO_USER_POOLS'] });
    expect(other.allows('Query', 'posts', apiKey)).toBe(true);
    expect(other.allows('Query', 'posts', caller('AMAZON_COGNITO_USER_POOLS', ['Readers']))).toBe(false);
  });

  it('with DefaultAction DENY admits user-pool callers to root fields only through a matching user-pools directive', () => {
    const sdl = `
      type Query {
        posts: [Post] @aws_auth(cognito_groups: ["Bloggers"])
        open: String @aws_cognito_user_pools
        undirected: String
        iamOnly: String @aws_iam
      }
      type Post { id: ID }
    `;
    const rules = rulesFor(sdl, { defaultMode: 'AMAZON_COGNITO_USER_POOLS', additionalModes: ['AWS_IAM'], userPoolDefaultAction: 'DENY' });
    expect(rules.allows('Query', 'posts', caller('AMAZON_COGNITO_USER_POOLS', ['Bloggers']))).toBe(true);
    expect(rules.allows('Query', 'posts', user)).toBe(false);
    expect(rules.allows('Query', 'open', user)).toBe(true);
    expect(rules.allows('Query', 'undirected', admin)).toBe(false);
    expect(rules.allows('Query', 'iamOnly', admin)).toBe(false);
    // Nested fields of an undirected type stay readable, or `posts` could never return data.
    expect(rules.allows('Post', 'id', user)).toBe(true);

    const allow = rulesFor(sdl, { defaultMode: 'AMAZON_COGNITO_USER_POOLS', additionalModes: ['AWS_IAM'], userPoolDefaultAction: 'ALLOW' });
    expect(allow.allows('Query', 'undirected', user)).toBe(true);
  });

  it('ignores DENY when user pools is not the default mode', () => {
    const rules = rulesFor('type Query { a: String }', { defaultMode: 'API_KEY', additionalModes: ['AMAZON_COGNITO_USER_POOLS'], userPoolDefaultAction: 'DENY' });
    expect(rules.allows('Query', 'a', apiKey)).toBe(true);
  });

  it('applies directives on the Query, Mutation and Subscription root types', () => {
    const rules = rulesFor(`
      schema { query: Query mutation: Mutation subscription: Subscription }
      type Query @aws_api_key { a: String }
      type Mutation @aws_iam { m: String, both: String @aws_iam @aws_api_key }
      type Subscription { s: String @aws_subscribe(mutations: ["m"]), t: String @aws_subscribe(mutations: ["m"]) @aws_iam }
    `, { defaultMode: 'API_KEY', additionalModes: ['AWS_IAM'] });
    expect(rules.allows('Query', 'a', apiKey)).toBe(true);
    expect(rules.allows('Query', 'a', iam)).toBe(false);
    expect(rules.allows('Mutation', 'm', iam)).toBe(true);
    expect(rules.allows('Mutation', 'm', apiKey)).toBe(false);
    expect(rules.allows('Mutation', 'both', apiKey)).toBe(true);
    // @aws_subscribe is not an auth directive: s falls back to the default mode.
    expect(rules.allows('Subscription', 's', apiKey)).toBe(true);
    expect(rules.allows('Subscription', 's', iam)).toBe(false);
    expect(rules.allows('Subscription', 't', iam)).toBe(true);
    expect(rules.allows('Subscription', 't', apiKey)).toBe(false);
  });

  it('also requires the returned object type to admit the caller', () => {
    const rules = rulesFor(`
      type Query {
        plain: Plain @aws_iam
        shared: [Shared!]! @aws_iam
        admins: Admins @aws_cognito_user_pools
        name: String @aws_iam
      }
      type Plain { id: ID }
      type Shared @aws_iam @aws_cognito_user_pools { id: ID }
      type Admins @aws_cognito_user_pools(cognito_groups: ["Admin"]) { id: ID }
    `, { defaultMode: 'AMAZON_COGNITO_USER_POOLS', additionalModes: ['AWS_IAM'] });
    expect(rules.allows('Query', 'plain', iam)).toBe(false);
    expect(rules.allows('Query', 'shared', iam)).toBe(true); // through list and non-null wrappers
    expect(rules.allows('Query', 'admins', user)).toBe(false);
    expect(rules.allows('Query', 'admins', admin)).toBe(true);
    expect(rules.allows('Query', 'name', iam)).toBe(true); // scalars carry no rule
  });

  it('always allows introspection fields', () => {
    const rules = rulesFor('type Query @aws_iam { a: String }', { defaultMode: 'API_KEY', additionalModes: ['AWS_IAM'] });
    for (const field of ['__typename', '__schema', '__type']) {
      expect(rules.allows('Query', field, apiKey)).toBe(true);
      expect(rules.restricts('Query', field)).toBe(false);
    }
    expect(rules.allows('__Type', 'name', apiKey)).toBe(true);
    expect(rules.allows('Query', 'a', apiKey)).toBe(false);
  });

  it('denies a field the schema does not have', () => {
    const rules = rulesFor('type Query { a: String }', { defaultMode: 'API_KEY', additionalModes: [] });
    expect(rules.allows('Query', 'missing', apiKey)).toBe(false);
    expect(rules.allows('Missing', 'a', apiKey)).toBe(false);
  });
});

describe('fieldRules on the Taskboard schema', () => {
  const read = (file: string) => readFileSync(new URL(`../../../../schema/${file}`, import.meta.url), 'utf8');
  const schema = buildAppSyncSchema(read('taskboard.graphql'));
  const rules = fieldRules(schema, { defaultMode: 'AMAZON_COGNITO_USER_POOLS', additionalModes: ['AWS_IAM'] });
  const member = caller('AMAZON_COGNITO_USER_POOLS');

  it('lets IAM publish activity and read Activity, but not the user-facing queries', () => {
    expect(rules.allows('Mutation', 'publishActivity', iam)).toBe(true);
    for (const field of ['id', 'boardId', 'actor', 'action', 'targetId', 'summary', 'createdAt']) {
      expect(rules.allows('Activity', field, iam)).toBe(true);
    }
    expect(rules.allows('User', 'displayName', iam)).toBe(true); // Activity.actor's type
    expect(rules.allows('Query', 'myBoards', iam)).toBe(false);
    expect(rules.allows('Board', 'name', iam)).toBe(false);
  });

  it('lets user-pool callers use the queries but not publishActivity', () => {
    expect(rules.allows('Query', 'myBoards', member)).toBe(true);
    expect(rules.allows('Subscription', 'onActivity', member)).toBe(true);
    expect(rules.allows('Mutation', 'publishActivity', member)).toBe(false);
    expect(rules.unrestricted).toBe(false);
  });
});
