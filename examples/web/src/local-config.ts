/**
 * Where the local API lives, asked of the running runtime at load time: `GET /local/info` gives
 * the GraphQL URL, region and the local Cognito endpoint, pool and client. The pool and client
 * ids are new on every `npm start` (cognito-local starts empty), so baking them into env vars
 * would go stale; only the runtime's own URL is configured (VITE_LOCAL_API_URL).
 */
import type { ResourcesConfig } from 'aws-amplify';

export const LOCAL_API_URL: string = import.meta.env.VITE_LOCAL_API_URL || 'https://127.0.0.1:20002';

/** The part of the runtime's `GET /local/info` this client reads. */
export interface LocalInfo {
  graphqlUrl: string;
  region: string;
  cognito: { endpoint: string; userPoolId: string; clientId: string | null } | null;
  auth?: { users?: Array<{ username: string; email: string }> };
}

export async function fetchLocalInfo(baseUrl: string = LOCAL_API_URL): Promise<LocalInfo> {
  let response: Response;
  try {
    response = await fetch(new URL('/local/info', baseUrl));
  } catch {
    // A network error: not running, or (over https) a certificate this browser does not trust yet.
    throw new Error(
      `Cannot reach the local API at ${baseUrl}. Start it with \`npm start -- --tls\`, then open ${baseUrl}/health once and accept its self-signed certificate.`,
    );
  }
  if (!response.ok) throw new Error(`${baseUrl}/local/info answered ${response.status}; is the runtime still starting?`);
  return (await response.json()) as LocalInfo;
}

/** Amplify v6 pointed at the local runtime and its Cognito emulator; user pool auth by default. */
export function amplifyConfig(info: LocalInfo): ResourcesConfig {
  if (!info.cognito?.clientId) throw new Error('The local API has no Cognito user pool client; this client signs in with one.');
  if (!info.graphqlUrl.startsWith('https:')) {
    // Amplify v6 always subscribes over wss://, so the runtime must serve TLS.
    throw new Error(`The local API serves ${info.graphqlUrl}; live updates need TLS: restart it with \`npm start -- --tls\`.`);
  }
  return {
    Auth: {
      Cognito: { userPoolId: info.cognito.userPoolId, userPoolClientId: info.cognito.clientId, userPoolEndpoint: info.cognito.endpoint },
    },
    // `endpoint`, not `customEndpoint`: with the latter Amplify drops the auth headers.
    API: { GraphQL: { endpoint: info.graphqlUrl, region: info.region, defaultAuthMode: 'userPool' } },
  };
}
