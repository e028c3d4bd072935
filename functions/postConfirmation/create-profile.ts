import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { UserItem } from '../../resolvers/lib/items';
import { userKey } from '../../resolvers/lib/keys';
import { LIMITS } from '../../resolvers/lib/validation';

/**
 * The profile a confirmed sign-up starts with: the same item `Query.me` creates on a first call
 * (resolvers/functions/createMyProfile.ts), with the `name` attribute as display name when the
 * user gave one, else the part of the email before '@'.
 */
export function profileOf(attributes: Record<string, string | undefined>, now: Date): UserItem {
  const id = attributes.sub;
  const email = attributes.email;
  if (!id || !email) throw new Error('post-confirmation needs the sub and email attributes');
  const at = email.indexOf('@');
  const displayName = (attributes.name?.trim() || (at > 0 ? email.slice(0, at) : email)).slice(0, LIMITS.name);
  return { ...userKey(id), type: 'User', id, email, displayName, createdAt: now.toISOString() };
}

/** Writes the profile unless one exists (a repeated trigger, or `me` called first): returns whether it wrote. */
export async function createProfile(dynamodb: DynamoDBDocumentClient, tableName: string, profile: UserItem): Promise<boolean> {
  try {
    await dynamodb.send(new PutCommand({ TableName: tableName, Item: profile, ConditionExpression: 'attribute_not_exists(pk)' }));
    return true;
  } catch (error) {
    if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}
