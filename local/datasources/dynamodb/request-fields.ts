/**
 * Reading fields of a request object with AppSync-like validation messages.
 */
import { toSdkAttributeMap, type AttributeMap } from './attribute-values';
import { isRecord, RequestShapeError } from './request-error';

type RequestObject = Record<string, unknown>;

function present(value: unknown): boolean {
  return value !== undefined && value !== null;
}

export function optionalBoolean(request: RequestObject, field: string): boolean | undefined {
  const value = request[field];
  if (!present(value)) return undefined;
  if (typeof value !== 'boolean') throw new RequestShapeError(`Value for field '$[${field}]' must be a boolean.`);
  return value;
}

export function optionalInteger(request: RequestObject, field: string): number | undefined {
  const value = request[field];
  if (!present(value)) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new RequestShapeError(`Value for field '$[${field}]' must be an integer.`);
  }
  return value;
}

export function optionalString(request: RequestObject, field: string): string | undefined {
  const value = request[field];
  if (!present(value)) return undefined;
  if (typeof value !== 'string') throw new RequestShapeError(`Value for field '$[${field}]' must be a string.`);
  return value;
}

export function requiredString(request: RequestObject, field: string): string {
  const value = optionalString(request, field);
  if (value === undefined) throw new RequestShapeError(`Value for field '$[${field}]' not found.`);
  return value;
}

/** A typed-value map that must be present (`key`). */
export function requiredAttributeMap(request: RequestObject, field: string): AttributeMap {
  if (!present(request[field])) throw new RequestShapeError(`Value for field '$[${field}]' not found.`);
  return toSdkAttributeMap(request[field], field);
}

export function optionalAttributeMap(request: RequestObject, field: string): AttributeMap | undefined {
  return present(request[field]) ? toSdkAttributeMap(request[field], field) : undefined;
}

export function requiredRecord(request: RequestObject, field: string): Record<string, unknown> {
  const value = request[field];
  if (!present(value)) throw new RequestShapeError(`Value for field '$[${field}]' not found.`);
  if (!isRecord(value)) throw new RequestShapeError(`Value for field '$[${field}]' must be an object.`);
  return value;
}

export function requiredArray(request: RequestObject, field: string): unknown[] {
  const value = request[field];
  if (!present(value)) throw new RequestShapeError(`Value for field '$[${field}]' not found.`);
  if (!Array.isArray(value)) throw new RequestShapeError(`Value for field '$[${field}]' must be a list.`);
  return value;
}
