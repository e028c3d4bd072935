// The expected messages are graphql-java's own output for the same schema and documents:
// validation and variable cases from graphql-java 9.6 (the wording AppSync returns), the
// duplicate-name cases from 18.7 (9.6 has no such rules) and syntax cases from 13.0's parser.
import { buildSchema, GraphQLError, parse, validate, type OperationDefinitionNode, type ValidationRule } from 'graphql';
import { getVariableValues } from 'graphql/execution/values';
import { describe, expect, it } from 'vitest';
import { appSyncScalars } from '../../../../local/graphql/scalars';
import { toAppSyncSyntaxError, toAppSyncValidationErrors, toAppSyncVariableErrors } from '../../../../local/graphql/validation-messages';

const schema = buildSchema(`
scalar AWSDate
scalar AWSJSON
enum Status { TODO DONE }
input ScheduleInput { title: String! due: AWSDate! status: Status! }
input MetaInput { note: String! priority: Int }
input TaskInput { title: String! status: Status dueDate: AWSDate tags: [String!] meta: MetaInput }
interface Node { id: ID! }
type User { name: String }
type Task implements Node { id: ID! title: String! status: Status tags: [String!]! owner: User }
union SearchResult = Task | User
type Query {
  echo(s: [Status!], i: [Int], b: Boolean, f: Float, id: ID, tasks: [TaskInput]): String
  getTask(id: ID!): Task
  listTasks(limit: Int, status: Status): [Task!]!
  search: [SearchResult]
  hello: String
  node: Node
}
type Mutation { schedule(input: ScheduleInput!): Task createTask(input: TaskInput!): Task setData(data: AWSJSON): String }
type Subscription { onTask: Task onOther: Task }
`);
// AppSync's own scalars, so literals and variables are checked as the local runtime checks them.
for (const name of ['AWSDate', 'AWSJSON']) Object.assign(schema.getType(name)!, appSyncScalars[name]);

const at = (line: number, column: number) => ({ line, column, sourceName: null });

function validationErrors(query: string, rules?: readonly ValidationRule[]) {
  const document = parse(query);
  const errors = validate(schema, document, rules);
  expect(errors.length).toBeGreaterThan(0);
  return toAppSyncValidationErrors(errors, document, schema);
}
const messages = (query: string) => validationErrors(query).map((e) => e.message);
/** The one error a document has, as [message, locations]. */
function only(query: string) {
  const errors = validationErrors(query);
  expect(errors).toHaveLength(1);
  return [errors[0].message, errors[0].locations];
}

function variableErrors(query: string, variables: Record<string, unknown>) {
  const document = parse(query);
  expect(validate(schema, document)).toEqual([]);
  const op = document.definitions[0] as OperationDefinitionNode;
  const result = getVariableValues(schema, op.variableDefinitions ?? [], variables);
  expect(result.errors).toBeDefined();
  return toAppSyncVariableErrors(result.errors ?? []);
}

function syntaxError(query: string) {
  try {
    parse(query);
  } catch (error) {
    return toAppSyncSyntaxError(error as GraphQLError);
  }
  throw new Error(`parsed: ${query}`);
}

describe('toAppSyncValidationErrors', () => {
  it('gives the entry AppSync returns for an undefined field', () => {
    // Recorded from AppSync (appsync-notes section 8).
    expect(validationErrors('{badfield}')).toEqual([
      { path: null, locations: [at(1, 2)], message: "Validation error of type FieldUndefined: Field 'badfield' in type 'Query' is undefined @ 'badfield'" },
    ]);
  });

  it('carries no errorType on validation entries', () => {
    expect(Object.keys(validationErrors('{ nope }')[0]).sort()).toEqual(['locations', 'message', 'path']);
  });

  it('paths an undefined field by the enclosing field names, through inline fragments', () => {
    expect(only('{ getTask(id: "1") { ... on Task { nope } } }')).toEqual([
      "Validation error of type FieldUndefined: Field 'nope' in type 'Task' is undefined @ 'getTask/nope'",
      [at(1, 36)],
    ]);
  });

  it('uses field names, not aliases, in the path', () => {
    expect(messages('{ t: listTasks { o: owner { n: nope } } }')).toEqual([
      "Validation error of type FieldUndefined: Field 'nope' in type 'User' is undefined @ 'listTasks/owner/nope'",
    ]);
  });

  it('names an unknown variable type with no path, and a type condition with no location', () => {
    expect(validationErrors('query($t: Foo) { hello }')).toEqual([
      { path: null, locations: [at(1, 11)], message: 'Validation error of type UnknownType: Unknown type Foo' },
      { path: null, locations: [at(1, 7)], message: 'Validation error of type UnusedVariable: Unused variable t' },
    ]);
    // graphql-java 9.x's parser leaves a type condition without a source location.
    expect(only('{ node { ... on Foo { id } } }')).toEqual(["Validation error of type UnknownType: Unknown type Foo @ 'node'", []]);
  });

  it('maps unknown field and directive arguments', () => {
    expect(only('{ getTask(id: "1", foo: 1) { id } }')).toEqual(["Validation error of type UnknownArgument: Unknown field argument foo @ 'getTask'", [at(1, 20)]]);
    expect(only('{ hello @skip(if: true, unless: false) }')).toEqual([
      "Validation error of type UnknownDirective: Unknown directive argument unless @ 'hello'",
      [at(1, 25)],
    ]);
  });

  it('maps missing field and directive arguments to the field or directive', () => {
    expect(only('{ getTask { id } }')).toEqual(["Validation error of type MissingFieldArgument: Missing field argument id @ 'getTask'", [at(1, 3)]]);
    expect(only('{ listTasks { owner { name @include } } }')).toEqual([
      "Validation error of type MissingDirectiveArgument: Missing directive argument if @ 'listTasks/owner/name'",
      [at(1, 28)],
    ]);
  });

  describe('WrongType', () => {
    it('prints the literal as graphql-java AST toString(), at the argument', () => {
      expect(only('{ listTasks(limit: 1.5e3) { id } }')).toEqual([
        "Validation error of type WrongType: argument 'limit' with value 'FloatValue{value=1.5E+3}' is not a valid 'Int' @ 'listTasks'",
        [at(1, 13)],
      ]);
      expect(messages('{ listTasks(status: NOPE) { id } }')).toEqual([
        "Validation error of type WrongType: argument 'status' with value 'EnumValue{name='NOPE'}' is not a valid 'Status' @ 'listTasks'",
      ]);
    });

    it('says "must not be null" for a null non-null argument', () => {
      expect(only('{ getTask(id: null) { id } }')).toEqual([
        "Validation error of type WrongType: argument 'id' with value 'NullValue{}' must not be null @ 'getTask'",
        [at(1, 11)],
      ]);
    });

    it('names the nested field or list index that is wrong, once per argument', () => {
      expect(only('mutation { createTask(input: {title: "a", meta: {note: "n", priority: "high"}}) { id } }')).toEqual([
        "Validation error of type WrongType: argument 'input.meta.priority' with value 'StringValue{value='high'}' is not a valid 'Int' @ 'createTask'",
        [at(1, 23)],
      ]);
      expect(messages('mutation { createTask(input: {title: "a", tags: ["x", 3, 4]}) { id } }')).toEqual([
        "Validation error of type WrongType: argument 'input.tags[1]' with value 'IntValue{value=3}' is not a valid 'String' @ 'createTask'",
      ]);
    });

    it('lists missing required fields in java.util.HashSet order', () => {
      expect(messages('mutation { schedule(input: {}) { id } }')).toEqual([
        "Validation error of type WrongType: argument 'input' with value 'ObjectValue{objectFields=[]}' is missing required fields '[due, title, status]' @ 'schedule'",
      ]);
    });

    it('reports an unknown input field and a non-object value with the whole argument value', () => {
      expect(messages('mutation { createTask(input: {title: "a", colour: RED}) { id } }')).toEqual([
        "Validation error of type WrongType: argument 'input' with value 'ObjectValue{objectFields=[ObjectField{name='title', value=StringValue{value='a'}}, ObjectField{name='colour', value=EnumValue{name='RED'}}]}' contains a field not in 'TaskInput': 'colour' @ 'createTask'",
      ]);
      expect(messages('mutation { createTask(input: ["a"]) { id } }')).toEqual([
        "Validation error of type WrongType: argument 'input' with value 'ArrayValue{values=[StringValue{value='a'}]}' must be an object type @ 'createTask'",
      ]);
    });

    it('covers AppSync scalars whose parseLiteral rejects the literal', () => {
      // The AWSDate scalar throws without naming its node; the argument is still found.
      expect(only('mutation { createTask(input: {title: "a", dueDate: "2024-13-45"}) { id } }')).toEqual([
        "Validation error of type WrongType: argument 'input.dueDate' with value 'StringValue{value='2024-13-45'}' is not a valid 'AWSDate' @ 'createTask'",
        [at(1, 23)],
      ]);
      // The message AppSync returned for this in aws-mobile-appsync-sdk-js#554.
      expect(messages('mutation { setData(data: {upvotes: 10}) }')).toEqual([
        "Validation error of type WrongType: argument 'data' with value 'ObjectValue{objectFields=[ObjectField{name='upvotes', value=IntValue{value=10}}]}' is not a valid 'AWSJSON' @ 'setData'",
      ]);
    });

    it('reports a bad variable default as BadValueForDefaultArg, with 9.x null name for wrapped types', () => {
      expect(validationErrors('query($l: Int = "ten", $s: [Status] = [TODO, "DONE"]) { listTasks(limit: $l) { id } echo(s: $s) }')).toEqual([
        { path: null, locations: [at(1, 7)], message: "Validation error of type BadValueForDefaultArg: Bad default value StringValue{value='ten'} for type Int" },
        {
          path: null,
          locations: [at(1, 24)],
          message: "Validation error of type BadValueForDefaultArg: Bad default value ArrayValue{values=[EnumValue{name='TODO'}, StringValue{value='DONE'}]} for type null",
        },
        // A default makes the variable's effective type non-null.
        { path: null, locations: [at(1, 93)], message: "Validation error of type VariableTypeMismatch: Variable type '[Status]!' doesn't match expected type '[Status!]' @ 'echo'" },
      ]);
    });
  });

  it('maps sub-selection errors, naming wrapped types "null" as graphql-java 9.x does', () => {
    expect(only('{ listTasks { owner } }')).toEqual(["Validation error of type SubSelectionRequired: Sub selection required for type User of field owner @ 'listTasks/owner'", [at(1, 15)]]);
    expect(messages('{ listTasks }')).toEqual(["Validation error of type SubSelectionRequired: Sub selection required for type null of field listTasks @ 'listTasks'"]);
    expect(only('{ hello { length } }')).toEqual(["Validation error of type SubSelectionNotAllowed: Sub selection not allowed on leaf type String of field hello @ 'hello'", [at(1, 3)]]);
    expect(messages('{ listTasks { title { length } } }')).toEqual([
      "Validation error of type SubSelectionNotAllowed: Sub selection not allowed on leaf type null of field title @ 'listTasks/title'",
    ]);
  });

  it('paths an undefined variable inside a fragment through the spread that uses it', () => {
    expect(only('query { listTasks { ...F } } fragment F on Task { owner { name @include(if: $show) } }')).toEqual([
      "Validation error of type UndefinedVariable: Undefined variable show @ 'listTasks/F/owner/name'",
      [at(1, 77)],
    ]);
  });

  it('reports an unused variable at its definition without a path', () => {
    expect(only('query Q($show: Boolean!, $extra: Int) { hello @include(if: $show) }')).toEqual(['Validation error of type UnusedVariable: Unused variable extra', [at(1, 26)]]);
  });

  it('maps variable type mismatches to the variable usage', () => {
    expect(only('query($n: Int) { getTask(id: $n) { id } }')).toEqual([
      "Validation error of type VariableTypeMismatch: Variable type 'Int' doesn't match expected type 'ID!' @ 'getTask'",
      [at(1, 30)],
    ]);
  });

  it('maps unknown and misplaced directives', () => {
    expect(only('{ hello @uppercase }')).toEqual(["Validation error of type UnknownDirective: Unknown directive uppercase @ 'hello'", [at(1, 9)]]);
    expect(only('query @include(if: true) { hello }')).toEqual(['Validation error of type MisplacedDirective: Directive include not allowed here', [at(1, 7)]]);
  });

  it('reports a duplicate operation name at the second operation', () => {
    expect(only('query Tasks { hello }\nquery Tasks { hello }')).toEqual(["Validation error of type DuplicateOperationName: There can be only one operation named 'Tasks'", [at(2, 1)]]);
  });

  it('blames the operation after an anonymous one, as graphql-java does', () => {
    expect(only('{ hello }\nquery Named { hello }')).toEqual(['Validation error of type LoneAnonymousOperationViolation: Operation Named is following anonymous operation.', [at(2, 1)]]);
    expect(only('query Named { hello }\n{ hello }')).toEqual(['Validation error of type LoneAnonymousOperationViolation: Anonymous operation with other operations.', [at(2, 1)]]);
    expect(messages('{ hello } query { hello } query B { hello } { hello }')).toEqual([
      'Validation error of type LoneAnonymousOperationViolation: Anonymous operation with other operations.',
      'Validation error of type LoneAnonymousOperationViolation: Operation B is following anonymous operation.',
      'Validation error of type LoneAnonymousOperationViolation: Anonymous operation with other operations.',
    ]);
  });

  it('reports a fragment cycle from each fragment on it, located at the spreads before the closing one', () => {
    expect(validationErrors('{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }')).toEqual([
      { path: null, locations: [at(1, 32)], message: "Validation error of type FragmentCycle: Fragment cycles not allowed @ 'A'" },
      { path: null, locations: [at(1, 61)], message: "Validation error of type FragmentCycle: Fragment cycles not allowed @ 'B'" },
    ]);
    expect(only('{ ...A } fragment A on Query { hello ...A }')).toEqual(["Validation error of type FragmentCycle: Fragment cycles not allowed @ 'A'", []]);
  });

  it('maps undefined and unused fragments', () => {
    expect(only('{ listTasks { ...Missing } }')).toEqual(["Validation error of type UndefinedFragment: Undefined fragment Missing @ 'listTasks'", [at(1, 15)]]);
    expect(only('{ hello } fragment Spare on Task { id }')).toEqual(['Validation error of type UnusedFragment: Unused fragment Spare', [at(1, 11)]]);
  });

  describe('FieldsConflict', () => {
    it('words type, name and argument conflicts as graphql-java, at the enclosing field', () => {
      expect(only('{ listTasks { name: id name: title } }')).toEqual([
        "Validation error of type FieldsConflict: name: they return differing types ID and String @ 'listTasks'",
        [at(1, 15), at(1, 24)],
      ]);
      expect(only('{ a: listTasks(limit: 1) { id } a: listTasks(limit: 2) { id } }')).toEqual([
        'Validation error of type FieldsConflict: a: they have differing arguments',
        [at(1, 3), at(1, 33)],
      ]);
      expect(messages('{ search { ... on Task { x: tags } ... on User { x: name } } }')).toEqual([
        "Validation error of type FieldsConflict: x: fields have different nullability shapes @ 'search'",
      ]);
    });

    it('nests sub-field conflicts and lists both parents before their sub-fields', () => {
      expect(only('{ getTask(id: "1") { x: owner { name } x: owner { name: __typename } } }')).toEqual([
        "Validation error of type FieldsConflict: x: (name: name and __typename are different fields) @ 'getTask'",
        [at(1, 22), at(1, 40), at(1, 33), at(1, 51)],
      ]);
    });

    it('reports a conflict through a fragment at the selection set that spreads it', () => {
      expect(only('{ listTasks { ...F title: id } } fragment F on Task { title }')).toEqual([
        "Validation error of type FieldsConflict: title: they return differing types String and ID @ 'listTasks'",
        [at(1, 55), at(1, 20)],
      ]);
    });
  });

  it('maps non-executable definitions: type names, "schema" and "provided"', () => {
    expect(messages('type Extra { a: Int }\nschema { query: Query }\ndirective @d on FIELD\n{ hello }')).toEqual([
      'Validation error of type NonExecutableDefinition: The Extra definition is not executable.',
      'Validation error of type NonExecutableDefinition: The schema definition is not executable.',
      'Validation error of type NonExecutableDefinition: The provided definition is not executable.',
    ]);
  });

  it('maps impossible fragment spreads and non-composite type conditions', () => {
    expect(messages('{ getTask(id: "1") { ... on User { name } } }')).toEqual([
      "Validation error of type InvalidFragmentType: Fragment cannot be spread here as objects of type Task can never be of type User @ 'getTask'",
    ]);
    expect(messages('{ getTask(id: "1") { ...U } } fragment U on User { name }')).toEqual([
      "Validation error of type InvalidFragmentType: Fragment U cannot be spread here as objects of type Task can never be of type User @ 'getTask'",
    ]);
    expect(only('{ listTasks { ... on Status { x } } }')).toEqual([
      "Validation error of type InlineFragmentTypeConditionInvalid: Inline fragment type condition is invalid, must be on Object/Interface/Union @ 'listTasks'",
      [at(1, 15)],
    ]);
    expect(only('{ ...S } fragment S on Status { x }')).toEqual([
      "Validation error of type FragmentTypeConditionInvalid: Fragment type condition is invalid, must be on Object/Interface/Union @ 'S'",
      [at(1, 10)],
    ]);
  });

  it('maps a variable of an output type', () => {
    expect(messages('query($t: Task) { hello }')).toEqual([
      'Validation error of type NonInputTypeOnVariable: Wrong type for a variable',
      'Validation error of type UnusedVariable: Unused variable t',
    ]);
  });

  it('words duplicates with graphql-java 18 (later than AppSync checks them)', () => {
    expect(only('query Q { ...F } fragment F on Query { hello } fragment F on Query { hello }')).toEqual([
      "Validation error of type DuplicateFragmentName: There can be only one fragment named 'F' @ 'F'",
      [at(1, 48)],
    ]);
    expect(validationErrors('query($a: Int, $a: Int) { listTasks(limit: $a) { id } }')[0]).toEqual({
      path: null,
      locations: [at(1, 16)],
      message: "Validation error of type DuplicateVariableName: There can be only one variable named 'a'",
    });
    expect(only('{ listTasks(limit: 1, limit: 2) { id } }')).toEqual([
      "Validation error of type DuplicateArgumentNames: There can be only one argument named 'limit' @ 'listTasks'",
      [at(1, 3)],
    ]);
    expect(only('{ hello @skip(if: false) @skip(if: true) }')).toEqual([
      "Validation error of type DuplicateDirectiveName: Non repeatable directives must be uniquely named within a location. The directive 'skip' used on a 'Field' is not unique. @ 'hello'",
      [at(1, 26)],
    ]);
  });

  it('maps graphql-js checks graphql-java 9.x lacks to the later graphql-java type names', () => {
    expect(messages('subscription { onTask { id } onOther { id } }')).toEqual([
      "Validation error of type SubscriptionMultipleRootFields: Subscription operation 'null' must have exactly one root field",
    ]);
    expect(messages('mutation { createTask(input: {title: "a", title: "b"}) { id } }')).toEqual([
      "Validation error of type UniqueObjectFieldName: There can be only one field named 'title' @ 'createTask'",
    ]);
  });

  it("keeps an unknown rule's message under graphql-java's generic ValidationError classification", () => {
    const noHello: ValidationRule = (context) => ({
      Field(node) {
        if (node.name.value === 'hello') context.reportError(new GraphQLError('hello is switched off', { nodes: node }));
      },
    });
    expect(validationErrors('{ listTasks { id } hello }', [noHello])).toEqual([
      { path: null, locations: [at(1, 20)], message: "Validation error of type ValidationError: hello is switched off @ 'hello'" },
    ]);
  });

  it('orders errors as graphql-java traverses the document, not rule by rule', () => {
    const query = `query Q($u: Int, $w: Foo) {
  badfield
  listTasks(limit: "x", zz: 1) { owner title { a } nope ...F ...Missing }
  getTask { id }
  a: hello
  a: echo
}
fragment F on Task { id @foo owner { name(q: $undefined) } }
fragment Unused on Task { id }`;
    expect(validationErrors(query).map((e) => [e.message, e.locations])).toEqual([
      ['Validation error of type UnknownType: Unknown type Foo', [at(1, 22)]],
      ["Validation error of type FieldUndefined: Field 'badfield' in type 'Query' is undefined @ 'badfield'", [at(2, 3)]],
      ["Validation error of type WrongType: argument 'limit' with value 'StringValue{value='x'}' is not a valid 'Int' @ 'listTasks'", [at(3, 13)]],
      ["Validation error of type UnknownArgument: Unknown field argument zz @ 'listTasks'", [at(3, 25)]],
      ["Validation error of type SubSelectionRequired: Sub selection required for type User of field owner @ 'listTasks/owner'", [at(3, 34)]],
      ["Validation error of type SubSelectionNotAllowed: Sub selection not allowed on leaf type null of field title @ 'listTasks/title'", [at(3, 40)]],
      ["Validation error of type FieldUndefined: Field 'nope' in type 'Task' is undefined @ 'listTasks/nope'", [at(3, 52)]],
      ["Validation error of type UndefinedVariable: Undefined variable undefined @ 'listTasks/F/owner/name'", [at(8, 46)]],
      ["Validation error of type UndefinedFragment: Undefined fragment Missing @ 'listTasks'", [at(3, 62)]],
      ["Validation error of type MissingFieldArgument: Missing field argument id @ 'getTask'", [at(4, 3)]],
      ['Validation error of type FieldsConflict: a: hello and echo are different fields', [at(5, 3), at(6, 3)]],
      ['Validation error of type UnusedVariable: Unused variable u', [at(1, 9)]],
      ['Validation error of type UnusedVariable: Unused variable w', [at(1, 18)]],
      ["Validation error of type UnknownDirective: Unknown directive foo @ 'F/id'", [at(8, 25)]],
      ["Validation error of type UnknownArgument: Unknown field argument q @ 'F/owner/name'", [at(8, 43)]],
      ['Validation error of type UnusedFragment: Unused fragment Unused', [at(9, 1)]],
    ]);
  });

  it('returns nothing for no errors', () => {
    const document = parse('{ hello }');
    expect(toAppSyncValidationErrors([], document, schema)).toEqual([]);
  });
});

describe('toAppSyncVariableErrors', () => {
  const createTask = 'mutation($i: TaskInput!) { createTask(input: $i) { id } }';

  it('gives the message AppSync returns for a missing non-null variable', () => {
    expect(variableErrors('query($id: ID!) { getTask(id: $id) { id } }', {})).toEqual([
      { path: null, locations: [at(1, 7)], message: "Variable 'id' has coerced Null value for NonNull type 'ID!'" },
    ]);
    expect(variableErrors('query($id: ID!) { getTask(id: $id) { id } }', { id: null })[0].message).toBe("Variable 'id' has coerced Null value for NonNull type 'ID!'");
  });

  it("names the variable and the nested field's type for a missing nested field", () => {
    // As AppSync answers in aws-appsync-community#406.
    expect(variableErrors(createTask, { i: {} })).toEqual([
      { path: null, locations: [at(1, 10)], message: "Variable 'i' has coerced Null value for NonNull type 'String!'" },
    ]);
    expect(variableErrors(createTask, { i: { title: 't', meta: { priority: 1 } } })[0].message).toBe("Variable 'i' has coerced Null value for NonNull type 'String!'");
    expect(variableErrors(createTask, { i: { title: 't', tags: ['a', null] } })[0].message).toBe("Variable 'i' has coerced Null value for NonNull type 'String!'");
  });

  it('words built-in scalar failures with the Java class of the JSON value', () => {
    const limit = 'query($l: Int) { listTasks(limit: $l) { id } }';
    expect(variableErrors(limit, { l: 'abc' })).toEqual([
      { path: null, locations: [at(1, 7)], message: "Variable 'l' has an invalid value. Expected type 'Int' but was 'String'." },
    ]);
    expect(variableErrors(limit, { l: 1.5 })[0].message).toBe("Variable 'l' has an invalid value. Expected type 'Int' but was 'Double'.");
    expect(variableErrors(limit, { l: 10000000000 })[0].message).toBe("Variable 'l' has an invalid value. Expected type 'Int' but was 'Long'.");
    expect(variableErrors('query($s: Float) { echo(f: $s) }', { s: true })[0].message).toBe("Variable 's' has an invalid value. Expected type 'Float' but was 'Boolean'.");
    expect(variableErrors('query($s: ID) { echo(id: $s) }', { s: { a: 1 } })[0].message).toBe("Variable 's' has an invalid value. Expected type 'ID' but was 'LinkedHashMap'.");
  });

  it('names the innermost input field holding a bad value, and keeps AppSync scalar messages', () => {
    expect(variableErrors(createTask, { i: { title: 't', meta: { note: 'n', priority: 'high' } } })[0].message).toBe(
      "Variable 'priority' has an invalid value. Expected type 'Int' but was 'String'.",
    );
    expect(variableErrors(createTask, { i: { title: 't', dueDate: 'nope' } })).toEqual([
      { path: null, locations: [at(1, 10)], message: 'Variable \'dueDate\' has an invalid value. Invalid AWSDate value: "nope"' },
    ]);
    // List items keep the name of what holds the list.
    expect(variableErrors('query($s: [Int]) { echo(i: $s) }', { s: [1, 'x'] })[0].message).toBe("Variable 's' has an invalid value. Expected type 'Int' but was 'String'.");
  });

  it('words enum and input-object failures as graphql-java', () => {
    expect(variableErrors('query($s: [Status!]) { echo(s: $s) }', { s: ['TODO', 'NOPE'] })[0].message).toBe(
      "Variable 's' has an invalid value. Invalid input for Enum 'Status'. No value found for name 'NOPE'",
    );
    expect(variableErrors('query($s: [Status!]) { echo(s: $s) }', { s: ['TODO', true] })[0].message).toBe(
      "Variable 's' has an invalid value. Invalid input for Enum 'Status'. No value found for name 'true'",
    );
    expect(variableErrors(createTask, { i: 'str' })[0].message).toBe(
      "Variable 'i' has an invalid value. Expected type 'Map' but was 'String'. Variables for input objects must be an instance of type 'Map'.",
    );
    expect(variableErrors(createTask, { i: [1] })[0].message).toBe(
      "Variable 'i' has an invalid value. Expected type 'Map' but was 'ArrayList'. Variables for input objects must be an instance of type 'Map'.",
    );
  });

  it('reports an unknown input field without a location, before the fields of its object', () => {
    expect(variableErrors(createTask, { i: { title: 't', bogus: 1 } })).toEqual([
      { path: null, locations: null, message: "The variables input contains a field name 'bogus' that is not defined for input object type 'TaskInput' " },
    ]);
    // graphql-js finds priority first; graphql-java checks meta's keys before its fields.
    expect(variableErrors(createTask, { i: { title: 't', meta: { priority: 'x', zzz: 1, note: 'n' } } })[0].message).toBe(
      "The variables input contains a field name 'zzz' that is not defined for input object type 'MetaInput' ",
    );
    // A field before the object holding the unknown key still fails first.
    expect(variableErrors(createTask, { i: { status: 'NOPE', title: 't', meta: { note: 'n', zzz: 1 } } })[0].message).toBe(
      "Variable 'status' has an invalid value. Invalid input for Enum 'Status'. No value found for name 'NOPE'",
    );
  });

  it('returns only the first failure, as graphql-java stops there', () => {
    const errors = variableErrors('query($a: ID!, $b: Int) { getTask(id: $a) { id } listTasks(limit: $b) { id } }', { b: 'x' });
    expect(errors.map((e) => e.message)).toEqual(["Variable 'a' has coerced Null value for NonNull type 'ID!'"]);
  });

  it('passes other errors through and returns nothing for none', () => {
    expect(toAppSyncVariableErrors([new GraphQLError('Too many errors processing variables, error limit reached. Execution aborted.')])).toEqual([
      { path: null, locations: null, message: 'Too many errors processing variables, error limit reached. Execution aborted.' },
    ]);
    expect(toAppSyncVariableErrors([])).toEqual([]);
  });
});

describe('toAppSyncSyntaxError', () => {
  it("names graphql-java's offending token and where it is", () => {
    expect(syntaxError('queryy { hello }')).toEqual({ path: null, locations: [at(1, 1)], message: "Invalid Syntax : offending token 'queryy' at line 1 column 1" });
    expect(syntaxError('query { getTask(id: "1" { id } }').message).toBe("Invalid Syntax : offending token '{' at line 1 column 25");
    expect(syntaxError('{ a(x: ) }').message).toBe("Invalid Syntax : offending token ')' at line 1 column 8");
  });

  it('calls the end of input <EOF>', () => {
    expect(syntaxError('').message).toBe("Invalid Syntax : offending token '<EOF>' at line 1 column 1");
    expect(syntaxError('{ hello')).toEqual({ path: null, locations: [at(1, 8)], message: "Invalid Syntax : offending token '<EOF>' at line 1 column 8" });
    // graphql-js stops at an unterminated string's end; so does graphql-java's parser.
    expect(syntaxError('{ a(x: "abc) }').message).toBe("Invalid Syntax : offending token '<EOF>' at line 1 column 15");
  });

  it('reports tokens after a complete document as not consumed', () => {
    expect(syntaxError('{ a } }').message).toBe("Invalid Syntax : There are more tokens in the query that have not been consumed offending token '}' at line 1 column 7");
    expect(syntaxError('{ a }\n\n}')).toEqual({
      path: null,
      locations: [at(3, 1)],
      message: "Invalid Syntax : There are more tokens in the query that have not been consumed offending token '}' at line 3 column 1",
    });
  });

  it('locates errors on later lines', () => {
    expect(syntaxError('query Q(\n  $x: Int\n) {\n  a\n  b(c: 1,)\n  }\n}').message).toBe(
      "Invalid Syntax : There are more tokens in the query that have not been consumed offending token '}' at line 7 column 1",
    );
    expect(syntaxError('mutation { a(input: {b: 1 c: }) }').message).toBe("Invalid Syntax : offending token '}' at line 1 column 30");
  });
});
