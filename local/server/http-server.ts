/**
 * The HTTP face of the local API: `POST /graphql` with AppSync's request format, status codes
 * and error bodies; `GET /health` (200 once ready); CORS as AppSync allows browsers. HTTPS when
 * given a certificate (the real-time endpoint then answers WSS on the same port).
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Authenticator } from '../auth/authenticate';
import type { LocalConsole } from '../console/console-routes';
import type { Executor, GraphQLRequestBody } from '../execution/executor';
import type { RealtimeServer } from '../realtime/realtime-server';
import { formatRequestLog, type LogLevel } from './request-log';
import { readBody } from './read-body';

/** AppSync rejects request bodies over this size. */
const MAX_BODY_BYTES = 5 * 1024 * 1024;

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': '*',
  'access-control-allow-methods': 'POST, GET, OPTIONS',
  'access-control-expose-headers': 'x-amzn-requestid, x-amzn-errortype',
  'access-control-max-age': '86400',
};

export interface ServerState {
  executor?: Executor;
  authenticator?: Authenticator;
  /** Receives every mutation's published results for `@aws_subscribe` subscriptions. */
  realtime?: RealtimeServer;
  /** What `GET /local/info` tells local tools (the token command): Cognito endpoint and clients. Local-only. */
  localInfo?: Record<string, unknown>;
  /** The local console (`GET /`, `/local/console/…`, `/local/traces/…`); it keeps each request's resolver trace. Local-only. */
  console?: LocalConsole;
  /**
   * Other AWS APIs served on this port (the Lambda Invoke API…), tried in order before `/graphql`:
   * a route answers and returns true, or returns false when the request is not its own.
   */
  routes?: LocalRoute[];
  /** Request-dependent additions to `GET /local/info` (the IAM secret, for local tools on loopback only). */
  localSecrets?: (req: IncomingMessage) => Record<string, unknown>;
}

export type LocalRoute = (req: IncomingMessage, res: ServerResponse, path: string) => Promise<boolean>;

export interface HttpServerOptions {
  host: string;
  port: number;
  state: ServerState;
  logLevel: LogLevel;
  log: (line: string) => void;
  /** PEM certificate and key: serve HTTPS (and WSS) instead of HTTP. */
  tls?: { cert: string; key: string };
}

export interface RunningServer {
  server: Server;
  port: number;
  close(): Promise<void>;
}

export async function startHttpServer(options: HttpServerOptions): Promise<RunningServer> {
  const listener: RequestListener = (req, res) => {
    handle(req, res, options).catch((error: unknown) => {
      options.log(`internal error: ${(error as Error).stack ?? String(error)}`);
      if (!res.headersSent) send(res, 500, { errors: [{ errorType: 'InternalFailure', message: 'An internal failure occurred in the local runtime.' }] });
    });
  };
  const server: Server = options.tls ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, listener) : createServer(listener);
  // Long-lived client connections, like AppSync's; close() drops them all, so they never hold shutdown.
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    server, port,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, options: HttpServerOptions): Promise<void> {
  const path = (req.url ?? '/').split('?')[0];
  if (req.method === 'OPTIONS') {
    res.writeHead(204, CORS).end();
    return;
  }
  if (path === '/health' && req.method === 'GET') {
    const ready = options.state.executor !== undefined;
    send(res, ready ? 200 : 503, { status: ready ? 'ok' : 'starting' });
    return;
  }
  if (path === '/local/info' && req.method === 'GET') {
    const info = options.state.localInfo;
    send(res, info ? 200 : 503, info ? { ...info, ...options.state.localSecrets?.(req) } : { status: 'starting' });
    return;
  }
  if (options.state.console && (await options.state.console.handle(req, res, path))) return;
  for (const route of options.state.routes ?? []) if (await route(req, res, path)) return;
  if (path !== '/graphql') {
    send(res, 404, { errors: [{ errorType: 'NotFoundException', message: `No route for ${req.method} ${path}; the API is served at POST /graphql` }] });
    return;
  }
  if (req.method !== 'POST') {
    send(res, 405, { errors: [{ errorType: 'MethodNotAllowedException', message: 'Use POST for GraphQL requests.' }] });
    return;
  }
  const { executor, authenticator } = options.state;
  if (!executor || !authenticator) {
    send(res, 503, { errors: [{ errorType: 'ServiceUnavailableException', message: 'The local API is still starting; retry when GET /health returns 200.' }] });
    return;
  }
  const started = performance.now();
  const receivedAt = new Date();
  const raw = await readBody(req, MAX_BODY_BYTES);
  if (raw === undefined) {
    send(res, 413, { errors: [{ errorType: 'PayloadTooLargeException', message: 'Request body is too large.' }] });
    return;
  }
  if (raw.trim() === '') {
    send(res, 400, { errors: [{ errorType: 'MalformedHttpRequestException', message: 'Request body is empty.' }] });
    return;
  }
  const body = parseBody(raw);
  if (!body) {
    send(res, 400, { errors: [{ errorType: 'MalformedHttpRequestException', message: 'Unable to parse GraphQL query.' }] });
    return;
  }
  const auth = await authenticator.authenticate({ method: req.method, path: req.url ?? path, headers: req.headers, body: raw, sourceIp: req.socket.remoteAddress ?? '127.0.0.1' });
  if (!auth.ok) {
    send(res, auth.status, auth.body, { 'x-amzn-errortype': auth.body.errors[0].errorType });
    return;
  }
  const headers = requestHeaders(req);
  const response = await executor.execute({ body, headers, caller: auth.caller });
  // The console finds a response's resolver trace by its request id.
  const requestId = randomUUID();
  send(res, response.status, response.body, response.headers, requestId);
  // After the response, as AppSync publishes once the mutation has completed.
  if (response.published?.length || response.invalidations?.length) options.state.realtime?.publish(response, executor.schema);
  const durationMs = performance.now() - started;
  options.state.console?.record({ requestId, receivedAt, durationMs, caller: auth.caller.label, status: response.status, errorCount: response.body.errors?.length ?? 0, trace: response.trace });
  for (const line of formatRequestLog(options.logLevel, { caller: auth.caller.label, durationMs, body, response })) options.log(line);
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}, requestId = randomUUID()): void {
  res.writeHead(status, { ...headers, ...CORS, 'content-type': 'application/json; charset=UTF-8', 'x-amzn-requestid': requestId });
  res.end(JSON.stringify(body));
}


function parseBody(raw: string): GraphQLRequestBody | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return undefined;
  }
  const b = parsed as Partial<GraphQLRequestBody> | null;
  if (!b || typeof b !== 'object' || typeof b.query !== 'string') return undefined;
  if (b.variables !== undefined && b.variables !== null && (typeof b.variables !== 'object' || Array.isArray(b.variables))) return undefined;
  if (b.operationName !== undefined && b.operationName !== null && typeof b.operationName !== 'string') return undefined;
  return { query: b.query, operationName: b.operationName ?? null, variables: b.variables ?? null };
}

/** ctx.request.headers: lower-case names; AppSync does not expose cookies. */
function requestHeaders(req: IncomingMessage): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (name === 'cookie' || value === undefined) continue;
    out[name] = value;
  }
  return out;
}
