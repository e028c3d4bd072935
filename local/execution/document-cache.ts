/**
 * Parsed and validated documents, by query text: clients send the same few operations again and
 * again, and parse + validate cost more than a typical resolver.
 */
import { parse, validate, type DocumentNode, type GraphQLError, type GraphQLSchema } from 'graphql';

export type CachedDocument =
  | { ok: true; document: DocumentNode }
  | { ok: false; syntaxError?: GraphQLError; document?: DocumentNode; validationErrors?: readonly GraphQLError[] };

export class DocumentCache {
  private readonly entries = new Map<string, CachedDocument>();

  constructor(private readonly schema: GraphQLSchema, private readonly maxEntries = 1000) {}

  get(query: string): CachedDocument {
    const hit = this.entries.get(query);
    if (hit) {
      // Map keeps insertion order: re-inserting makes this the most recently used.
      this.entries.delete(query);
      this.entries.set(query, hit);
      return hit;
    }
    const entry = this.compile(query);
    this.entries.set(query, entry);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return entry;
  }

  private compile(query: string): CachedDocument {
    let document: DocumentNode;
    try {
      document = parse(query);
    } catch (error) {
      return { ok: false, syntaxError: error as GraphQLError };
    }
    let validationErrors: readonly GraphQLError[];
    try {
      validationErrors = validate(this.schema, document);
    } catch (error) {
      // graphql-js validates recursively: fragments spreading fragments past the stack's depth overflow it.
      // Refused like a document too deep to parse, instead of failing the request with a 500.
      return { ok: false, syntaxError: error as GraphQLError };
    }
    return validationErrors.length > 0 ? { ok: false, document, validationErrors } : { ok: true, document };
  }
}
