import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { BoardDeletion } from '../../generated/graphql';
import { requiredEnv } from '../lib/env';
import { deleteBoard } from './cascade';

const dynamodb = DynamoDBDocumentClient.from(new DynamoDBClient({}));

/** Invoked by the Mutation.deleteBoard pipeline after the OWNER check (resolvers/functions/invokeDeleteBoard.ts). */
export async function handler(event: { boardId: string; callerId: string }): Promise<BoardDeletion> {
  if (!event?.boardId || !event.callerId) throw new Error('deleteBoard needs { boardId, callerId }');
  return deleteBoard({ dynamodb, tableName: requiredEnv('TABLE_NAME') }, event.boardId, event.callerId);
}
