/**
 * One GraphQL subscription over AppSync's real-time protocol, as an Observable GraphiQL renders
 * event by event: connect with the auth header JSON in a `header-<base64url>` subprotocol (as
 * Amplify v6 does), `connection_init` → `connection_ack`, `start` with the operation as a JSON
 * string in `data` and its own `extensions.authorization` → `start_ack`, then `data` events,
 * `ka` keep-alives, and `complete`; unsubscribing sends `stop` and closes. One connection per
 * subscription keeps the console simple; AppSync allows many. No DOM types: Node tests run it.
 */

export interface ExecutionResultLike {
  data?: unknown;
  errors?: unknown[];
}

export interface Observer<T> {
  next(value: T): void;
  error(error: unknown): void;
  complete(): void;
}

export interface Observable<T> {
  subscribe(observer: Partial<Observer<T>>): { unsubscribe(): void };
}

/** The part of the WebSocket API this client uses (the browser's, or `ws` in Node). */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason?: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

export type SocketFactory = (url: string, protocols: string[]) => SocketLike;

export interface SubscriptionRequest {
  /** `ws(s)://host/graphql/realtime` */
  realtimeUrl: string;
  query: string;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
  /** The connection's auth header JSON (`host` plus the credential), IAM-signed over `/graphql/connect` and `{}`. */
  connectionHeader(): Promise<Record<string, string>>;
  /** The start message's `extensions.authorization`, IAM-signed over `/graphql` and `data`. */
  startAuthorization(data: string): Promise<Record<string, string>>;
  socket: SocketFactory;
  /** Called with every protocol frame received (the console shows the connection state). */
  onFrame?: (frame: Frame) => void;
}

export interface Frame {
  type: string;
  id?: string;
  payload?: { data?: unknown; errors?: unknown[]; connectionTimeoutMs?: number };
}

const OPEN = 1;
const SUBSCRIPTION_ID = '1';

export function subscribe(request: SubscriptionRequest): Observable<ExecutionResultLike> {
  return {
    subscribe(partial) {
      const observer: Observer<ExecutionResultLike> = { next: () => {}, error: () => {}, complete: () => {}, ...partial };
      let socket: SocketLike | undefined;
      let done = false;
      const finish = (last?: ExecutionResultLike) => {
        if (done) return;
        done = true;
        if (last) observer.next(last);
        observer.complete();
        if (socket && socket.readyState === OPEN) socket.close(1000);
      };
      const fail = (message: string) => finish({ errors: [{ message }] });

      void (async () => {
        const data = JSON.stringify({ query: request.query, variables: request.variables ?? {}, ...(request.operationName ? { operationName: request.operationName } : {}) });
        let header: Record<string, string>;
        let authorization: Record<string, string>;
        try {
          [header, authorization] = await Promise.all([request.connectionHeader(), request.startAuthorization(data)]);
        } catch (error) {
          return fail(`Could not authorize the subscription: ${(error as Error).message}`);
        }
        if (done) return;
        socket = request.socket(request.realtimeUrl, ['graphql-ws', `header-${base64url(JSON.stringify(header))}`]);
        const send = (frame: unknown) => socket!.readyState === OPEN && socket!.send(JSON.stringify(frame));
        socket.onopen = () => send({ type: 'connection_init' });
        socket.onerror = () => fail('The real-time connection failed.');
        socket.onclose = (event) => fail(`The real-time connection closed (code ${event.code}${event.reason ? `: ${event.reason}` : ''}).`);
        socket.onmessage = (event) => {
          let frame: Frame;
          try {
            frame = JSON.parse(String(event.data)) as Frame;
          } catch {
            return;
          }
          request.onFrame?.(frame);
          switch (frame.type) {
            case 'connection_ack':
              send({ id: SUBSCRIPTION_ID, type: 'start', payload: { data, extensions: { authorization } } });
              return;
            case 'data':
              if (!done) observer.next({ data: frame.payload?.data ?? null, ...(frame.payload?.errors ? { errors: frame.payload.errors } : {}) });
              return;
            case 'connection_error':
            case 'error':
              return finish({ errors: frame.payload?.errors ?? [{ message: `Real-time ${frame.type}` }] });
            case 'complete':
              return finish();
            default:
              // start_ack and ka need no answer.
              return;
          }
        };
      })();

      return {
        unsubscribe() {
          if (done) return;
          done = true;
          if (socket && socket.readyState === OPEN) {
            socket.send(JSON.stringify({ type: 'stop', id: SUBSCRIPTION_ID }));
            socket.close(1000);
          }
        },
      };
    },
  };
}

/** base64url without padding: `=` is not allowed in a WebSocket subprotocol token. */
export function base64url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
