import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateCode } from '../../../../local/index';

/** Outputs recorded from the real AppSync EvaluateCode API (see ../shared/README.md). */
interface GoldenCase { name: string; code: string; function: 'request' | 'response'; context: unknown; expected?: unknown; expectedError?: { message: string } }
const golden = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../../../shared/golden/appsync-js-evaluations.json'), 'utf8')) as { cases: GoldenCase[] };

describe('golden EvaluateCode cases recorded from AWS AppSync', () => {
  it('has cases to replay', () => {
    expect(golden.cases.length).toBeGreaterThan(20);
  });

  it.each(golden.cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const output = await evaluateCode({
      runtime: { name: 'APPSYNC_JS', runtimeVersion: '1.0.0' },
      code: c.code,
      context: JSON.stringify(c.context),
      function: c.function,
    });
    if (c.expectedError) {
      expect(output.error?.message).toBe(c.expectedError.message);
    } else {
      expect(output.error, JSON.stringify(output.error)).toBeUndefined();
      expect(JSON.parse(output.evaluationResult!)).toEqual(c.expected);
    }
  });
});
