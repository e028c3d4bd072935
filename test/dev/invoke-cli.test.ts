/**
 * `npm run invoke` (local/cli/invoke.ts) against a runtime started here on the fixture app: it
 * finds the function by a part of its logical id, sends a scheduled rule's target the rule's
 * event by default, prints the response payload (and the log with --tail), and explains what it
 * cannot do. Also `runtime.schedules` for in-process callers.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { givenLocalApi, type LocalApi } from '../helpers/local-api';

const root = resolve(import.meta.dirname, '../..');
let api: LocalApi;
let scratch: string;

beforeAll(async () => {
  const outdir = inject('miniAppAssembly');
  scratch = mkdtempSync(join(tmpdir(), 'invoke-cli-'));
  api = await givenLocalApi({ assemblyDir: outdir });
}, 120_000);
afterAll(async () => api?.close());

/** Runs the CLI as `npm run invoke` does (tsx), without credentials of its own in the environment. */
function invokeCli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env };
  delete env.AWS_ACCESS_KEY_ID;
  delete env.AWS_SECRET_ACCESS_KEY;
  return new Promise((done) => {
    // node --import tsx: what `npm run invoke` runs, without npx's start-up on every call.
    execFile(process.execPath, ['--import', 'tsx', 'local/cli/invoke.ts', ...args, '--port', String(api.runtime.port)], { cwd: root, env, timeout: 120_000 }, (error, stdout, stderr) => {
      done({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}
const fn = (prefix: string) => Object.values(api.runtime.model.lambdas).find((l) => l.logicalId.startsWith(prefix))!;
const notesTable = () => api.runtime.model.tables.find((t) => t.logicalId.startsWith('Notes'))!.tableName;

// Each case starts the CLI process (or several): slow on a busy machine.
describe('npm run invoke', { timeout: 120_000 }, () => {
  it('finds a scheduled function by part of its logical id and sends it its rule\'s scheduled event', async () => {
    const out = await invokeCli('nightlyDigest');
    expect(out.code, out.stderr).toBe(0);
    const rule = api.runtime.model.rules[0];
    const { received } = JSON.parse(out.stdout) as { received: Record<string, unknown> };
    expect(received).toEqual({
      version: '0', id: expect.stringMatching(/^[0-9a-f-]{36}$/), 'detail-type': 'Scheduled Event', source: 'aws.events',
      account: '000000000000', time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:00Z$/), region: 'us-east-1', resources: [rule.arn], detail: {},
    });
    expect(out.stderr).toContain(`Invoking ${fn('NightlyDigest').functionName} (${fn('NightlyDigest').logicalId}) with what rule ${rule.name} (cron(0 6 * * ? *)) sends`);
    const item = await api.runtime.client.send(new GetItemCommand({ TableName: notesTable(), Key: { id: { S: `digest-${String(received.id)}` } }, ConsistentRead: true }));
    expect(item.Item?.owner.S).toBe('digest');
  });

  it('sends --payload or --payload-file, by exact local name, and prints the log with --tail', async () => {
    const byName = await invokeCli(fn('Shouter').functionName, '--payload', '{"text":"hey"}');
    expect(byName.code, byName.stderr).toBe(0);
    expect(JSON.parse(byName.stdout)).toBe('HEY');
    const file = join(scratch, 'batch.json');
    writeFileSync(file, JSON.stringify([{ text: 'a' }, { text: 'b' }]));
    const tailed = await invokeCli('shouter', '--payload-file', file, '--tail');
    expect(tailed.code, tailed.stderr).toBe(0);
    expect(JSON.parse(tailed.stdout)).toEqual(['A!', 'B!']);
    expect(tailed.stderr).toMatch(/--- log ---\nSTART RequestId: [0-9a-f-]{36} Version: \$LATEST\nbatch of 2\n/);
  });

  it('sends the scheduled event to any function with --event scheduled', async () => {
    const out = await invokeCli('shouter', '--event', 'scheduled');
    expect(out.code, out.stderr).toBe(0);
    expect(out.stderr).toMatch(/with the scheduled event:\n\{\n {2}"version": "0",[\s\S]*"detail-type": "Scheduled Event"/);
  });

  it('prints a function error and exits 1', async () => {
    const out = await invokeCli('shouter', '--payload', '{"text":"fail"}');
    expect(out.code).toBe(1);
    expect(JSON.parse(out.stdout)).toMatchObject({ errorType: 'Error', errorMessage: 'the shouter failed' });
    expect(out.stderr).toContain('failed (X-Amz-Function-Error: Unhandled)');
  });

  it('lists the candidates when the name is ambiguous or unknown, and exits 2', async () => {
    const ambiguous = await invokeCli('e');
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toContain('e matches several functions; name one of:');
    expect(ambiguous.stderr).toContain(fn('Welcome').logicalId);
    const unknown = await invokeCli('nothing-like-this');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no function matches nothing-like-this; the local API has:');
    expect(unknown.stderr).toContain(fn('Shouter').logicalId);
    const badJson = await invokeCli('shouter', '--payload', '{nope');
    expect(badJson.code).toBe(2);
    expect(badJson.stderr).toContain('--payload is not JSON');
  });
});

describe('runtime.schedules', () => {
  it('lists the rules with their next run and does not run them unless asked (schedules: false)', () => {
    expect(api.runtime.schedules.running).toBe(false);
    expect(api.runtime.schedules.list()).toEqual([expect.objectContaining({
      name: api.runtime.model.rules[0].name, scheduleExpression: 'cron(0 6 * * ? *)', state: 'ENABLED', nextRun: expect.stringMatching(/T06:00:00\.000Z$/),
    })]);
  });

  it('runNow invokes a rule\'s targets by function name and returns their results', async () => {
    const [result] = await api.runtime.schedules.runNow(fn('NightlyDigest').functionName);
    expect(result).toMatchObject({ rule: api.runtime.model.rules[0].name, targetId: 'Target0', ok: true, payload: { received: { 'detail-type': 'Scheduled Event' } } });
  });
});
