/**
 * The README's start command, as a newcomer runs it: `npm start -- --port N` synthesizes when
 * stale, serves the Taskboard API with seed data and local Cognito, hands out a token, answers a
 * query made with it, and leaves nothing
 * running after SIGINT or SIGTERM.
 */
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { resolve } from 'node:path';
import { DynamoDBClient, ListTablesCommand, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { freePort } from '../../local/dynamodb/dynamodb-local';

const root = resolve(import.meta.dirname, '../..');

async function startNpmStart(port: number) {
  const child = spawn('npm', ['start', '--silent', '--', '--port', String(port)], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DYNAMODB_ENDPOINT: '' }, detached: true });
  let output = '';
  child.stdout.on('data', (d: Buffer) => { output += d.toString(); });
  child.stderr.on('data', (d: Buffer) => { output += d.toString(); });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.on('exit', (code, signal) => done({ code, signal })));
  const deadline = Date.now() + 150_000;
  while (!output.includes('Press Ctrl-C to stop') && Date.now() < deadline && child.exitCode === null) {
    await new Promise((r) => setTimeout(r, 200));
  }
  return { child, exited, output: () => output };
}

describe('npm start', () => {
  it('serves the API with seed data on the chosen port, and stops everything on SIGINT', async () => {
    const port = await freePort();
    const { child, exited, output } = await startNpmStart(port);
    expect(output(), output()).toContain(`POST http://127.0.0.1:${port}/graphql`);
    expect(output()).toContain(`GET  http://127.0.0.1:${port}/health`);
    expect(output()).toMatch(/Tables\s+Taskboard-DataTable/);
    expect(output()).toMatch(/alice\s+alice@example\.com\s+Passw0rd!alice/);
    expect(output()).toContain(`npm run --silent token -- alice --port ${port}`);
    expect(output()).toContain('for development only');

    // The README's one-liner: a token from the token command, then curl.
    const { stdout } = await promisify(execFile)('npm', ['run', '--silent', 'token', '--', 'alice', '--port', String(port)], { cwd: root });
    const token = stdout.trim();
    expect(stdout.split('\n').filter(Boolean)).toHaveLength(1);
    expect(token.split('.')).toHaveLength(3);

    expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);
    const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: token },
      body: JSON.stringify({ query: '{ myBoards { items { name myRole memberCount taskCount } } }' }),
    });
    const body = await res.json() as { data: { myBoards: { items: Array<{ name: string; myRole: string; memberCount: number; taskCount: number }> } } };
    expect(res.status).toBe(200);
    expect(body.data.myBoards.items).toContainEqual(expect.objectContaining({ myRole: 'OWNER', memberCount: 2 }));

    const endpoint = output().match(/DynamoDB\s+(http:\/\/127\.0\.0\.1:\d+)/)![1];
    const client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const { TableNames } = await client.send(new ListTablesCommand({}));
    const { Table } = await client.send(new DescribeTableCommand({ TableName: TableNames![0] }));
    expect(Table?.LocalSecondaryIndexes?.map((i) => i.IndexName)).toEqual(['lsi1']);
    expect(Table?.GlobalSecondaryIndexes?.map((i) => i.IndexName).sort()).toEqual(['gsi1', 'gsi2', 'gsi3']);
    client.destroy();

    // Ctrl-C signals the whole foreground group: npm, its shell and our process.
    process.kill(-child.pid!, 'SIGINT');
    const { code, signal } = await exited;
    expect(code === 0 || signal === 'SIGINT', `exit ${code} ${signal}`).toBe(true);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(output()).toContain('SIGINT: stopping');
    // DynamoDB Local and the HTTP server are gone with it.
    const after = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 });
    await expect(after.send(new ListTablesCommand({}))).rejects.toThrow();
    after.destroy();
    await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
    const cognitoEndpoint = output().match(/Cognito\s+(http:\/\/127\.0\.0\.1:\d+)/)![1];
    await expect(fetch(cognitoEndpoint)).rejects.toThrow();
  }, 200_000);
});
