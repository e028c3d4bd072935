/**
 * Completeness: every helper the official @aws-appsync/utils type definitions declare (less the
 * RDS and Bedrock/AI helpers, which need data sources this runtime does not serve) exists in
 * the sandbox as a function.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateCode } from '../../../../local/index';

const lib = resolve(import.meta.dirname, '../../../../node_modules/@aws-appsync/utils/lib');
const methodsIn = (file: string, typeName: string) => {
  const text = readFileSync(resolve(lib, file), 'utf8');
  const body = text.slice(text.indexOf(`export type ${typeName} = {`));
  const end = body.indexOf('\n};');
  return [...new Set([...body.slice(0, end).matchAll(/^ {4}(\w+)(?:<[^>]*>)?\(/gm)].map((m) => m[1]))];
};

const namespaces: Array<[string, string, string]> = [
  ['time', 'time-utils.d.ts', 'TimeUtils'], ['dynamodb', 'dynamodb-utils.d.ts', 'DynamodbUtil'], ['transform', 'transform-utils.d.ts', 'TransformUtils'],
  ['math', 'math-utils.d.ts', 'MathUtils'], ['str', 'string-utils.d.ts', 'StringUtils'], ['http', 'http-utils.d.ts', 'HttpUtils'], ['xml', 'xml-utils.d.ts', 'XmlUtils'],
];
const declared = [
  ...methodsIn('index.d.ts', 'Util').map((m) => `util.${m}`),
  ...namespaces.flatMap(([ns, file, type]) => methodsIn(file, type).map((m) => `util.${ns}.${m}`)),
  ...methodsIn('index.d.ts', 'Extensions').map((m) => `extensions.${m}`),
  'runtime.earlyReturn',
  ...[...readFileSync(resolve(lib, 'dynamodb-helpers.d.ts'), 'utf8').matchAll(/^export declare function (\w+)/gm)].map((m) => `ddb.${m[1]}`),
  ...['add', 'remove', 'replace', 'increment', 'decrement', 'append', 'prepend', 'updateListItem'].map((o) => `ddb.operations.${o}`),
];

describe('the APPSYNC_JS surface', () => {
  it('finds the declarations it checks', () => {
    expect(declared.length).toBeGreaterThan(60);
    expect(declared).toContain('util.time.nowFormatted');
    expect(declared).toContain('ddb.transactWrite');
  });

  it.each(declared)('implements %s', async (path) => {
    const out = await evaluateCode({
      runtime: { name: 'APPSYNC_JS', runtimeVersion: '1.0.0' },
      code: `import { util, extensions, runtime } from '@aws-appsync/utils';\nimport * as ddb from '@aws-appsync/utils/dynamodb';\nexport function request(ctx) { return typeof ${path}; }\nexport function response(ctx) { return null; }`,
      context: '{}',
      function: 'request',
    });
    expect(JSON.parse(out.evaluationResult!)).toBe('function');
  });
});
