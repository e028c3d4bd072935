/**
 * The source watcher: a burst of saves becomes one change after the quiet time, editor side files
 * never count, new folders are watched, and a later burst is a change of its own.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isIgnoredSourcePath, watchSources, type SourceWatcher } from '../../../../local/reload/watch-sources';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('isIgnoredSourcePath', () => {
  it.each([
    'resolvers/.Query.board.ts.swp', 'resolvers/Query.board.ts.swp', 'resolvers/Query.board.ts.swx', 'resolvers/4913', 'resolvers/Query.board.ts~',
    'resolvers/#Query.board.ts#', 'resolvers/.#Query.board.ts', 'infra/stack.ts___jb_tmp___', 'infra/stack.ts___jb_old___', 'schema/x.graphql.tmp',
    'schema/x.graphql.tmp.8123', 'functions/a/node_modules/x/index.js', 'infra/.DS_Store', 'functions/.cache/x.ts', 'infra/cdk.out/manifest.json', 'infra/stack.ts.bak',
  ])('ignores %s', (path) => {
    expect(isIgnoredSourcePath(path)).toBe(true);
  });

  it.each(['resolvers/Query.board.ts', 'resolvers/functions/placeTask.ts', 'schema/taskboard.graphql', 'functions/boardStats/index.ts', 'infra/constructs/table.ts', 'infra'])(
    'keeps %s', (path) => {
      expect(isIgnoredSourcePath(path)).toBe(false);
    });
});

describe('watchSources', () => {
  let root: string;
  let watcher: SourceWatcher | undefined;
  afterEach(() => {
    watcher?.close();
    rmSync(root, { recursive: true, force: true });
  });

  /** Node sets up a recursive watcher on Linux asynchronously (it walks the tree): give it a moment. */
  const start = async (debounceMs: number) => {
    root = mkdtempSync(join(tmpdir(), 'watch-sources-'));
    for (const dir of ['resolvers', 'schema']) mkdirSync(join(root, dir));
    const changes: string[][] = [];
    watcher = watchSources({ root, dirs: ['resolvers', 'schema', 'missing'], debounceMs, onChange: (files) => changes.push(files) });
    await sleep(100);
    return changes;
  };

  it('reports a burst of saves once, after the quiet time, without editor side files', async () => {
    const changes = await start(150);
    writeFileSync(join(root, 'resolvers', 'Query.a.ts'), 'a');
    writeFileSync(join(root, 'resolvers', '.Query.a.ts.swp'), 'swap');
    await sleep(40);
    writeFileSync(join(root, 'resolvers', 'Query.a.ts'), 'a2');
    writeFileSync(join(root, 'schema', 'api.graphql'), 'type Query { a: String }');
    writeFileSync(join(root, 'resolvers', '4913'), '');
    await sleep(60);
    // Still inside the quiet time of the last event: nothing yet.
    expect(changes).toEqual([]);
    await sleep(400);
    expect(changes).toEqual([[join('resolvers', 'Query.a.ts'), join('schema', 'api.graphql')]]);
  });

  it('sees files in folders created after it started, and reports a later burst separately', async () => {
    const changes = await start(100);
    mkdirSync(join(root, 'resolvers', 'functions'));
    await sleep(50);
    writeFileSync(join(root, 'resolvers', 'functions', 'fn.ts'), 'x');
    await sleep(400);
    writeFileSync(join(root, 'schema', 'api.graphql'), 'type Query { b: String }');
    await sleep(400);
    expect(changes).toHaveLength(2);
    expect(changes[0]).toContain(join('resolvers', 'functions', 'fn.ts'));
    expect(changes[1]).toEqual([join('schema', 'api.graphql')]);
  });

  it('reports the folder when the only name it saw is a temporary file that is gone (sed -i)', async () => {
    const changes = await start(100);
    writeFileSync(join(root, 'resolvers', 'sedAb12Cd'), 'x');
    await sleep(30);
    rmSync(join(root, 'resolvers', 'sedAb12Cd'));
    await sleep(400);
    expect(changes).toEqual([['resolvers/']]);
  });

  it('reports nothing for side files alone, and nothing after close', async () => {
    const changes = await start(50);
    writeFileSync(join(root, 'resolvers', 'Query.a.ts~'), 'backup');
    await sleep(250);
    watcher!.close();
    writeFileSync(join(root, 'resolvers', 'Query.b.ts'), 'b');
    await sleep(250);
    expect(changes).toEqual([]);
  });
});
