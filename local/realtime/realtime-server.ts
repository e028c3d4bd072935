/**
 * AppSync's real-time endpoint (`/graphql/realtime`, subprotocol `graphql-ws`): connection auth
 * from the `header` query parameter or a `header-<base64url>` subprotocol, `connection_init` →
 * `connection_ack`, keep-alives, `start` (authorized again, the subscription's resolver run,
 * filters recorded) → `start_ack`, `data` for every matching publication, `stop` → `complete`,
 * and invalidation. The `ws` library carries frames; the protocol is ours.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { getNamedType, type GraphQLSchema } from 'graphql';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Authenticator } from '../auth/authenticate';
import type { Caller, ExecuteRequest, ExecuteResponse, Executor, PreparedSubscription, ResponseErrorEntry } from '../execution/executor';
import { filterProblem, matchesFilter } from './filters';
import { project } from './projection';

export const REALTIME_PATH = '/graphql/realtime';
export const CONNECTION_TIMEOUT_MS = 300_000;
const MAX_SUBSCRIPTIONS_PER_CONNECTION = 100;

export interface RealtimeOptions {
  getExecutor: () => Executor | undefined;
  getAuthenticator: () => Authenticator | undefined;
  /** Keep-alive interval (AppSync: about a minute). */
  keepAliveMs?: number;
  log?: (line: string) => void;
}

interface Connection { id: string; socket: WebSocket; host: string; subscriptions: Map<string, Active> }
/** `request`: the start as the client sent it, run again against a hot-reloaded API (`revalidate`). */
interface Active { id: string; connection: Connection; sub: PreparedSubscription; caller: Caller; request: ExecuteRequest }

type Frame = { type?: string; id?: string; payload?: { data?: string; extensions?: { authorization?: Record<string, string> } } };

export class RealtimeServer {
  private readonly wss = new WebSocketServer({ noServer: true, handleProtocols: (protocols) => (protocols.has('graphql-ws') ? 'graphql-ws' : false) });
  private readonly connections = new Set<Connection>();
  private readonly bySubscriptionField = new Map<string, Set<Active>>();

  constructor(private readonly options: RealtimeOptions) {}

  attach(server: Server): void {
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      const path = (req.url ?? '').split('?')[0];
      if (path !== REALTIME_PATH && path !== '/graphql') {
        socket.end('HTTP/1.1 404 Not Found\r\n\r\n');
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => {
        // A bug in the protocol code must cost one connection, never the process (an unhandled rejection ends `npm start`).
        this.onConnection(ws, req).catch((error: unknown) => {
          this.internalError(ws, error);
          ws.close(1011);
        });
      });
    });
  }

  /** Number of live subscriptions (for tests and the log). */
  get subscriptionCount(): number {
    let n = 0;
    for (const c of this.connections) n += c.subscriptions.size;
    return n;
  }

  /**
   * Open connections, and live subscriptions as the connections hold them and as the publish
   * index holds them: the two agree unless a subscription leaked. For tests and diagnostics.
   */
  get counts(): { connections: number; subscriptions: number; indexedSubscriptions: number } {
    let indexedSubscriptions = 0;
    for (const set of this.bySubscriptionField.values()) indexedSubscriptions += set.size;
    return { connections: this.connections.size, subscriptions: this.subscriptionCount, indexedSubscriptions };
  }

  close(): void {
    for (const c of this.connections) c.socket.terminate();
    this.connections.clear();
    this.bySubscriptionField.clear();
    this.wss.close();
  }

  private async onConnection(ws: WebSocket, req: IncomingMessage): Promise<void> {
    const send = (frame: unknown) => { if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame)); };
    if (ws.protocol !== 'graphql-ws') {
      send({ type: 'connection_error', payload: { errors: [{ message: 'SubProtocolNotSupportedError', errorCode: 400 }] } });
      ws.close(1002);
      return;
    }
    // Frames may arrive while the connection is being authorized: keep them in order.
    const early: Buffer[] = [];
    const buffer = (d: Buffer) => early.push(d);
    ws.on('message', buffer);
    const header = connectionHeader(req);
    const requestHost = req.headers.host ?? '';
    const refused = (message: string) => {
      send({ type: 'connection_error', payload: { errors: [{ errorType: 'com.amazonaws.deepdish.graphql.auth#UnauthorizedException', message }] } });
      ws.close(1008);
    };
    if (!header) return refused('Valid authorization header not provided.');
    // The header names the API host the client meant; a different host is a cross-site attempt.
    if (header.host !== requestHost) return refused('The host in the authorization header does not match the request.');
    const auth = await this.authenticate(header, '/graphql/connect', '{}', req.socket.remoteAddress ?? '127.0.0.1');
    if (!auth.ok) return refused(auth.message);
    // A client gone while its credential was checked has already fired 'close': registering it now would leak it.
    if (ws.readyState !== ws.OPEN) return;

    const connection: Connection = { id: randomUUID(), socket: ws, host: requestHost, subscriptions: new Map() };
    this.connections.add(connection);
    const keepAlive = setInterval(() => send({ type: 'ka' }), this.options.keepAliveMs ?? 60_000);
    ws.off('message', buffer);
    ws.on('message', (data: Buffer) => {
      this.onFrame(connection, data, req).catch((error: unknown) => this.internalError(ws, error));
    });
    ws.on('close', () => {
      clearInterval(keepAlive);
      this.drop(connection);
    });
    for (const d of early) await this.onFrame(connection, d, req);
  }

  private async onFrame(connection: Connection, data: Buffer, req: IncomingMessage): Promise<void> {
    const send = (frame: unknown) => { if (connection.socket.readyState === connection.socket.OPEN) connection.socket.send(JSON.stringify(frame)); };
    let frame: Frame;
    try {
      frame = JSON.parse(data.toString('utf8')) as Frame;
    } catch {
      send({ type: 'error', payload: { errors: [{ errorType: 'BadRequestException', message: 'Message is not valid JSON.' }] } });
      return;
    }
    // `null`, `1`, `[]` are JSON but not messages.
    if (!isRecord(frame)) {
      send({ type: 'error', payload: { errors: [{ errorType: 'BadRequestException', message: 'Message is not a JSON object.' }] } });
      return;
    }
    switch (frame.type) {
      case 'connection_init':
        send({ type: 'connection_ack', payload: { connectionTimeoutMs: CONNECTION_TIMEOUT_MS } });
        return;
      case 'start':
        await this.start(connection, frame, req, send);
        return;
      case 'stop': {
        const active = frame.id ? connection.subscriptions.get(frame.id) : undefined;
        if (active) this.remove(active);
        send({ type: 'complete', id: frame.id });
        return;
      }
      default:
        send({ type: 'error', id: frame.id, payload: { errors: [{ errorType: 'UnsupportedOperation', message: `Unknown message type ${String(frame.type)}` }] } });
    }
  }

  private async start(connection: Connection, frame: Frame, req: IncomingMessage, send: (frame: unknown) => void): Promise<void> {
    const id = frame.id;
    const fail = (errorType: string, message: string) => send({ type: 'error', id, payload: { errors: [{ errorType, message }] } });
    if (!id) return fail('BadRequestException', 'A start message needs an id.');
    if (connection.subscriptions.has(id)) return fail('DuplicatedOperationError', 'Duplicated operation with id ' + id);
    if (connection.subscriptions.size >= MAX_SUBSCRIPTIONS_PER_CONNECTION) return fail('LimitExceededError', `A connection may hold at most ${MAX_SUBSCRIPTIONS_PER_CONNECTION} subscriptions.`);
    const dataText = frame.payload?.data ?? '';
    let body: { query: string; variables?: Record<string, unknown> | null; operationName?: string | null };
    try {
      body = JSON.parse(dataText) as typeof body;
    } catch {
      return fail('BadRequestException', 'The start payload data is not valid JSON.');
    }
    if (!isRecord(body) || typeof body.query !== 'string') return fail('BadRequestException', 'The start payload data must be a JSON object with a query string.');
    const authorization = frame.payload?.extensions?.authorization;
    if (!isStringRecord(authorization)) return fail('UnauthorizedException', 'Valid authorization header not provided.');
    const auth = await this.authenticate(authorization, '/graphql', dataText, req.socket.remoteAddress ?? '127.0.0.1');
    if (!auth.ok) return fail('UnauthorizedException', auth.message);
    let executor = this.options.getExecutor();
    if (!executor) return fail('ServiceUnavailableException', 'The local API is still starting.');
    const request: ExecuteRequest = { body: { query: body.query, variables: body.variables ?? null, operationName: body.operationName ?? null }, headers: lowerCase(authorization), caller: auth.caller };
    let prepared = await executor.prepareSubscription(request);
    // A hot reload swapped the API while the resolver ran: start against the API now served.
    for (let now = this.options.getExecutor(); now && now !== executor; now = this.options.getExecutor()) {
      executor = now;
      prepared = await executor.prepareSubscription(request);
    }
    if (!prepared.ok) {
      send({ type: 'error', id, payload: { errors: prepared.errors } });
      return;
    }
    const sub = prepared.subscription;
    for (const filter of [sub.filter, sub.invalidationFilter]) {
      const problem = filter ? filterProblem(filter) : null;
      if (problem) return fail('ValidationError', problem);
    }
    // Checked again after the awaits: the client may have gone (its subscriptions are already freed), or raced another start.
    if (!this.connections.has(connection)) return;
    if (connection.subscriptions.has(id)) return fail('DuplicatedOperationError', 'Duplicated operation with id ' + id);
    if (connection.subscriptions.size >= MAX_SUBSCRIPTIONS_PER_CONNECTION) return fail('LimitExceededError', `A connection may hold at most ${MAX_SUBSCRIPTIONS_PER_CONNECTION} subscriptions.`);
    const active: Active = { id, connection, sub, caller: auth.caller, request };
    connection.subscriptions.set(id, active);
    let set = this.bySubscriptionField.get(sub.fieldName);
    if (!set) this.bySubscriptionField.set(sub.fieldName, (set = new Set()));
    set.add(active);
    send({ type: 'start_ack', id });
    this.options.log?.(`subscription ${sub.fieldName} started by ${auth.caller.label} (${this.subscriptionCount} active)`);
  }

  /**
   * After a hot reload: starts every live subscription again against the API now served, as its
   * client sent it and with the caller it was authorized as (the document is validated against
   * the new schema, field auth and the resolver run, filters set anew). Those that still start
   * stay registered on their connection; the others get an `error` frame with the reason and end.
   */
  async revalidate(): Promise<{ kept: number; ended: number }> {
    const executor = this.options.getExecutor();
    const counts = { kept: 0, ended: 0 };
    if (!executor) return counts;
    const all = [...this.connections].flatMap((c) => [...c.subscriptions.values()]);
    await Promise.all(all.map(async (active) => {
      let errors: ResponseErrorEntry[];
      try {
        const prepared = await executor.prepareSubscription(active.request);
        const problem = prepared.ok ? [prepared.subscription.filter, prepared.subscription.invalidationFilter].map((f) => (f ? filterProblem(f) : null)).find(Boolean) : null;
        if (prepared.ok && !problem) {
          // Unless stopped or dropped meanwhile. Same field, so the publish index is unchanged.
          if (active.connection.subscriptions.get(active.id) !== active) return;
          active.sub = prepared.subscription;
          counts.kept += 1;
          return;
        }
        errors = prepared.ok ? [{ errorType: 'ValidationError', message: problem! }] : prepared.errors;
      } catch (error) {
        errors = [{ errorType: 'InternalFailure', message: (error as Error).message }];
      }
      if (active.connection.subscriptions.get(active.id) !== active) return;
      this.remove(active);
      counts.ended += 1;
      const socket = active.connection.socket;
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify({ type: 'error', id: active.id, payload: { errors } }));
      this.options.log?.(`subscription ${active.sub.fieldName} ended by the reload: ${errors.map((e) => e.message).join('; ')}`);
    }));
    return counts;
  }

  /** Delivers a mutation's results to every matching subscription, and applies its invalidations. */
  publish(response: ExecuteResponse, schema: GraphQLSchema): void {
    const subscriptionType = schema.getSubscriptionType();
    if (!subscriptionType) return;
    for (const published of response.published ?? []) {
      // Subscribers that sent the same document share its parsed field node (document cache):
      // shape and serialize the payload once per selection, not once per subscriber.
      const shaped = new Map<PreparedSubscription['fieldNode'], string>();
      for (const [fieldName, set] of this.bySubscriptionField) {
        const field = subscriptionType.getFields()[fieldName];
        for (const active of set) {
          if (!active.sub.mutations.includes(published.mutationField)) continue;
          if (!this.matches(active.sub, published.value)) continue;
          let data = shaped.get(active.sub.fieldNode);
          if (data === undefined) {
            const value = project(published.value, active.sub.fieldNode.selectionSet, active.sub.fragments, getNamedType(field.type), schema);
            data = JSON.stringify({ [active.sub.responseKey]: value });
            shaped.set(active.sub.fieldNode, data);
          }
          active.connection.socket.send(`{"type":"data","id":${JSON.stringify(active.id)},"payload":{"data":${data}}}`);
        }
      }
    }
    for (const inv of response.invalidations ?? []) {
      for (const active of [...(this.bySubscriptionField.get(inv.subscriptionField) ?? [])]) {
        if (active.sub.invalidationFilter && matchesFilter(active.sub.invalidationFilter, inv.payload)) {
          this.remove(active);
          active.connection.socket.send(JSON.stringify({ type: 'complete', id: active.id }));
        }
      }
    }
  }

  private matches(sub: PreparedSubscription, value: unknown): boolean {
    // A list payload is not filtered.
    if (Array.isArray(value)) return true;
    // Enhanced filters replace argument matching.
    if (sub.filter) return matchesFilter(sub.filter, value);
    const record = (value ?? {}) as Record<string, unknown>;
    return Object.entries(sub.arguments).every(([name, arg]) => JSON.stringify(record[name] ?? null) === JSON.stringify(arg));
  }

  private remove(active: Active): void {
    active.connection.subscriptions.delete(active.id);
    this.bySubscriptionField.get(active.sub.fieldName)?.delete(active);
  }

  private drop(connection: Connection): void {
    for (const active of connection.subscriptions.values()) this.remove(active);
    this.connections.delete(connection);
  }

  private internalError(ws: WebSocket, error: unknown): void {
    this.options.log?.(`real-time internal error: ${(error as Error).stack ?? String(error)}`);
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ type: 'error', payload: { errors: [{ errorType: 'InternalFailure', message: 'An internal failure occurred in the local runtime.' }] } }));
  }

  private async authenticate(header: Record<string, string>, path: string, body: string, sourceIp: string): Promise<{ ok: true; caller: Caller } | { ok: false; message: string }> {
    const authenticator = this.options.getAuthenticator();
    if (!authenticator) return { ok: false, message: 'The local API is still starting.' };
    const outcome = await authenticator.authenticate({ method: 'POST', path, headers: lowerCase(header), body, sourceIp });
    return outcome.ok ? { ok: true, caller: outcome.caller } : { ok: false, message: outcome.body.errors[0].message };
  }
}

/** The auth header JSON: from a `header-<base64url>` subprotocol (Amplify v6) or the `header` query parameter. */
function connectionHeader(req: IncomingMessage): Record<string, string> | undefined {
  const decode = (text: string) => {
    try {
      const header: unknown = JSON.parse(Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8'));
      return isStringRecord(header) ? header : undefined;
    } catch {
      return undefined;
    }
  };
  const protocols = String(req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
  const fromProtocol = protocols.find((p) => p.startsWith('header-'));
  if (fromProtocol) return decode(fromProtocol.slice('header-'.length));
  const query = new URL(req.url ?? '/', 'http://local').searchParams.get('header');
  return query ? decode(query) : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A header map as a client must send it: an object of strings. */
function isStringRecord(value: unknown): value is Record<string, string> {
  return isRecord(value) && Object.values(value).every((v) => typeof v === 'string');
}

function lowerCase(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}
