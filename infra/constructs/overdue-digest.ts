import { ArnFormat, Duration, Stack } from 'aws-cdk-lib';
import type { GraphqlApi } from 'aws-cdk-lib/aws-appsync';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { INDEX } from '../../resolvers/lib/keys';
import { graphqlFieldArn } from './activity-stream';
import { TaskboardFunction } from './functions';
import type { TaskboardTable } from './table';

export interface OverdueDigestProps {
  table: TaskboardTable;
  api: GraphqlApi;
  functionsDir: string;
}

/**
 * A daily EventBridge rule → the overdueDigest function: an OVERDUE_DIGEST activity per board
 * (and per assignee) for open tasks past their due date, read from the sparse open-due index
 * (never a Scan). Bounded work per invocation; the function continues itself asynchronously.
 */
export class TaskboardOverdueDigest extends Construct {
  readonly handler: TaskboardFunction;
  readonly rule: Rule;

  constructor(scope: Construct, id: string, props: OverdueDigestProps) {
    super(scope, id);
    const stack = Stack.of(this);
    // A fixed name, so its policy can name the function itself (a Ref would be a dependency cycle).
    const functionName = `${stack.stackName}-overdueDigest`;
    const self = stack.formatArn({ service: 'lambda', resource: 'function', resourceName: functionName, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
    const { table } = props;
    this.handler = new TaskboardFunction(this, 'Handler', {
      name: 'overdueDigest',
      functionName,
      description: 'Daily: records an overdue-task digest activity per board and per assignee; continues itself when a run\'s budget is spent',
      functionsDir: props.functionsDir,
      environment: { TABLE_NAME: table.table.tableName, GRAPHQL_URL: props.api.graphqlUrl, MAX_TASKS_PER_RUN: '1000' },
      timeout: Duration.minutes(5),
      statements: [
        new PolicyStatement({ actions: ['dynamodb:Query'], resources: [table.indexArn(INDEX.openDueTasks)] }),
        // Is the board live (not being deleted)?
        new PolicyStatement({ actions: ['dynamodb:GetItem'], resources: [table.table.tableArn] }),
        new PolicyStatement({ actions: ['appsync:GraphQL'], resources: [graphqlFieldArn(props.api, 'Mutation', 'publishActivity')] }),
        // Its own continuation (an asynchronous invocation of itself), nothing else.
        new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [self] }),
      ],
    });
    this.rule = new Rule(this, 'Daily', {
      description: 'Overdue digest, every day at 06:00 UTC',
      schedule: Schedule.cron({ minute: '0', hour: '6' }),
      targets: [new LambdaFunction(this.handler.fn, { retryAttempts: 2, maxEventAge: Duration.hours(2) })],
    });
  }
}
