/**
 * Input positions of the deployed schema and values for them: a valid sample for every position
 * (so one bad value is the only thing wrong with a request), and the AppSync-scalar and string
 * positions the fuzzer aims at. Derived from the schema, so new arguments are fuzzed too.
 */
import {
  getNamedType, isEnumType, isInputObjectType, isListType, isNonNullType, isScalarType, type GraphQLInputType,
} from 'graphql';
import { SEED_BOARD_ID, SEED_TASK_IDS } from '../../../seed/taskboard';
import type { RootField } from './schema-ops';

/** A path from the root field's arguments to one input value, e.g. ['input', 'dueDate']. */
export interface InputPosition {
  root: RootField;
  path: string[];
  /** Named type at the position: 'AWSDate', 'String', 'ID'… */
  typeName: string;
  list: boolean;
}

/** A valid value for a position: real seed ids, so the request would otherwise reach the data. */
export function sampleValue(type: GraphQLInputType, name: string, rootName: string, nullable = true): unknown {
  if (isNonNullType(type)) return sampleValue(type.ofType, name, rootName, false);
  if (nullable && name !== 'limit') return null;
  if (isListType(type)) return [sampleValue(type.ofType, name, rootName)];
  if (isEnumType(type)) return type.getValues()[0].value;
  if (isInputObjectType(type)) {
    return Object.fromEntries(Object.values(type.getFields()).map((f) => [f.name, sampleValue(f.type, f.name, rootName)]).filter(([, v]) => v !== null));
  }
  switch (getNamedType(type).name) {
    case 'Int': return name === 'limit' ? 5 : 1;
    case 'Boolean': return true;
    case 'AWSEmail': return 'carol@example.com';
    case 'AWSDate': return '2026-12-24';
    case 'AWSDateTime': return '2026-12-01T12:00:00.000Z';
    case 'ID':
      if (name === 'taskId' || (name === 'id' && /task/i.test(rootName))) return SEED_TASK_IDS.announcement;
      return SEED_BOARD_ID;
    default: return 'sample';
  }
}

export function sampleArgs(root: RootField): Record<string, unknown> {
  return Object.fromEntries(root.field.args.map((a) => [a.name, sampleValue(a.type, a.name, root.name)]));
}

/** Every leaf input position of the given roots (input objects walked, lists noted). */
export function inputPositions(roots: RootField[]): InputPosition[] {
  const out: InputPosition[] = [];
  const walk = (root: RootField, type: GraphQLInputType, path: string[], list: boolean) => {
    const inner = isNonNullType(type) ? type.ofType : type;
    if (isListType(inner)) return walk(root, inner.ofType, path, true);
    if (isInputObjectType(inner)) {
      for (const f of Object.values(inner.getFields())) walk(root, f.type, [...path, f.name], list);
      return;
    }
    if (isScalarType(inner) || isEnumType(inner)) out.push({ root, path, typeName: inner.name, list });
  };
  for (const root of roots) for (const a of root.field.args) walk(root, a.type, [a.name], false);
  return out;
}

/** Sets `value` at `path` inside a copy of `args`. */
export function withValue(args: Record<string, unknown>, path: string[], value: unknown): Record<string, unknown> {
  const copy = structuredClone(args);
  let target: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) {
    if (typeof target[key] !== 'object' || target[key] === null) target[key] = {};
    target = target[key] as Record<string, unknown>;
  }
  target[path[path.length - 1]] = value;
  return copy;
}
