import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  AuthorizationType, CfnGraphQLApi, Definition, FieldLogLevel, GraphqlApi, IntrospectionConfig, UserPoolDefaultAction,
} from 'aws-cdk-lib/aws-appsync';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

export interface TaskboardGraphqlApiProps {
  /** The deployed SDL (schema/taskboard.graphql); never the tooling-only built-ins. */
  schemaFile: string;
  userPool: IUserPool;
  /** Values resolvers read as `ctx.env` (e.g. TABLE_NAME for batch and transaction requests). */
  environmentVariables: Record<string, string>;
  introspection: boolean;
  /** Maximum query nesting; deeper queries are rejected before any resolver runs. */
  queryDepthLimit?: number;
  /** Maximum resolvers one request may invoke (list fields multiply it). */
  resolverCountLimit?: number;
}

/** AppSync actions that write a log stream; granted on this API's own log group only. */
export const API_LOG_ACTIONS = ['logs:CreateLogStream', 'logs:PutLogEvents'];

/**
 * The AppSync GraphQL API: schema, Cognito user pools by default and IAM for backend callers,
 * logging to a log group this stack owns, X-Ray, and query limits.
 */
export class TaskboardGraphqlApi extends Construct {
  readonly api: GraphqlApi;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: TaskboardGraphqlApiProps) {
    super(scope, id);

    const logRole = new Role(this, 'LogRole', {
      assumedBy: new ServicePrincipal('appsync.amazonaws.com'),
      description: 'AppSync writes this API\'s request and resolver logs to its own log group',
    });

    this.api = new GraphqlApi(this, 'Api', {
      // One API per stack, so stages deployed side by side stay apart.
      name: `${Stack.of(this).stackName}-api`,
      definition: Definition.fromFile(props.schemaFile),
      authorizationConfig: {
        defaultAuthorization: {
          authorizationType: AuthorizationType.USER_POOL,
          userPoolConfig: { userPool: props.userPool, defaultAction: UserPoolDefaultAction.ALLOW },
        },
        // Backend functions (the activity publisher) call the @aws_iam mutations.
        additionalAuthorizationModes: [{ authorizationType: AuthorizationType.IAM }],
      },
      // logConfig is set on the L1 below: the L2's always adds CDK's LogRetention Lambda.
      xrayEnabled: true,
      queryDepthLimit: props.queryDepthLimit ?? 10,
      resolverCountLimit: props.resolverCountLimit ?? 1000,
      introspectionConfig: props.introspection ? IntrospectionConfig.ENABLED : IntrospectionConfig.DISABLED,
      environmentVariables: props.environmentVariables,
    });

    // Request-level logs with verbose content (cdk-nag ASC3); field-level logs for errors only.
    (this.api.node.defaultChild as CfnGraphQLApi).logConfig = {
      cloudWatchLogsRoleArn: logRole.roleArn,
      fieldLogLevel: FieldLogLevel.ERROR,
      excludeVerboseContent: false,
    };
    // The stack owns the group AppSync logs to (it is named after the API id), so its retention
    // is set without a custom resource and the log role needs no logs:CreateLogGroup.
    this.logGroup = new LogGroup(this, 'Logs', {
      logGroupName: `/aws/appsync/apis/${this.api.apiId}`,
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    logRole.addToPolicy(new PolicyStatement({ actions: API_LOG_ACTIONS, resources: [this.logGroup.logGroupArn] }));
  }

  /** The WebSocket endpoint for subscriptions (not exposed by the L2 construct). */
  get realtimeUrl(): string {
    return (this.api.node.defaultChild as CfnGraphQLApi).attrRealtimeUrl;
  }
}
