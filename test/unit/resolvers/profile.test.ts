import { describe, expect, it } from 'vitest';
import { cognitoIdentity, givenResolver, TABLE_ENV } from '../../helpers/resolver';

const me = givenResolver('resolvers/Query.me.ts');
const getMyProfile = givenResolver('resolvers/functions/getMyProfile.ts');
const createMyProfile = givenResolver('resolvers/functions/createMyProfile.ts');
const updateProfile = givenResolver('resolvers/Mutation.updateProfile.ts');

/** An ID token's identity: it carries the email claim. */
const withEmail = (sub: string, email: string | null) => {
  const identity = cognitoIdentity(sub);
  return { ...identity, claims: { ...identity.claims, ...(email ? { email } : {}) } };
};
const IAM = { accountId: '000000000000', userArn: 'arn:aws:iam::000000000000:user/x', username: 'AKIA' };
const profile = { pk: 'USER#alice', sk: 'PROFILE', type: 'User', id: 'alice', email: 'alice@example.com', displayName: 'Alice', createdAt: '2026-01-01T00:00:00.000Z' };
const user = { id: 'alice', email: 'alice@example.com', displayName: 'Alice', createdAt: '2026-01-01T00:00:00.000Z' };
const CONDITION_FAILED = { message: 'The conditional request failed', type: 'DynamoDB:ConditionalCheckFailedException' };

describe('Query.me pipeline', () => {
  it('is for user-pool callers only', async () => {
    expect((await me.whenRequest({ identity: IAM })).error?.message).toBe('Unauthorized');
    expect((await me.whenRequest({ identity: cognitoIdentity('alice') })).error).toBeUndefined();
  });

  it('reads the caller\'s profile consistently', async () => {
    expect((await getMyProfile.whenRequest({ identity: cognitoIdentity('alice') })).result).toEqual({
      operation: 'GetItem', key: { pk: { S: 'USER#alice' }, sk: { S: 'PROFILE' } }, consistentRead: true,
    });
    expect((await getMyProfile.whenResponse({ result: null })).result).toBeNull();
    expect((await getMyProfile.whenResponse({ error: { message: 'boom', type: 'DynamoDB:x' } })).error?.message).toBe('boom');
  });

  it('writes nothing when the profile exists', async () => {
    const out = await createMyProfile.whenRequest({ identity: withEmail('alice', 'alice@example.com'), prev: { result: profile }, env: TABLE_ENV });
    expect(out.result).toEqual(profile);
  });

  it('creates a missing profile from the token\'s email, only if still missing', async () => {
    const { result } = await createMyProfile.whenRequest({ identity: withEmail('alice', 'alice.smith@example.com'), prev: { result: null }, env: TABLE_ENV });
    expect(result).toMatchObject({
      operation: 'PutItem', key: { pk: { S: 'USER#alice' }, sk: { S: 'PROFILE' } },
      attributeValues: { type: { S: 'User' }, id: { S: 'alice' }, email: { S: 'alice.smith@example.com' }, displayName: { S: 'alice.smith' }, createdAt: { S: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) } },
      condition: { expression: '(attribute_not_exists(#pk))', expressionNames: { '#pk': 'pk' } },
    });
  });

  it('cannot create a profile without the email claim (an access token)', async () => {
    const out = await createMyProfile.whenRequest({ identity: withEmail('alice', null), prev: { result: null }, env: TABLE_ENV });
    expect(out.result).toBeUndefined();
    expect(out.error?.message).toBe('The first call to me needs the email claim: send the Cognito ID token');
  });

  it('returns the written item, or the one a concurrent first call wrote', async () => {
    expect((await createMyProfile.whenResponse({ result: profile })).result).toEqual(profile);
    expect((await createMyProfile.whenResponse({ result: profile, error: CONDITION_FAILED })).result).toEqual(profile);
    expect((await createMyProfile.whenResponse({ result: null, error: { message: 'throttled', type: 'DynamoDB:ProvisionedThroughputExceededException' } })).error?.message).toBe('throttled');
  });

  it('returns the User without storage keys', async () => {
    expect((await me.whenResponse({ prev: { result: profile } })).result).toEqual(user);
  });
});

describe('Mutation.updateProfile', () => {
  it('sets displayName (trimmed) in one UpdateItem that creates a missing profile', async () => {
    const { result } = await updateProfile.whenRequest({ identity: withEmail('alice', 'alice@example.com'), arguments: { input: { displayName: '  Al  ' } }, env: TABLE_ENV });
    expect(result).toMatchObject({
      operation: 'UpdateItem', key: { pk: { S: 'USER#alice' }, sk: { S: 'PROFILE' } },
      update: {
        expression: 'SET #displayName = :displayName, #type = if_not_exists(#type, :type), #id = if_not_exists(#id, :id), #createdAt = if_not_exists(#createdAt, :now), #email = if_not_exists(#email, :email)',
        expressionValues: { ':displayName': { S: 'Al' }, ':type': { S: 'User' }, ':id': { S: 'alice' }, ':email': { S: 'alice@example.com' } },
      },
    });
    expect(result).not.toHaveProperty('condition');
  });

  it('without an email claim, updates only an existing profile', async () => {
    const { result } = await updateProfile.whenRequest({ identity: withEmail('alice', null), arguments: { input: { displayName: 'Al' } }, env: TABLE_ENV });
    expect(result).toMatchObject({ condition: { expression: 'attribute_exists(#pk)', expressionNames: { '#pk': 'pk' } } });
    expect((result as { update: { expression: string } }).update.expression).not.toContain('#email');
    const failed = await updateProfile.whenResponse({ error: CONDITION_FAILED, result: null });
    expect(failed.error?.message).toBe('No profile yet: call me with the Cognito ID token first');
  });

  it.each([
    ['an empty name', '   ', 'displayName must not be empty'],
    ['a 201-character name', 'x'.repeat(201), 'displayName must be at most 200 characters'],
  ])('refuses %s with a ValidationError before writing', async (_name, displayName, message) => {
    const out = await updateProfile.whenRequest({ identity: withEmail('alice', 'alice@example.com'), arguments: { input: { displayName } }, env: TABLE_ENV });
    expect(out.result).toBeUndefined();
    expect(out.error?.message).toBe(message);
  });

  it('accepts exactly 200 characters', async () => {
    const out = await updateProfile.whenRequest({ identity: withEmail('alice', 'alice@example.com'), arguments: { input: { displayName: 'x'.repeat(200) } }, env: TABLE_ENV });
    expect(out.error).toBeUndefined();
  });

  it('returns the updated User, or the data-source error', async () => {
    expect((await updateProfile.whenResponse({ result: { ...profile, displayName: 'Al' } })).result).toEqual({ ...user, displayName: 'Al' });
    expect((await updateProfile.whenResponse({ error: { message: 'boom', type: 'DynamoDB:x' } })).error?.message).toBe('boom');
  });
});
