import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { requiredEnv } from '../lib/env';
import { addMember, type AddedMember, type AddMemberEvent } from './add-member';

const dynamodb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const cognito = new CognitoIdentityProviderClient({});

/** Invoked by the Mutation.addMember pipeline after the OWNER check (resolvers/functions/invokeAddMember.ts). */
export async function handler(event: AddMemberEvent): Promise<AddedMember> {
  return addMember({ dynamodb, cognito, tableName: requiredEnv('TABLE_NAME'), userPoolId: requiredEnv('USER_POOL_ID'), now: () => new Date() }, event);
}
