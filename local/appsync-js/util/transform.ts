/**
 * `util.transform`: filter objects to DynamoDB expressions (returned as JSON strings, as the real
 * service returns them), to subscription filters, and to OpenSearch query DSL.
 */
import type { TransformUtils } from '@aws-appsync/utils/lib/transform-utils';
import { compileExpression } from './expression';

type FilterObject = Record<string, unknown>;
interface SubscriptionFilterEntry { fieldName: string; operator: string; value: unknown }
type Group = SubscriptionFilterEntry[];

/** The docs' examples spell lte/gte; the typings and the filter JSON use le/ge. */
const SUBSCRIPTION_OPERATORS: Record<string, string> = {
  eq: 'eq', ne: 'ne', lt: 'lt', le: 'le', lte: 'le', gt: 'gt', ge: 'ge', gte: 'ge', contains: 'contains',
  notContains: 'notContains', beginsWith: 'beginsWith', in: 'in', notIn: 'notIn', between: 'between', containsAny: 'containsAny',
};

const cross = (left: Group[], right: Group[]): Group[] => left.flatMap((l) => right.map((r) => [...l, ...r]));

/** Disjunctive normal form: a list of groups, each a list of ANDed filters; groups are ORed. */
function toGroups(filter: FilterObject, ignored: ReadonlySet<string>, prefix = ''): Group[] {
  let groups: Group[] = [[]];
  for (const [key, operand] of Object.entries(filter)) {
    if (operand === undefined || ignored.has(key)) continue;
    if (key === 'and' || key === 'or') {
      const parts = (Array.isArray(operand) ? operand : [operand]) as FilterObject[];
      const subGroups = parts.map((p) => toGroups(p, ignored, prefix));
      groups = key === 'and'
        ? subGroups.reduce((acc, g) => cross(acc, g), groups)
        : cross(groups, subGroups.flat());
      continue;
    }
    // Several operators on one field are alternatives (OR), one group each.
    const alternatives = Object.entries(operand as Record<string, unknown>).map(([op, value]): Group => {
      const operator = SUBSCRIPTION_OPERATORS[op];
      if (!operator) throw new Error(`util.transform.toSubscriptionFilter: unsupported operator '${op}' on '${key}'`);
      return [{ fieldName: `${prefix}${key}`, operator, value }];
    });
    groups = cross(groups, alternatives);
  }
  return groups;
}

function toSubscriptionFilter(filter: FilterObject, ignoredFields?: string[], rules?: FilterObject) {
  const ignored = new Set(ignoredFields ?? []);
  let groups = toGroups(filter, ignored).filter((g) => g.length > 0);
  if (rules && Object.keys(rules).length > 0) {
    // At least one rule must also pass: every group is duplicated once per rule.
    const ruleFilters = toGroups(rules, new Set()).flat();
    groups = (groups.length > 0 ? groups : [[]]).flatMap((g) => ruleFilters.map((r) => [...g, r]));
  }
  return { filterGroup: groups.map((filters) => ({ filters })) };
}

const OPENSEARCH_RANGE = new Set(['gt', 'gte', 'lt', 'lte']);
const OPENSEARCH_QUERY: Record<string, string> = {
  match: 'match', matchPhrase: 'match_phrase', matchPhrasePrefix: 'match_phrase_prefix', wildcard: 'wildcard', regexp: 'regexp',
};

function toOpenSearch(filter: FilterObject): Record<string, unknown> {
  const clauses: Record<string, unknown>[] = [];
  for (const [key, operand] of Object.entries(filter)) {
    if (operand === undefined) continue;
    const parts = (Array.isArray(operand) ? operand : [operand]) as FilterObject[];
    if (key === 'and') clauses.push({ bool: { must: parts.map(toOpenSearch) } });
    else if (key === 'or') clauses.push({ bool: { should: parts.map(toOpenSearch), minimum_should_match: 1 } });
    else if (key === 'not') clauses.push({ bool: { must_not: parts.map(toOpenSearch) } });
    else {
      for (const [op, value] of Object.entries(operand as Record<string, unknown>)) {
        if (op === 'eq') clauses.push({ term: { [key]: value } });
        else if (op === 'ne') clauses.push({ bool: { must_not: [{ term: { [key]: value } }] } });
        else if (OPENSEARCH_RANGE.has(op)) clauses.push({ range: { [key]: { [op]: value } } });
        else if (op === 'range') {
          const [gte, lte] = value as [unknown, unknown];
          clauses.push({ range: { [key]: { gte, lte } } });
        } else if (op in OPENSEARCH_QUERY) clauses.push({ [OPENSEARCH_QUERY[op]]: { [key]: value } });
        else if (op === 'multiMatch') clauses.push({ multi_match: { ...(value as object), fields: (value as { fields?: string[] }).fields ?? [key] } });
        else if (op === 'exists') clauses.push(value ? { exists: { field: key } } : { bool: { must_not: [{ exists: { field: key } }] } });
        else throw new Error(`util.transform.toElasticsearchQueryDSL: unsupported operator '${op}' on '${key}'`);
      }
    }
  }
  return clauses.length === 1 ? clauses[0] : { bool: { must: clauses } };
}

export const transform = {
  toDynamoDBFilterExpression: (filter: FilterObject) => JSON.stringify(compileExpression(filter)),
  toDynamoDBConditionExpression: (condition: FilterObject) => JSON.stringify(compileExpression(condition)),
  toSubscriptionFilter,
  toElasticsearchQueryDSL: (filter: FilterObject) => JSON.stringify(toOpenSearch(filter)),
} as unknown as TransformUtils;
