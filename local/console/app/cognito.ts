/**
 * Cognito user pool sign-in from the browser, over the Cognito API's JSON protocol (what the AWS
 * SDK and Amplify send): USER_PASSWORD_AUTH, since cognito-local has no SRP, and
 * REFRESH_TOKEN_AUTH to renew the ID token before it expires. cognito-local answers CORS for any
 * origin, so the console talks to it directly. No DOM types: Node tests run it too.
 */

export interface CognitoTokens {
  idToken: string;
  accessToken: string;
  refreshToken: string;
  /** When the ID token expires (ms since the epoch), from its `exp` claim. */
  expiresAt: number;
}

export interface CognitoClientConfig {
  endpoint: string;
  clientId: string;
  fetch?: typeof fetch;
}

interface AuthenticationResult { IdToken?: string; AccessToken?: string; RefreshToken?: string }

export class CognitoError extends Error {
  constructor(readonly type: string, message: string) {
    super(message);
  }
}

export async function signIn(config: CognitoClientConfig, username: string, password: string): Promise<CognitoTokens> {
  const result = await initiateAuth(config, 'USER_PASSWORD_AUTH', { USERNAME: username, PASSWORD: password });
  if (!result.RefreshToken) throw new CognitoError('MissingToken', 'Cognito returned no refresh token.');
  return tokens(result, result.RefreshToken);
}

/** New ID and access tokens; Cognito keeps the refresh token the same. */
export async function refresh(config: CognitoClientConfig, refreshToken: string): Promise<CognitoTokens> {
  const result = await initiateAuth(config, 'REFRESH_TOKEN_AUTH', { REFRESH_TOKEN: refreshToken });
  return tokens(result, result.RefreshToken ?? refreshToken);
}

/** A JWT's claims (not verified: the API verifies the token; the console only reads it). */
export function claimsOf(jwt: string): Record<string, unknown> {
  const part = jwt.split('.')[1] ?? '';
  const base64 = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
}

/** Refresh this long before expiry (or at half the remaining life of a shorter token). */
export const REFRESH_MARGIN_MS = 5 * 60_000;

/** How long to wait before refreshing a token that expires at `expiresAt`. */
export function refreshDelayMs(expiresAt: number, now: number): number {
  const remaining = expiresAt - now;
  return Math.max(1_000, remaining - Math.min(REFRESH_MARGIN_MS, remaining / 2));
}

async function initiateAuth(config: CognitoClientConfig, flow: string, parameters: Record<string, string>): Promise<AuthenticationResult> {
  const response = await (config.fetch ?? fetch)(config.endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth' },
    body: JSON.stringify({ AuthFlow: flow, ClientId: config.clientId, AuthParameters: parameters }),
  });
  const body = (await response.json().catch(() => ({}))) as { AuthenticationResult?: AuthenticationResult; ChallengeName?: string; __type?: string; message?: string };
  if (!response.ok) throw new CognitoError(body.__type ?? `HTTP ${response.status}`, body.message ?? `Cognito answered HTTP ${response.status}`);
  if (!body.AuthenticationResult?.IdToken) throw new CognitoError('Challenge', `Sign-in needs a challenge the console does not answer (${body.ChallengeName ?? 'none'}).`);
  return body.AuthenticationResult;
}

function tokens(result: AuthenticationResult, refreshToken: string): CognitoTokens {
  const idToken = result.IdToken!;
  const exp = Number(claimsOf(idToken).exp);
  return { idToken, accessToken: result.AccessToken ?? '', refreshToken, expiresAt: Number.isFinite(exp) ? exp * 1000 : Date.now() + 3_600_000 };
}
