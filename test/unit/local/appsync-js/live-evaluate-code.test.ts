/**
 * Opt-in: replays the golden cases against the REAL AppSync EvaluateCode API, to re-check the
 * local evaluator against AWS when credentials exist. Skipped by design unless
 * APPSYNC_EVALUATE_LIVE=1 (this workspace has no AWS account); the only skip in the suite.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppSyncClient, EvaluateCodeCommand } from '@aws-sdk/client-appsync';
import { describe, expect, it } from 'vitest';
import { evaluateCode } from '../../../../local/index';

const live = process.env.APPSYNC_EVALUATE_LIVE === '1';
const golden = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../../../shared/golden/appsync-js-evaluations.json'), 'utf8')) as {
  cases: Array<{ name: string; code: string; function: 'request' | 'response'; context: unknown }>;
};

describe.skipIf(!live)('live AppSync EvaluateCode (opt-in: APPSYNC_EVALUATE_LIVE=1 with AWS credentials)', () => {
  const client = new AppSyncClient({});
  it.each(golden.cases.map((c) => [c.name, c] as const))('local matches AWS: %s', async (_name, c) => {
    const input = { runtime: { name: 'APPSYNC_JS', runtimeVersion: '1.0.0' } as const, code: c.code, context: JSON.stringify(c.context), function: c.function };
    const [remote, local] = await Promise.all([client.send(new EvaluateCodeCommand(input)), evaluateCode(input)]);
    expect(local.error?.message).toBe(remote.error?.message);
    if (remote.evaluationResult) expect(JSON.parse(local.evaluationResult!)).toEqual(JSON.parse(remote.evaluationResult));
  });
});
