/**
 * Subscription fan-out: time from the moment the runtime publishes a mutation's result (right
 * after it has sent the mutation's response) to the delivery of its `data` frame at each of N
 * subscribers (N = 1, 100, 1,000; up to 10 subscriptions per connection), p50/p99,
 * beside the same message sent over a bare `ws` broadcast in the same run (the floor).
 * The API is the non-Taskboard fixture app (test/fixtures/mini-appsync).
 * Run alone: `npm run bench -- realtime`.
 */
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket, { WebSocketServer } from 'ws';
import { startLocalRuntime, type LocalRuntime } from '../local/runtime';
import { synthMiniApp } from '../test/fixtures/mini-appsync/app';
import { connectRealtime, type RawConnection } from '../test/helpers/realtime-client';

const EVENTS = 20;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function fanOutLocal(n: number, runtime: LocalRuntime): Promise<number[]> {
  const url = runtime.graphqlUrl;
  const realtimeUrl = runtime.realtimeUrl;
  const apiKey = runtime.apiKeys[0].value;
  const auth = { host: new URL(url).host, 'x-api-key': apiKey };
  const perConnection = Math.min(10, n);
  const conns: RawConnection[] = [];
  const latencies: number[] = [];
  let t0 = 0;
  // Same process: start the clock where the runtime starts publishing, as the bare side starts at its broadcast.
  const publish = runtime.realtime.publish.bind(runtime.realtime);
  runtime.realtime.publish = (response, schema) => { t0 = performance.now(); publish(response, schema); };
  for (let made = 0; made < n; made += perConnection) {
    const c = await connectRealtime(realtimeUrl, auth);
    c.send({ type: 'connection_init' });
    await c.next((f) => f.type === 'connection_ack');
    for (let i = 0; i < perConnection; i++) c.start(`s${i}`, 'subscription { onNote { id } }', {}, auth);
    for (let i = 0; i < perConnection; i++) await c.next((f) => f.id === `s${i}` && f.type === 'start_ack');
    c.socket.on('message', () => latencies.push(performance.now() - t0));
    conns.push(c);
  }
  for (let e = 0; e < EVENTS; e++) {
    const before = latencies.length;
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': apiKey }, body: JSON.stringify({ query: `mutation { putNote(id: "fan-${n}-${e}", text: "t", owner: "o") { id } }` }) });
    await res.json();
    while (latencies.length < before + n) await new Promise((r) => setImmediate(r));
  }
  await Promise.all(conns.map((c) => c.close()));
  runtime.realtime.publish = publish;
  return latencies;
}

async function fanOutBare(n: number): Promise<number[]> {
  const server = createServer();
  const wss = new WebSocketServer({ server });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as AddressInfo).port;
  const perConnection = Math.min(10, n);
  const clients: WebSocket[] = [];
  const latencies: number[] = [];
  let t0 = 0;
  for (let made = 0; made < n; made += perConnection) {
    const ws = new WebSocket(`ws://127.0.0.1:${port}`);
    await new Promise((r) => ws.once('open', r));
    ws.on('message', () => latencies.push(performance.now() - t0));
    clients.push(ws);
  }
  while (wss.clients.size < clients.length) await new Promise((r) => setImmediate(r));
  const message = JSON.stringify({ type: 'data', id: 's0', payload: { data: { onNote: { id: 'x' } } } });
  for (let e = 0; e < EVENTS; e++) {
    const before = latencies.length;
    t0 = performance.now();
    // One frame per subscription, as the runtime sends one per subscription on a shared connection.
    for (const socket of wss.clients) for (let i = 0; i < perConnection; i++) socket.send(message);
    while (latencies.length < before + n) await new Promise((r) => setImmediate(r));
  }
  for (const c of clients) c.close();
  wss.close();
  server.close();
  return latencies;
}

export async function run(): Promise<void> {
  const outdir = mkdtempSync(join(tmpdir(), 'bench-realtime-'));
  synthMiniApp(outdir);
  const runtime = await startLocalRuntime({ assemblyDir: outdir, port: 0, logLevel: 'NONE', log: () => {} });
  try {
    process.stdout.write('subscribers  side              p50 ms   p99 ms\n');
    for (const n of [1, 100, 1000]) {
      const local = (await fanOutLocal(n, runtime)).sort((a, b) => a - b);
      const bare = (await fanOutBare(n)).sort((a, b) => a - b);
      const row = (side: string, l: number[]) => `${String(n).padStart(11)}  ${side.padEnd(16)} ${percentile(l, 50).toFixed(2).padStart(7)}  ${percentile(l, 99).toFixed(2).padStart(7)}\n`;
      process.stdout.write(row('local runtime', local));
      process.stdout.write(row('bare ws', bare));
      process.stdout.write(`${''.padStart(11)}  ratio (local/bare): p50 ${(percentile(local, 50) / percentile(bare, 50)).toFixed(1)}x, p99 ${(percentile(local, 99) / percentile(bare, 99)).toFixed(1)}x\n`);
    }
  } finally {
    await runtime.close();
  }
}
