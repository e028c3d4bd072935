/**
 * Given/when helpers for integration tests over HTTP: start the local runtime on a free port
 * against DynamoDB Local, then send GraphQL requests to it as a client would.
 */
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
  close(): Promise<void>;
}

export async function givenLocalApi(options: Omit<LocalRuntimeOptions, 'port'> & { lines?: string[] }): Promise<LocalApi> {
  const lines = options.lines;
  const runtime = await startLocalRuntime({ ...options, port: 0, log: (line) => lines?.push(line), logLevel: options.logLevel ?? 'DEBUG' });
  const raw = async (body: string, headers: Record<string, string> = {}): Promise<GraphQLReply> => {
    const res = await fetch(runtime.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    return { status: res.status, headers: res.headers, body: (await res.json()) as GraphQLReply['body'] };
  };
  return {
    runtime,
    raw,
    request: (query, variables, headers, operationName) => raw(JSON.stringify({ query, variables, operationName }), headers),
    close: () => runtime.close(),
  };
}
