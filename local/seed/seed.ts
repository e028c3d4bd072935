/**
 * Seed data from a module the app provides (`--seed FILE`): users first, then items built with
 * those users' subs. The runtime knows the contract, never the app's data.
 */
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BatchWriteItemCommand, type DynamoDBClient, type WriteRequest } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';

export interface SeedUser { username: string; email: string; password: string; groups?: string[] }
export interface SeedContext { outputs: Record<string, string>; subs: Record<string, string>; now: Date }
export interface SeedItem { tableName: string; item: Record<string, unknown> }
export interface SeedModule { users?: SeedUser[]; items?: (ctx: SeedContext) => SeedItem[] }

export async function importSeedModule(file: string): Promise<SeedModule> {
  const mod = (await import(pathToFileURL(resolve(file)).href)) as SeedModule;
  if (mod.items !== undefined && typeof mod.items !== 'function') throw new Error(`${file}: 'items' must be a function (ctx) => SeedItem[]`);
  if (mod.users !== undefined && !Array.isArray(mod.users)) throw new Error(`${file}: 'users' must be an array`);
  return mod;
}

/** A stable UUID-shaped sub per username, until local Cognito assigns real ones. */
export function localSub(username: string): string {
  const h = createHash('sha256').update(`local-user:${username}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Writes items in BatchWriteItem chunks of 25, retrying what DynamoDB leaves unprocessed. */
export async function writeSeedItems(client: DynamoDBClient, items: SeedItem[]): Promise<number> {
  for (let i = 0; i < items.length; i += 25) {
    let request: Record<string, WriteRequest[]> = {};
    for (const { tableName, item } of items.slice(i, i + 25)) {
      (request[tableName] ??= []).push({ PutRequest: { Item: marshall(item, { removeUndefinedValues: true }) } });
    }
    for (let attempt = 0; Object.keys(request).length > 0; attempt++) {
      if (attempt > 10) throw new Error('DynamoDB kept leaving seed items unprocessed');
      const out = await client.send(new BatchWriteItemCommand({ RequestItems: request }));
      request = out.UnprocessedItems ?? {};
    }
  }
  return items.length;
}
