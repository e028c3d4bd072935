/**
 * End-to-end cost of the local runtime: a single-GetItem GraphQL query over HTTP (parse cache,
 * auth, APPSYNC_JS request/response handlers, data source, response) against the same GetItem
 * sent straight to DynamoDB Local with the SDK, in the same process, at concurrency 1 and 32. A middle
 * row hands the same request to the executor in-process: the runtime without the HTTP hop.
 * Prints throughput, p50/p99 latency, the ratio, and how many DynamoDB requests each operation made.
 *
 * The API is the non-Taskboard fixture app (test/fixtures/mini-appsync): `note(id)` is one GetItem.
 * Run alone: `npm run bench -- http`.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'node:http';
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { Caller } from '../local/execution/executor';
import { startLocalRuntime } from '../local/runtime';
import { synthMiniApp } from '../test/fixtures/mini-appsync/app';

const WARMUP_MS = 1_500;
const ROUND_MS = 3_000;
const ROUNDS = 2;

interface Sample { ops: number; ms: number; latencies: number[] }

async function measure(fn: () => Promise<void>, concurrency: number, ms: number): Promise<Sample> {
  const latencies: number[] = [];
  const start = performance.now();
  const end = start + ms;
  const worker = async () => {
    while (performance.now() < end) {
      const t = performance.now();
      await fn();
      latencies.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { ops: latencies.length, ms: performance.now() - start, latencies };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

export async function run(): Promise<void> {
  const outdir = mkdtempSync(join(tmpdir(), 'bench-http-'));
  synthMiniApp(outdir);
  let lastLog = '';
  const runtime = await startLocalRuntime({ assemblyDir: outdir, port: 0, logLevel: 'INFO', log: (line) => { lastLog = line; } });
  try {
    const { client } = runtime;
    await client.send(new PutItemCommand({ TableName: 'notes-table', Item: { id: { S: 'bench' }, text: { S: 'Write the benchmark' }, owner: { S: 'alice' } } }));
    const apiKey = runtime.apiKeys[0].value;
    const body = JSON.stringify({ query: 'query Note($id: ID!) { note(id: $id) { id text owner } }', variables: { id: 'bench' } });
    // A keep-alive node:http client, as a long-lived app client would hold its connection; fetch
    // (undici) costs more CPU per request than the runtime itself on this 2-core machine.
    const agent = new Agent({ keepAlive: true, maxSockets: 64 });
    const url = new URL(runtime.graphqlUrl);
    const viaHttp = () => new Promise<void>((resolve, reject) => {
      const req = request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', agent,
        headers: { 'content-type': 'application/json', 'x-api-key': apiKey, 'content-length': Buffer.byteLength(body) } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const json = JSON.parse(Buffer.concat(chunks).toString()) as { data?: { note?: { id: string } } };
          if (json.data?.note?.id === 'bench') resolve();
          else reject(new Error(`unexpected response ${JSON.stringify(json)}`));
        });
      });
      req.on('error', reject);
      req.end(body);
    });
    // The same request handed to the executor in-process: the runtime's cost without the HTTP hop.
    const executor = runtime.executor;
    const caller: Caller = { mode: 'API_KEY', groups: [], identity: null, authType: 'API Key Authorization', label: 'bench' };
    const parsed = JSON.parse(body) as { query: string; variables: Record<string, unknown> };
    const viaExecutor = async () => {
      const res = await executor.execute({ body: parsed, headers: {}, caller });
      if ((res.body.data as { note?: { id: string } } | null)?.note?.id !== 'bench') throw new Error(`unexpected response ${JSON.stringify(res.body)}`);
    };
    const direct = async () => {
      const out = await client.send(new GetItemCommand({ TableName: 'notes-table', Key: { id: { S: 'bench' } } }));
      if (!out.Item) throw new Error('item missing');
    };

    await viaHttp();
    const ddbPerOp = Number(/dynamodb=(\d+)/.exec(lastLog)?.[1] ?? NaN);
    await measure(direct, 8, WARMUP_MS);
    await measure(viaHttp, 8, WARMUP_MS);

    process.stdout.write('concurrency  side          ops/s     p50 ms   p99 ms   DynamoDB requests/op\n');
    for (const concurrency of [1, 32]) {
      const totals = { direct: [] as Sample[], executor: [] as Sample[], http: [] as Sample[] };
      // Alternate rounds so drift (JIT, GC, the other core) hits both sides alike.
      for (let round = 0; round < ROUNDS; round++) {
        totals.direct.push(await measure(direct, concurrency, ROUND_MS));
        totals.executor.push(await measure(viaExecutor, concurrency, ROUND_MS));
        totals.http.push(await measure(viaHttp, concurrency, ROUND_MS));
      }
      const summarize = (samples: Sample[]) => {
        const ops = samples.reduce((n, s) => n + s.ops, 0);
        const ms = samples.reduce((n, s) => n + s.ms, 0);
        const sorted = samples.flatMap((s) => s.latencies).sort((a, b) => a - b);
        return { perSecond: (ops * 1000) / ms, p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
      };
      const d = summarize(totals.direct);
      const e = summarize(totals.executor);
      const h = summarize(totals.http);
      const row = (side: string, s: { perSecond: number; p50: number; p99: number }, requests: number) =>
        `${String(concurrency).padStart(11)}  ${side.padEnd(12)} ${s.perSecond.toFixed(0).padStart(7)}  ${s.p50.toFixed(2).padStart(7)}  ${s.p99.toFixed(2).padStart(7)}   ${requests}\n`;
      process.stdout.write(row('raw GetItem', d, 1));
      process.stdout.write(row('executor', e, ddbPerOp));
      process.stdout.write(row('GraphQL/HTTP', h, ddbPerOp));
      const ratio = (x: { perSecond: number }) => `${(x.perSecond / d.perSecond).toFixed(2)}x (costs ${((1 - x.perSecond / d.perSecond) * 100).toFixed(0)}%)`;
      process.stdout.write(`${''.padStart(11)}  ratio to raw: executor ${ratio(e)}, GraphQL/HTTP ${ratio(h)}; aim: cost ≤ 30%\n`);
    }
    agent.destroy();
  } finally {
    await runtime.close();
  }
}
