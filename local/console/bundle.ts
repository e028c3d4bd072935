/**
 * The console's browser bundle: GraphiQL (React, Monaco and its workers) and our app code, built
 * with esbuild from node_modules, so the console needs no CDN and works offline. Built on first
 * use into a cache directory (`.local/console/<key>/`), where the key hashes the app sources and
 * the versions of everything bundled; later starts reuse it. `npm start` warms it in the
 * background after start-up, so `npm start` itself and `npm test` never wait for it.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';

/** Where `npm start` keeps the built console (gitignored with the rest of `.local/`). */
export const DEFAULT_CONSOLE_CACHE_DIR = '.local/console';

/** The browser app's sources. */
export const CONSOLE_APP_DIR = resolve(import.meta.dirname, 'app');

/** Packages whose code lands in the bundle: a new version means a new bundle. */
const BUNDLED_PACKAGES = ['esbuild', 'graphiql', '@graphiql/react', '@graphiql/toolkit', 'monaco-editor', 'monaco-graphql', 'react', 'react-dom', 'graphql'];

/** Bumped when the build options below change in a way the key cannot see. */
const BUILD_FORMAT = 1;

const MANIFEST = 'manifest.json';

export interface ConsoleBundle {
  key: string;
  dir: string;
  /** File names in `dir` the console may serve (app.js, app.css, the workers, fonts). */
  files: string[];
}

/** Writes the bundle's files into `outdir` (which exists and is empty). */
export type ConsoleBuilder = (outdir: string) => Promise<void>;

export interface ConsoleBundleOptions {
  cacheDir?: string;
  /** The app sources the key covers (default: local/console/app). */
  sourceDir?: string;
  /** Replaces the esbuild build (tests). */
  build?: ConsoleBuilder;
}

const building = new Map<string, Promise<ConsoleBundle>>();

/**
 * The bundle for the current sources, from the cache or built now. Concurrent callers share one
 * build; a failed build is forgotten so that the next request tries again.
 */
export function ensureConsoleBundle(options: ConsoleBundleOptions = {}): Promise<ConsoleBundle> {
  const cacheDir = resolve(options.cacheDir ?? DEFAULT_CONSOLE_CACHE_DIR);
  const sourceDir = options.sourceDir ?? CONSOLE_APP_DIR;
  const key = bundleKey(sourceDir);
  const memo = `${cacheDir}\0${key}`;
  let pending = building.get(memo);
  if (!pending) {
    pending = load(cacheDir, key, options.build ?? esbuildConsole(sourceDir));
    building.set(memo, pending);
    pending.catch(() => building.delete(memo));
  }
  return pending;
}

/** Hash of the app sources, the bundled packages' versions and the build format. */
export function bundleKey(sourceDir: string): string {
  const hash = createHash('sha256').update(`format ${BUILD_FORMAT}\n`);
  for (const file of listFiles(sourceDir)) hash.update(`${relative(sourceDir, file)}\n`).update(readFileSync(file)).update('\n');
  const require = createRequire(join(sourceDir, 'package.json'));
  for (const name of BUNDLED_PACKAGES) {
    let version = 'absent';
    try {
      version = (JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as { version: string }).version;
    } catch {
      // Not installed: the build will say so; the key only needs to change when it is.
    }
    hash.update(`${name}@${version}\n`);
  }
  return hash.digest('hex').slice(0, 16);
}

async function load(cacheDir: string, key: string, build: ConsoleBuilder): Promise<ConsoleBundle> {
  const dir = join(cacheDir, key);
  const cached = readManifest(dir);
  if (cached) return { key, dir, files: cached };
  mkdirSync(cacheDir, { recursive: true });
  // Build beside the final place and rename: another process never sees a half-written bundle.
  const staging = join(cacheDir, `${key}.building-${process.pid}-${randomBytes(4).toString('hex')}`);
  mkdirSync(staging);
  try {
    await build(staging);
    const files = readdirSync(staging).filter((f) => f !== MANIFEST).sort();
    writeFileSync(join(staging, MANIFEST), JSON.stringify({ key, files }));
    // A directory without a manifest is a build a killed process left half-written.
    if (existsSync(dir) && !readManifest(dir)) rmSync(dir, { recursive: true, force: true });
    try {
      renameSync(staging, dir);
    } catch (error) {
      // Another process finished the same bundle first: use theirs.
      if (!readManifest(dir)) throw error;
      rmSync(staging, { recursive: true, force: true });
    }
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  removeStaleBundles(cacheDir, key);
  return { key, dir, files: readManifest(dir)! };
}

function readManifest(dir: string): string[] | undefined {
  try {
    const manifest = JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8')) as { files?: unknown };
    return Array.isArray(manifest.files) ? manifest.files.map(String) : undefined;
  } catch {
    return undefined;
  }
}

/** Older bundles (other keys, or builds a killed process left behind). */
function removeStaleBundles(cacheDir: string, key: string): void {
  for (const name of readdirSync(cacheDir)) {
    if (name === key || name.startsWith(`${key}.building-`)) continue;
    // Another key's build may be running in another process right now; leave young directories alone.
    const full = join(cacheDir, name);
    if (name.includes('.building-') && Date.now() - statSync(full).mtimeMs < 10 * 60_000) continue;
    rmSync(full, { recursive: true, force: true });
  }
}

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(full));
    else out.push(full);
  }
  return out;
}

/**
 * esbuild: the app as one ES module (app.js + app.css), and Monaco's three workers as classic
 * scripts, since a worker is started from a URL, not imported.
 */
function esbuildConsole(sourceDir: string): ConsoleBuilder {
  return async (outdir) => {
    const esbuild = await import('esbuild');
    const common = {
      bundle: true, minify: true, platform: 'browser', target: 'es2022', outdir, logLevel: 'silent', legalComments: 'none',
      define: { 'process.env.NODE_ENV': '"production"' },
      // Monaco's own CSS imports its icon font; GraphiQL's stylesheet inlines the rest.
      loader: { '.ttf': 'file', '.woff': 'file', '.woff2': 'file' }, assetNames: '[name]-[hash]',
    } as const;
    const require = createRequire(join(sourceDir, 'package.json'));
    await Promise.all([
      esbuild.build({ ...common, entryPoints: { app: join(sourceDir, 'main.tsx') }, format: 'esm', jsx: 'automatic', tsconfig: join(sourceDir, 'tsconfig.json') }),
      esbuild.build({
        ...common, format: 'iife',
        entryPoints: {
          'editor.worker': require.resolve('monaco-editor/esm/vs/editor/editor.worker.js'),
          'json.worker': require.resolve('monaco-editor/esm/vs/language/json/json.worker.js'),
          'graphql.worker': require.resolve('monaco-graphql/esm/graphql.worker.js'),
        },
      }),
    ]);
  };
}
