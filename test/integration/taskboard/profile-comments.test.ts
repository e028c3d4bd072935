/**
 * Profiles (`me`, updateProfile), comments and board activity over HTTP against the local
 * runtime: the bundled resolvers on DynamoDB Local with the seed data, real tokens from local
 * Cognito, and SigV4-signed IAM calls for publishActivity (as the activity stream function
 * makes them).
 */
import { GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { AdminConfirmSignUpCommand, CognitoIdentityProviderClient, InitiateAuthCommand, SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activityPk, commentPk, userKey } from '../../../resolvers/lib/keys';
import { SEED_BOARD_ID, SEED_BOB_BOARD_ID, SEED_TASK_IDS } from '../../../seed/taskboard';
import { sigV4Headers } from '../../helpers/credentials';
import type { GraphQLReply, LocalApi } from '../../helpers/local-api';
import { givenTaskboardApi } from '../../helpers/taskboard-api';

let api: LocalApi;
const lines: string[] = [];
const headers: Record<string, Record<string, string>> = {};
const as = (username: string) => headers[username];
const sub = (username: string) => api.runtime.users.find((u) => u.username === username)!.sub;

/** Signs up and confirms a user the seed did not create (so no profile exists yet); returns its ID-token headers. */
async function newUser(name: string): Promise<Record<string, string>> {
  const pool = api.runtime.cognito!.pools[0];
  const ClientId = pool.clients[0].id;
  const email = `${name}@example.com`;
  const password = `Passw0rd!${name}`;
  const cognito = new CognitoIdentityProviderClient({ endpoint: api.runtime.cognito!.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  try {
    await cognito.send(new SignUpCommand({ ClientId, Username: email, Password: password, UserAttributes: [{ Name: 'email', Value: email }] }));
    await cognito.send(new AdminConfirmSignUpCommand({ UserPoolId: pool.id, Username: email }));
    const out = await cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId, AuthParameters: { USERNAME: email, PASSWORD: password } }));
    return { authorization: out.AuthenticationResult!.IdToken! };
  } finally {
    cognito.destroy();
  }
}

beforeAll(async () => {
  api = await givenTaskboardApi(lines, { streams: false });
  for (const u of ['alice', 'bob', 'carol', 'admin']) headers[u] = await api.as(u);
}, 120_000);
afterAll(async () => api?.close());

const table = () => api.runtime.model.outputs.TableName;
const getProfileItem = async (userId: string) => {
  const key = userKey(userId);
  return (await api.runtime.client.send(new GetItemCommand({ TableName: table(), Key: { pk: { S: key.pk }, sk: { S: key.sk } }, ConsistentRead: true }))).Item;
};
const partition = async (pk: string) =>
  (await api.runtime.client.send(new QueryCommand({ TableName: table(), KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': { S: pk } }, ConsistentRead: true }))).Items ?? [];

/** The DynamoDB operations each resolver step made for the named operation's last request (DEBUG log). */
function callsOf(operationName: string): Array<{ path: string; step: string; operation: string }> {
  const start = lines.map((l, i) => [l, i] as const).filter(([l]) => l.includes(` ${operationName} by `)).pop();
  if (!start) throw new Error(`no log line for ${operationName}`);
  const calls: Array<{ path: string; step: string; operation: string }> = [];
  for (const line of lines.slice(start[1] + 1)) {
    if (!line.startsWith('  ')) break;
    const m = /^ {2}(\S+) (\S+) → \S+ (\w+)/.exec(line);
    if (m) calls.push({ path: m[1], step: m[2], operation: m[3] });
  }
  return calls;
}

const errorOf = (r: GraphQLReply) => r.body.errors?.[0] as { errorType?: string; message: string; path?: unknown[] } | undefined;

const ME = 'query Me { me { id email displayName createdAt } }';
type User = { id: string; email: string; displayName: string; createdAt: string };

describe('me and updateProfile', () => {
  it('returns a seeded user\'s profile', async () => {
    const r = await api.request(ME, {}, as('alice'));
    expect(r.body).toEqual({ data: { me: { id: sub('alice'), email: 'alice@example.com', displayName: 'Alice', createdAt: expect.any(String) } } });
  });

  it('creates the profile on the first call, from the token\'s email, and only once', async () => {
    const erin = await newUser('erin');
    const first = await api.request(ME, {}, erin);
    expect(first.body.errors).toBeUndefined();
    const created = (first.body.data as { me: User }).me;
    expect(created).toMatchObject({ email: 'erin@example.com', displayName: 'erin' });
    expect(await getProfileItem(created.id)).toMatchObject({ type: { S: 'User' }, email: { S: 'erin@example.com' }, createdAt: { S: created.createdAt } });
    // The second call only reads.
    const second = await api.request(ME, {}, erin);
    expect((second.body.data as { me: User }).me).toEqual(created);
    expect(callsOf('Me').map((c) => c.operation)).toEqual(['GetItem']);
  });

  it('concurrent first calls agree on one profile', async () => {
    const frank = await newUser('frank');
    const replies = await Promise.all([api.request(ME, {}, frank), api.request(ME, {}, frank), api.request(ME, {}, frank)]);
    for (const r of replies) expect(r.body.errors).toBeUndefined();
    const profiles = replies.map((r) => (r.body.data as { me: User }).me);
    expect(new Set(profiles.map((p) => p.createdAt)).size).toBe(1);
  });

  it('updateProfile sets the displayName (trimmed); me then returns it, createdAt unchanged', async () => {
    const gina = await newUser('gina');
    const before = (await api.request(ME, {}, gina)).body.data as { me: User };
    const r = await api.request('mutation($in: UpdateProfileInput!) { updateProfile(input: $in) { id email displayName createdAt } }', { in: { displayName: '  Gina G.  ' } }, gina);
    expect(r.body).toEqual({ data: { updateProfile: { ...before.me, displayName: 'Gina G.' } } });
    expect((await api.request(ME, {}, gina)).body.data).toEqual({ me: { ...before.me, displayName: 'Gina G.' } });
  });

  it('updateProfile creates a missing profile', async () => {
    const hank = await newUser('hank');
    const r = await api.request('mutation { updateProfile(input: { displayName: "Hank" }) { id email displayName } }', {}, hank);
    expect(r.body.errors).toBeUndefined();
    expect((r.body.data as { updateProfile: User }).updateProfile).toMatchObject({ email: 'hank@example.com', displayName: 'Hank' });
    expect((await api.request(ME, {}, hank)).body.data).toMatchObject({ me: { email: 'hank@example.com', displayName: 'Hank' } });
  });

  it.each([
    ['an empty displayName', '   ', 'displayName must not be empty'],
    ['a 201-character displayName', 'x'.repeat(201), 'displayName must be at most 200 characters'],
  ])('updateProfile refuses %s with a ValidationError and writes nothing', async (_name, displayName, message) => {
    const r = await api.request('mutation($in: UpdateProfileInput!) { updateProfile(input: $in) { displayName } }', { in: { displayName } }, as('bob'));
    expect(r.body.data).toBeNull();
    expect(errorOf(r)).toMatchObject({ errorType: 'ValidationError', message, path: ['updateProfile'] });
    expect((await getProfileItem(sub('bob')))?.displayName).toEqual({ S: 'Bob' });
  });
});

const ADD = 'mutation AddComment($in: AddCommentInput!) { addComment(input: $in) { id taskId boardId body createdAt author { id displayName } } }';
const DELETE = 'mutation($b: ID!, $t: ID!, $id: ID!) { deleteComment(boardId: $b, taskId: $t, id: $id) { id body author { displayName } } }';
const LIST = `query CommentsPage($b: ID!, $t: ID!, $limit: Int, $next: String) {
  task(boardId: $b, id: $t) { id comments(limit: $limit, nextToken: $next) { items { id body createdAt author { id displayName } } nextToken } }
}`;
type Comment = { id: string; taskId: string; boardId: string; body: string; createdAt: string; author: { id: string; displayName: string } };
type Page = { items: Comment[]; nextToken: string | null };

async function add(username: string, taskId: string, body: string, boardId = SEED_BOARD_ID): Promise<GraphQLReply> {
  return api.request(ADD, { in: { boardId, taskId, body } }, as(username));
}
async function list(username: string, taskId: string, limit?: number, next?: string | null, boardId = SEED_BOARD_ID): Promise<Page> {
  const r = await api.request(LIST, { b: boardId, t: taskId, limit, next }, as(username));
  expect(r.body.errors, JSON.stringify(r.body.errors)).toBeUndefined();
  return (r.body.data as { task: { comments: Page } }).task.comments;
}

describe('comments', () => {
  const task = SEED_TASK_IDS.domain;

  it('an editor adds a comment; it comes back with its author, and sits in the task\'s comment partition', async () => {
    const r = await add('bob', task, '  Shortlist: taskboard.dev, taskboard.app  ');
    expect(r.body.errors).toBeUndefined();
    const comment = (r.body.data as { addComment: Comment }).addComment;
    expect(comment).toMatchObject({ taskId: task, boardId: SEED_BOARD_ID, body: 'Shortlist: taskboard.dev, taskboard.app', author: { id: sub('bob'), displayName: 'Bob' } });
    expect(comment.id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    const items = await partition(commentPk(SEED_BOARD_ID, task));
    expect(items.map((i) => i.sk.S)).toContain(`COMMENT#${comment.id}`);
  });

  it('lists the comments oldest first, in pages, with one Query and one BatchGetItem per page', async () => {
    // landingPage has three seeded comments by two authors.
    const all = await list('alice', SEED_TASK_IDS.landingPage);
    expect(all.items.map((c) => c.author.displayName)).toEqual(['Bob', 'Alice', 'Bob']);
    expect(all.items.map((c) => c.createdAt)).toEqual([...all.items.map((c) => c.createdAt)].sort());
    expect(all.nextToken).toBeNull();
    const comments = callsOf('CommentsPage').filter((c) => c.path.startsWith('task/comments'));
    expect(comments).toEqual([
      { path: 'task/comments', step: 'queryComments', operation: 'Query' },
      { path: 'task/comments', step: 'attachUsers', operation: 'BatchGetItem' },
    ]);

    const first = await list('alice', SEED_TASK_IDS.landingPage, 2);
    expect(first.items).toEqual(all.items.slice(0, 2));
    expect(first.nextToken).toEqual(expect.any(String));
    const second = await list('alice', SEED_TASK_IDS.landingPage, 2, first.nextToken);
    expect(second.items).toEqual(all.items.slice(2));
  });

  it('a new comment comes last', async () => {
    const r = await add('alice', SEED_TASK_IDS.announcement, 'Pricing copy is in review now.');
    const id = (r.body.data as { addComment: Comment }).addComment.id;
    const page = await list('bob', SEED_TASK_IDS.announcement);
    expect(page.items.map((c) => c.id).pop()).toBe(id);
  });

  it.each([
    ['a viewer', 'alice', SEED_BOB_BOARD_ID, SEED_TASK_IDS.dynamoBook],
    ['a non-member', 'carol', SEED_BOARD_ID, SEED_TASK_IDS.domain],
    ['an admin (reads only)', 'admin', SEED_BOARD_ID, SEED_TASK_IDS.domain],
  ])('%s cannot comment: Unauthorized, nothing written', async (_name, username, boardId, taskId) => {
    const before = (await partition(commentPk(boardId, taskId))).length;
    const r = await add(username, taskId, 'Hello', boardId);
    expect(r.body.data).toBeNull();
    expect(errorOf(r)).toMatchObject({ errorType: 'Unauthorized', path: ['addComment'] });
    expect(await partition(commentPk(boardId, taskId))).toHaveLength(before);
  });

  it('a comment over 5,000 characters is a ValidationError, nothing written', async () => {
    const before = (await partition(commentPk(SEED_BOARD_ID, task))).length;
    const r = await add('bob', task, 'x'.repeat(5001));
    expect(errorOf(r)).toMatchObject({ errorType: 'ValidationError', message: 'body must be at most 5000 characters' });
    expect(await partition(commentPk(SEED_BOARD_ID, task))).toHaveLength(before);
    expect((await add('bob', task, 'x'.repeat(5000))).body.errors).toBeUndefined();
  });

  it('a comment on a task that does not exist is NotFound, nothing written', async () => {
    const r = await add('bob', 'no-such-task', 'Hello');
    expect(errorOf(r)).toMatchObject({ errorType: 'NotFoundError' });
    expect(await partition(commentPk(SEED_BOARD_ID, 'no-such-task'))).toHaveLength(0);
  });

  it('an editor deletes their own comment and gets it back; not someone else\'s', async () => {
    const mine = (await add('bob', task, 'Typo, ignore')).body.data as { addComment: Comment };
    const theirs = (await add('alice', task, 'Owner comment')).body.data as { addComment: Comment };
    const denied = await api.request(DELETE, { b: SEED_BOARD_ID, t: task, id: theirs.addComment.id }, as('bob'));
    expect(errorOf(denied)).toMatchObject({ errorType: 'Unauthorized', path: ['deleteComment'] });
    const ok = await api.request(DELETE, { b: SEED_BOARD_ID, t: task, id: mine.addComment.id }, as('bob'));
    expect(ok.body).toEqual({ data: { deleteComment: { id: mine.addComment.id, body: 'Typo, ignore', author: { displayName: 'Bob' } } } });
    const ids = (await list('bob', task, 100)).items.map((c) => c.id);
    expect(ids).not.toContain(mine.addComment.id);
    expect(ids).toContain(theirs.addComment.id);
    const again = await api.request(DELETE, { b: SEED_BOARD_ID, t: task, id: mine.addComment.id }, as('bob'));
    expect(errorOf(again)).toMatchObject({ errorType: 'NotFoundError' });
  });

  it('an owner deletes anyone\'s comment; a viewer deletes nothing, not even on their own board view', async () => {
    const bobs = (await add('bob', task, 'Delete me, owner')).body.data as { addComment: Comment };
    const ok = await api.request(DELETE, { b: SEED_BOARD_ID, t: task, id: bobs.addComment.id }, as('alice'));
    expect(ok.body.errors).toBeUndefined();
    const seeded = (await list('bob', SEED_TASK_IDS.dynamoBook, undefined, null, SEED_BOB_BOARD_ID)).items[0];
    const viewer = await api.request(DELETE, { b: SEED_BOB_BOARD_ID, t: SEED_TASK_IDS.dynamoBook, id: seeded.id }, as('alice'));
    expect(errorOf(viewer)).toMatchObject({ errorType: 'Unauthorized' });
  });
});

const PUBLISH = 'mutation Publish($in: PublishActivityInput!) { publishActivity(input: $in) { id boardId action targetId summary createdAt actor { id displayName } } }';
const ACTIVITY = `query Activity($b: ID!, $limit: Int, $next: String) {
  boardActivity(boardId: $b, limit: $limit, nextToken: $next) { items { id action summary createdAt actor { displayName } } nextToken }
}`;
type Activity = { id: string; action: string; summary: string; createdAt: string; actor: { displayName: string } | null };

async function publish(input: Record<string, unknown>): Promise<GraphQLReply> {
  const body = JSON.stringify({ query: PUBLISH, variables: { in: input } });
  return api.raw(body, await sigV4Headers(api.runtime.graphqlUrl, body, api.runtime.iamCredentials));
}

describe('board activity', () => {
  const at = (minutes: number) => new Date(Date.UTC(2026, 11, 1, 12, minutes)).toISOString();
  const entries = () => [
    { id: 'act-1', boardId: SEED_BOARD_ID, actorId: sub('alice'), action: 'TASK_CREATED', targetId: SEED_TASK_IDS.domain, summary: 'Alice created a task', createdAt: at(1) },
    { id: 'act-2', boardId: SEED_BOARD_ID, actorId: sub('bob'), action: 'COMMENT_ADDED', targetId: SEED_TASK_IDS.domain, summary: 'Bob commented', createdAt: at(2) },
    { id: 'act-3', boardId: SEED_BOARD_ID, actorId: null, action: 'OVERDUE_DIGEST', targetId: null, summary: '1 task overdue', createdAt: at(3) },
  ];

  beforeAll(async () => {
    for (const input of entries()) {
      const r = await publish(input);
      expect(r.body.errors, JSON.stringify(r.body.errors)).toBeUndefined();
    }
  });

  it('publishActivity (IAM) stores the activity with a 90-day TTL and returns it with its actor', async () => {
    const r = await publish({ id: 'act-4', boardId: SEED_BOB_BOARD_ID, actorId: sub('bob'), action: 'TASK_MOVED', targetId: SEED_TASK_IDS.dynamoBook, summary: 'Bob moved a task', createdAt: at(4) });
    expect(r.body).toEqual({ data: { publishActivity: {
      id: 'act-4', boardId: SEED_BOB_BOARD_ID, action: 'TASK_MOVED', targetId: SEED_TASK_IDS.dynamoBook, summary: 'Bob moved a task', createdAt: at(4), actor: { id: sub('bob'), displayName: 'Bob' },
    } } });
    const [item] = await partition(activityPk(SEED_BOB_BOARD_ID));
    expect(item.sk.S).toBe(`${at(4)}#act-4`);
    expect(Number(item.expiresAt.N)).toBe(Date.parse(at(4)) / 1000 + 90 * 24 * 60 * 60);
  });

  it('boardActivity lists newest first, in pages, actors attached with one BatchGetItem', async () => {
    const r = await api.request(ACTIVITY, { b: SEED_BOARD_ID }, as('bob'));
    expect(r.body.errors).toBeUndefined();
    const page = (r.body.data as { boardActivity: { items: Activity[]; nextToken: string | null } }).boardActivity;
    expect(page.items).toEqual([
      { id: 'act-3', action: 'OVERDUE_DIGEST', summary: '1 task overdue', createdAt: at(3), actor: null },
      { id: 'act-2', action: 'COMMENT_ADDED', summary: 'Bob commented', createdAt: at(2), actor: { displayName: 'Bob' } },
      { id: 'act-1', action: 'TASK_CREATED', summary: 'Alice created a task', createdAt: at(1), actor: { displayName: 'Alice' } },
    ]);
    expect(callsOf('Activity').map((c) => `${c.step} ${c.operation}`)).toEqual(['loadMembership GetItem', 'queryActivity Query', 'attachUsers BatchGetItem']);

    const first = (await api.request(ACTIVITY, { b: SEED_BOARD_ID, limit: 2 }, as('bob'))).body.data as { boardActivity: { items: Activity[]; nextToken: string } };
    expect(first.boardActivity.items.map((a) => a.id)).toEqual(['act-3', 'act-2']);
    const second = (await api.request(ACTIVITY, { b: SEED_BOARD_ID, limit: 2, next: first.boardActivity.nextToken }, as('bob'))).body.data as { boardActivity: { items: Activity[] } };
    expect(second.boardActivity.items.map((a) => a.id)).toEqual(['act-1']);
  });

  it('viewers and admins read activity; non-members are Unauthorized', async () => {
    const viewer = await api.request(ACTIVITY, { b: SEED_BOB_BOARD_ID }, as('alice'));
    expect((viewer.body.data as { boardActivity: { items: Activity[] } }).boardActivity.items.map((a) => a.id)).toEqual(['act-4']);
    const admin = await api.request(ACTIVITY, { b: SEED_BOARD_ID }, as('admin'));
    expect(admin.body.errors).toBeUndefined();
    const carol = await api.request(ACTIVITY, { b: SEED_BOARD_ID }, as('carol'));
    expect(carol.body.data).toBeNull();
    expect(errorOf(carol)).toMatchObject({ errorType: 'Unauthorized', path: ['boardActivity'] });
  });

  it('publishActivity by a user-pool caller is Unauthorized, nothing written', async () => {
    const before = (await partition(activityPk(SEED_BOARD_ID))).length;
    const input = { id: 'forged', boardId: SEED_BOARD_ID, actorId: sub('alice'), action: 'TASK_DELETED', summary: 'forged', createdAt: at(9) };
    const r = await api.request(PUBLISH, { in: input }, as('alice'));
    expect(r.body.data).toEqual({ publishActivity: null });
    expect(errorOf(r)).toMatchObject({ errorType: 'Unauthorized', path: ['publishActivity'] });
    expect(await partition(activityPk(SEED_BOARD_ID))).toHaveLength(before);
  });

  it('a redelivered publishActivity is idempotent: same answer, one item, the first one kept', async () => {
    const [original] = entries();
    const before = await partition(activityPk(SEED_BOARD_ID));
    const again = await publish(original);
    expect(again.body.errors).toBeUndefined();
    expect((again.body.data as { publishActivity: Activity }).publishActivity).toMatchObject({ id: 'act-1', summary: 'Alice created a task' });
    const changed = await publish({ ...original, summary: 'A different summary' });
    expect(changed.body.errors).toBeUndefined();
    expect((changed.body.data as { publishActivity: Activity }).publishActivity).toMatchObject({ id: 'act-1', summary: 'Alice created a task' });
    expect(await partition(activityPk(SEED_BOARD_ID))).toEqual(before);
  });
});
