/**
 * SigV4 signing as an AWS SDK client does it, with the knobs an attacker or a broken client
 * turns: any credentials (a wrong secret, an unknown key), any signing date (old, future).
 */
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';

type Data = string | ArrayBuffer | ArrayBufferView;
const bytes = (d: Data): string | Buffer => (typeof d === 'string' ? d : ArrayBuffer.isView(d) ? Buffer.from(d.buffer, d.byteOffset, d.byteLength) : Buffer.from(d));

/** SHA-256 / HMAC-SHA-256 from node:crypto in the Checksum shape smithy expects. */
class Sha256 {
  private hash: Hash | Hmac;
  constructor(private readonly secret?: Data) { this.hash = this.fresh(); }
  private fresh(): Hash | Hmac { return this.secret !== undefined ? createHmac('sha256', bytes(this.secret)) : createHash('sha256'); }
  update(data: Data): void { this.hash.update(bytes(data)); }
  digest(): Promise<Uint8Array> { return Promise.resolve(new Uint8Array(this.hash.digest())); }
  reset(): void { this.hash = this.fresh(); }
}

export interface SigningKey { accessKeyId: string; secretAccessKey: string }

/** Headers of a POST to `url` with `body`, signed for AppSync with `credentials` at `signingDate` (now by default). */
export async function signedHeaders(url: string, body: string, credentials: SigningKey, signingDate = new Date()): Promise<Record<string, string>> {
  const u = new URL(url);
  const signer = new SignatureV4({ credentials, region: 'us-east-1', service: 'appsync', sha256: Sha256 });
  const signed = await signer.sign({
    method: 'POST', protocol: u.protocol, hostname: u.hostname, port: Number(u.port), path: u.pathname,
    headers: { host: u.host, 'content-type': 'application/json' }, body,
  }, { signingDate });
  return signed.headers as Record<string, string>;
}
