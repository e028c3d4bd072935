import { describe, expect, it } from 'vitest';
import { LambdaBatcher } from '../../../../local/execution/lambda-batcher';

describe('LambdaBatcher', () => {
  it('gathers the resolutions of one tick into one invocation, results in order', async () => {
    const batcher = new LambdaBatcher();
    const sent: unknown[][] = [];
    const send = async (payloads: unknown[]) => { sent.push(payloads); return { result: payloads.map((p) => `r${String(p)}`) }; };
    const outcomes = await Promise.all([1, 2, 3].map((p) => batcher.enqueue('Note.loud', p, 10, send)));
    expect(sent).toEqual([[1, 2, 3]]);
    expect(outcomes).toEqual([{ result: 'r1' }, { result: 'r2' }, { result: 'r3' }]);
  });

  it('splits at maxBatchSize', async () => {
    const batcher = new LambdaBatcher();
    const sent: unknown[][] = [];
    const send = async (payloads: unknown[]) => { sent.push(payloads); return { result: payloads }; };
    await Promise.all([1, 2, 3, 4, 5].map((p) => batcher.enqueue('k', p, 2, send)));
    expect(sent).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('keeps different resolvers apart', async () => {
    const batcher = new LambdaBatcher();
    const sent: string[] = [];
    const send = (key: string) => async (payloads: unknown[]) => { sent.push(`${key}:${payloads.length}`); return { result: payloads }; };
    await Promise.all([batcher.enqueue('a', 1, 5, send('a')), batcher.enqueue('b', 2, 5, send('b')), batcher.enqueue('a', 3, 5, send('a'))]);
    expect(sent.sort()).toEqual(['a:2', 'b:1']);
  });

  it('gives every resolution of a failed invocation the error; a short list yields nulls', async () => {
    const batcher = new LambdaBatcher();
    const failing = async () => ({ result: null, error: { type: 'Lambda:Unhandled', message: 'boom' } });
    const failed = await Promise.all([1, 2].map((p) => batcher.enqueue('f', p, 5, failing)));
    expect(failed).toEqual([{ result: null, error: { type: 'Lambda:Unhandled', message: 'boom' } }, { result: null, error: { type: 'Lambda:Unhandled', message: 'boom' } }]);
    const short = await Promise.all([1, 2].map((p) => batcher.enqueue('s', p, 5, async () => ({ result: ['only'] }))));
    expect(short).toEqual([{ result: 'only' }, { result: null }]);
  });
});
