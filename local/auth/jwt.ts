/**
 * Verifies Cognito user pool tokens (ID or access) as AppSync does: signature against the pool's
 * JWKS, expiry, issuer, `token_use`, and the app client (`aud` for ID tokens, `client_id` for
 * access tokens). aws-jwt-verify does the cryptography; its JWKS fetcher speaks HTTPS only, so
 * the emulator's JWKS is fetched here over loopback HTTP and handed to it.
 */
import { JwtVerifier } from 'aws-jwt-verify';
import type { JwtPayload } from 'aws-jwt-verify/jwt-model';

export interface TrustedPool { id: string; issuer: string; jwksUri: string; clientIds: string[] }

export type JwtOutcome =
  | { ok: true; pool: TrustedPool; claims: JwtPayload }
  | { ok: false; message: string };

export interface UserPoolTokenVerifier {
  verify(token: string): Promise<JwtOutcome>;
  /** The issuer a token claims (unverified), to pick the auth mode before verification. */
  issuerOf(token: string): string | undefined;
}

export async function createUserPoolTokenVerifier(pools: TrustedPool[]): Promise<UserPoolTokenVerifier> {
  const verifiers = new Map<string, { pool: TrustedPool; verify: (token: string) => Promise<JwtPayload> }>();
  for (const pool of pools) {
    const verifier = JwtVerifier.create({
      issuer: pool.issuer,
      jwksUri: pool.jwksUri,
      // The client check depends on token_use: `aud` (ID) or `client_id` (access), done below.
      audience: null,
      customJwtCheck: ({ payload }) => {
        const use = payload.token_use;
        if (use !== 'id' && use !== 'access') throw new Error(`token_use ${String(use)} is not id or access`);
        const client = use === 'id' ? payload.aud : payload.client_id;
        if (typeof client !== 'string' || !pool.clientIds.includes(client)) throw new Error('token was issued for another app client');
      },
    });
    verifier.cacheJwks(await fetchJwks(pool) as Parameters<typeof verifier.cacheJwks>[0]);
    verifiers.set(pool.issuer, { pool, verify: (token) => verifier.verify(token) as Promise<JwtPayload> });
  }
  return {
    issuerOf: unverifiedIssuer,
    async verify(token) {
      const issuer = unverifiedIssuer(token);
      const entry = issuer ? verifiers.get(issuer) : undefined;
      if (!entry) return { ok: false, message: 'token issuer is not a user pool of this API' };
      try {
        return { ok: true, pool: entry.pool, claims: await entry.verify(token) };
      } catch (error) {
        return { ok: false, message: (error as Error).message };
      }
    },
  };
}

function unverifiedIssuer(token: string): string | undefined {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { iss?: unknown };
    return typeof payload.iss === 'string' ? payload.iss : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The pool's JWKS, read once at start. A few attempts: a freshly started emulator can drop a
 * kept-alive connection ("other side closed") while it is still settling.
 */
async function fetchJwks(pool: TrustedPool, attempts = 5): Promise<unknown> {
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await fetch(pool.jwksUri);
      if (!res.ok) throw new Error(`JWKS of ${pool.id} not available at ${pool.jwksUri} (HTTP ${res.status})`);
      return await res.json();
    } catch (error) {
      if (attempt >= attempts) throw error;
      await new Promise((wake) => setTimeout(wake, 200 * attempt));
    }
  }
}
