/**
 * Expression objects in request objects (`query`, `filter`, `condition`, `update`, `projection`):
 * `{expression, expressionNames?, expressionValues?}`, or a JSON string of one, which is what
 * `util.transform.toDynamoDBFilterExpression` returns and what the AppSync docs pass directly.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { attributeValuesEqual, toSdkAttributeMap, type AttributeMap } from './attribute-values';
import { isRecord, RequestShapeError } from './request-error';

export interface ParsedExpression {
  expression: string;
  names?: Record<string, string>;
  values?: AttributeMap;
  /** The whole object, for the extra fields conditions carry (equalsIgnore, consistentRead...). */
  raw: Record<string, unknown>;
}

function parseNames(value: unknown, field: string): Record<string, string> | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value)) throw new RequestShapeError(`${field}.expressionNames must be an object`);
  const names: Record<string, string> = {};
  for (const [placeholder, name] of Object.entries(value)) {
    if (typeof name !== 'string') throw new RequestShapeError(`${field}.expressionNames.${placeholder} must be a string`);
    names[placeholder] = name;
  }
  // DynamoDB rejects an empty map, and resolver helpers often produce one.
  return Object.keys(names).length > 0 ? names : undefined;
}

function parseValues(value: unknown, field: string): AttributeMap | undefined {
  if (value === undefined || value === null) return undefined;
  const values = toSdkAttributeMap(value, `${field}.expressionValues`);
  return Object.keys(values).length > 0 ? values : undefined;
}

/** Parses an optional expression field; `undefined`/`null` mean "not given". */
export function parseExpression(value: unknown, field: string): ParsedExpression | undefined {
  if (value === undefined || value === null) return undefined;
  let object: unknown = value;
  if (typeof value === 'string') {
    try {
      object = JSON.parse(value);
    } catch {
      throw new RequestShapeError(`${field} must be an expression object or a JSON string of one; could not parse ${JSON.stringify(value.slice(0, 60))}`);
    }
  }
  if (!isRecord(object)) throw new RequestShapeError(`${field} must be an object with an "expression" field`);
  if (typeof object.expression !== 'string') throw new RequestShapeError(`${field}.expression must be a string`);
  return {
    expression: object.expression,
    names: parseNames(object.expressionNames, field),
    values: parseValues(object.expressionValues, field),
    raw: object,
  };
}

export function requireExpression(value: unknown, field: string): ParsedExpression {
  const parsed = parseExpression(value, field);
  if (!parsed) throw new RequestShapeError(`${field} is required`);
  return parsed;
}

export interface ExpressionAttributes {
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, AttributeValue>;
}

/**
 * One DynamoDB call takes a single names map and a single values map for all its expressions;
 * merge them, refusing one placeholder bound to two different things.
 */
export function mergeExpressionAttributes(parts: Array<ParsedExpression | undefined>): ExpressionAttributes {
  const names: Record<string, string> = {};
  const values: AttributeMap = {};
  for (const part of parts) {
    if (!part) continue;
    for (const [placeholder, name] of Object.entries(part.names ?? {})) {
      if (placeholder in names && names[placeholder] !== name) {
        throw new RequestShapeError(`Expression name ${placeholder} is bound to both "${names[placeholder]}" and "${name}"`);
      }
      names[placeholder] = name;
    }
    for (const [placeholder, value] of Object.entries(part.values ?? {})) {
      const existing = values[placeholder];
      if (existing && !attributeValuesEqual(existing, value)) {
        throw new RequestShapeError(`Expression value ${placeholder} is bound to two different values`);
      }
      values[placeholder] = value;
    }
  }
  const out: ExpressionAttributes = {};
  if (Object.keys(names).length > 0) out.ExpressionAttributeNames = names;
  if (Object.keys(values).length > 0) out.ExpressionAttributeValues = values;
  return out;
}

/** Top-level attribute names a projection expression selects (`a.b`, `#n[0]` count as `a`, `#n`). */
export function projectedTopLevelNames(projection: ParsedExpression): Set<string> {
  const selected = new Set<string>();
  for (const path of projection.expression.split(',')) {
    const head = path.trim().split(/[.[]/)[0]?.trim() ?? '';
    if (head) selected.add(projection.names?.[head] ?? head);
  }
  return selected;
}
