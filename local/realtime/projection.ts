/**
 * What a subscriber receives: the mutation's result (as the mutation's own selection set returned
 * it) re-shaped by the subscription's selection set. AppSync does not run resolvers for
 * subscription payloads: a field the mutation did not select is null.
 */
import {
  getNamedType, isAbstractType, isObjectType, Kind, type FieldNode, type FragmentDefinitionNode, type GraphQLNamedType,
  type GraphQLSchema, type SelectionSetNode,
} from 'graphql';

type Fragments = Record<string, FragmentDefinitionNode>;

/** Every field node of a selection set, fragments inlined (type conditions ignored: payloads are concrete). */
function fieldsOf(selectionSet: SelectionSetNode, fragments: Fragments): FieldNode[] {
  const out: FieldNode[] = [];
  for (const s of selectionSet.selections) {
    if (s.kind === Kind.FIELD) out.push(s);
    else if (s.kind === Kind.INLINE_FRAGMENT) out.push(...fieldsOf(s.selectionSet, fragments));
    else {
      const fragment = fragments[s.name.value];
      if (fragment) out.push(...fieldsOf(fragment.selectionSet, fragments));
    }
  }
  return out;
}

/** The mutation's response value, keyed by field names instead of the mutation's aliases. */
export function unalias(value: unknown, selectionSet: SelectionSetNode | undefined, fragments: Fragments): unknown {
  if (value === null || value === undefined || !selectionSet) return value ?? null;
  if (Array.isArray(value)) return value.map((v) => unalias(v, selectionSet, fragments));
  if (typeof value !== 'object') return value;
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const field of fieldsOf(selectionSet, fragments)) {
    const key = field.alias?.value ?? field.name.value;
    if (key in source) out[field.name.value] = unalias(source[key], field.selectionSet, fragments);
  }
  return out;
}

/** The subscription's selection set applied to a payload keyed by field names. */
export function project(value: unknown, selectionSet: SelectionSetNode | undefined, fragments: Fragments, type: GraphQLNamedType, schema: GraphQLSchema): unknown {
  if (value === null || value === undefined) return null;
  if (!selectionSet) return value;
  if (Array.isArray(value)) return value.map((v) => project(v, selectionSet, fragments, type, schema));
  const source = value as Record<string, unknown>;
  const concrete = isAbstractType(type) && typeof source.__typename === 'string' ? schema.getType(source.__typename) ?? type : type;
  const out: Record<string, unknown> = {};
  for (const field of fieldsOf(selectionSet, fragments)) {
    const key = field.alias?.value ?? field.name.value;
    if (field.name.value === '__typename') {
      out[key] = concrete.name;
      continue;
    }
    const def = isObjectType(concrete) ? concrete.getFields()[field.name.value] : undefined;
    const childType = def ? getNamedType(def.type) : concrete;
    out[key] = project(source[field.name.value], field.selectionSet, fragments, childType, schema);
  }
  return out;
}
