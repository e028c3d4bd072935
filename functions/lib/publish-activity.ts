import type { PublishActivityInput } from '../../generated/graphql';
import type { GraphQLCall } from './appsync-client';

/**
 * Subscribers get only the fields the publishing mutation selected, so it selects every field
 * of Activity (and the actor's profile) that an `onActivity` subscriber may ask for.
 */
export const PUBLISH_ACTIVITY = /* GraphQL */ `
  mutation PublishActivity($input: PublishActivityInput!) {
    publishActivity(input: $input) {
      id boardId action targetId summary createdAt
      actor { id email displayName createdAt }
    }
  }
`;

export interface PublishedActivity { id: string; boardId: string; action: string; createdAt: string }

/**
 * Records one activity through the API, so `onActivity(boardId)` subscribers see it. Idempotent:
 * the same input (same id and createdAt) returns the stored activity and writes nothing.
 */
export async function publishActivity(graphql: GraphQLCall, input: PublishActivityInput): Promise<PublishedActivity> {
  const data = await graphql<{ publishActivity: PublishedActivity }>(PUBLISH_ACTIVITY, { input });
  return data.publishActivity;
}
