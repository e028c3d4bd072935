/**
 * Which resolver serves which field, by convention (see infra/constructs/resolvers.ts):
 * `resolvers/<Type>.<field>.ts` is the field's resolver (a unit resolver, or the before/after
 * handlers of a pipeline) and `resolvers/functions/<name>.ts` is a pipeline function. This table
 * adds only what a file name cannot say: the data source, or the ordered pipeline functions.
 *
 * Adding a resolver: write the file, add one line here. Synth fails if files, this table and the
 * schema disagree.
 */

/** `table`: the single DynamoDB table; `none`: local logic; `<name>Lambda`: functions/<name>/. */
export type DataSourceName = 'table' | 'none' | 'boardStatsLambda' | 'addMemberLambda' | 'deleteBoardLambda';

export type ResolverConfig =
  | { kind: 'unit'; dataSource: DataSourceName }
  | { kind: 'pipeline'; functions: readonly string[] };

export const RESOLVERS: Record<string, ResolverConfig> = {
  'Mutation.createBoard': { kind: 'unit', dataSource: 'table' },
  'Query.board': { kind: 'pipeline', functions: ['loadBoardWithRole'] },
  'Query.myBoards': { kind: 'pipeline', functions: ['queryMyMemberships', 'batchGetBoards', 'attachUsers'] },
  'AssigneeCount.assignee': { kind: 'unit', dataSource: 'table' },
  'Query.boardStats': { kind: 'pipeline', functions: ['loadMembership', 'invokeBoardStats'] },
  'Query.me': { kind: 'pipeline', functions: ['getMyProfile', 'createMyProfile'] },
  'Mutation.updateProfile': { kind: 'unit', dataSource: 'table' },
  'Mutation.addComment': { kind: 'pipeline', functions: ['loadMembership', 'putComment'] },
  'Mutation.deleteComment': { kind: 'pipeline', functions: ['loadMembership', 'removeComment'] },
  'Task.comments': { kind: 'pipeline', functions: ['queryComments', 'attachUsers'] },
  'Comment.author': { kind: 'unit', dataSource: 'table' },
  'Query.boardActivity': { kind: 'pipeline', functions: ['loadMembership', 'queryActivity', 'attachUsers'] },
  'Activity.actor': { kind: 'unit', dataSource: 'table' },
  'Mutation.publishActivity': { kind: 'unit', dataSource: 'table' },
  'Subscription.onTaskChanged': { kind: 'pipeline', functions: ['loadMembership'] },
  'Subscription.onCommentAdded': { kind: 'pipeline', functions: ['loadMembership'] },
  'Subscription.onMemberChanged': { kind: 'pipeline', functions: ['loadMembership'] },
  'Subscription.onActivity': { kind: 'pipeline', functions: ['loadMembership'] },
  'Mutation.updateBoard': { kind: 'pipeline', functions: ['loadMembership', 'updateBoardItem'] },
  'Mutation.deleteBoard': { kind: 'pipeline', functions: ['loadMembership', 'invokeDeleteBoard'] },
  'Board.owner': { kind: 'unit', dataSource: 'table' },
  'Board.members': { kind: 'pipeline', functions: ['queryBoardMembers', 'attachUsers'] },
  'Member.user': { kind: 'unit', dataSource: 'table' },
  'Mutation.addMember': { kind: 'pipeline', functions: ['loadMembership', 'invokeAddMember'] },
  'Mutation.updateMemberRole': { kind: 'pipeline', functions: ['loadMembership', 'loadTargetMember', 'requireOtherOwner', 'writeMemberRole'] },
  'Mutation.removeMember': { kind: 'pipeline', functions: ['loadMembership', 'loadTargetMember', 'requireOtherOwner', 'deleteMembership'] },
  'Mutation.leaveBoard': { kind: 'pipeline', functions: ['loadMembership', 'loadTargetMember', 'requireOtherOwner', 'deleteMembership'] },
  'Query.task': { kind: 'pipeline', functions: ['loadMembership', 'getTask'] },
  'Board.tasks': { kind: 'pipeline', functions: ['queryBoardTasks', 'attachUsers'] },
  'Query.myTasks': { kind: 'pipeline', functions: ['queryMyTasks', 'attachUsers'] },
  'Task.assignee': { kind: 'unit', dataSource: 'table' },
  'Task.createdBy': { kind: 'unit', dataSource: 'table' },
  'Mutation.createTask': { kind: 'pipeline', functions: ['loadMembership', 'checkAssignee', 'placeTask', 'createTaskItem'] },
  'Mutation.updateTask': { kind: 'pipeline', functions: ['loadMembership', 'getTask', 'checkAssignee', 'updateTaskItem'] },
  'Mutation.moveTask': { kind: 'pipeline', functions: ['loadMembership', 'getTask', 'placeTask', 'updateTaskItem'] },
  'Mutation.deleteTask': { kind: 'pipeline', functions: ['loadMembership', 'getTask', 'deleteTaskItem'] },
};

export const PIPELINE_FUNCTIONS: Record<string, { dataSource: DataSourceName }> = {
  loadMembership: { dataSource: 'table' },
  loadBoardWithRole: { dataSource: 'table' },
  queryMyMemberships: { dataSource: 'table' },
  batchGetBoards: { dataSource: 'table' },
  invokeBoardStats: { dataSource: 'boardStatsLambda' },
  getMyProfile: { dataSource: 'table' },
  createMyProfile: { dataSource: 'table' },
  putComment: { dataSource: 'table' },
  removeComment: { dataSource: 'table' },
  queryComments: { dataSource: 'table' },
  queryActivity: { dataSource: 'table' },
  attachUsers: { dataSource: 'table' },
  updateBoardItem: { dataSource: 'table' },
  invokeDeleteBoard: { dataSource: 'deleteBoardLambda' },
  queryBoardMembers: { dataSource: 'table' },
  invokeAddMember: { dataSource: 'addMemberLambda' },
  loadTargetMember: { dataSource: 'table' },
  requireOtherOwner: { dataSource: 'table' },
  writeMemberRole: { dataSource: 'table' },
  deleteMembership: { dataSource: 'table' },
  getTask: { dataSource: 'table' },
  checkAssignee: { dataSource: 'table' },
  placeTask: { dataSource: 'table' },
  createTaskItem: { dataSource: 'table' },
  updateTaskItem: { dataSource: 'table' },
  deleteTaskItem: { dataSource: 'table' },
  queryBoardTasks: { dataSource: 'table' },
  queryMyTasks: { dataSource: 'table' },
};
