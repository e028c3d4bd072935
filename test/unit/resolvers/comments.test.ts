import { describe, expect, it } from 'vitest';
import { cognitoIdentity, givenResolver, TABLE_ENV } from '../../helpers/resolver';

const addComment = givenResolver('resolvers/Mutation.addComment.ts');
const putComment = givenResolver('resolvers/functions/putComment.ts');
const deleteComment = givenResolver('resolvers/Mutation.deleteComment.ts');
const removeComment = givenResolver('resolvers/functions/removeComment.ts');
const taskComments = givenResolver('resolvers/Task.comments.ts');
const queryComments = givenResolver('resolvers/functions/queryComments.ts');
const attachUsers = givenResolver('resolvers/functions/attachUsers.ts');
const commentAuthor = givenResolver('resolvers/Comment.author.ts');

const CONDITION_FAILED = { message: 'The conditional request failed', type: 'DynamoDB:ConditionalCheckFailedException' };
const stored = (id: string, authorId: string) => ({
  pk: 'TASK#b1#t1', sk: `COMMENT#${id}`, type: 'Comment', id, boardId: 'b1', taskId: 't1', authorId, body: `body ${id}`, createdAt: '2026-12-01T00:00:00.000Z',
});
const comment = (id: string, authorId: string) => ({ id, taskId: 't1', boardId: 'b1', authorId, body: `body ${id}`, createdAt: '2026-12-01T00:00:00.000Z' });
const profile = (id: string) => ({ pk: `USER#${id}`, sk: 'PROFILE', type: 'User', id, email: `${id}@example.com`, displayName: id, createdAt: 'c' });
const user = (id: string) => ({ id, email: `${id}@example.com`, displayName: id, createdAt: 'c' });
const UNKNOWN = (id: string) => ({ id, email: 'unknown@invalid', displayName: 'Unknown user', createdAt: '1970-01-01T00:00:00.000Z' });

describe('Mutation.addComment pipeline', () => {
  const ctx = (body: string) => ({ arguments: { input: { boardId: 'b1', taskId: 't1', body } }, identity: cognitoIdentity('bob'), env: TABLE_ENV });

  it('asks loadMembership for EDITOR on the comment\'s board and stashes the trimmed body', async () => {
    const { stash, error } = await addComment.whenRequest(ctx('  Looks good  '));
    expect(error).toBeUndefined();
    expect(stash).toEqual({ boardId: 'b1', taskId: 't1', body: 'Looks good', requiredRole: 'EDITOR' });
  });

  it.each([
    ['an empty body', '  ', 'body must not be empty'],
    ['a body over 5,000 characters', 'x'.repeat(5001), 'body must be at most 5000 characters'],
  ])('refuses %s with a ValidationError before any request', async (_name, body, message) => {
    const out = await addComment.whenRequest(ctx(body));
    expect(out.error?.message).toBe(message);
    expect(out.stash).not.toHaveProperty('requiredRole');
  });

  it('accepts exactly 5,000 characters', async () => {
    expect((await addComment.whenRequest(ctx('x'.repeat(5000)))).error).toBeUndefined();
  });

  it('puts the comment under a ULID in its task\'s partition, only if the task exists, in one transaction', async () => {
    const { result, stash } = await putComment.whenRequest({ identity: cognitoIdentity('bob'), stash: { boardId: 'b1', taskId: 't1', body: 'hi' }, env: TABLE_ENV });
    const id = (stash.comment as { id: string }).id;
    expect(id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(result).toEqual({
      operation: 'TransactWriteItems',
      transactItems: [
        {
          table: 'Taskboard-Table', operation: 'ConditionCheck', key: { pk: { S: 'BOARD#b1' }, sk: { S: 'TASK#t1' } },
          condition: { expression: '(attribute_exists(#pk))', expressionNames: { '#pk': 'pk' } },
        },
        {
          table: 'Taskboard-Table', operation: 'PutItem', key: { pk: { S: 'TASK#b1#t1' }, sk: { S: `COMMENT#${id}` } },
          attributeValues: {
            type: { S: 'Comment' }, id: { S: id }, boardId: { S: 'b1' }, taskId: { S: 't1' }, authorId: { S: 'bob' }, body: { S: 'hi' },
            createdAt: { S: (stash.comment as { createdAt: string }).createdAt },
          },
          condition: { expression: '(attribute_not_exists(#pk))', expressionNames: { '#pk': 'pk' } },
        },
      ],
    });
  });

  it('comment ids sort by creation time', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const { stash } = await putComment.whenRequest({ identity: cognitoIdentity('bob'), stash: { boardId: 'b1', taskId: 't1', body: 'hi' }, env: TABLE_ENV });
      ids.push((stash.comment as { id: string }).id);
      await new Promise((r) => setTimeout(r, 2));
    }
    expect([...ids].sort()).toEqual(ids);
  });

  it('returns the comment with authorId for Comment.author; a missing task is NotFound', async () => {
    const ok = await putComment.whenResponse({ stash: { comment: stored('c1', 'bob') }, result: { keys: [] } });
    expect(ok.result).toEqual(comment('c1', 'bob'));
    expect((await addComment.whenResponse({ prev: { result: comment('c1', 'bob') } })).result).toEqual(comment('c1', 'bob'));
    const missing = await putComment.whenResponse({
      stash: { boardId: 'b1', taskId: 'gone' },
      error: { message: 'Transaction cancelled', type: 'DynamoDB:TransactionCanceledException' },
      result: { keys: null, cancellationReasons: [{ type: 'ConditionCheckFailed', message: 'The condition check failed.' }, { type: 'None', message: 'None' }] },
    });
    expect(missing.error?.message).toBe('Task gone not found on board b1');
    const other = await putComment.whenResponse({ stash: {}, error: { message: 'throttled', type: 'DynamoDB:Throttling' }, result: null });
    expect(other.error?.message).toBe('throttled');
  });
});

describe('Mutation.deleteComment pipeline', () => {
  it('asks loadMembership for EDITOR', async () => {
    const { stash } = await deleteComment.whenRequest({ arguments: { boardId: 'b1', taskId: 't1', id: 'c1' } });
    expect(stash).toEqual({ boardId: 'b1', taskId: 't1', commentId: 'c1', requiredRole: 'EDITOR' });
  });

  it('an editor deletes only their own comment: the condition checks the author', async () => {
    const { result } = await removeComment.whenRequest({ identity: cognitoIdentity('bob'), stash: { boardId: 'b1', taskId: 't1', commentId: 'c1', role: 'EDITOR' } });
    expect(result).toEqual({
      operation: 'DeleteItem', key: { pk: { S: 'TASK#b1#t1' }, sk: { S: 'COMMENT#c1' } },
      condition: {
        expression: '(attribute_exists(#pk)) AND (#authorId = :authorId_eq)',
        expressionNames: { '#pk': 'pk', '#authorId': 'authorId' }, expressionValues: { ':authorId_eq': { S: 'bob' } },
      },
    });
  });

  it('an owner deletes anyone\'s comment', async () => {
    const { result } = await removeComment.whenRequest({ identity: cognitoIdentity('alice'), stash: { boardId: 'b1', taskId: 't1', commentId: 'c1', role: 'OWNER' } });
    expect((result as { condition: unknown }).condition).toEqual({ expression: '(attribute_exists(#pk))', expressionNames: { '#pk': 'pk' } });
  });

  it('returns the deleted comment; someone else\'s is Unauthorized; a missing one is NotFound', async () => {
    expect((await removeComment.whenResponse({ result: stored('c1', 'bob') })).result).toEqual(comment('c1', 'bob'));
    expect((await removeComment.whenResponse({ result: stored('c1', 'alice'), error: CONDITION_FAILED, stash: { commentId: 'c1' } })).error?.message).toBe('Unauthorized');
    expect((await removeComment.whenResponse({ result: null, error: CONDITION_FAILED, stash: { commentId: 'c1' } })).error?.message).toBe('Comment c1 not found');
    // AppSync answers a delete of an already-deleted item with success and null.
    expect((await removeComment.whenResponse({ result: null, stash: { commentId: 'c1' } })).error?.message).toBe('Comment c1 not found');
    expect((await removeComment.whenResponse({ result: null, error: { message: 'boom', type: 'DynamoDB:x' } })).error?.message).toBe('boom');
    expect((await deleteComment.whenResponse({ prev: { result: comment('c1', 'bob') } })).result).toEqual(comment('c1', 'bob'));
  });
});

describe('Task.comments pipeline: one Query + one BatchGetItem per page', () => {
  const task = { id: 't1', boardId: 'b1' };

  it('pages with limit 1–100 (20 by default) and attaches authors', async () => {
    const { stash } = await taskComments.whenRequest({ source: task, arguments: {} });
    expect(stash).toEqual({ limit: 20, boardId: 'b1', taskId: 't1', userRefs: [{ idField: 'authorId', as: 'author', required: true }] });
    expect((await taskComments.whenRequest({ source: task, arguments: { limit: 0 } })).error?.message).toBe('limit must be between 1 and 100');
    expect((await taskComments.whenRequest({ source: task, arguments: { limit: 101 } })).error?.message).toBe('limit must be between 1 and 100');
  });

  it('queries the task\'s comment partition oldest first', async () => {
    const { result } = await queryComments.whenRequest({ arguments: { nextToken: 'tok' }, stash: { boardId: 'b1', taskId: 't1', limit: 5 } });
    expect(result).toEqual({
      operation: 'Query', limit: 5, nextToken: 'tok', scanIndexForward: true,
      query: {
        expression: '(#pk = :pk_eq) AND (begins_with(#sk,:sk_beginsWith))', expressionNames: { '#pk': 'pk', '#sk': 'sk' },
        expressionValues: { ':pk_eq': { S: 'TASK#b1#t1' }, ':sk_beginsWith': { S: 'COMMENT#' } },
      },
    });
    const out = await queryComments.whenResponse({ result: { items: [stored('c1', 'bob'), stored('c2', 'alice')], nextToken: 'n2' } });
    expect(out.result).toEqual([comment('c1', 'bob'), comment('c2', 'alice')]);
    expect(out.stash.nextToken).toBe('n2');
    expect((await queryComments.whenResponse({ error: { message: 'boom', type: 'DynamoDB:x' } })).error?.message).toBe('boom');
  });

  it('reads each distinct author once, in one BatchGetItem', async () => {
    const refs = [{ idField: 'authorId', as: 'author', required: true }];
    const page = [comment('c1', 'bob'), comment('c2', 'alice'), comment('c3', 'bob')];
    const { result, stash } = await attachUsers.whenRequest({ prev: { result: page }, stash: { userRefs: refs }, env: TABLE_ENV });
    expect(result).toEqual({
      operation: 'BatchGetItem',
      tables: { 'Taskboard-Table': { keys: [{ pk: { S: 'USER#bob' }, sk: { S: 'PROFILE' } }, { pk: { S: 'USER#alice' }, sk: { S: 'PROFILE' } }] } },
    });
    expect(stash.userIds).toEqual(['bob', 'alice']);
  });

  it('skips the data source for an empty page', async () => {
    const out = await attachUsers.whenRequest({ prev: { result: [] }, stash: { userRefs: [{ idField: 'authorId', as: 'author', required: true }] }, env: TABLE_ENV });
    expect(out.result).toEqual([]);
  });

  it('attaches each author (keys stripped); a missing profile becomes the Unknown user; an unprocessed one is left for Comment.author', async () => {
    const refs = [{ idField: 'authorId', as: 'author', required: true }];
    const page = [comment('c1', 'bob'), comment('c2', 'gone'), comment('c3', 'carol'), comment('c4', 'bob')];
    const out = await attachUsers.whenResponse({
      env: TABLE_ENV, prev: { result: page }, stash: { userRefs: refs, userIds: ['bob', 'gone', 'carol'] },
      result: { data: { 'Taskboard-Table': [profile('bob'), null, null] }, unprocessedKeys: { 'Taskboard-Table': [{ pk: 'USER#carol', sk: 'PROFILE' }] } },
    });
    expect(out.result).toEqual([
      { ...comment('c1', 'bob'), author: user('bob') },
      { ...comment('c2', 'gone'), author: UNKNOWN('gone') },
      comment('c3', 'carol'),
      { ...comment('c4', 'bob'), author: user('bob') },
    ]);
    expect((await attachUsers.whenResponse({ error: { message: 'boom', type: 'DynamoDB:x' } })).error?.message).toBe('boom');
  });

  it('returns the page and its nextToken', async () => {
    const out = await taskComments.whenResponse({ prev: { result: [comment('c1', 'bob')] }, stash: { nextToken: 'n2' } });
    expect(out.result).toEqual({ items: [comment('c1', 'bob')], nextToken: 'n2' });
    expect((await taskComments.whenResponse({ prev: { result: [] }, stash: { nextToken: null } })).result).toEqual({ items: [], nextToken: null });
  });
});

describe('Comment.author', () => {
  it('returns the attached author without a request', async () => {
    const out = await commentAuthor.whenRequest({ source: { ...comment('c1', 'bob'), author: user('bob') } });
    expect(out.result).toEqual(user('bob'));
  });

  it('otherwise reads the profile once; a missing profile is the Unknown user (the field is non-null)', async () => {
    expect((await commentAuthor.whenRequest({ source: comment('c1', 'bob') })).result).toEqual({ operation: 'GetItem', key: { pk: { S: 'USER#bob' }, sk: { S: 'PROFILE' } } });
    expect((await commentAuthor.whenResponse({ source: comment('c1', 'bob'), result: profile('bob') })).result).toEqual(user('bob'));
    expect((await commentAuthor.whenResponse({ source: comment('c1', 'bob'), result: null })).result).toEqual(UNKNOWN('bob'));
    expect((await commentAuthor.whenResponse({ source: comment('c1', 'bob'), error: { message: 'boom', type: 'DynamoDB:x' } })).error?.message).toBe('boom');
  });
});
