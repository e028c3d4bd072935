/**
 * Running DynamoDB Local: Java checks, loopback binding, persistence, both launchers,
 * DYNAMODB_ENDPOINT, and that no Java process outlives its owner, even one killed by SIGKILL.
 */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createLocalDynamoDBClient, executeDynamoDBRequest } from '../../local/datasources/dynamodb';
import { JavaRuntimeError, startDynamoDBLocal, type DynamoDBLocal } from '../../local/dynamodb/dynamodb-local';
import { ensureTable } from '../../local/dynamodb/tables';

const scratch = mkdtempSync(join(tmpdir(), 'ddb-local-test-'));
const started: DynamoDBLocal[] = [];

afterAll(async () => {
  await Promise.all(started.map((d) => d.stop()));
  rmSync(scratch, { recursive: true, force: true });
});

/** Alive and not a zombie (an orphan's zombie may linger when PID 1 does not reap). */
function isAlive(pid: number): boolean {
  const stat = `/proc/${pid}/stat`;
  if (existsSync('/proc/self/stat')) {
    if (!existsSync(stat)) return false;
    try {
      return !/^\d+ \(.*\) Z/.test(readFileSync(stat, 'utf8'));
    } catch {
      return false;
    }
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntilDead(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !isAlive(pid);
}

function connectOutcome(host: string, port: number): Promise<'connected' | 'refused'> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 2_000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', () => resolve('refused'));
    socket.once('timeout', () => {
      socket.destroy();
      resolve('refused');
    });
  });
}

const TABLE = { tableName: 'persisted', properties: { KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' as const }], AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' as const }] } };

describe('Java checks', () => {
  it('fails fast with an install hint when java is missing', async () => {
    const error = await startDynamoDBLocal({ javaCommand: join(scratch, 'no-java'), env: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JavaRuntimeError);
    expect((error as Error).message).toMatch(/not found.*apt-get install -y openjdk-17-jdk-headless/);
  });

  it('fails fast when java is older than 17', async () => {
    const fake = join(scratch, 'java11');
    writeFileSync(fake, '#!/bin/sh\necho \'openjdk version "11.0.20" 2023-07-18\' >&2\n');
    chmodSync(fake, 0o755);
    const error = await startDynamoDBLocal({ javaCommand: fake, env: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JavaRuntimeError);
    expect((error as Error).message).toMatch(/is Java 11.*apt-get install -y openjdk-17-jdk-headless/);
  });
});

describe('DynamoDB Local process', () => {
  it('binds to 127.0.0.1, persists across restarts with either launcher, and stops completely', async () => {
    const dir = join(scratch, 'db');
    const first = await startDynamoDBLocal({ persistDir: dir, env: {} });
    started.push(first);
    expect(first.launcher).toBe('loopback');
    expect(first.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const port = Number(new URL(first.endpoint).port);
    const external = Object.values(networkInterfaces()).flat().find((a) => a && a.family === 'IPv4' && !a.internal);
    if (external) expect(await connectOutcome(external.address, port)).toBe('refused');

    const client = createLocalDynamoDBClient({ endpoint: first.endpoint });
    expect(await ensureTable(client, TABLE)).toEqual({ tableName: 'persisted', created: true });
    expect(await ensureTable(client, TABLE)).toEqual({ tableName: 'persisted', created: false });
    await executeDynamoDBRequest({ operation: 'PutItem', key: { id: { S: 'kept' } }, attributeValues: {} }, { client, tableName: 'persisted' });
    client.destroy();

    const firstPid = first.pid as number;
    await first.stop();
    expect(isAlive(firstPid)).toBe(false);
    expect(await connectOutcome('127.0.0.1', port)).toBe('refused');
    await first.stop(); // idempotent

    // Same directory, the plain-jar launcher (the fallback for runtimes without jdk.compiler).
    const second = await startDynamoDBLocal({ persistDir: dir, launcher: 'jar', env: {} });
    started.push(second);
    expect(second.launcher).toBe('jar');
    const secondClient = createLocalDynamoDBClient({ endpoint: second.endpoint });
    const read = await executeDynamoDBRequest({ operation: 'GetItem', key: { id: { S: 'kept' } } }, { client: secondClient, tableName: 'persisted' });
    expect(read).toEqual({ result: { id: 'kept' } });
    secondClient.destroy();

    // DYNAMODB_ENDPOINT: nothing is started and stop() leaves the server alone.
    const viaEnv = await startDynamoDBLocal({ env: { DYNAMODB_ENDPOINT: second.endpoint } });
    expect(viaEnv).toMatchObject({ endpoint: second.endpoint, external: true, launcher: 'external', pid: null });
    await viaEnv.stop();
    expect(await connectOutcome('127.0.0.1', Number(new URL(second.endpoint).port))).toBe('connected');

    const secondPid = second.pid as number;
    await second.stop();
    expect(await waitUntilDead(secondPid, 2_000)).toBe(true);
  }, 90_000);

  it('leaves no Java behind when the owning process is killed with SIGKILL', async () => {
    const fixture = fileURLToPath(new URL('./fixtures/dynamodb-local-child.ts', import.meta.url));
    const env = { ...process.env };
    delete env.DYNAMODB_ENDPOINT;
    const child = spawn(process.execPath, ['--import', 'tsx', fixture], { stdio: ['ignore', 'pipe', 'ignore'], env });
    try {
      const firstLine = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout }).once('line', resolve);
        child.once('exit', (code) => reject(new Error(`fixture exited early (${code})`)));
      });
      const { pid } = JSON.parse(firstLine) as { pid: number };
      expect(isAlive(pid)).toBe(true);
      child.kill('SIGKILL');
      expect(await waitUntilDead(pid, 10_000)).toBe(true);
    } finally {
      child.kill('SIGKILL');
    }
  }, 90_000);
});
