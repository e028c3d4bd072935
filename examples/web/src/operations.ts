/**
 * Every GraphQL operation the client sends. graphql-codegen's client preset reads these
 * `graphql(...)` calls and generates their result and variable types into ./gql
 * (`npm run codegen`; test/unit/codegen.test.ts fails when ./gql is stale).
 */
import { graphql } from './gql';

/**
 * What a task card shows. moveTask selects it too: AppSync builds a subscriber's payload from
 * the mutation's own result, so a field the mutation does not select arrives as null.
 */
export const TaskCardFragment = graphql(`
  fragment TaskCard on Task {
    id
    boardId
    title
    status
    priority
    position
    version
    deletedAt
    assignee {
      id
      displayName
    }
  }
`);

export const HomeQuery = graphql(`
  query Home {
    me {
      id
      displayName
      email
    }
    myBoards(limit: 100) {
      items {
        id
        name
        description
        myRole
        taskCount
        memberCount
      }
    }
  }
`);

export const BoardQuery = graphql(`
  query Board($id: ID!, $nextToken: String) {
    board(id: $id) {
      id
      name
      description
      myRole
      tasks(limit: 100, nextToken: $nextToken) {
        items {
          ...TaskCard
        }
        nextToken
      }
    }
  }
`);

export const MoveTaskMutation = graphql(`
  mutation MoveTask($input: MoveTaskInput!) {
    moveTask(input: $input) {
      ...TaskCard
    }
  }
`);

export const OnTaskChangedSubscription = graphql(`
  subscription OnTaskChanged($boardId: ID!) {
    onTaskChanged(boardId: $boardId) {
      ...TaskCard
    }
  }
`);
