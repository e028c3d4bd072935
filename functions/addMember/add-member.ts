import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { type DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Member, MutationAddMemberArgs, Role } from '../../generated/graphql';
import type { MemberItem } from '../../resolvers/lib/items';
import { boardKey, memberGsi1, memberKey } from '../../resolvers/lib/keys';
import { cancellationCodes, TaskboardError } from '../lib/errors';
import { findUserByEmail } from './find-user';

export interface AddMemberDeps {
  dynamodb: DynamoDBDocumentClient;
  cognito: CognitoIdentityProviderClient;
  tableName: string;
  userPoolId: string;
  now: () => Date;
}

/** What the pipeline sends: the arguments, and the caller (an OWNER), recorded as who added the member. */
export type AddMemberEvent = MutationAddMemberArgs & { addedById?: string | null };

/** The Member as the resolver returns it: `user` is resolved by Member.user from `userId`. */
export type AddedMember = Omit<Member, 'user' | '__typename'> & { userId: string };

const ROLES: Role[] = ['OWNER', 'EDITOR', 'VIEWER'];

/**
 * Adds the user with `email` to the board with `role`: a Cognito lookup, then ONE
 * TransactWriteItems: Put the membership (its gsi1 keys make the board show in the user's
 * myBoards) only if they are not a member yet, and memberCount + 1 only if the board exists.
 * The caller's OWNER role was checked by the pipeline before this runs.
 *
 * Errors: unknown email → NotFoundError (nothing written); already a member → ConflictError;
 * board deleted meanwhile → NotFoundError.
 */
export async function addMember(deps: AddMemberDeps, args: AddMemberEvent): Promise<AddedMember> {
  const { boardId, email, role } = args;
  if (!ROLES.includes(role)) throw new TaskboardError('ValidationError', `role must be one of ${ROLES.join(', ')}`);
  const user = await findUserByEmail(deps.cognito, deps.userPoolId, email);
  if (!user) throw new TaskboardError('NotFoundError', `No Taskboard user has the email address ${email}`);

  const joinedAt = deps.now().toISOString();
  const key = memberKey(boardId, user.sub);
  const item: MemberItem = {
    ...key, lsi1sk: key.sk, ...memberGsi1(user.sub, joinedAt),
    type: 'Member', boardId, userId: user.sub, role, joinedAt,
    ...(args.addedById ? { addedById: args.addedById } : {}),
  };
  try {
    await deps.dynamodb.send(new TransactWriteCommand({
      TransactItems: [
        { Put: { TableName: deps.tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' } },
        {
          Update: {
            TableName: deps.tableName, Key: boardKey(boardId),
            UpdateExpression: 'SET memberCount = memberCount + :one',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: { ':one': 1 },
          },
        },
      ],
    }));
  } catch (error) {
    const codes = cancellationCodes(error);
    if (codes?.[0] === 'ConditionalCheckFailed') throw new TaskboardError('ConflictError', `${email} is already a member of this board`);
    if (codes?.[1] === 'ConditionalCheckFailed') throw new TaskboardError('NotFoundError', 'The board does not exist');
    throw error;
  }
  return { boardId, userId: user.sub, role, joinedAt, removedAt: null };
}
