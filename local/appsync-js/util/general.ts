/**
 * General `util.*` helpers of the APPSYNC_JS runtime: IDs, encoding, `matches`, and the
 * VTL-era null/type helpers.
 *
 * AppSync implements these on the JVM, so behaviour follows the Java libraries the docs point
 * at: `URLEncoder`/`URLDecoder`, `java.util.Base64`, `java.util.regex.Pattern`, and Apache
 * Commons `StringEscapeUtils.escapeEcmaScript`.
 */
import { randomBytes, randomFillSync, randomUUID } from 'node:crypto';
import { ulid } from 'ulid';
import type { Util } from '@aws-appsync/utils';
import { javaRegexToJs } from './java-regex';

export { javaRegexToJs };

type GeneralUtil = Pick<
  Util,
  | 'autoId'
  | 'autoUlid'
  | 'autoKsuid'
  | 'escapeJavaScript'
  | 'urlEncode'
  | 'urlDecode'
  | 'base64Encode'
  | 'base64Decode'
  | 'matches'
>;

/** Coerces primitives like Java's String conversion would; null/undefined/objects are caller bugs. */
function requireString(fn: string, value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  const got = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
  throw new Error(`util.${fn}: expected a string but got ${got}`);
}

// ---------------------------------------------------------------------------------------------
// IDs

export const autoId: GeneralUtil['autoId'] = () => randomUUID();

// The ulid package asks crypto for one byte per character; drawing from a pooled buffer
// keeps the same entropy source at a fraction of the cost.
const randomPool = new Uint8Array(4096);
let randomPoolPos = randomPool.length;

function pooledRandom(): number {
  if (randomPoolPos >= randomPool.length) {
    randomFillSync(randomPool);
    randomPoolPos = 0;
  }
  return randomPool[randomPoolPos++] / 256;
}

export const autoUlid: GeneralUtil['autoUlid'] = () => ulid(Date.now(), pooledRandom);

/** KSUID timestamps count seconds from this epoch (2014-05-13T16:53:20Z), not from 1970. */
export const KSUID_EPOCH_SECONDS = 1_400_000_000;
const BASE62_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const KSUID_LENGTH = 27;

/**
 * Encodes a KSUID from its parts: a big-endian uint32 of seconds since the KSUID epoch followed
 * by a 16-byte payload, base62 encoded and left-padded with '0' to 27 characters.
 */
export function ksuidFromParts(unixSeconds: number, payload: Uint8Array): string {
  if (payload.length !== 16) throw new Error('KSUID payload must be 16 bytes');
  const ts = Math.floor(unixSeconds) - KSUID_EPOCH_SECONDS;
  if (ts < 0 || ts > 0xffffffff) throw new Error('time is outside the KSUID range');
  let n = BigInt(ts);
  for (const byte of payload) n = (n << 8n) | BigInt(byte);
  let out = '';
  while (n > 0n) {
    out = BASE62_ALPHABET[Number(n % 62n)] + out;
    n /= 62n;
  }
  return out.padStart(KSUID_LENGTH, '0');
}

export const autoKsuid: GeneralUtil['autoKsuid'] = () => ksuidFromParts(Date.now() / 1000, randomBytes(16));

// ---------------------------------------------------------------------------------------------
// Encoding

const ECMA_ESCAPES: Record<number, string> = {
  0x27: "\\'",
  0x22: '\\"',
  0x5c: '\\\\',
  0x2f: '\\/',
  0x08: '\\b',
  0x0a: '\\n',
  0x09: '\\t',
  0x0c: '\\f',
  0x0d: '\\r',
};

function hex4(code: number): string {
  return code.toString(16).toUpperCase().padStart(4, '0');
}

/**
 * Commons Text `escapeEcmaScript`: quotes, backslash and slash get a backslash, the usual
 * control characters their short escapes, and everything outside 0x20..0x7F a `\uXXXX`
 * (supplementary characters as their UTF-16 surrogate pair, which is what iterating code units
 * produces).
 */
export const escapeJavaScript: GeneralUtil['escapeJavaScript'] = (value) => {
  const s = requireString('escapeJavaScript', value);
  let out = '';
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let rep = ECMA_ESCAPES[c];
    if (rep === undefined && (c < 0x20 || c > 0x7f)) rep = `\\u${hex4(c)}`;
    if (rep !== undefined) {
      out += s.slice(last, i) + rep;
      last = i + 1;
    }
  }
  return last === 0 ? s : out + s.slice(last);
};

const URL_SAFE = /^[A-Za-z0-9.\-*_]*$/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8');

function isUrlSafeByte(b: number): boolean {
  return (
    (b >= 0x61 && b <= 0x7a) || (b >= 0x41 && b <= 0x5a) || (b >= 0x30 && b <= 0x39) ||
    b === 0x2e || b === 0x2d || b === 0x2a || b === 0x5f
  );
}

/** Java `URLEncoder.encode(s, UTF_8)`: space is '+', `.-*_` and alphanumerics stay, the rest %XX. */
export const urlEncode: GeneralUtil['urlEncode'] = (value) => {
  const s = requireString('urlEncode', value);
  if (URL_SAFE.test(s)) return s;
  // Java's UTF-8 encoder replaces unpaired surrogates with '?'.
  const bytes = utf8Encoder.encode(s.replace(LONE_SURROGATE, '?'));
  let out = '';
  for (const b of bytes) {
    if (isUrlSafeByte(b)) out += String.fromCharCode(b);
    else if (b === 0x20) out += '+';
    else out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
};

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

/**
 * Java `URLDecoder.decode(s, UTF_8)`: '+' is a space, each run of %XX escapes is decoded as UTF-8
 * (malformed bytes become U+FFFD), and a bad or truncated escape is an error.
 */
export const urlDecode: GeneralUtil['urlDecode'] = (value) => {
  const s = requireString('urlDecode', value);
  if (!s.includes('%') && !s.includes('+')) return s;
  let out = '';
  let i = 0;
  while (i < s.length) {
    const ch = s[i];
    if (ch === '+') {
      out += ' ';
      i++;
    } else if (ch === '%') {
      const bytes: number[] = [];
      while (i < s.length && s[i] === '%') {
        if (i + 2 >= s.length) {
          throw new Error('util.urlDecode: incomplete trailing escape (%) pattern');
        }
        const hi = hexValue(s.charCodeAt(i + 1));
        const lo = hexValue(s.charCodeAt(i + 2));
        if (hi < 0 || lo < 0) throw new Error('util.urlDecode: illegal hex characters in escape (%) pattern');
        bytes.push(hi * 16 + lo);
        i += 3;
      }
      out += utf8Decoder.decode(new Uint8Array(bytes));
    } else {
      out += ch;
      i++;
    }
  }
  return out;
};

export const base64Encode: GeneralUtil['base64Encode'] = (value) =>
  Buffer.from(requireString('base64Encode', value), 'utf8').toString('base64');

const BASE64_STRICT = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * `java.util.Base64.getDecoder()` is strict where Node's decoder is lenient: reject characters
 * outside the standard alphabet (including whitespace and URL-safe `-_`) and bad padding.
 * Padding itself is optional, as in Java.
 */
export const base64Decode: GeneralUtil['base64Decode'] = (value) => {
  const s = requireString('base64Decode', value);
  const padded = s.endsWith('=');
  if (!BASE64_STRICT.test(s) || (padded ? s.length % 4 !== 0 : s.length % 4 === 1)) {
    throw new Error('util.base64Decode: input is not valid base64');
  }
  return utf8Decoder.decode(Buffer.from(s, 'base64'));
};

// ---------------------------------------------------------------------------------------------
// matches: java.util.regex.Pattern.matches (the whole input must match)

const regexCache = new Map<string, RegExp>();
const REGEX_CACHE_MAX = 500;

export const matches: GeneralUtil['matches'] = (pattern, value) => {
  if (typeof pattern !== 'string') throw new Error('util.matches: pattern must be a string');
  if (value === null || value === undefined) return false;
  let re = regexCache.get(pattern);
  if (re === undefined) {
    const { source, flags } = javaRegexToJs(pattern);
    try {
      // Anchors that ignore the m flag, so inline (?m) cannot turn them into line anchors.
      re = new RegExp(`(?<![\\s\\S])(?:${source})(?![\\s\\S])`, flags);
    } catch (e) {
      throw new Error(`util.matches: invalid regular expression '${pattern}': ${(e as Error).message}`);
    }
    if (regexCache.size >= REGEX_CACHE_MAX) regexCache.clear();
    regexCache.set(pattern, re);
  }
  return re.test(requireString('matches', value));
};


// ---------------------------------------------------------------------------------------------
// VTL-era helpers ($util.isNull & co.). undefined is JS's second null, so it counts as null.

/** Java `Character.isWhitespace`: ASCII controls 9-13 and 28-31 plus Unicode separators except no-break spaces. */
// eslint-disable-next-line no-control-regex -- the control characters are the point
const JAVA_BLANK = /^[\t\n\x0B\f\r\x1C-\x1F \u1680\u2000-\u2006\u2008-\u200A\u2028\u2029\u205F\u3000]*$/;

export function isNull(value: unknown): boolean {
  return value === null || value === undefined;
}

export function isNullOrEmpty(value: unknown): boolean {
  return isNull(value) || value === '';
}

export function isNullOrBlank(value: unknown): boolean {
  return isNull(value) || (typeof value === 'string' && JAVA_BLANK.test(value));
}

export function defaultIfNull<T, D>(value: T, defaultValue: D): NonNullable<T> | D {
  return isNull(value) ? defaultValue : (value as NonNullable<T>);
}

export function defaultIfNullOrEmpty<T, D>(value: T, defaultValue: D): NonNullable<T> | D {
  return isNullOrEmpty(value) ? defaultValue : (value as NonNullable<T>);
}

export function defaultIfNullOrBlank<T, D>(value: T, defaultValue: D): NonNullable<T> | D {
  return isNullOrBlank(value) ? defaultValue : (value as NonNullable<T>);
}

export type TypeOfResult = 'Null' | 'Number' | 'String' | 'Map' | 'List' | 'Boolean' | 'Object';

/** AppSync's documented identifications; anything else is "Object". Works across vm realms. */
export function typeOf(value: unknown): TypeOfResult {
  if (value === null || value === undefined) return 'Null';
  switch (typeof value) {
    case 'number':
    case 'bigint':
      return 'Number';
    case 'string':
      return 'String';
    case 'boolean':
      return 'Boolean';
    case 'object':
      if (Array.isArray(value)) return 'List';
      return Object.prototype.toString.call(value) === '[object Object]' ? 'Map' : 'Object';
    default:
      return 'Object';
  }
}
