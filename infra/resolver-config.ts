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
export type DataSourceName = 'table' | 'none' | 'boardStatsLambda';

export type ResolverConfig =
  | { kind: 'unit'; dataSource: DataSourceName }
  | { kind: 'pipeline'; functions: readonly string[] };

export const RESOLVERS: Record<string, ResolverConfig> = {
  'Mutation.createBoard': { kind: 'unit', dataSource: 'table' },
  'Query.board': { kind: 'pipeline', functions: ['loadMembership', 'getBoard'] },
  'Query.myBoards': { kind: 'pipeline', functions: ['queryMyMemberships', 'batchGetBoards'] },
  'Query.boardStats': { kind: 'pipeline', functions: ['loadMembership', 'invokeBoardStats'] },
};

export const PIPELINE_FUNCTIONS: Record<string, { dataSource: DataSourceName }> = {
  loadMembership: { dataSource: 'table' },
  getBoard: { dataSource: 'table' },
  queryMyMemberships: { dataSource: 'table' },
  batchGetBoards: { dataSource: 'table' },
  invokeBoardStats: { dataSource: 'boardStatsLambda' },
};
