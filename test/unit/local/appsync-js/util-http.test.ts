import { describe, expect, it } from 'vitest';
import { newEvaluationState, type EvaluationState } from '../../../../local/appsync-js/state';
import {
  createHttp,
  MAX_RESPONSE_HEADER_BYTES,
  RESPONSE_HEADER_ERROR_TYPE,
} from '../../../../local/appsync-js/util/http';

function setup(state: EvaluationState = newEvaluationState()) {
  return { state, http: createHttp(state) };
}

// Casts for calls the typings forbid but resolver code can still make at runtime.
type Loose = (...args: unknown[]) => unknown;
const loose = (f: unknown) => f as Loose;

const COPY_RESTRICTED = [
  'transfer-encoding',
  'connection',
  'host',
  'expect',
  'keep-alive',
  'upgrade',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'content-length',
];
const RESPONSE_ONLY_RESTRICTED = [
  'Access-Control-Allow-Credentials',
  'Access-Control-Allow-Origin',
  'Access-Control-Expose-Headers',
  'Access-Control-Max-Age',
  'Access-Control-Allow-Methods',
  'Access-Control-Allow-Headers',
  'Vary',
  'Content-Type',
];

describe('util.http.copyHeaders', () => {
  it('drops the documented restricted headers, whatever their case, and keeps the rest', () => {
    const { http } = setup();
    const headers: Record<string, unknown> = { authorization: 'Bearer x', 'x-custom': 'a', 'Content-Type': 'application/json' };
    for (const name of COPY_RESTRICTED) headers[name.toUpperCase()] = 'v';
    expect(http.copyHeaders(headers)).toEqual({ authorization: 'Bearer x', 'x-custom': 'a', 'Content-Type': 'application/json' });
  });

  it.each(COPY_RESTRICTED)('drops %s', (name) => {
    expect(setup().http.copyHeaders({ [name]: 'v', keep: 'k' })).toEqual({ keep: 'k' });
  });

  it('returns a copy, leaving the input untouched', () => {
    const input = { host: 'example.com', a: '1' };
    const copy = setup().http.copyHeaders(input);
    copy.b = '2';
    expect(input).toEqual({ host: 'example.com', a: '1' });
  });

  it.each([[null], [undefined], ['str']])('returns {} for %j', (input) => {
    expect(loose(setup().http.copyHeaders)(input)).toEqual({});
  });
});

describe('util.http.addResponseHeader', () => {
  it('records headers, stringifying values (AWS example)', () => {
    const { state, http } = setup();
    http.addResponseHeader('itemsCount', 7);
    http.addResponseHeader('render', 'full');
    expect(state.responseHeaders).toEqual({ itemsCount: '7', render: 'full' });
    expect(state.appendedErrors).toEqual([]);
  });

  it.each([
    ['a string', 'text', 'text'],
    ['a number', 12, '12'],
    ['a boolean', false, 'false'],
    ['an object (as JSON)', { field1: 7, field2: 'string' }, '{"field1":7,"field2":"string"}'],
    ['an array (as JSON)', [1, 'a'], '[1,"a"]'],
    ['an empty string', '', ''],
    ['Latin-1 text', 'café', 'café'],
  ])('stores %s', (_label, value, expected) => {
    const { state, http } = setup();
    http.addResponseHeader('x-value', value);
    expect(state.responseHeaders['x-value']).toBe(expected);
  });

  it('keeps the last write for a name, case-insensitively', () => {
    const { state, http } = setup();
    http.addResponseHeader('X-Trace', 'one');
    http.addResponseHeader('x-trace', 'two');
    expect(state.responseHeaders).toEqual({ 'x-trace': 'two' });
  });

  it.each<[string, RegExp]>([
    ...COPY_RESTRICTED.map((n): [string, RegExp] => [n, /is restricted/]),
    ...RESPONSE_ONLY_RESTRICTED.map((n): [string, RegExp] => [n, /is restricted/]),
    ['CONTENT-TYPE', /is restricted/],
    ['x-amz-date', /restricted prefix/],
    ['X-Amzn-RequestId', /restricted prefix/],
    ['x-amzn-', /restricted prefix/],
    ['', /non-empty string/],
    ['bad name', /not allowed in a header name/],
    ['bad:name', /not allowed in a header name/],
  ])('ignores %j and reports a ResponseHeaderError', (name, message) => {
    const { state, http } = setup();
    http.addResponseHeader(name, 'v');
    expect(state.responseHeaders).toEqual({});
    expect(state.appendedErrors).toHaveLength(1);
    expect(state.appendedErrors[0].errorType).toBe(RESPONSE_HEADER_ERROR_TYPE);
    expect(state.appendedErrors[0].message).toMatch(message);
  });

  it.each([
    ['null', null, /null value/],
    ['undefined', undefined, /null value/],
    ['CR/LF (header injection)', 'a\r\nSet-Cookie: x=1', /characters not allowed/],
    ['a character beyond Latin-1', '€', /characters not allowed/],
  ])('ignores a %s value and reports a ResponseHeaderError', (_label, value, message) => {
    const { state, http } = setup();
    http.addResponseHeader('x-value', value);
    expect(state.responseHeaders).toEqual({});
    expect(state.appendedErrors).toEqual([{ message: expect.stringMatching(message), errorType: 'ResponseHeaderError' }]);
  });

  it('ignores a non-string name', () => {
    const { state, http } = setup();
    loose(http.addResponseHeader)(42, 'v');
    expect(state.responseHeaders).toEqual({});
    expect(state.appendedErrors[0].errorType).toBe('ResponseHeaderError');
  });

  it('keeps evaluating after a rejected header', () => {
    const { state, http } = setup();
    http.addResponseHeader('x-amz-nope', 'v');
    http.addResponseHeader('ok', 'v');
    expect(state.responseHeaders).toEqual({ ok: 'v' });
    expect(state.appendedErrors).toHaveLength(1);
  });
});

describe('util.http 4 KB limit', () => {
  it('accepts headers up to exactly 4096 bytes of names and values', () => {
    const { state, http } = setup();
    http.addResponseHeader('a', 'x'.repeat(MAX_RESPONSE_HEADER_BYTES - 1));
    expect(state.responseHeaders.a).toHaveLength(4095);
    expect(state.appendedErrors).toEqual([]);
  });

  it('rejects the header that would go over, keeping the earlier ones', () => {
    const { state, http } = setup();
    http.addResponseHeader('a', 'x'.repeat(4000));
    http.addResponseHeader('b', 'y'.repeat(100));
    expect(Object.keys(state.responseHeaders)).toEqual(['a']);
    expect(state.appendedErrors).toEqual([{ message: expect.stringMatching(/4096 byte limit/), errorType: 'ResponseHeaderError' }]);
  });

  it('counts every write, even one a later write replaces (documented)', () => {
    const { state, http } = setup();
    http.addResponseHeader('a', 'x'.repeat(2100));
    http.addResponseHeader('a', 'x'.repeat(2100));
    expect(state.responseHeaders.a).toHaveLength(2100);
    expect(state.appendedErrors).toHaveLength(1);
  });

  it('counts bytes, not characters', () => {
    const { state, http } = setup();
    http.addResponseHeader('a', 'é'.repeat(2048)); // 4096 bytes + the name
    expect(state.responseHeaders).toEqual({});
    expect(state.appendedErrors).toHaveLength(1);
  });

  it('counts headers already in the state', () => {
    const state = newEvaluationState();
    state.responseHeaders.previous = 'z'.repeat(4000);
    const { http } = setup(state);
    http.addResponseHeader('next', 'y'.repeat(100));
    expect(state.responseHeaders.next).toBeUndefined();
    expect(state.appendedErrors).toHaveLength(1);
  });
});

describe('util.http.addResponseHeaders', () => {
  it('adds every entry of the map (AWS example)', () => {
    const { state, http } = setup();
    http.addResponseHeaders({ headerInt: 12, headerString: 'stringValue', headerObject: { field1: 7, field2: 'string' } });
    expect(state.responseHeaders).toEqual({
      headerInt: '12',
      headerString: 'stringValue',
      headerObject: '{"field1":7,"field2":"string"}',
    });
  });

  it('adds the valid entries and reports each invalid one', () => {
    const { state, http } = setup();
    http.addResponseHeaders({ good: 'g', 'x-amz-bad': 'b', vary: 'v', empty: null });
    expect(state.responseHeaders).toEqual({ good: 'g' });
    expect(state.appendedErrors.map((e) => e.errorType)).toEqual(['ResponseHeaderError', 'ResponseHeaderError', 'ResponseHeaderError']);
  });

  it.each([[null], [undefined], ['str'], [[1, 2]]])('reports a ResponseHeaderError for %j', (input) => {
    const { state, http } = setup();
    loose(http.addResponseHeaders)(input);
    expect(state.responseHeaders).toEqual({});
    expect(state.appendedErrors).toEqual([{ message: expect.stringMatching(/expects a map/), errorType: 'ResponseHeaderError' }]);
  });
});
