import { describe, expect, it } from 'vitest';
import { between, isPosition, MAX_POSITION_LENGTH, POSITION_DIGITS } from '../../../resolvers/lib/position';
import { givenResolver } from '../../helpers/resolver';

/** A deterministic pseudo-random sequence in [0, 1), so failures reproduce. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

const key = (before: string | null, after: string | null): string => {
  const k = between(before, after);
  if (k === null) throw new Error(`no key between ${before} and ${after}`);
  return k;
};

/** Inserts `count` keys at random places, checking each one as it goes. */
function randomInserts(count: number, seed: number): string[] {
  const next = random(seed);
  const list: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const at = Math.floor(next() * (list.length + 1));
    const before = at > 0 ? list[at - 1] : null;
    const after = at < list.length ? list[at] : null;
    const k = key(before, after);
    expect(isPosition(k)).toBe(true);
    if (before !== null) expect(before < k).toBe(true);
    if (after !== null) expect(k < after).toBe(true);
    list.splice(at, 0, k);
  }
  return list;
}

describe('between', () => {
  // Expected keys from the fractional-indexing package's own test vectors (base 62).
  it.each([
    [null, null, 'a0'],
    [null, 'a0', 'Zz'],
    [null, 'Zz', 'Zy'],
    ['a0', null, 'a1'],
    ['a1', null, 'a2'],
    ['a0', 'a1', 'a0V'],
    ['a1', 'a2', 'a1V'],
    ['a0V', 'a1', 'a0l'],
    ['Zz', 'a0', 'ZzV'],
    ['Zz', 'a1', 'a0'],
    [null, 'Y00', 'Xzzz'],
    ['bzz', null, 'c000'],
    ['a0', 'a0V', 'a0G'],
    ['a0', 'a0G', 'a08'],
    ['b125', 'b129', 'b127'],
    ['a0', 'a1V', 'a1'],
    ['Zz', 'a01', 'a0'],
    [null, 'a0V', 'a0'],
    [null, 'b999', 'b99'],
    [null, 'A000000000000000000000000001', 'A000000000000000000000000000V'],
    ['zzzzzzzzzzzzzzzzzzzzzzzzzzy', null, 'zzzzzzzzzzzzzzzzzzzzzzzzzzz'],
    ['zzzzzzzzzzzzzzzzzzzzzzzzzzz', null, 'zzzzzzzzzzzzzzzzzzzzzzzzzzzV'],
  ])('between(%s, %s) is %s', (before, after, expected) => {
    expect(between(before, after)).toBe(expected);
  });

  it('agrees with the seed data: a1 < a1V < a2', () => {
    expect(between('a1', 'a2')).toBe('a1V');
  });

  it('treats undefined like null (start or end)', () => {
    expect(between()).toBe('a0');
    expect(between(undefined, 'a0')).toBe('Zz');
    expect(between('a0', undefined)).toBe('a1');
  });

  it('appends 1,000 keys at the end, each after the last, in order and short', () => {
    const keys: string[] = [];
    let last: string | null = null;
    for (let i = 0; i < 1000; i += 1) {
      last = key(last, null);
      keys.push(last);
    }
    expect([...keys].sort()).toEqual(keys);
    expect(new Set(keys).size).toBe(1000);
    expect(Math.max(...keys.map((k) => k.length))).toBeLessThanOrEqual(3);
  });

  it('prepends 1,000 keys at the start, each before the first, in order', () => {
    const keys: string[] = [];
    let first: string | null = null;
    for (let i = 0; i < 1000; i += 1) {
      first = key(null, first);
      keys.unshift(first);
    }
    expect([...keys].sort()).toEqual(keys);
    expect(new Set(keys).size).toBe(1000);
  });

  it('inserts 500 times between the same left neighbour and the last insert', () => {
    const left = 'a1';
    let right = 'a2';
    const keys = [left, right];
    for (let i = 0; i < 500; i += 1) {
      right = key(left, right);
      keys.splice(1, 0, right);
    }
    expect([...keys].sort()).toEqual(keys);
    expect(new Set(keys).size).toBe(keys.length);
    // About one more digit every log2(62) ≈ 6 halvings.
    expect(right.length).toBeLessThan(100);
  });

  it('inserts 500 times just before a fixed right neighbour', () => {
    let left = 'a1';
    const right = 'a2';
    const keys = [left, right];
    for (let i = 0; i < 500; i += 1) {
      left = key(left, right);
      keys.splice(keys.length - 1, 0, left);
    }
    expect([...keys].sort()).toEqual(keys);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it.each([1, 2, 3])('keeps 2,000 random inserts sorted (seed %s)', (seed) => {
    const list = randomInserts(2000, seed);
    expect([...list].sort()).toEqual(list);
    expect(new Set(list).size).toBe(list.length);
  });

  it('sorts the same way DynamoDB compares bytes (ASCII digits, no locale)', () => {
    const list = randomInserts(300, 7);
    const bytes = (s: string) => Buffer.from(s, 'utf8');
    const byBytes = [...list].sort((a, b) => Buffer.compare(bytes(a), bytes(b)));
    expect(byBytes).toEqual(list);
    // Inside an lsi1sk the '#' after the position must not change the order ('#' < every digit).
    const sortKeys = list.map((p) => `TASK#0#${p}#00000000-0000-4000-8000-000000000000`);
    expect([...sortKeys].sort()).toEqual(sortKeys);
  });

  it.each([
    ['reversed bounds', 'a2', 'a1'],
    ['equal bounds', 'a1', 'a1'],
    ['a trailing zero in the fraction', 'a00', null],
    ['a trailing zero on the upper bound', null, 'a10'],
    ['a bad head', '0', '1'],
    ['an integer part cut short', 'b1', null],
    ['a character outside base 62', 'a1-', null],
    ['a space', 'a 1', null],
    ['the smallest integer without a fraction', null, 'A00000000000000000000000000'],
    ['an empty string', '', null],
    ['an empty upper bound', null, ''],
    ['a key longer than the maximum', 'a1' + 'V'.repeat(MAX_POSITION_LENGTH), null],
    ['a non-ASCII digit', 'a١', null],
  ])('gives null for %s', (_name, before, after) => {
    expect(between(before, after)).toBeNull();
  });

  it('reaches the ends of the key space through fractions, and refuses a result over MAX_POSITION_LENGTH', () => {
    expect(between(null, 'A000000000000000000000000001')).toBe('A000000000000000000000000000V');
    // The largest integer still has room after it through a fraction.
    expect(between('zzzzzzzzzzzzzzzzzzzzzzzzzzz', null)).toBe('zzzzzzzzzzzzzzzzzzzzzzzzzzzV');
    // …but a result over MAX_POSITION_LENGTH is refused rather than returned.
    const long = 'a1' + 'z'.repeat(MAX_POSITION_LENGTH - 2);
    expect(isPosition(long)).toBe(true);
    expect(between(long, 'a2')).toBeNull();
  });
});

describe('isPosition', () => {
  it.each(['a0', 'a1V', 'Zz', 'b00', 'A000000000000000000000000000V', 'zzzzzzzzzzzzzzzzzzzzzzzzzzz'])('accepts %s', (k) => {
    expect(isPosition(k)).toBe(true);
  });

  it.each([null, undefined, 42, '', 'a', 'a00', 'b0', '0a', 'a0#', 'A00000000000000000000000000'])('refuses %s', (k) => {
    expect(isPosition(k)).toBe(false);
  });

  it('uses the 62 digits in ascending ASCII order', () => {
    expect(POSITION_DIGITS).toHaveLength(62);
    expect(POSITION_DIGITS.split('').sort().join('')).toBe(POSITION_DIGITS);
  });
});

describe('position.ts in the APPSYNC_JS runtime', () => {
  // A resolver that only calls between(): the bundle must pass the runtime's static checks and
  // give the same answers as in Node.
  const resolver = givenResolver('test/fixtures/resolvers/position-probe.ts');

  it.each([
    [null, null, 'a0'],
    ['a1', 'a2', 'a1V'],
    ['bzz', null, 'c000'],
    [null, 'A000000000000000000000000001', 'A000000000000000000000000000V'],
    ['a2', 'a1', null],
  ])('between(%s, %s) is %s there too', async (before, after, expected) => {
    const { result, error } = await resolver.whenRequest({ arguments: { before, after } });
    expect(error).toBeUndefined();
    expect(result).toEqual({ position: expected });
  });

  it('keeps 300 random inserts sorted there too, with the keys Node makes', async () => {
    const next = random(11);
    const at = Array.from({ length: 300 }, (_, n) => Math.floor(next() * (n + 1)));
    const { result, error } = await resolver.whenRequest({ arguments: { at } });
    expect(error).toBeUndefined();
    const list = (result as { list: string[] }).list;
    expect(list).toHaveLength(300);
    expect([...list].sort()).toEqual(list);
    const inNode: string[] = [];
    for (const i of at) inNode.splice(i, 0, key(i > 0 ? inNode[i - 1] : null, i < inNode.length ? inNode[i] : null));
    expect(list).toEqual(inNode);
  });
});
