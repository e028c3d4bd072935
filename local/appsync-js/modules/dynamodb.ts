/**
 * `@aws-appsync/utils/dynamodb`: builds DynamoDB data-source request objects from plain objects.
 *
 * - Keys and items are typed like `util.dynamodb.toMapValues`; values made with this module's
 *   `toStringSet`/`toNumberSet`/`toBinarySet` stay sets.
 * - `condition`, `filter` and `query` use the shared grammar of `util.transform` (util/expression),
 *   as an expression object; its `expressionValues` is left out when it binds none, and an empty
 *   expression (e.g. `filter: {}`) leaves the option out. A filter it cannot render throws.
 * - Updates use AppSync's numbered placeholders, `#expName_N` and `:expValue_N`, in field order.
 * - Options the caller did not give (or gave as null) are left out, never sent as null.
 *
 * Everything this file exports becomes a member of the importable module: keep helpers private.
 */
import type {
  BatchDeleteInput, BatchGetInput, BatchPutInput, DynamoDBSyncInput, DynamoDBUpdateInput, GetInput, PutInput,
  QueryInput, RemoveInput, ScanInput, TransactGetInput, TransactWriteInput,
} from '@aws-appsync/utils/lib/dynamodb-helpers';
import type {
  DynamoDBBatchDeleteItemRequest, DynamoDBBatchGetItemRequest, DynamoDBBatchPutItemRequest, DynamoDBDeleteItemRequest,
  DynamoDBGetItemRequest, DynamoDBPutItemRequest, DynamoDBQueryRequest, DynamoDBScanRequest, DynamoDBSyncRequest,
  DynamoDBTransactGetItemsRequest, DynamoDBTransactWriteItemsRequest, DynamoDBUpdateItemRequest,
} from '@aws-appsync/utils/lib/resolver-return-types';
import { compileFilter, FilterError } from '../util/expression';
import { toDynamoDB, toMapValues, type AttributeMap } from '../util/dynamodb';
import { isTyped, markTyped } from '../typed-value';

type Obj = Record<string, unknown>;

function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// ---- operations ---------------------------------------------------------------------------------

const ADD = 'OPERATION_ADD';
const REMOVE = 'OPERATION_REMOVE';
const REPLACE = 'OPERATION_REPLACE';
const INCREMENT = 'OPERATION_INCREMENT';
const DECREMENT = 'OPERATION_DECREMENT';
const APPEND = 'OPERATION_APPEND';
const PREPEND = 'OPERATION_PREPEND';
const UPDATE_LIST_ITEM = 'OPERATION_UPDATE_LIST_ITEM';

/** What the operations return: plain objects, as AWS prints them (`{type:"OPERATION_ADD", value}`). */
interface Operation { type: string; value?: unknown; by?: unknown; items?: unknown; index?: unknown }

export const operations = {
  add: (value: unknown) => ({ type: ADD, value }),
  remove: () => ({ type: REMOVE }),
  replace: (value: unknown) => ({ type: REPLACE, value }),
  increment: (by?: number) => ({ type: INCREMENT, by }),
  decrement: (by?: number) => ({ type: DECREMENT, by }),
  append: (items: unknown[]) => ({ type: APPEND, items }),
  prepend: (items: unknown[]) => ({ type: PREPEND, items }),
  updateListItem: (value: unknown, index: number) => ({ type: UPDATE_LIST_ITEM, value, index }),
};

function operationOf(value: unknown): Operation | undefined {
  if (!isObject(value)) return undefined;
  const type = value.type;
  return typeof type === 'string' && type.startsWith('OPERATION_') ? value as unknown as Operation : undefined;
}

const isListItemUpdates = (value: unknown): value is Operation[] =>
  Array.isArray(value) && value.length > 0 && value.every((item) => operationOf(item)?.type === UPDATE_LIST_ITEM);

// ---- sets ---------------------------------------------------------------------------------------

/** Marked typed so keys and items keep them as sets instead of converting them to maps. */
export const toStringSet = (list: string[]) => markTyped({ SS: list });
export const toNumberSet = (numbers: number[]) => markTyped({ NS: numbers });
export const toBinarySet = (values: string[]) => markTyped({ BS: values });

// ---- expressions --------------------------------------------------------------------------------

interface Expression {
  expression: string;
  expressionNames?: Record<string, string>;
  expressionValues?: AttributeMap;
}

/**
 * A condition/filter/key condition object, compiled. An already-built expression (an object
 * with a string `expression`, or util.transform's JSON string) is passed through untouched.
 */
function expressionOption(value: unknown, option: string): Expression | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value as unknown as Expression; // the data source parses it
  if (isObject(value) && typeof value.expression === 'string') return value as unknown as Expression;
  let compiled;
  try {
    compiled = compileFilter(value, { groupObjects: true });
  } catch (error) {
    if (error instanceof FilterError) throw new TypeError(`${option}: ${error.message}`);
    throw error;
  }
  if (compiled.expression === '') return undefined;
  const out: Expression = { expression: compiled.expression, expressionNames: compiled.expressionNames };
  // DynamoDB rejects an empty ExpressionAttributeValues map.
  if (Object.keys(compiled.expressionValues).length > 0) out.expressionValues = compiled.expressionValues;
  return out;
}

/** Numbered aliases for attribute names (`#expName_1`…), one per distinct name. */
class NameAliases {
  readonly names: Record<string, string> = {};
  private readonly byName = new Map<string, string>();

  alias(name: string): string {
    let placeholder = this.byName.get(name);
    if (placeholder === undefined) {
      placeholder = `#expName_${this.byName.size + 1}`;
      this.byName.set(name, placeholder);
      this.names[placeholder] = name;
    }
    return placeholder;
  }
}

const LIST_INDEXES = /^(.*?)((?:\[\d+\])*)$/;

/**
 * `['id', 'nested.object[1]']` → `#expName_1, #expName_2.#expName_3[1]`: every path segment is
 * aliased (so reserved words work) and list indexes are kept outside the alias.
 */
function projectionOption(fields: unknown): { expression: string; expressionNames: Record<string, string> } | undefined {
  if (!Array.isArray(fields) || fields.length === 0) return undefined;
  const aliases = new NameAliases();
  const paths = fields.map((field) => String(field).split('.').map((segment) => {
    const [, name, indexes] = LIST_INDEXES.exec(segment) as RegExpExecArray;
    return `${aliases.alias(name)}${indexes}`;
  }).join('.'));
  return { expression: paths.join(', '), expressionNames: aliases.names };
}

/**
 * The update object to a SET/REMOVE expression. Per field, in the order written:
 * - a plain value, `add(v)`, `replace(v)` → `SET #n = :v` (`add` is not DynamoDB's ADD);
 * - `increment(by)` / `decrement(by)` → `SET #n = #n + :v` / `- :v` (`by` defaults to 1);
 * - `append(items)` / `prepend(items)` → `SET #n = list_append(#n, :v)` / `list_append(:v, #n)`;
 * - `updateListItem(v, i)`, alone or in a list of them → `SET #n[i] = :v`;
 * - `remove()` and `null` → `REMOVE #n` (null clears the attribute rather than storing a NULL);
 * - a plain object (not an operation, not a typed set) → its keys updated one by one, `#a.#b`.
 */
class UpdateCompiler {
  private readonly aliases = new NameAliases();
  private readonly values: AttributeMap = {};
  private valueCount = 0;
  private readonly sets: string[] = [];
  private readonly removes: string[] = [];

  compile(update: Obj): Expression {
    this.fields(update, '');
    let expression = this.sets.length > 0 ? `SET ${this.sets.join(', ')}` : '';
    if (this.removes.length > 0) expression += `${expression ? ' ' : ''}REMOVE ${this.removes.join(', ')}`;
    const out: Expression = { expression, expressionNames: this.aliases.names };
    if (this.valueCount > 0) out.expressionValues = this.values;
    return out;
  }

  private fields(update: Obj, parent: string): void {
    for (const field of Object.keys(update)) {
      const value = update[field];
      if (value === undefined) continue;
      this.field(`${parent}${this.aliases.alias(field)}`, value);
    }
  }

  private field(path: string, value: unknown): void {
    if (value === null) {
      this.removes.push(path);
      return;
    }
    const op = operationOf(value);
    if (op === undefined) {
      if (isListItemUpdates(value)) {
        for (const item of value) this.listItem(path, item);
      } else if (isObject(value) && !isTyped(value)) {
        this.fields(value, `${path}.`);
      } else {
        this.sets.push(`${path} = ${this.value(value)}`);
      }
      return;
    }
    switch (op.type) {
      case ADD:
      case REPLACE:
        this.sets.push(`${path} = ${this.value(op.value)}`);
        break;
      case INCREMENT:
      case DECREMENT:
        this.sets.push(`${path} = ${path} ${op.type === INCREMENT ? '+' : '-'} ${this.value(op.by ?? 1)}`);
        break;
      case APPEND:
        this.sets.push(`${path} = list_append(${path}, ${this.value(op.items)})`);
        break;
      case PREPEND:
        this.sets.push(`${path} = list_append(${this.value(op.items)}, ${path})`);
        break;
      case UPDATE_LIST_ITEM:
        this.listItem(path, op);
        break;
      case REMOVE:
        this.removes.push(path);
        break;
      default:
        throw new TypeError(`update: unknown operation ${op.type}`);
    }
  }

  private listItem(path: string, op: Operation): void {
    if (typeof op.index !== 'number' || !Number.isInteger(op.index) || op.index < 0) {
      throw new TypeError(`update: updateListItem needs a list index (a non-negative integer), got ${JSON.stringify(op.index)}`);
    }
    this.sets.push(`${path}[${op.index}] = ${this.value(op.value)}`);
  }

  private value(value: unknown): string {
    this.valueCount += 1;
    const placeholder = `:expValue_${this.valueCount}`;
    this.values[placeholder] = toDynamoDB(value);
    return placeholder;
  }
}

function updateOption(update: unknown): Expression {
  if (!isObject(update)) throw new TypeError('update: `update` must be an object of attribute updates');
  return new UpdateCompiler().compile(update);
}

// ---- requests -----------------------------------------------------------------------------------

/** Copies the options that were given: AppSync's requests leave absent options out. */
function withOptions<T>(request: Obj, options: Obj): T {
  for (const key of Object.keys(options)) {
    const value = options[key];
    if (value !== undefined && value !== null) request[key] = value;
  }
  return request as T;
}

function keyOf(key: unknown): AttributeMap {
  if (!isObject(key)) throw new TypeError('`key` must be an object of key attributes, e.g. { id: 1 }');
  return toMapValues(key);
}

/** An item's attributes; a missing item writes the key alone. */
const itemOf = (item: unknown): AttributeMap => (isObject(item) ? toMapValues(item) : {});

export function get(payload: GetInput<unknown>): DynamoDBGetItemRequest {
  return withOptions({ operation: 'GetItem', key: keyOf(payload.key) }, {
    consistentRead: payload.consistentRead,
    projection: projectionOption(payload.projection),
  });
}

export function put(payload: PutInput<unknown>): DynamoDBPutItemRequest {
  return withOptions({ operation: 'PutItem', key: keyOf(payload.key), attributeValues: itemOf(payload.item) }, {
    condition: expressionOption(payload.condition, 'put: condition'),
    customPartitionKey: payload.customPartitionKey,
    populateIndexFields: payload.populateIndexFields,
    _version: payload._version,
  });
}

export function remove(payload: RemoveInput<unknown>): DynamoDBDeleteItemRequest {
  return withOptions({ operation: 'DeleteItem', key: keyOf(payload.key) }, {
    condition: expressionOption(payload.condition, 'remove: condition'),
    customPartitionKey: payload.customPartitionKey,
    populateIndexFields: payload.populateIndexFields,
    _version: payload._version,
  });
}

export function update(payload: DynamoDBUpdateInput<unknown>): DynamoDBUpdateItemRequest {
  return withOptions({ operation: 'UpdateItem', key: keyOf(payload.key), update: updateOption(payload.update) }, {
    condition: expressionOption(payload.condition, 'update: condition'),
    customPartitionKey: payload.customPartitionKey,
    populateIndexFields: payload.populateIndexFields,
    _version: payload._version,
  });
}

export function query(payload: QueryInput<unknown>): DynamoDBQueryRequest {
  const keyCondition = expressionOption(payload.query, 'query: query');
  if (keyCondition === undefined) throw new TypeError('query: `query` needs a key condition, e.g. { id: { eq: 1 } }');
  return withOptions({ operation: 'Query', query: keyCondition }, {
    index: payload.index,
    limit: payload.limit,
    nextToken: payload.nextToken,
    scanIndexForward: payload.scanIndexForward,
    consistentRead: payload.consistentRead,
    select: payload.select,
    filter: expressionOption(payload.filter, 'query: filter'),
    projection: projectionOption(payload.projection),
  });
}

export function scan(payload: ScanInput<unknown> = {}): DynamoDBScanRequest {
  return withOptions({ operation: 'Scan' }, {
    index: payload.index,
    limit: payload.limit,
    nextToken: payload.nextToken,
    consistentRead: payload.consistentRead,
    segment: payload.segment,
    totalSegments: payload.totalSegments,
    select: payload.select,
    filter: expressionOption(payload.filter, 'scan: filter'),
    projection: projectionOption(payload.projection),
  });
}

export function sync(payload: DynamoDBSyncInput<unknown> = {}): DynamoDBSyncRequest {
  return withOptions({ operation: 'Sync' }, {
    basePartitionKey: payload.basePartitionKey,
    deltaIndexName: payload.deltaIndexName,
    limit: payload.limit,
    nextToken: payload.nextToken,
    lastSync: payload.lastSync,
    filter: expressionOption(payload.filter, 'sync: filter'),
  });
}

export function batchGet(payload: BatchGetInput): DynamoDBBatchGetItemRequest {
  const tables: Obj = {};
  for (const table of Object.keys(payload.tables)) {
    const request = payload.tables[table];
    tables[table] = withOptions({ keys: request.keys.map(keyOf) }, {
      consistentRead: request.consistentRead,
      projection: projectionOption(request.projection),
    });
  }
  return { operation: 'BatchGetItem', tables } as DynamoDBBatchGetItemRequest;
}

export function batchPut(payload: BatchPutInput): DynamoDBBatchPutItemRequest {
  const tables: Record<string, AttributeMap[]> = {};
  for (const table of Object.keys(payload.tables)) tables[table] = payload.tables[table].map(itemOf);
  return { operation: 'BatchPutItem', tables };
}

export function batchDelete(payload: BatchDeleteInput): DynamoDBBatchDeleteItemRequest {
  const tables: Record<string, AttributeMap[]> = {};
  for (const table of Object.keys(payload.tables)) tables[table] = payload.tables[table].map(keyOf);
  return { operation: 'BatchDeleteItem', tables };
}

export function transactGet(payload: TransactGetInput): DynamoDBTransactGetItemsRequest {
  const transactItems = payload.items.map((item) => withOptions<{ table: string; key: AttributeMap }>(
    { table: item.table, key: keyOf(item.key) },
    { projection: projectionOption(item.projection) },
  ));
  return { operation: 'TransactGetItems', transactItems };
}

/** One `{ putItem | updateItem | deleteItem | conditionCheck: {...} }` entry of transactWrite. */
function transactWriteItem(entry: Obj, index: number): Obj {
  const where = `transactWrite: items[${index}]`;
  if (entry.putItem) {
    const i = entry.putItem as Obj;
    return withOptions({ table: i.table, operation: 'PutItem', key: keyOf(i.key), attributeValues: itemOf(i.item) }, {
      condition: expressionOption(i.condition, `${where}.condition`),
    });
  }
  if (entry.updateItem) {
    const i = entry.updateItem as Obj;
    return withOptions({ table: i.table, operation: 'UpdateItem', key: keyOf(i.key), update: updateOption(i.update) }, {
      condition: expressionOption(i.condition, `${where}.condition`),
    });
  }
  if (entry.deleteItem) {
    const i = entry.deleteItem as Obj;
    return withOptions({ table: i.table, operation: 'DeleteItem', key: keyOf(i.key) }, {
      condition: expressionOption(i.condition, `${where}.condition`),
    });
  }
  if (entry.conditionCheck) {
    const i = entry.conditionCheck as Obj;
    return withOptions({ table: i.table, operation: 'ConditionCheck', key: keyOf(i.key) }, {
      condition: expressionOption(i.condition, `${where}.condition`),
    });
  }
  throw new TypeError(`${where} must be one of { putItem }, { updateItem }, { deleteItem }, { conditionCheck }`);
}

export function transactWrite(payload: TransactWriteInput): DynamoDBTransactWriteItemsRequest {
  const transactItems = payload.items.map((entry, index) => transactWriteItem(entry as unknown as Obj, index));
  return { operation: 'TransactWriteItems', transactItems } as DynamoDBTransactWriteItemsRequest;
}
