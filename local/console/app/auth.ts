/**
 * The console's auth choice, like the AppSync console's picker, and the headers each mode puts
 * on a request: a user pool's ID token, an API key, or a SigV4 signature made by the runtime
 * (`POST /local/console/sign`, same-origin only, so the secret key never reaches the page).
 * OIDC and Lambda authorizers take their token from the headers pane.
 */
import type { CognitoTokens } from './cognito';
import type { AuthMode } from './local-info';

export type AuthState =
  | { mode: 'AMAZON_COGNITO_USER_POOLS'; username: string | null; tokens: CognitoTokens | null }
  | { mode: 'API_KEY'; apiKey: string }
  | { mode: 'AWS_IAM' }
  | { mode: 'OPENID_CONNECT' | 'AWS_LAMBDA' };

export const MODE_LABELS: Record<AuthMode, string> = {
  AMAZON_COGNITO_USER_POOLS: 'Amazon Cognito user pool',
  API_KEY: 'API key',
  AWS_IAM: 'AWS Identity and Access Management (IAM)',
  OPENID_CONNECT: 'OpenID Connect',
  AWS_LAMBDA: 'AWS Lambda',
};

/** The path a request is signed for: HTTP and `start` use `/graphql`, the connection `/graphql/connect`. */
export type SignedPath = '/graphql' | '/graphql/connect';

export interface AuthHeaderOptions {
  fetch?: typeof fetch;
  /** Where the runtime's signing route lives (same origin by default). */
  signUrl?: string;
}

/** The credential headers for one request body under the chosen mode. */
export async function authHeaders(auth: AuthState, path: SignedPath, body: string, options: AuthHeaderOptions = {}): Promise<Record<string, string>> {
  switch (auth.mode) {
    case 'AMAZON_COGNITO_USER_POOLS':
      return auth.tokens ? { authorization: auth.tokens.idToken } : {};
    case 'API_KEY':
      return { 'x-api-key': auth.apiKey };
    case 'AWS_IAM':
      return signWithRuntime(path, body, options);
    default:
      return {};
  }
}

async function signWithRuntime(path: SignedPath, body: string, options: AuthHeaderOptions): Promise<Record<string, string>> {
  const response = await (options.fetch ?? fetch)(options.signUrl ?? '/local/console/sign', {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ path, body }),
  });
  const answer = (await response.json()) as { headers?: Record<string, string>; message?: string };
  if (!response.ok || !answer.headers) throw new Error(answer.message ?? `Signing failed (HTTP ${response.status})`);
  return answer.headers;
}

/** A short description of who requests go out as, for the header bar. */
export function describeAuth(auth: AuthState): string {
  switch (auth.mode) {
    case 'AMAZON_COGNITO_USER_POOLS':
      return auth.username ? `signed in as ${auth.username}` : 'not signed in';
    case 'API_KEY':
      return `x-api-key ${auth.apiKey.slice(0, 8)}…`;
    case 'AWS_IAM':
      return 'signed with the local IAM credentials';
    default:
      return 'add the authorization header in the Headers pane';
  }
}
