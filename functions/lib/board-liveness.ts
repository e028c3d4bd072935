import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { boardKey } from '../../resolvers/lib/keys';

/**
 * Whether a board still takes activity: its meta exists and deleteBoard has not marked it. A
 * board being deleted writes no activity, or the cascade's deletions would refill the activity
 * partition it has just emptied. Read once per board per batch (consistently: the mark is new).
 */
export function boardLiveness(dynamodb: DynamoDBDocumentClient, tableName: string): (boardId: string) => Promise<boolean> {
  const known = new Map<string, Promise<boolean>>();
  return (boardId) => {
    let live = known.get(boardId);
    if (!live) {
      live = dynamodb.send(new GetCommand({ TableName: tableName, Key: boardKey(boardId), ConsistentRead: true, ProjectionExpression: 'pk, deletingAt' }))
        .then((out) => out.Item !== undefined && out.Item.deletingAt === undefined);
      // A failed read is not cached: the retry of the batch reads again.
      live.catch(() => known.delete(boardId));
      known.set(boardId, live);
    }
    return live;
  };
}
