import { describe, expect, it } from 'vitest';
import { TraceStore } from '../../../../local/console/trace-store';
import type { RequestTrace } from '../../../../local/execution/executor';

const trace = (name: string): RequestTrace => ({
  operationName: name, operationType: 'query' as RequestTrace['operationType'], resolverCount: 1,
  fields: [{ path: 'note', step: 'Query.note', logs: ['hello'], calls: [{ dataSource: 'Notes', type: 'AMAZON_DYNAMODB', operation: 'GetItem', durationMs: 1.5, dynamodbCalls: [], logs: [] }] }],
});

const input = (requestId: string, name = requestId) => ({
  requestId, receivedAt: new Date('2026-12-01T12:00:00.000Z'), durationMs: 12.3456, caller: 'alice', status: 200, errorCount: 0, trace: trace(name),
});

describe('TraceStore', () => {
  it('keeps a request\'s trace under its request id, with what the console shows', () => {
    const store = new TraceStore();
    store.record(input('r1', 'GetNote'));
    expect(store.get('r1')).toEqual({
      requestId: 'r1', receivedAt: '2026-12-01T12:00:00.000Z', durationMs: 12.35, caller: 'alice', status: 200,
      operationName: 'GetNote', operationType: 'query', resolverCount: 1, errorCount: 0, fields: trace('GetNote').fields,
    });
    expect(store.get('nope')).toBeUndefined();
  });

  it('forgets the oldest traces beyond its limit', () => {
    const store = new TraceStore(3);
    for (const id of ['a', 'b', 'c', 'd', 'e']) store.record(input(id));
    expect(store.size).toBe(3);
    expect(['a', 'b', 'c', 'd', 'e'].map((id) => store.get(id) !== undefined)).toEqual([false, false, true, true, true]);
  });
});
