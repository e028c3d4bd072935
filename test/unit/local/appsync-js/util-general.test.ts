import { runInNewContext } from 'node:vm';
import { decodeTime } from 'ulid';
import { describe, expect, it } from 'vitest';
import {
  autoId,
  autoKsuid,
  autoUlid,
  base64Decode,
  base64Encode,
  defaultIfNull,
  defaultIfNullOrBlank,
  defaultIfNullOrEmpty,
  escapeJavaScript,
  isNull,
  isNullOrBlank,
  isNullOrEmpty,
  javaRegexToJs,
  KSUID_EPOCH_SECONDS,
  ksuidFromParts,
  matches,
  typeOf,
  urlDecode,
  urlEncode,
} from '../../../../local/appsync-js/util/general';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Independent KSUID decoder: base62 -> 20 bytes -> leading uint32 + KSUID epoch. */
function ksuidUnixSeconds(ksuid: string): number {
  let n = 0n;
  for (const ch of ksuid) n = n * 62n + BigInt(BASE62.indexOf(ch));
  return Number(n >> 128n) + KSUID_EPOCH_SECONDS;
}

// Casts for calls the typings forbid but resolver code can still make at runtime.
const loose = <F>(f: F) => f as unknown as (...args: unknown[]) => unknown;

describe('util.autoId', () => {
  it('returns a lowercase 36-character v4 UUID', () => {
    const id = autoId();
    expect(id).toHaveLength(36);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('does not repeat', () => {
    expect(new Set(Array.from({ length: 500 }, () => autoId())).size).toBe(500);
  });
});

describe('util.autoUlid', () => {
  it('returns a 26-character Crockford base32 ULID stamped with now', () => {
    const before = Date.now();
    const id = autoUlid();
    expect(id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(decodeTime(id)).toBeGreaterThanOrEqual(before);
    expect(decodeTime(id)).toBeLessThanOrEqual(Date.now());
  });

  it('does not repeat', () => {
    expect(new Set(Array.from({ length: 500 }, () => autoUlid())).size).toBe(500);
  });
});

describe('util.autoKsuid', () => {
  it('returns a 27-character base62 KSUID whose timestamp decodes to now', () => {
    const id = autoKsuid();
    expect(id).toMatch(/^[0-9A-Za-z]{27}$/);
    expect(Math.abs(ksuidUnixSeconds(id) - Date.now() / 1000)).toBeLessThan(2);
  });

  it('does not repeat', () => {
    expect(new Set(Array.from({ length: 500 }, () => autoKsuid())).size).toBe(500);
  });

  it.each([
    // segmentio/ksuid README example: timestamp 107608047, payload B5A1CD34B5F99D1154FB6853345C9735
    [KSUID_EPOCH_SECONDS + 107608047, 'B5A1CD34B5F99D1154FB6853345C9735', '0ujtsYcgvSTl8PAuAdqWYSMnLOv'],
    // the smallest and largest KSUIDs (zero padded / 2^160-1)
    [KSUID_EPOCH_SECONDS, '00000000000000000000000000000000', '000000000000000000000000000'],
    [KSUID_EPOCH_SECONDS + 0xffffffff, 'FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF', 'aWgEPTl1tmebfsQzFP4bxwgy80V'],
  ])('encodes known vector (%i, %s) as %s', (seconds, payloadHex, expected) => {
    expect(ksuidFromParts(seconds, Buffer.from(payloadHex, 'hex'))).toBe(expected);
  });

  it.each([
    ['a payload that is not 16 bytes', KSUID_EPOCH_SECONDS, new Uint8Array(15), /16 bytes/],
    ['a time before the KSUID epoch', KSUID_EPOCH_SECONDS - 1, new Uint8Array(16), /outside the KSUID range/],
    ['a time after the KSUID range', KSUID_EPOCH_SECONDS + 2 ** 32, new Uint8Array(16), /outside the KSUID range/],
  ])('rejects %s', (_label, seconds, payload, error) => {
    expect(() => ksuidFromParts(seconds, payload)).toThrow(error);
  });
});

describe('util.escapeJavaScript (Commons escapeEcmaScript)', () => {
  it.each([
    [`He didn't say, "Stop!"`, `He didn\\'t say, \\"Stop!\\"`],
    ['a/b\\c', 'a\\/b\\\\c'],
    ['\b\n\t\f\r', '\\b\\n\\t\\f\\r'],
    ['\u0000\u0001\u001b\u001f', '\\u0000\\u0001\\u001B\\u001F'],
    ['\u007f', '\u007f'], // DEL is inside Commons' unescaped 0x20..0x7F range
    ['café', 'caf\\u00E9'],
    ['€', '\\u20AC'],
    ['😀', '\\uD83D\\uDE00'],
    ['<script>', '<script>'],
    ['', ''],
    ['plain text 123', 'plain text 123'],
  ])('escapes %j as %j', (input, expected) => {
    expect(escapeJavaScript(input)).toBe(expected);
  });

  it('stringifies numbers and booleans', () => {
    expect(loose(escapeJavaScript)(42)).toBe('42');
    expect(loose(escapeJavaScript)(true)).toBe('true');
  });

  it.each([[null], [undefined], [{}], [[1]]])('rejects %j', (input) => {
    expect(() => loose(escapeJavaScript)(input)).toThrow(/util\.escapeJavaScript: expected a string/);
  });
});

describe('util.urlEncode (Java URLEncoder)', () => {
  it.each([
    ['Hello World!', 'Hello+World%21'],
    ['a*b-c.d_e~f', 'a*b-c.d_e%7Ef'],
    ['a+b=c&d', 'a%2Bb%3Dc%26d'],
    ['/?#[]@', '%2F%3F%23%5B%5D%40'],
    ["!'()", '%21%27%28%29'],
    ['ü', '%C3%BC'],
    ['€', '%E2%82%AC'],
    ['😀', '%F0%9F%98%80'],
    ['\uD800x', '%3Fx'], // unpaired surrogate becomes '?' as in Java
    ['', ''],
    ['AZaz09', 'AZaz09'],
  ])('encodes %j as %j', (input, expected) => {
    expect(urlEncode(input)).toBe(expected);
  });

  it.each([[null], [undefined]])('rejects %j', (input) => {
    expect(() => loose(urlEncode)(input)).toThrow(/util\.urlEncode/);
  });
});

describe('util.urlDecode (Java URLDecoder)', () => {
  it.each([
    ['Hello+World%21', 'Hello World!'],
    ['%C3%BC', 'ü'],
    ['%c3%bc', 'ü'],
    ['%F0%9F%98%80', '😀'],
    ['100%25', '100%'],
    ['a%2Bb', 'a+b'],
    ['%E2%82', '\uFFFD'], // truncated UTF-8 sequence
    ['%FF', '\uFFFD'],
    ['no-escapes', 'no-escapes'],
    ['', ''],
  ])('decodes %j as %j', (input, expected) => {
    expect(urlDecode(input)).toBe(expected);
  });

  it.each([['%'], ['abc%2'], ['%G1'], ['%zz']])('rejects the bad escape in %j', (input) => {
    expect(() => urlDecode(input)).toThrow(/util\.urlDecode/);
  });

  it.each([['Hello World!'], ['a+b=c&d/é€😀'], ["~!@#$%^&*()_+{}|:\"<>?`-=[]\\;',./"]])('round-trips %j', (input) => {
    expect(urlDecode(urlEncode(input))).toBe(input);
  });
});

describe('util.base64Encode / base64Decode', () => {
  it.each([
    ['Hello', 'SGVsbG8='],
    ['Hello World', 'SGVsbG8gV29ybGQ='],
    ['ü', 'w7w='],
    ['😀', '8J+YgA=='],
    ['??>', 'Pz8+'],
    ['???', 'Pz8/'],
    ['', ''],
  ])('%j <-> %j (UTF-8, standard alphabet, padded)', (plain, encoded) => {
    expect(base64Encode(plain)).toBe(encoded);
    expect(base64Decode(encoded)).toBe(plain);
  });

  it('accepts unpadded input, like java.util.Base64', () => {
    expect(base64Decode('SGVsbG8')).toBe('Hello');
  });

  it('decodes bytes that are not UTF-8 to U+FFFD', () => {
    expect(base64Decode('/w==')).toBe('\uFFFD');
  });

  it.each([['SGVsbG8=x'], ['SGV sbG8='], ['SGVsbG8-'], ['SGVsbG8_'], ['A'], ['SGVsbG8==='], ['SGVsbA=']])(
    'rejects invalid base64 %j',
    (input) => {
      expect(() => base64Decode(input)).toThrow(/util\.base64Decode: input is not valid base64/);
    },
  );
});

describe('util.matches (Pattern.matches: whole input)', () => {
  it.each([
    // AWS doc example
    ['a*b', 'aaaaab', true],
    ['a*b', 'aaaaabc', false],
    ['abc', 'xabcx', false],
    ['[a-z]+', 'Hello', false],
    ['(?i)[a-z]+', 'Hello', true],
    ['\\d{3}-\\d{4}', '555-1234', true],
    ['a{2,3}', 'aaaa', false],
    ['a|b', 'b', true],
    ['^[A-Z][a-z]*$', 'Alice', true],
    ['[^@]+@[^@]+\\.[a-z]{2,}', 'jane@example.com', true],
    // Java-specific semantics
    ['\\s+', ' \t\n', true],
    ['\\s', '\u00A0', false], // Java \s is ASCII only
    ['\\h', '\u00A0', true],
    ['.', '\n', false],
    ['(?s).', '\n', true],
    ['.', '😀', true], // '.' is one code point
    ['😀+', '😀😀', true],
    ['a$', 'a\n', false], // '$' may sit before a final newline, but matches() needs the whole input
    ['a$\\n', 'a\n', true],
    ['(?m)^a$\\n^b$', 'a\nb', true],
    ['\\Aab\\z', 'ab', true],
    ['\\p{Lower}+', 'abc', true],
    ['\\p{Upper}', 'a', false],
    ['\\P{Digit}+', 'abc', true],
    ['\\p{Alnum}+', 'abc123', true],
    ['\\p{Punct}', '!', true],
    ['[\\p{Digit}x]+', '1x2', true],
    ['\\p{L}+', 'héllo', true],
    ['\\pL+', 'abc', true],
    ['\\p{IsLatin}+', 'abc', true],
    ['\\p{IsGreek}', 'a', false],
    ['\\p{Lu}', 'É', true],
    ['\\p{IsAlphabetic}+', 'abc', true],
    ['\\p{javaLowerCase}', 'a', true],
    ['\\Qa.b\\E', 'a.b', true],
    ['\\Qa.b\\E', 'axb', false],
    ['(a)(b)\\2', 'abb', true],
    ['(a)\\10', 'aa0', true], // only one group, so \10 is \1 then '0'
    ['\\x41\\u0042\\0103\\x{44}', 'ABCD', true],
    ['\\t\\e\\a', '\t\u001b\u0007', true],
    ['[]a]+', ']a', true],
    ['x}', 'x}', true],
    ['a\\-b\\#', 'a-b#', true],
    ['[\\w-]+', 'a-b_c', true],
    ['(?<year>\\d{4})-\\k<year>', '2020-2020', true],
    ['(?x) a b # comment', 'ab', true],
    ['(?:ab)+?', 'abab', true],
    ['(?=a)a', 'a', true],
    ['(?<!b)a', 'a', true],
    ['', '', true],
    ['', 'a', false],
  ])('matches(%j, %j) is %s', (pattern, value, expected) => {
    expect(matches(pattern, value)).toBe(expected);
  });

  it('returns false for a null or undefined value', () => {
    expect(loose(matches)('a*', null)).toBe(false);
    expect(loose(matches)('a*', undefined)).toBe(false);
  });

  it('stringifies a number value', () => {
    expect(loose(matches)('\\d+', 123)).toBe(true);
  });

  it('gives the same answer from its cache', () => {
    expect(matches('[0-9]+', '42')).toBe(true);
    expect(matches('[0-9]+', '4x2')).toBe(false);
  });

  it.each([
    ['a++', /possessive quantifiers are not supported/],
    ['(?>a)', /atomic groups are not supported/],
    ['a(?i)b', /inline flags are supported only at the start/],
    ['[a-z&&[^e]]', /intersection/],
    ['[a[b]]', /nested character classes/],
    ['[abc', /unclosed character class/],
    ['(', /invalid regular expression/],
    ['a{', /illegal repetition/],
    ['\\p{InGreek}', /unsupported character property/],
    ['\\p{Nope}', /unsupported character property/],
    ['\\y', /illegal\/unsupported escape sequence/],
    ['\\G', /not supported/],
    ['abc\\', /trailing backslash/],
  ])('rejects %j', (pattern, error) => {
    expect(() => matches(pattern, 'a')).toThrow(error);
  });

  it('rejects a pattern that is not a string', () => {
    expect(() => loose(matches)(null, 'a')).toThrow(/pattern must be a string/);
  });

  it('translates leading inline flags to RegExp flags', () => {
    expect(javaRegexToJs('(?im)a')).toEqual({ source: 'a', flags: 'uim' });
    expect(javaRegexToJs('(?i)(?-i)a').flags).toBe('u');
  });
});

describe('VTL-era null helpers', () => {
  it.each([
    [null, true, true, true],
    [undefined, true, true, true],
    ['', false, true, true],
    ['  \t\n', false, false, true],
    ['\u2003', false, false, true], // em space: Java Character.isWhitespace
    ['\u00A0', false, false, false], // no-break space is not Java whitespace
    ['a', false, false, false],
    [' a ', false, false, false],
    [0, false, false, false],
    [false, false, false, false],
    [[], false, false, false],
    [{}, false, false, false],
  ])('%j: isNull %s, isNullOrEmpty %s, isNullOrBlank %s', (value, nul, empty, blank) => {
    expect(isNull(value)).toBe(nul);
    expect(isNullOrEmpty(value)).toBe(empty);
    expect(isNullOrBlank(value)).toBe(blank);
  });

  it.each([
    [null, 'd', 'd', 'd', 'd'],
    [undefined, 'd', 'd', 'd', 'd'],
    ['', 'd', '', 'd', 'd'],
    ['  ', 'd', '  ', '  ', 'd'],
    ['v', 'd', 'v', 'v', 'v'],
    [0, 'd', 0, 0, 0],
    [false, 'd', false, false, false],
  ])('defaults for %j (default %j): ifNull %j, ifNullOrEmpty %j, ifNullOrBlank %j', (value, def, ifNull, ifEmpty, ifBlank) => {
    expect(defaultIfNull(value, def)).toBe(ifNull);
    expect(defaultIfNullOrEmpty(value, def)).toBe(ifEmpty);
    expect(defaultIfNullOrBlank(value, def)).toBe(ifBlank);
  });
});

describe('typeOf', () => {
  it.each([
    [null, 'Null'],
    [undefined, 'Null'],
    [1, 'Number'],
    [1.5, 'Number'],
    [NaN, 'Number'],
    [BigInt(10), 'Number'],
    ['', 'String'],
    ['s', 'String'],
    [true, 'Boolean'],
    [[], 'List'],
    [[1, 'a'], 'List'],
    [{}, 'Map'],
    [{ a: 1 }, 'Map'],
    [Object.create(null), 'Map'],
    [new Date(0), 'Object'],
    [() => 1, 'Object'],
    [Symbol('s'), 'Object'],
  ])('typeOf(%s) is %s', (value, expected) => {
    expect(typeOf(value)).toBe(expected);
  });

  it('identifies values created in another vm realm (the resolver sandbox)', () => {
    expect(typeOf(runInNewContext('({ a: 1 })'))).toBe('Map');
    expect(typeOf(runInNewContext('[1, 2]'))).toBe('List');
    expect(typeOf(runInNewContext('new Date(0)'))).toBe('Object');
  });
});
