import { join } from 'node:path';
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { INDEX } from '../resolvers/lib/keys';
import { TaskboardDataSources } from './constructs/data-sources';
import { TaskboardFunction } from './constructs/functions';
import { TaskboardGraphqlApi } from './constructs/graphql-api';
import { TaskboardResolvers, schemaForChecks } from './constructs/resolvers';
import { TaskboardTable } from './constructs/table';
import { TaskboardUserPool } from './constructs/user-pool';
import { PIPELINE_FUNCTIONS, RESOLVERS } from './resolver-config';

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
    const data = new TaskboardTable(this, 'Data');
    const tableName = data.table.tableName;
    const graphql = new TaskboardGraphqlApi(this, 'GraphQL', {
      schemaFile: join(root, 'schema', 'taskboard.graphql'),
      userPool: auth.userPool,
      // Resolvers need the physical table name for BatchGetItem and TransactWriteItems.
      environmentVariables: { TABLE_NAME: tableName },
      introspection: props.introspection ?? true,
    });

    const boardStats = new TaskboardFunction(this, 'BoardStats', {
      name: 'boardStats',
      description: 'Aggregates a board\'s tasks: counts by status and assignee, overdue, completed in the last 7 days',
      functionsDir: join(root, 'functions'),
      environment: { TABLE_NAME: tableName },
      // It reads a board's tasks from the board-order LSI, nothing else.
      statements: [new PolicyStatement({ actions: ['dynamodb:Query'], resources: [data.indexArn(INDEX.boardOrder)] })],
    });

    const dataSources = new TaskboardDataSources(this, 'DataSources', {
      api: graphql.api,
      table: data,
      lambdas: { boardStatsLambda: boardStats.fn },
    });

    new TaskboardResolvers(this, 'Resolvers', {
      api: graphql.api,
      schemaSdl: schemaForChecks(join(root, 'schema')),
      resolversDir: join(root, 'resolvers'),
      dataSources: dataSources.names,
      resolvers: RESOLVERS,
      functions: PIPELINE_FUNCTIONS,
    });

    new CfnOutput(this, 'GraphQLUrl', { value: graphql.api.graphqlUrl, description: 'GraphQL endpoint (HTTPS)' });
    new CfnOutput(this, 'RealtimeUrl', { value: graphql.realtimeUrl, description: 'Real-time endpoint for subscriptions (WSS)' });
    new CfnOutput(this, 'UserPoolId', { value: auth.userPool.userPoolId, description: 'Cognito user pool' });
    new CfnOutput(this, 'UserPoolClientId', { value: auth.client.userPoolClientId, description: 'Cognito app client (public, no secret)' });
    new CfnOutput(this, 'TableName', { value: tableName, description: 'The single DynamoDB table' });
    new CfnOutput(this, 'Region', { value: this.region, description: 'Region the stack is deployed in' });
  }
}
