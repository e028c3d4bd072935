/**
 * The filter/condition object grammar, shared by `util.transform.toDynamoDB{Filter,Condition}Expression`
 * and the dynamodb module's `condition`, `filter` and `query` options:
 *
 *   { <field>: { eq | ne | lt | le | gt | ge | contains | notContains | beginsWith | between | in
 *                | attributeExists | attributeType | size: { <operators> } },
 *     and: [ ... ], or: [ ... ], not: { ... } }
 *
 * The output format is AppSync's, as recorded from the EvaluateCode API:
 * - names `#<field>` and values `:<path><field>_<op>`, the field name used verbatim (dots and all);
 *   `<path>` is `and_0_`, `or_1_`, `not_`… for each enclosing group, so every value is unique;
 * - each operator is one parenthesized term: `(#v = :v_eq)`, `(contains(#v,:v_contains))`,
 *   `(#v BETWEEN :v_between_start AND :v_between_end)`, `(#v IN (:v_in_0, :v_in_1))`;
 * - several operators on one field, and several members of a group, are wrapped once more:
 *   `((#v >= :v_ge) AND (#v <= :v_le))`; one operator or one member is not;
 * - the entries of an object are joined with ` AND ` and not wrapped; `not` is `(NOT <inner>)`;
 * - `size` applies its operators to `size(#v)` and adds `size_` to the value names;
 * - an empty field, group or object gives an empty term that is still joined (AWS leaves the
 *   dangling ` AND `), and an empty `in` list gives `(null)`.
 * A filter AWS cannot render (unknown operator, a value where operators belong, a group that is not
 * a list, …) throws FilterError; `util.transform` answers `null` for it, as AWS does.
 */
import { toDynamoDB, type AttributeValue } from './dynamodb';

export interface CompiledExpression {
  expression: string;
  expressionNames: Record<string, string>;
  expressionValues: Record<string, AttributeValue>;
}

export interface CompileOptions {
  /**
   * Accept `and`/`or` given one object instead of a list, its entries being the members, as the
   * dynamodb module's typings allow. `util.transform` rejects that, as AWS does.
   */
  groupObjects?: boolean;
}

/** A filter object the grammar cannot render. */
export class FilterError extends Error {
  override name = 'FilterError';
}

const COMPARISONS: Readonly<Record<string, string>> = { eq: ' = ', ne: ' <> ', lt: ' < ', le: ' <= ', gt: ' > ', ge: ' >= ' };
const FUNCTIONS: Readonly<Record<string, string>> = { contains: 'contains(', notContains: 'NOT contains(', beginsWith: 'begins_with(' };
/** The typings' type names; AWS rejects the DynamoDB codes themselves (`S`, `NULL`…). */
const ATTRIBUTE_TYPES: Readonly<Record<string, string>> = {
  _null: 'NULL', string: 'S', stringSet: 'SS', number: 'N', numberSet: 'NS',
  binary: 'B', binarySet: 'BS', boolean: 'BOOL', list: 'L', map: 'M',
};

type FilterObject = Record<string, unknown>;

function isFilterObject(value: unknown): value is FilterObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A rendered part; `compound` when it is several ` AND `-joined terms without enclosing parentheses. */
interface Part { text: string; compound: boolean }

class Compiler {
  readonly names: Record<string, string> = {};
  readonly values: Record<string, AttributeValue> = {};

  constructor(private readonly groupObjects: boolean) {}

  /** The entries of an object, ANDed without parentheses. */
  object(filter: FilterObject, path: string): Part {
    const keys = Object.keys(filter);
    let text = '';
    let count = 0;
    let compound = false;
    for (const key of keys) {
      const operand = filter[key];
      if (operand === undefined) continue; // JSON would not carry it either
      const part = key === 'and' || key === 'or'
        ? this.group(key, operand, path)
        : key === 'not' ? this.not(operand, path) : this.field(key, operand, path);
      text = count === 0 ? part.text : `${text} AND ${part.text}`;
      compound = part.compound;
      count += 1;
    }
    return { text, compound: count > 1 || compound };
  }

  private group(kind: 'and' | 'or', operand: unknown, path: string): Part {
    let members: FilterObject[];
    if (Array.isArray(operand)) {
      members = operand as FilterObject[];
    } else if (this.groupObjects && isFilterObject(operand)) {
      members = Object.keys(operand).map((key) => ({ [key]: operand[key] }));
    } else {
      throw new FilterError(`'${kind}' takes a list of filter objects`);
    }
    const joiner = kind === 'and' ? ' AND ' : ' OR ';
    let text = '';
    let single: Part = { text: '', compound: false };
    for (let i = 0; i < members.length; i += 1) {
      const member = members[i];
      if (!isFilterObject(member)) throw new FilterError(`each member of '${kind}' must be a filter object`);
      single = this.object(member, `${path}${kind}_${i}_`);
      text = i === 0 ? single.text : `${text}${joiner}${single.text}`;
    }
    if (members.length === 1) return single;
    return { text: members.length === 0 ? '' : `(${text})`, compound: false };
  }

  private not(operand: unknown, path: string): Part {
    if (!isFilterObject(operand)) throw new FilterError("'not' takes one filter object");
    const inner = this.object(operand, `${path}not_`);
    // NOT binds tighter than AND: an inner `a AND b` is wrapped so the NOT covers both.
    return { text: inner.compound ? `(NOT (${inner.text}))` : `(NOT ${inner.text})`, compound: false };
  }

  private field(field: string, operators: unknown, path: string): Part {
    if (!isFilterObject(operators)) throw new FilterError(`'${field}' must hold an object of operators`);
    const name = `#${field}`;
    this.names[name] = field;
    return this.operators(field, name, operators, `${path}${field}`);
  }

  /** The operators on one operand (`#v` or `size(#v)`), ANDed and wrapped when there are several. */
  private operators(field: string, operand: string, operators: FilterObject, valueBase: string): Part {
    let text = '';
    let count = 0;
    for (const op of Object.keys(operators)) {
      const value = operators[op];
      if (value === undefined) continue;
      const term = this.operator(field, operand, op, value, valueBase);
      text = count === 0 ? term : `${text} AND ${term}`;
      count += 1;
    }
    return { text: count > 1 ? `(${text})` : text, compound: false };
  }

  private operator(field: string, operand: string, op: string, value: unknown, valueBase: string): string {
    const comparison = COMPARISONS[op];
    if (comparison !== undefined) return `(${operand}${comparison}${this.value(`${valueBase}_${op}`, value)})`;
    const fn = FUNCTIONS[op];
    if (fn !== undefined) return `(${fn}${operand},${this.value(`${valueBase}_${op}`, value)}))`;
    switch (op) {
      case 'between': {
        if (!Array.isArray(value) || value.length < 2) throw new FilterError(`'between' on '${field}' takes a list of two bounds`);
        // Bounds past the second are ignored, as AWS does.
        return `(${operand} BETWEEN ${this.value(`${valueBase}_between_start`, value[0])} AND ${this.value(`${valueBase}_between_end`, value[1])})`;
      }
      case 'in': {
        if (!Array.isArray(value)) throw new FilterError(`'in' on '${field}' takes a list of values`);
        if (value.length === 0) return '(null)'; // what AWS renders for an empty list
        let list = '';
        for (let i = 0; i < value.length; i += 1) {
          const placeholder = this.value(`${valueBase}_in_${i}`, value[i]);
          list = i === 0 ? placeholder : `${list}, ${placeholder}`;
        }
        return `(${operand} IN (${list}))`;
      }
      case 'attributeExists':
        if (typeof value !== 'boolean') throw new FilterError(`'attributeExists' on '${field}' takes true or false`);
        return value ? `(attribute_exists(${operand}))` : `(attribute_not_exists(${operand}))`;
      case 'attributeType': {
        const code = typeof value === 'string' && Object.hasOwn(ATTRIBUTE_TYPES, value) ? ATTRIBUTE_TYPES[value] : undefined;
        if (code === undefined) {
          throw new FilterError(`'attributeType' on '${field}' takes one of ${Object.keys(ATTRIBUTE_TYPES).join(', ')}`);
        }
        return `(attribute_type(${operand},${this.value(`${valueBase}_attributeType`, code)}))`;
      }
      case 'size':
        if (!isFilterObject(value)) throw new FilterError(`'size' on '${field}' takes an object of operators`);
        // A nested size keeps `size(#v)` and only lengthens the value names, as AWS does.
        return this.operators(field, `size(#${field})`, value, `${valueBase}_size`).text;
      default:
        throw new FilterError(`unsupported operator '${op}' on '${field}'`);
    }
  }

  private value(placeholderBase: string, value: unknown): string {
    const placeholder = `:${placeholderBase}`;
    this.values[placeholder] = toDynamoDB(value);
    return placeholder;
  }
}

/** Compiles a filter object; throws FilterError when AWS could not render it. */
export function compileFilter(filter: unknown, options: CompileOptions = {}): CompiledExpression {
  if (!isFilterObject(filter)) throw new FilterError('a filter must be an object');
  const compiler = new Compiler(options.groupObjects ?? false);
  const { text } = compiler.object(filter, '');
  return { expression: text, expressionNames: compiler.names, expressionValues: compiler.values };
}
