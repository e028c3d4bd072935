import { util } from '@aws-appsync/utils';

/** Validation failures are `ValidationError`s that name the field; nothing is written. */
export function validationError(field: string, message: string): never {
  return util.error(`${field} ${message}`, 'ValidationError', null, { field });
}

/** Trims and checks a required string's length. */
export function requiredText(value: string | null | undefined, field: string, max: number): string {
  const text = (value ?? '').trim();
  if (text.length === 0) validationError(field, 'must not be empty');
  if (text.length > max) validationError(field, `must be at most ${max} characters`);
  return text;
}

/** Checks an optional string's length; null and undefined pass through. */
export function optionalText(value: string | null | undefined, field: string, max: number): string | null | undefined {
  if (value === null || value === undefined) return value;
  if (value.length > max) validationError(field, `must be at most ${max} characters`);
  return value;
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** A page size between 1 and 100, 20 when omitted. */
export function pageLimit(limit: number | null | undefined): number {
  if (limit === null || limit === undefined) return DEFAULT_PAGE_SIZE;
  if (limit < 1 || limit > MAX_PAGE_SIZE) validationError('limit', `must be between 1 and ${MAX_PAGE_SIZE}`);
  return limit;
}

export const LIMITS = { name: 200, title: 200, description: 10000, comment: 5000, labels: 20, label: 50 };
