/**
 * Connection hygiene under load: 1,000 subscriptions across 100 connections receive every event
 * of a burst of 200 mutations, none lost, none duplicated. Bounded: it fails rather than hangs.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { synthMiniApp } from '../fixtures/mini-appsync/app';
import { givenLocalApi, type LocalApi } from '../helpers/local-api';
import { connectRealtime, type RawConnection } from '../helpers/realtime-client';

const CONNECTIONS = 100;
const PER_CONNECTION = 10;
const MUTATIONS = 200;

let api: LocalApi;
const connections: RawConnection[] = [];

beforeAll(async () => {
  const outdir = mkdtempSync(join(tmpdir(), 'mini-appsync-load-'));
  synthMiniApp(outdir);
  api = await givenLocalApi({ assemblyDir: outdir, logLevel: 'NONE' });
}, 120_000);
afterAll(async () => {
  await Promise.all(connections.map((c) => c.close()));
  await api?.close();
});

it(`${CONNECTIONS * PER_CONNECTION} subscriptions on ${CONNECTIONS} connections get all ${MUTATIONS} events exactly once`, async () => {
  const auth = { host: new URL(api.runtime.graphqlUrl).host, 'x-api-key': api.runtime.apiKeys[0].value };
  await Promise.all(Array.from({ length: CONNECTIONS }, async () => {
    const c = await connectRealtime(api.runtime.realtimeUrl, auth);
    connections.push(c);
    c.send({ type: 'connection_init' });
    await c.next((f) => f.type === 'connection_ack');
    for (let i = 0; i < PER_CONNECTION; i++) c.start(`s${i}`, 'subscription { onNote { id } }', {}, auth);
    for (let i = 0; i < PER_CONNECTION; i++) await c.next((f) => f.id === `s${i}` && f.type === 'start_ack');
  }));
  expect(api.runtime.realtime.subscriptionCount).toBe(CONNECTIONS * PER_CONNECTION);

  // The burst: 20 mutations in flight at a time.
  const ids = Array.from({ length: MUTATIONS }, (_, i) => `load-${i}`);
  for (let i = 0; i < ids.length; i += 20) {
    await Promise.all(ids.slice(i, i + 20).map((id) => api.request('mutation($id: ID!) { putNote(id: $id, text: "t", owner: "o") { id } }', { id }, { 'x-api-key': auth['x-api-key'] })));
  }

  const expected = CONNECTIONS * PER_CONNECTION * MUTATIONS;
  const received = () => connections.reduce((n, c) => n + c.frames.filter((f) => f.type === 'data').length, 0);
  const deadline = Date.now() + 30_000;
  while (received() < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  expect(received()).toBe(expected);
  for (const c of connections) {
    for (let i = 0; i < PER_CONNECTION; i++) {
      const got = c.frames.filter((f) => f.type === 'data' && f.id === `s${i}`).map((f) => ((f.payload as { data: { onNote: { id: string } } }).data.onNote.id));
      expect(new Set(got).size).toBe(MUTATIONS);
      expect(got).toHaveLength(MUTATIONS);
    }
  }
}, 120_000);
