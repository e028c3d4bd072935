import { describe, expect, it } from 'vitest';
import { math } from '../../../../local/appsync-js/util/math';
import { str } from '../../../../local/appsync-js/util/str';

// Casts for calls the typings forbid but resolver code can still make at runtime.
type Loose = (...args: unknown[]) => unknown;
const loose = (f: unknown) => f as Loose;

describe('util.str.normalize', () => {
  const composed = 'caf\u00e9'; // é as one code point
  const decomposed = 'cafe\u0301'; // e + combining acute
  it.each([
    [decomposed, 'nfc', composed],
    [composed, 'nfd', decomposed],
    ['\ufb01', 'nfc', '\ufb01'], // the fi ligature survives canonical forms
    ['\ufb01', 'nfd', '\ufb01'],
    ['\ufb01', 'nfkc', 'fi'], // and is split by compatibility forms
    ['\ufb01', 'nfkd', 'fi'],
    ['\u2460', 'nfkc', '1'], // circled digit one
    ['\u1e9b\u0323', 'nfkd', 's\u0323\u0307'],
    ['\u1e9b\u0323', 'nfkc', '\u1e69'],
    ['', 'nfc', ''],
    ['ascii', 'nfkd', 'ascii'],
    [decomposed, 'NFC', composed], // form names are case-insensitive
  ])('normalize(%j, %j) -> %j', (value, form, expected) => {
    expect(loose(str.normalize)(value, form)).toBe(expected);
  });

  it.each([['nfx'], [''], [null], [undefined]])('rejects normalization type %j', (form) => {
    expect(() => loose(str.normalize)('a', form)).toThrow(/normalization type must be one of nfc, nfd, nfkc, nfkd/);
  });

  it.each([[null], [undefined], [1]])('rejects value %j', (value) => {
    expect(() => loose(str.normalize)(value, 'nfc')).toThrow(/value must be a string/);
  });
});

describe('util.math.roundNum (Java Math.round)', () => {
  it.each([
    [2.5, 3],
    [2.4, 2],
    [-2.5, -2], // half rounds towards +infinity
    [-2.6, -3],
    [-0.4, 0],
    [0, 0],
    [7, 7],
    [1e20, 1e20],
  ])('roundNum(%d) -> %d', (input, expected) => {
    expect(math.roundNum(input)).toBe(expected);
  });

  it('returns +0, not -0, like an integer', () => {
    expect(Object.is(math.roundNum(-0.4), 0)).toBe(true);
  });

  it.each([['2.5'], [null], [undefined]])('rejects %j', (input) => {
    expect(() => loose(math.roundNum)(input)).toThrow(/util\.math\.roundNum: expected a number/);
  });
});

describe('util.math.minVal / maxVal', () => {
  it.each([
    [1, 2, 1, 2],
    [-1.5, -1.25, -1.5, -1.25],
    [3, 3, 3, 3],
    [Infinity, 1, 1, Infinity],
  ])('(%d, %d) -> min %d, max %d', (a, b, min, max) => {
    expect(math.minVal(a, b)).toBe(min);
    expect(math.maxVal(a, b)).toBe(max);
  });

  it('propagates NaN like Java', () => {
    expect(math.minVal(NaN, 1)).toBeNaN();
    expect(math.maxVal(1, NaN)).toBeNaN();
  });

  it('rejects non-numbers', () => {
    expect(() => loose(math.minVal)(1, '2')).toThrow(/util\.math\.minVal: expected a number/);
    expect(() => loose(math.maxVal)(null, 2)).toThrow(/util\.math\.maxVal: expected a number/);
  });
});

describe('util.math.randomDouble', () => {
  it('stays in [0, 1) and varies', () => {
    const values = Array.from({ length: 1000 }, () => math.randomDouble());
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    expect(new Set(values).size).toBeGreaterThan(990);
  });
});

describe('util.math.randomWithinRange', () => {
  it.each([
    [1, 6],
    [-3, 3],
    [0, 1],
    [10, 10],
  ])('returns integers in [%d, %d], both ends reachable', (start, end) => {
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const v = math.randomWithinRange(start, end);
      expect(Number.isInteger(v)).toBe(true);
      expect(v).toBeGreaterThanOrEqual(start);
      expect(v).toBeLessThanOrEqual(end);
      seen.add(v);
    }
    expect(seen.size).toBe(end - start + 1);
  });

  it('truncates fractional bounds like Java ints', () => {
    for (let i = 0; i < 200; i++) expect([1, 2]).toContain(math.randomWithinRange(1.9, 2.9));
  });

  it('copes with a range wider than crypto.randomInt allows', () => {
    const v = math.randomWithinRange(0, 2 ** 52);
    expect(Number.isInteger(v) && v >= 0 && v <= 2 ** 52).toBe(true);
  });

  it.each([
    [5, 1, /start \(5\) must not be greater than end \(1\)/],
    [NaN, 1, /finite integers/],
    [0, Infinity, /finite integers/],
    ['1', 2, /expected a number/],
  ])('rejects (%j, %j)', (start, end, error) => {
    expect(() => loose(math.randomWithinRange)(start, end)).toThrow(error);
  });
});
