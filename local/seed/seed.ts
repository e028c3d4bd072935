/**
 * Seed data from a module the app provides (`--seed FILE`): users first, then items built with
 * those users' subs. The runtime knows the contract, never the app's data.
 */
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
