/**
 * Typed calls over Amplify's GraphQL client: each takes a document the client preset generated
 * (./gql, typed strings), so variables and results are checked against the schema. Amplify's
 * own generics are for its model codegen; here the document carries the types.
 */
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
import { CONNECTION_STATE_CHANGE, ConnectionState, generateClient, type GraphQLResult } from 'aws-amplify/api';
import { Hub } from 'aws-amplify/utils';

type Variables = Record<string, unknown>;
/** A generated operation: its text, and its result and variables types. */
type Operation<R, V> = DocumentTypeDecoration<R, V> & { toString(): string };
/** What Amplify returns for a subscription document: an Observable of `{ data }` messages. */
interface SubscriptionResult<R> {
  subscribe(observer: { next(message: { data: R }): void; error(error: unknown): void }): { unsubscribe(): void };
}

type GraphQLCall = (options: { query: string; variables: Variables }) => unknown;

/**
 * Created on first use: generateClient() must run after Amplify.configure(). Kept as a plain
 * function type: holding Amplify's V6Client type makes tsc give up ("excessive stack depth").
 */
let call: GraphQLCall | undefined;
function graphql(options: { query: string; variables: Variables }): unknown {
  if (!call) {
    const client = generateClient();
    call = (o) => client.graphql<unknown>(o);
  }
  return call(options);
}

/** A GraphQL error as AppSync reports it (`errorType`, e.g. ConflictError, and `message`). */
export class ApiError extends Error {
  constructor(message: string, readonly errorType: string | undefined) {
    super(message);
    this.name = 'ApiError';
  }
}

interface GraphQLErrorShape { message?: string; errorType?: string }

function toApiError(thrown: unknown): Error {
  // Amplify rejects with the whole `{ data, errors }` result when AppSync reports errors.
  const errors = (thrown as { errors?: GraphQLErrorShape[] } | null)?.errors;
  if (Array.isArray(errors) && errors.length > 0) {
    return new ApiError(errors.map((e) => (e.errorType ? `${e.errorType}: ${e.message}` : e.message)).join('; '), errors[0].errorType);
  }
  return thrown instanceof Error ? thrown : new Error(JSON.stringify(thrown));
}

/** A query or mutation; resolves to its data, or rejects with an ApiError. */
export async function request<R, V extends Variables>(document: Operation<R, V>, variables: V): Promise<R> {
  try {
    const result = (await graphql({ query: document.toString(), variables })) as GraphQLResult<R>;
    return result.data;
  } catch (thrown) {
    throw toApiError(thrown);
  }
}

/** A subscription over AppSync's real-time protocol (wss://…/graphql/realtime); returns the unsubscribe. */
export function subscribe<R, V extends Variables>(document: Operation<R, V>, variables: V, handlers: { next(data: R): void; error(error: Error): void }): () => void {
  const result = graphql({ query: document.toString(), variables }) as SubscriptionResult<R>;
  const subscription = result.subscribe({ next: ({ data }) => handlers.next(data), error: (thrown) => handlers.error(toApiError(thrown)) });
  return () => subscription.unsubscribe();
}

/** Amplify's real-time connection state (Connecting, Connected, ConnectionDisrupted…), as it changes. */
export function onConnectionState(listener: (state: ConnectionState) => void): () => void {
  return Hub.listen('api', ({ payload }) => {
    if (payload.event === CONNECTION_STATE_CHANGE) listener((payload.data as { connectionState: ConnectionState }).connectionState);
  });
}
