/**
 * `util.http` of the APPSYNC_JS runtime.
 *
 * AppSync documents that a response header with an empty or restricted name, or a null value,
 * "is ignored and produces a ResponseHeaderError error that is added to the operation's errors
 * output" - evaluation carries on. We do the same through `state.appendedErrors`, and apply it
 * to the other documented limits (restricted prefixes, 4 KB total) too.
 */
import type { HttpUtils } from '@aws-appsync/utils/lib/http-utils';
import type { EvaluationState } from '../state';

/** Hop-by-hop and framing headers `copyHeaders` drops (AppSync's documented list). */
const COPY_RESTRICTED = new Set([
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
]);

/** Names a resolver may not set on the response, on top of `COPY_RESTRICTED`. */
const RESPONSE_RESTRICTED = new Set([
  ...COPY_RESTRICTED,
  'access-control-allow-credentials',
  'access-control-allow-origin',
  'access-control-expose-headers',
  'access-control-max-age',
  'access-control-allow-methods',
  'access-control-allow-headers',
  'vary',
  'content-type',
]);

const RESTRICTED_PREFIXES = ['x-amzn-', 'x-amz-'];
/** Custom response headers, names and values together, may not exceed 4 KB. */
export const MAX_RESPONSE_HEADER_BYTES = 4096;
export const RESPONSE_HEADER_ERROR_TYPE = 'ResponseHeaderError';

/** RFC 9110 token: what Node's HTTP server accepts as a header name. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** Characters Node's HTTP server accepts in a header value (no CR/LF injection). */
const INVALID_VALUE_CHAR = /[^\t\x20-\x7e\x80-\xff]/;

const utf8 = new TextEncoder();

function byteLength(s: string): number {
  return utf8.encode(s).length;
}

/** Header values are strings on the wire: objects and arrays are sent as JSON. */
function headerValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function nameProblem(name: unknown): string | null {
  if (typeof name !== 'string' || name.length === 0) return 'Response header name must be a non-empty string';
  const lower = name.toLowerCase();
  if (RESPONSE_RESTRICTED.has(lower)) return `Response header '${name}' is restricted and cannot be set`;
  if (RESTRICTED_PREFIXES.some((p) => lower.startsWith(p))) {
    return `Response header '${name}' uses a restricted prefix (x-amzn- or x-amz-)`;
  }
  if (!TOKEN.test(name)) return `Response header name '${name}' contains characters not allowed in a header name`;
  return null;
}

export function createHttp(state: EvaluationState): HttpUtils {
  // Every accepted write counts towards the limit, even one a later write replaces (documented).
  let usedBytes = Object.entries(state.responseHeaders).reduce((n, [k, v]) => n + byteLength(k) + byteLength(v), 0);

  function reject(message: string): void {
    state.appendedErrors.push({ message, errorType: RESPONSE_HEADER_ERROR_TYPE });
  }

  function add(name: unknown, value: unknown): void {
    const problem = nameProblem(name);
    if (problem !== null) return reject(problem);
    const headerName = name as string;
    if (value === null || value === undefined) return reject(`Response header '${headerName}' has a null value`);
    const text = headerValue(value);
    if (INVALID_VALUE_CHAR.test(text)) {
      return reject(`Response header '${headerName}' has a value with characters not allowed in a header`);
    }
    const size = byteLength(headerName) + byteLength(text);
    if (usedBytes + size > MAX_RESPONSE_HEADER_BYTES) {
      return reject(`Response header '${headerName}' exceeds the ${MAX_RESPONSE_HEADER_BYTES} byte limit for custom response headers`);
    }
    usedBytes += size;
    // Header names are case-insensitive: the last write wins whatever its casing.
    const lower = headerName.toLowerCase();
    for (const existing of Object.keys(state.responseHeaders)) {
      if (existing.toLowerCase() === lower) delete state.responseHeaders[existing];
    }
    state.responseHeaders[headerName] = text;
  }

  return {
    copyHeaders(headers) {
      const copy: Record<string, unknown> = {};
      if (headers === null || headers === undefined || typeof headers !== 'object') return copy;
      for (const [name, value] of Object.entries(headers)) {
        if (!COPY_RESTRICTED.has(name.toLowerCase())) copy[name] = value;
      }
      return copy;
    },
    addResponseHeader(name, value) {
      add(name, value);
    },
    addResponseHeaders(headers) {
      if (headers === null || typeof headers !== 'object' || Array.isArray(headers)) {
        return reject('addResponseHeaders expects a map of header names to values');
      }
      for (const [name, value] of Object.entries(headers)) add(name, value);
    },
  };
}
