import { util } from '@aws-appsync/utils';
import { isPosition } from './position';

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

// summary: what backend functions publish as activity (the longest, an overdue digest, is about 500).
export const LIMITS = { name: 200, title: 200, description: 10000, comment: 5000, labels: 20, label: 50, summary: 1000 };

/** Labels: at most 20, each 1–50 characters after trimming; null and undefined pass through. */
export function optionalLabels(labels: string[] | null | undefined, field = 'labels'): string[] | null | undefined {
  if (labels === null || labels === undefined) return labels;
  if (labels.length > LIMITS.labels) validationError(field, `must have at most ${LIMITS.labels} labels`);
  return labels.map((label) => {
    const text = label.trim();
    if (text.length === 0 || text.length > LIMITS.label) validationError(field, `must each be 1 to ${LIMITS.label} characters`);
    return text;
  });
}

const DECIMAL = '0123456789';
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** A real calendar date written `YYYY-MM-DD` (no time zone); null and undefined pass through. */
export function optionalDate(value: string | null | undefined, field: string): string | null | undefined {
  if (value === null || value === undefined) return value;
  const digitsOk = value.length === 10 && value[4] === '-' && value[7] === '-' &&
    (value.slice(0, 4) + value.slice(5, 7) + value.slice(8)).split('').every((ch) => DECIMAL.indexOf(ch) >= 0);
  if (!digitsOk) validationError(field, 'must be a date written YYYY-MM-DD');
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(5, 7));
  const day = Number(value.slice(8));
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > days) validationError(field, 'must be a real date');
  return value;
}

/**
 * The neighbours a task is placed between (`afterPosition` sorts before it, `beforePosition`
 * after it): each a position (resolvers/lib/position.ts), and in that order when both are given.
 */
export function positionBounds(afterPosition: string | null | undefined, beforePosition: string | null | undefined): { after: string | null; before: string | null } {
  const after = afterPosition ?? null;
  const before = beforePosition ?? null;
  if (after !== null && !isPosition(after)) validationError('afterPosition', 'is not a position (a fractional index such as a0 or a1V)');
  if (before !== null && !isPosition(before)) validationError('beforePosition', 'is not a position (a fractional index such as a0 or a1V)');
  if (after !== null && before !== null && after >= before) validationError('afterPosition', 'must sort before beforePosition');
  return { after, before };
}

/** A stale `expectedVersion`: ConflictError with `{ currentVersion }` in errorInfo; nothing was written. */
export function versionConflict(what: string, currentVersion: number, expectedVersion: number): never {
  return util.error(`The ${what} is at version ${currentVersion}, not ${expectedVersion}: reload it and retry`, 'ConflictError', null, { currentVersion });
}
