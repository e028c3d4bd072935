/**
 * GraphiQL's fetcher for an AppSync API: queries and mutations are POSTed to `/graphql` with the
 * chosen mode's credential (and the headers pane on top); subscriptions go over the real-time
 * endpoint with AppSync's protocol. Every request reports its `x-amzn-requestid`, so the console
 * can fetch the resolver trace the runtime kept for it.
 */
import type { Fetcher, FetcherOpts, FetcherParams } from '@graphiql/toolkit';
import { getOperationAST, parse, type DocumentNode } from 'graphql';
import { authHeaders, type AuthState } from './auth';
import { subscribe, type ExecutionResultLike, type Frame, type Observer, type SocketFactory } from './realtime';

export interface RequestReport {
  /** A counter of this page's requests. */
  seq: number;
  operationName: string | null;
  operationType: 'query' | 'mutation' | 'subscription';
  startedAt: number;
  /** Set when the response arrived (HTTP) or the subscription ended. */
  durationMs?: number;
  status?: number;
  requestId?: string | null;
  /** Subscriptions: connecting → listening (after start_ack) → closed, and events received. */
  subscription?: { state: 'connecting' | 'listening' | 'closed'; events: number };
  error?: string;
}

export interface ConsoleFetcherOptions {
  graphqlUrl: string;
  realtimeUrl: string;
  /** Read on every request, so a refreshed token is used without a new fetcher. */
  getAuth: () => AuthState;
  /** Called when a request starts and again whenever its report changes. */
  onReport: (report: RequestReport) => void;
  socket?: SocketFactory;
}

const INTROSPECTION = 'IntrospectionQuery';

export function createConsoleFetcher(options: ConsoleFetcherOptions): Fetcher {
  let seq = 0;
  const socket: SocketFactory = options.socket ?? ((url, protocols) => new WebSocket(url, protocols) as unknown as ReturnType<SocketFactory>);
  return (params: FetcherParams, opts?: FetcherOpts) => {
    const operation = operationOf(params, opts?.documentAST);
    const extra = stringHeaders(opts?.headers);
    const report: RequestReport = { seq: ++seq, operationName: params.operationName ?? operation?.name ?? null, operationType: operation?.type ?? 'query', startedAt: Date.now() };
    // Schema loading is GraphiQL's business, not something the developer asked to trace.
    const traced = params.operationName !== INTROSPECTION;
    if (report.operationType === 'subscription') {
      report.subscription = { state: 'connecting', events: 0 };
      const update = (changes: Partial<RequestReport>) => {
        Object.assign(report, changes);
        options.onReport({ ...report, subscription: { ...report.subscription! } });
      };
      options.onReport({ ...report });
      const host = new URL(options.realtimeUrl).host;
      const events = subscribe({
        realtimeUrl: options.realtimeUrl, query: params.query, variables: params.variables as Record<string, unknown> | undefined, operationName: params.operationName,
        connectionHeader: async () => ({ host, ...(await authHeaders(options.getAuth(), '/graphql/connect', '{}')), ...extra }),
        startAuthorization: async (data) => ({ host, ...(await authHeaders(options.getAuth(), '/graphql', data)), ...extra }),
        socket,
        onFrame: (frame: Frame) => {
          const sub = report.subscription!;
          if (frame.type === 'start_ack') update({ subscription: { ...sub, state: 'listening' } });
          else if (frame.type === 'data') update({ subscription: { ...sub, events: sub.events + 1 } });
          else if (frame.type === 'complete' || frame.type === 'error' || frame.type === 'connection_error') {
            update({ subscription: { ...sub, state: 'closed' }, durationMs: Date.now() - report.startedAt, error: frame.type === 'complete' ? undefined : JSON.stringify(frame.payload?.errors ?? []) });
          }
        },
      });
      const closed = () => report.subscription!.state !== 'closed' && update({ subscription: { ...report.subscription!, state: 'closed' }, durationMs: Date.now() - report.startedAt });
      // Stopped from GraphiQL (or ended by the server): the report says so.
      return {
        subscribe(observer: Partial<Observer<ExecutionResultLike>>) {
          const inner = events.subscribe({ ...observer, complete: () => { closed(); observer.complete?.(); } });
          return { unsubscribe: () => { inner.unsubscribe(); closed(); } };
        },
      } as ReturnType<Fetcher>;
    }
    return (async () => {
      if (traced) options.onReport({ ...report });
      const body = JSON.stringify({ query: params.query, operationName: params.operationName ?? null, variables: params.variables ?? null });
      const headers = { 'content-type': 'application/json', ...(await authHeaders(options.getAuth(), '/graphql', body)), ...extra };
      const response = await fetch(options.graphqlUrl, { method: 'POST', headers, body });
      const text = await response.text();
      if (traced) options.onReport({ ...report, status: response.status, requestId: response.headers.get('x-amzn-requestid'), durationMs: Date.now() - report.startedAt });
      try {
        return JSON.parse(text) as { data?: unknown; errors?: unknown[] };
      } catch {
        return { errors: [{ message: `HTTP ${response.status}: ${text.slice(0, 500)}` }] };
      }
    })() as ReturnType<Fetcher>;
  };
}

function operationOf(params: FetcherParams, documentAST: DocumentNode | undefined): { type: RequestReport['operationType']; name: string | null } | undefined {
  try {
    const operation = getOperationAST(documentAST ?? parse(params.query), params.operationName ?? undefined);
    return operation ? { type: operation.operation as RequestReport['operationType'], name: operation.name?.value ?? null } : undefined;
  } catch {
    // A syntax error: the API reports it.
    return undefined;
  }
}

function stringHeaders(headers: Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) if (value !== undefined && value !== null) out[name.toLowerCase()] = String(value);
  return out;
}
