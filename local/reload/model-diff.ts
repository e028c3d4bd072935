/**
 * What a hot reload changes, read off the two models: the schema, resolvers and pipeline
 * functions (by code), Lambda functions (by asset, handler and configuration), tables, scheduled
 * rules and stream mappings, and what the running services cannot take on without a restart.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { LocalApiModel } from '../assembly/load-api';

export interface ApiChanges {
  schema: boolean;
  /** `Type.field`, prefixed `+` when added and `-` when removed. */
  resolvers: string[];
  /** Pipeline function names, prefixed the same way. */
  functions: string[];
  /** Lambda function names whose code or configuration changed, or that were added or removed. */
  lambdas: string[];
  /** Tables added, or whose definition changed. */
  tables: string[];
  /** Scheduled rules or stream mappings changed. */
  events: boolean;
  /** API settings (auth modes, limits, environment variables…). */
  settings: boolean;
  /** What the running services keep as it was until `npm start` runs again. */
  needsRestart: string[];
}

const hash = (value: unknown) => createHash('sha256').update(JSON.stringify(value) ?? '').digest('hex');

/** Code assets bigger than this are compared by their asset hash alone. */
const MAX_HASHED_BYTES = 64 * 1024 * 1024;
const codeHashes = new Map<string, string>();

/**
 * The code a function runs, without its source maps: bundlers write the sources' paths relative
 * to the assembly into the map, so the same code synthesized into another directory gets another
 * asset hash. Falls back to the asset's name for very large assets.
 */
function codeHash(codePath: string): string {
  const cached = codeHashes.get(codePath);
  if (cached) return cached;
  const digest = createHash('sha256');
  let bytes = 0;
  const walk = (dir: string, prefix: string): boolean => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!walk(path, `${prefix}${entry.name}/`)) return false;
      } else if (!entry.name.endsWith('.map')) {
        bytes += statSync(path).size;
        if (bytes > MAX_HASHED_BYTES) return false;
        digest.update(`${prefix}${entry.name}\0`).update(readFileSync(path));
      }
    }
    return true;
  };
  let value: string;
  try {
    value = walk(codePath, '') ? digest.digest('hex') : basename(codePath);
  } catch {
    value = basename(codePath);
  }
  codeHashes.set(codePath, value);
  return value;
}

/** A Lambda function's identity for warm reuse: its code, handler and configuration, not the assembly it sits in. */
function lambdaSignature(fn: LocalApiModel['lambdas'][string]): string {
  return hash([codeHash(fn.codePath), fn.handler, fn.runtime, fn.environment, fn.timeoutSeconds, fn.memorySize]);
}

/** Keys whose value differs between two maps: `+key` added, `-key` removed, `key` changed. */
function changedKeys<T>(before: Map<string, T>, after: Map<string, T>, same: (a: T, b: T) => boolean): string[] {
  const out: string[] = [];
  for (const [key, value] of after) {
    const old = before.get(key);
    if (old === undefined) out.push(`+${key}`);
    else if (!same(old, value)) out.push(key);
  }
  for (const key of before.keys()) if (!after.has(key)) out.push(`-${key}`);
  return out.sort((a, b) => a.replace(/^[+-]/, '').localeCompare(b.replace(/^[+-]/, '')));
}

export function describeChanges(before: LocalApiModel, after: LocalApiModel): ApiChanges {
  const resolverMap = (m: LocalApiModel) => new Map(m.resolvers.map((r) => [`${r.typeName}.${r.fieldName}`, hash(r)]));
  const functionMap = (m: LocalApiModel) => new Map(Object.values(m.functions).map((f) => [f.name, hash({ ...f, functionId: undefined })]));
  const lambdaMap = (m: LocalApiModel) => new Map(Object.values(m.lambdas).map((f) => [f.functionName, lambdaSignature(f)]));
  const tableMap = (m: LocalApiModel) => new Map(m.tables.map((t) => [t.tableName, hash(t.properties)]));
  const same = (a: string, b: string) => a === b;
  const logicalIds = (list: Array<{ logicalId: string }>) => new Set(list.map((x) => x.logicalId));
  const added = (a: Array<{ logicalId: string }>, b: Array<{ logicalId: string }>) => [...logicalIds(b)].filter((id) => !logicalIds(a).has(id));

  const needsRestart: string[] = [];
  for (const id of added(before.userPools, after.userPools)) needsRestart.push(`user pool ${id} (new)`);
  for (const id of added(before.userPoolClients, after.userPoolClients)) needsRestart.push(`user pool client ${id} (new)`);
  for (const id of added(before.userPoolGroups, after.userPoolGroups)) needsRestart.push(`user pool group ${id} (new)`);
  // cognito-local has one trigger configuration for all pools (local/cognito/triggers.ts).
  const triggers = (m: LocalApiModel) => hash(Object.entries(Object.assign({}, ...m.userPools.map((p) => p.triggers)) as Record<string, string>).sort());
  if (triggers(before) !== triggers(after)) needsRestart.push('Cognito triggers');
  for (const id of added(before.queues, after.queues)) needsRestart.push(`queue ${id} (new)`);

  return {
    schema: before.schema !== after.schema,
    resolvers: changedKeys(resolverMap(before), resolverMap(after), same),
    functions: changedKeys(functionMap(before), functionMap(after), same),
    lambdas: changedKeys(lambdaMap(before), lambdaMap(after), same),
    tables: changedKeys(tableMap(before), tableMap(after), same).filter((t) => !t.startsWith('-')),
    events: hash([before.rules, before.eventSourceMappings]) !== hash([after.rules, after.eventSourceMappings]),
    settings: hash({ ...before.api, logicalId: undefined }) !== hash({ ...after.api, logicalId: undefined }) || hash(before.apiKeys) !== hash(after.apiKeys),
    needsRestart,
  };
}

/** One short phrase for the reload line: `schema, resolvers Query.board +Query.stats, Lambda boardStats`. */
export function summarizeChanges(changes: ApiChanges): string {
  const list = (label: string, items: string[]) => (items.length === 0 ? [] : [`${label} ${items.length > 4 ? `${items.slice(0, 4).join(' ')} +${items.length - 4} more` : items.join(' ')}`]);
  const parts = [
    ...(changes.schema ? ['schema'] : []),
    ...(changes.settings ? ['API settings'] : []),
    ...list(changes.resolvers.length === 1 ? 'resolver' : 'resolvers', changes.resolvers),
    ...list(changes.functions.length === 1 ? 'function' : 'functions', changes.functions),
    ...list('Lambda', changes.lambdas),
    ...list(changes.tables.length === 1 ? 'table' : 'tables', changes.tables),
    ...(changes.events ? ['rules/stream mappings'] : []),
  ];
  return parts.length > 0 ? parts.join(', ') : 'no change to the API';
}
