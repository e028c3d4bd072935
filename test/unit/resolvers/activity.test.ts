import { describe, expect, it } from 'vitest';
import { cognitoIdentity, givenResolver, TABLE_ENV } from '../../helpers/resolver';
import { raised } from './task-fixtures';

const boardActivity = givenResolver('resolvers/Query.boardActivity.ts');
const queryActivity = givenResolver('resolvers/functions/queryActivity.ts');
const attachUsers = givenResolver('resolvers/functions/attachUsers.ts');
const actor = givenResolver('resolvers/Activity.actor.ts');
const publish = givenResolver('resolvers/Mutation.publishActivity.ts');

const IAM = { accountId: '000000000000', userArn: 'arn:aws:iam::000000000000:user/activity', username: 'AKIA', cognitoIdentityPoolId: null, sourceIp: ['127.0.0.1'] };
const CONDITION_FAILED = { message: 'The conditional request failed', type: 'DynamoDB:ConditionalCheckFailedException' };
const NINETY_DAYS = 90 * 24 * 60 * 60;
const input = { id: 'a1', boardId: 'b1', actorId: 'bob', action: 'TASK_CREATED', targetId: 't1', summary: 'Bob created a task', createdAt: '2026-12-01T12:00:00.000Z' };
const stored = (id: string, actorId: string | null, createdAt = '2026-12-01T12:00:00.000Z') => ({
  pk: 'BOARD#b1#ACTIVITY', sk: `${createdAt}#${id}`, type: 'Activity', id, boardId: 'b1', actorId, action: 'TASK_CREATED', targetId: 't1',
  summary: 's', createdAt, expiresAt: Date.parse(createdAt) / 1000 + NINETY_DAYS,
});
const activity = (id: string, actorId: string | null) => ({ id, boardId: 'b1', actorId, action: 'TASK_CREATED', targetId: 't1', summary: 's', createdAt: '2026-12-01T12:00:00.000Z' });
const profile = (id: string) => ({ pk: `USER#${id}`, sk: 'PROFILE', type: 'User', id, email: `${id}@example.com`, displayName: id, createdAt: 'c' });
const user = (id: string) => ({ id, email: `${id}@example.com`, displayName: id, createdAt: 'c' });

describe('Query.boardActivity pipeline', () => {
  it('asks loadMembership for VIEWER (admins read too) and attaches actors', async () => {
    const { stash } = await boardActivity.whenRequest({ arguments: { boardId: 'b1' } });
    expect(stash).toEqual({ limit: 20, boardId: 'b1', requiredRole: 'VIEWER', userRefs: [{ idField: 'actorId', as: 'actor', required: false }] });
    expect((await boardActivity.whenRequest({ arguments: { boardId: 'b1', limit: 500 } })).error?.message).toBe('limit must be between 1 and 100');
  });

  it('queries the board\'s activity partition newest first', async () => {
    const { result } = await queryActivity.whenRequest({ arguments: { boardId: 'b1', nextToken: 'tok' }, stash: { boardId: 'b1', limit: 10 } });
    expect(result).toEqual({
      operation: 'Query', limit: 10, nextToken: 'tok', scanIndexForward: false,
      query: { expression: '(#pk = :pk_eq)', expressionNames: { '#pk': 'pk' }, expressionValues: { ':pk_eq': { S: 'BOARD#b1#ACTIVITY' } } },
    });
    const out = await queryActivity.whenResponse({ result: { items: [stored('a2', null), stored('a1', 'bob')], nextToken: null } });
    expect(out.result).toEqual([activity('a2', null), activity('a1', 'bob')]);
    expect(out.stash.nextToken).toBeNull();
    expect((await queryActivity.whenResponse({ error: { message: 'boom', type: 'DynamoDB:x' } })).error?.message).toBe('boom');
  });

  it('attaches actors: system activity and missing profiles get null (the field is nullable)', async () => {
    const refs = [{ idField: 'actorId', as: 'actor', required: false }];
    const page = [activity('a1', 'bob'), activity('a2', null), activity('a3', 'gone')];
    const request = await attachUsers.whenRequest({ prev: { result: page }, stash: { userRefs: refs }, env: TABLE_ENV });
    expect(request.stash.userIds).toEqual(['bob', 'gone']);
    const out = await attachUsers.whenResponse({
      env: TABLE_ENV, prev: { result: page }, stash: { userRefs: refs, userIds: ['bob', 'gone'] },
      result: { data: { 'Taskboard-Table': [profile('bob'), null] }, unprocessedKeys: { 'Taskboard-Table': [] } },
    });
    expect(out.result).toEqual([{ ...activity('a1', 'bob'), actor: user('bob') }, { ...activity('a2', null), actor: null }, { ...activity('a3', 'gone'), actor: null }]);
  });

  it('a page of system activity only needs no BatchGetItem', async () => {
    const refs = [{ idField: 'actorId', as: 'actor', required: false }];
    const out = await attachUsers.whenRequest({ prev: { result: [activity('a1', null)] }, stash: { userRefs: refs }, env: TABLE_ENV });
    expect(out.result).toEqual([{ ...activity('a1', null), actor: null }]);
  });

  it('never asks BatchGetItem for more than 100 keys; the rest stay for the field resolver', async () => {
    const refs = [{ idField: 'assigneeId', as: 'assignee', required: false }, { idField: 'createdById', as: 'createdBy', required: true }];
    const page = Array.from({ length: 60 }, (_, i) => ({ id: `t${i}`, assigneeId: `a${i}`, createdById: `c${i}` }));
    const { result, stash } = await attachUsers.whenRequest({ prev: { result: page }, stash: { userRefs: refs }, env: TABLE_ENV });
    expect((result as { tables: Record<string, { keys: unknown[] }> }).tables['Taskboard-Table'].keys).toHaveLength(100);
    const ids = stash.userIds as string[];
    const out = await attachUsers.whenResponse({
      env: TABLE_ENV, prev: { result: page }, stash: { userRefs: refs, userIds: ids },
      result: { data: { 'Taskboard-Table': ids.map((id) => profile(id)) }, unprocessedKeys: null },
    });
    const items = out.result as Array<Record<string, unknown>>;
    expect(items[0]).toEqual({ ...page[0], assignee: user('a0'), createdBy: user('c0') });
    expect(items[59]).toEqual(page[59]);
  });

  it('returns the page and its nextToken', async () => {
    expect((await boardActivity.whenResponse({ prev: { result: [activity('a1', null)] }, stash: { nextToken: 'n' } })).result).toEqual({ items: [activity('a1', null)], nextToken: 'n' });
  });
});

describe('Activity.actor', () => {
  it('returns what the list attached, even null, without a request', async () => {
    expect((await actor.whenRequest({ source: { ...activity('a1', 'bob'), actor: user('bob') } })).result).toEqual(user('bob'));
    expect((await actor.whenRequest({ source: { ...activity('a1', 'gone'), actor: null } })).result).toBeNull();
  });

  it('is null for system activity, without a request', async () => {
    expect((await actor.whenRequest({ source: activity('a1', null) })).result).toBeNull();
  });

  it('otherwise reads the profile once; a missing one is null', async () => {
    expect((await actor.whenRequest({ source: activity('a1', 'bob') })).result).toEqual({ operation: 'GetItem', key: { pk: { S: 'USER#bob' }, sk: { S: 'PROFILE' } } });
    expect((await actor.whenResponse({ source: activity('a1', 'bob'), result: profile('bob') })).result).toEqual(user('bob'));
    expect((await actor.whenResponse({ source: activity('a1', 'bob'), result: null })).result).toBeNull();
    expect((await actor.whenResponse({ source: activity('a1', 'bob'), error: { message: 'boom', type: 'DynamoDB:x' } })).error?.message).toBe('boom');
  });
});

describe('Mutation.publishActivity', () => {
  it('puts the activity in the board\'s activity partition with a 90-day TTL, only if new', async () => {
    const { result, error } = await publish.whenRequest({ identity: IAM, arguments: { input }, env: TABLE_ENV });
    expect(error).toBeUndefined();
    expect(result).toEqual({
      operation: 'PutItem',
      key: { pk: { S: 'BOARD#b1#ACTIVITY' }, sk: { S: '2026-12-01T12:00:00.000Z#a1' } },
      attributeValues: {
        type: { S: 'Activity' }, id: { S: 'a1' }, boardId: { S: 'b1' }, actorId: { S: 'bob' }, action: { S: 'TASK_CREATED' }, targetId: { S: 't1' },
        summary: { S: 'Bob created a task' }, createdAt: { S: '2026-12-01T12:00:00.000Z' }, expiresAt: { N: Date.parse(input.createdAt) / 1000 + NINETY_DAYS },
      },
      condition: { expression: '(attribute_not_exists(#pk))', expressionNames: { '#pk': 'pk' } },
    });
  });

  it('normalizes createdAt to UTC so sort keys order by time; system activity has a null actor', async () => {
    const { result } = await publish.whenRequest({ identity: IAM, arguments: { input: { ...input, actorId: null, targetId: null, createdAt: '2026-12-01T14:00:00.000+02:00' } }, env: TABLE_ENV });
    const put = result as { key: { sk: { S: string } }; attributeValues: Record<string, unknown> };
    expect(put.key.sk.S).toBe('2026-12-01T12:00:00.000Z#a1');
    expect(put.attributeValues).toMatchObject({ actorId: { NULL: null }, targetId: { NULL: null }, createdAt: { S: '2026-12-01T12:00:00.000Z' } });
  });

  it('refuses an empty or oversized summary with a ValidationError, before writing', async () => {
    for (const [summary, message] of [['  ', 'summary must not be empty'], ['x'.repeat(1_001), 'summary must be at most 1000 characters']]) {
      expect(raised(publish, 'request', { identity: IAM, arguments: { input: { ...input, summary } }, env: TABLE_ENV })).toEqual({ message, errorType: 'ValidationError', errorInfo: { field: 'summary' } });
    }
    const longest = 'x'.repeat(1_000);
    expect((await publish.whenRequest({ identity: IAM, arguments: { input: { ...input, summary: longest } }, env: TABLE_ENV })).result).toMatchObject({ attributeValues: { summary: { S: longest } } });
  });

  it('is for IAM callers only, even if the schema directive were lost', async () => {
    expect((await publish.whenRequest({ identity: cognitoIdentity('alice'), arguments: { input }, env: TABLE_ENV })).error?.message).toBe('Unauthorized');
  });

  it('returns the activity (actorId for Activity.actor); a redelivered duplicate returns the stored one', async () => {
    expect((await publish.whenResponse({ result: stored('a1', 'bob') })).result).toEqual(activity('a1', 'bob'));
    expect((await publish.whenResponse({ result: stored('a1', 'bob'), error: CONDITION_FAILED })).result).toEqual(activity('a1', 'bob'));
    expect((await publish.whenResponse({ result: null, error: { message: 'boom', type: 'DynamoDB:x' } })).error?.message).toBe('boom');
  });
});
