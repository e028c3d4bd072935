/**
 * A bare AppSync real-time client over `ws`, speaking the protocol frame by frame, for tests that
 * assert on the protocol itself (the client-library suites use aws-amplify and Apollo instead).
 */
import WebSocket from 'ws';

export type Frame = { type: string; id?: string; payload?: Record<string, unknown> };

export interface RawConnection {
  socket: WebSocket;
  frames: Frame[];
  /** Resolves with the first frame (from now or already received, not yet taken) matching. */
  next(match: (f: Frame) => boolean, timeoutMs?: number): Promise<Frame>;
  send(frame: unknown): void;
  start(id: string, query: string, variables: Record<string, unknown>, authorization: Record<string, string>): void;
  close(): Promise<void>;
}

const b64url = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

/** Connects as Amplify v6 does: auth header JSON in a `header-<base64url>` subprotocol. */
export async function connectRealtime(realtimeUrl: string, header: Record<string, string>, via: 'subprotocol' | 'query' = 'subprotocol'): Promise<RawConnection> {
  const url = via === 'query' ? `${realtimeUrl}?header=${Buffer.from(JSON.stringify(header)).toString('base64')}&payload=e30=` : realtimeUrl;
  const protocols = via === 'subprotocol' ? ['graphql-ws', `header-${b64url(header)}`] : ['graphql-ws'];
  const socket = new WebSocket(url, protocols);
  const frames: Frame[] = [];
  const waiters: Array<{ match: (f: Frame) => boolean; resolve: (f: Frame) => void }> = [];
  const taken = new Set<Frame>();
  socket.on('message', (data: Buffer) => {
    const frame = JSON.parse(data.toString()) as Frame;
    frames.push(frame);
    const i = waiters.findIndex((w) => w.match(frame));
    if (i >= 0) {
      taken.add(frame);
      waiters.splice(i, 1)[0].resolve(frame);
    }
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const send = (frame: unknown) => socket.send(JSON.stringify(frame));
  return {
    socket, frames, send,
    next(match, timeoutMs = 5_000) {
      const ready = frames.find((f) => !taken.has(f) && match(f));
      if (ready) {
        taken.add(ready);
        return Promise.resolve(ready);
      }
      return new Promise<Frame>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching frame within ${timeoutMs} ms; got ${JSON.stringify(frames)}`)), timeoutMs);
        waiters.push({ match, resolve: (f) => { clearTimeout(timer); resolve(f); } });
      });
    },
    start(id, query, variables, authorization) {
      send({ id, type: 'start', payload: { data: JSON.stringify({ query, variables }), extensions: { authorization } } });
    },
    close: () => new Promise<void>((resolve) => {
      if (socket.readyState === WebSocket.CLOSED) return resolve();
      socket.once('close', () => resolve());
      socket.close();
    }),
  };
}
