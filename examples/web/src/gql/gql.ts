/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment TaskCard on Task {\n    id\n    boardId\n    title\n    status\n    priority\n    position\n    version\n    deletedAt\n    assignee {\n      id\n      displayName\n    }\n  }\n": typeof types.TaskCardFragmentDoc,
    "\n  query Home {\n    me {\n      id\n      displayName\n      email\n    }\n    myBoards(limit: 100) {\n      items {\n        id\n        name\n        description\n        myRole\n        taskCount\n        memberCount\n      }\n    }\n  }\n": typeof types.HomeDocument,
    "\n  query Board($id: ID!, $nextToken: String) {\n    board(id: $id) {\n      id\n      name\n      description\n      myRole\n      tasks(limit: 100, nextToken: $nextToken) {\n        items {\n          ...TaskCard\n        }\n        nextToken\n      }\n    }\n  }\n": typeof types.BoardDocument,
    "\n  mutation MoveTask($input: MoveTaskInput!) {\n    moveTask(input: $input) {\n      ...TaskCard\n    }\n  }\n": typeof types.MoveTaskDocument,
    "\n  subscription OnTaskChanged($boardId: ID!) {\n    onTaskChanged(boardId: $boardId) {\n      ...TaskCard\n    }\n  }\n": typeof types.OnTaskChangedDocument,
};
const documents: Documents = {
    "\n  fragment TaskCard on Task {\n    id\n    boardId\n    title\n    status\n    priority\n    position\n    version\n    deletedAt\n    assignee {\n      id\n      displayName\n    }\n  }\n": types.TaskCardFragmentDoc,
    "\n  query Home {\n    me {\n      id\n      displayName\n      email\n    }\n    myBoards(limit: 100) {\n      items {\n        id\n        name\n        description\n        myRole\n        taskCount\n        memberCount\n      }\n    }\n  }\n": types.HomeDocument,
    "\n  query Board($id: ID!, $nextToken: String) {\n    board(id: $id) {\n      id\n      name\n      description\n      myRole\n      tasks(limit: 100, nextToken: $nextToken) {\n        items {\n          ...TaskCard\n        }\n        nextToken\n      }\n    }\n  }\n": types.BoardDocument,
    "\n  mutation MoveTask($input: MoveTaskInput!) {\n    moveTask(input: $input) {\n      ...TaskCard\n    }\n  }\n": types.MoveTaskDocument,
    "\n  subscription OnTaskChanged($boardId: ID!) {\n    onTaskChanged(boardId: $boardId) {\n      ...TaskCard\n    }\n  }\n": types.OnTaskChangedDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TaskCard on Task {\n    id\n    boardId\n    title\n    status\n    priority\n    position\n    version\n    deletedAt\n    assignee {\n      id\n      displayName\n    }\n  }\n"): typeof import('./graphql').TaskCardFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Home {\n    me {\n      id\n      displayName\n      email\n    }\n    myBoards(limit: 100) {\n      items {\n        id\n        name\n        description\n        myRole\n        taskCount\n        memberCount\n      }\n    }\n  }\n"): typeof import('./graphql').HomeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Board($id: ID!, $nextToken: String) {\n    board(id: $id) {\n      id\n      name\n      description\n      myRole\n      tasks(limit: 100, nextToken: $nextToken) {\n        items {\n          ...TaskCard\n        }\n        nextToken\n      }\n    }\n  }\n"): typeof import('./graphql').BoardDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MoveTask($input: MoveTaskInput!) {\n    moveTask(input: $input) {\n      ...TaskCard\n    }\n  }\n"): typeof import('./graphql').MoveTaskDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription OnTaskChanged($boardId: ID!) {\n    onTaskChanged(boardId: $boardId) {\n      ...TaskCard\n    }\n  }\n"): typeof import('./graphql').OnTaskChangedDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
