/**
 * AppSync's real-time protocol on the local runtime, frame by frame, with a bare `ws` client on
 * the non-Taskboard fixture app: connection auth, start/start_ack/data/stop/complete, argument
 * matching, enhanced filters set by a resolver, a refusing resolver, invalidation, disconnects.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { givenLocalApi, type LocalApi } from '../../helpers/local-api';
import { connectRealtime, type RawConnection } from '../../helpers/realtime-client';

let api: LocalApi;
let auth: Record<string, string>;
const open: RawConnection[] = [];

beforeAll(async () => {
  const outdir = inject('miniAppAssembly');
  api = await givenLocalApi({ assemblyDir: outdir, keepAliveMs: 200 });
  auth = { host: new URL(api.runtime.graphqlUrl).host, 'x-api-key': api.runtime.apiKeys[0].value };
}, 120_000);
afterAll(async () => {
  await Promise.all(open.map((c) => c.close()));
  await api?.close();
});

async function connect(header = auth, via: 'subprotocol' | 'query' = 'subprotocol'): Promise<RawConnection> {
  const c = await connectRealtime(api.runtime.realtimeUrl, header, via);
  open.push(c);
  c.send({ type: 'connection_init' });
  return c;
}

const putNote = (id: string, text: string, owner: string) =>
  api.request('mutation($id: ID!, $text: String!, $owner: String) { putNote(id: $id, text: $text, owner: $owner) { id text owner } }', { id, text, owner }, { 'x-api-key': auth['x-api-key'] });

describe('the real-time endpoint', () => {
  it('acknowledges the connection with AppSync\'s timeout and sends keep-alives', async () => {
    const c = await connect();
    expect(await c.next((f) => f.type === 'connection_ack')).toEqual({ type: 'connection_ack', payload: { connectionTimeoutMs: 300000 } });
    await c.next((f) => f.type === 'ka', 2_000);
    expect(c.socket.protocol).toBe('graphql-ws');
  });

  it('accepts the auth header in the query string too (older clients)', async () => {
    const c = await connect(auth, 'query');
    await c.next((f) => f.type === 'connection_ack');
  });

  it('refuses a connection with a bad credential or a foreign host', async () => {
    const bad = await connectRealtime(api.runtime.realtimeUrl, { ...auth, 'x-api-key': 'da2-nope' });
    open.push(bad);
    const error = await bad.next((f) => f.type === 'connection_error');
    expect(error.payload).toEqual({ errors: [{ errorType: 'com.amazonaws.deepdish.graphql.auth#UnauthorizedException', message: 'You are not authorized to make this call.' }] });
    const foreign = await connectRealtime(api.runtime.realtimeUrl, { ...auth, host: 'evil.example.com' });
    open.push(foreign);
    expect((await foreign.next((f) => f.type === 'connection_error')).payload).toMatchObject({ errors: [{ errorType: expect.stringContaining('UnauthorizedException') }] });
  });

  it('delivers a matching mutation with the subscription\'s selection, and not a non-matching one', async () => {
    const c = await connect();
    await c.next((f) => f.type === 'connection_ack');
    c.start('s1', 'subscription($o: String) { onNote(owner: $o) { id text missing: owner __typename } }', { o: 'ann' }, auth);
    expect(await c.next((f) => f.id === 's1')).toEqual({ type: 'start_ack', id: 's1' });
    await putNote('r1', 'for bob', 'bob');
    await putNote('r2', 'for ann', 'ann');
    const data = await c.next((f) => f.type === 'data' && f.id === 's1');
    expect(data.payload).toEqual({ data: { onNote: { id: 'r2', text: 'for ann', missing: 'ann', __typename: 'Note' } } });
    expect(c.frames.filter((f) => f.type === 'data')).toHaveLength(1);
  });

  it('fields the mutation did not select arrive as null', async () => {
    const c = await connect();
    await c.next((f) => f.type === 'connection_ack');
    c.start('s2', 'subscription { onNote { id meta } }', {}, auth);
    await c.next((f) => f.id === 's2' && f.type === 'start_ack');
    await putNote('r3', 'x', 'ann');
    expect((await c.next((f) => f.type === 'data')).payload).toEqual({ data: { onNote: { id: 'r3', meta: null } } });
  });

  it('applies the enhanced filter the subscription resolver set', async () => {
    const c = await connect();
    await c.next((f) => f.type === 'connection_ack');
    c.start('p', 'subscription { onNotePrefix(prefix: "urgent") { id } }', {}, auth);
    await c.next((f) => f.id === 'p' && f.type === 'start_ack');
    await putNote('f1', 'later', 'ann');
    await putNote('f2', 'urgent: now', 'ann');
    expect((await c.next((f) => f.type === 'data')).payload).toEqual({ data: { onNotePrefix: { id: 'f2' } } });
    expect(c.frames.filter((f) => f.type === 'data')).toHaveLength(1);
  });

  it('answers a refused subscription with an error and no subscription', async () => {
    const c = await connect();
    await c.next((f) => f.type === 'connection_ack');
    c.start('x', 'subscription { onSecret { id } }', {}, auth);
    const error = await c.next((f) => f.id === 'x');
    expect(error).toMatchObject({ type: 'error', payload: { errors: [{ errorType: 'Unauthorized', message: 'Not Authorized to access onSecret on type Subscription' }] } });
    c.start('y', 'subscription { onNote { id } }', {}, { ...auth, 'x-api-key': 'da2-nope' });
    expect(await c.next((f) => f.id === 'y')).toMatchObject({ type: 'error', payload: { errors: [{ errorType: 'UnauthorizedException' }] } });
    c.start('z', 'subscription { nope { id } }', {}, auth);
    expect(await c.next((f) => f.id === 'z')).toMatchObject({ type: 'error', payload: { errors: [{ message: expect.stringContaining('FieldUndefined') }] } });
  });

  it('stop is answered with complete, and nothing more arrives', async () => {
    const c = await connect();
    await c.next((f) => f.type === 'connection_ack');
    c.start('st', 'subscription { onNote { id } }', {}, auth);
    await c.next((f) => f.id === 'st' && f.type === 'start_ack');
    c.send({ type: 'stop', id: 'st' });
    expect(await c.next((f) => f.id === 'st' && f.type === 'complete')).toEqual({ type: 'complete', id: 'st' });
    await putNote('st1', 'after stop', 'ann');
    await new Promise((r) => setTimeout(r, 200));
    expect(c.frames.filter((f) => f.type === 'data')).toHaveLength(0);
  });

  it('a mutation\'s invalidateSubscriptions completes the matching subscriptions only', async () => {
    const c = await connect();
    await c.next((f) => f.type === 'connection_ack');
    c.start('ann', 'subscription { onNote(owner: "ann") { id } }', {}, auth);
    c.start('bob', 'subscription { onNote(owner: "bob") { id } }', {}, auth);
    await c.next((f) => f.id === 'ann' && f.type === 'start_ack');
    await c.next((f) => f.id === 'bob' && f.type === 'start_ack');
    await api.request('mutation { closeNotes(owner: "ann") }', {}, { 'x-api-key': auth['x-api-key'] });
    expect(await c.next((f) => f.type === 'complete')).toEqual({ type: 'complete', id: 'ann' });
    await putNote('i1', 'still here', 'bob');
    expect((await c.next((f) => f.type === 'data')).id).toBe('bob');
  });

  it('an abrupt disconnect frees every subscription of the connection', async () => {
    const before = api.runtime.realtime.subscriptionCount;
    const c = await connect();
    await c.next((f) => f.type === 'connection_ack');
    for (const id of ['a', 'b', 'c']) c.start(id, 'subscription { onNote { id } }', {}, auth);
    for (const id of ['a', 'b', 'c']) await c.next((f) => f.id === id && f.type === 'start_ack');
    expect(api.runtime.realtime.subscriptionCount).toBe(before + 3);
    c.socket.terminate();
    await new Promise((r) => setTimeout(r, 200));
    expect(api.runtime.realtime.subscriptionCount).toBe(before);
  });
});

describe('subscription resolvers', () => {
  it('see the start\'s variables in ctx.info, like any resolver', async () => {
    const c = await connect();
    await c.next((f) => f.type === 'connection_ack');
    // onNotePrefix's resolver filters on its argument; passed as a variable, it must arrive coerced.
    c.start('v', 'subscription($p: String!) { onNotePrefix(prefix: $p) { id } }', { p: 'var' }, auth);
    await c.next((f) => f.id === 'v' && f.type === 'start_ack');
    await putNote('v1', 'other', 'ann');
    await putNote('v2', 'var: yes', 'ann');
    expect((await c.next((f) => f.type === 'data')).payload).toEqual({ data: { onNotePrefix: { id: 'v2' } } });
  });
});
