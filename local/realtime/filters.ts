/**
 * AppSync's enhanced subscription filters: `{ filterGroup: [{ filters: [{ fieldName, operator,
 * value }] }] }`. Groups are ORed, filters within a group ANDed; `fieldName` may be a dotted path
 * into the mutation's result. Operators and limits as AppSync documents them.
 */
import type { SubscriptionFilterJson } from '../appsync-js/state';

type Filter = SubscriptionFilterJson['filterGroup'][number]['filters'][number];

export const FILTER_LIMITS = { groups: 10, filtersPerGroup: 10, fieldNamesPerGroup: 5, inValues: 5, containsAnyValues: 20, stringLength: 256 };

const OPERATORS = new Set(['eq', 'ne', 'le', 'lt', 'ge', 'gt', 'contains', 'notContains', 'beginsWith', 'in', 'notIn', 'between', 'containsAny']);

/** Why a filter cannot be used, or null when it is valid. */
export function filterProblem(filter: SubscriptionFilterJson): string | null {
  if (!filter || !Array.isArray(filter.filterGroup)) return 'a subscription filter needs a filterGroup list';
  if (filter.filterGroup.length > FILTER_LIMITS.groups) return `a subscription filter may have at most ${FILTER_LIMITS.groups} filter groups`;
  for (const group of filter.filterGroup) {
    if (!Array.isArray(group.filters) || group.filters.length === 0) return 'each filter group needs at least one filter';
    if (group.filters.length > FILTER_LIMITS.filtersPerGroup) return `a filter group may have at most ${FILTER_LIMITS.filtersPerGroup} filters`;
    if (new Set(group.filters.map((f) => f.fieldName)).size > FILTER_LIMITS.fieldNamesPerGroup) return `a filter group may name at most ${FILTER_LIMITS.fieldNamesPerGroup} fields`;
    for (const f of group.filters) {
      const op = normalizeOperator(f.operator);
      if (!OPERATORS.has(op)) return `unknown subscription filter operator '${f.operator}'`;
      const maxValues = op === 'containsAny' ? FILTER_LIMITS.containsAnyValues : FILTER_LIMITS.inValues;
      if ((op === 'in' || op === 'notIn' || op === 'containsAny') && (!Array.isArray(f.value) || f.value.length > maxValues)) {
        return `'${op}' takes a list of at most ${maxValues} values`;
      }
      if (typeof f.value === 'string' && f.value.length > FILTER_LIMITS.stringLength) return `filter strings may be at most ${FILTER_LIMITS.stringLength} characters`;
      if (op === 'between' && (!Array.isArray(f.value) || f.value.length !== 2)) return "'between' takes a list of two values";
    }
  }
  return null;
}

/** Whether a published value passes the filter. */
export function matchesFilter(filter: SubscriptionFilterJson, value: unknown): boolean {
  return filter.filterGroup.some((group) => group.filters.every((f) => matches(f, value)));
}

// util.transform.toSubscriptionFilter passes `gte`/`lte` through as written; treat them as ge/le.
function normalizeOperator(op: string): string {
  return op === 'gte' ? 'ge' : op === 'lte' ? 'le' : op;
}

function at(value: unknown, path: string): unknown {
  let cur = value;
  // AppSync ignores paths deeper than 5 levels.
  for (const key of path.split('.').slice(0, 5)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

function compare(a: unknown, b: unknown): number | null {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  return null;
}

function matches(f: Filter, root: unknown): boolean {
  const actual = at(root, f.fieldName);
  const expected = f.value as unknown;
  const eq = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y);
  switch (normalizeOperator(f.operator)) {
    case 'eq': return eq(actual, expected);
    case 'ne': return !eq(actual, expected);
    case 'lt': { const c = compare(actual, expected); return c !== null && c < 0; }
    case 'le': { const c = compare(actual, expected); return c !== null && c <= 0; }
    case 'gt': { const c = compare(actual, expected); return c !== null && c > 0; }
    case 'ge': { const c = compare(actual, expected); return c !== null && c >= 0; }
    case 'contains': return Array.isArray(actual) ? actual.some((x) => eq(x, expected)) : typeof actual === 'string' && typeof expected === 'string' && actual.includes(expected);
    case 'notContains': return !(Array.isArray(actual) ? actual.some((x) => eq(x, expected)) : typeof actual === 'string' && typeof expected === 'string' && actual.includes(expected));
    case 'beginsWith': return typeof actual === 'string' && typeof expected === 'string' && actual.startsWith(expected);
    case 'in': return Array.isArray(expected) && expected.some((x) => eq(x, actual));
    case 'notIn': return Array.isArray(expected) && !expected.some((x) => eq(x, actual));
    case 'between': {
      if (!Array.isArray(expected)) return false;
      const lo = compare(actual, expected[0]);
      const hi = compare(actual, expected[1]);
      return lo !== null && hi !== null && lo >= 0 && hi <= 0;
    }
    case 'containsAny': return Array.isArray(actual) && Array.isArray(expected) && expected.some((x) => actual.some((y) => eq(x, y)));
    default: return false;
  }
}
