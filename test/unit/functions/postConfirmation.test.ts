/** The post-confirmation trigger's profile: the same item `me` creates, written once (DynamoDB Local). */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProfile, profileOf } from '../../../functions/postConfirmation/create-profile';
import { userKey } from '../../../resolvers/lib/keys';
import { givenLocalTable, type LocalTable } from './local-backend';

const now = new Date('2026-12-02T08:00:00.000Z');

describe('profileOf', () => {
  it('takes the sub, the email, and the name attribute as display name', () => {
    expect(profileOf({ sub: 'u1', email: 'dana@example.com', name: ' Dana Scully ' }, now)).toEqual({
      pk: 'USER#u1', sk: 'PROFILE', type: 'User', id: 'u1', email: 'dana@example.com', displayName: 'Dana Scully', createdAt: '2026-12-02T08:00:00.000Z',
    });
  });

  it('without a name, the part of the email before @ (as `me` does)', () => {
    expect(profileOf({ sub: 'u1', email: 'dana@example.com' }, now).displayName).toBe('dana');
  });

  it('refuses attributes without sub or email', () => {
    expect(() => profileOf({ email: 'x@example.com' }, now)).toThrow('post-confirmation needs the sub and email attributes');
  });
});

describe('createProfile (DynamoDB Local)', () => {
  let table: LocalTable;
  beforeAll(async () => { table = await givenLocalTable(); }, 120_000);
  afterAll(async () => table?.stop());

  it('writes the profile once; a repeated trigger writes nothing and keeps what the user changed since', async () => {
    const profile = profileOf({ sub: 'u2', email: 'eve@example.com' }, now);
    expect(await createProfile(table.dynamodb, table.tableName, profile)).toBe(true);
    expect(await createProfile(table.dynamodb, table.tableName, { ...profile, displayName: 'changed' })).toBe(false);
    const stored = await table.dynamodb.send(new GetCommand({ TableName: table.tableName, Key: userKey('u2'), ConsistentRead: true }));
    expect(stored.Item).toEqual(profile);
  });
});
