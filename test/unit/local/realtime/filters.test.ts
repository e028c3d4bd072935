import { describe, expect, it } from 'vitest';
import { filterProblem, matchesFilter } from '../../../../local/realtime/filters';

const one = (fieldName: string, operator: string, value: unknown) => ({ filterGroup: [{ filters: [{ fieldName, operator, value }] }] });
const task = { id: 't1', status: 'TODO', priority: 3, title: 'Ship it', labels: ['a', 'b'], owner: { name: 'ann' }, due: null };

describe('matchesFilter', () => {
  it.each<[string, unknown, boolean]>([
    ['eq', 'TODO', true], ['eq', 'DONE', false], ['ne', 'DONE', true],
  ])('status %s %j → %s', (op, value, expected) => {
    expect(matchesFilter(one('status', op, value), task)).toBe(expected);
  });

  it.each<[string, unknown, boolean]>([
    ['lt', 4, true], ['lt', 3, false], ['le', 3, true], ['gt', 2, true], ['ge', 4, false], ['between', [1, 3], true], ['between', [4, 9], false],
    ['in', [1, 3], true], ['notIn', [1, 3], false],
  ])('priority %s %j → %s', (op, value, expected) => {
    expect(matchesFilter(one('priority', op, value), task)).toBe(expected);
  });

  it('string and array operators', () => {
    expect(matchesFilter(one('title', 'beginsWith', 'Ship'), task)).toBe(true);
    expect(matchesFilter(one('title', 'contains', 'ip i'), task)).toBe(true);
    expect(matchesFilter(one('labels', 'contains', 'b'), task)).toBe(true);
    expect(matchesFilter(one('labels', 'notContains', 'z'), task)).toBe(true);
    expect(matchesFilter(one('labels', 'containsAny', ['z', 'a']), task)).toBe(true);
    expect(matchesFilter(one('labels', 'containsAny', ['z']), task)).toBe(false);
  });

  it('follows dotted paths, and null equals only null', () => {
    expect(matchesFilter(one('owner.name', 'eq', 'ann'), task)).toBe(true);
    expect(matchesFilter(one('due', 'eq', null), task)).toBe(true);
    expect(matchesFilter(one('status', 'eq', null), task)).toBe(false);
  });

  it('ANDs filters in a group and ORs groups; gte/lte from toSubscriptionFilter count as ge/le', () => {
    const filter = { filterGroup: [
      { filters: [{ fieldName: 'status', operator: 'eq', value: 'DONE' }, { fieldName: 'priority', operator: 'gte', value: 1 }] },
      { filters: [{ fieldName: 'status', operator: 'eq', value: 'TODO' }, { fieldName: 'priority', operator: 'lte', value: 3 }] },
    ] };
    expect(matchesFilter(filter, task)).toBe(true);
    expect(matchesFilter({ filterGroup: [filter.filterGroup[0]] }, task)).toBe(false);
  });
});

describe('filterProblem (limits fail the subscription at start)', () => {
  it('accepts a valid filter', () => expect(filterProblem(one('status', 'eq', 'x'))).toBeNull());
  it.each<[string, unknown]>([
    ['an unknown operator', one('a', 'like', 'x')],
    ['in with more than 5 values', one('a', 'in', [1, 2, 3, 4, 5, 6])],
    ['between without two values', one('a', 'between', [1])],
    ['a string over 256 characters', one('a', 'eq', 'x'.repeat(257))],
    ['more than 5 field names in a group', { filterGroup: [{ filters: ['a', 'b', 'c', 'd', 'e', 'f'].map((f) => ({ fieldName: f, operator: 'eq', value: 1 })) }] }],
    ['an empty group', { filterGroup: [{ filters: [] }] }],
  ])('refuses %s', (_name, filter) => {
    expect(filterProblem(filter as Parameters<typeof filterProblem>[0])).toEqual(expect.any(String));
  });
});
