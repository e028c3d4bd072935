import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import { CfnGraphQLApi } from 'aws-cdk-lib/aws-appsync';
import { createTaskboardApp } from '../../infra/taskboard-app';
import { describe, expect, it } from 'vitest';
import { bundleResolver } from '../../infra/resolver-bundling';
import { PIPELINE_FUNCTIONS, RESOLVERS, type DataSourceName } from '../../infra/resolver-config';
import { render, type Assembly, givenSharedAssembly } from './synth';

const root = resolve(import.meta.dirname, '../..');

// The run's shared synthesis (cdk-nag passed, or the global setup would have failed).
const synth: Assembly = givenSharedAssembly();

type Resource = { Type: string; Properties: Record<string, unknown>; DependsOn?: string[]; DeletionPolicy?: string };
const resources = (type: string) => Object.entries(synth.template.findResources(type) as Record<string, Resource>);
const only = (type: string) => {
  const found = resources(type);
  expect(found, type).toHaveLength(1);
  return found[0];
};
const show = (value: unknown) => render(value, synth);

const API = 'Taskboard/GraphQL/Api';
const DATA_SOURCE_PATHS: Record<DataSourceName, string> = {
  table: 'Taskboard/DataSources/Table',
  none: 'Taskboard/DataSources/None',
  boardStatsLambda: 'Taskboard/DataSources/BoardStatsLambda',
  addMemberLambda: 'Taskboard/DataSources/AddMemberLambda',
  deleteBoardLambda: 'Taskboard/DataSources/DeleteBoardLambda',
};

describe('AppSync API', () => {
  it('uses Cognito user pools (this stack\'s pool) by default and IAM as the additional mode', () => {
    const [, api] = only('AWS::AppSync::GraphQLApi');
    expect(api.Properties.AuthenticationType).toBe('AMAZON_COGNITO_USER_POOLS');
    expect(show((api.Properties.UserPoolConfig as Record<string, unknown>).UserPoolId)).toBe('Taskboard/Auth/UserPool');
    expect(api.Properties.UserPoolConfig).toMatchObject({ DefaultAction: 'ALLOW' });
    expect(api.Properties.AdditionalAuthenticationProviders).toEqual([{ AuthenticationType: 'AWS_IAM' }]);
  });

  it('logs requests and resolver errors through its log role, traces with X-Ray and limits queries', () => {
    synth.template.hasResourceProperties('AWS::AppSync::GraphQLApi', {
      LogConfig: { FieldLogLevel: 'ERROR', ExcludeVerboseContent: false, CloudWatchLogsRoleArn: { 'Fn::GetAtt': [synth.logicalId('Taskboard/GraphQL/LogRole'), 'Arn'] } },
      XrayEnabled: true,
      QueryDepthLimit: 10,
      ResolverCountLimit: 1000,
      IntrospectionConfig: 'ENABLED',
    });
  });

  it('owns the log group AppSync writes to, with a retention, instead of CDK\'s LogRetention Lambda', () => {
    const [id, group] = resources('AWS::Logs::LogGroup').find(([lid]) => synth.pathOf(lid) === 'Taskboard/GraphQL/Logs') ?? [];
    expect(id).toBeDefined();
    expect(show(group?.Properties.LogGroupName)).toBe(`/aws/appsync/apis/${API}.ApiId`);
    expect(group?.Properties.RetentionInDays).toBe(30);
    expect(resources('Custom::LogRetention')).toEqual([]);
  });

  it('passes the table name to resolvers as ctx.env.TABLE_NAME', () => {
    const [, api] = only('AWS::AppSync::GraphQLApi');
    expect(show((api.Properties.EnvironmentVariables as Record<string, unknown>).TABLE_NAME)).toBe('Taskboard/Data/Table');
  });

  it('can disable introspection with -c introspection=false', () => {
    // The construct tree alone answers this: no synthesis, and no Lambda bundling (skipped for every stack).
    const { stack } = createTaskboardApp({ context: { introspection: 'false', 'aws:cdk:bundling-stacks': [] } });
    const api = stack.node.findAll().find((c): c is CfnGraphQLApi => c instanceof CfnGraphQLApi)!;
    expect(api.introspectionConfig).toBe('DISABLED');
  });

  it('deploys exactly schema/taskboard.graphql, never the tooling-only built-in declarations', () => {
    const [, schema] = only('AWS::AppSync::GraphQLSchema');
    expect(schema.Properties.Definition).toBe(readFileSync(join(root, 'schema', 'taskboard.graphql'), 'utf8'));
  });
});

describe('resolvers', () => {
  const functionNameById = () => new Map(resources('AWS::AppSync::FunctionConfiguration').map(([id, f]) => [id, f.Properties.Name as string]));

  it('attaches exactly the configured fields', () => {
    const attached = resources('AWS::AppSync::Resolver').map(([, r]) => `${r.Properties.TypeName}.${r.Properties.FieldName}`);
    expect(attached.sort()).toEqual(Object.keys(RESOLVERS).sort());
  });

  it.each(Object.entries(RESOLVERS))('%s: APPSYNC_JS 1.0.0, the shared esbuild bundle of its file, its data source or functions in order', (field, config) => {
    const [typeName, fieldName] = field.split('.');
    const [, resolver] = resources('AWS::AppSync::Resolver').find(([, r]) => r.Properties.TypeName === typeName && r.Properties.FieldName === fieldName)!;
    const p = resolver.Properties;
    expect(p.Runtime).toEqual({ Name: 'APPSYNC_JS', RuntimeVersion: '1.0.0' });
    expect(p.Code).toBe(bundleResolver(join(root, 'resolvers', `${field}.ts`)));
    expect(p.Code).toMatch(/^export\s*\{[^}]*\brequest\b[^}]*\bresponse\b/m);
    // Only AppSync's own modules stay imports; everything else is bundled in.
    for (const [, from] of String(p.Code).matchAll(/^import .* from "([^"]+)"/gm)) expect(from).toMatch(/^@aws-appsync\/utils/);
    expect(resolver.DependsOn).toContain(synth.logicalId(`${API}/Schema`));
    if (config.kind === 'unit') {
      expect(p.Kind).toBe('UNIT');
      expect(show(p.DataSourceName)).toBe(`${DATA_SOURCE_PATHS[config.dataSource]}.Name`);
    } else {
      expect(p.Kind).toBe('PIPELINE');
      const names = functionNameById();
      const ids = (p.PipelineConfig as { Functions: Array<{ 'Fn::GetAtt': [string, string] }> }).Functions.map((f) => f['Fn::GetAtt'][0]);
      expect(ids.map((id) => names.get(id))).toEqual(config.functions);
    }
  });

  it.each(Object.entries(PIPELINE_FUNCTIONS))('pipeline function %s: created once, APPSYNC_JS, its bundle, its data source', (name, config) => {
    const matching = resources('AWS::AppSync::FunctionConfiguration').filter(([, f]) => f.Properties.Name === name);
    expect(matching).toHaveLength(1);
    const [[, fn]] = matching;
    expect(fn.Properties.Runtime).toEqual({ Name: 'APPSYNC_JS', RuntimeVersion: '1.0.0' });
    expect(fn.Properties.Code).toBe(bundleResolver(join(root, 'resolvers', 'functions', `${name}.ts`)));
    expect(fn.Properties.Code).toMatch(/^export\s*\{[^}]*\brequest\b[^}]*\bresponse\b/m);
    expect(show(fn.Properties.DataSourceName)).toBe(`${DATA_SOURCE_PATHS[config.dataSource]}.Name`);
    expect(fn.DependsOn).toContain(synth.logicalId(`${API}/Schema`));
  });

  it('creates no pipeline function that no resolver uses', () => {
    expect(resources('AWS::AppSync::FunctionConfiguration')).toHaveLength(Object.keys(PIPELINE_FUNCTIONS).length);
  });
});

describe('data sources', () => {
  const byName = () => Object.fromEntries(resources('AWS::AppSync::DataSource').map(([id, d]) => [d.Properties.Name as string, { id, p: d.Properties }]));

  it('are the table, NONE and the three Lambdas (boardStats, addMember, deleteBoard), nothing else', () => {
    expect(Object.keys(byName()).sort()).toEqual(['AddMemberLambdaDataSource', 'BoardStatsLambdaDataSource', 'DeleteBoardLambdaDataSource', 'NoneDataSource', 'TableDataSource']);
  });

  it('the table data source points at the table with its own role', () => {
    const { p } = byName().TableDataSource;
    expect(p.Type).toBe('AMAZON_DYNAMODB');
    expect(show((p.DynamoDBConfig as Record<string, unknown>).TableName)).toBe('Taskboard/Data/Table');
    expect(show(p.ServiceRoleArn)).toBe('Taskboard/DataSources/TableRole.Arn');
  });

  it('the NONE data source has no role at all', () => {
    const { p } = byName().NoneDataSource;
    expect(p.Type).toBe('NONE');
    expect(p.ServiceRoleArn).toBeUndefined();
  });

  it.each([
    ['BoardStatsLambda', 'BoardStats'],
    ['AddMemberLambda', 'AddMember'],
    ['DeleteBoardLambda', 'DeleteBoard'],
  ])('the %s data source invokes its own function with its own role', (name, fn) => {
    const { p } = byName()[`${name}DataSource`];
    expect(p.Type).toBe('AWS_LAMBDA');
    expect(show((p.LambdaConfig as Record<string, unknown>).LambdaFunctionArn)).toBe(`Taskboard/${fn}/Function.Arn`);
    expect(show(p.ServiceRoleArn)).toBe(`Taskboard/DataSources/${name}Role.Arn`);
  });
});

describe('DynamoDB table', () => {
  it('has the single-table keys, the ordering LSI, three GSIs (one sparse and narrow), a stream, PITR, TTL and encryption, on demand', () => {
    const key = (hash: string, range: string) => [{ AttributeName: hash, KeyType: 'HASH' }, { AttributeName: range, KeyType: 'RANGE' }];
    const [, table] = only('AWS::DynamoDB::Table');
    const p = table.Properties;
    expect(p.KeySchema).toEqual(key('pk', 'sk'));
    expect(p.BillingMode).toBe('PAY_PER_REQUEST');
    expect(p.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(p.SSESpecification).toEqual({ SSEEnabled: true });
    expect(p.StreamSpecification).toEqual({ StreamViewType: 'NEW_AND_OLD_IMAGES' });
    expect(p.TimeToLiveSpecification).toEqual({ AttributeName: 'expiresAt', Enabled: true });
    expect(p.LocalSecondaryIndexes).toEqual([{ IndexName: 'lsi1', KeySchema: key('pk', 'lsi1sk'), Projection: { ProjectionType: 'ALL' } }]);
    expect(p.GlobalSecondaryIndexes).toEqual([
      { IndexName: 'gsi1', KeySchema: key('gsi1pk', 'gsi1sk'), Projection: { ProjectionType: 'ALL' } },
      { IndexName: 'gsi2', KeySchema: key('gsi2pk', 'gsi2sk'), Projection: { ProjectionType: 'ALL' } },
      // The overdue digest's: only what a digest names.
      {
        IndexName: 'gsi3', KeySchema: key('gsi3pk', 'gsi3sk'),
        Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['id', 'boardId', 'title', 'assigneeId', 'dueDate', 'status'] },
      },
    ]);
    const attributes = (p.AttributeDefinitions as Array<{ AttributeName: string; AttributeType: string }>);
    expect(attributes.map((a) => a.AttributeName).sort()).toEqual(['gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'gsi3pk', 'gsi3sk', 'lsi1sk', 'pk', 'sk']);
    expect(new Set(attributes.map((a) => a.AttributeType))).toEqual(new Set(['S']));
  });

  it('is retained when the stack is deleted (boards are user data)', () => {
    expect(only('AWS::DynamoDB::Table')[1].DeletionPolicy).toBe('Retain');
  });
});

describe('Cognito', () => {
  it('signs users up themselves with their verified email as username, under a strong password policy', () => {
    synth.template.hasResourceProperties('AWS::Cognito::UserPool', {
      UsernameAttributes: ['email'],
      UsernameConfiguration: { CaseSensitive: false },
      AutoVerifiedAttributes: ['email'],
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: false },
      Policies: { PasswordPolicy: Match.objectLike({ MinimumLength: 12, RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: true }) },
      MfaConfiguration: 'OPTIONAL',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
    });
    expect(only('AWS::Cognito::UserPool')[1].DeletionPolicy).toBe('Retain');
  });

  it('has one public app client (no secret) with SRP and USER_PASSWORD_AUTH, and no OAuth', () => {
    const [, client] = only('AWS::Cognito::UserPoolClient');
    expect(client.Properties).toMatchObject({ GenerateSecret: false, PreventUserExistenceErrors: 'ENABLED', AllowedOAuthFlowsUserPoolClient: false });
    expect(client.Properties.AllowedOAuthFlows).toBeUndefined();
    expect([...(client.Properties.ExplicitAuthFlows as string[])].sort()).toEqual(['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH']);
  });

  it('has the admins group the resolvers check', () => {
    const [, group] = only('AWS::Cognito::UserPoolGroup');
    expect(group.Properties.GroupName).toBe('admins');
    expect(show(group.Properties.UserPoolId)).toBe('Taskboard/Auth/UserPool');
  });
});

describe('Lambda functions', () => {
  /** The function of construct `Taskboard/<id>/Function`. */
  const lambda = (id: string) => {
    const found = resources('AWS::Lambda::Function').find(([lid]) => synth.pathOf(lid) === `Taskboard/${id}/Function`);
    expect(found, id).toBeDefined();
    return found!;
  };

  it.each([
    ['BoardStats', { TABLE_NAME: 'Taskboard/Data/Table' }, 10],
    ['AddMember', { TABLE_NAME: 'Taskboard/Data/Table', USER_POOL_ID: 'Taskboard/Auth/UserPool' }, 10],
    // Big boards take a while to delete; AppSync stops waiting at 30 s and a retry resumes.
    ['DeleteBoard', { TABLE_NAME: 'Taskboard/Data/Table' }, 300],
  ])('%s: nodejs22.x on arm64, traced, with source maps, its environment, its own role and log group', (id, environment, timeout) => {
    const [, fn] = lambda(id);
    const p = fn.Properties;
    expect(p).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'], Handler: 'index.handler', TracingConfig: { Mode: 'Active' }, Timeout: timeout });
    const env = (p.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(Object.keys(env).sort()).toEqual(['NODE_OPTIONS', ...Object.keys(environment)].sort());
    expect(env.NODE_OPTIONS).toBe('--enable-source-maps');
    for (const [name, value] of Object.entries(environment)) expect(show(env[name])).toBe(value);
    expect(show(p.Role)).toBe(`Taskboard/${id}/Role.Arn`);
    expect(show((p.LoggingConfig as Record<string, unknown>).LogGroup)).toBe(`Taskboard/${id}/Logs`);
  });

  it('boardStats is bundled by local esbuild: minified, with a source map, AWS SDK v3 left to the runtime', () => {
    const [, fn] = lambda('BoardStats');
    const hash = String((fn.Properties.Code as { S3Key: string }).S3Key).replace(/\.zip$/, '');
    const dir = join(synth.outdir, `asset.${hash}`);
    const code = readFileSync(join(dir, 'index.js'), 'utf8');
    expect(existsSync(join(dir, 'index.js.map'))).toBe(true);
    expect(code).toMatch(/\/\/# sourceMappingURL=index\.js\.map\s*$/);
    expect(code.split('\n').length).toBeLessThan(10);
    expect(code).toContain('require("@aws-sdk/lib-dynamodb")');
    expect(code).toContain('require("@aws-sdk/client-dynamodb")');
    expect(code).not.toContain('DynamoDBDocumentClient=class');
    expect(code).toContain('lsi1');
  });

  it.each([
    ['AddMember', ['@aws-sdk/lib-dynamodb', '@aws-sdk/client-dynamodb', '@aws-sdk/client-cognito-identity-provider']],
    ['DeleteBoard', ['@aws-sdk/lib-dynamodb', '@aws-sdk/client-dynamodb']],
  ])('%s is bundled the same way, requiring the SDK clients it uses from the runtime', (id, sdkModules) => {
    const [, fn] = lambda(id);
    const hash = String((fn.Properties.Code as { S3Key: string }).S3Key).replace(/\.zip$/, '');
    const code = readFileSync(join(synth.outdir, `asset.${hash}`, 'index.js'), 'utf8');
    expect(code.split('\n').length).toBeLessThan(10);
    for (const name of sdkModules) expect(code).toContain(`require("${name}")`);
    expect(code).not.toContain('CognitoIdentityProviderClient=class');
  });
});

describe('outputs', () => {
  it.each([
    ['GraphQLUrl', `${API}.GraphQLUrl`],
    ['RealtimeUrl', `${API}.RealtimeUrl`],
    ['UserPoolId', 'Taskboard/Auth/UserPool'],
    ['UserPoolClientId', 'Taskboard/Auth/UserPool/AppClient'],
    ['TableName', 'Taskboard/Data/Table'],
    ['Region', 'AWS::Region'],
  ])('exports %s (%s)', (name, expected) => {
    const outputs = synth.template.findOutputs(name);
    expect(Object.keys(outputs)).toEqual([name]);
    expect(show(outputs[name].Value)).toBe(expected);
  });
});

describe('Events', () => {
  const fnNamed = (path: string) => ({ 'Fn::GetAtt': [synth.logicalId(path), 'Arn'] });

  it('maps the table\'s stream to activityStream: batches of 100, bisect on error, 3 retries, partial batch responses, failures to a queue', () => {
    const [, mapping] = only('AWS::Lambda::EventSourceMapping');
    expect(show(mapping.Properties.FunctionName)).toBe('Taskboard/ActivityStream/Handler/Function');
    expect(show(mapping.Properties.EventSourceArn)).toBe('Taskboard/Data/Table.StreamArn');
    expect(mapping.Properties).toMatchObject({
      BatchSize: 100, MaximumBatchingWindowInSeconds: 1, StartingPosition: 'TRIM_HORIZON', BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 3, MaximumRecordAgeInSeconds: 86400, FunctionResponseTypes: ['ReportBatchItemFailures'], ParallelizationFactor: 1,
    });
    const destination = (mapping.Properties.DestinationConfig as { OnFailure: { Destination: unknown } }).OnFailure.Destination;
    expect(show(destination)).toBe('Taskboard/ActivityStream/FailedBatches.Arn');
  });

  it('keeps failed batches in an encrypted queue that refuses plain HTTP', () => {
    const [id, queue] = only('AWS::SQS::Queue');
    expect(queue.Properties).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 24 * 3600 });
    const [, policy] = only('AWS::SQS::QueuePolicy');
    expect(JSON.stringify(policy.Properties.PolicyDocument)).toContain('"aws:SecureTransport":"false"');
    expect(show((policy.Properties.Queues as unknown[])[0])).toBe(synth.pathOf(id));
  });

  it('gives activityStream the API\'s URL and the table\'s name', () => {
    const fn = resources('AWS::Lambda::Function').find(([id]) => synth.pathOf(id) === 'Taskboard/ActivityStream/Handler/Function')![1];
    const env = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(show(env.GRAPHQL_URL)).toBe('Taskboard/GraphQL/Api.GraphQLUrl');
    expect(show(env.TABLE_NAME)).toBe('Taskboard/Data/Table');
  });

  it('runs overdueDigest daily at 06:00 UTC, retrying a failed delivery twice', () => {
    const [, rule] = only('AWS::Events::Rule');
    expect(rule.Properties).toMatchObject({ ScheduleExpression: 'cron(0 6 * * ? *)', State: 'ENABLED' });
    const [target] = rule.Properties.Targets as Array<Record<string, unknown>>;
    expect(target.Arn).toEqual(fnNamed('Taskboard/OverdueDigest/Handler/Function'));
    expect(target.RetryPolicy).toEqual({ MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 7200 });
    const permission = resources('AWS::Lambda::Permission').find(([, p]) => p.Properties.Principal === 'events.amazonaws.com')![1];
    expect(permission.Properties.FunctionName).toEqual(fnNamed('Taskboard/OverdueDigest/Handler/Function'));
    expect(show(permission.Properties.SourceArn)).toBe('Taskboard/OverdueDigest/Daily.Arn');
  });

  it('names overdueDigest after the stack, so its policy can name the function itself', () => {
    const fn = resources('AWS::Lambda::Function').find(([id]) => synth.pathOf(id) === 'Taskboard/OverdueDigest/Handler/Function')![1];
    expect(fn.Properties.FunctionName).toBe('Taskboard-overdueDigest');
  });

  it('calls postConfirmation when a sign-up is confirmed, and only Cognito of this pool may invoke it', () => {
    const [, pool] = only('AWS::Cognito::UserPool');
    expect((pool.Properties.LambdaConfig as Record<string, unknown>).PostConfirmation).toEqual(fnNamed('Taskboard/PostConfirmation/Function'));
    const permission = resources('AWS::Lambda::Permission').find(([, p]) => p.Properties.Principal === 'cognito-idp.amazonaws.com')![1];
    expect(permission.Properties.FunctionName).toEqual(fnNamed('Taskboard/PostConfirmation/Function'));
    expect(show(permission.Properties.SourceArn)).toBe('Taskboard/Auth/UserPool.Arn');
  });
});
