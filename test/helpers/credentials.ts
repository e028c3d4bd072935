/**
 * Credentials a client could present, good and bad: tokens signed the way cognito-local signs
 * them (its key pair ships in the npm package, which is exactly why local tokens are dev-only),
 * tampered tokens, and SigV4-signed requests.
 */
import { createHash, createHmac, createPrivateKey, createSign, type Hash, type Hmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { SignatureV4 } from '@smithy/signature-v4';

const require = createRequire(import.meta.url);

/** SHA-256 / HMAC-SHA-256 for the SigV4 signer, from node:crypto (the Checksum shape smithy expects). */
class Sha256 {
  private hash: Hash | Hmac;
  constructor(private readonly secret?: string | ArrayBuffer | ArrayBufferView) { this.hash = this.fresh(); }
  private fresh(): Hash | Hmac { return this.secret !== undefined ? createHmac('sha256', bytes(this.secret)) : createHash('sha256'); }
  update(data: string | ArrayBuffer | ArrayBufferView): void { this.hash.update(bytes(data)); }
  digest(): Promise<Uint8Array> { return Promise.resolve(new Uint8Array(this.hash.digest())); }
  reset(): void { this.hash = this.fresh(); }
}

function bytes(data: string | ArrayBuffer | ArrayBufferView): string | Buffer {
  if (typeof data === 'string') return data;
  return ArrayBuffer.isView(data) ? Buffer.from(data.buffer, data.byteOffset, data.byteLength) : Buffer.from(data);
}

/** A JWT signed with cognito-local's private key, with the given claims. */
export function signWithEmulatorKey(claims: Record<string, unknown>): string {
  const file = join(require.resolve('cognito-local/package.json'), '..', 'lib', 'keys', 'cognitoLocal.private.json');
  const { jwk } = JSON.parse(readFileSync(file, 'utf8')) as { jwk: Record<string, string> };
  const key = createPrivateKey({ key: jwk, format: 'jwk' });
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const input = `${b64({ alg: 'RS256', kid: 'CognitoLocal', typ: 'JWT' })}.${b64(claims)}`;
  const signature = createSign('RSA-SHA256').update(input).sign(key).toString('base64url');
  return `${input}.${signature}`;
}

export function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** The same token with one signature character changed. */
export function tamperSignature(token: string): string {
  const [h, p, s] = token.split('.');
  const flipped = (s[5] === 'A' ? 'B' : 'A');
  return `${h}.${p}.${s.slice(0, 5)}${flipped}${s.slice(6)}`;
}

/** Headers of a SigV4-signed POST /graphql, as an AWS SDK or Amplify IAM client sends them. */
export async function sigV4Headers(graphqlUrl: string, body: string, credentials: { accessKeyId: string; secretAccessKey: string }, region = 'us-east-1'): Promise<Record<string, string>> {
  const url = new URL(graphqlUrl);
  const signer = new SignatureV4({ credentials, region, service: 'appsync', sha256: Sha256 });
  const signed = await signer.sign({
    method: 'POST', protocol: url.protocol, hostname: url.hostname, port: Number(url.port), path: url.pathname,
    headers: { host: url.host, 'content-type': 'application/json' }, body,
  });
  return signed.headers as Record<string, string>;
}
