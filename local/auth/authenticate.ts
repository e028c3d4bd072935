/**
 * Request-level authentication, as AppSync infers the mode from the credential: a SigV4
 * `Authorization` → IAM; any other `Authorization` value → a user pool JWT (with or without
 * `Bearer `), verified against the pool whose issuer it names; `x-api-key` → API key. A request
 * that fits no mode the API declares, or whose credential does not verify, gets AppSync's 401
 * (403 for a bad IAM signature). Nothing is merely decoded.
 */
import type { LocalApiModel } from '../assembly/load-api';
import type { AuthMode } from './field-rules';
import type { Caller } from '../execution/executor';
import { localApiKeys, type LocalApiKey } from './api-keys';
import { isSigV4, verifySigV4, type LocalCredentials } from './iam';
import type { UserPoolTokenVerifier } from './jwt';

export interface IncomingAuthRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  sourceIp: string;
}

export type AuthOutcome =
  | { ok: true; caller: Caller }
  | { ok: false; status: number; body: { errors: Array<{ errorType: string; message: string }> } };

export interface Authenticator {
  authenticate(request: IncomingAuthRequest): Promise<AuthOutcome>;
  readonly apiKeys: LocalApiKey[];
  readonly modes: AuthMode[];
}

export interface AuthenticatorOptions {
  userPools?: UserPoolTokenVerifier;
  iamCredentials?: LocalCredentials[];
  region: string;
  accountId: string;
}

const AUTH_TYPE: Record<AuthMode, string> = {
  API_KEY: 'API Key Authorization',
  AWS_IAM: 'IAM Authorization',
  AMAZON_COGNITO_USER_POOLS: 'User Pool Authorization',
  OPENID_CONNECT: 'Open ID Connect Authorization',
  AWS_LAMBDA: 'Lambda Authorization',
};

export function apiAuthModes(model: LocalApiModel): AuthMode[] {
  return [model.api.authenticationType, ...model.api.additionalAuthenticationProviders.map((p) => String(p.AuthenticationType))] as AuthMode[];
}

export function createAuthenticator(model: LocalApiModel, options: AuthenticatorOptions): Authenticator {
  const modes = apiAuthModes(model);
  const has = (mode: AuthMode) => modes.includes(mode);
  const apiKeys = has('API_KEY') ? localApiKeys(model) : [];
  const defaultStrategy = model.api.authenticationType === 'AMAZON_COGNITO_USER_POOLS' && model.api.userPoolConfig?.DefaultAction === 'DENY' ? 'DENY' : 'ALLOW';
  const deny = (message: string, status = 401, errorType = 'UnauthorizedException'): AuthOutcome => ({ ok: false, status, body: { errors: [{ errorType, message }] } });

  return {
    apiKeys,
    modes,
    async authenticate(req) {
      const header = (name: string) => {
        const v = req.headers[name];
        return Array.isArray(v) ? v[0] : v;
      };
      const sourceIp = sourceIps(header('x-forwarded-for'), req.sourceIp);
      const authorization = header('authorization');
      if (authorization) {
        if (isSigV4(authorization)) {
          if (!has('AWS_IAM') || !options.iamCredentials) return deny('You are not authorized to make this call.');
          const host = header('host') ?? '';
          const outcome = await verifySigV4({ method: req.method, path: req.path, host, headers: req.headers, body: req.body }, options.iamCredentials,
            { region: options.region, sourceIp: req.sourceIp, accountId: options.accountId });
          if (!outcome.ok) return deny(outcome.message, outcome.status, outcome.errorType);
          return { ok: true, caller: { mode: 'AWS_IAM', groups: [], identity: { ...outcome.identity, sourceIp }, authType: AUTH_TYPE.AWS_IAM, label: `iam:${outcome.identity.username}` } };
        }
        if (!has('AMAZON_COGNITO_USER_POOLS') || !options.userPools) return deny('You are not authorized to make this call.');
        const token = authorization.replace(/^Bearer\s+/i, '').trim();
        const verified = await options.userPools.verify(token);
        if (!verified.ok) return deny(/expired/i.test(verified.message) ? 'Token has expired.' : 'You are not authorized to make this call.');
        const claims = verified.claims as Record<string, unknown>;
        const username = String(claims['cognito:username'] ?? claims.username ?? claims.sub);
        const groups = Array.isArray(claims['cognito:groups']) ? (claims['cognito:groups'] as unknown[]).map(String) : [];
        return {
          ok: true,
          caller: {
            mode: 'AMAZON_COGNITO_USER_POOLS', groups,
            identity: { sub: claims.sub, issuer: verified.pool.issuer, username, claims, sourceIp, defaultAuthStrategy: defaultStrategy, groups: groups.length > 0 ? groups : null },
            authType: AUTH_TYPE.AMAZON_COGNITO_USER_POOLS,
            label: typeof claims.email === 'string' ? claims.email : username,
          },
        };
      }
      const apiKey = header('x-api-key');
      if (apiKey !== undefined && has('API_KEY')) {
        const key = apiKeys.find((k) => k.value === apiKey);
        if (!key) return deny('You are not authorized to make this call.');
        if (key.expires !== undefined && key.expires * 1000 < Date.now()) return deny('API key has expired.');
        return { ok: true, caller: { mode: 'API_KEY', groups: [], identity: null, authType: AUTH_TYPE.API_KEY, label: 'api-key' } };
      }
      return deny('Valid authorization header not provided.');
    },
  };
}

/** AppSync's identity.sourceIp: the x-forwarded-for chain, then the connecting address. */
function sourceIps(forwarded: string | undefined, remote: string): string[] {
  const chain = forwarded ? forwarded.split(',').map((s) => s.trim()).filter(Boolean) : [];
  return [...chain, remote.replace(/^::ffff:/, '')];
}
