/**
 * The README's start command: `npm start` synthesizes when stale, runs DynamoDB Local with the
 * template's tables, says what it serves, and leaves nothing running after Ctrl-C.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { DynamoDBClient, ListTablesCommand, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');

describe('npm start', () => {
  it('serves the template\'s tables on DynamoDB Local and stops cleanly on SIGINT', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'local/cli/start.ts'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DYNAMODB_ENDPOINT: '' } });
    let output = '';
    child.stdout.on('data', (d: Buffer) => { output += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { output += d.toString(); });
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));

    const deadline = Date.now() + 120_000;
    while (!output.includes('Press Ctrl-C to stop') && Date.now() < deadline && child.exitCode === null) {
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(output, output).toContain('Taskboard local stack');
    expect(output).toContain('Not served yet');

    const endpoint = output.match(/DynamoDB Local\s+(http:\/\/127\.0\.0\.1:\d+)/)![1];
    const client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const { TableNames } = await client.send(new ListTablesCommand({}));
    expect(TableNames).toEqual([expect.stringMatching(/^Taskboard-DataTable/)]);
    const { Table } = await client.send(new DescribeTableCommand({ TableName: TableNames![0] }));
    expect(Table?.LocalSecondaryIndexes?.map((i) => i.IndexName)).toEqual(['lsi1']);
    expect(Table?.GlobalSecondaryIndexes?.map((i) => i.IndexName).sort()).toEqual(['gsi1', 'gsi2']);
    client.destroy();

    child.kill('SIGINT');
    expect(await exited).toBe(0);
    // DynamoDB Local is gone with it.
    const after = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 });
    await expect(after.send(new ListTablesCommand({}))).rejects.toThrow();
    after.destroy();
  }, 150_000);
});
