/**
 * Opaque nextTokens for Query/Scan/Sync.
 *
 * Format: base64(JSON `{"version":1,"token":<base64url(JSON key)>,"mac":<base64url HMAC>}`), so it
 * starts with `eyJ2ZXJzaW9uIj` like AppSync's own tokens. The HMAC-SHA256 (per-process random
 * secret) covers the key and its scope (operation, table, index, segment, the config's
 * paginationScope), so a token is accepted back only where it was issued, and tokens die with the
 * process, as AppSync's expire. Numbers in keys stay strings; binary is base64.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { AttributeMap } from './attribute-values';
import { isRecord } from './request-error';

const SECRET = randomBytes(32);
const VERSION = 1;

type KeyPart = { S: string } | { N: string } | { B: string };

interface TokenBody {
  key: Record<string, KeyPart>;
  /** Sync: the first page's start time, echoed on every following page. */
  startedAt?: number;
}

function mac(scope: string, token: string): Buffer {
  return createHmac('sha256', SECRET).update(scope).update('\n').update(token).digest();
}

function keyPart(value: AttributeValue): KeyPart | undefined {
  if (value.S !== undefined) return { S: value.S };
  if (value.N !== undefined) return { N: value.N };
  if (value.B !== undefined) return { B: Buffer.from(value.B).toString('base64') };
  return undefined; // key attributes are only ever S, N or B
}

/** `null` when there is no further page, as AppSync returns. */
export function encodeNextToken(lastEvaluatedKey: AttributeMap | undefined, scope: string, startedAt?: number): string | null {
  if (!lastEvaluatedKey || Object.keys(lastEvaluatedKey).length === 0) return null;
  const key: Record<string, KeyPart> = {};
  for (const [name, value] of Object.entries(lastEvaluatedKey)) {
    const part = keyPart(value);
    if (part) key[name] = part;
  }
  const body: TokenBody = startedAt === undefined ? { key } : { key, startedAt };
  const token = Buffer.from(JSON.stringify(body)).toString('base64url');
  const envelope = { version: VERSION, token, mac: mac(scope, token).toString('base64url') };
  return Buffer.from(JSON.stringify(envelope)).toString('base64');
}

function parseKey(value: unknown): AttributeMap | undefined {
  if (!isRecord(value) || Object.keys(value).length === 0) return undefined;
  const key: AttributeMap = {};
  for (const [name, part] of Object.entries(value)) {
    if (!isRecord(part)) return undefined;
    if (typeof part.S === 'string') key[name] = { S: part.S };
    else if (typeof part.N === 'string') key[name] = { N: part.N };
    else if (typeof part.B === 'string') key[name] = { B: new Uint8Array(Buffer.from(part.B, 'base64')) };
    else return undefined;
  }
  return key;
}

export interface DecodedToken {
  exclusiveStartKey: AttributeMap;
  startedAt?: number;
}

/** `undefined` for anything this process did not issue under this scope. */
export function decodeNextToken(nextToken: string, scope: string): DecodedToken | undefined {
  try {
    const envelope: unknown = JSON.parse(Buffer.from(nextToken, 'base64').toString('utf8'));
    if (!isRecord(envelope) || envelope.version !== VERSION) return undefined;
    const { token, mac: given } = envelope;
    if (typeof token !== 'string' || typeof given !== 'string') return undefined;
    const expected = mac(scope, token);
    const actual = Buffer.from(given, 'base64url');
    if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return undefined;
    const body: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (!isRecord(body)) return undefined;
    const exclusiveStartKey = parseKey(body.key);
    if (!exclusiveStartKey) return undefined;
    return typeof body.startedAt === 'number' ? { exclusiveStartKey, startedAt: body.startedAt } : { exclusiveStartKey };
  } catch {
    return undefined;
  }
}

/** The scope string a token is bound to. */
export function tokenScope(parts: {
  operation: string;
  table: string;
  index?: string;
  segment?: number;
  totalSegments?: number;
  paginationScope: string;
}): string {
  return JSON.stringify([parts.operation, parts.table, parts.index ?? null, parts.segment ?? null, parts.totalSegments ?? null, parts.paginationScope]);
}
