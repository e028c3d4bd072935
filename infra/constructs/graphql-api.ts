import { CfnOutput, Stack } from 'aws-cdk-lib';
import {
  AuthorizationType, CfnDataSource, CfnGraphQLApi, Definition, FieldLogLevel, GraphqlApi, IntrospectionConfig, UserPoolDefaultAction,
  type BaseDataSource,
} from 'aws-cdk-lib/aws-appsync';
import type { UserPool } from 'aws-cdk-lib/aws-cognito';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { TaskboardTable } from './table';

export interface TaskboardGraphqlApiProps {
  schemaFile: string;
  userPool: UserPool;
  table: TaskboardTable;
  introspection: boolean;
}

/** DynamoDB actions the resolvers use; Scan, table management and streams are never granted. */
export const RESOLVER_TABLE_ACTIONS = [
  'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:Query',
  'dynamodb:BatchGetItem', 'dynamodb:ConditionCheckItem',
];

/** The AppSync GraphQL API: schema, auth modes, logging and tracing, limits, data sources. */
export class TaskboardGraphqlApi extends Construct {
  readonly api: GraphqlApi;
  readonly tableDataSourceName: string;
  readonly noneDataSource: BaseDataSource;

  constructor(scope: Construct, id: string, props: TaskboardGraphqlApiProps) {
    super(scope, id);
    const stack = Stack.of(this);

    // Field logs go only to this API's own log group (AppSync names it /aws/appsync/apis/<apiId>).
    const logRole = new Role(this, 'LogRole', { assumedBy: new ServicePrincipal('appsync.amazonaws.com') });

    this.api = new GraphqlApi(this, 'Api', {
      name: `${stack.stackName}-api`,
      definition: Definition.fromFile(props.schemaFile),
      authorizationConfig: {
        defaultAuthorization: {
          authorizationType: AuthorizationType.USER_POOL,
          userPoolConfig: { userPool: props.userPool, defaultAction: UserPoolDefaultAction.ALLOW },
        },
        // Backend functions (e.g. the activity publisher) call @aws_iam mutations.
        additionalAuthorizationModes: [{ authorizationType: AuthorizationType.IAM }],
      },
      // Request-level logs with verbose content (cdk-nag ASC3); field logs for errors only, a month.
      logConfig: { fieldLogLevel: FieldLogLevel.ERROR, excludeVerboseContent: false, role: logRole, retention: RetentionDays.ONE_MONTH },
      xrayEnabled: true,
      queryDepthLimit: 10,
      resolverCountLimit: 1000,
      introspectionConfig: props.introspection ? IntrospectionConfig.ENABLED : IntrospectionConfig.DISABLED,
      // Resolvers need the physical table name for batch and transaction requests.
      environmentVariables: { TABLE_NAME: props.table.table.tableName },
    });
    logRole.addToPolicy(new PolicyStatement({
      actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
      resources: [`arn:${stack.partition}:logs:${stack.region}:${stack.account}:log-group:/aws/appsync/apis/${this.api.apiId}:*`],
    }));

    // An L1 data source with a role of its own: the L2 one would grant read/write on everything.
    const tableRole = new Role(this, 'TableDataSourceRole', { assumedBy: new ServicePrincipal('appsync.amazonaws.com') });
    tableRole.addToPolicy(new PolicyStatement({ actions: RESOLVER_TABLE_ACTIONS, resources: props.table.arns }));
    const tableDs = new CfnDataSource(this, 'TableDataSource', {
      apiId: this.api.apiId,
      name: 'TableDataSource',
      type: 'AMAZON_DYNAMODB',
      serviceRoleArn: tableRole.roleArn,
      dynamoDbConfig: { tableName: props.table.table.tableName, awsRegion: stack.region },
    });
    this.tableDataSourceName = tableDs.attrName;
    this.noneDataSource = this.api.addNoneDataSource('NoneDataSource', { name: 'NoneDataSource' });

    new CfnOutput(scope, 'GraphQLUrl', { value: this.api.graphqlUrl, description: 'GraphQL endpoint (HTTPS)' });
    new CfnOutput(scope, 'RealtimeUrl', { value: (this.api.node.defaultChild as CfnGraphQLApi).attrRealtimeUrl, description: 'Real-time endpoint (WSS)' });
  }

  /** A Lambda data source; AppSync's role may invoke only that function. */
  addLambdaDataSource(id: string, fn: IFunction): string {
    // attrName (not the plain name) makes every resolver depend on the data source.
    return this.api.addLambdaDataSource(id, fn, { name: id }).ds.attrName;
  }
}
