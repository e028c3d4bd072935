/**
 * graphql-js errors reworded the way AppSync reports them. AppSync runs graphql-java, and its
 * validation and variable messages match graphql-java 9.x (checked against 9.6 built from
 * source): the "Validation error of type X: ... @ 'path'" format, WrongType without a coercing
 * reason, "Sub selection required for type null" for wrapped types, and "Variable 'x' has an
 * invalid value. ..." / "has coerced Null value ..." for variables. Syntax errors use
 * graphql-java's later (12+) "Invalid Syntax : offending token" wording, as 9.x only said
 * "Invalid Syntax".
 *
 * Where the two libraries word or place an error differently the answer is recomputed the
 * graphql-java way from the document (WrongType, FieldsConflict, FragmentCycle,
 * LoneAnonymousOperation); a message this module does not know keeps graphql-js's text.
 */
import {
  GraphQLError,
  Kind,
  Lexer,
  Source,
  TokenKind,
  TypeInfo,
  getLocation,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInputType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  parse,
  print,
  typeFromAST,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import type {
  ASTNode,
  ArgumentNode,
  DocumentNode,
  FieldNode,
  FragmentDefinitionNode,
  GraphQLArgument,
  GraphQLInputType,
  GraphQLSchema,
  GraphQLType,
  OperationDefinitionNode,
  SelectionSetNode,
  ValueNode,
} from 'graphql';

export interface AppSyncErrorEntry {
  path: null;
  locations: Array<{ line: number; column: number; sourceName: null }> | null;
  message: string;
  errorType?: string;
}

type Location = { line: number; column: number; sourceName: null };

/** Spreads NoFragmentCycles may walk per document (see fragmentCycles). */
const FRAGMENT_WALK_STEPS = 10_000;

// ---------------------------------------------------------------------------------------------
// Validation errors
// ---------------------------------------------------------------------------------------------

/**
 * graphql-java's rules in the order its Validator runs them: errors raised on the same node come
 * out in this order.
 */
const RULE_ORDER = [
  'ExecutableDefinitions',
  'ArgumentsOfCorrectType',
  'FieldsOnCorrectType',
  'FragmentsOnCompositeType',
  'KnownArgumentNames',
  'KnownDirectives',
  'KnownFragmentNames',
  'KnownTypeNames',
  'NoFragmentCycles',
  'NoUndefinedVariables',
  'NoUnusedFragments',
  'NoUnusedVariables',
  'OverlappingFieldsCanBeMerged',
  'PossibleFragmentSpreads',
  'ProvidedNonNullArguments',
  'ScalarLeafs',
  'VariableDefaultValuesOfCorrectType',
  'VariablesAreInputTypes',
  'VariableTypesMatchRule',
  'LoneAnonymousOperation',
  'UniqueOperationNames',
  // Rules graphql-java added after 9.x; AppSync may not run them, but graphql-js does.
  'UniqueFragmentNames',
  'UniqueDirectiveNamesPerLocation',
  'UniqueArgumentNames',
  'UniqueVariableNames',
  'Other',
] as const;
type Rule = (typeof RULE_ORDER)[number];

interface Pending {
  entry: AppSyncErrorEntry;
  /** Where graphql-java's traversal raises it: the offset of the node it is visiting. */
  at: number;
  rule: Rule;
  seq: number;
}

/** graphql-js validate() errors → graphql-java-worded AppSync entries. */
export function toAppSyncValidationErrors(errors: readonly GraphQLError[], document: DocumentNode, schema: GraphQLSchema): AppSyncErrorEntry[] {
  const index = new DocumentIndex(document, schema);
  const out: Pending[] = [];
  const done = new Set<string>();
  const emit = (rule: Rule, at: number, type: string, description: string, locations: Location[] | null, path: string[] | null) => {
    const message = `Validation error of type ${type}: ${description}${path && path.length > 0 ? ` @ '${path.join('/')}'` : ''}`;
    const entry: AppSyncErrorEntry = { path: null, locations, message };
    const key = JSON.stringify(entry);
    if (done.has(key)) return;
    done.add(key);
    out.push({ entry, at, rule, seq: out.length });
  };
  for (const error of errors) translateValidationError(error, index, emit);
  // graphql-java reports in traversal order, not rule by rule as graphql-js does.
  out.sort((a, b) => a.at - b.at || RULE_ORDER.indexOf(a.rule) - RULE_ORDER.indexOf(b.rule) || a.seq - b.seq);
  return out.map((p) => p.entry);
}

type Emit = (rule: Rule, at: number, type: string, description: string, locations: Location[] | null, path: string[] | null) => void;

function translateValidationError(error: GraphQLError, index: DocumentIndex, emit: Emit): void {
  const message = error.message;
  const nodes = index.nodesOf(error);
  const first = nodes[0];
  const loc = (node: ASTNode | undefined): Location[] => (node ? [index.location(node)] : graphqlLocations(error));
  const start = (node: ASTNode | undefined): number => node?.loc?.start ?? error.positions?.[0] ?? 0;
  const at = (node: ASTNode | undefined, rule: Rule, type: string, description: string, path: string[] | null = node ? index.pathOf(node) : null) =>
    emit(rule, start(node), type, description, loc(node), path);
  let m: RegExpExecArray | null;

  if ((m = /^The (?:schema|"(.+)") definition is not executable\.$/.exec(message))) {
    // graphql-java names type definitions, says "schema" for the schema and "provided" otherwise
    // (a directive definition, say). It checks the whole document before visiting anything.
    const described = m[1] === undefined ? 'schema' : first && /Type(?:Definition|Extension)$/.test(first.kind) ? m[1] : 'provided';
    return emit('ExecutableDefinitions', -1, 'NonExecutableDefinition', `The ${described} definition is not executable.`, loc(first), null);
  }
  if ((m = /^There can be only one operation named "(.+)"\.$/.exec(message))) {
    const op = index.closest(nodes[nodes.length - 1], Kind.OPERATION_DEFINITION);
    return at(op, 'UniqueOperationNames', 'DuplicateOperationName', `There can be only one operation named '${m[1]}'`, null);
  }
  if (message === 'This anonymous operation must be the only defined operation.') {
    for (const { op, description } of index.loneAnonymousViolations()) at(op, 'LoneAnonymousOperation', 'LoneAnonymousOperationViolation', description, null);
    return;
  }
  if ((m = /^(?:Subscription "(.+)"|Anonymous Subscription) must select only one top level field\.$/.exec(message))) {
    return at(first, 'Other', 'SubscriptionMultipleRootFields', `Subscription operation '${m[1] ?? 'null'}' must have exactly one root field`, null);
  }
  if ((m = /^(?:Subscription "(.+)"|Anonymous Subscription) must not select an introspection top level field\.$/.exec(message))) {
    const field = first?.kind === Kind.FIELD ? first.name.value : '__typename';
    return at(first, 'Other', 'SubscriptionIntrospectionRootField', `Subscription operation '${m[1] ?? 'null'}' root field '${field}' cannot be an introspection field`, null);
  }
  if ((m = /^Unknown type "(.+?)"\.(?: Did you mean .*)?$/.exec(message))) {
    // graphql-java 9.x's parser gives a fragment's type condition no location.
    const holder = first ? index.parentOf(first)?.kind : undefined;
    const unplaced = holder === Kind.INLINE_FRAGMENT || holder === Kind.FRAGMENT_DEFINITION;
    return emit('KnownTypeNames', start(first), 'UnknownType', `Unknown type ${m[1]}`, unplaced ? [] : loc(first), first ? index.pathOf(first) : null);
  }
  if (/^Fragment cannot condition on non composite type ".+"\.$/.test(message)) {
    return at(index.closest(first, Kind.INLINE_FRAGMENT), 'FragmentsOnCompositeType', 'InlineFragmentTypeConditionInvalid', 'Inline fragment type condition is invalid, must be on Object/Interface/Union');
  }
  if (/^Fragment ".+" cannot condition on non composite type ".+"\.$/.test(message)) {
    return at(index.closest(first, Kind.FRAGMENT_DEFINITION), 'FragmentsOnCompositeType', 'FragmentTypeConditionInvalid', 'Fragment type condition is invalid, must be on Object/Interface/Union');
  }
  if (/^Variable "\$.+" cannot be non-input type ".+"\.$/.test(message)) {
    return at(index.closest(first, Kind.VARIABLE_DEFINITION), 'VariablesAreInputTypes', 'NonInputTypeOnVariable', 'Wrong type for a variable', null);
  }
  if ((m = /^Field "(.+)" must not have a selection since type "(.+)" has no subfields\.$/.exec(message))) {
    return at(index.closest(first, Kind.FIELD), 'ScalarLeafs', 'SubSelectionNotAllowed', `Sub selection not allowed on leaf type ${javaTypeName(m[2])} of field ${m[1]}`);
  }
  if ((m = /^Field "(.+?)" of type "(.+?)" must have (?:a selection of subfields\. Did you mean ".*"\?|at least one field selected\.)$/.exec(message))) {
    return at(index.closest(first, Kind.FIELD), 'ScalarLeafs', 'SubSelectionRequired', `Sub selection required for type ${javaTypeName(m[2])} of field ${m[1]}`);
  }
  if ((m = /^Cannot query field "(.+?)" on type "(.+?)"\.(?: Did you mean .*)?$/.exec(message))) {
    return at(first, 'FieldsOnCorrectType', 'FieldUndefined', `Field '${m[1]}' in type '${m[2]}' is undefined`);
  }
  if ((m = /^There can be only one fragment named "(.+)"\.$/.exec(message))) {
    return at(index.closest(nodes[nodes.length - 1], Kind.FRAGMENT_DEFINITION), 'UniqueFragmentNames', 'DuplicateFragmentName', `There can be only one fragment named '${m[1]}'`);
  }
  if ((m = /^Unknown fragment "(.+)"\.$/.exec(message))) {
    return at(index.closest(first, Kind.FRAGMENT_SPREAD), 'KnownFragmentNames', 'UndefinedFragment', `Undefined fragment ${m[1]}`);
  }
  if ((m = /^Fragment "(.+)" is never used\.$/.exec(message))) {
    // Raised when the document is finished: after everything else, and outside any path.
    return emit('NoUnusedFragments', Infinity, 'UnusedFragment', `Unused fragment ${m[1]}`, loc(first), null);
  }
  if ((m = /^Fragment cannot be spread here as objects of type "(.+)" can never be of type "(.+)"\.$/.exec(message))) {
    return at(first, 'PossibleFragmentSpreads', 'InvalidFragmentType', `Fragment cannot be spread here as objects of type ${m[1]} can never be of type ${m[2]}`);
  }
  if ((m = /^Fragment "(.+)" cannot be spread here as objects of type "(.+)" can never be of type "(.+)"\.$/.exec(message))) {
    return at(first, 'PossibleFragmentSpreads', 'InvalidFragmentType', `Fragment ${m[1]} cannot be spread here as objects of type ${m[2]} can never be of type ${m[3]}`);
  }
  if (/^Cannot spread fragment ".+" within itself/.test(message)) {
    for (const cycle of index.fragmentCycles()) {
      emit('NoFragmentCycles', start(cycle.fragment), 'FragmentCycle', 'Fragment cycles not allowed', cycle.spreads.map((s) => index.location(s)), [cycle.fragment.name.value]);
    }
    return;
  }
  if ((m = /^There can be only one variable named "\$(\w+)"\.$/.exec(message))) {
    const def = index.closest(nodes[nodes.length - 1], Kind.VARIABLE_DEFINITION);
    const op = index.closest(def, Kind.OPERATION_DEFINITION);
    return emit('UniqueVariableNames', start(op), 'DuplicateVariableName', `There can be only one variable named '${m[1]}'`, loc(def), null);
  }
  if ((m = /^Variable "\$(\w+)" is not defined(?: by operation ".+")?\.$/.exec(message))) {
    const usage = first;
    const op = index.closest(nodes[1] ?? usage, Kind.OPERATION_DEFINITION);
    const via = usage && op ? index.pathViaOperation(op, usage) : undefined;
    return emit('NoUndefinedVariables', via?.anchor ?? start(usage), 'UndefinedVariable', `Undefined variable ${m[1]}`, loc(usage), via?.path ?? (usage ? index.pathOf(usage) : null));
  }
  if ((m = /^Variable "\$(\w+)" is never used(?: in operation ".+")?\.$/.exec(message))) {
    // Raised when leaving the operation, where the path is empty.
    const op = index.closest(first, Kind.OPERATION_DEFINITION);
    return emit('NoUnusedVariables', (op?.loc?.end ?? start(first)) + 0.5, 'UnusedVariable', `Unused variable ${m[1]}`, loc(first), null);
  }
  if ((m = /^Unknown directive "@(.+)"\.$/.exec(message))) {
    return at(first, 'KnownDirectives', 'UnknownDirective', `Unknown directive ${m[1]}`);
  }
  if ((m = /^Directive "@(.+)" may not be used on .+\.$/.exec(message))) {
    return at(first, 'KnownDirectives', 'MisplacedDirective', `Directive ${m[1]} not allowed here`);
  }
  if ((m = /^The directive "@(.+)" can only be used once at this location\.$/.exec(message))) {
    const directive = nodes[nodes.length - 1];
    const holder = directive ? index.parentOf(directive) : undefined;
    const holderName = holder ? JAVA_NODE_CLASS[holder.kind] ?? holder.kind : 'Field';
    const description = `Non repeatable directives must be uniquely named within a location. The directive '${m[1]}' used on a '${holderName}' is not unique.`;
    return emit('UniqueDirectiveNamesPerLocation', start(holder), 'DuplicateDirectiveName', description, loc(directive), directive ? index.pathOf(directive) : null);
  }
  if ((m = /^Unknown argument "(.+?)" on field ".+"\.(?: Did you mean .*)?$/.exec(message))) {
    return at(first, 'KnownArgumentNames', 'UnknownArgument', `Unknown field argument ${m[1]}`);
  }
  if ((m = /^Unknown argument "(.+?)" on directive "@.+"\.(?: Did you mean .*)?$/.exec(message))) {
    return at(first, 'KnownArgumentNames', 'UnknownDirective', `Unknown directive argument ${m[1]}`);
  }
  if ((m = /^There can be only one argument named "(.+)"\.$/.exec(message))) {
    const holder = first ? index.parentOf(index.closest(first, Kind.ARGUMENT) ?? first) : undefined;
    return at(holder, 'UniqueArgumentNames', 'DuplicateArgumentNames', `There can be only one argument named '${m[1]}'`);
  }
  if ((m = /^Field ".+" argument "(.+?)" of type ".+" is required, but it was not provided\.$/.exec(message))) {
    return at(first, 'ProvidedNonNullArguments', 'MissingFieldArgument', `Missing field argument ${m[1]}`);
  }
  if ((m = /^Directive "@.+" argument "(.+?)" of type ".+" is required, but it was not provided\.$/.exec(message))) {
    return at(first, 'ProvidedNonNullArguments', 'MissingDirectiveArgument', `Missing directive argument ${m[1]}`);
  }
  if ((m = /^Variable "\$(\w+)" of type "(.+?)" used in position expecting type "(.+?)"\.$/.exec(message))) {
    const def = index.closest(first, Kind.VARIABLE_DEFINITION);
    const usage = nodes[1] ?? first;
    const op = index.closest(def ?? usage, Kind.OPERATION_DEFINITION);
    const via = usage && op ? index.pathViaOperation(op, usage) : undefined;
    // graphql-java names the variable's effective type: a default value makes it non-null.
    const effective = def?.defaultValue && def.defaultValue.kind !== Kind.NULL && def.type.kind !== Kind.NON_NULL_TYPE ? `${m[2]}!` : m[2];
    const description = `Variable type '${effective}' doesn't match expected type '${m[3]}'`;
    return emit('VariableTypesMatchRule', via?.anchor ?? start(usage), 'VariableTypeMismatch', description, loc(usage), via?.path ?? (usage ? index.pathOf(usage) : null));
  }
  if ((m = /^Fields "(.+?)" conflict because ([\s\S]+)\. Use different aliases on the fields to fetch both if this was intentional\.$/.exec(message))) {
    return translateFieldsConflict(nodes, m[1], m[2], index, emit, error);
  }
  if ((m = /^There can be only one input field named "(.+)"\.$/.exec(message))) {
    return at(nodes[nodes.length - 1] ?? first, 'Other', 'UniqueObjectFieldName', `There can be only one field named '${m[1]}'`);
  }
  if (/^(?:Expected value of type "|Field ".+" of required type ".+" was not provided\.$|Field ".+" is not defined by type ".+"\.|OneOf Input Object ".+" must specify exactly one key\.$|Field ".+" must be non-null\.$)/.test(message)) {
    return translateWrongValue(error, first, index, emit);
  }
  // A scalar's parseLiteral error reaches validate() as it was thrown: a bad value of some argument.
  if (index.closest(first, Kind.ARGUMENT) || index.closest(first, Kind.VARIABLE_DEFINITION)?.defaultValue) {
    return translateWrongValue(error, first, index, emit);
  }
  // A scalar that threw without naming its node: find the arguments graphql-java would reject.
  if (!first && sweepWrongValues(index, emit)) return;
  // Not a graphql-js message this module knows (a custom rule, a newer graphql-js): keep its
  // text under graphql-java's general validation classification.
  return at(first, 'Other', 'ValidationError', message);
}

/** Java class names of graphql-java's AST nodes, as DuplicateDirectiveName prints them. */
const JAVA_NODE_CLASS: Partial<Record<string, string>> = {
  [Kind.FIELD]: 'Field',
  [Kind.INLINE_FRAGMENT]: 'InlineFragment',
  [Kind.FRAGMENT_SPREAD]: 'FragmentSpread',
  [Kind.FRAGMENT_DEFINITION]: 'FragmentDefinition',
  [Kind.OPERATION_DEFINITION]: 'OperationDefinition',
  [Kind.VARIABLE_DEFINITION]: 'VariableDefinition',
};

/**
 * graphql-java 9.x prints a type with getName(), which is null for list and non-null wrappers:
 * AppSync really answers "Sub selection required for type null of field ...".
 */
function javaTypeName(printed: string): string {
  return /[![\]]/.test(printed) ? 'null' : printed;
}

function graphqlLocations(error: GraphQLError): Location[] {
  return (error.locations ?? []).map(({ line, column }) => ({ line, column, sourceName: null }));
}

// --- WrongType / BadValueForDefaultArg ---------------------------------------------------------

/**
 * graphql-js reports each bad value deep inside an argument; graphql-java reports the argument
 * once, naming the first bad part (ArgumentValidationUtil), so the check is redone its way.
 */
function translateWrongValue(error: GraphQLError, node: ASTNode | undefined, index: DocumentIndex, emit: Emit): void {
  const argument = index.closest(node, Kind.ARGUMENT);
  const argumentDef = argument ? index.argumentDefs.get(argument) : undefined;
  if (argument && argumentDef) {
    const checker = new LiteralChecker(argument.value);
    const description = checker.isValid(argument.value, argumentDef.type) ? error.message : checker.describe(argument.name.value);
    return emit('ArgumentsOfCorrectType', argument.loc?.start ?? 0, 'WrongType', description, [index.location(argument)], index.pathOf(argument));
  }
  const variable = index.closest(node, Kind.VARIABLE_DEFINITION);
  const variableType = variable ? typeFromAST(index.schema, variable.type) : undefined;
  if (variable?.defaultValue && isInputType(variableType)) {
    const checker = new LiteralChecker(variable.defaultValue);
    const valid = checker.isValid(variable.defaultValue, variableType);
    const description = valid ? error.message : `Bad default value ${javaValue(variable.defaultValue)} for type ${javaTypeName(print(variable.type))}`;
    return emit('VariableDefaultValuesOfCorrectType', variable.loc?.start ?? 0, 'BadValueForDefaultArg', description, [index.location(variable)], null);
  }
  emit('Other', node?.loc?.start ?? 0, 'WrongType', error.message, node ? [index.location(node)] : graphqlLocations(error), node ? index.pathOf(node) : null);
}

/** Every argument of the document that graphql-java's literal check rejects; false if none. */
function sweepWrongValues(index: DocumentIndex, emit: Emit): boolean {
  let found = false;
  for (const [argument, def] of index.argumentDefs) {
    const checker = new LiteralChecker(argument.value);
    if (checker.isValid(argument.value, def.type)) continue;
    found = true;
    emit('ArgumentsOfCorrectType', argument.loc?.start ?? 0, 'WrongType', checker.describe(argument.name.value), [index.location(argument)], index.pathOf(argument));
  }
  return found;
}

/** graphql-java 9.x's ValidationUtil.isValidLiteralValue with ArgumentValidationUtil's message. */
class LiteralChecker {
  private readonly names: string[] = [];
  private readonly args: string[] = [];
  private template = '';
  constructor(private value: ValueNode) {}

  isValid(value: ValueNode, type: GraphQLInputType): boolean {
    if (value.kind === Kind.NULL) {
      if (!isNonNullType(type)) return true;
      this.fail('must not be null', value);
      return false;
    }
    if (value.kind === Kind.VARIABLE) return true;
    if (isNonNullType(type)) return this.isValid(value, type.ofType);
    if (isScalarType(type) || isEnumType(type)) {
      if (parsesAsLiteral(value, type)) return true;
      this.fail("is not a valid '%s'", value, type.name);
      return false;
    }
    if (isListType(type)) {
      if (value.kind !== Kind.LIST) return this.isValid(value, type.ofType);
      for (const [i, item] of value.values.entries()) {
        if (!this.isValid(item, type.ofType)) {
          this.names.unshift(`[${i}]`);
          return false;
        }
      }
      return true;
    }
    if (isInputObjectType(type)) {
      if (value.kind !== Kind.OBJECT) {
        this.fail('must be an object type');
        return false;
      }
      const fields = type.getFields();
      const given = new Set(value.fields.map((f) => f.name.value));
      // 9.x counts a non-null field as missing even when it has a default.
      const missing = Object.values(fields).filter((f) => isNonNullType(f.type) && !given.has(f.name)).map((f) => f.name);
      if (missing.length > 0) {
        this.fail("is missing required fields '%s'", undefined, `[${javaHashSetOrder(missing).join(', ')}]`);
        return false;
      }
      for (const field of value.fields) {
        const def = fields[field.name.value];
        if (!def) {
          this.fail("contains a field not in '%s': '%s'", undefined, type.name, field.name.value);
          return false;
        }
        if (!this.isValid(field.value, def.type)) {
          this.names.unshift(field.name.value);
          return false;
        }
      }
      return true;
    }
    return false;
  }

  describe(argumentName: string): string {
    const argument = argumentName + this.names.map((n) => (n.startsWith('[') ? n : `.${n}`)).join('');
    const values = [argument, javaValue(this.value), ...this.args];
    return `argument '%s' with value '%s' ${this.template}`.replace(/%s/g, () => values.shift() ?? '');
  }

  // Only null, scalar and enum failures point the message at the inner value, as in graphql-java.
  private fail(template: string, value?: ValueNode, ...args: string[]): void {
    this.template = template;
    if (value) this.value = value;
    this.args.push(...args);
  }
}

function parsesAsLiteral(value: ValueNode, type: GraphQLInputType): boolean {
  if (!isScalarType(type) && !isEnumType(type)) return false;
  try {
    return type.parseLiteral(value, undefined) !== undefined;
  } catch {
    return false;
  }
}

/** A literal as graphql-java's AST toString() prints it, e.g. ObjectValue{objectFields=[...]}. */
function javaValue(node: ValueNode): string {
  switch (node.kind) {
    case Kind.INT:
      return `IntValue{value=${BigInt(node.value).toString()}}`;
    case Kind.FLOAT:
      return `FloatValue{value=${javaBigDecimal(node.value)}}`;
    case Kind.STRING:
      return `StringValue{value='${node.value}'}`;
    case Kind.BOOLEAN:
      return `BooleanValue{value=${node.value}}`;
    case Kind.ENUM:
      return `EnumValue{name='${node.value}'}`;
    case Kind.NULL:
      return 'NullValue{}';
    case Kind.VARIABLE:
      return `VariableReference{name='${node.name.value}'}`;
    case Kind.LIST:
      return `ArrayValue{values=[${node.values.map(javaValue).join(', ')}]}`;
    case Kind.OBJECT:
      return `ObjectValue{objectFields=[${node.fields.map((f) => `ObjectField{name='${f.name.value}', value=${javaValue(f.value)}}`).join(', ')}]}`;
  }
}

/** java.math.BigDecimal#toString of a GraphQL float literal (graphql-java keeps floats as BigDecimal). */
function javaBigDecimal(text: string): string {
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m) return text;
  const [, sign, whole, fraction = '', exponent = '0'] = m;
  const coefficient = (whole + fraction).replace(/^0+(?=\d)/, '');
  const scale = fraction.length - Number(exponent);
  const adjusted = -scale + (coefficient.length - 1);
  const negative = sign === '-' && /[1-9]/.test(coefficient) ? '-' : '';
  if (scale === 0) return negative + coefficient;
  if (scale > 0 && adjusted >= -6) {
    const point = coefficient.length - scale;
    return negative + (point > 0 ? `${coefficient.slice(0, point)}.${coefficient.slice(point)}` : `0.${'0'.repeat(-point)}${coefficient}`);
  }
  const mantissa = coefficient.length > 1 ? `${coefficient[0]}.${coefficient.slice(1)}` : coefficient;
  return `${negative}${mantissa}${adjusted !== 0 ? `E${adjusted > 0 ? '+' : ''}${adjusted}` : ''}`;
}

/** Iteration order of a java.util.HashSet<String> filled in this order (graphql-java prints one). */
function javaHashSetOrder(items: string[]): string[] {
  let capacity = 16;
  while (items.length > capacity * 0.75) capacity *= 2;
  const bucket = (s: string) => {
    let h = 0;
    for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
    return (h ^ (h >>> 16)) & (capacity - 1);
  };
  return items
    .map((item, i) => ({ item, i, b: bucket(item) }))
    .sort((x, y) => x.b - y.b || x.i - y.i)
    .map((x) => x.item);
}

// --- FieldsConflict -----------------------------------------------------------------------------

function translateFieldsConflict(nodes: ASTNode[], responseName: string, reason: string, index: DocumentIndex, emit: Emit, error: GraphQLError): void {
  // graphql-js lists both sides' fields in turn: [field1, ...its subfields, field2, ...].
  const field1 = nodes[0];
  const field2 = nodes[nodes.length / 2];
  if (field1?.kind === Kind.FIELD && field2?.kind === Kind.FIELD) {
    const found = index.fieldConflicts().find((c) => c.fields.includes(field1) && c.fields.includes(field2));
    if (found) {
      return emit('OverlappingFieldsCanBeMerged', (found.selectionSet.loc?.end ?? 0) + 0.25, 'FieldsConflict', found.reason, found.fields.map((f) => index.location(f)), index.pathOf(found.selectionSet));
    }
  }
  const path = field1 ? index.pathOf(field1).slice(0, -1) : null;
  const locations = nodes.length > 0 ? nodes.map((n) => index.location(n)) : graphqlLocations(error);
  emit('OverlappingFieldsCanBeMerged', field1?.loc?.end ?? 0, 'FieldsConflict', `${responseName}: ${reason}`, locations, path);
}

interface FieldAndType {
  field: FieldNode;
  type: GraphQLType | undefined;
  parentType: GraphQLType | undefined;
}
interface FieldConflict {
  reason: string;
  fields: FieldNode[];
}

/** graphql-java 9.x's OverlappingFieldsCanBeMerged, run over the whole document. */
class ConflictFinder {
  private readonly checked: Array<[FieldNode, FieldNode]> = [];
  constructor(private readonly index: DocumentIndex) {}

  conflictsIn(selectionSet: SelectionSetNode, type: GraphQLType | undefined): FieldConflict[] {
    const map = new Map<string, FieldAndType[]>();
    this.collect(map, selectionSet, type, new Set());
    return this.findConflicts(map);
  }

  collect(map: Map<string, FieldAndType[]>, selectionSet: SelectionSetNode, parentType: GraphQLType | undefined, visited: Set<string>): void {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const responseName = selection.alias?.value ?? selection.name.value;
        const container = parentType ? getNamedType(parentType) : undefined;
        const def = container && (isObjectType(container) || isInterfaceType(container)) ? container.getFields()[selection.name.value] : undefined;
        const list = map.get(responseName) ?? [];
        list.push({ field: selection, type: def?.type, parentType });
        map.set(responseName, list);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? this.index.schema.getType(selection.typeCondition.name.value) ?? undefined : parentType;
        this.collect(map, selection.selectionSet, type, visited);
      } else {
        const fragment = this.index.fragments.get(selection.name.value);
        if (!fragment || visited.has(fragment.name.value)) continue;
        visited.add(fragment.name.value);
        this.collect(map, fragment.selectionSet, this.index.schema.getType(fragment.typeCondition.name.value) ?? undefined, visited);
      }
    }
  }

  private findConflicts(map: Map<string, FieldAndType[]>): FieldConflict[] {
    const result: FieldConflict[] = [];
    for (const [name, list] of map) {
      for (let i = 0; i < list.length; i++) {
        for (let j = i + 1; j < list.length; j++) {
          const conflict = this.findConflict(name, list[i], list[j]);
          if (conflict) result.push(conflict);
        }
      }
    }
    return result;
  }

  private findConflict(responseName: string, a: FieldAndType, b: FieldAndType): FieldConflict | undefined {
    if (this.checked.some(([x, y]) => (x === a.field && y === b.field) || (x === b.field && y === a.field))) return undefined;
    this.checked.push([a.field, b.field]);
    const pair = [a.field, b.field];
    const shape = shapeConflict(a.type, b.type);
    if (shape) return { reason: `${responseName}: ${shape}`, fields: pair };
    const typeA = a.type ? getNamedType(a.type) : undefined;
    const typeB = b.type ? getNamedType(b.type) : undefined;
    const differing = { reason: `${responseName}: they return differing types ${typeA?.name ?? 'null'} and ${typeB?.name ?? 'null'}`, fields: pair };
    const leafClash = (t: GraphQLType | undefined) => isScalarType(t) || isEnumType(t);
    if ((leafClash(typeA) || leafClash(typeB)) && !sameType(typeA, typeB)) return differing;
    if (!sameType(a.parentType, b.parentType) && isObjectType(a.parentType) && isObjectType(b.parentType)) return undefined;
    if (a.field.name.value !== b.field.name.value) {
      return { reason: `${responseName}: ${a.field.name.value} and ${b.field.name.value} are different fields`, fields: pair };
    }
    if (!sameType(typeA, typeB)) return differing;
    if (!sameArguments(a.field.arguments ?? [], b.field.arguments ?? [])) return { reason: `${responseName}: they have differing arguments`, fields: pair };
    if (a.field.selectionSet && b.field.selectionSet) {
      const map = new Map<string, FieldAndType[]>();
      const visited = new Set<string>();
      this.collect(map, a.field.selectionSet, typeA, visited);
      this.collect(map, b.field.selectionSet, typeB, visited);
      const sub = this.findConflicts(map);
      if (sub.length > 0) {
        return { reason: `${responseName}: (${sub.map((c) => c.reason).join(', ')})`, fields: [...pair, ...sub.flatMap((c) => c.fields)] };
      }
    }
    return undefined;
  }
}

function shapeConflict(a: GraphQLType | undefined, b: GraphQLType | undefined): string | undefined {
  for (;;) {
    if ((isNonNullType(a) || isNonNullType(b)) && (!isNonNullType(a) || !isNonNullType(b))) return 'fields have different nullability shapes';
    if ((isListType(a) || isListType(b)) && (!isListType(a) || !isListType(b))) return 'fields have different list shapes';
    if (!isListType(a) && !isNonNullType(a) && !isListType(b) && !isNonNullType(b)) return undefined;
    a = isListType(a) || isNonNullType(a) ? a.ofType : a;
    b = isListType(b) || isNonNullType(b) ? b.ofType : b;
  }
}

function sameType(a: GraphQLType | undefined, b: GraphQLType | undefined): boolean {
  return !a || !b || String(a) === String(b);
}

function sameArguments(a: readonly ArgumentNode[], b: readonly ArgumentNode[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((arg) => {
    const other = b.find((o) => o.name.value === arg.name.value);
    return other !== undefined && print(other.value) === print(arg.value);
  });
}

// --- The document, as graphql-java's traversal sees it ------------------------------------------

class DocumentIndex {
  readonly argumentDefs = new Map<ArgumentNode, GraphQLArgument>();
  readonly fragments = new Map<string, FragmentDefinitionNode>();
  private readonly parents = new Map<ASTNode, ASTNode>();
  private readonly byStart = new Map<number, ASTNode>();
  private readonly selectionSets: Array<{ node: SelectionSetNode; type: GraphQLType | undefined }> = [];
  private conflicts?: Array<FieldConflict & { selectionSet: SelectionSetNode }>;

  constructor(
    readonly document: DocumentNode,
    readonly schema: GraphQLSchema,
  ) {
    const typeInfo = new TypeInfo(schema);
    const pendingSets: Array<{ node: SelectionSetNode; type: GraphQLType | undefined }> = [];
    visit(
      document,
      visitWithTypeInfo(typeInfo, {
        enter: (node, _key, parent, _path, ancestors) => {
          // The visitor's parent is the list holding the node when there is one.
          const owner = [parent, ...[...ancestors].reverse()].find((a) => a !== undefined && !Array.isArray(a));
          if (owner) this.parents.set(node, owner as ASTNode);
          // Later (deeper) nodes starting at the same offset win: the innermost one.
          if (node.loc) this.byStart.set(node.loc.start, node);
          if (node.kind === Kind.ARGUMENT) {
            const def = typeInfo.getArgument();
            if (def) this.argumentDefs.set(node, def);
          } else if (node.kind === Kind.FRAGMENT_DEFINITION) {
            if (!this.fragments.has(node.name.value)) this.fragments.set(node.name.value, node);
          } else if (node.kind === Kind.SELECTION_SET) {
            // The type of the field, operation or fragment that owns this selection set.
            pendingSets.push({ node, type: typeInfo.getType() ?? undefined });
          }
        },
        leave: (node) => {
          if (node.kind !== Kind.SELECTION_SET) return;
          const entry = pendingSets.pop();
          if (entry) this.selectionSets.push(entry);
        },
      }),
    );
  }

  parentOf(node: ASTNode): ASTNode | undefined {
    return this.parents.get(node);
  }

  nodesOf(error: GraphQLError): ASTNode[] {
    const known = (error.nodes ?? []).filter((n) => this.parents.has(n) || n === this.document);
    if (known.length > 0) return known;
    return (error.positions ?? []).map((p) => this.byStart.get(p)).filter((n): n is ASTNode => n !== undefined);
  }

  closest<K extends ASTNode['kind']>(node: ASTNode | undefined, kind: K): Extract<ASTNode, { kind: K }> | undefined {
    for (let n = node; n; n = this.parents.get(n)) {
      if (n.kind === kind) return n as Extract<ASTNode, { kind: K }>;
    }
    return undefined;
  }

  location(node: ASTNode): Location {
    if (!node.loc) return { line: 0, column: 0, sourceName: null };
    // The lexer already counted lines and columns (what getLocation would, rescanning the source per call).
    const { line, column } = node.loc.startToken;
    return { line, column, sourceName: null };
  }

  /**
   * graphql-java's query path at a node: the names (not aliases) of the enclosing fields, led by
   * the fragment's name inside a fragment definition.
   */
  pathOf(node: ASTNode): string[] {
    const names: string[] = [];
    for (let n: ASTNode | undefined = node; n; n = this.parents.get(n)) {
      if (n.kind === Kind.FIELD || n.kind === Kind.FRAGMENT_DEFINITION) names.unshift(n.name.value);
    }
    return names;
  }

  /**
   * Rules that follow fragment spreads (undefined variables, variable types) meet a node inside a
   * fragment through the operation's spread: the path runs through it, and the error is raised
   * when graphql-java reaches that spread.
   */
  pathViaOperation(op: OperationDefinitionNode, target: ASTNode): { path: string[]; anchor: number } | undefined {
    const active = new Set<string>();
    const walk = (node: ASTNode, names: string[], anchor: number | undefined): { path: string[]; anchor: number } | undefined => {
      const here = node.kind === Kind.FIELD || node.kind === Kind.FRAGMENT_DEFINITION ? [...names, node.name.value] : names;
      if (node === target) return { path: here, anchor: anchor ?? node.loc?.start ?? 0 };
      if (node.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = this.fragments.get(node.name.value);
        if (!fragment || active.has(fragment.name.value)) return undefined;
        active.add(fragment.name.value);
        const found = walk(fragment, here, anchor ?? node.loc?.start);
        active.delete(fragment.name.value);
        return found;
      }
      for (const child of childNodes(node)) {
        const found = walk(child, here, anchor);
        if (found) return found;
      }
      return undefined;
    };
    return walk(op, [], undefined);
  }

  /** graphql-java 9.x's LoneAnonymousOperation: it blames the later operation, not the anonymous one. */
  loneAnonymousViolations(): Array<{ op: OperationDefinitionNode; description: string }> {
    const result: Array<{ op: OperationDefinitionNode; description: string }> = [];
    let anonymousSeen = false;
    let count = 0;
    for (const def of this.document.definitions) {
      if (def.kind !== Kind.OPERATION_DEFINITION) continue;
      if (!def.name) {
        anonymousSeen = true;
        if (count > 0) result.push({ op: def, description: 'Anonymous operation with other operations.' });
      } else if (anonymousSeen) {
        result.push({ op: def, description: `Operation ${def.name.value} is following anonymous operation.` });
      }
      count++;
    }
    return result;
  }

  /**
   * graphql-java 9.x's NoFragmentCycles: every fragment on a cycle reports it, located at the
   * spreads walked before the one that closes the cycle. Its walk follows every spread path from
   * every fragment: exponential on a lattice of spreads (18 fragments of 700 characters gave
   * 570,000 errors and 38 s; 22 exhausted the heap). The walk stops after FRAGMENT_WALK_STEPS
   * steps, so such a document gets the errors found so far instead of taking the server down;
   * documents with up to about 100 fragments on cycles get graphql-java's full list.
   */
  fragmentCycles(): Array<{ fragment: FragmentDefinitionNode; spreads: ASTNode[] }> {
    const spreadsOf = new Map<string, ASTNode[]>();
    for (const def of this.document.definitions) {
      if (def.kind !== Kind.FRAGMENT_DEFINITION) continue;
      const spreads: ASTNode[] = [];
      visit(def, { FragmentSpread: (node) => void spreads.push(node) });
      spreadsOf.set(def.name.value, spreads);
    }
    const result: Array<{ fragment: FragmentDefinitionNode; spreads: ASTNode[] }> = [];
    let steps = 0;
    for (const def of this.document.definitions) {
      if (def.kind !== Kind.FRAGMENT_DEFINITION) continue;
      const path: ASTNode[] = [];
      const onPath = new Set<ASTNode>();
      const detect = (name: string) => {
        for (const spread of spreadsOf.get(name) ?? []) {
          if (++steps > FRAGMENT_WALK_STEPS) return;
          if (spread.kind !== Kind.FRAGMENT_SPREAD) continue;
          if (spread.name.value === def.name.value) {
            result.push({ fragment: def, spreads: [...path] });
            continue;
          }
          if (onPath.has(spread)) continue;
          path.push(spread);
          onPath.add(spread);
          detect(spread.name.value);
          path.pop();
          onPath.delete(spread);
        }
      };
      detect(def.name.value);
    }
    return result;
  }

  /** Field conflicts as graphql-java finds them, leaving each selection set in turn. */
  fieldConflicts(): Array<FieldConflict & { selectionSet: SelectionSetNode }> {
    if (!this.conflicts) {
      const finder = new ConflictFinder(this);
      this.conflicts = this.selectionSets.flatMap(({ node, type }) => finder.conflictsIn(node, type).map((c) => ({ ...c, selectionSet: node })));
    }
    return this.conflicts;
  }
}

function childNodes(node: ASTNode): ASTNode[] {
  const children: ASTNode[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === 'loc') continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item && typeof item === 'object' && 'kind' in item) children.push(item as ASTNode);
    }
  }
  return children;
}

// ---------------------------------------------------------------------------------------------
// Variable coercion errors
// ---------------------------------------------------------------------------------------------

/**
 * Errors from graphql-js getVariableValues / coercion (variables that do not fit their types) →
 * graphql-java wording. graphql-java stops at the first variable that fails, so one entry comes
 * back: the first error, or the unknown input field graphql-java would have met before it.
 */
export function toAppSyncVariableErrors(errors: readonly GraphQLError[]): AppSyncErrorEntry[] {
  if (errors.length === 0) return [];
  const parsed = errors.map(parseVariableError);
  let chosen = parsed[0];
  // graphql-java checks an input object's keys before its fields; graphql-js after them.
  if (chosen.variable !== undefined) {
    const outer = parsed
      .filter((p) => p.variable === chosen.variable && p.unknownField !== undefined && isPrefix(p.path, chosen.path))
      .sort((a, b) => a.path.length - b.path.length)[0];
    if (outer) chosen = outer;
  }
  return [variableEntry(chosen)];
}

interface ParsedVariableError {
  error: GraphQLError;
  variable?: string;
  path: Array<string | number>;
  /** graphql-js's reason for an invalid value (the inner coercion error). */
  reason?: string;
  invalidValue?: string;
  nullType?: string;
  unknownField?: { field: string; type: string };
}

function parseVariableError(error: GraphQLError): ParsedVariableError {
  const message = error.message;
  let m = /^Variable "\$(\w+)" of (?:required type "(.+)" was not provided|non-null type "(.+)" must not be null)\.$/.exec(message);
  if (m) return { error, variable: m[1], path: [], nullType: m[2] ?? m[3] };
  m = /^Variable "\$(\w+)" got invalid value /.exec(message);
  if (!m) return { error, path: [] };
  const variable = m[1];
  const reason = error.originalError?.message;
  let head: string;
  let tailReason: string;
  if (reason !== undefined && message.endsWith(`; ${reason}`)) {
    head = message.slice(m[0].length, message.length - reason.length - 2);
    tailReason = reason;
  } else {
    const split = /^([\s\S]*?); ([\s\S]*)$/.exec(message.slice(m[0].length));
    head = split?.[1] ?? '';
    tailReason = split?.[2] ?? '';
  }
  const path: Array<string | number> = [];
  const at = new RegExp(` at "${escapeRegExp(variable)}((?:\\.[_A-Za-z][_0-9A-Za-z]*|\\[\\d+\\])*)"$`).exec(head);
  if (at) {
    for (const seg of at[1].matchAll(/\.([_A-Za-z][_0-9A-Za-z]*)|\[(\d+)\]/g)) path.push(seg[1] ?? Number(seg[2]));
    head = head.slice(0, at.index);
  }
  const parsed: ParsedVariableError = { error, variable, path, reason: tailReason, invalidValue: head };
  let r: RegExpExecArray | null;
  if ((r = /^Expected non-nullable type "(.+)" not to be null\.$/.exec(tailReason))) parsed.nullType = r[1];
  else if ((r = /^Field ".+" of required type "(.+)" was not provided\.$/.exec(tailReason))) parsed.nullType = r[1];
  else if ((r = /^Field "(.+?)" is not defined by type "(.+?)"\.(?: Did you mean .*)?$/.exec(tailReason))) parsed.unknownField = { field: r[1], type: r[2] };
  return parsed;
}

function variableEntry(p: ParsedVariableError): AppSyncErrorEntry {
  const locations = graphqlLocations(p.error);
  const entry = (message: string, locs: Location[] | null = locations.length > 0 ? [locations[0]] : null): AppSyncErrorEntry => ({ path: null, locations: locs, message });
  if (p.variable === undefined) return entry(p.error.message);
  // 9.x names the variable itself, with the type that was null (a field's, for nested ones).
  if (p.nullType !== undefined) return entry(`Variable '${p.variable}' has coerced Null value for NonNull type '${p.nullType}'`);
  if (p.unknownField) {
    // graphql-java's InputMapDefinesTooManyFieldsException has no location (and a trailing space).
    return entry(`The variables input contains a field name '${p.unknownField.field}' that is not defined for input object type '${p.unknownField.type}' `, null);
  }
  // 9.x names the innermost input field holding the value, or else the variable.
  const fieldNames = p.path.filter((s): s is string => typeof s === 'string');
  const inputName = fieldNames[fieldNames.length - 1] ?? p.variable;
  return entry(`Variable '${inputName}' has an invalid value. ${javaCoercionReason(p.reason ?? '', p.invalidValue ?? '')}`);
}

/** graphql-java 9.x's coercing messages for the built-in scalars, enums and input objects. */
function javaCoercionReason(reason: string, invalidValue: string): string {
  const javaClass = javaClassOf(invalidValue);
  let m: RegExpExecArray | null;
  if ((m = /^(Int|Float|String|Boolean|ID) cannot represent /.exec(reason))) return `Expected type '${m[1]}' but was '${javaClass}'.`;
  if ((m = /^Expected type "(.+)" to be an object\.$/.exec(reason))) {
    return `Expected type 'Map' but was '${javaClass}'. Variables for input objects must be an instance of type 'Map'.`;
  }
  if ((m = /^Value "(.+)" does not exist in "(.+)" enum\./.exec(reason))) return `Invalid input for Enum '${m[2]}'. No value found for name '${m[1]}'`;
  if ((m = /^Enum "(.+)" cannot represent non-string value: /.exec(reason))) {
    return `Invalid input for Enum '${m[1]}'. No value found for name '${invalidValue.replace(/^"|"$/g, '')}'`;
  }
  return reason;
}

/** The Java class the variable's JSON value becomes in AppSync (as Jackson reads JSON). */
function javaClassOf(inspected: string): string {
  if (inspected.startsWith('"')) return 'String';
  if (inspected === 'true' || inspected === 'false') return 'Boolean';
  if (inspected.startsWith('[')) return 'ArrayList';
  if (inspected.startsWith('{')) return 'LinkedHashMap';
  if (/^-?\d+$/.test(inspected)) {
    const n = BigInt(inspected);
    if (n >= -(2n ** 31n) && n < 2n ** 31n) return 'Integer';
    return n >= -(2n ** 63n) && n < 2n ** 63n ? 'Long' : 'BigInteger';
  }
  if (/^-?\d/.test(inspected)) return 'Double';
  return 'Object';
}

function isPrefix(prefix: Array<string | number>, path: Array<string | number>): boolean {
  return prefix.length <= path.length && prefix.every((seg, i) => path[i] === seg);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// ---------------------------------------------------------------------------------------------
// Syntax errors
// ---------------------------------------------------------------------------------------------

/** A syntax error from graphql-js parse() → AppSync's entry (graphql-java "InvalidSyntax" wording). */
export function toAppSyncSyntaxError(error: GraphQLError): AppSyncErrorEntry {
  const source = error.source;
  const position = error.positions?.[0];
  if (!source || position === undefined) {
    const locations = graphqlLocations(error);
    return { path: null, locations: locations.length > 0 ? [locations[0]] : null, message: `Invalid Syntax : ${error.message.replace(/^Syntax Error: /, '')}` };
  }
  const token = tokenAt(source, position);
  const { line, column } = getLocation(source, token.start);
  // graphql-java's grammar ends the document where no further definition can start, then
  // complains of the tokens left over.
  const leftover = token.text !== '<EOF>' && parsesUpTo(source.body, token.start);
  const message = `Invalid Syntax :${leftover ? ' There are more tokens in the query that have not been consumed' : ''} offending token '${token.text}' at line ${line} column ${column}`;
  return { path: null, locations: [{ line, column, sourceName: null }], message };
}

/** The token graphql-js stopped at; for a lexing error, the character it could not read. */
function tokenAt(source: Source, position: number): { text: string; start: number } {
  const lexer = new Lexer(source);
  try {
    let token = lexer.advance();
    while (token.kind !== TokenKind.EOF && token.start < position) token = lexer.advance();
    if (token.start === position) return { text: token.kind === TokenKind.EOF ? '<EOF>' : source.body.slice(token.start, token.end), start: token.start };
  } catch {
    // The lexer failed before reaching the position: fall back to the character there.
  }
  const char = String.fromCodePoint(source.body.codePointAt(position) ?? 0);
  return position >= source.body.length ? { text: '<EOF>', start: position } : { text: char, start: position };
}

function parsesUpTo(body: string, end: number): boolean {
  try {
    parse(new Source(body.slice(0, end)));
    return true;
  } catch {
    return false;
  }
}
