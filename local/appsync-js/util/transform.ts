/**
 * `util.transform`: filter objects to DynamoDB expressions and OpenSearch query DSL (both as JSON
 * strings, as the real service returns them) and to subscription filters (an object).
 * A filter AWS cannot render gives `null` rather than an error, as recorded from EvaluateCode.
 */
import type { SubscriptionFilter } from '@aws-appsync/utils/lib/subscription-filter-types';
import type { TransformUtils } from '@aws-appsync/utils/lib/transform-utils';
import { compileFilter, FilterError } from './expression';

type FilterObject = Record<string, unknown>;

function isFilterObject(value: unknown): value is FilterObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Both DynamoDB entry points render identically (recorded from AWS). */
function toDynamoDBExpression(filter: unknown): string | null {
  try {
    return JSON.stringify(compileFilter(filter));
  } catch (error) {
    if (error instanceof FilterError) return null;
    throw error;
  }
}

// ---- Subscription filters ----------------------------------------------------------------------

interface Filter { fieldName: string; operator: string; value: unknown }
/** A conjunction of filters; a filter's groups are its alternatives (disjunctive normal form). */
type Group = Filter[];

class UnreadableFilter extends Error {}

/** Every combination of one group from `left` and one from `right`, `left` varying slowest. */
function cross(left: Group[], right: Group[]): Group[] {
  const out: Group[] = [];
  for (const l of left) for (const r of right) out.push(l.concat(r));
  return out;
}

/** A field's operators, each an alternative; operators and values are carried through as written. */
function alternatives(fieldName: string, operators: unknown): Group[] {
  if (!isFilterObject(operators)) return [];
  const out: Group[] = [];
  for (const operator of Object.keys(operators)) {
    if (operators[operator] !== undefined) out.push([{ fieldName, operator, value: operators[operator] }]);
  }
  return out;
}

/**
 * The groups of a filter: its fields and `and` members are ANDed (cross product of their
 * alternatives), `or` members and a field's several operators are alternatives. `not` has no
 * meaning here and is read as a field name, as AWS does.
 */
function toGroups(filter: FilterObject, ignored: ReadonlySet<string>): Group[] {
  let groups: Group[] = [[]];
  for (const key of Object.keys(filter)) {
    const operand = filter[key];
    if (operand === undefined || ignored.has(key)) continue;
    if (key === 'and' || key === 'or') {
      if (!Array.isArray(operand)) throw new UnreadableFilter();
      if (key === 'and') {
        for (const member of operand) groups = cross(groups, memberGroups(member, ignored));
      } else {
        const either: Group[] = [];
        for (const member of operand) either.push(...memberGroups(member, ignored));
        groups = cross(groups, either);
      }
    } else {
      groups = cross(groups, alternatives(key, operand));
    }
  }
  return groups;
}

function memberGroups(member: unknown, ignored: ReadonlySet<string>): Group[] {
  if (!isFilterObject(member)) throw new UnreadableFilter();
  return toGroups(member, ignored);
}

function toSubscriptionFilter(filter: unknown, ignoredFields?: unknown, rules?: unknown): SubscriptionFilter | null {
  if (!isFilterObject(filter)) return null;
  const ignored = new Set(Array.isArray(ignoredFields) ? ignoredFields.map(String) : []);
  let groups: Group[];
  try {
    groups = toGroups(filter, ignored);
  } catch (error) {
    if (error instanceof UnreadableFilter) return null;
    throw error;
  }
  if (isFilterObject(rules)) {
    // At least one rule must hold: each rule filter is an alternative appended to every group.
    const ruleFilters: Group[] = [];
    for (const field of Object.keys(rules)) ruleFilters.push(...alternatives(field, rules[field]));
    if (ruleFilters.length > 0) groups = cross(groups, ruleFilters);
  }
  const filterGroup: Array<{ filters: Group }> = [];
  for (const filters of groups) if (filters.length > 0) filterGroup.push({ filters });
  // The typings narrow each entry's operator/value; entries are carried through as written.
  return { filterGroup } as SubscriptionFilter;
}

// ---- OpenSearch query DSL ----------------------------------------------------------------------
// The shape follows AWS's documented example: one clause stands alone, several are ANDed in
// `bool.must`; `ne` and `not` are `bool.must_not` holding one clause (an object, not a list).

type Clause = Record<string, unknown>;

const MATCHING: Readonly<Record<string, string>> = {
  match: 'match', matchPhrase: 'match_phrase', matchPhrasePrefix: 'match_phrase_prefix',
  multiMatch: 'multi_match', wildcard: 'wildcard', regexp: 'regexp',
};
const RANGES = new Set(['gt', 'gte', 'lt', 'lte']);

const all = (clauses: Clause[]): Clause => (clauses.length === 1 ? clauses[0] : { bool: { must: clauses } });
const none = (clause: Clause): Clause => ({ bool: { must_not: clause } });

function fieldClause(field: string, op: string, value: unknown): Clause {
  if (op === 'eq') return { term: { [field]: value } };
  if (op === 'ne') return none({ term: { [field]: value } });
  if (RANGES.has(op)) return { range: { [field]: { [op]: value } } };
  if (op === 'range') {
    if (!Array.isArray(value) || value.length < 2) throw new FilterError(`'range' on '${field}' takes [from, to]`);
    return { range: { [field]: { gte: value[0], lte: value[1] } } };
  }
  if (op === 'exists') {
    if (typeof value !== 'boolean') throw new FilterError(`'exists' on '${field}' takes true or false`);
    const exists = { exists: { field } };
    return value ? exists : none(exists);
  }
  const query = MATCHING[op];
  if (query === undefined) throw new FilterError(`unsupported operator '${op}' on '${field}'`);
  return { [query]: { [field]: value } };
}

function openSearchClauses(filter: FilterObject): Clause[] {
  const clauses: Clause[] = [];
  for (const key of Object.keys(filter)) {
    const operand = filter[key];
    if (operand === undefined) continue;
    if (key === 'and' || key === 'or') {
      if (!Array.isArray(operand)) throw new FilterError(`'${key}' takes a list of filter objects`);
      const members = operand.map((member: unknown) => {
        if (!isFilterObject(member)) throw new FilterError(`each member of '${key}' must be a filter object`);
        return all(openSearchClauses(member));
      });
      clauses.push(key === 'and' ? { bool: { must: members } } : { bool: { should: members, minimum_should_match: 1 } });
    } else if (key === 'not') {
      if (!isFilterObject(operand)) throw new FilterError("'not' takes one filter object");
      clauses.push(none(all(openSearchClauses(operand))));
    } else {
      if (!isFilterObject(operand)) throw new FilterError(`'${key}' must hold an object of operators`);
      const fieldClauses: Clause[] = [];
      for (const op of Object.keys(operand)) {
        if (operand[op] !== undefined) fieldClauses.push(fieldClause(key, op, operand[op]));
      }
      if (fieldClauses.length > 0) clauses.push(all(fieldClauses));
    }
  }
  return clauses;
}

function toElasticsearchQueryDSL(filter: unknown): string | null {
  if (!isFilterObject(filter)) return null;
  try {
    const clauses = openSearchClauses(filter);
    return clauses.length === 0 ? null : JSON.stringify(all(clauses));
  } catch (error) {
    if (error instanceof FilterError) return null;
    throw error;
  }
}

const implementation = {
  toDynamoDBFilterExpression: toDynamoDBExpression,
  toDynamoDBConditionExpression: toDynamoDBExpression,
  toElasticsearchQueryDSL,
  toSubscriptionFilter,
};

/** The declared surface; a cast because the typings' generic filter types say nothing of `null`. */
export const transform: TransformUtils = implementation as unknown as TransformUtils;
