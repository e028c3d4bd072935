/**
 * Lambda's Invoke API (`POST /2015-03-31/functions/{FunctionName}/invocations`) for every
 * function of the template, on the runtime's own port: cognito-local calls triggers through it,
 * functions call each other through it (AWS_ENDPOINT_URL_LAMBDA), and developers invoke functions
 * with the AWS CLI or SDK. Requests are SigV4-verified (service `lambda`) against the runtime's
 * IAM credentials; status codes, headers and error bodies are Lambda's.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { verifySigV4, type LocalCredentials } from '../auth/iam';
import type { LocalRoute } from '../server/http-server';
import type { LogLevel } from '../server/request-log';
import { createAsyncInvoker, type AsyncInvoker } from './async-invoker';
import type { InvokeResult, LambdaRunner, LocalFunction } from './runner';
import { readBody } from '../server/read-body';

export interface InvokeEndpointOptions {
  region: string;
  accountId: string;
  credentials: LocalCredentials[];
  logLevel?: LogLevel;
  log?: (line: string) => void;
  /** Waits before retrying a failed asynchronous invocation; Lambda's (1 and 2 minutes) by default. */
  asyncRetryDelaysMs?: readonly number[];
}

export interface InvokeEndpoint {
  route: LocalRoute;
  /** Serve invocations from now on; requests that arrived while the runtime was starting wait for this. */
  serve(runner: LambdaRunner, functions: LocalFunction[]): void;
  /** Invokes a served function in-process (the scheduler); `source` names the caller in the log. */
  invoke(functionName: string, event: unknown, source?: string): Promise<InvokeResult>;
  /** Invokes a served function asynchronously (EventBridge targets), with Lambda's retries. */
  invokeAsync(functionName: string, event: unknown, source: string): void;
  /** Asynchronous invocations running or waiting for a retry. */
  asyncInvocations: Pick<AsyncInvoker, 'pending' | 'settled'>;
  /** Cancels the retries not yet made. */
  stop(): void;
}

const PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;
/** Lambda's request payload limits: 6 MB synchronous, 1 MB asynchronous. */
const MAX_SYNC_BYTES = 6 * 1024 * 1024;
const MAX_ASYNC_BYTES = 1024 * 1024;
/** X-Amz-Log-Result carries the last 4 KB of the invocation's log. */
const LOG_TAIL_BYTES = 4096;
const INVOCATION_TYPES = ['RequestResponse', 'Event', 'DryRun'];

export function createInvokeEndpoint(options: InvokeEndpointOptions): InvokeEndpoint {
  let serving: { runner: LambdaRunner; functions: Map<string, LocalFunction> } | undefined;
  let ready!: () => void;
  const started = new Promise<void>((resolve) => { ready = resolve; });
  const log = options.log ?? (() => undefined);
  const level = options.logLevel ?? 'INFO';
  const arnPrefix = `arn:aws:lambda:${options.region}:${options.accountId}:function:`;

  const run = async (fn: LocalFunction, event: unknown, source: string): Promise<InvokeResult> => {
    const t0 = performance.now();
    const result = await serving!.runner.invoke(fn, event);
    const failed = !result.ok;
    if (level !== 'NONE' && (failed || level !== 'ERROR')) {
      log(`lambda ${fn.functionName} (${source}) ${(performance.now() - t0).toFixed(1)}ms ${result.ok ? 'ok' : `${result.error.errorType}: ${result.error.errorMessage}`}`);
      if (level === 'DEBUG' || level === 'ALL') for (const line of result.logs) log(`  lambda: ${line}`);
    }
    return result;
  };
  const asyncInvoker = createAsyncInvoker({
    run,
    current: (name) => serving?.functions.get(name),
    retryDelaysMs: options.asyncRetryDelaysMs,
    log,
  });

  const route: LocalRoute = async (req, res, path) => {
    const match = PATH.exec(path);
    if (!match || req.method !== 'POST') return false;
    const invocationType = header(req, 'x-amz-invocation-type') ?? 'RequestResponse';
    const body = await readBody(req, invocationType === 'Event' ? MAX_ASYNC_BYTES : MAX_SYNC_BYTES);
    if (body === undefined) {
      const limit = invocationType === 'Event' ? MAX_ASYNC_BYTES : MAX_SYNC_BYTES;
      sendError(res, 413, 'RequestTooLargeException', { Type: 'User', message: `Request must be smaller than ${limit} bytes for the InvokeFunction operation` });
      return true;
    }
    const authorization = header(req, 'authorization');
    if (!authorization) {
      sendError(res, 403, 'MissingAuthenticationTokenException', { message: 'Missing Authentication Token' });
      return true;
    }
    const auth = await verifySigV4(
      { method: req.method, path: req.url ?? path, host: header(req, 'host') ?? '', headers: req.headers, body },
      options.credentials,
      { region: options.region, service: 'lambda', sourceIp: req.socket.remoteAddress ?? '127.0.0.1', accountId: options.accountId },
    );
    if (!auth.ok) {
      sendError(res, auth.status, auth.errorType, { message: auth.message });
      return true;
    }
    if (!INVOCATION_TYPES.includes(invocationType)) {
      sendError(res, 400, 'ValidationException', {
        message: `1 validation error detected: Value '${invocationType}' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: [${INVOCATION_TYPES.join(', ')}]`,
      });
      return true;
    }
    await started;

    const target = parseFunctionName(decodeSegment(match[1]), new URL(req.url ?? path, 'http://local').searchParams.get('Qualifier'), options);
    const fn = target.accountId === options.accountId && target.region === options.region && (target.qualifier ?? '$LATEST') === '$LATEST'
      ? serving!.functions.get(target.name)
      : undefined;
    if (!fn) {
      const arn = `arn:aws:lambda:${target.region}:${target.accountId}:function:${target.name}${target.qualifier ? `:${target.qualifier}` : ''}`;
      sendError(res, 404, 'ResourceNotFoundException', { Type: 'User', Message: `Function not found: ${arn}` });
      return true;
    }

    let event: unknown = {};
    if (body.trim() !== '') {
      try {
        event = JSON.parse(body);
      } catch (error) {
        sendError(res, 400, 'InvalidRequestContentException', { Type: 'User', message: `Could not parse request body into json: Could not parse payload into json: ${(error as Error).message}` });
        return true;
      }
    }

    if (invocationType === 'DryRun') {
      res.writeHead(204, { 'x-amzn-requestid': randomUUID() }).end();
      return true;
    }
    if (invocationType === 'Event') {
      // Accepted, then run in the background, with Lambda's retries of a failed event.
      asyncInvoker.enqueue(fn, event, 'Event');
      res.writeHead(202, { 'x-amzn-requestid': randomUUID(), 'content-length': '0' }).end();
      return true;
    }
    const result = await run(fn, event, 'RequestResponse');
    const headers: Record<string, string> = { 'content-type': 'application/json', 'x-amzn-requestid': result.requestId, 'x-amz-executed-version': '$LATEST' };
    if (!result.ok) headers['x-amz-function-error'] = 'Unhandled';
    if (header(req, 'x-amz-log-type') === 'Tail') {
      // Output written just before the function returned can reach us after its result.
      await new Promise((resolve) => setImmediate(resolve));
      headers['x-amz-log-result'] = logTail(fn, result);
    }
    const payload = result.ok ? JSON.stringify(result.payload ?? null) : JSON.stringify(result.error);
    res.writeHead(200, headers).end(payload);
    return true;
  };

  return {
    route,
    serve(runner, functions) {
      serving = { runner, functions: new Map(functions.map((f) => [f.functionName, f])) };
      ready();
    },
    async invoke(functionName, event, source = 'Event') {
      await started;
      const fn = serving!.functions.get(functionName);
      if (!fn) throw new Error(`Function not found: ${arnPrefix}${functionName}`);
      return run(fn, event, source);
    },
    invokeAsync(functionName, event, source) {
      const fn = serving?.functions.get(functionName);
      if (!fn) {
        log(`lambda ${functionName} (${source}): not served; the event is dropped`);
        return;
      }
      asyncInvoker.enqueue(fn, event, source);
    },
    asyncInvocations: asyncInvoker,
    stop: () => asyncInvoker.stop(),
  };
}

/** A name (`my-function`, `my-function:v1`), a partial ARN (`123456789012:function:my-function`) or a full ARN. */
export function parseFunctionName(value: string, qualifierParam: string | null, defaults: { region: string; accountId: string }): { name: string; qualifier?: string; region: string; accountId: string } {
  const parts = value.split(':');
  let region = defaults.region;
  let accountId = defaults.accountId;
  let rest = parts;
  if (parts[0] === 'arn' && parts.length >= 7) {
    [region, accountId] = [parts[3], parts[4]];
    rest = parts.slice(6);
  } else if (parts.length >= 3 && parts[1] === 'function') {
    accountId = parts[0];
    rest = parts.slice(2);
  }
  const [name, qualifier] = rest;
  return { name, qualifier: qualifier ?? qualifierParam ?? undefined, region, accountId };
}

function logTail(fn: LocalFunction, result: InvokeResult): string {
  const lines = [
    `START RequestId: ${result.requestId} Version: $LATEST`,
    ...result.logs,
    ...(result.ok ? [] : [JSON.stringify(result.error)]),
    `END RequestId: ${result.requestId}`,
    `REPORT RequestId: ${result.requestId}\tMemory Size: ${fn.memorySize} MB`,
  ];
  const bytes = Buffer.from(`${lines.join('\n')}\n`, 'utf8');
  return bytes.subarray(Math.max(0, bytes.length - LOG_TAIL_BYTES)).toString('base64');
}

function sendError(res: ServerResponse, status: number, errorType: string, body: Record<string, string>): void {
  res.writeHead(status, { 'content-type': 'application/json', 'x-amzn-errortype': errorType, 'x-amzn-requestid': randomUUID() });
  res.end(JSON.stringify(body));
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}


/** What `GET /local/info` says about the functions and scheduled rules, for `npm run invoke`. */
export function invokeInfo(url: string, accountId: string, functions: Array<{ logicalId: string; functionName: string; arn: string; handler: string; runtime: string }>) {
  return {
    lambdaEndpoint: url,
    accountId,
    functions: functions.map((f) => ({ name: f.functionName, logicalId: f.logicalId, arn: f.arn, handler: f.handler, runtime: f.runtime })),
  };
}

const LOOPBACK = /^(127(?:\.\d{1,3}){3}|localhost|::1|\[::1\])$/i;

/**
 * The IAM secret for `GET /local/info`, given only to local tools: the server must be bound to
 * loopback, the request must name a loopback host (a DNS-rebound page names its own) and carry no
 * Origin (browsers send one cross-origin, and the info route allows any origin).
 */
export function localCredentialsInfo(boundHost: string, credentials: LocalCredentials): (req: IncomingMessage) => Record<string, unknown> {
  return (req) => {
    const hostHeader = header(req, 'host') ?? '';
    const hostname = hostHeader.startsWith('[') ? hostHeader.slice(0, hostHeader.indexOf(']') + 1) : hostHeader.split(':')[0];
    if (!LOOPBACK.test(boundHost) || !LOOPBACK.test(hostname) || header(req, 'origin') !== undefined) return {};
    return { iamCredentials: { accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey } };
  };
}
