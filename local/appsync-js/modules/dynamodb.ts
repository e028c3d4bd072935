/**
 * `@aws-appsync/utils/dynamodb`: helpers that build DynamoDB data-source requests from plain
 * objects. Keys and items are auto-typed like `util.dynamodb.toMapValues`; conditions, filters
 * and key conditions use the shared expression grammar; updates use AppSync's numbered
 * placeholders (`#expName_1`, `:expValue_1`, in field order), as recorded from the service.
 */
import { compileExpression, withoutEmptyMaps } from '../util/expression';
import { toDynamoDB, toMapValues } from '../util/dynamodb';
import { markTyped } from '../typed-value';

type Obj = Record<string, unknown>;
interface Operation { type: string; value?: unknown; by?: number; items?: unknown[]; index?: number }

const isOperation = (v: unknown): v is Operation =>
  typeof v === 'object' && v !== null && typeof (v as Operation).type === 'string' && (v as Operation).type.startsWith('OPERATION_');

export const operations = {
  add: (value: unknown) => ({ type: 'OPERATION_ADD', value }),
  remove: () => ({ type: 'OPERATION_REMOVE' }),
  replace: (value: unknown) => ({ type: 'OPERATION_REPLACE', value }),
  increment: (by: number) => ({ type: 'OPERATION_INCREMENT', by }),
  decrement: (by: number) => ({ type: 'OPERATION_DECREMENT', by }),
  append: (items: unknown[]) => ({ type: 'OPERATION_APPEND', items }),
  prepend: (items: unknown[]) => ({ type: 'OPERATION_PREPEND', items }),
  updateListItem: (value: unknown, index: number) => ({ type: 'OPERATION_UPDATE_LIST_ITEM', value, index }),
};

export const toStringSet = (list: string[]) => markTyped({ SS: list });
export const toNumberSet = (numbers: number[]) => markTyped({ NS: numbers });
export const toBinarySet = (values: string[]) => markTyped({ BS: values });

/** A condition/filter given as an object is compiled; an already-built expression passes through. */
function expression(value: unknown, parenthesize = true) {
  if (value === undefined || value === null) return undefined;
  const v = value as Obj;
  if (typeof v.expression === 'string') return v;
  return withoutEmptyMaps(compileExpression(v, { parenthesize }));
}

function projection(fields: unknown) {
  if (!Array.isArray(fields) || fields.length === 0) return undefined;
  const expressionNames: Record<string, string> = {};
  const names = fields.map((f: string) => {
    const placeholder = `#${f.replace(/[^A-Za-z0-9_]/g, '_')}`;
    expressionNames[placeholder] = f;
    return placeholder;
  });
  return { expression: names.join(', '), expressionNames };
}

/** Copies only the options that were given: AppSync's requests omit absent keys. */
function defined(entries: Obj): Obj {
  const out: Obj = {};
  for (const [k, v] of Object.entries(entries)) if (v !== undefined) out[k] = v;
  return out;
}

function compileUpdate(update: Obj) {
  const set: string[] = [];
  const remove: string[] = [];
  const expressionNames: Record<string, string> = {};
  const expressionValues: Record<string, unknown> = {};
  let n = 0;
  for (const [field, op] of Object.entries(update)) {
    if (op === undefined) continue;
    n += 1;
    const name = `#expName_${n}`;
    const value = `:expValue_${n}`;
    expressionNames[name] = field;
    // null clears the attribute: REMOVE rather than storing a NULL (see docs/local-runtime.md).
    if (op === null || (isOperation(op) && op.type === 'OPERATION_REMOVE')) {
      remove.push(name);
      continue;
    }
    if (!isOperation(op)) {
      set.push(`${name} = ${value}`);
      expressionValues[value] = toDynamoDB(op);
      continue;
    }
    switch (op.type) {
      case 'OPERATION_ADD':
      case 'OPERATION_REPLACE':
        set.push(`${name} = ${value}`);
        expressionValues[value] = toDynamoDB(op.value);
        break;
      case 'OPERATION_INCREMENT':
      case 'OPERATION_DECREMENT':
        set.push(`${name} = ${name} ${op.type === 'OPERATION_INCREMENT' ? '+' : '-'} ${value}`);
        expressionValues[value] = toDynamoDB(op.by);
        break;
      case 'OPERATION_APPEND':
        set.push(`${name} = list_append(${name}, ${value})`);
        expressionValues[value] = toDynamoDB(op.items);
        break;
      case 'OPERATION_PREPEND':
        set.push(`${name} = list_append(${value}, ${name})`);
        expressionValues[value] = toDynamoDB(op.items);
        break;
      case 'OPERATION_UPDATE_LIST_ITEM':
        set.push(`${name}[${Number(op.index)}] = ${value}`);
        expressionValues[value] = toDynamoDB(op.value);
        break;
      default:
        throw new Error(`update: unsupported operation ${op.type} on '${field}'`);
    }
  }
  const clauses = [set.length ? `SET ${set.join(', ')}` : '', remove.length ? `REMOVE ${remove.join(', ')}` : ''].filter(Boolean);
  if (clauses.length === 0) throw new Error('update: nothing to update');
  return defined({
    expression: clauses.join(' '),
    expressionNames,
    expressionValues: Object.keys(expressionValues).length ? expressionValues : undefined,
  });
}

const writeOptions = (p: Obj) => defined({
  condition: expression(p.condition),
  customPartitionKey: p.customPartitionKey,
  populateIndexFields: p.populateIndexFields,
  _version: p._version,
});

export function get(p: Obj) {
  return defined({ operation: 'GetItem', key: toMapValues(p.key as Obj), consistentRead: p.consistentRead, projection: projection(p.projection) });
}

export function put(p: Obj) {
  return defined({ operation: 'PutItem', key: toMapValues(p.key as Obj), attributeValues: toMapValues((p.item ?? {}) as Obj), ...writeOptions(p) });
}

export function remove(p: Obj) {
  return defined({ operation: 'DeleteItem', key: toMapValues(p.key as Obj), ...writeOptions(p) });
}

export function update(p: Obj) {
  return defined({ operation: 'UpdateItem', key: toMapValues(p.key as Obj), update: compileUpdate(p.update as Obj), ...writeOptions(p) });
}

const readOptions = (p: Obj) => defined({
  filter: expression(p.filter),
  index: p.index,
  limit: p.limit,
  nextToken: p.nextToken,
  consistentRead: p.consistentRead,
  select: p.select,
  projection: projection(p.projection),
});

export function query(p: Obj) {
  return defined({ operation: 'Query', query: expression(p.query, false), ...readOptions(p), scanIndexForward: p.scanIndexForward });
}

export function scan(p: Obj) {
  return defined({ operation: 'Scan', ...readOptions(p), segment: p.segment, totalSegments: p.totalSegments });
}

export function sync(p: Obj) {
  return defined({
    operation: 'Sync', basePartitionKey: p.basePartitionKey, deltaIndexName: p.deltaIndexName, limit: p.limit,
    nextToken: p.nextToken, lastSync: p.lastSync, filter: expression(p.filter),
  });
}

export function batchGet(p: { tables: Record<string, Obj> }) {
  const tables: Obj = {};
  for (const [table, t] of Object.entries(p.tables)) {
    tables[table] = defined({ keys: (t.keys as Obj[]).map(toMapValues), consistentRead: t.consistentRead, projection: projection(t.projection) });
  }
  return { operation: 'BatchGetItem', tables };
}

export function batchPut(p: { tables: Record<string, Obj[]> }) {
  const tables: Obj = {};
  for (const [table, items] of Object.entries(p.tables)) tables[table] = items.map(toMapValues);
  return { operation: 'BatchPutItem', tables };
}

export function batchDelete(p: { tables: Record<string, Obj[]> }) {
  const tables: Obj = {};
  for (const [table, keys] of Object.entries(p.tables)) tables[table] = keys.map(toMapValues);
  return { operation: 'BatchDeleteItem', tables };
}

export function transactGet(p: { items: Obj[] }) {
  return {
    operation: 'TransactGetItems',
    transactItems: p.items.map((i) => defined({ table: i.table, key: toMapValues(i.key as Obj), projection: projection(i.projection) })),
  };
}

export function transactWrite(p: { items: Obj[] }) {
  const transactItems = p.items.map((entry) => {
    const [kind, i] = Object.entries(entry)[0] as [string, Obj];
    const base = { table: i.table, key: toMapValues(i.key as Obj) };
    switch (kind) {
      case 'putItem': return defined({ ...base, operation: 'PutItem', attributeValues: toMapValues((i.item ?? {}) as Obj), condition: expression(i.condition) });
      case 'updateItem': return defined({ ...base, operation: 'UpdateItem', update: compileUpdate(i.update as Obj), condition: expression(i.condition) });
      case 'deleteItem': return defined({ ...base, operation: 'DeleteItem', condition: expression(i.condition) });
      case 'conditionCheck': return defined({ ...base, operation: 'ConditionCheck', condition: expression(i.condition) });
      default: throw new Error(`transactWrite: unknown item kind '${kind}' (putItem, updateItem, deleteItem, conditionCheck)`);
    }
  });
  return { operation: 'TransactWriteItems', transactItems };
}
