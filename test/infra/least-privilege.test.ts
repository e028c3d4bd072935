/**
 * Every IAM role in the stack, with every statement it holds, spelled out: adding a permission
 * anywhere fails here until this file says why the role needs it.
 */
import { describe, expect, it } from 'vitest';
import { asList, render, type Assembly, givenSharedAssembly } from './synth';

// The run's shared synthesis (cdk-nag passed, or the global setup would have failed).
const synth: Assembly = givenSharedAssembly();

type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Condition?: unknown; NotAction?: unknown; NotResource?: unknown };
type Resource = { Type: string; Properties: Record<string, unknown> };
const resources = (type: string) => Object.entries(synth.template.findResources(type) as Record<string, Resource>);

/** A role's statements as `actions → resources`, both sorted and rendered by construct path. */
function grantsOf(rolePath: string): Record<string, string[]> {
  const roleId = synth.logicalId(rolePath);
  const statements = resources('AWS::IAM::Policy')
    .filter(([, p]) => (p.Properties.Roles as Array<{ Ref: string }>).some((r) => r.Ref === roleId))
    .flatMap(([, p]) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
  const grants: Record<string, string[]> = {};
  for (const s of statements) {
    expect(s.Effect).toBe('Allow');
    expect(s.Condition ?? s.NotAction ?? s.NotResource).toBeUndefined();
    const actions = asList(s.Action).sort().join(' ');
    grants[actions] = [...(grants[actions] ?? []), ...asList(s.Resource).map((r) => render(r, synth))].sort();
  }
  return grants;
}

const TABLE = 'Taskboard/Data/Table.Arn';
const EXPECTED_ROLES: Record<string, { service: string; grants: Record<string, string[]> }> = {
  'Taskboard/DataSources/TableRole': {
    service: 'appsync.amazonaws.com',
    grants: {
      // What the APPSYNC_JS resolvers call (TransactWriteItems is authorized per item as Put/Update/
      // Delete/ConditionCheck); on the table and its three named indexes, no index wildcard.
      'dynamodb:BatchGetItem dynamodb:ConditionCheckItem dynamodb:DeleteItem dynamodb:GetItem dynamodb:PutItem dynamodb:Query dynamodb:UpdateItem':
        [TABLE, `${TABLE}/index/gsi1`, `${TABLE}/index/gsi2`, `${TABLE}/index/lsi1`],
    },
  },
  'Taskboard/DataSources/BoardStatsLambdaRole': {
    service: 'appsync.amazonaws.com',
    grants: { 'lambda:InvokeFunction': ['Taskboard/BoardStats/Function.Arn'] },
  },
  'Taskboard/DataSources/AddMemberLambdaRole': {
    service: 'appsync.amazonaws.com',
    grants: { 'lambda:InvokeFunction': ['Taskboard/AddMember/Function.Arn'] },
  },
  'Taskboard/DataSources/DeleteBoardLambdaRole': {
    service: 'appsync.amazonaws.com',
    grants: { 'lambda:InvokeFunction': ['Taskboard/DeleteBoard/Function.Arn'] },
  },
  'Taskboard/GraphQL/LogRole': {
    service: 'appsync.amazonaws.com',
    grants: { 'logs:CreateLogStream logs:PutLogEvents': ['Taskboard/GraphQL/Logs.Arn'] },
  },
  'Taskboard/BoardStats/Role': {
    service: 'lambda.amazonaws.com',
    grants: {
      'dynamodb:Query': [`${TABLE}/index/lsi1`],
      'logs:CreateLogStream logs:PutLogEvents': ['Taskboard/BoardStats/Logs.Arn'],
      'xray:PutTelemetryRecords xray:PutTraceSegments': ['*'],
    },
  },
  'Taskboard/AddMember/Role': {
    service: 'lambda.amazonaws.com',
    grants: {
      // The lookup by email, in this stack's pool only.
      'cognito-idp:ListUsers': ['Taskboard/Auth/UserPool.Arn'],
      // Its one TransactWriteItems: a conditional Put of the membership and the Update of
      // memberCount (IAM authorizes each item's action); on the table only, no index.
      'dynamodb:PutItem dynamodb:UpdateItem': [TABLE],
      'logs:CreateLogStream logs:PutLogEvents': ['Taskboard/AddMember/Logs.Arn'],
      'xray:PutTelemetryRecords xray:PutTraceSegments': ['*'],
    },
  },
  'Taskboard/DeleteBoard/Role': {
    service: 'lambda.amazonaws.com',
    grants: {
      // Queries of the board's partitions (never a Scan, no index), BatchWriteItem deletions, and
      // the final TransactWriteItems of two Deletes (authorized as DeleteItem).
      // the final TransactWriteItems of two Deletes (authorized as DeleteItem), and the first
      // UpdateItem that marks the board as being deleted (the activity stream then skips it).
      'dynamodb:BatchWriteItem dynamodb:DeleteItem dynamodb:Query dynamodb:UpdateItem': [TABLE],
      'logs:CreateLogStream logs:PutLogEvents': ['Taskboard/DeleteBoard/Logs.Arn'],
      'xray:PutTelemetryRecords xray:PutTraceSegments': ['*'],
    },
  },
  'Taskboard/ActivityStream/Handler/Role': {
    service: 'lambda.amazonaws.com',
    grants: {
      // Reading its stream (the mapping polls as the function's role) on the stream's ARN; CDK
      // merges ListStreams, which has no resource-level scoping, with X-Ray's.
      'dynamodb:DescribeStream dynamodb:GetRecords dynamodb:GetShardIterator': ['Taskboard/Data/Table.StreamArn'],
      'dynamodb:ListStreams xray:PutTelemetryRecords xray:PutTraceSegments': ['*'],
      // The board-liveness GetItem, and a deleted task's comments (Query + BatchWriteItem deletions).
      'dynamodb:BatchWriteItem dynamodb:GetItem dynamodb:Query': [TABLE],
      // The one mutation it calls, by field ARN.
      'appsync:GraphQL': ['Taskboard/GraphQL/Api.Arn/types/Mutation/fields/publishActivity'],
      // The failure destination of its mapping.
      'sqs:GetQueueAttributes sqs:GetQueueUrl sqs:SendMessage': ['Taskboard/ActivityStream/FailedBatches.Arn'],
      'logs:CreateLogStream logs:PutLogEvents': ['Taskboard/ActivityStream/Handler/Logs.Arn'],
    },
  },
  'Taskboard/OverdueDigest/Handler/Role': {
    service: 'lambda.amazonaws.com',
    grants: {
      // The sparse open-due index only (never a Scan), and board-liveness reads.
      'dynamodb:Query': [`${TABLE}/index/gsi3`],
      'dynamodb:GetItem': [TABLE],
      'appsync:GraphQL': ['Taskboard/GraphQL/Api.Arn/types/Mutation/fields/publishActivity'],
      // Its own continuation, by name.
      'lambda:InvokeFunction': ['arn:AWS::Partition:lambda:AWS::Region:AWS::AccountId:function:Taskboard-overdueDigest'],
      'logs:CreateLogStream logs:PutLogEvents': ['Taskboard/OverdueDigest/Handler/Logs.Arn'],
      'xray:PutTelemetryRecords xray:PutTraceSegments': ['*'],
    },
  },
  'Taskboard/PostConfirmation/Role': {
    service: 'lambda.amazonaws.com',
    grants: {
      // One conditional PutItem of the new user's profile.
      'dynamodb:PutItem': [TABLE],
      'logs:CreateLogStream logs:PutLogEvents': ['Taskboard/PostConfirmation/Logs.Arn'],
      'xray:PutTelemetryRecords xray:PutTraceSegments': ['*'],
    },
  },
};

describe('IAM roles', () => {
  it('are exactly the ones the stack means to have (no CDK helper functions with roles of their own)', () => {
    expect(resources('AWS::IAM::Role').map(([id]) => synth.pathOf(id)).sort()).toEqual(Object.keys(EXPECTED_ROLES).sort());
    // boardStats, addMember, deleteBoard, activityStream, overdueDigest, postConfirmation: each with its own role above.
    expect(resources('AWS::Lambda::Function')).toHaveLength(6);
  });

  it.each(Object.entries(EXPECTED_ROLES))('%s holds only its own statements', (path, expected) => {
    expect(grantsOf(path)).toEqual(expected.grants);
  });

  it.each(Object.entries(EXPECTED_ROLES))('%s is assumable by its service only, with no managed or inline policies', (path, expected) => {
    const [, role] = resources('AWS::IAM::Role').find(([id]) => id === synth.logicalId(path))!;
    expect(role.Properties.AssumeRolePolicyDocument).toEqual({
      Version: '2012-10-17',
      Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: expected.service } }],
    });
    expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    expect(role.Properties.Policies).toBeUndefined();
  });

  it('grants no wildcard action anywhere, and a wildcard resource only to X-Ray and dynamodb:ListStreams', () => {
    for (const [, policy] of resources('AWS::IAM::Policy')) {
      for (const s of (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement) {
        for (const action of asList(s.Action)) expect(action).not.toContain('*');
        if (asList(s.Resource).includes('*')) expect(asList(s.Action).every((a) => a.startsWith('xray:') || a === 'dynamodb:ListStreams')).toBe(true);
      }
    }
  });

  it('adds resource-based Lambda permissions only for the two event sources that need them, each from its own source', () => {
    // AppSync invokes through its data-source roles; the stream mapping polls as the function's role.
    const permissions = resources('AWS::Lambda::Permission').map(([, p]) => ({
      action: p.Properties.Action, principal: p.Properties.Principal,
      fn: render(p.Properties.FunctionName, synth), source: render(p.Properties.SourceArn, synth),
    }));
    expect(permissions.sort((a, b) => String(a.principal).localeCompare(String(b.principal)))).toEqual([
      { action: 'lambda:InvokeFunction', principal: 'cognito-idp.amazonaws.com', fn: 'Taskboard/PostConfirmation/Function.Arn', source: 'Taskboard/Auth/UserPool.Arn' },
      { action: 'lambda:InvokeFunction', principal: 'events.amazonaws.com', fn: 'Taskboard/OverdueDigest/Handler/Function.Arn', source: 'Taskboard/OverdueDigest/Daily.Arn' },
    ]);
  });
});
