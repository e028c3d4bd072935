/**
 * The condition/filter object grammar shared by `util.transform.toDynamoDB*Expression` and the
 * dynamodb module's `condition`, `filter` and `query` options:
 *
 *   { field: { eq | ne | lt | le | gt | ge | contains | notContains | beginsWith | between | in
 *              | attributeExists | attributeType | size: { <comparison> } },
 *     and: [...] | {...}, or: [...] | {...}, not: {...} }
 *
 * Names are `#<field>` and values `:<field>_<op>` (AppSync's format, from the golden cases).
 * Each term is parenthesized and siblings are joined with AND, as AppSync does for filters and
 * conditions; key conditions are emitted without parentheses.
 */
import { toDynamoDB, type AttributeValue } from './dynamodb';

export interface CompiledExpression {
  expression: string;
  expressionNames: Record<string, string>;
  expressionValues: Record<string, AttributeValue>;
}

const COMPARATORS: Record<string, string> = { eq: '=', ne: '<>', lt: '<', le: '<=', gt: '>', ge: '>=' };
const ATTRIBUTE_TYPES: Record<string, string> = {
  string: 'S', stringSet: 'SS', number: 'N', numberSet: 'NS', binary: 'B', binarySet: 'BS',
  boolean: 'BOOL', list: 'L', map: 'M', null: 'NULL', _null: 'NULL',
};

class ExpressionBuilder {
  readonly names: Record<string, string> = {};
  readonly values: Record<string, AttributeValue> = {};

  constructor(private readonly parenthesize: boolean) {}

  name(field: string): string {
    const placeholder = `#${safe(field)}`;
    this.names[placeholder] = field;
    return placeholder;
  }

  /** A value placeholder; a different value under an existing name gets a numbered suffix. */
  value(base: string, value: unknown): string {
    const typed = toDynamoDB(value);
    let placeholder = `:${safe(base)}`;
    for (let i = 1; placeholder in this.values && JSON.stringify(this.values[placeholder]) !== JSON.stringify(typed); i += 1) {
      placeholder = `:${safe(base)}_${i}`;
    }
    this.values[placeholder] = typed;
    return placeholder;
  }

  term(text: string): string {
    return this.parenthesize ? `(${text})` : text;
  }

  /** All terms of an object, ANDed. */
  object(filter: Record<string, unknown>): string {
    const terms: string[] = [];
    for (const [key, operand] of Object.entries(filter)) {
      if (operand === undefined) continue;
      if (key === 'and' || key === 'or') terms.push(this.group(key, operand));
      else if (key === 'not') terms.push(this.term(`NOT ${this.wrap(this.object(operand as Record<string, unknown>))}`));
      else terms.push(...this.field(key, operand as Record<string, unknown>));
    }
    return terms.join(' AND ');
  }

  private wrap(text: string): string {
    return this.parenthesize ? `(${text})` : text;
  }

  private group(op: 'and' | 'or', operand: unknown): string {
    const parts = Array.isArray(operand)
      ? operand.map((o) => this.object(o as Record<string, unknown>))
      : Object.entries(operand as Record<string, unknown>).map(([k, v]) => this.object({ [k]: v }));
    const joined = parts.filter((p) => p.length > 0).map((p) => this.wrap(p)).join(op === 'and' ? ' AND ' : ' OR ');
    return this.term(joined);
  }

  private field(field: string, ops: Record<string, unknown>): string[] {
    if (ops === null || typeof ops !== 'object') throw new Error(`condition on '${field}' must be an object of operators`);
    const name = this.name(field);
    return Object.entries(ops).filter(([, v]) => v !== undefined).map(([op, operand]) => this.operator(field, name, op, operand, field));
  }

  private operator(field: string, name: string, op: string, operand: unknown, valueBase: string): string {
    if (op in COMPARATORS) return this.term(`${name} ${COMPARATORS[op]} ${this.value(`${valueBase}_${op}`, operand)}`);
    switch (op) {
      case 'contains': return this.term(`contains(${name},${this.value(`${valueBase}_contains`, operand)})`);
      case 'notContains': return this.term(`NOT contains(${name},${this.value(`${valueBase}_notContains`, operand)})`);
      case 'beginsWith': return this.term(`begins_with(${name},${this.value(`${valueBase}_beginsWith`, operand)})`);
      case 'attributeExists': return this.term(operand ? `attribute_exists(${name})` : `attribute_not_exists(${name})`);
      case 'attributeType': {
        const type = ATTRIBUTE_TYPES[String(operand)];
        if (!type) throw new Error(`attributeType '${String(operand)}' is not one of ${Object.keys(ATTRIBUTE_TYPES).join(', ')}`);
        return this.term(`attribute_type(${name},${this.value(`${valueBase}_attributeType`, type)})`);
      }
      case 'between': {
        if (!Array.isArray(operand) || operand.length !== 2) throw new Error(`between on '${field}' takes [low, high]`);
        const [low, high] = operand.map((v, i) => this.value(`${valueBase}_between_${i}`, v));
        return this.term(`${name} BETWEEN ${low} AND ${high}`);
      }
      case 'in': {
        if (!Array.isArray(operand) || operand.length === 0) throw new Error(`in on '${field}' takes a non-empty list`);
        return this.term(`${name} IN (${operand.map((v, i) => this.value(`${valueBase}_in_${i}`, v)).join(',')})`);
      }
      case 'size': {
        const comparisons = Object.entries(operand as Record<string, unknown>);
        return comparisons.map(([cmp, v]) => {
          if (!(cmp in COMPARATORS)) throw new Error(`size on '${field}' supports ${Object.keys(COMPARATORS).join(', ')}`);
          return this.term(`size(${name}) ${COMPARATORS[cmp]} ${this.value(`${valueBase}_size_${cmp}`, v)}`);
        }).join(' AND ');
      }
      default:
        throw new Error(`unsupported operator '${op}' on '${field}'`);
    }
  }
}

/** Placeholder-safe version of a field name (DynamoDB placeholders are alphanumeric and _). */
function safe(text: string): string {
  return text.replace(/[^A-Za-z0-9_]/g, '_');
}

export function compileExpression(filter: Record<string, unknown>, options: { parenthesize?: boolean } = {}): CompiledExpression {
  const builder = new ExpressionBuilder(options.parenthesize ?? true);
  const expression = builder.object(filter);
  return { expression, expressionNames: builder.names, expressionValues: builder.values };
}

/** DynamoDB rejects empty maps: leave out names/values an expression does not use. */
export function withoutEmptyMaps(compiled: CompiledExpression): Partial<CompiledExpression> & { expression: string } {
  const out: Partial<CompiledExpression> & { expression: string } = { expression: compiled.expression };
  if (Object.keys(compiled.expressionNames).length > 0) out.expressionNames = compiled.expressionNames;
  if (Object.keys(compiled.expressionValues).length > 0) out.expressionValues = compiled.expressionValues;
  return out;
}
