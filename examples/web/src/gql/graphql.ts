/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
// GENERATED FILE: do not edit by hand. Source: schema/*.graphql and the operations in examples/web/src, config: codegen.yml (npm run codegen).
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type MoveTaskInput = {
  /** Position of the task the moved task should follow (omit for the start of the status). */
  afterPosition?: string | null | undefined;
  /** Position of the task the moved task should precede (omit for the end of the status). */
  beforePosition?: string | null | undefined;
  boardId: string | number;
  expectedVersion: number;
  id: string | number;
  status: TaskStatus;
};

export type Priority =
  | 'HIGH'
  | 'LOW'
  | 'MEDIUM'
  | 'URGENT';

export type Role =
  | 'EDITOR'
  | 'OWNER'
  | 'VIEWER';

export type TaskStatus =
  | 'DONE'
  | 'IN_PROGRESS'
  | 'IN_REVIEW'
  | 'TODO';

export type TaskCardFragment = { id: string, boardId: string, title: string, status: TaskStatus, priority: Priority, position: string, version: number, deletedAt: string | null, assignee: { id: string, displayName: string } | null };

export type HomeQueryVariables = Exact<{ [key: string]: never; }>;


export type HomeQuery = { me: { id: string, displayName: string, email: string }, myBoards: { items: Array<{ id: string, name: string, description: string | null, myRole: Role | null, taskCount: number, memberCount: number }> } };

export type BoardQueryVariables = Exact<{
  id: string | number;
  nextToken?: string | null | undefined;
}>;


export type BoardQuery = { board: { id: string, name: string, description: string | null, myRole: Role | null, tasks: { nextToken: string | null, items: Array<{ id: string, boardId: string, title: string, status: TaskStatus, priority: Priority, position: string, version: number, deletedAt: string | null, assignee: { id: string, displayName: string } | null }> } } | null };

export type MoveTaskMutationVariables = Exact<{
  input: MoveTaskInput;
}>;


export type MoveTaskMutation = { moveTask: { id: string, boardId: string, title: string, status: TaskStatus, priority: Priority, position: string, version: number, deletedAt: string | null, assignee: { id: string, displayName: string } | null } };

export type OnTaskChangedSubscriptionVariables = Exact<{
  boardId: string | number;
}>;


export type OnTaskChangedSubscription = { onTaskChanged: { id: string, boardId: string, title: string, status: TaskStatus, priority: Priority, position: string, version: number, deletedAt: string | null, assignee: { id: string, displayName: string } | null } | null };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const TaskCardFragmentDoc = new TypedDocumentString(`
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
    `, {"fragmentName":"TaskCard"}) as unknown as TypedDocumentString<TaskCardFragment, unknown>;
export const HomeDocument = new TypedDocumentString(`
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
    `) as unknown as TypedDocumentString<HomeQuery, HomeQueryVariables>;
export const BoardDocument = new TypedDocumentString(`
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
}`) as unknown as TypedDocumentString<BoardQuery, BoardQueryVariables>;
export const MoveTaskDocument = new TypedDocumentString(`
    mutation MoveTask($input: MoveTaskInput!) {
  moveTask(input: $input) {
    ...TaskCard
  }
}
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
}`) as unknown as TypedDocumentString<MoveTaskMutation, MoveTaskMutationVariables>;
export const OnTaskChangedDocument = new TypedDocumentString(`
    subscription OnTaskChanged($boardId: ID!) {
  onTaskChanged(boardId: $boardId) {
    ...TaskCard
  }
}
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
}`) as unknown as TypedDocumentString<OnTaskChangedSubscription, OnTaskChangedSubscriptionVariables>;