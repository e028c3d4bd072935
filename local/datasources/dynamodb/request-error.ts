/**
 * A request object the data source cannot execute (wrong shape, bad typed value...).
 *
 * Thrown only inside this module while translating a request and caught by
 * `executeDynamoDBRequest`, which turns it into a `MappingTemplate` error value: that is the
 * error type AppSync reports when a resolver returns a malformed data-source request.
 */
export class RequestShapeError extends Error {
  override readonly name = 'RequestShapeError';
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
