// GENERATED FILE: do not edit by hand. Source: schema/*.graphql, config: codegen.yml (npm run codegen).
import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
export type Maybe<T> = T | null;
export type InputMaybe<T> = T | null | undefined;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  AWSDate: { input: string; output: string; }
  AWSDateTime: { input: string; output: string; }
  AWSEmail: { input: string; output: string; }
  AWSIPAddress: { input: string; output: string; }
  AWSJSON: { input: string; output: string; }
  AWSPhone: { input: string; output: string; }
  AWSTime: { input: string; output: string; }
  AWSTimestamp: { input: number; output: number; }
  AWSURL: { input: string; output: string; }
};

export type Activity = {
  __typename?: 'Activity';
  action: ActivityAction;
  /** Who did it; null for system activity such as the overdue digest. */
  actor: Maybe<User>;
  boardId: Scalars['ID']['output'];
  createdAt: Scalars['AWSDateTime']['output'];
  id: Scalars['ID']['output'];
  summary: Scalars['String']['output'];
  /** The id of the task, comment or member the activity is about. */
  targetId: Maybe<Scalars['ID']['output']>;
};

export type ActivityAction =
  | 'BOARD_CREATED'
  | 'BOARD_UPDATED'
  | 'COMMENT_ADDED'
  | 'COMMENT_DELETED'
  | 'MEMBER_ADDED'
  | 'MEMBER_REMOVED'
  | 'MEMBER_ROLE_CHANGED'
  | 'OVERDUE_DIGEST'
  | 'TASK_CREATED'
  | 'TASK_DELETED'
  | 'TASK_MOVED'
  | 'TASK_UPDATED';

export type ActivityConnection = {
  __typename?: 'ActivityConnection';
  items: Array<Activity>;
  nextToken: Maybe<Scalars['String']['output']>;
};

export type AddCommentInput = {
  boardId: Scalars['ID']['input'];
  body: Scalars['String']['input'];
  taskId: Scalars['ID']['input'];
};

export type AssigneeCount = {
  __typename?: 'AssigneeCount';
  /** null counts unassigned tasks. */
  assignee: Maybe<User>;
  count: Scalars['Int']['output'];
};

export type Board = {
  __typename?: 'Board';
  createdAt: Scalars['AWSDateTime']['output'];
  description: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  memberCount: Scalars['Int']['output'];
  members: MemberConnection;
  /** The caller's role on this board; null for an admin who is not a member. */
  myRole: Maybe<Role>;
  name: Scalars['String']['output'];
  owner: User;
  taskCount: Scalars['Int']['output'];
  /** Tasks ordered by status, then by position within the status. */
  tasks: TaskConnection;
  updatedAt: Scalars['AWSDateTime']['output'];
  version: Scalars['Int']['output'];
};


export type BoardMembersArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  nextToken?: InputMaybe<Scalars['String']['input']>;
};


export type BoardTasksArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  nextToken?: InputMaybe<Scalars['String']['input']>;
  status?: InputMaybe<TaskStatus>;
};

export type BoardConnection = {
  __typename?: 'BoardConnection';
  items: Array<Board>;
  nextToken: Maybe<Scalars['String']['output']>;
};

export type BoardDeletion = {
  __typename?: 'BoardDeletion';
  boardId: Scalars['ID']['output'];
  /** How many items the cascade removed. */
  itemsDeleted: Scalars['Int']['output'];
};

export type BoardStats = {
  __typename?: 'BoardStats';
  boardId: Scalars['ID']['output'];
  byAssignee: Array<AssigneeCount>;
  byStatus: Array<StatusCount>;
  completedLast7Days: Scalars['Int']['output'];
  generatedAt: Scalars['AWSDateTime']['output'];
  /** Tasks past their due date that are not DONE. */
  overdue: Scalars['Int']['output'];
  total: Scalars['Int']['output'];
};

export type Comment = {
  __typename?: 'Comment';
  author: User;
  boardId: Scalars['ID']['output'];
  body: Scalars['String']['output'];
  createdAt: Scalars['AWSDateTime']['output'];
  id: Scalars['ID']['output'];
  taskId: Scalars['ID']['output'];
};

export type CommentConnection = {
  __typename?: 'CommentConnection';
  items: Array<Comment>;
  nextToken: Maybe<Scalars['String']['output']>;
};

export type CreateBoardInput = {
  description?: InputMaybe<Scalars['String']['input']>;
  name: Scalars['String']['input'];
};

export type CreateTaskInput = {
  /** Place the task after the task at this position (defaults to the end of its status). */
  afterPosition?: InputMaybe<Scalars['String']['input']>;
  assigneeId?: InputMaybe<Scalars['ID']['input']>;
  /** Place the task before the task at this position. */
  beforePosition?: InputMaybe<Scalars['String']['input']>;
  boardId: Scalars['ID']['input'];
  description?: InputMaybe<Scalars['String']['input']>;
  dueDate?: InputMaybe<Scalars['AWSDate']['input']>;
  labels?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Defaults to MEDIUM. */
  priority?: InputMaybe<Priority>;
  /** Defaults to TODO. */
  status?: InputMaybe<TaskStatus>;
  title: Scalars['String']['input'];
};

export type Member = {
  __typename?: 'Member';
  boardId: Scalars['ID']['output'];
  joinedAt: Scalars['AWSDateTime']['output'];
  /** Set only on the result of removeMember/leaveBoard, so subscribers can tell a removal apart. */
  removedAt: Maybe<Scalars['AWSDateTime']['output']>;
  role: Role;
  user: User;
};

export type MemberConnection = {
  __typename?: 'MemberConnection';
  items: Array<Member>;
  nextToken: Maybe<Scalars['String']['output']>;
};

export type MoveTaskInput = {
  /** Position of the task the moved task should follow (omit for the start of the status). */
  afterPosition?: InputMaybe<Scalars['String']['input']>;
  /** Position of the task the moved task should precede (omit for the end of the status). */
  beforePosition?: InputMaybe<Scalars['String']['input']>;
  boardId: Scalars['ID']['input'];
  expectedVersion: Scalars['Int']['input'];
  id: Scalars['ID']['input'];
  status: TaskStatus;
};

export type Mutation = {
  __typename?: 'Mutation';
  addComment: Comment;
  addMember: Member;
  createBoard: Board;
  createTask: Task;
  deleteBoard: BoardDeletion;
  deleteComment: Comment;
  deleteTask: Task;
  leaveBoard: Member;
  moveTask: Task;
  /** Called by the activity stream function (IAM) so onActivity subscribers see activity live. */
  publishActivity: Maybe<Activity>;
  removeMember: Member;
  updateBoard: Board;
  updateMemberRole: Member;
  updateProfile: User;
  updateTask: Task;
};


export type MutationAddCommentArgs = {
  input: AddCommentInput;
};


export type MutationAddMemberArgs = {
  boardId: Scalars['ID']['input'];
  email: Scalars['AWSEmail']['input'];
  role: Role;
};


export type MutationCreateBoardArgs = {
  input: CreateBoardInput;
};


export type MutationCreateTaskArgs = {
  input: CreateTaskInput;
};


export type MutationDeleteBoardArgs = {
  id: Scalars['ID']['input'];
};


export type MutationDeleteCommentArgs = {
  boardId: Scalars['ID']['input'];
  id: Scalars['ID']['input'];
  taskId: Scalars['ID']['input'];
};


export type MutationDeleteTaskArgs = {
  boardId: Scalars['ID']['input'];
  id: Scalars['ID']['input'];
};


export type MutationLeaveBoardArgs = {
  boardId: Scalars['ID']['input'];
};


export type MutationMoveTaskArgs = {
  input: MoveTaskInput;
};


export type MutationPublishActivityArgs = {
  input: PublishActivityInput;
};


export type MutationRemoveMemberArgs = {
  boardId: Scalars['ID']['input'];
  userId: Scalars['ID']['input'];
};


export type MutationUpdateBoardArgs = {
  input: UpdateBoardInput;
};


export type MutationUpdateMemberRoleArgs = {
  boardId: Scalars['ID']['input'];
  role: Role;
  userId: Scalars['ID']['input'];
};


export type MutationUpdateProfileArgs = {
  input: UpdateProfileInput;
};


export type MutationUpdateTaskArgs = {
  input: UpdateTaskInput;
};

export type Priority =
  | 'HIGH'
  | 'LOW'
  | 'MEDIUM'
  | 'URGENT';

export type PublishActivityInput = {
  action: ActivityAction;
  actorId?: InputMaybe<Scalars['ID']['input']>;
  boardId: Scalars['ID']['input'];
  createdAt: Scalars['AWSDateTime']['input'];
  id: Scalars['ID']['input'];
  summary: Scalars['String']['input'];
  targetId?: InputMaybe<Scalars['ID']['input']>;
};

export type Query = {
  __typename?: 'Query';
  board: Maybe<Board>;
  /** Newest first. */
  boardActivity: ActivityConnection;
  boardStats: BoardStats;
  /** The caller's profile; created on first call. */
  me: User;
  myBoards: BoardConnection;
  /** Tasks assigned to the caller across all boards. */
  myTasks: TaskConnection;
  task: Maybe<Task>;
};


export type QueryBoardArgs = {
  id: Scalars['ID']['input'];
};


export type QueryBoardActivityArgs = {
  boardId: Scalars['ID']['input'];
  limit?: InputMaybe<Scalars['Int']['input']>;
  nextToken?: InputMaybe<Scalars['String']['input']>;
};


export type QueryBoardStatsArgs = {
  boardId: Scalars['ID']['input'];
};


export type QueryMyBoardsArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  nextToken?: InputMaybe<Scalars['String']['input']>;
};


export type QueryMyTasksArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  nextToken?: InputMaybe<Scalars['String']['input']>;
  status?: InputMaybe<TaskStatus>;
};


export type QueryTaskArgs = {
  boardId: Scalars['ID']['input'];
  id: Scalars['ID']['input'];
};

export type Role =
  | 'EDITOR'
  | 'OWNER'
  | 'VIEWER';

export type StatusCount = {
  __typename?: 'StatusCount';
  count: Scalars['Int']['output'];
  status: TaskStatus;
};

export type Subscription = {
  __typename?: 'Subscription';
  onActivity: Maybe<Activity>;
  onCommentAdded: Maybe<Comment>;
  onMemberChanged: Maybe<Member>;
  onTaskChanged: Maybe<Task>;
};


export type SubscriptionOnActivityArgs = {
  boardId: Scalars['ID']['input'];
};


export type SubscriptionOnCommentAddedArgs = {
  boardId: Scalars['ID']['input'];
  taskId?: InputMaybe<Scalars['ID']['input']>;
};


export type SubscriptionOnMemberChangedArgs = {
  boardId: Scalars['ID']['input'];
};


export type SubscriptionOnTaskChangedArgs = {
  boardId: Scalars['ID']['input'];
};

export type Task = {
  __typename?: 'Task';
  assignee: Maybe<User>;
  boardId: Scalars['ID']['output'];
  comments: CommentConnection;
  createdAt: Scalars['AWSDateTime']['output'];
  createdBy: User;
  /** Set only on the result of deleteTask, so subscribers can tell a deletion apart. */
  deletedAt: Maybe<Scalars['AWSDateTime']['output']>;
  description: Maybe<Scalars['String']['output']>;
  dueDate: Maybe<Scalars['AWSDate']['output']>;
  id: Scalars['ID']['output'];
  labels: Array<Scalars['String']['output']>;
  /** Sortable string (fractional index) ordering the task within its status. */
  position: Scalars['String']['output'];
  priority: Priority;
  status: TaskStatus;
  title: Scalars['String']['output'];
  updatedAt: Scalars['AWSDateTime']['output'];
  version: Scalars['Int']['output'];
};


export type TaskCommentsArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  nextToken?: InputMaybe<Scalars['String']['input']>;
};

export type TaskConnection = {
  __typename?: 'TaskConnection';
  items: Array<Task>;
  nextToken: Maybe<Scalars['String']['output']>;
};

export type TaskStatus =
  | 'DONE'
  | 'IN_PROGRESS'
  | 'IN_REVIEW'
  | 'TODO';

export type UpdateBoardInput = {
  /** Pass null to clear. */
  description?: InputMaybe<Scalars['String']['input']>;
  expectedVersion: Scalars['Int']['input'];
  id: Scalars['ID']['input'];
  name?: InputMaybe<Scalars['String']['input']>;
};

export type UpdateProfileInput = {
  displayName: Scalars['String']['input'];
};

export type UpdateTaskInput = {
  /** Pass null to unassign. */
  assigneeId?: InputMaybe<Scalars['ID']['input']>;
  boardId: Scalars['ID']['input'];
  /** Pass null to clear. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** Pass null to clear. */
  dueDate?: InputMaybe<Scalars['AWSDate']['input']>;
  expectedVersion: Scalars['Int']['input'];
  id: Scalars['ID']['input'];
  labels?: InputMaybe<Array<Scalars['String']['input']>>;
  priority?: InputMaybe<Priority>;
  title?: InputMaybe<Scalars['String']['input']>;
};

/** A person who signs in with Cognito. `id` is the user's Cognito `sub`. */
export type User = {
  __typename?: 'User';
  createdAt: Scalars['AWSDateTime']['output'];
  displayName: Scalars['String']['output'];
  email: Scalars['AWSEmail']['output'];
  id: Scalars['ID']['output'];
};



export type ResolverTypeWrapper<T> = Promise<T> | T;


export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;





/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  AWSDate: ResolverTypeWrapper<Scalars['AWSDate']['output']>;
  AWSDateTime: ResolverTypeWrapper<Scalars['AWSDateTime']['output']>;
  AWSEmail: ResolverTypeWrapper<Scalars['AWSEmail']['output']>;
  AWSIPAddress: ResolverTypeWrapper<Scalars['AWSIPAddress']['output']>;
  AWSJSON: ResolverTypeWrapper<Scalars['AWSJSON']['output']>;
  AWSPhone: ResolverTypeWrapper<Scalars['AWSPhone']['output']>;
  AWSTime: ResolverTypeWrapper<Scalars['AWSTime']['output']>;
  AWSTimestamp: ResolverTypeWrapper<Scalars['AWSTimestamp']['output']>;
  AWSURL: ResolverTypeWrapper<Scalars['AWSURL']['output']>;
  Activity: ResolverTypeWrapper<Activity>;
  ActivityAction: ActivityAction;
  ActivityConnection: ResolverTypeWrapper<ActivityConnection>;
  AddCommentInput: AddCommentInput;
  AssigneeCount: ResolverTypeWrapper<AssigneeCount>;
  Board: ResolverTypeWrapper<Board>;
  BoardConnection: ResolverTypeWrapper<BoardConnection>;
  BoardDeletion: ResolverTypeWrapper<BoardDeletion>;
  BoardStats: ResolverTypeWrapper<BoardStats>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Comment: ResolverTypeWrapper<Comment>;
  CommentConnection: ResolverTypeWrapper<CommentConnection>;
  CreateBoardInput: CreateBoardInput;
  CreateTaskInput: CreateTaskInput;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  Member: ResolverTypeWrapper<Member>;
  MemberConnection: ResolverTypeWrapper<MemberConnection>;
  MoveTaskInput: MoveTaskInput;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Priority: Priority;
  PublishActivityInput: PublishActivityInput;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Role: Role;
  StatusCount: ResolverTypeWrapper<StatusCount>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Task: ResolverTypeWrapper<Task>;
  TaskConnection: ResolverTypeWrapper<TaskConnection>;
  TaskStatus: TaskStatus;
  UpdateBoardInput: UpdateBoardInput;
  UpdateProfileInput: UpdateProfileInput;
  UpdateTaskInput: UpdateTaskInput;
  User: ResolverTypeWrapper<User>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  AWSDate: Scalars['AWSDate']['output'];
  AWSDateTime: Scalars['AWSDateTime']['output'];
  AWSEmail: Scalars['AWSEmail']['output'];
  AWSIPAddress: Scalars['AWSIPAddress']['output'];
  AWSJSON: Scalars['AWSJSON']['output'];
  AWSPhone: Scalars['AWSPhone']['output'];
  AWSTime: Scalars['AWSTime']['output'];
  AWSTimestamp: Scalars['AWSTimestamp']['output'];
  AWSURL: Scalars['AWSURL']['output'];
  Activity: Activity;
  ActivityConnection: ActivityConnection;
  AddCommentInput: AddCommentInput;
  AssigneeCount: AssigneeCount;
  Board: Board;
  BoardConnection: BoardConnection;
  BoardDeletion: BoardDeletion;
  BoardStats: BoardStats;
  Boolean: Scalars['Boolean']['output'];
  Comment: Comment;
  CommentConnection: CommentConnection;
  CreateBoardInput: CreateBoardInput;
  CreateTaskInput: CreateTaskInput;
  ID: Scalars['ID']['output'];
  Int: Scalars['Int']['output'];
  Member: Member;
  MemberConnection: MemberConnection;
  MoveTaskInput: MoveTaskInput;
  Mutation: Record<PropertyKey, never>;
  PublishActivityInput: PublishActivityInput;
  Query: Record<PropertyKey, never>;
  StatusCount: StatusCount;
  String: Scalars['String']['output'];
  Subscription: Record<PropertyKey, never>;
  Task: Task;
  TaskConnection: TaskConnection;
  UpdateBoardInput: UpdateBoardInput;
  UpdateProfileInput: UpdateProfileInput;
  UpdateTaskInput: UpdateTaskInput;
  User: User;
};

export type Aws_Api_KeyDirectiveArgs = { };

export type Aws_Api_KeyDirectiveResolver<Result, Parent, ContextType = any, Args = Aws_Api_KeyDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type Aws_AuthDirectiveArgs = {
  cognito_groups?: Maybe<Array<Maybe<Scalars['String']['input']>>>;
};

export type Aws_AuthDirectiveResolver<Result, Parent, ContextType = any, Args = Aws_AuthDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type Aws_Cognito_User_PoolsDirectiveArgs = {
  cognito_groups?: Maybe<Array<Maybe<Scalars['String']['input']>>>;
};

export type Aws_Cognito_User_PoolsDirectiveResolver<Result, Parent, ContextType = any, Args = Aws_Cognito_User_PoolsDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type Aws_IamDirectiveArgs = { };

export type Aws_IamDirectiveResolver<Result, Parent, ContextType = any, Args = Aws_IamDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type Aws_LambdaDirectiveArgs = { };

export type Aws_LambdaDirectiveResolver<Result, Parent, ContextType = any, Args = Aws_LambdaDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type Aws_OidcDirectiveArgs = { };

export type Aws_OidcDirectiveResolver<Result, Parent, ContextType = any, Args = Aws_OidcDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type Aws_SubscribeDirectiveArgs = {
  mutations?: Maybe<Array<Maybe<Scalars['String']['input']>>>;
};

export type Aws_SubscribeDirectiveResolver<Result, Parent, ContextType = any, Args = Aws_SubscribeDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export interface AwsDateScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['AWSDate'], any> {
  name: 'AWSDate';
}

export interface AwsDateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['AWSDateTime'], any> {
  name: 'AWSDateTime';
}

export interface AwsEmailScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['AWSEmail'], any> {
  name: 'AWSEmail';
}

export interface AwsipAddressScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['AWSIPAddress'], any> {
  name: 'AWSIPAddress';
}

export interface AwsjsonScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['AWSJSON'], any> {
  name: 'AWSJSON';
}

export interface AwsPhoneScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['AWSPhone'], any> {
  name: 'AWSPhone';
}

export interface AwsTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['AWSTime'], any> {
  name: 'AWSTime';
}

export interface AwsTimestampScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['AWSTimestamp'], any> {
  name: 'AWSTimestamp';
}

export interface AwsurlScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['AWSURL'], any> {
  name: 'AWSURL';
}

export type ActivityResolvers<ContextType = any, ParentType extends ResolversParentTypes['Activity'] = ResolversParentTypes['Activity']> = {
  action?: Resolver<ResolversTypes['ActivityAction'], ParentType, ContextType>;
  actor?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  boardId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['AWSDateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  summary?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  targetId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
};

export type ActivityConnectionResolvers<ContextType = any, ParentType extends ResolversParentTypes['ActivityConnection'] = ResolversParentTypes['ActivityConnection']> = {
  items?: Resolver<Array<ResolversTypes['Activity']>, ParentType, ContextType>;
  nextToken?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type AssigneeCountResolvers<ContextType = any, ParentType extends ResolversParentTypes['AssigneeCount'] = ResolversParentTypes['AssigneeCount']> = {
  assignee?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type BoardResolvers<ContextType = any, ParentType extends ResolversParentTypes['Board'] = ResolversParentTypes['Board']> = {
  createdAt?: Resolver<ResolversTypes['AWSDateTime'], ParentType, ContextType>;
  description?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  memberCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  members?: Resolver<ResolversTypes['MemberConnection'], ParentType, ContextType, Partial<BoardMembersArgs>>;
  myRole?: Resolver<Maybe<ResolversTypes['Role']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  owner?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
  taskCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  tasks?: Resolver<ResolversTypes['TaskConnection'], ParentType, ContextType, Partial<BoardTasksArgs>>;
  updatedAt?: Resolver<ResolversTypes['AWSDateTime'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type BoardConnectionResolvers<ContextType = any, ParentType extends ResolversParentTypes['BoardConnection'] = ResolversParentTypes['BoardConnection']> = {
  items?: Resolver<Array<ResolversTypes['Board']>, ParentType, ContextType>;
  nextToken?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type BoardDeletionResolvers<ContextType = any, ParentType extends ResolversParentTypes['BoardDeletion'] = ResolversParentTypes['BoardDeletion']> = {
  boardId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  itemsDeleted?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type BoardStatsResolvers<ContextType = any, ParentType extends ResolversParentTypes['BoardStats'] = ResolversParentTypes['BoardStats']> = {
  boardId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  byAssignee?: Resolver<Array<ResolversTypes['AssigneeCount']>, ParentType, ContextType>;
  byStatus?: Resolver<Array<ResolversTypes['StatusCount']>, ParentType, ContextType>;
  completedLast7Days?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  generatedAt?: Resolver<ResolversTypes['AWSDateTime'], ParentType, ContextType>;
  overdue?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  total?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type CommentResolvers<ContextType = any, ParentType extends ResolversParentTypes['Comment'] = ResolversParentTypes['Comment']> = {
  author?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
  boardId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  body?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['AWSDateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  taskId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type CommentConnectionResolvers<ContextType = any, ParentType extends ResolversParentTypes['CommentConnection'] = ResolversParentTypes['CommentConnection']> = {
  items?: Resolver<Array<ResolversTypes['Comment']>, ParentType, ContextType>;
  nextToken?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type MemberResolvers<ContextType = any, ParentType extends ResolversParentTypes['Member'] = ResolversParentTypes['Member']> = {
  boardId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  joinedAt?: Resolver<ResolversTypes['AWSDateTime'], ParentType, ContextType>;
  removedAt?: Resolver<Maybe<ResolversTypes['AWSDateTime']>, ParentType, ContextType>;
  role?: Resolver<ResolversTypes['Role'], ParentType, ContextType>;
  user?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
};

export type MemberConnectionResolvers<ContextType = any, ParentType extends ResolversParentTypes['MemberConnection'] = ResolversParentTypes['MemberConnection']> = {
  items?: Resolver<Array<ResolversTypes['Member']>, ParentType, ContextType>;
  nextToken?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type MutationResolvers<ContextType = any, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  addComment?: Resolver<ResolversTypes['Comment'], ParentType, ContextType, RequireFields<MutationAddCommentArgs, 'input'>>;
  addMember?: Resolver<ResolversTypes['Member'], ParentType, ContextType, RequireFields<MutationAddMemberArgs, 'boardId' | 'email' | 'role'>>;
  createBoard?: Resolver<ResolversTypes['Board'], ParentType, ContextType, RequireFields<MutationCreateBoardArgs, 'input'>>;
  createTask?: Resolver<ResolversTypes['Task'], ParentType, ContextType, RequireFields<MutationCreateTaskArgs, 'input'>>;
  deleteBoard?: Resolver<ResolversTypes['BoardDeletion'], ParentType, ContextType, RequireFields<MutationDeleteBoardArgs, 'id'>>;
  deleteComment?: Resolver<ResolversTypes['Comment'], ParentType, ContextType, RequireFields<MutationDeleteCommentArgs, 'boardId' | 'id' | 'taskId'>>;
  deleteTask?: Resolver<ResolversTypes['Task'], ParentType, ContextType, RequireFields<MutationDeleteTaskArgs, 'boardId' | 'id'>>;
  leaveBoard?: Resolver<ResolversTypes['Member'], ParentType, ContextType, RequireFields<MutationLeaveBoardArgs, 'boardId'>>;
  moveTask?: Resolver<ResolversTypes['Task'], ParentType, ContextType, RequireFields<MutationMoveTaskArgs, 'input'>>;
  publishActivity?: Resolver<Maybe<ResolversTypes['Activity']>, ParentType, ContextType, RequireFields<MutationPublishActivityArgs, 'input'>>;
  removeMember?: Resolver<ResolversTypes['Member'], ParentType, ContextType, RequireFields<MutationRemoveMemberArgs, 'boardId' | 'userId'>>;
  updateBoard?: Resolver<ResolversTypes['Board'], ParentType, ContextType, RequireFields<MutationUpdateBoardArgs, 'input'>>;
  updateMemberRole?: Resolver<ResolversTypes['Member'], ParentType, ContextType, RequireFields<MutationUpdateMemberRoleArgs, 'boardId' | 'role' | 'userId'>>;
  updateProfile?: Resolver<ResolversTypes['User'], ParentType, ContextType, RequireFields<MutationUpdateProfileArgs, 'input'>>;
  updateTask?: Resolver<ResolversTypes['Task'], ParentType, ContextType, RequireFields<MutationUpdateTaskArgs, 'input'>>;
};

export type QueryResolvers<ContextType = any, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  board?: Resolver<Maybe<ResolversTypes['Board']>, ParentType, ContextType, RequireFields<QueryBoardArgs, 'id'>>;
  boardActivity?: Resolver<ResolversTypes['ActivityConnection'], ParentType, ContextType, RequireFields<QueryBoardActivityArgs, 'boardId'>>;
  boardStats?: Resolver<ResolversTypes['BoardStats'], ParentType, ContextType, RequireFields<QueryBoardStatsArgs, 'boardId'>>;
  me?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
  myBoards?: Resolver<ResolversTypes['BoardConnection'], ParentType, ContextType, Partial<QueryMyBoardsArgs>>;
  myTasks?: Resolver<ResolversTypes['TaskConnection'], ParentType, ContextType, Partial<QueryMyTasksArgs>>;
  task?: Resolver<Maybe<ResolversTypes['Task']>, ParentType, ContextType, RequireFields<QueryTaskArgs, 'boardId' | 'id'>>;
};

export type StatusCountResolvers<ContextType = any, ParentType extends ResolversParentTypes['StatusCount'] = ResolversParentTypes['StatusCount']> = {
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['TaskStatus'], ParentType, ContextType>;
};

export type SubscriptionResolvers<ContextType = any, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = {
  onActivity?: SubscriptionResolver<Maybe<ResolversTypes['Activity']>, "onActivity", ParentType, ContextType, RequireFields<SubscriptionOnActivityArgs, 'boardId'>>;
  onCommentAdded?: SubscriptionResolver<Maybe<ResolversTypes['Comment']>, "onCommentAdded", ParentType, ContextType, RequireFields<SubscriptionOnCommentAddedArgs, 'boardId'>>;
  onMemberChanged?: SubscriptionResolver<Maybe<ResolversTypes['Member']>, "onMemberChanged", ParentType, ContextType, RequireFields<SubscriptionOnMemberChangedArgs, 'boardId'>>;
  onTaskChanged?: SubscriptionResolver<Maybe<ResolversTypes['Task']>, "onTaskChanged", ParentType, ContextType, RequireFields<SubscriptionOnTaskChangedArgs, 'boardId'>>;
};

export type TaskResolvers<ContextType = any, ParentType extends ResolversParentTypes['Task'] = ResolversParentTypes['Task']> = {
  assignee?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  boardId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  comments?: Resolver<ResolversTypes['CommentConnection'], ParentType, ContextType, Partial<TaskCommentsArgs>>;
  createdAt?: Resolver<ResolversTypes['AWSDateTime'], ParentType, ContextType>;
  createdBy?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
  deletedAt?: Resolver<Maybe<ResolversTypes['AWSDateTime']>, ParentType, ContextType>;
  description?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  dueDate?: Resolver<Maybe<ResolversTypes['AWSDate']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  labels?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  position?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  priority?: Resolver<ResolversTypes['Priority'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['TaskStatus'], ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['AWSDateTime'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type TaskConnectionResolvers<ContextType = any, ParentType extends ResolversParentTypes['TaskConnection'] = ResolversParentTypes['TaskConnection']> = {
  items?: Resolver<Array<ResolversTypes['Task']>, ParentType, ContextType>;
  nextToken?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type UserResolvers<ContextType = any, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User']> = {
  createdAt?: Resolver<ResolversTypes['AWSDateTime'], ParentType, ContextType>;
  displayName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  email?: Resolver<ResolversTypes['AWSEmail'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type Resolvers<ContextType = any> = {
  AWSDate?: GraphQLScalarType;
  AWSDateTime?: GraphQLScalarType;
  AWSEmail?: GraphQLScalarType;
  AWSIPAddress?: GraphQLScalarType;
  AWSJSON?: GraphQLScalarType;
  AWSPhone?: GraphQLScalarType;
  AWSTime?: GraphQLScalarType;
  AWSTimestamp?: GraphQLScalarType;
  AWSURL?: GraphQLScalarType;
  Activity?: ActivityResolvers<ContextType>;
  ActivityConnection?: ActivityConnectionResolvers<ContextType>;
  AssigneeCount?: AssigneeCountResolvers<ContextType>;
  Board?: BoardResolvers<ContextType>;
  BoardConnection?: BoardConnectionResolvers<ContextType>;
  BoardDeletion?: BoardDeletionResolvers<ContextType>;
  BoardStats?: BoardStatsResolvers<ContextType>;
  Comment?: CommentResolvers<ContextType>;
  CommentConnection?: CommentConnectionResolvers<ContextType>;
  Member?: MemberResolvers<ContextType>;
  MemberConnection?: MemberConnectionResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  StatusCount?: StatusCountResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
  Task?: TaskResolvers<ContextType>;
  TaskConnection?: TaskConnectionResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
};

export type DirectiveResolvers<ContextType = any> = {
  aws_api_key?: Aws_Api_KeyDirectiveResolver<any, any, ContextType>;
  aws_auth?: Aws_AuthDirectiveResolver<any, any, ContextType>;
  aws_cognito_user_pools?: Aws_Cognito_User_PoolsDirectiveResolver<any, any, ContextType>;
  aws_iam?: Aws_IamDirectiveResolver<any, any, ContextType>;
  aws_lambda?: Aws_LambdaDirectiveResolver<any, any, ContextType>;
  aws_oidc?: Aws_OidcDirectiveResolver<any, any, ContextType>;
  aws_subscribe?: Aws_SubscribeDirectiveResolver<any, any, ContextType>;
};
