/**
 * From a cloud assembly to the model of one AppSync API the local runtime serves: API settings,
 * schema, data sources, pipeline functions, resolvers (code inline or from assets), tables,
 * Lambda functions and Cognito resources, with names and ARNs made local. Every resource type
 * is either served, ignored with a reason, or reported as unsupported — never silently dropped.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { userPoolTriggers } from '../cognito/triggers';
import type { AsyncInvokeConfig } from '../lambda/async-invoker';
import { loadScheduleRules, type ScheduleRuleModel } from '../schedules/load-rules';
import { IntrinsicError, resolveIntrinsics, type IntrinsicContext } from './intrinsics';
import { readStackAssembly, type CfnResource, type StackAssembly } from './read-assembly';

type Props = Record<string, unknown>;

export interface LoadOptions {
  stackName?: string;
  region?: string;
  accountId?: string;
  /** The local GraphQL endpoint, e.g. http://127.0.0.1:20002/graphql. */
  graphqlUrl?: string;
  /** Local ids of user pools / clients by logical id, once the Cognito emulator created them. */
  userPoolIds?: Record<string, string>;
  userPoolClientIds?: Record<string, string>;
  /** Prepended to every table's local name, so several runtimes can share one DynamoDB. */
  tableNamePrefix?: string;
  /** The local SQS endpoint, e.g. http://127.0.0.1:9324: queue URLs (Ref, QueueUrl) are built on it. */
  sqsEndpoint?: string;
}

/** An `AWS::SQS::Queue`: local name is QueueName, or `<Stack>-<LogicalId>` (`.fifo` for FIFO queues). */
export interface LocalQueue { logicalId: string; queueName: string; arn: string; url: string; properties: Props }

/** An `AWS::Lambda::EventSourceMapping` from a DynamoDB table's stream, with Lambda's defaults filled in. */
export interface LocalEventSourceMapping {
  logicalId: string;
  functionLogicalId: string;
  functionName: string;
  functionArn: string;
  tableLogicalId: string;
  tableName: string;
  /** The EventSourceArn as resolved locally (`…/stream/local`); records carry it as `eventSourceARN`. */
  eventSourceArn: string;
  batchSize: number;
  maximumBatchingWindowInSeconds: number;
  startingPosition: 'TRIM_HORIZON' | 'LATEST';
  bisectBatchOnFunctionError: boolean;
  /** -1: retry until the record expires. */
  maximumRetryAttempts: number;
  /** -1: no age limit. */
  maximumRecordAgeInSeconds: number;
  functionResponseTypes: string[];
  /** `queueLogicalId` when the destination is one of the template's queues. */
  onFailure?: { destinationArn: string; queueLogicalId?: string };
  enabled: boolean;
}

export interface LocalApiModel {
  stackName: string;
  region: string;
  accountId: string;
  api: { logicalId: string; name: string; authenticationType: string; additionalAuthenticationProviders: Props[]; userPoolConfig?: Props;
    queryDepthLimit: number; resolverCountLimit: number; introspection: boolean; environmentVariables: Record<string, string>; xrayEnabled: boolean };
  schema: string;
  apiKeys: Array<{ logicalId: string; expires?: number }>;
  dataSources: Record<string, { name: string; type: string; tableName?: string; lambdaFunctionArn?: string }>;
  functions: Record<string, { functionId: string; name: string; dataSourceName: string; code: string; maxBatchSize?: number }>;
  resolvers: Array<{ typeName: string; fieldName: string; kind: 'UNIT' | 'PIPELINE'; dataSourceName?: string; functionIds: string[]; code?: string; maxBatchSize?: number }>;
  tables: Array<{ logicalId: string; tableName: string; properties: Props }>;
  lambdas: Record<string, { logicalId: string; functionName: string; arn: string; handler: string; runtime: string; codePath: string;
    environment: Record<string, string>; timeoutSeconds: number; memorySize: number;
    /** Retries and event age of asynchronous invocations (AWS::Lambda::EventInvokeConfig). */
    asyncConfig?: AsyncInvokeConfig }>;
  /** `triggers`: the pool's Lambda triggers cognito-local can call (PostConfirmation…) → local function names. */
  userPools: Array<{ logicalId: string; id: string; properties: Props; triggers: Record<string, string> }>;
  userPoolClients: Array<{ logicalId: string; id: string; userPoolId: string; properties: Props }>;
  userPoolGroups: Array<{ logicalId: string; groupName: string; userPoolId: string }>;
  /** Scheduled `AWS::Events::Rule`s with their Lambda targets. */
  rules: ScheduleRuleModel[];
  queues: LocalQueue[];
  eventSourceMappings: LocalEventSourceMapping[];
  /** Stack outputs resolved to local values; an output that names something not served locally is left out. */
  outputs: Record<string, string>;
  ignored: Array<{ logicalId: string; type: string; reason: string }>;
  unsupported: Array<{ logicalId: string; type: string; reason: string }>;
}

/** Types that shape the deployment but have no local behaviour. */
const IGNORED: Record<string, string> = {
  'AWS::IAM::Role': 'IAM is not enforced between local services',
  'AWS::IAM::Policy': 'IAM is not enforced between local services',
  'AWS::IAM::ManagedPolicy': 'IAM is not enforced between local services',
  'AWS::Lambda::Permission': 'invoke permissions are not enforced locally',
  'AWS::Logs::LogGroup': 'logs go to the terminal',
  'Custom::LogRetention': 'logs go to the terminal',
  'AWS::CDK::Metadata': 'CDK bookkeeping',
  'AWS::SQS::QueuePolicy': 'queue policies are not enforced locally',
};
const SERVED = new Set([
  'AWS::AppSync::GraphQLApi', 'AWS::AppSync::GraphQLSchema', 'AWS::AppSync::ApiKey', 'AWS::AppSync::DataSource', 'AWS::AppSync::FunctionConfiguration',
  'AWS::AppSync::Resolver', 'AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable', 'AWS::Lambda::Function',
  'AWS::Cognito::UserPool', 'AWS::Cognito::UserPoolClient', 'AWS::Cognito::UserPoolGroup',
  'AWS::SQS::Queue', 'AWS::Lambda::EventSourceMapping', 'AWS::Lambda::EventInvokeConfig',
  'AWS::Events::Rule',
]);
const SERVED_DATA_SOURCES = new Set(['AMAZON_DYNAMODB', 'AWS_LAMBDA', 'NONE']);

export function loadApi(dir: string, options: LoadOptions = {}): LocalApiModel {
  const assembly = readStackAssembly(dir, options.stackName);
  const region = options.region ?? 'us-east-1';
  const accountId = options.accountId ?? '000000000000';
  const context = intrinsicContext(assembly, region, accountId, options);
  const resolve = (value: unknown, where: string) => {
    try {
      return resolveIntrinsics(value, context);
    } catch (error) {
      throw new Error(`${where}: ${(error as Error).message}`);
    }
  };
  const byType = (type: string) => Object.entries(assembly.resources).filter(([, r]) => r.Type === type)
    .map(([logicalId, r]) => ({ logicalId, props: resolve(r.Properties ?? {}, `${logicalId} (${type})`) as Props }));
  const code = (props: Props, where: string) => inlineOrAssetCode(props, assembly, where);

  const apis = byType('AWS::AppSync::GraphQLApi');
  if (apis.length !== 1) throw new Error(`Expected one AWS::AppSync::GraphQLApi in ${assembly.stackName}, found ${apis.length}`);
  const [api] = apis;
  const schemaResource = byType('AWS::AppSync::GraphQLSchema')[0];
  if (!schemaResource) throw new Error(`${assembly.stackName} has no AWS::AppSync::GraphQLSchema`);

  const model: LocalApiModel = {
    stackName: assembly.stackName, region, accountId,
    api: {
      logicalId: api.logicalId,
      name: String(api.props.Name),
      authenticationType: String(api.props.AuthenticationType),
      additionalAuthenticationProviders: (api.props.AdditionalAuthenticationProviders as Props[] | undefined) ?? [],
      userPoolConfig: api.props.UserPoolConfig as Props | undefined,
      queryDepthLimit: Number(api.props.QueryDepthLimit ?? 0),
      resolverCountLimit: Number(api.props.ResolverCountLimit ?? 0),
      introspection: api.props.IntrospectionConfig !== 'DISABLED',
      environmentVariables: (api.props.EnvironmentVariables as Record<string, string> | undefined) ?? {},
      xrayEnabled: api.props.XrayEnabled === true,
    },
    schema: typeof schemaResource.props.Definition === 'string'
      ? schemaResource.props.Definition
      : readFileSync(assetPath(String(schemaResource.props.DefinitionS3Location), assembly, 'GraphQLSchema'), 'utf8'),
    apiKeys: byType('AWS::AppSync::ApiKey').map(({ logicalId, props }) => ({ logicalId, expires: props.Expires as number | undefined })),
    dataSources: {}, functions: {}, resolvers: [], tables: [], lambdas: {}, userPools: [], userPoolClients: [], userPoolGroups: [], rules: [],
    queues: [], eventSourceMappings: [], outputs: {}, ignored: [], unsupported: [],
  };

  for (const { logicalId, props } of byType('AWS::AppSync::DataSource')) {
    const type = String(props.Type);
    if (!SERVED_DATA_SOURCES.has(type)) {
      model.unsupported.push({ logicalId, type: `AWS::AppSync::DataSource (${type})`, reason: 'only AMAZON_DYNAMODB, AWS_LAMBDA and NONE data sources are served' });
      continue;
    }
    model.dataSources[String(props.Name)] = {
      name: String(props.Name), type,
      tableName: (props.DynamoDBConfig as Props | undefined)?.TableName as string | undefined,
      lambdaFunctionArn: (props.LambdaConfig as Props | undefined)?.LambdaFunctionArn as string | undefined,
    };
  }
  for (const { logicalId, props } of byType('AWS::AppSync::FunctionConfiguration')) {
    const functionId = String(context.getAtt(logicalId, 'FunctionId'));
    model.functions[functionId] = { functionId, name: String(props.Name), dataSourceName: String(props.DataSourceName), code: code(props, logicalId), maxBatchSize: props.MaxBatchSize as number | undefined };
  }
  for (const { logicalId, props } of byType('AWS::AppSync::Resolver')) {
    const kind = props.Kind === 'PIPELINE' ? 'PIPELINE' : 'UNIT';
    const hasCode = props.Code !== undefined || props.CodeS3Location !== undefined;
    model.resolvers.push({
      typeName: String(props.TypeName), fieldName: String(props.FieldName), kind,
      dataSourceName: props.DataSourceName as string | undefined,
      functionIds: ((props.PipelineConfig as Props | undefined)?.Functions as string[] | undefined) ?? [],
      code: hasCode ? code(props, logicalId) : undefined,
      maxBatchSize: props.MaxBatchSize as number | undefined,
    });
  }
  for (const type of ['AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable']) {
    for (const { logicalId, props } of byType(type)) model.tables.push({ logicalId, tableName: String(context.ref(logicalId)), properties: props });
  }
  for (const { logicalId, props } of byType('AWS::Lambda::Function')) {
    const codeProps = props.Code as Props;
    if (codeProps.ZipFile === undefined && codeProps.S3Key === undefined) {
      model.unsupported.push({ logicalId, type: 'AWS::Lambda::Function', reason: 'container-image functions are not served' });
      continue;
    }
    model.lambdas[logicalId] = {
      logicalId, functionName: String(context.ref(logicalId)), arn: String(context.getAtt(logicalId, 'Arn')),
      handler: String(props.Handler), runtime: String(props.Runtime),
      codePath: codeProps.S3Key !== undefined ? assetPath(String(codeProps.S3Key), assembly, logicalId) : '',
      environment: ((props.Environment as Props | undefined)?.Variables as Record<string, string> | undefined) ?? {},
      timeoutSeconds: Number(props.Timeout ?? 3), memorySize: Number(props.MemorySize ?? 128),
    };
  }
  for (const { logicalId, props } of byType('AWS::Lambda::EventInvokeConfig')) {
    const fn = Object.values(model.lambdas).find((l) => l.functionName === String(props.FunctionName));
    if (!fn || (props.Qualifier !== undefined && props.Qualifier !== '$LATEST')) {
      model.unsupported.push({ logicalId, type: 'AWS::Lambda::EventInvokeConfig', reason: `only a served function's $LATEST is configured (${String(props.FunctionName)}:${String(props.Qualifier)})` });
      continue;
    }
    fn.asyncConfig = {
      maximumRetryAttempts: Number(props.MaximumRetryAttempts ?? 2),
      maximumEventAgeSeconds: Number(props.MaximumEventAgeInSeconds ?? 21_600),
    };
    if (props.DestinationConfig !== undefined) {
      model.unsupported.push({ logicalId, type: 'AWS::Lambda::EventInvokeConfig', reason: 'its destinations are not emulated (retries and event age are); a dropped event is logged' });
    }
  }
  for (const { logicalId, props } of byType('AWS::Cognito::UserPool')) {
    const { triggers, unsupported } = userPoolTriggers(logicalId, props.LambdaConfig as Props | undefined, model.lambdas);
    model.userPools.push({ logicalId, id: String(context.ref(logicalId)), properties: props, triggers });
    model.unsupported.push(...unsupported);
  }
  for (const { logicalId, props } of byType('AWS::Cognito::UserPoolClient')) {
    model.userPoolClients.push({ logicalId, id: String(context.ref(logicalId)), userPoolId: String(props.UserPoolId), properties: props });
  }
  for (const { logicalId, props } of byType('AWS::Cognito::UserPoolGroup')) {
    model.userPoolGroups.push({ logicalId, groupName: String(props.GroupName ?? logicalId), userPoolId: String(props.UserPoolId) });
  }
  for (const { logicalId, props } of byType('AWS::SQS::Queue')) {
    model.queues.push({ logicalId, queueName: String(context.getAtt(logicalId, 'QueueName')), arn: String(context.getAtt(logicalId, 'Arn')), url: String(context.ref(logicalId)), properties: props });
  }
  for (const { logicalId, props } of byType('AWS::Lambda::EventSourceMapping')) {
    const mapping = streamMapping(logicalId, props, model);
    if (typeof mapping === 'string') model.unsupported.push({ logicalId, type: 'AWS::Lambda::EventSourceMapping', reason: mapping });
    else model.eventSourceMappings.push(mapping);
  }
  const rules = loadScheduleRules(byType('AWS::Events::Rule').map((r) => ({ ...r, name: String(context.ref(r.logicalId)), arn: String(context.getAtt(r.logicalId, 'Arn')) })), model.lambdas);
  model.rules.push(...rules.rules);
  model.unsupported.push(...rules.unsupported);
  for (const [logicalId, resource] of Object.entries(assembly.resources)) {
    if (SERVED.has(resource.Type)) continue;
    if (resource.Type in IGNORED) model.ignored.push({ logicalId, type: resource.Type, reason: IGNORED[resource.Type] });
    else model.unsupported.push({ logicalId, type: resource.Type, reason: 'the local runtime does not serve this resource type' });
  }
  for (const [name, output] of Object.entries(assembly.outputs)) {
    try {
      model.outputs[name] = String(resolveIntrinsics(output.Value, context));
    } catch {
      // e.g. an attribute the local runtime has no value for; outputs are informational.
    }
  }
  return model;
}

/** A DynamoDB stream mapping with Lambda's defaults, or why it is not served. */
function streamMapping(logicalId: string, props: Props, model: LocalApiModel): LocalEventSourceMapping | string {
  const sourceArn = typeof props.EventSourceArn === 'string' ? props.EventSourceArn : '';
  const tableName = /^arn:[^:]+:dynamodb:[^:]*:[^:]*:table\/([^/]+)\/stream\//.exec(sourceArn)?.[1];
  if (tableName === undefined) {
    const service = sourceArn.split(':')[2] || 'self-managed Kafka';
    return `only DynamoDB stream sources are served locally (this one is ${service})`;
  }
  const table = model.tables.find((t) => t.tableName === tableName);
  if (!table) return `its stream belongs to table ${tableName}, which is not in the template`;
  if (!(table.properties.StreamSpecification as Props | undefined)?.StreamViewType) return `table ${table.logicalId} has no stream`;
  if (props.FilterCriteria !== undefined) return 'FilterCriteria are not applied by the local runtime';
  if (Number(props.TumblingWindowInSeconds ?? 0) > 0) return 'tumbling windows are not served locally';
  // FunctionName may be a name, a full or partial ARN, with or without a qualifier.
  const named = String(props.FunctionName);
  const name = named.includes(':function:') ? named.split(':function:')[1].split(':')[0] : named.split(':')[0];
  const fn = Object.values(model.lambdas).find((l) => l.functionName === name);
  if (!fn) return `function ${named} is not served (not in the template, or a container image)`;
  const destination = ((props.DestinationConfig as Props | undefined)?.OnFailure as Props | undefined)?.Destination;
  return {
    logicalId, functionLogicalId: fn.logicalId, functionName: fn.functionName, functionArn: fn.arn,
    tableLogicalId: table.logicalId, tableName, eventSourceArn: sourceArn,
    batchSize: Number(props.BatchSize ?? 100),
    maximumBatchingWindowInSeconds: Number(props.MaximumBatchingWindowInSeconds ?? 0),
    startingPosition: props.StartingPosition === 'LATEST' ? 'LATEST' : 'TRIM_HORIZON',
    bisectBatchOnFunctionError: props.BisectBatchOnFunctionError === true || props.BisectBatchOnFunctionError === 'true',
    maximumRetryAttempts: Number(props.MaximumRetryAttempts ?? -1),
    maximumRecordAgeInSeconds: Number(props.MaximumRecordAgeInSeconds ?? -1),
    functionResponseTypes: (props.FunctionResponseTypes as string[] | undefined) ?? [],
    onFailure: typeof destination === 'string'
      ? { destinationArn: destination, queueLogicalId: model.queues.find((q) => q.arn === destination)?.logicalId }
      : undefined,
    enabled: props.Enabled !== false && props.Enabled !== 'false',
  };
}

function inlineOrAssetCode(props: Props, assembly: StackAssembly, where: string): string {
  if (typeof props.Code === 'string') return props.Code;
  if (props.CodeS3Location !== undefined) return readFileSync(assetPath(String(props.CodeS3Location), assembly, where), 'utf8');
  throw new Error(`${where} has no Code or CodeS3Location`);
}

/** `s3://bucket/<objectKey>` or a bare object key → the asset's path in the assembly. */
function assetPath(location: string, assembly: StackAssembly, where: string): string {
  const key = location.startsWith('s3://') ? location.replace(/^s3:\/\/[^/]+\//, '') : location;
  const path = assembly.assetsByObjectKey.get(key) ?? assembly.assetsByObjectKey.get(basename(key));
  if (!path) throw new Error(`${where}: asset ${key} is not in the assembly's asset manifest`);
  return path;
}

/** Local meanings of Ref and Fn::GetAtt, by resource type. */
function intrinsicContext(assembly: StackAssembly, region: string, accountId: string, options: LoadOptions): IntrinsicContext {
  const partition = 'aws';
  const arn = (service: string, resource: string) => `arn:${partition}:${service}:${region}:${accountId}:${resource}`;
  const resourceOf = (logicalId: string): CfnResource => {
    const r = assembly.resources[logicalId];
    if (!r) throw new IntrinsicError(`reference to ${logicalId}, which is not a resource of ${assembly.stackName}`);
    return r;
  };
  const localName = (logicalId: string, nameProperty: string) => {
    const declared = resourceOf(logicalId).Properties?.[nameProperty];
    return typeof declared === 'string' ? declared : `${assembly.stackName}-${logicalId}`;
  };
  const graphqlUrl = options.graphqlUrl ?? 'http://127.0.0.1:20002/graphql';
  const queueName = (logicalId: string) => {
    const r = resourceOf(logicalId);
    const fifo = r.Properties?.FifoQueue === true || r.Properties?.FifoQueue === 'true';
    return typeof r.Properties?.QueueName === 'string' ? r.Properties.QueueName : `${assembly.stackName}-${logicalId}${fifo ? '.fifo' : ''}`;
  };
  const ctx: IntrinsicContext = {
    region, accountId, partition, stackName: assembly.stackName, urlSuffix: 'amazonaws.com',
    ref(logicalId) {
      const r = resourceOf(logicalId);
      switch (r.Type) {
        case 'AWS::DynamoDB::Table': case 'AWS::DynamoDB::GlobalTable': return `${options.tableNamePrefix ?? ''}${localName(logicalId, 'TableName')}`;
        case 'AWS::Lambda::Function': return localName(logicalId, 'FunctionName');
        case 'AWS::Cognito::UserPool': return options.userPoolIds?.[logicalId] ?? `${region}_${logicalId.replace(/[^A-Za-z0-9]/g, '').slice(0, 9)}`;
        case 'AWS::Cognito::UserPoolClient': return options.userPoolClientIds?.[logicalId] ?? logicalId.toLowerCase();
        case 'AWS::IAM::Role': return logicalId;
        case 'AWS::Events::Rule': return localName(logicalId, 'Name');
        case 'AWS::SQS::Queue': return `${options.sqsEndpoint ?? 'http://127.0.0.1:9324'}/${accountId}/${queueName(logicalId)}`;
        default: return logicalId;
      }
    },
    getAtt(logicalId, attribute) {
      const r = resourceOf(logicalId);
      switch (`${r.Type}.${attribute}`) {
        case 'AWS::DynamoDB::Table.Arn': case 'AWS::DynamoDB::GlobalTable.Arn': return arn('dynamodb', `table/${ctx.ref(logicalId)}`);
        case 'AWS::DynamoDB::Table.StreamArn': case 'AWS::DynamoDB::GlobalTable.StreamArn': return arn('dynamodb', `table/${ctx.ref(logicalId)}/stream/local`);
        case 'AWS::Lambda::Function.Arn': return arn('lambda', `function:${ctx.ref(logicalId)}`);
        case 'AWS::AppSync::GraphQLApi.ApiId': return 'local';
        case 'AWS::AppSync::GraphQLApi.Arn': return arn('appsync', 'apis/local');
        case 'AWS::AppSync::GraphQLApi.GraphQLUrl': return graphqlUrl;
        case 'AWS::AppSync::GraphQLApi.RealtimeUrl': return `${graphqlUrl.replace(/^http/, 'ws')}/realtime`;
        case 'AWS::AppSync::GraphQLApi.GraphQLEndpointArn': return arn('appsync', 'endpoints/graphql-api/local');
        case 'AWS::AppSync::DataSource.Name': return String(r.Properties?.Name);
        case 'AWS::AppSync::DataSource.DataSourceArn': return arn('appsync', `apis/local/datasources/${String(r.Properties?.Name)}`);
        case 'AWS::AppSync::FunctionConfiguration.FunctionId': return `fn-${String(r.Properties?.Name ?? logicalId)}`;
        case 'AWS::AppSync::FunctionConfiguration.FunctionArn': return arn('appsync', `apis/local/functions/fn-${String(r.Properties?.Name ?? logicalId)}`);
        case 'AWS::Cognito::UserPool.Arn': return arn('cognito-idp', `userpool/${String(ctx.ref(logicalId))}`);
        case 'AWS::Cognito::UserPool.ProviderName': return `cognito-idp.${region}.amazonaws.com/${String(ctx.ref(logicalId))}`;
        case 'AWS::IAM::Role.Arn': return `arn:${partition}:iam::${accountId}:role/${logicalId}`;
        case 'AWS::Events::Rule.Arn': return arn('events', `rule/${String(ctx.ref(logicalId))}`);
        case 'AWS::SQS::Queue.Arn': return arn('sqs', queueName(logicalId));
        case 'AWS::SQS::Queue.QueueName': return queueName(logicalId);
        case 'AWS::SQS::Queue.QueueUrl': return ctx.ref(logicalId);
        default: return `${logicalId}.${attribute}`;
      }
    },
  };
  return ctx;
}
