import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { RESOLVER_TABLE_ACTIONS } from '../../infra/constructs/graphql-api';
import { PIPELINE_FUNCTIONS, RESOLVERS } from '../../infra/resolver-config';
import { givenSynthesizedStack, type Synthesized } from './synth';

let synth: Synthesized;
let template: Template;
beforeAll(() => {
  synth = givenSynthesizedStack();
  template = synth.template;
});

type Resource = { Type: string; Properties: Record<string, unknown>; DependsOn?: string[] };
const resources = (type: string) => Object.entries(template.findResources(type) as Record<string, Resource>);
const statementsOf = (policy: Resource) =>
  (policy.Properties.PolicyDocument as { Statement: Array<{ Action: string | string[]; Resource: unknown }> }).Statement;
const asList = <T,>(v: T | T[]) => (Array.isArray(v) ? v : [v]);

describe('cdk-nag', () => {
  it('reports no unacknowledged AwsSolutions finding', () => {
    expect(synth.nagViolations).toEqual([]);
  });
});

describe('AppSync API', () => {
  it('uses Cognito user pools by default and IAM as the additional mode', () => {
    template.hasResourceProperties('AWS::AppSync::GraphQLApi', {
      AuthenticationType: 'AMAZON_COGNITO_USER_POOLS',
      UserPoolConfig: Match.objectLike({ DefaultAction: 'ALLOW', UserPoolId: Match.anyValue() }),
      AdditionalAuthenticationProviders: [Match.objectLike({ AuthenticationType: 'AWS_IAM' })],
    });
  });

  it('logs requests, traces with X-Ray and limits query depth and resolver count', () => {
    template.hasResourceProperties('AWS::AppSync::GraphQLApi', {
      LogConfig: Match.objectLike({ FieldLogLevel: 'ERROR', ExcludeVerboseContent: false, CloudWatchLogsRoleArn: Match.anyValue() }),
      XrayEnabled: true,
      QueryDepthLimit: 10,
      ResolverCountLimit: 1000,
      IntrospectionConfig: 'ENABLED',
      EnvironmentVariables: { TABLE_NAME: Match.anyValue() },
    });
  });

  it('can disable introspection with -c introspection=false', () => {
    givenSynthesizedStack({ introspection: 'false' }).template.hasResourceProperties('AWS::AppSync::GraphQLApi', { IntrospectionConfig: 'DISABLED' });
  });

  it('deploys only taskboard.graphql, never the tooling-only built-in declarations', () => {
    const [[, schema]] = resources('AWS::AppSync::GraphQLSchema');
    const definition = JSON.stringify(schema.Properties);
    expect(definition).not.toMatch(/scalar AWSDate|directive @aws_subscribe/);
  });

  it('attaches every configured resolver with the APPSYNC_JS runtime and bundled code', () => {
    const attached = resources('AWS::AppSync::Resolver').map(([, r]) => r.Properties);
    expect(attached.map((p) => `${p.TypeName}.${p.FieldName}`).sort()).toEqual(Object.keys(RESOLVERS).sort());
    for (const p of attached) {
      expect(p.Runtime).toEqual({ Name: 'APPSYNC_JS', RuntimeVersion: '1.0.0' });
      expect(p.Code).toMatch(/export\s*\{[^}]*request[^}]*response|export function request/);
      expect(p.Code).not.toMatch(/^import .* from "(?!@aws-appsync\/utils)/m);
      const config = RESOLVERS[`${p.TypeName}.${p.FieldName}`];
      expect(p.Kind).toBe(config.kind === 'unit' ? 'UNIT' : 'PIPELINE');
      if (config.kind === 'pipeline') expect((p.PipelineConfig as { Functions: unknown[] }).Functions).toHaveLength(config.functions.length);
    }
  });

  it('creates each pipeline function once, with APPSYNC_JS code', () => {
    const fns = resources('AWS::AppSync::FunctionConfiguration').map(([, f]) => f.Properties);
    expect(fns.map((f) => f.Name).sort()).toEqual(Object.keys(PIPELINE_FUNCTIONS).sort());
    for (const f of fns) expect(f.Runtime).toEqual({ Name: 'APPSYNC_JS', RuntimeVersion: '1.0.0' });
  });

  it('has the table, NONE and Lambda data sources', () => {
    expect(resources('AWS::AppSync::DataSource').map(([, d]) => d.Properties.Type).sort()).toEqual(['AMAZON_DYNAMODB', 'AWS_LAMBDA', 'NONE']);
  });
});

describe('least privilege', () => {
  const policyOfRole = (roleLogicalIdPrefix: string) => {
    const found = resources('AWS::IAM::Policy').find(([, p]) =>
      JSON.stringify(p.Properties.Roles).includes(roleLogicalIdPrefix));
    if (!found) throw new Error(`no policy for ${roleLogicalIdPrefix}`);
    return statementsOf(found[1]);
  };

  it('lets the table data source use only the resolvers\' actions, on the table and its named indexes', () => {
    const statements = policyOfRole('GraphQLTableDataSourceRole');
    expect(statements).toHaveLength(1);
    expect(asList(statements[0].Action).sort()).toEqual([...RESOLVER_TABLE_ACTIONS].sort());
    expect(asList(statements[0].Action)).not.toContain('dynamodb:Scan');
    const arns = JSON.stringify(statements[0].Resource);
    for (const index of ['lsi1', 'gsi1', 'gsi2']) expect(arns).toContain(`/index/${index}`);
    expect(arns).not.toContain('/index/*');
  });

  it('lets the boardStats function only Query the board-order index and write its own logs', () => {
    const statements = policyOfRole('BoardStatsRole');
    const byAction = Object.fromEntries(statements.map((s) => [asList(s.Action).sort().join(','), JSON.stringify(s.Resource)]));
    expect(byAction['dynamodb:Query']).toContain('/index/lsi1');
    expect(byAction['logs:CreateLogStream,logs:PutLogEvents']).toContain('BoardStatsLogs');
    expect(Object.keys(byAction).sort()).toEqual(['dynamodb:Query', 'logs:CreateLogStream,logs:PutLogEvents', 'xray:PutTelemetryRecords,xray:PutTraceSegments'].sort());
  });

  it('grants no wildcard action anywhere', () => {
    for (const [, policy] of resources('AWS::IAM::Policy')) {
      for (const s of statementsOf(policy)) for (const a of asList(s.Action)) expect(a).not.toMatch(/\*$/);
    }
  });
});

describe('DynamoDB table', () => {
  it('has the single-table keys, the ordering LSI, two GSIs, a stream, PITR, TTL and encryption, on demand', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      LocalSecondaryIndexes: [Match.objectLike({ IndexName: 'lsi1', KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'lsi1sk', KeyType: 'RANGE' }] })],
      GlobalSecondaryIndexes: [
        Match.objectLike({ IndexName: 'gsi1', KeySchema: [{ AttributeName: 'gsi1pk', KeyType: 'HASH' }, { AttributeName: 'gsi1sk', KeyType: 'RANGE' }] }),
        Match.objectLike({ IndexName: 'gsi2', KeySchema: [{ AttributeName: 'gsi2pk', KeyType: 'HASH' }, { AttributeName: 'gsi2sk', KeyType: 'RANGE' }] }),
      ],
    });
    template.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain' });
  });
});

describe('Cognito', () => {
  it('has a strong password policy and optional TOTP MFA', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      Policies: { PasswordPolicy: Match.objectLike({ MinimumLength: 12, RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: true }) },
      MfaConfiguration: 'OPTIONAL',
      AliasAttributes: ['email'],
    });
  });

  it('has a public app client with SRP and USER_PASSWORD_AUTH', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      PreventUserExistenceErrors: 'ENABLED',
      AllowedOAuthFlows: Match.absent(),
    });
    const [[, client]] = resources('AWS::Cognito::UserPoolClient');
    expect([...(client.Properties.ExplicitAuthFlows as string[])].sort()).toEqual(['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH']);
  });

  it('has the admins group', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: 'admins' });
  });
});

describe('Lambda functions', () => {
  it('run on a current Node.js runtime, arm64, with source maps and the table name', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      TracingConfig: { Mode: 'Active' },
      Environment: { Variables: { TABLE_NAME: Match.anyValue(), NODE_OPTIONS: '--enable-source-maps' } },
    });
  });
});

describe('outputs', () => {
  it.each(['GraphQLUrl', 'RealtimeUrl', 'UserPoolId', 'UserPoolClientId', 'TableName', 'Region'])('exports %s', (name) => {
    template.hasOutput(name, { Value: Match.anyValue() });
  });
});
