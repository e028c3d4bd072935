import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { generate, loadCodegenConfig } from '@graphql-codegen/cli';
import { beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
/** The example web client's operation types (graphql-codegen's client preset). */
const WEB_GQL = 'examples/web/src/gql/';

describe('generated GraphQL types', () => {
  let outputs: Array<{ filename: string; content: string }>;

  beforeAll(async () => {
    const { config } = await loadCodegenConfig({ configFilePath: resolve(root, 'codegen.yml') });
    outputs = (await generate({ ...config, cwd: root, silent: true }, false)) as Array<{ filename: string; content: string }>;
  });

  it('are up to date with schema/ (run `npm run codegen` when this fails)', () => {
    const expected = outputs.find((o) => o.filename.endsWith('generated/graphql.ts'));
    expect(expected, 'codegen.yml must generate generated/graphql.ts').toBeDefined();
    const committed = readFileSync(resolve(root, 'generated/graphql.ts'), 'utf8');
    expect(committed).toBe(expected!.content);
  });

  it('of the example web client are up to date with schema/ and its operations (run `npm run codegen` when this fails)', () => {
    const expected = outputs.filter((o) => o.filename.startsWith(WEB_GQL));
    expect(expected.map((o) => o.filename).sort()).toEqual([`${WEB_GQL}gql.ts`, `${WEB_GQL}graphql.ts`, `${WEB_GQL}index.ts`]);
    for (const output of expected) expect(readFileSync(resolve(root, output.filename), 'utf8'), output.filename).toBe(output.content);
    // A file codegen no longer writes would linger, stale.
    const present = readdirSync(resolve(root, WEB_GQL)).filter((f) => f.endsWith('.ts')).map((f) => WEB_GQL + f);
    expect(present.sort()).toEqual(expected.map((o) => o.filename).sort());
  });

  it('mark themselves as generated', () => {
    const committed = readFileSync(resolve(root, 'generated/graphql.ts'), 'utf8');
    expect(committed.split('\n')[0]).toMatch(/^\/\/ GENERATED FILE: do not edit by hand/);
    // The client preset writes its own headers; the types file carries ours, and git marks the folder.
    expect(readFileSync(resolve(root, WEB_GQL, 'graphql.ts'), 'utf8')).toMatch(/^\/\/ GENERATED FILE: do not edit by hand/m);
    expect(readFileSync(resolve(root, WEB_GQL, '.gitattributes'), 'utf8')).toMatch(/^\* linguist-generated=true$/m);
  });
});
