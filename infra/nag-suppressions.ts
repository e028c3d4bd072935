import { Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * Every cdk-nag finding we accept that is not acknowledged next to the construct it concerns,
 * each with the reason it is acceptable. Prefer fixing to adding a line here.
 */
export function applyNagSuppressions(stack: Stack): void {
  const at = (path: string): IConstruct => {
    const found = stack.node.findAll().find((c) => c.node.path === `${stack.node.path}/${path}`);
    if (!found) throw new Error(`cdk-nag acknowledgement targets ${path}, which does not exist`);
    return found;
  };

  Validations.of(at('Auth/UserPool')).acknowledge(
    { id: 'AwsSolutions-COG2', reason: 'MFA is optional (TOTP offered to every user); requiring it would block onboarding of a collaborative app.' },
    { id: 'AwsSolutions-COG8', reason: 'Essentials plan: Plus (threat protection) is a per-user cost decision for production, not a default.' },
  );
  Validations.of(at('GraphQL/LogRole')).acknowledge({
    id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:/aws/appsync/apis/<GraphQLApi85666BA6.ApiId>:*]',
    reason: 'Log streams inside this API\'s own log group only; stream names are created by AppSync at run time.',
  });
  Validations.of(at('GraphQL/Api/BoardStatsDataSource')).acknowledge({
    id: 'AwsSolutions-IAM5[Resource::<BoardStatsFunctionAC5790BE.Arn>:*]',
    reason: 'Versions and aliases of the one boardStats function (CDK grantInvoke); no other function.',
  });
  // CDK's LogRetention provider sets the retention of the log group AppSync creates for the API.
  const logRetention = stack.node.findAll().find((c) => c.node.id.startsWith('LogRetention') && c.node.scope === stack);
  if (logRetention) {
    Validations.of(logRetention).acknowledge(
      { id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]', reason: 'CDK-managed log retention provider (sets retention on AppSync\'s log group); not our code.' },
      { id: 'AwsSolutions-IAM5[Resource::*]', reason: 'CDK-managed log retention provider: PutRetentionPolicy on a log group whose name is known only after AppSync creates it.' },
    );
  }
}
