/**
 * Faults survived: the database dies under load and comes back, Lambda functions throw, hang and
 * crash, WebSocket clients vanish at every step of the protocol. The API must fail only what the
 * fault touches, with clear errors, recover by itself, lose no acknowledged write and leak nothing.
 */
import { mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { freePort, startDynamoDBLocal, type DynamoDBLocal } from '../../local/dynamodb/dynamodb-local';
import { givenLocalApi, type GraphQLReply, type LocalApi } from '../helpers/local-api';
import { connectRealtime, type RawConnection } from '../helpers/realtime-client';
import { synthFaultyApp, FAULTY_TIMEOUT_SECONDS } from './fixtures/faulty-app';
import { appSyncErrorProblems, errorTypes } from './support/appsync-errors';
import { SuiteFigures } from './support/figures';
import { profile } from './support/profile';
import { field, givenReliabilityApi, sleep, tableClient, within } from './support/taskboard';
import { QueryCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { boardPk, TASK_SK_PREFIX } from '../../resolvers/lib/keys';

const P = profile.faults;
const figures = new SuiteFigures('faults', profile.name);
afterAll(() => figures.write());

/** Sends one operation, counts it, and checks that any error is well formed. */
async function send(api: LocalApi, query: string, variables: Record<string, unknown>, headers: Record<string, string>): Promise<GraphQLReply> {
  const reply = await api.request(query, variables, headers);
  figures.count(reply.body.errors, reply.status);
  if (reply.body.errors) expect(appSyncErrorProblems(reply), JSON.stringify(reply.body)).toEqual([]);
  return reply;
}

describe('DynamoDB Local killed and restarted under load', () => {
  let dynamodb: DynamoDBLocal;
  let persistDir: string;
  let port: number;
  let api: LocalApi;

  beforeAll(async () => {
    // A database of this suite's own, on disk, on a fixed port: killed and restarted in place while the API keeps running.
    persistDir = mkdtempSync(join(tmpdir(), 'taskboard-reliability-ddb-'));
    port = await freePort();
    dynamodb = await startDynamoDBLocal({ persistDir, port, env: {} });
    api = await givenReliabilityApi({ env: { ...process.env, DYNAMODB_ENDPOINT: dynamodb.endpoint } });
  });
  afterAll(async () => {
    await api?.close();
    await dynamodb?.stop();
    rmSync(persistDir, { recursive: true, force: true });
  });

  it(`${P.outages} outage(s), SIGTERM and SIGKILL in turn: clear errors while it is down, recovery without a restart, no acknowledged write lost to SIGTERM`, async () => {
    const alice = await api.as('alice');
    // One board per writer: the writers contend with the outage, not with each other.
    const boards: string[] = [];
    for (let i = 0; i < P.writers; i++) {
      const r = await send(api, 'mutation($in: CreateBoardInput!) { createBoard(input: $in) { id } }', { in: { name: `Outage ${i}` } }, alice);
      boards.push(field<{ id: string }>(r, 'createBoard')!.id);
    }
    type Outcome = { at: number; ok: boolean; types: string[]; messages: string[] };
    const outcomes: Outcome[] = [];
    const acknowledged: Array<{ boardId: string; id: string; at: number }> = [];
    let running = true;
    const record = (reply: GraphQLReply) => outcomes.push({
      at: Date.now(), ok: !reply.body.errors, types: errorTypes(reply), messages: (reply.body.errors ?? []).map((e) => e.message),
    });
    const writer = async (boardId: string, w: number) => {
      for (let i = 0; running; i++) {
        const r = await send(api, 'mutation($in: CreateTaskInput!) { createTask(input: $in) { id } }', { in: { boardId, title: `w${w} #${i}` } }, alice);
        record(r);
        const task = field<{ id: string }>(r, 'createTask');
        if (task) acknowledged.push({ boardId, id: task.id, at: Date.now() });
        else await sleep(50);
      }
    };
    const reader = async (r: number) => {
      while (running) {
        const reply = await send(api, 'query($id: ID!) { board(id: $id) { id taskCount tasks(limit: 5) { items { id } } } }', { id: boards[r % boards.length] }, alice);
        record(reply);
        if (reply.body.errors) await sleep(50);
      }
    };
    const load = [...boards.map(writer), ...Array.from({ length: P.readers }, (_, r) => reader(r))];

    const cycles: Array<{ signal: NodeJS.Signals; killedAt: number; restartedAt: number; recoveredAt: number }> = [];
    try {
      for (let cycle = 0; cycle < P.outages; cycle++) {
        await sleep(P.phaseMs);
        const pid = dynamodb.pid!;
        // SIGTERM: the JVM stops at once but shuts down; SIGKILL: it vanishes mid-write.
        const signal: NodeJS.Signals = cycle % 2 === 0 ? 'SIGTERM' : 'SIGKILL';
        const killedAt = Date.now();
        process.kill(pid, signal);
        await dynamodb.stop();
        // Let the outage be seen for a while before the database comes back.
        await sleep(Math.min(1_500, P.phaseMs / 2));
        dynamodb = await startDynamoDBLocal({ persistDir, port, env: {} });
        const restartedAt = Date.now();
        const deadline = restartedAt + 30_000;
        while (!outcomes.some((o) => o.at > restartedAt && o.ok) && Date.now() < deadline) await sleep(20);
        const recoveredAt = outcomes.find((o) => o.at > restartedAt && o.ok)?.at ?? NaN;
        cycles.push({ signal, killedAt, restartedAt, recoveredAt });
      }
      await sleep(P.phaseMs);
    } finally {
      running = false;
      await within(60_000, 'the load loops to stop', Promise.all(load));
    }

    for (const [i, c] of cycles.entries()) {
      expect(c.recoveredAt, `cycle ${i} never recovered`).not.toBeNaN();
      const down = outcomes.filter((o) => o.at > c.killedAt && o.at <= c.restartedAt);
      // The outage was real, and what failed said why.
      expect(down.filter((o) => !o.ok).length, `cycle ${i}: no request failed while the database was down`).toBeGreaterThan(0);
      for (const o of down.filter((x) => !x.ok)) {
        expect(o.types.every((t) => t.startsWith('DynamoDB:')), o.types.join()).toBe(true);
        expect(o.messages.some((m) => /DynamoDB/.test(m)), o.messages.join(' | ')).toBe(true);
      }
      // Recovered means recovered: a second after the first success, nothing fails (the next cycle's kill aside).
      const nextKill = cycles[i + 1]?.killedAt ?? Infinity;
      const after = outcomes.filter((o) => o.at > c.recoveredAt + 1_000 && o.at < nextKill);
      expect(after.filter((o) => !o.ok).map((o) => o.types.join()), `cycle ${i}`).toEqual([]);
      expect(after.length).toBeGreaterThan(0);
    }
    const before = outcomes.filter((o) => o.at < cycles[0].killedAt);
    expect(before.filter((o) => !o.ok).map((o) => o.types.join())).toEqual([]);

    // Every acknowledged write survived SIGKILL and restart: in the table, and through the API.
    const listed = new Set<string>();
    const stored = new Set<string>();
    for (const boardId of boards) {
      let nextToken: string | null = null;
      do {
        const r = await send(api, 'query($id: ID!, $n: String) { board(id: $id) { taskCount tasks(limit: 100, nextToken: $n) { items { id } nextToken } } }', { id: boardId, n: nextToken }, alice);
        const board = field<{ taskCount: number; tasks: { items: Array<{ id: string }>; nextToken: string | null } }>(r, 'board')!;
        board.tasks.items.forEach((t) => listed.add(t.id));
        nextToken = board.tasks.nextToken;
      } while (nextToken);
      let start: Record<string, AttributeValue> | undefined;
      let count = 0;
      do {
        const page = await tableClient(api).send(new QueryCommand({
          TableName: api.runtime.model.outputs.TableName, ConsistentRead: true, ProjectionExpression: 'sk', ExclusiveStartKey: start,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :t)', ExpressionAttributeValues: { ':pk': { S: boardPk(boardId) }, ':t': { S: TASK_SK_PREFIX } },
        }));
        for (const item of page.Items ?? []) stored.add(item.sk.S!.slice(TASK_SK_PREFIX.length));
        count += page.Count ?? 0;
        start = page.LastEvaluatedKey;
      } while (start);
      const r = await send(api, 'query($id: ID!) { board(id: $id) { taskCount } }', { id: boardId }, alice);
      expect(field<{ taskCount: number }>(r, 'board')!.taskCount, boardId).toBe(count);
    }
    // Each lost write belongs to the kill nearest to its acknowledgement.
    const nearest = (at: number) => cycles.reduce((best, c) => (Math.abs(c.killedAt - at) < Math.abs(best.killedAt - at) ? c : best));
    const lost = acknowledged.filter((a) => !stored.has(a.id)).map((a) => ({ ...a, cycle: nearest(a.at) }));
    const describe = (l: (typeof lost)[number]) => `${l.id} acknowledged ${l.cycle.killedAt - l.at} ms before the ${l.cycle.signal}`;
    expect(lost.filter((l) => l.cycle.signal === 'SIGTERM').map(describe), 'acknowledged createTask missing from the table after SIGTERM').toEqual([]);
    // DynamoDB Local acknowledges a TransactWriteItems before it is on disk: a SIGKILL can lose the last ones
    // (reproduced with the bare jar, without this runtime). Reported, not asserted; the counters stay consistent.
    const lostToSigkill = lost.filter((l) => l.cycle.signal === 'SIGKILL');
    // The board's ordered list (a local secondary index) shows exactly what the table holds.
    expect([...stored].filter((id) => !listed.has(id)), 'tasks in the table but missing from Board.tasks (the LSI)').toEqual([]);
    expect([...listed].filter((id) => !stored.has(id)), 'tasks listed but not in the table').toEqual([]);
    figures.addWrites(acknowledged.length, acknowledged.length - lost.length);
    if (lostToSigkill.length > 0) figures.error('acknowledged write lost to SIGKILL (DynamoDB Local)', lostToSigkill.length);
    figures.addRecoveries(cycles.length);
    const failed = outcomes.filter((o) => !o.ok).length;
    const recovery = cycles.map((c) => c.recoveredAt - c.restartedAt);
    const outage = cycles.map((c) => c.restartedAt - c.killedAt);
    figures.note(`DynamoDB Local (on disk) stopped ${cycles.length} time(s) under ${P.writers} writers and ${P.readers} readers (${cycles.map((c) => c.signal).join(', ')}): ${outcomes.length} requests, ${failed} failed during the outages ` +
      `(all DynamoDB:* errors naming DynamoDB), outages lasted ${outage.map((ms) => `${(ms / 1000).toFixed(1)} s`).join(', ')} (signal to ready again), the first success came ${recovery.map((ms) => `${ms} ms`).join(', ')} after each restart, ` +
      `with the same API process throughout. ${acknowledged.length} createTask acknowledged, ${acknowledged.length - lost.length} found afterwards; ${stored.size - (acknowledged.length - lost.length)} more were written but not acknowledged (in flight at the stop); taskCount matched the table and Board.tasks matched the table on every board.`);
    figures.note(`Acknowledged writes lost: ${lost.filter((l) => l.cycle.signal === 'SIGTERM').length} to SIGTERM (asserted 0), ${lostToSigkill.length} to SIGKILL${lostToSigkill.length > 0 ? ` (${lostToSigkill.map(describe).join('; ')})` : ''}. DynamoDB Local acknowledges TransactWriteItems before they are on disk, so a SIGKILL can lose the last ones: with the bare jar (-dbPath, 12 writers of 2-item transactions, one SIGKILL) 3 of 6 runs lost one acknowledged transaction, 0 of 6 with SIGTERM. The lost transactions are lost whole (the board's taskCount still equals its tasks).`);
  });
});

describe('Lambda functions that throw, time out or crash', () => {
  let api: LocalApi;
  let outdir: string;
  let key: Record<string, string>;

  beforeAll(async () => {
    outdir = mkdtempSync(join(tmpdir(), 'faulty-app-'));
    synthFaultyApp(outdir);
    api = await givenLocalApi({ assemblyDir: outdir, logLevel: 'NONE' });
    key = { 'x-api-key': api.runtime.apiKeys[0].value };
  });
  afterAll(async () => {
    await api?.close();
    rmSync(outdir, { recursive: true, force: true });
  });

  const FAULTS = [
    { mode: 'throw', errorType: 'Lambda:Unhandled', message: /the function failed on purpose/ },
    { mode: 'timeout', errorType: 'Lambda:Sandbox.Timedout', message: new RegExp(`Task timed out after ${FAULTY_TIMEOUT_SECONDS.toFixed(2)} seconds`) },
    { mode: 'exit', errorType: 'Lambda:Runtime.ExitError', message: /Runtime exited with error: exit status 3/ },
    { mode: 'kill', errorType: 'Lambda:Runtime.ExitError', message: /Runtime exited with signal: SIGKILL/ },
    { mode: 'uncaught', errorType: 'Lambda:Runtime.ExitError', message: /Runtime exited/ },
  ];

  /** Processes of the faulty function that are still alive (children of this process running its code). */
  function functionProcesses(): number {
    let n = 0;
    for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        if (ppid === process.pid && readlinkSync(`/proc/${pid}/cwd`).startsWith(outdir)) n++;
      } catch {
        // gone meanwhile
      }
    }
    return n;
  }

  it.each(FAULTS)('$mode: the field errors ($errorType), the rest of the response is served, the next call works', async ({ mode, errorType, message }) => {
    for (let i = 0; i < P.lambdaFaults; i++) {
      const r = await send(api, 'query($m: String!, $t: String) { bad: faulty(mode: $m) fine: healthy ok: faulty(mode: "ok", text: $t) }', { m: mode, t: `${mode}-${i}` }, key);
      expect(r.status).toBe(200);
      expect(r.body.data).toEqual({ bad: null, fine: 'fine', ok: `ok:${mode}-${i}` });
      expect(r.body.errors).toEqual([expect.objectContaining({ path: ['bad'], errorType, message: expect.stringMatching(message) })]);
      const next = await send(api, 'query($t: String) { faulty(mode: "ok", text: $t) }', { t: `after-${mode}-${i}` }, key);
      expect(next.body).toEqual({ data: { faulty: `ok:after-${mode}-${i}` } });
    }
    figures.addRecoveries(P.lambdaFaults);
  });

  it('a process that dies while idle, after answering, is not sent the next invocation', async () => {
    for (let i = 0; i < P.lambdaFaults; i++) {
      const r = await send(api, '{ faulty(mode: "crash-after") }', {}, key);
      expect(r.body).toEqual({ data: { faulty: 'answered' } });
      await sleep(300);
      const next = await send(api, 'query($t: String) { faulty(mode: "ok", text: $t) }', { t: `after-idle-crash-${i}` }, key);
      expect(next.body).toEqual({ data: { faulty: `ok:after-idle-crash-${i}` } });
    }
    figures.addRecoveries(P.lambdaFaults);
  });

  it('a storm of mixed faults at once: every healthy call answered, no function process left behind beyond the pool', async () => {
    const modes = ['ok', 'throw', 'exit', 'kill', 'uncaught', 'timeout'];
    const replies = await Promise.all(Array.from({ length: 24 }, (_, i) => send(api, 'query($m: String!, $t: String) { f: faulty(mode: $m, text: $t) fine: healthy }', { m: modes[i % modes.length], t: `storm-${i}` }, key)));
    replies.forEach((r, i) => {
      expect(r.body.data).toEqual({ f: modes[i % modes.length] === 'ok' ? `ok:storm-${i}` : null, fine: 'fine' });
    });
    const after = await send(api, '{ faulty(mode: "ok", text: "calm") }', {}, key);
    expect(after.body).toEqual({ data: { faulty: 'ok:calm' } });
    // Up to 4 warm processes per function, like 4 execution environments; crashed ones are gone.
    await sleep(200);
    const alive = functionProcesses();
    expect(alive).toBeGreaterThan(0);
    expect(alive).toBeLessThanOrEqual(4);
    figures.note(`Lambda faults (throw, timeout after ${FAULTY_TIMEOUT_SECONDS} s, process.exit, SIGKILL, an exception in a timer during the invocation or after answering) × ${P.lambdaFaults} each, then 24 at once (all but crash-after): the failing field was null with its Lambda:* error, the sibling fields were served, the next call succeeded, and ${alive} function process(es) remained (pool of 4).`);
  });
});

describe('WebSocket clients that vanish', () => {
  let api: LocalApi;
  let auth: Record<string, string>;
  const subscription = 'subscription($b: ID!) { onTaskChanged(boardId: $b) { id title } }';
  let boardId: string;

  beforeAll(async () => {
    api = await givenReliabilityApi();
    const alice = await api.as('alice');
    auth = { host: new URL(api.runtime.graphqlUrl).host, ...alice };
    const r = await send(api, 'mutation($in: CreateBoardInput!) { createBoard(input: $in) { id } }', { in: { name: 'Vanishing' } }, alice);
    boardId = field<{ id: string }>(r, 'createBoard')!.id;
  });
  afterAll(async () => {
    if (api) await within(30_000, 'closing the runtime', api.close());
  });

  /** Waits until the server holds nothing for vanished clients, or returns what it still holds. */
  async function settled(expected = { connections: 0, subscriptions: 0, indexedSubscriptions: 0 }) {
    const deadline = Date.now() + 5_000;
    let counts = api.runtime.realtime.counts;
    while (JSON.stringify(counts) !== JSON.stringify(expected) && Date.now() < deadline) {
      await sleep(50);
      counts = api.runtime.realtime.counts;
    }
    return counts;
  }

  const open = async () => {
    const c = await connectRealtime(api.runtime.realtimeUrl, auth);
    c.send({ type: 'connection_init' });
    await c.next((f) => f.type === 'connection_ack');
    return c;
  };

  const WAYS: Array<{ name: string; vanish: () => Promise<void> }> = [
    {
      name: 'after start_ack',
      vanish: async () => {
        const c = await open();
        c.start('s', subscription, { b: boardId }, auth);
        await c.next((f) => f.id === 's' && f.type === 'start_ack');
        c.socket.terminate();
      },
    },
    {
      name: 'between start and start_ack',
      vanish: async () => {
        const c = await open();
        c.start('s', subscription, { b: boardId }, auth);
        c.socket.terminate();
      },
    },
    {
      name: 'during the handshake',
      vanish: async () => {
        const ws = new WebSocket(api.runtime.realtimeUrl, ['graphql-ws', `header-${Buffer.from(JSON.stringify(auth)).toString('base64url')}`]);
        await new Promise<void>((resolve, reject) => {
          ws.once('open', () => {
            ws.terminate();
            resolve();
          });
          ws.once('error', reject);
        });
      },
    },
    {
      name: 'with a clean close after start_ack',
      vanish: async () => {
        const c = await open();
        c.start('s', subscription, { b: boardId }, auth);
        await c.next((f) => f.id === 's' && f.type === 'start_ack');
        await c.close();
      },
    },
  ];

  it.each(WAYS)('clients vanishing $name leave no connection or subscription behind', async ({ vanish }) => {
    await Promise.all(Array.from({ length: P.vanishingClients }, () => vanish()));
    const counts = await settled();
    figures.addLeaks(counts.connections + counts.indexedSubscriptions);
    expect(counts).toEqual({ connections: 0, subscriptions: 0, indexedSubscriptions: 0 });
  });

  it('clients vanishing mid-stream: the others get every event exactly once, the vanished ones are freed', async () => {
    const stayers: RawConnection[] = [];
    const leavers: RawConnection[] = [];
    for (let i = 0; i < 10; i++) {
      const c = await open();
      c.start('s', subscription, { b: boardId }, auth);
      await c.next((f) => f.id === 's' && f.type === 'start_ack');
      (i % 2 === 0 ? stayers : leavers).push(c);
    }
    expect(api.runtime.realtime.counts).toEqual({ connections: 10, subscriptions: 10, indexedSubscriptions: 10 });
    const alice = { authorization: auth.authorization };
    const events = 40;
    for (let i = 0; i < events; i++) {
      const r = await send(api, 'mutation($in: CreateTaskInput!) { createTask(input: $in) { id boardId title } }', { in: { boardId, title: `stream ${i}` } }, alice);
      expect(r.body.errors).toBeUndefined();
      if (i === events / 2) leavers.forEach((c) => c.socket.terminate());
    }
    const received = (c: RawConnection) => c.frames.filter((f) => f.type === 'data').length;
    const deadline = Date.now() + 10_000;
    while (stayers.some((c) => received(c) < events) && Date.now() < deadline) await sleep(50);
    for (const c of stayers) {
      const titles = c.frames.filter((f) => f.type === 'data').map((f) => (f.payload as { data: { onTaskChanged: { title: string } } }).data.onTaskChanged.title);
      expect(titles).toEqual(Array.from({ length: events }, (_, i) => `stream ${i}`));
    }
    expect(await settled({ connections: 5, subscriptions: 5, indexedSubscriptions: 5 })).toEqual({ connections: 5, subscriptions: 5, indexedSubscriptions: 5 });
    await Promise.all(stayers.map((c) => c.close()));
    const counts = await settled();
    figures.addLeaks(counts.connections + counts.indexedSubscriptions);
    expect(counts).toEqual({ connections: 0, subscriptions: 0, indexedSubscriptions: 0 });
    figures.note(`WebSocket: ${P.vanishingClients} clients vanished in each of ${WAYS.length} ways (terminated after start_ack, between start and start_ack, during the handshake, closed cleanly), and 5 of 10 subscribers were terminated in the middle of a ${events}-event stream while the other 5 received every event once, in order; connections, subscriptions and the publish index (runtime.realtime.counts) came back to 0.`);
  });
});
