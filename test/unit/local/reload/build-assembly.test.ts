/**
 * Building a new assembly in a child process: success, a failure reduced to the lines that locate
 * it (outputs captured from real `cdk synth` failures of this project), and a stopped build.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildAssembly, readableBuildError } from '../../../../local/reload/build-assembly';

const project = '/work/app';

/** A resolver with a syntax error: bundleResolver's esbuild error, thrown in the CDK app. */
const RESOLVER_SYNTAX_ERROR = `Bundling asset Taskboard/BoardStats/Function/Code/Stage...
node:internal/modules/run_main:123
    triggerUncaughtException(
    ^

Error: Build failed with 1 error:
resolvers/functions/createTaskItem.ts:15:17: ERROR: Unexpected ";"
    at failureErrorWithLog (${project}/node_modules/esbuild/lib/main.js:1752:15)
    at Socket.emit (node:events:524:28)
    at addChunk (node:internal/streams/readable:561:12) {
  errors: [
    {
      location: {
        column: 17,
        file: 'resolvers/functions/createTaskItem.ts',
        line: 15,
      },
      text: 'Unexpected ";"'
    }
  ],
  warnings: []
}

Node.js v20.20.2
npx tsx infra/bin/app.ts: Subprocess exited with error 1`;

/** A Lambda handler with a syntax error: the esbuild CLI's report under NodejsFunction. */
const LAMBDA_SYNTAX_ERROR = `Bundling asset Taskboard/BoardStats/Function/Code/Stage...
\u001b[31m✘ [ERROR]\u001b[0m Unexpected ";"

    functions/boardStats/index.ts:2:13:
      2 │ const oops = ;
        ╵              ^

node:internal/modules/run_main:123
    triggerUncaughtException(
    ^

[«FailedToBundleAsset» Failed to bundle asset Taskboard/BoardStats/Function/Code/Stage: CommandExitedWithNonZeroStatus: npx --no-install esbuild --bundle ${project}/functions/boardStats/index.ts exited with status 1
    ...aws-cdk-lib...
    (no user code in 10 frames, use --stack-trace-limit to capture more)
Relates to construct:
    <.> (aws-cdk-lib.App)
     └─ Taskboard (aws-cdk-lib.Stack)

Node.js v20.20.2
npx tsx infra/bin/app.ts: Subprocess exited with error 1`;

/** A schema that does not parse, as the app's own schema check reports it. */
const SCHEMA_ERROR = `${project}/node_modules/graphql/error/syntaxError.js:31
  return new _GraphQLError.GraphQLError(\`Syntax Error: \${description}\`, {
         ^

GraphQLError: Syntax Error: Expected Name, found ":".
    at syntaxError (${project}/node_modules/graphql/error/syntaxError.js:31:10)
    at Parser.parseName (${project}/node_modules/graphql/language/parser.js:247:24) {
  path: undefined,
  locations: [ { line: 278, column: 10 } ],
  extensions: [Object: null prototype] {}
}

Node.js v20.20.2`;

/** An error thrown by the app's own code: the message names no file, the first project frame does. */
const APP_ERROR = `Error: A resolver is attached to Query.nope, which the schema does not define
    at checkResolvers (${project}/node_modules/some-lib/index.js:3:3)
    at new TaskboardResolvers (${project}/infra/constructs/resolvers.ts:55:13)
    at new TaskboardStack (${project}/infra/taskboard-stack.ts:88:5)`;

describe('readableBuildError', () => {
  it('keeps esbuild\'s file:line:col for a resolver, without the stack or the error\'s properties', () => {
    expect(readableBuildError(RESOLVER_SYNTAX_ERROR, project)).toBe('Error: Build failed with 1 error:\nresolvers/functions/createTaskItem.ts:15:17: ERROR: Unexpected ";"');
  });

  it('keeps the esbuild CLI\'s code frame for a Lambda handler, with paths relative to the project', () => {
    const text = readableBuildError(LAMBDA_SYNTAX_ERROR, project);
    expect(text.split('\n').slice(0, 4)).toEqual(['✘ [ERROR] Unexpected ";"', '    functions/boardStats/index.ts:2:13:', '      2 │ const oops = ;', '        ╵              ^']);
    expect(text).toContain('--bundle functions/boardStats/index.ts');
    expect(text).not.toMatch(/triggerUncaughtException|aws-cdk-lib\.\.\.|no user code|Subprocess exited|Node\.js v/);
  });

  it('keeps a GraphQL error\'s locations, which only its properties carry', () => {
    expect(readableBuildError(SCHEMA_ERROR, project)).toBe('GraphQLError: Syntax Error: Expected Name, found ":".\n  locations: [ { line: 278, column: 10 } ],');
  });

  it('adds the first stack frame inside the project when the message names no file', () => {
    expect(readableBuildError(APP_ERROR, project)).toBe('Error: A resolver is attached to Query.nope, which the schema does not define\n  at infra/constructs/resolvers.ts:55:13');
  });
});

describe('buildAssembly', () => {
  const outdir = () => mkdtempSync(join(tmpdir(), 'build-assembly-'));

  it('runs the command in the project and reports the new assembly', async () => {
    const dir = outdir();
    const out = await buildAssembly({ projectDir: dir, outdir: dir, command: { file: process.execPath, args: ['-e', "require('fs').writeFileSync('manifest.json', '{}')"] } });
    expect(out.ok).toBe(true);
    expect(out.ok && out.assemblyDir).toBe(dir);
    expect(existsSync(join(dir, 'manifest.json'))).toBe(true);
    rmSync(dir, { recursive: true, force: true });
  });

  it('turns a failure into its readable lines', async () => {
    const dir = outdir();
    const script = `console.error(${JSON.stringify(APP_ERROR.replaceAll(project, dir))}); process.exit(1)`;
    const out = await buildAssembly({ projectDir: dir, outdir: dir, command: { file: process.execPath, args: ['-e', script] } });
    expect(out).toMatchObject({ ok: false, error: 'Error: A resolver is attached to Query.nope, which the schema does not define\n  at infra/constructs/resolvers.ts:55:13' });
    rmSync(dir, { recursive: true, force: true });
  });

  it('stops the build, and what it started, when aborted', async () => {
    const dir = outdir();
    const abort = new AbortController();
    const running = buildAssembly({ projectDir: dir, outdir: dir, signal: abort.signal, command: { file: process.execPath, args: ['-e', 'setTimeout(() => {}, 60000)'] } });
    setTimeout(() => abort.abort(), 200);
    const started = performance.now();
    const out = await running;
    expect(out).toMatchObject({ ok: false, aborted: true });
    expect(performance.now() - started).toBeLessThan(5_000);
    rmSync(dir, { recursive: true, force: true });
  });
});
