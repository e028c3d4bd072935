import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';

/** One GraphQL error as AppSync reports it. */
export interface AppSyncError { message: string; errorType?: string; path?: Array<string | number> }

/** A request AppSync answered with errors (or a non-2xx status); `errors` say why. */
export class AppSyncRequestError extends Error {
  constructor(readonly status: number, readonly errors: AppSyncError[]) {
    super(`AppSync answered ${status}: ${errors.map((e) => `${e.errorType ?? 'Error'}: ${e.message}`).join('; ') || 'no detail'}`);
    this.name = 'AppSyncRequestError';
  }
}

export interface AppSyncClientOptions {
  /** The API's GraphQL endpoint (the stack passes `GraphqlApi.graphqlUrl`). */
  url: string;
  region: string;
  /** The function's role credentials; Lambda puts them in the environment. */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  fetch?: typeof fetch;
}

export type GraphQLCall = <T>(query: string, variables: Record<string, unknown>) => Promise<T>;

/**
 * Calls an AppSync API as the function's IAM role: SigV4 over the JSON body (service `appsync`),
 * so the call passes `@aws_iam` fields and nothing else the role is not granted.
 */
export function createAppSyncClient(options: AppSyncClientOptions): GraphQLCall {
  const url = new URL(options.url);
  const credentials = options.credentials ?? credentialsFromEnv();
  const signer = new SignatureV4({ service: 'appsync', region: options.region, credentials, sha256: Sha256 });
  const send = options.fetch ?? fetch;
  return async <T>(query: string, variables: Record<string, unknown>): Promise<T> => {
    const body = JSON.stringify({ query, variables });
    const signed = await signer.sign({
      method: 'POST', protocol: url.protocol, hostname: url.hostname, port: url.port ? Number(url.port) : undefined,
      path: url.pathname, headers: { host: url.host, 'content-type': 'application/json' }, body,
    });
    const response = await send(url, { method: 'POST', headers: signed.headers, body });
    const text = await response.text();
    let reply: { data?: T | null; errors?: AppSyncError[] };
    try {
      reply = JSON.parse(text) as typeof reply;
    } catch {
      throw new AppSyncRequestError(response.status, [{ message: text.slice(0, 200) }]);
    }
    if (!response.ok || (reply.errors && reply.errors.length > 0)) throw new AppSyncRequestError(response.status, reply.errors ?? []);
    return reply.data as T;
  };
}

function credentialsFromEnv() {
  const accessKeyId = process.env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = process.env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) throw new Error('AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set (Lambda sets them from the role)');
  return { accessKeyId, secretAccessKey, sessionToken: process.env.AWS_SESSION_TOKEN || undefined };
}
