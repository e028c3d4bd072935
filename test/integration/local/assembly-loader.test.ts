import { beforeAll, describe, expect, inject, it } from 'vitest';
import { loadApi, type LocalApiModel } from '../../../local/assembly/load-api';

let model: LocalApiModel;
beforeAll(() => {
  const outdir = inject('miniAppAssembly');
  model = loadApi(outdir, { userPoolIds: {}, graphqlUrl: 'http://127.0.0.1:4321/graphql', sqsEndpoint: 'http://127.0.0.1:4322' });
}, 60_000);

describe('loading a CDK AppSync app that is not Taskboard', () => {
  it('reads the API settings and the schema from its asset', () => {
    expect(model.stackName).toBe('Notes');
    expect(model.api).toMatchObject({ name: 'notes', authenticationType: 'API_KEY', queryDepthLimit: 5, environmentVariables: { GREETING: 'hi' } });
    expect(model.api.additionalAuthenticationProviders[0]).toMatchObject({ AuthenticationType: 'AMAZON_COGNITO_USER_POOLS', UserPoolConfig: { UserPoolId: model.userPools[0].id } });
    expect(model.schema).toContain('type Note @aws_api_key');
    expect(model.apiKeys).toHaveLength(1);
  });

  it('resolves data sources to local table names and function ARNs', () => {
    expect(model.dataSources.NotesDs).toEqual({ name: 'NotesDs', type: 'AMAZON_DYNAMODB', tableName: 'notes-table', lambdaFunctionArn: undefined });
    expect(model.dataSources.ShoutDs.lambdaFunctionArn).toMatch(/^arn:aws:lambda:us-east-1:000000000000:function:Notes-Shouter[0-9A-F]{8}$/);
    expect(model.dataSources.ShoutDs.lambdaFunctionArn).toBe(Object.values(model.lambdas)[0].arn);
    expect(model.dataSources.Local.type).toBe('NONE');
  });

  it('reads resolver code inline and from assets, and pipelines in order', () => {
    const note = model.resolvers.find((r) => r.fieldName === 'note')!;
    expect(note).toMatchObject({ typeName: 'Query', kind: 'UNIT', dataSourceName: 'NotesDs' });
    expect(note.code).toContain("ddb.get({ key: { id: ctx.args.id } })");
    const shout = model.resolvers.find((r) => r.fieldName === 'shout')!;
    expect(shout.kind).toBe('PIPELINE');
    expect(shout.functionIds.map((id) => model.functions[id].name)).toEqual(['first', 'second']);
    expect(model.functions[shout.functionIds[0]].code).toContain('payload: { text: ctx.args.text }');
  });

  it('finds Lambda bundles in the assembly with their resolved environment', () => {
    const [shouter] = Object.values(model.lambdas);
    expect(shouter).toMatchObject({ handler: 'index.handler', runtime: 'nodejs22.x', timeoutSeconds: 5, environment: { TABLE: 'notes-table' } });
    expect(shouter.codePath).toMatch(/asset\.[0-9a-f]{64}$/);
  });

  it('lists tables and Cognito resources with local ids', () => {
    expect(model.tables.map((t) => t.tableName)).toEqual(['notes-table', expect.stringMatching(/^Notes-Events[0-9A-F]{8}$/), expect.stringMatching(/^Notes-Deliveries[0-9A-F]{8}$/)]);
    expect(model.userPoolClients[0].userPoolId).toBe(model.userPools[0].id);
    expect(model.userPoolGroups).toEqual([expect.objectContaining({ groupName: 'editors', userPoolId: model.userPools[0].id })]);
  });

  it('models queues with local names, ARNs and URLs, and a stream mapping with its settings and destination', () => {
    const failures = model.queues.find((q) => q.logicalId.startsWith('StreamFailures'))!;
    expect(failures).toMatchObject({ properties: { SqsManagedSseEnabled: true } });
    expect(failures.queueName).toMatch(/^Notes-StreamFailures[0-9A-F]{8}$/);
    expect(failures.arn).toBe(`arn:aws:sqs:us-east-1:000000000000:${failures.queueName}`);
    expect(failures.url).toBe(`http://127.0.0.1:4322/000000000000/${failures.queueName}`);
    const events = model.tables.find((t) => t.logicalId.startsWith('Events'))!;
    const consumer = Object.values(model.lambdas).find((l) => l.logicalId.startsWith('StreamConsumer'))!;
    expect(model.eventSourceMappings).toEqual([{
      logicalId: expect.stringMatching(/^StreamConsumerDynamoDBEventSource/),
      functionLogicalId: consumer.logicalId, functionName: consumer.functionName, functionArn: consumer.arn,
      tableLogicalId: events.logicalId, tableName: events.tableName, eventSourceArn: `arn:aws:dynamodb:us-east-1:000000000000:table/${events.tableName}/stream/local`,
      batchSize: 4, maximumBatchingWindowInSeconds: 1, startingPosition: 'TRIM_HORIZON', bisectBatchOnFunctionError: true,
      maximumRetryAttempts: 1, maximumRecordAgeInSeconds: -1, functionResponseTypes: ['ReportBatchItemFailures'],
      onFailure: { destinationArn: failures.arn, queueLogicalId: failures.logicalId }, enabled: true,
    }]);
  });

  it('reports what it cannot serve by name, and what it ignores with a reason', () => {
    expect(model.unsupported).toEqual([
      { type: 'AWS::Lambda::EventSourceMapping', logicalId: expect.stringMatching(/^StreamConsumerSqsEventSource/), reason: 'only DynamoDB stream sources are served locally (this one is sqs)' },
      expect.objectContaining({ type: 'AWS::SNS::Topic', logicalId: expect.stringMatching(/^Outbox/) }),
    ]);
    expect(model.ignored).toContainEqual(expect.objectContaining({ type: 'AWS::SQS::QueuePolicy', reason: 'queue policies are not enforced locally' }));
    expect(model.ignored.map((i) => i.type)).toContain('AWS::IAM::Role');
    expect(model.ignored.every((i) => i.reason.length > 0)).toBe(true);
  });
});
