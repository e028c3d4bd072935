/**
 * A real-time client for load: it keeps counts and a sum of event hashes per subscription instead
 * of the frames themselves, so its memory stays flat however many events arrive (the load suite
 * measures the heap of the process it shares with the server).
 */
import WebSocket from 'ws';
import { within } from './taskboard';

export interface SubscriptionTally { events: number; hashSum: number }

export interface CountingSubscriber {
  /** Tally per subscription id. */
  tallies: Map<string, SubscriptionTally>;
  /** Frames that were neither data, acks nor keep-alives (errors, completes). */
  unexpected: string[];
  start(id: string, query: string, variables: Record<string, unknown>, authorization: Record<string, string>): Promise<void>;
  close(): void;
}

/** FNV-1a, 32 bits: a cheap fingerprint of one event. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export async function countingSubscriber(realtimeUrl: string, header: Record<string, string>, eventKey: (data: Record<string, unknown>) => string): Promise<CountingSubscriber> {
  const socket = new WebSocket(realtimeUrl, ['graphql-ws', `header-${Buffer.from(JSON.stringify(header)).toString('base64url')}`]);
  const tallies = new Map<string, SubscriptionTally>();
  const unexpected: string[] = [];
  const acks = new Map<string, () => void>();
  let connected: () => void = () => {};
  const ack = new Promise<void>((resolve) => { connected = resolve; });
  socket.on('message', (raw: Buffer) => {
    const frame = JSON.parse(raw.toString()) as { type: string; id?: string; payload?: { data?: Record<string, unknown> } };
    if (frame.type === 'data' && frame.id) {
      const tally = tallies.get(frame.id);
      if (!tally) return void unexpected.push(`data for unknown ${frame.id}`);
      tally.events += 1;
      tally.hashSum = (tally.hashSum + fnv1a(eventKey(frame.payload!.data!))) >>> 0;
    } else if (frame.type === 'start_ack' && frame.id) {
      acks.get(frame.id)?.();
    } else if (frame.type === 'connection_ack') {
      connected();
    } else if (frame.type !== 'ka') {
      unexpected.push(JSON.stringify(frame).slice(0, 300));
    }
  });
  await within(10_000, 'connecting a subscriber', new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  }));
  socket.send(JSON.stringify({ type: 'connection_init' }));
  await within(10_000, 'connection_ack', ack);
  return {
    tallies,
    unexpected,
    async start(id, query, variables, authorization) {
      tallies.set(id, { events: 0, hashSum: 0 });
      const acked = new Promise<void>((resolve) => acks.set(id, resolve));
      socket.send(JSON.stringify({ type: 'start', id, payload: { data: JSON.stringify({ query, variables }), extensions: { authorization } } }));
      await within(10_000, `start_ack for ${id}`, acked);
    },
    close: () => socket.terminate(),
  };
}
