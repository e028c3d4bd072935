/**
 * The local Lambda Invoke API, called with the real AWS SDK (@aws-sdk/client-lambda) as a
 * developer, a tool or another function would, on the fixture app's functions: invocation types,
 * function errors, log tails, name forms, Lambda's error shapes, and SigV4 verification.
 */
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { InvokeCommand, LambdaClient, type InvokeCommandOutput } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { givenLocalApi, type LocalApi } from '../../helpers/local-api';

let api: LocalApi;
let lambda: LambdaClient;
const lines: string[] = [];

beforeAll(async () => {
  const outdir = inject('miniAppAssembly');
  // Lambda waits a minute, then two, before retrying a failed async event; here, a tenth of a second.
  api = await givenLocalApi({ assemblyDir: outdir, lines, lambdaAsyncRetryDelaysMs: [100, 200] });
  lambda = client(api.runtime.iamCredentials);
}, 120_000);
afterAll(async () => {
  lambda?.destroy();
  await api?.close();
});

const client = (credentials: { accessKeyId: string; secretAccessKey: string }) =>
  new LambdaClient({ endpoint: api.runtime.url, region: 'us-east-1', credentials: { accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey }, maxAttempts: 1 });
const fn = (logicalIdPrefix: string) => Object.values(api.runtime.model.lambdas).find((l) => l.logicalId.startsWith(logicalIdPrefix))!;
const payloadOf = (out: InvokeCommandOutput) => JSON.parse(new TextDecoder().decode(out.Payload)) as unknown;
const invoke = (FunctionName: string, payload: unknown, extra: Partial<ConstructorParameters<typeof InvokeCommand>[0]> = {}) =>
  lambda.send(new InvokeCommand({ FunctionName, Payload: new TextEncoder().encode(JSON.stringify(payload)), ...extra }));
const notesTable = () => api.runtime.model.tables.find((t) => t.logicalId.startsWith('Notes'))!.tableName;
async function noteEventually(id: string): Promise<Record<string, unknown> | undefined> {
  for (let i = 0; i < 100; i += 1) {
    const got = await api.runtime.client.send(new GetItemCommand({ TableName: notesTable(), Key: { id: { S: id } }, ConsistentRead: true }));
    if (got.Item) return JSON.parse(got.Item.text.S!) as Record<string, unknown>;
    await new Promise((r) => setTimeout(r, 100));
  }
  return undefined;
}

describe('Invoke: RequestResponse', () => {
  it('returns the function result with status 200 and the executed version', async () => {
    const out = await invoke(fn('Shouter').functionName, { text: 'hello' });
    expect(out.StatusCode).toBe(200);
    expect(out.FunctionError).toBeUndefined();
    expect(out.ExecutedVersion).toBe('$LATEST');
    expect(payloadOf(out)).toBe('HELLO');
  });

  it('finds the function by name, full ARN, partial ARN, or with the $LATEST qualifier', async () => {
    const { functionName, arn } = fn('Shouter');
    for (const name of [arn, `000000000000:function:${functionName}`, `${functionName}:$LATEST`, arn + ':$LATEST']) {
      expect(payloadOf(await invoke(name, { text: 'x' })), name).toBe('X');
    }
    expect(payloadOf(await invoke(functionName, { text: 'q' }, { Qualifier: '$LATEST' }))).toBe('Q');
  });

  it('gives an empty payload as {} to the function', async () => {
    const out = await lambda.send(new InvokeCommand({ FunctionName: fn('Shouter').functionName }));
    // The shouter upper-cases String(event.text): `undefined` for {}.
    expect(payloadOf(out)).toBe('UNDEFINED');
  });

  it('reports a function error with X-Amz-Function-Error: Unhandled and the error payload, still status 200', async () => {
    const out = await invoke(fn('Shouter').functionName, { text: 'fail' });
    expect(out.StatusCode).toBe(200);
    expect(out.FunctionError).toBe('Unhandled');
    expect(payloadOf(out)).toEqual({ errorType: 'Error', errorMessage: 'the shouter failed', trace: expect.arrayContaining([expect.stringContaining('Error: the shouter failed')]) });
  });

  it('returns the last 4 KB of the log, base64, with LogType Tail', async () => {
    const out = await invoke(fn('Shouter').functionName, [{ text: 'a' }, { text: 'b' }], { LogType: 'Tail' });
    expect(payloadOf(out)).toEqual(['A!', 'B!']);
    const tail = Buffer.from(out.LogResult!, 'base64').toString('utf8');
    expect(tail).toMatch(/^START RequestId: [0-9a-f-]{36} Version: \$LATEST\n/);
    expect(tail).toContain('batch of 2');
    expect(tail).toMatch(/END RequestId: [0-9a-f-]{36}\nREPORT RequestId/);
    const noTail = await invoke(fn('Shouter').functionName, { text: 'a' });
    expect(noTail.LogResult).toBeUndefined();
  });
});

describe('Invoke: Event and DryRun', () => {
  it('accepts an Event invocation with 202 and runs the function in the background', async () => {
    const out = await invoke(fn('NightlyDigest').functionName, { marker: 'event-1' }, { InvocationType: 'Event' });
    expect(out.StatusCode).toBe(202);
    expect(await noteEventually('digest-event-1')).toEqual({ marker: 'event-1' });
  });

  it('reads the function\'s EventInvokeConfig: one retry, a five-minute maximum event age', () => {
    expect(fn('NightlyDigest').asyncConfig).toEqual({ maximumRetryAttempts: 1, maximumEventAgeSeconds: 300 });
    expect(fn('Welcome').asyncConfig).toBeUndefined();
  });

  it('retries a failed Event invocation, as Lambda does: a function that fails once then succeeds runs twice', async () => {
    const out = await invoke(fn('NightlyDigest').functionName, { failUntil: { key: 'retry-1', attempt: 2 } }, { InvocationType: 'Event' });
    expect(out.StatusCode).toBe(202);
    expect(await noteEventually('digest-retry-1')).toEqual({ attempt: 2 });
    await api.runtime.asyncInvocations.settled();
    expect(lines.filter((l) => l.includes('retrying the async event'))).toContainEqual(expect.stringContaining('(attempt 2 of 2)'));
  });

  it('drops an Event invocation that still fails after its retries, and says so', async () => {
    await invoke(fn('NightlyDigest').functionName, { failUntil: { key: 'retry-2', attempt: 5 } }, { InvocationType: 'Event' });
    await new Promise((r) => setTimeout(r, 50));
    await api.runtime.asyncInvocations.settled();
    expect(api.runtime.asyncInvocations.pending).toBe(0);
    const attempts = await api.runtime.client.send(new GetItemCommand({ TableName: notesTable(), Key: { id: { S: 'attempts-retry-2' } }, ConsistentRead: true }));
    expect(attempts.Item?.attempts).toEqual({ N: '2' });
    expect(lines).toContainEqual(expect.stringMatching(/async event dropped after 2 attempt\(s\) \(maximum retry attempts 1\); last error Error: digest attempt 2 failed/));
  });

  it('lets a function invoke another (here itself) through AWS_ENDPOINT_URL_LAMBDA, signed with its own credentials', async () => {
    const out = await invoke(fn('NightlyDigest').functionName, { reinvoke: 'fan-out-1' });
    expect(out.FunctionError, JSON.stringify(payloadOf(out))).toBeUndefined();
    expect(payloadOf(out)).toEqual({ reinvoked: 202 });
    expect(await noteEventually('digest-fan-out-1')).toEqual({ marker: 'fan-out-1' });
  });

  it('answers DryRun with 204 without running the function', async () => {
    const out = await invoke(fn('NightlyDigest').functionName, { marker: 'dry-1' }, { InvocationType: 'DryRun' });
    expect(out.StatusCode).toBe(204);
    await new Promise((r) => setTimeout(r, 500));
    const got = await api.runtime.client.send(new GetItemCommand({ TableName: notesTable(), Key: { id: { S: 'digest-dry-1' } }, ConsistentRead: true }));
    expect(got.Item).toBeUndefined();
  });
});

describe('Invoke: errors', () => {
  it('answers an unknown function with 404 ResourceNotFoundException naming its ARN', async () => {
    await expect(invoke('nope', {})).rejects.toMatchObject({
      name: 'ResourceNotFoundException', message: 'Function not found: arn:aws:lambda:us-east-1:000000000000:function:nope', $metadata: { httpStatusCode: 404 },
    });
    await expect(invoke(`${fn('Shouter').functionName}:prod`, {})).rejects.toMatchObject({
      name: 'ResourceNotFoundException', message: `Function not found: ${fn('Shouter').arn}:prod`,
    });
    await expect(invoke('arn:aws:lambda:eu-west-1:000000000000:function:x', {})).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('answers a payload that is not JSON with 400 InvalidRequestContentException', async () => {
    await expect(lambda.send(new InvokeCommand({ FunctionName: fn('Shouter').functionName, Payload: new TextEncoder().encode('{not json') }))).rejects.toMatchObject({
      name: 'InvalidRequestContentException', message: expect.stringMatching(/^Could not parse request body into json: Could not parse payload into json: /), $metadata: { httpStatusCode: 400 },
    });
  });

  it('refuses a wrong secret with 403 InvalidSignatureException, in AWS\'s words and shape', async () => {
    const wrong = client({ accessKeyId: api.runtime.iamCredentials.accessKeyId, secretAccessKey: 'not-the-secret' });
    try {
      await expect(wrong.send(new InvokeCommand({ FunctionName: fn('Shouter').functionName, Payload: new TextEncoder().encode('{}') }))).rejects.toMatchObject({
        name: 'InvalidSignatureException', $metadata: { httpStatusCode: 403 },
        message: expect.stringMatching(/^The request signature we calculated does not match the signature you provided/),
      });
    } finally {
      wrong.destroy();
    }
  });

  it('refuses an unknown access key with 403 UnrecognizedClientException', async () => {
    const stranger = client({ accessKeyId: 'AKIAUNKNOWN000000000', secretAccessKey: 'x' });
    try {
      await expect(stranger.send(new InvokeCommand({ FunctionName: fn('Shouter').functionName }))).rejects.toMatchObject({
        name: 'UnrecognizedClientException', message: 'The security token included in the request is invalid.', $metadata: { httpStatusCode: 403 },
      });
    } finally {
      stranger.destroy();
    }
  });

  it('sends Lambda\'s raw error bodies and x-amzn-ErrorType headers', async () => {
    const unsigned = await fetch(`${api.runtime.url}/2015-03-31/functions/${fn('Shouter').functionName}/invocations`, { method: 'POST', body: '{}' });
    expect(unsigned.status).toBe(403);
    expect(unsigned.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException');
    expect(await unsigned.json()).toEqual({ message: 'Missing Authentication Token' });

    const forged = await fetch(`${api.runtime.url}/2015-03-31/functions/${fn('Shouter').functionName}/invocations`, {
      method: 'POST', body: '{}',
      headers: { 'x-amz-date': amzNow(), authorization: `AWS4-HMAC-SHA256 Credential=${api.runtime.iamCredentials.accessKeyId}/${amzNow().slice(0, 8)}/us-east-1/lambda/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}` },
    });
    expect(forged.status).toBe(403);
    expect(forged.headers.get('x-amzn-errortype')).toBe('InvalidSignatureException');
    expect(await forged.json()).toEqual({ message: expect.stringMatching(/^The request signature we calculated does not match/) });
  });

  it('keeps the 404 body Lambda sends ({"Type":"User","Message":…})', async () => {
    let raw: unknown;
    const spy = client(api.runtime.iamCredentials);
    spy.middlewareStack.add((next) => async (args) => {
      const out = await next(args);
      const response = out.response as { body: NodeJS.ReadableStream; statusCode: number };
      let text = '';
      for await (const chunk of response.body) text += String(chunk);
      raw = JSON.parse(text);
      const { Readable } = await import('node:stream');
      response.body = Readable.from([text]);
      return out;
    }, { step: 'deserialize', name: 'captureBody' });
    await expect(spy.send(new InvokeCommand({ FunctionName: 'missing' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    spy.destroy();
    expect(raw).toEqual({ Type: 'User', Message: 'Function not found: arn:aws:lambda:us-east-1:000000000000:function:missing' });
  });
});

describe('GET /local/info for local tools', () => {
  it('lists the functions and scheduled rules, and gives the IAM secret only to a non-browser caller on loopback', async () => {
    const info = await (await fetch(`${api.runtime.url}/local/info`)).json() as Record<string, unknown>;
    expect(info.lambdaEndpoint).toBe(api.runtime.url);
    expect(info.functions).toEqual(expect.arrayContaining([expect.objectContaining({ name: fn('NightlyDigest').functionName, logicalId: fn('NightlyDigest').logicalId, arn: fn('NightlyDigest').arn })]));
    expect(info.rules).toEqual([expect.objectContaining({
      scheduleExpression: 'cron(0 6 * * ? *)', state: 'ENABLED', nextRun: expect.stringMatching(/T06:00:00\.000Z$/),
      targets: [expect.objectContaining({ functionName: fn('NightlyDigest').functionName })],
    })]);
    expect(info.iamCredentials).toEqual({ accessKeyId: api.runtime.iamCredentials.accessKeyId, secretAccessKey: api.runtime.iamCredentials.secretAccessKey });
    const fromBrowser = await (await fetch(`${api.runtime.url}/local/info`, { headers: { origin: 'https://example.com' } })).json() as Record<string, unknown>;
    expect(fromBrowser.iamCredentials).toBeUndefined();
    expect(fromBrowser.functions).toBeDefined();
  });
});

function amzNow(): string {
  return new Date().toISOString().replace(/\.\d{3}/, '').replace(/[-:]/g, '');
}
