/**
 * Synthesizes the CDK app into a fresh directory in a child process (`cdk synth --output DIR`),
 * so that a build that fails never touches the assembly the runtime is serving. A failure comes
 * back as the few lines a developer needs: esbuild's and TypeScript's `file:line:col` messages,
 * the error itself and where in the project it was thrown, without the stack's noise.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export interface BuildOptions {
  projectDir: string;
  /** A fresh directory for the new cloud assembly. */
  outdir: string;
  /** The command that writes the assembly to `outdir` (default: the project's `cdk synth --quiet --output outdir`). */
  command?: { file: string; args: string[] };
  env?: NodeJS.ProcessEnv;
  /** Aborting kills the build (and everything it started). */
  signal?: AbortSignal;
}

export type BuildOutcome =
  | { ok: true; assemblyDir: string; durationMs: number }
  | { ok: false; error: string; durationMs: number; aborted?: boolean };

/** Output kept from a build; a runaway log must not fill the memory. */
const MAX_OUTPUT_CHARS = 1 << 20;

export function synthCommand(projectDir: string, outdir: string): { file: string; args: string[] } {
  const local = join(projectDir, 'node_modules', '.bin', 'cdk');
  // The project's own CLI without npx's lookup (which costs a second).
  return existsSync(local) ? { file: local, args: ['synth', '--quiet', '--output', outdir] } : { file: 'npx', args: ['cdk', 'synth', '--quiet', '--output', outdir] };
}

export function buildAssembly(options: BuildOptions): Promise<BuildOutcome> {
  const started = performance.now();
  const command = options.command ?? synthCommand(options.projectDir, options.outdir);
  return new Promise((resolve) => {
    // Its own process group: stopping a build stops the CDK app and the bundlers it runs.
    const child = spawn(command.file, command.args, { cwd: options.projectDir, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let output = '';
    const collect = (chunk: Buffer) => {
      if (output.length < MAX_OUTPUT_CHARS) output += chunk.toString('utf8');
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    let aborted = false;
    const abort = () => {
      aborted = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // Already gone.
      }
    };
    options.signal?.addEventListener('abort', abort, { once: true });
    if (options.signal?.aborted) abort();
    child.on('error', (error) => {
      options.signal?.removeEventListener('abort', abort);
      resolve({ ok: false, error: `${command.file} could not run: ${error.message}`, durationMs: performance.now() - started });
    });
    child.on('close', (code, signal) => {
      options.signal?.removeEventListener('abort', abort);
      const durationMs = performance.now() - started;
      if (aborted) return resolve({ ok: false, aborted: true, error: 'build stopped', durationMs });
      if (code === 0) return resolve({ ok: true, assemblyDir: options.outdir, durationMs });
      const reason = readableBuildError(output, options.projectDir) || `${command.file} ${command.args.join(' ')} exited with ${signal ?? `status ${code}`}`;
      resolve({ ok: false, error: reason, durationMs });
    });
  });
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;
const STACK_FRAME = /^\s+at\s/;
/** Lines the CDK CLI and Node print around every failure, which say nothing about it. */
const NOISE = [
  /^Bundling asset /, /^⚡ Done in /, /^\s*cdk\.out\//, /Subprocess exited with error/, /^npm (ERR!|error|notice)/, /^Node\.js v\d/,
  /^\s*\^\s*$/, /^\s*throw \w+;?\s*$/, /^node:internal\//, /^\s*triggerUncaughtException\(/, /^\s*\.\.\.(node internals|new \w+ in [\w-]+|[\w-]+)\.\.\.$/, /no user code in \d+ frames/,
  /^NOTICES/, /^\s*$/,
];

/**
 * The lines of a failed build's output that locate and explain the error: everything but stack
 * frames and the CLI's boilerplate, plus the first stack frame inside the project (outside
 * node_modules) when the message itself names no project file. Absolute paths become relative.
 */
export function readableBuildError(output: string, projectDir: string): string {
  const root = projectDir.endsWith('/') ? projectDir : `${projectDir}/`;
  const lines = output.replace(ANSI, '').replace(/\r/g, '').split('\n').map((l) => l.replaceAll(`file://${root}`, '').replaceAll(root, ''));
  const kept: string[] = [];
  let projectFrame: string | undefined;
  // Node prints an error's own properties after its stack, `{` … `}`: esbuild's repeat its message.
  let inProperties = false;
  let skipNext = false;
  for (const line of lines) {
    if (inProperties) {
      // GraphQL errors carry their position only there.
      if (/^\s+locations: \[/.test(line)) kept.push(line.trimEnd());
      inProperties = line !== '}';
      continue;
    }
    // Where a library threw (`node_modules/x.js:31`) and that line of its code.
    if (skipNext) {
      skipNext = false;
      continue;
    }
    if (/^\S*node_modules\/\S+:\d+$/.test(line)) {
      skipNext = true;
      continue;
    }
    if (STACK_FRAME.test(line)) {
      const at = /\(?((?:infra|resolvers|functions|schema|bin|lib|src|test)\/[^\s():]+:\d+:\d+)\)?/.exec(line);
      if (at && !line.includes('node_modules') && !projectFrame) projectFrame = at[1];
      inProperties = line.endsWith(' {');
      continue;
    }
    if (NOISE.some((n) => n.test(line))) continue;
    if (kept.at(-1) === line) continue;
    kept.push(line.length > 300 ? `${line.slice(0, 300)}…` : line.trimEnd());
  }
  const mentionsFile = kept.some((l) => /\w+\.(ts|js|mjs|graphql|json):\d+/.test(l));
  if (projectFrame && !mentionsFile) kept.push(`  at ${projectFrame}`);
  const text = kept.slice(0, 40).join('\n');
  return kept.length > 40 ? `${text}\n  … (${kept.length - 40} more lines)` : text;
}
