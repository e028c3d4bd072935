import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { generate, loadCodegenConfig } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

describe('generated GraphQL types', () => {
  it('are up to date with schema/ (run `npm run codegen` when this fails)', async () => {
    const { config } = await loadCodegenConfig({ configFilePath: resolve(root, 'codegen.yml') });
    const outputs = (await generate({ ...config, cwd: root, silent: true }, false)) as Array<{ filename: string; content: string }>;
    const expected = outputs.find((o) => o.filename.endsWith('generated/graphql.ts'));
    expect(expected, 'codegen.yml must generate generated/graphql.ts').toBeDefined();
    const committed = readFileSync(resolve(root, 'generated/graphql.ts'), 'utf8');
    expect(committed).toBe(expected!.content);
  });

  it('mark themselves as generated', () => {
    const committed = readFileSync(resolve(root, 'generated/graphql.ts'), 'utf8');
    expect(committed.split('\n')[0]).toMatch(/^\/\/ GENERATED FILE: do not edit by hand/);
  });
});
