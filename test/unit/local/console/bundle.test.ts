import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { bundleKey, ensureConsoleBundle, type ConsoleBuilder } from '../../../../local/console/bundle';

const dirs: string[] = [];
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function givenSources(text = 'export {};'): string {
  const dir = tempDir('console-src-');
  writeFileSync(join(dir, 'main.tsx'), text);
  return dir;
}

const writing = (files: Record<string, string>) => vi.fn<ConsoleBuilder>(async (outdir) => {
  for (const [name, text] of Object.entries(files)) writeFileSync(join(outdir, name), text);
});

describe('ensureConsoleBundle', () => {
  it('builds once into the cache, shares one build between concurrent callers, and is served from disk afterwards', async () => {
    const cacheDir = tempDir('console-cache-');
    const sourceDir = givenSources();
    const build = writing({ 'app.js': 'console.log(1)', 'app.css': 'body{}' });
    const [a, b] = await Promise.all([ensureConsoleBundle({ cacheDir, sourceDir, build }), ensureConsoleBundle({ cacheDir, sourceDir, build })]);
    expect(build).toHaveBeenCalledTimes(1);
    expect(a).toBe(b);
    expect(a).toEqual({ key: bundleKey(sourceDir), dir: join(cacheDir, bundleKey(sourceDir)), files: ['app.css', 'app.js'] });
    expect(readFileSync(join(a.dir, 'app.js'), 'utf8')).toBe('console.log(1)');

    // A new process (a fresh module) finds the bundle on disk.
    vi.resetModules();
    const fresh = await import('../../../../local/console/bundle');
    const rebuild = writing({ 'app.js': 'other' });
    expect(await fresh.ensureConsoleBundle({ cacheDir, sourceDir, build: rebuild })).toEqual(a);
    expect(rebuild).not.toHaveBeenCalled();
  });

  it('changes its key with the sources, and removes the bundle the new one replaces', async () => {
    const cacheDir = tempDir('console-cache-');
    const sourceDir = givenSources('export const a = 1;');
    const first = await ensureConsoleBundle({ cacheDir, sourceDir, build: writing({ 'app.js': '1' }) });
    writeFileSync(join(sourceDir, 'main.tsx'), 'export const a = 2;');
    const second = await ensureConsoleBundle({ cacheDir, sourceDir, build: writing({ 'app.js': '2' }) });
    expect(second.key).not.toBe(first.key);
    expect(readFileSync(join(second.dir, 'app.js'), 'utf8')).toBe('2');
    expect(existsSync(first.dir)).toBe(false);
  });

  it('leaves nothing behind when a build fails, and tries again on the next call', async () => {
    const cacheDir = tempDir('console-cache-');
    const sourceDir = givenSources();
    const failing = vi.fn<ConsoleBuilder>(async () => { throw new Error('esbuild: Could not resolve "graphiql"'); });
    await expect(ensureConsoleBundle({ cacheDir, sourceDir, build: failing })).rejects.toThrow('Could not resolve');
    expect(readdirSync(cacheDir)).toEqual([]);
    const ok = await ensureConsoleBundle({ cacheDir, sourceDir, build: writing({ 'app.js': 'ok' }) });
    expect(ok.files).toEqual(['app.js']);
  });

  it('ignores a half-written bundle a killed build left without its manifest', async () => {
    const cacheDir = tempDir('console-cache-');
    const sourceDir = givenSources();
    mkdirSync(join(cacheDir, bundleKey(sourceDir)), { recursive: true });
    writeFileSync(join(cacheDir, bundleKey(sourceDir), 'app.js'), 'trunc');
    const build = writing({ 'app.js': 'whole' });
    const bundle = await ensureConsoleBundle({ cacheDir, sourceDir, build });
    expect(build).toHaveBeenCalledTimes(1);
    expect(readFileSync(join(bundle.dir, 'app.js'), 'utf8')).toBe('whole');
  });

  it('bundles the real console with esbuild: the app, its stylesheet and Monaco\'s three workers', async () => {
    const cacheDir = tempDir('console-cache-');
    const bundle = await ensureConsoleBundle({ cacheDir });
    for (const name of ['app.js', 'app.css', 'editor.worker.js', 'json.worker.js', 'graphql.worker.js']) expect(bundle.files).toContain(name);
    const app = readFileSync(join(bundle.dir, 'app.js'), 'utf8');
    // The app code is in it, GraphiQL with it (no CDN), and the worker URLs the runtime serves.
    expect(app).toContain('/local/console/sign');
    expect(app).toContain('graphiql-container');
    expect(app).not.toMatch(/https:\/\/(esm\.sh|unpkg\.com|cdn\.jsdelivr\.net)/);
    expect(statSync(join(bundle.dir, 'graphql.worker.js')).size).toBeGreaterThan(10_000);
  });
});
