/**
 * Given/when helpers for integration tests over HTTP: start the local runtime on a free port
 * against DynamoDB Local, then send GraphQL requests to it as a client would.
 */
import { CognitoIdentityProviderClient, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { startLocalRuntime, type LocalRuntime, type LocalRuntimeOptions } from '../../local/runtime';

export interface GraphQLReply {
  status: number;
  headers: Headers;
  body: { data?: Record<string, unknown> | null; errors?: Array<Record<string, unknown> & { message: string }>; extensions?: Record<string, unknown> };
}

export interface LocalApi {
  runtime: LocalRuntime;
  /** POST /graphql with the given headers (auth included by the caller). */
  request(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>, operationName?: string): Promise<GraphQLReply>;
  /** POST /graphql with a raw body. */
  raw(body: string, headers?: Record<string, string>): Promise<GraphQLReply>;
  /** Signs a seeded user in through local Cognito, as a client would (USER_PASSWORD_AUTH). */
  signIn(username: string): Promise<{ idToken: string; accessToken: string; refreshToken: string }>;
  /** `{ authorization: <ID token> }` for a seeded user. */
  as(username: string): Promise<Record<string, string>>;
  close(): Promise<void>;
}

export async function givenLocalApi(options: Omit<LocalRuntimeOptions, 'port'> & { lines?: string[] }): Promise<LocalApi> {
  const lines = options.lines;
  // The run's shared DynamoDB Local (test/global-setup.ts), with tables of this runtime's own, unless the suite chose.
  const shared = options.env ? {} : { env: { ...process.env, DYNAMODB_ENDPOINT: inject('dynamodbEndpoint') }, tableNamePrefix: `t${randomBytes(4).toString('hex')}-` };
  const runtime = await startLocalRuntime({ ...shared, ...options, port: 0, log: (line) => lines?.push(line), logLevel: options.logLevel ?? 'DEBUG' });
  const raw = async (body: string, headers: Record<string, string> = {}): Promise<GraphQLReply> => {
    const res = await fetch(runtime.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    return { status: res.status, headers: res.headers, body: (await res.json()) as GraphQLReply['body'] };
  };
  const cognito = runtime.cognito
    ? new CognitoIdentityProviderClient({ endpoint: runtime.cognito.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } })
    : undefined;
  const signIn = async (username: string) => {
    const user = runtime.users.find((u) => u.username === username);
    const pool = runtime.cognito?.pools.find((p) => p.id === user?.userPoolId);
    if (!user || !pool || !cognito) throw new Error(`${username} is not a seeded user of this API`);
    const out = await cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: pool.clients[0].id, AuthParameters: { USERNAME: user.email, PASSWORD: user.password } }));
    const r = out.AuthenticationResult!;
    return { idToken: r.IdToken!, accessToken: r.AccessToken!, refreshToken: r.RefreshToken! };
  };
  const tokens = new Map<string, string>();
  return {
    runtime,
    raw,
    signIn,
    async as(username) {
      if (!tokens.has(username)) tokens.set(username, (await signIn(username)).idToken);
      return { authorization: tokens.get(username)! };
    },
    request: (query, variables, headers, operationName) => raw(JSON.stringify({ query, variables, operationName }), headers),
    close: async () => {
      cognito?.destroy();
      await runtime.close();
    },
  };
}
