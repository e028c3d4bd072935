import { join } from 'node:path';
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { INDEX } from '../resolvers/lib/keys';
import { TaskboardFunction } from './constructs/functions';
import { TaskboardGraphqlApi } from './constructs/graphql-api';
import { TaskboardResolvers, schemaForChecks } from './constructs/resolvers';
import { TaskboardTable } from './constructs/table';
import { TaskboardUserPool } from './constructs/user-pool';
import { PIPELINE_FUNCTIONS, RESOLVERS } from './resolver-config';
import { applyNagSuppressions } from './nag-suppressions';

const root = join(import.meta.dirname, '..');

export interface TaskboardStackProps extends StackProps {
  /** Serve GraphQL introspection (disable with `-c introspection=false`). */
  introspection?: boolean;
}

/** The whole deployable Taskboard backend. */
export class TaskboardStack extends Stack {
  constructor(scope: Construct, id: string, props: TaskboardStackProps = {}) {
    super(scope, id, props);

    const auth = new TaskboardUserPool(this, 'Auth');
    const table = new TaskboardTable(this, 'Data');
    const graphql = new TaskboardGraphqlApi(this, 'GraphQL', {
      schemaFile: join(root, 'schema', 'taskboard.graphql'),
      userPool: auth.userPool,
      table,
      introspection: props.introspection ?? true,
    });

    const tableEnv = { TABLE_NAME: table.table.tableName };
    const boardStats = new TaskboardFunction(this, 'BoardStats', {
      name: 'boardStats',
      description: 'Aggregates a board\'s tasks: counts by status and assignee, overdue, completed in 7 days',
      functionsDir: join(root, 'functions'),
      environment: tableEnv,
      statements: [new PolicyStatement({
        actions: ['dynamodb:Query'],
        resources: [table.indexArn(INDEX.boardOrder)],
      })],
    });

    new TaskboardResolvers(this, 'Resolvers', {
      api: graphql.api,
      schemaSdl: schemaForChecks(join(root, 'schema')),
      resolversDir: join(root, 'resolvers'),
      dataSources: {
        table: graphql.tableDataSourceName,
        none: graphql.noneDataSource.ds.attrName,
        boardStatsFunction: graphql.addLambdaDataSource('BoardStatsDataSource', boardStats.fn),
      },
      resolvers: RESOLVERS,
      functions: PIPELINE_FUNCTIONS,
    });

    new CfnOutput(this, 'UserPoolId', { value: auth.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: auth.client.userPoolClientId });
    new CfnOutput(this, 'TableName', { value: table.table.tableName });
    new CfnOutput(this, 'Region', { value: this.region });

    applyNagSuppressions(this);
  }
}
