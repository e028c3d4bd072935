/**
 * `ctx.info` as AppSync builds it for a resolver (AppSync developer guide, "Resolver context
 * object reference", Info section).
 *
 * selectionSetList: every field selected under the resolved field, as `/`-joined paths of
 * response keys (an alias replaces the field name), parents before children, each key once.
 * Fragment spreads and inline fragments are expanded when their type condition is the field's
 * own type (or, for an object type, an interface or union containing it). For an interface or
 * union, fragments on the implementing types are left out: the docs' `node { id ... on Post
 * { title } }` gives `["id"]`, and a union selected only through fragments gives `[]`.
 *
 * selectionSetGraphQL: the field's own selection set printed as written, fragment spreads kept
 * by name with no fragment definitions appended, as real AppSync events show (`"{\n  title\n
 * id\n}"`; aws-appsync-community#142).
 */
import {
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  Kind,
  getDirectiveValues,
  getNamedType,
  isAbstractType,
  isInterfaceType,
  isObjectType,
  print,
  type FieldNode,
  type FragmentDefinitionNode,
  type FragmentSpreadNode,
  type GraphQLNamedType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  type InlineFragmentNode,
  type NamedTypeNode,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';

export interface AppSyncInfo {
  fieldName: string;
  parentTypeName: string;
  variables: Record<string, unknown>;
  selectionSetList: string[];
  selectionSetGraphQL: string;
}

interface CacheEntry {
  // The list depends on @skip/@include, so it is only reused for the same variables object.
  variables: GraphQLResolveInfo['variableValues'];
  list?: string[];
  text?: string;
}

// graphql-js builds one fieldNodes array per field per execution and hands the same array to
// every resolver call of that field (e.g. each item of a list), so this is the natural key.
const cache = new WeakMap<readonly FieldNode[], CacheEntry>();

function entryFor(info: GraphQLResolveInfo): CacheEntry {
  let entry = cache.get(info.fieldNodes);
  if (!entry || entry.variables !== info.variableValues) {
    entry = { variables: info.variableValues };
    cache.set(info.fieldNodes, entry);
  }
  return entry;
}

/**
 * ctx.info.selectionSetList as AppSync computes it. The array is cached and shared by every
 * call for the same field in one execution, so it is frozen.
 */
export function selectionSetList(info: GraphQLResolveInfo): string[] {
  const entry = entryFor(info);
  if (!entry.list) {
    const list: string[] = [];
    const walk: Walk = { schema: info.schema, fragments: info.fragments, variables: info.variableValues };
    collectPaths(walk, getNamedType(info.returnType), info.fieldNodes, '', list);
    entry.list = Object.freeze(list) as string[];
  }
  return entry.list;
}

/** ctx.info.selectionSetGraphQL as AppSync renders it; `''` for a leaf field. */
export function selectionSetGraphQL(info: GraphQLResolveInfo): string {
  const entry = entryFor(info);
  if (entry.text === undefined) {
    // A field selected more than once (`a { x } a { y }`, or via fragments) has one field node
    // per occurrence: their selections are printed together as one set.
    const selections: SelectionNode[] = info.fieldNodes.flatMap((node) => node.selectionSet?.selections ?? []);
    const set: SelectionSetNode = { kind: Kind.SELECTION_SET, selections };
    entry.text = selections.length === 0 ? '' : print(set);
  }
  return entry.text;
}

/** The whole ctx.info for a field: fieldName, parentTypeName, variables (the operation's coerced variables), selectionSetList, selectionSetGraphQL. */
export function appSyncInfo(info: GraphQLResolveInfo): AppSyncInfo {
  return {
    fieldName: info.fieldName,
    parentTypeName: info.parentType.name,
    variables: info.variableValues,
    selectionSetList: selectionSetList(info),
    selectionSetGraphQL: selectionSetGraphQL(info),
  };
}

interface Walk {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: GraphQLResolveInfo['variableValues'];
}

/** Appends the paths under `fieldNodes` (all of type `type`) to `out`, depth first. */
function collectPaths(walk: Walk, type: GraphQLNamedType, fieldNodes: readonly FieldNode[], prefix: string, out: string[]): void {
  if (!isObjectType(type) && !isAbstractType(type)) return;
  // Fields sharing a response key merge (GraphQL field merging): one path, merged children.
  const byKey = new Map<string, FieldNode[]>();
  const visitedFragments = new Set<string>();
  for (const node of fieldNodes) {
    if (node.selectionSet) groupFields(walk, type, node.selectionSet, byKey, visitedFragments);
  }
  for (const [key, nodes] of byKey) {
    const path = prefix + key;
    out.push(path);
    // Unions have no fields and __typename is a leaf: neither has children to list.
    const definition = isObjectType(type) || isInterfaceType(type) ? type.getFields()[nodes[0].name.value] : undefined;
    if (definition) collectPaths(walk, getNamedType(definition.type), nodes, `${path}/`, out);
  }
}

function groupFields(walk: Walk, type: GraphQLNamedType, selectionSet: SelectionSetNode, byKey: Map<string, FieldNode[]>, visitedFragments: Set<string>): void {
  for (const selection of selectionSet.selections) {
    if (!included(walk, selection)) continue;
    switch (selection.kind) {
      case Kind.FIELD: {
        const key = selection.alias?.value ?? selection.name.value;
        const nodes = byKey.get(key);
        if (nodes) nodes.push(selection);
        else byKey.set(key, [selection]);
        break;
      }
      case Kind.INLINE_FRAGMENT:
        if (fragmentApplies(walk, selection.typeCondition, type)) groupFields(walk, type, selection.selectionSet, byKey, visitedFragments);
        break;
      case Kind.FRAGMENT_SPREAD: {
        const name = selection.name.value;
        // Expand each fragment once per level, as execution does: repeated spreads would only
        // multiply the merged field nodes (the keys merge anyway).
        if (visitedFragments.has(name)) break;
        visitedFragments.add(name);
        const fragment = walk.fragments[name];
        if (fragment && fragmentApplies(walk, fragment.typeCondition, type)) groupFields(walk, type, fragment.selectionSet, byKey, visitedFragments);
        break;
      }
    }
  }
}

function included(walk: Walk, node: FieldNode | InlineFragmentNode | FragmentSpreadNode): boolean {
  if (getDirectiveValues(GraphQLSkipDirective, node, walk.variables)?.if === true) return false;
  return getDirectiveValues(GraphQLIncludeDirective, node, walk.variables)?.if !== false;
}

/**
 * Whether a fragment's fields belong to `type`. On an object type: the type itself or an
 * interface/union containing it, as in execution. On an interface or union only a fragment on
 * that same type counts: AppSync lists just the fields of the current type there.
 */
function fragmentApplies(walk: Walk, condition: NamedTypeNode | undefined, type: GraphQLNamedType): boolean {
  if (!condition) return true;
  const conditionType = walk.schema.getType(condition.name.value);
  if (!conditionType) return false;
  if (conditionType === type) return true;
  return isObjectType(type) && isAbstractType(conditionType) && walk.schema.isSubType(conditionType, type);
}
