import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { PostConfirmationTriggerEvent } from 'aws-lambda';
import { requiredEnv } from '../lib/env';
import { createProfile, profileOf } from './create-profile';

const dynamodb = DynamoDBDocumentClient.from(new DynamoDBClient({}));

/**
 * Cognito post-confirmation trigger: a confirmed sign-up gets its profile at once (the welcome
 * path), instead of on its first `me`. A forgotten-password confirmation is not a sign-up.
 * Cognito expects the event back; throwing would fail the user's confirmation.
 */
export async function handler(event: PostConfirmationTriggerEvent): Promise<PostConfirmationTriggerEvent> {
  if (event.triggerSource !== 'PostConfirmation_ConfirmSignUp') return event;
  await createProfile(dynamodb, requiredEnv('TABLE_NAME'), profileOf(event.request.userAttributes, new Date()));
  return event;
}
