/**
 * Request-level authentication: which of the API's auth modes a request uses, and the caller's
 * identity in that mode. A request that fits no configured mode gets AppSync's 401.
 *
 * Until local Cognito lands (the auth issue), user-pool callers are named by the documented
 * local-only header `x-local-user: <username>` and take the identity of a seeded user. That
 * bypass is the one thing here that AppSync does not do; the auth issue replaces it with
 * verified tokens.
 */
import type { LocalApiModel } from '../assembly/load-api';
import type { Caller } from '../execution/executor';
import { localApiKeys, type LocalApiKey } from './api-keys';

export const LOCAL_USER_HEADER = 'x-local-user';

export interface LocalUser { username: string; sub: string; email: string; groups: string[] }

export type AuthOutcome =
  | { ok: true; caller: Caller }
  | { ok: false; status: number; body: { errors: Array<{ errorType: string; message: string }> } };

export interface Authenticator {
  authenticate(headers: Record<string, string | string[] | undefined>, sourceIp: string): AuthOutcome;
  readonly apiKeys: LocalApiKey[];
}

export function createAuthenticator(model: LocalApiModel, users: LocalUser[], issuer: string): Authenticator {
  const modes = new Set([model.api.authenticationType, ...model.api.additionalAuthenticationProviders.map((p) => String(p.AuthenticationType))]);
  const apiKeys = modes.has('API_KEY') ? localApiKeys(model) : [];
  const byName = new Map(users.map((u) => [u.username, u]));
  const deny = (message: string, status = 401): AuthOutcome => ({ ok: false, status, body: { errors: [{ errorType: 'UnauthorizedException', message }] } });

  return {
    apiKeys,
    authenticate(headers, sourceIp) {
      const header = (name: string) => {
        const v = headers[name];
        return Array.isArray(v) ? v[0] : v;
      };
      const apiKey = header('x-api-key');
      const localUser = header(LOCAL_USER_HEADER);
      if (localUser !== undefined && modes.has('AMAZON_COGNITO_USER_POOLS')) {
        const user = byName.get(localUser);
        if (!user) return deny('You are not authorized to make this call.');
        const claims = { sub: user.sub, iss: issuer, 'cognito:username': user.username, email: user.email, 'cognito:groups': user.groups, token_use: 'id' };
        return {
          ok: true,
          caller: {
            identity: { sub: user.sub, issuer, username: user.username, claims, sourceIp: [sourceIp], groups: user.groups.length > 0 ? user.groups : null, defaultAuthStrategy: 'ALLOW' },
            authType: 'User Pool Authorization',
            label: user.username,
          },
        };
      }
      if (apiKey !== undefined && modes.has('API_KEY')) {
        const key = apiKeys.find((k) => k.value === apiKey);
        if (!key) return deny('You are not authorized to make this call.');
        if (key.expires !== undefined && key.expires * 1000 < Date.now()) return deny('API key has expired.');
        return { ok: true, caller: { identity: null, authType: 'API Key Authorization', label: 'api-key' } };
      }
      return deny('Valid authorization header not provided.');
    },
  };
}
