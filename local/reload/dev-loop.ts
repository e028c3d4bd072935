/**
 * `npm start`'s edit loop: a change under the watched folders synthesizes the app into a fresh
 * directory and hot-swaps the running API (`runtime.reload`). One line per reload says what
 * changed and how long it took; a build or reload that fails prints the error with its file and
 * line and leaves the last good API running. Changes that arrive during a synth restart it.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, Source, type GraphQLError } from 'graphql';
import { buildAssembly, type BuildOutcome } from './build-assembly';
import type { ReloadReport } from './live-api';
import { watchSources } from './watch-sources';

export const WATCHED_DIRS = ['schema', 'resolvers', 'functions', 'infra'];

export interface DevLoopOptions {
  projectDir: string;
  runtime: { reload(assemblyDir: string): Promise<ReloadReport> };
  dirs?: string[];
  debounceMs?: number;
  /** Writes a new assembly into `outdir` (default: `cdk synth --output outdir` in a child process). */
  build?: (outdir: string, signal: AbortSignal) => Promise<BuildOutcome>;
  /** Where new assemblies go (default: `local-assemblies/<pid>` in the OS temp folder; left-overs of ended processes are deleted). */
  stagingRoot?: string;
  log(line: string): void;
  /** Rewrites the current line in a terminal (progress while synthesizing); absent: no progress line. */
  status?(line: string | null): void;
}

export interface DevLoop {
  /** Runs one reload now for these changed files (what the watcher does after a burst). */
  trigger(files: string[]): void;
  /** Resolves once no build or reload is running or pending. */
  idle(): Promise<void>;
  /** Stops watching and kills a running build; the assemblies it made stay until `removeAssemblies`. */
  close(): Promise<void>;
  /** Deletes every assembly this loop made (after the runtime has stopped). */
  removeAssemblies(): void;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export function startDevLoop(options: DevLoopOptions): DevLoop {
  const stagingRoot = options.stagingRoot ?? defaultStagingRoot();
  const build = options.build ?? ((outdir, signal) => buildAssembly({ projectDir: options.projectDir, outdir, signal }));
  const made = new Set<string>();
  let pending = new Set<string>();
  let running: Promise<void> | undefined;
  let building: AbortController | undefined;
  let closed = false;

  const remove = (dir: string) => {
    rmSync(dir, { recursive: true, force: true });
    made.delete(dir);
  };

  const cycle = async (): Promise<void> => {
    while (pending.size > 0 && !closed) {
      const files = [...pending].sort();
      pending = new Set();
      const what = files.length > 3 ? `${files.slice(0, 3).join(', ')} and ${files.length - 3} more` : files.join(', ');
      const started = performance.now();
      const failed = (error: string) => {
        options.status?.(null);
        options.log(`reload failed after ${seconds(performance.now() - started)} (${what} changed); the last good API is still running:`);
        for (const line of error.split('\n')) options.log(`  ${line}`);
      };
      const schemaError = schemaSyntaxError(options.projectDir, files);
      if (schemaError) {
        failed(schemaError);
        continue;
      }
      options.status?.(`reload: ${what} changed, synthesizing…`);
      const outdir = mkdtempSync(join(stagingRoot, 'local-assembly-'));
      made.add(outdir);
      building = new AbortController();
      const built = await build(outdir, building.signal);
      building = undefined;
      if (!built.ok) {
        remove(outdir);
        // Stopped for newer changes: the next round builds these too. (Or stopped for shutdown.)
        if (built.aborted) for (const f of files) pending.add(f);
        else failed(built.error);
        continue;
      }
      options.status?.(`reload: ${what} changed, swapping the API…`);
      let report: ReloadReport;
      try {
        report = await options.runtime.reload(outdir);
      } catch (error) {
        remove(outdir);
        failed((error as Error).message);
        continue;
      }
      options.status?.(null);
      const extras = [
        report.subscriptions.kept + report.subscriptions.ended > 0 ? `subscriptions ${report.subscriptions.kept} kept${report.subscriptions.ended ? `, ${report.subscriptions.ended} ended` : ''}` : '',
        report.tables.created.length ? `tables created ${report.tables.created.join(', ')}` : '',
        report.tables.indexesAdded.length ? `indexes added ${report.tables.indexesAdded.join(', ')}` : '',
      ].filter(Boolean);
      options.log(`reload: ${what} → ${report.summary} in ${seconds(performance.now() - started)} (synth ${seconds(built.durationMs)}, swap ${seconds(report.durationMs)})${extras.length ? `; ${extras.join('; ')}` : ''}`);
      for (const note of [...report.tables.notApplied, ...report.warnings]) options.log(`  note: ${note}`);
      const inUse = new Set(report.assemblyDirsInUse);
      for (const dir of [...made]) if (!inUse.has(dir)) remove(dir);
    }
  };

  const trigger = (files: string[]) => {
    if (closed) return;
    for (const f of files) pending.add(f);
    // Newer sources make the running synth's output stale: stop it and start over.
    building?.abort();
    running ??= cycle().finally(() => { running = undefined; });
  };

  const watcher = watchSources({
    root: options.projectDir, dirs: options.dirs ?? WATCHED_DIRS, debounceMs: options.debounceMs, onChange: trigger,
    onError: (error) => options.log(`reload: watching the sources failed: ${error.message}`),
  });

  return {
    trigger,
    async idle() {
      while (running) await running;
    },
    async close() {
      closed = true;
      watcher.close();
      building?.abort();
      await running;
    },
    removeAssemblies() {
      for (const dir of [...made]) remove(dir);
      if (!options.stagingRoot) rmSync(stagingRoot, { recursive: true, force: true });
    },
  };
}

/**
 * This process's folder for new assemblies. A process killed outright (SIGKILL) cannot delete its
 * own: those of processes that no longer run are deleted here.
 */
function defaultStagingRoot(): string {
  const parent = join(tmpdir(), 'local-assemblies');
  mkdirSync(parent, { recursive: true });
  for (const entry of readdirSync(parent)) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid || isRunning(pid)) continue;
    rmSync(join(parent, entry), { recursive: true, force: true });
  }
  const dir = join(parent, String(process.pid));
  mkdirSync(dir, { recursive: true });
  return dir;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: running, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A syntax error in a changed `.graphql` file, as `file:line:col: message`, caught before a synth is spent on it. */
export function schemaSyntaxError(projectDir: string, files: string[]): string | undefined {
  for (const file of files.filter((f) => f.endsWith('.graphql'))) {
    let text: string;
    try {
      text = readFileSync(join(projectDir, file), 'utf8');
    } catch {
      continue;
    }
    try {
      parse(new Source(text, file));
    } catch (error) {
      const e = error as GraphQLError;
      const at = e.locations?.[0];
      return at ? `${file}:${at.line}:${at.column}: ${e.message}` : `${file}: ${e.message}`;
    }
  }
  return undefined;
}
