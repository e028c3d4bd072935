/**
 * A self-signed certificate for serving the local API over HTTPS and WSS (Amplify v6 always
 * connects to `wss://`). Generated once with `selfsigned` into a stable directory (default
 * `.local/tls/`, gitignored) and reused while it is valid, matches its key and names every host
 * needed, so a developer trusts it once. Development only: the key sits unencrypted on disk.
 */
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { generate } from 'selfsigned';

export const DEFAULT_TLS_DIR = '.local/tls';
/** Under the 398 days browsers accept for a TLS server certificate. */
const VALIDITY_DAYS = 365;
/** A certificate this close to expiring is replaced at start. */
const RENEW_BEFORE_MS = 14 * 24 * 3600 * 1000;

export interface LocalCertificate {
  certPath: string;
  keyPath: string;
  cert: string;
  key: string;
  /** True when this start generated it (false: reused from the directory). */
  created: boolean;
}

/** The names the certificate covers: loopback always, plus the bind host (or this machine's name for a wildcard). */
export function certificateHosts(bindHost: string): string[] {
  const hosts = ['localhost', '127.0.0.1', '::1'];
  const extra = bindHost === '0.0.0.0' || bindHost === '::' ? hostname() : bindHost;
  if (extra && !hosts.includes(extra)) hosts.push(extra);
  return hosts;
}

export async function ensureLocalCertificate(dir: string = resolve(process.cwd(), DEFAULT_TLS_DIR), hosts: string[] = certificateHosts('127.0.0.1')): Promise<LocalCertificate> {
  const certPath = join(dir, 'cert.pem');
  const keyPath = join(dir, 'key.pem');
  if (existsSync(certPath) && existsSync(keyPath)) {
    const cert = readFileSync(certPath, 'utf8');
    const key = readFileSync(keyPath, 'utf8');
    if (usable(cert, key, hosts)) return { certPath, keyPath, cert, key, created: false };
  }
  const now = new Date();
  const pems = await generate([{ name: 'commonName', value: 'localhost' }, { name: 'organizationName', value: 'Local AppSync runtime (development only)' }], {
    keyType: 'rsa', keySize: 2048, algorithm: 'sha256',
    notBeforeDate: new Date(now.getTime() - 60_000),
    notAfterDate: new Date(now.getTime() + VALIDITY_DAYS * 24 * 3600 * 1000),
    extensions: [
      { name: 'basicConstraints', cA: false, critical: true },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: hosts.map((h) => (isIP(h) ? { type: 7 as const, ip: h } : { type: 2 as const, value: h })) },
    ],
  });
  mkdirSync(dir, { recursive: true });
  // Write then rename, so a concurrent start never reads half a file.
  const suffix = `.${process.pid}.tmp`;
  writeFileSync(keyPath + suffix, pems.private, { mode: 0o600 });
  writeFileSync(certPath + suffix, pems.cert);
  renameSync(keyPath + suffix, keyPath);
  renameSync(certPath + suffix, certPath);
  chmodSync(keyPath, 0o600);
  return { certPath, keyPath, cert: pems.cert, key: pems.private, created: true };
}

function usable(certPem: string, keyPem: string, hosts: string[]): boolean {
  try {
    const cert = new X509Certificate(certPem);
    const now = Date.now();
    if (Date.parse(cert.validFrom) > now || Date.parse(cert.validTo) - RENEW_BEFORE_MS < now) return false;
    if (!cert.checkPrivateKey(createPrivateKey(keyPem))) return false;
    return hosts.every((h) => (isIP(h) ? cert.checkIP(h) !== undefined : cert.checkHost(h) !== undefined));
  } catch {
    return false;
  }
}
