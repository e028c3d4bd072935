import { join } from 'node:path';
import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { INDEX } from '../resolvers/lib/keys';
import { UserPoolOperation } from 'aws-cdk-lib/aws-cognito';
import { TaskboardActivityStream } from './constructs/activity-stream';
import { TaskboardDataSources } from './constructs/data-sources';
import { TaskboardFunction } from './constructs/functions';
import { TaskboardGraphqlApi } from './constructs/graphql-api';
import { TaskboardOverdueDigest } from './constructs/overdue-digest';
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

    const addMember = new TaskboardFunction(this, 'AddMember', {
      name: 'addMember',
      description: 'Adds a member to a board: finds the user by email in Cognito, then writes the membership and memberCount in one transaction',
      functionsDir: join(root, 'functions'),
      environment: { TABLE_NAME: tableName, USER_POOL_ID: auth.userPool.userPoolId },
      statements: [
        // The email lookup, in this stack's pool only.
        new PolicyStatement({ actions: ['cognito-idp:ListUsers'], resources: [auth.userPool.userPoolArn] }),
        // Its TransactWriteItems, which IAM authorizes item by item: a conditional Put of the
        // membership and an Update of the board's memberCount. Nothing else, no index.
        new PolicyStatement({ actions: ['dynamodb:PutItem', 'dynamodb:UpdateItem'], resources: [data.table.tableArn] }),
      ],
    });

    const deleteBoard = new TaskboardFunction(this, 'DeleteBoard', {
      name: 'deleteBoard',
      description: 'Deletes a board and everything in it (tasks, members, comments, activity) in batches; resumable',
      functionsDir: join(root, 'functions'),
      environment: { TABLE_NAME: tableName },
      // Big boards take a while; AppSync stops waiting after 30 s, and a retry finishes the job.
      timeout: Duration.minutes(5),
      // Queries of known partitions on the table (never a Scan or an index), BatchWriteItem
      // deletions, the final TransactWriteItems of two Deletes (authorized as DeleteItem), and
      // the UpdateItem that first marks the board as being deleted.
      statements: [
        new PolicyStatement({ actions: ['dynamodb:Query', 'dynamodb:BatchWriteItem', 'dynamodb:DeleteItem', 'dynamodb:UpdateItem'], resources: [data.table.tableArn] }),
      ],
    });

    const dataSources = new TaskboardDataSources(this, 'DataSources', {
      api: graphql.api,
      table: data,
      lambdas: { boardStatsLambda: boardStats.fn, addMemberLambda: addMember.fn, deleteBoardLambda: deleteBoard.fn },
    });

    new TaskboardResolvers(this, 'Resolvers', {
      api: graphql.api,
      schemaSdl: schemaForChecks(join(root, 'schema')),
      resolversDir: join(root, 'resolvers'),
      dataSources: dataSources.names,
      resolvers: RESOLVERS,
      functions: PIPELINE_FUNCTIONS,
    });

    // Events (docs/data-model.md): the stream feeds activity; sign-up makes a profile; a daily digest.
    const functionsDir = join(root, 'functions');
    new TaskboardActivityStream(this, 'ActivityStream', { table: data, api: graphql.api, functionsDir });
    new TaskboardOverdueDigest(this, 'OverdueDigest', { table: data, api: graphql.api, functionsDir });
    const postConfirmation = new TaskboardFunction(this, 'PostConfirmation', {
      name: 'postConfirmation',
      description: 'Cognito post-confirmation trigger: creates the new user\'s profile (the same item `me` creates)',
      functionsDir,
      environment: { TABLE_NAME: tableName },
      // One conditional PutItem of the profile.
      statements: [new PolicyStatement({ actions: ['dynamodb:PutItem'], resources: [data.table.tableArn] })],
    });
    auth.userPool.addTrigger(UserPoolOperation.POST_CONFIRMATION, postConfirmation.fn);

    new CfnOutput(this, 'GraphQLUrl', { value: graphql.api.graphqlUrl, description: 'GraphQL endpoint (HTTPS)' });
    new CfnOutput(this, 'RealtimeUrl', { value: graphql.realtimeUrl, description: 'Real-time endpoint for subscriptions (WSS)' });
    new CfnOutput(this, 'UserPoolId', { value: auth.userPool.userPoolId, description: 'Cognito user pool' });
    new CfnOutput(this, 'UserPoolClientId', { value: auth.client.userPoolClientId, description: 'Cognito app client (public, no secret)' });
    new CfnOutput(this, 'TableName', { value: tableName, description: 'The single DynamoDB table' });
    new CfnOutput(this, 'Region', { value: this.region, description: 'Region the stack is deployed in' });
  }
}
