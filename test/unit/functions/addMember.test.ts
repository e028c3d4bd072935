/**
 * The addMember Lambda's logic against the Cognito emulator and DynamoDB Local: the lookup by
 * email, the one transaction, and the typed errors with nothing written.
 */
import { AdminCreateUserCommand, AdminDisableUserCommand, CreateUserPoolClientCommand, SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, type AddMemberDeps } from '../../../functions/addMember/add-member';
import { findUserByEmail } from '../../../functions/addMember/find-user';
import { TaskboardError } from '../../../functions/lib/errors';
import type { Role } from '../../../generated/graphql';
import type { BoardItem, MemberItem } from '../../../resolvers/lib/items';
import { boardKey, memberGsi1, memberKey } from '../../../resolvers/lib/keys';
import { givenLocalTable, givenLocalUserPool, type LocalTable, type LocalUserPoolWithUsers } from './local-backend';

let table: LocalTable;
let pool: LocalUserPoolWithUsers;
let deps: AddMemberDeps;
const NOW = new Date('2026-05-01T10:00:00.000Z');

beforeAll(async () => {
  [table, pool] = await Promise.all([
    givenLocalTable(),
    givenLocalUserPool([
      { username: 'alice', email: 'alice@example.com', password: 'Passw0rd!alice' },
      { username: 'carol', email: 'carol@example.com', password: 'Passw0rd!carol' },
      { username: 'dave', email: 'dave@example.com', password: 'Passw0rd!dave' },
      { username: 'erin', email: 'erin@example.com', password: 'Passw0rd!erin' },
    ]),
  ]);
  await pool.cognito.send(new AdminDisableUserCommand({ UserPoolId: pool.userPoolId, Username: 'dave@example.com' }));
  deps = { dynamodb: table.dynamodb, cognito: pool.cognito, tableName: table.tableName, userPoolId: pool.userPoolId, now: () => NOW };
}, 120_000);
afterAll(async () => {
  await Promise.all([table?.stop(), pool?.stop()]);
});

let boards = 0;
/** A board owned by alice, as createBoard writes it. */
async function givenBoard(): Promise<string> {
  const id = `board-${++boards}`;
  const board: BoardItem = {
    ...boardKey(id), lsi1sk: '#META', type: 'Board', id, name: 'B', description: null, ownerId: pool.users.alice.sub,
    taskCount: 0, memberCount: 1, createdAt: 't', updatedAt: 't', version: 1,
  };
  const aliceId = pool.users.alice.sub;
  const owner: MemberItem = {
    ...memberKey(id, aliceId), lsi1sk: memberKey(id, aliceId).sk, ...memberGsi1(aliceId, 't'), type: 'Member', boardId: id, userId: aliceId, role: 'OWNER', joinedAt: 't',
  };
  await table.dynamodb.send(new PutCommand({ TableName: table.tableName, Item: board }));
  await table.dynamodb.send(new PutCommand({ TableName: table.tableName, Item: owner }));
  return id;
}

const get = async (key: { pk: string; sk: string }) => (await table.dynamodb.send(new GetCommand({ TableName: table.tableName, Key: key, ConsistentRead: true }))).Item;
const memberCount = async (boardId: string) => (await get(boardKey(boardId)))?.memberCount as number;

async function failure(promise: Promise<unknown>): Promise<TaskboardError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(TaskboardError);
  return error as TaskboardError;
}

describe('findUserByEmail', () => {
  it('finds a user by email through ListUsers, with their sub', async () => {
    expect(await findUserByEmail(pool.cognito, pool.userPoolId, 'carol@example.com')).toEqual({ sub: pool.users.carol.sub, email: 'carol@example.com' });
  });

  it('tolerates surrounding spaces and capitals', async () => {
    expect((await findUserByEmail(pool.cognito, pool.userPoolId, '  Carol@Example.COM '))?.sub).toBe(pool.users.carol.sub);
  });

  it('finds nobody for an unknown address, a disabled user, or an address with a quote in it', async () => {
    expect(await findUserByEmail(pool.cognito, pool.userPoolId, 'nobody@example.com')).toBeNull();
    expect(await findUserByEmail(pool.cognito, pool.userPoolId, 'dave@example.com')).toBeNull();
    expect(await findUserByEmail(pool.cognito, pool.userPoolId, 'carol@example.com" or email = "alice@example.com')).toBeNull();
  });

  it('finds a user an administrator created (the administrator vouched for the address)', async () => {
    await pool.cognito.send(new AdminCreateUserCommand({
      UserPoolId: pool.userPoolId, Username: 'frank@example.com', MessageAction: 'SUPPRESS', UserAttributes: [{ Name: 'email', Value: 'frank@example.com' }],
    }));
    expect((await findUserByEmail(pool.cognito, pool.userPoolId, 'frank@example.com'))?.email).toBe('frank@example.com');
  });

  it('does not find a user who signed up but never confirmed the address', async () => {
    const client = await pool.cognito.send(new CreateUserPoolClientCommand({ UserPoolId: pool.userPoolId, ClientName: 'app' }));
    await pool.cognito.send(new SignUpCommand({ ClientId: client.UserPoolClient!.ClientId!, Username: 'gina@example.com', Password: 'Passw0rd!gina', UserAttributes: [{ Name: 'email', Value: 'gina@example.com' }] }));
    expect(await findUserByEmail(pool.cognito, pool.userPoolId, 'gina@example.com')).toBeNull();
  });
});

describe('addMember', () => {
  it('writes the membership (with the gsi1 "my boards" keys and who added it) and memberCount + 1, and returns the Member', async () => {
    const boardId = await givenBoard();
    const carol = pool.users.carol.sub;
    const member = await addMember(deps, { boardId, email: 'carol@example.com', role: 'VIEWER', addedById: 'owner-sub' });
    expect(member).toEqual({ boardId, userId: carol, role: 'VIEWER', joinedAt: NOW.toISOString(), removedAt: null });
    expect(await get(memberKey(boardId, carol))).toEqual({
      pk: `BOARD#${boardId}`, sk: `MEMBER#${carol}`, lsi1sk: `MEMBER#${carol}`,
      gsi1pk: `USER#${carol}`, gsi1sk: `MEMBER#${NOW.toISOString()}`,
      type: 'Member', boardId, userId: carol, role: 'VIEWER', joinedAt: NOW.toISOString(), addedById: 'owner-sub',
    });
    expect(await memberCount(boardId)).toBe(2);
  });

  it('an unknown email is a NotFoundError and writes nothing', async () => {
    const boardId = await givenBoard();
    const error = await failure(addMember(deps, { boardId, email: 'nobody@example.com', role: 'EDITOR' }));
    expect(error.message).toBe('NotFoundError: No Taskboard user has the email address nobody@example.com');
    expect(error.name).toBe('NotFoundError');
    expect(await memberCount(boardId)).toBe(1);
  });

  it('an existing member is a ConflictError, and memberCount stays true', async () => {
    const boardId = await givenBoard();
    const error = await failure(addMember(deps, { boardId, email: 'alice@example.com', role: 'VIEWER' }));
    expect(error.message).toBe('ConflictError: alice@example.com is already a member of this board');
    expect((await get(memberKey(boardId, pool.users.alice.sub)))?.role).toBe('OWNER');
    expect(await memberCount(boardId)).toBe(1);
  });

  it('two concurrent adds of the same user: one succeeds, the other is a ConflictError, memberCount + 1 once', async () => {
    const boardId = await givenBoard();
    const outcomes = await Promise.allSettled([
      addMember(deps, { boardId, email: 'erin@example.com', role: 'EDITOR' }),
      addMember(deps, { boardId, email: 'erin@example.com', role: 'VIEWER' }),
    ]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const rejected = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    expect((rejected.reason as TaskboardError).type).toBe('ConflictError');
    expect(await memberCount(boardId)).toBe(2);
  });

  it('a board that does not exist is a NotFoundError, and no membership is left behind', async () => {
    const error = await failure(addMember(deps, { boardId: 'no-such-board', email: 'carol@example.com', role: 'VIEWER' }));
    expect(error.message).toBe('NotFoundError: The board does not exist');
    expect(await get(memberKey('no-such-board', pool.users.carol.sub))).toBeUndefined();
  });

  it('a role outside the enum is a ValidationError (defence in depth: GraphQL already checks it)', async () => {
    const boardId = await givenBoard();
    const error = await failure(addMember(deps, { boardId, email: 'carol@example.com', role: 'ADMIN' as Role }));
    expect(error.type).toBe('ValidationError');
    expect(await memberCount(boardId)).toBe(1);
  });
});
