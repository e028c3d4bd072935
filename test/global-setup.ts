/**
 * Once per run: one synthesized Taskboard assembly, one of the fixture app (test/fixtures/
 * mini-appsync) and one DynamoDB Local. Suites start their runtimes from these read-only
 * assemblies, on this DynamoDB, each with a table-name prefix of its own, instead of a JVM and a
 * synth each.
 *
 * The assembly is a copy of `cdk.out/` when that is newer than every source (CI synthesizes just
 * before `npm test`; `npm start` keeps it current), else a synth of its own (about 20 s).
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { createTaskboardApp } from '../infra/taskboard-app';
import { assemblyIsFresh } from '../local/cli/assembly-freshness';
import { startDynamoDBLocal } from '../local/dynamodb/dynamodb-local';
import { WATCHED_DIRS } from '../local/reload/dev-loop';
import { synthMiniApp } from './fixtures/mini-appsync/app';

declare module 'vitest' {
  export interface ProvidedContext {
    taskboardAssembly: string;
    miniAppAssembly: string;
    dynamodbEndpoint: string;
  }
}

const root = resolve(import.meta.dirname, '..');

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const outdir = mkdtempSync(join(tmpdir(), 'taskboard-assembly-'));
  const miniAppDir = mkdtempSync(join(tmpdir(), 'mini-appsync-assembly-'));
  try {
    synthMiniApp(miniAppDir);
    if (assemblyIsFresh(root, [...WATCHED_DIRS, 'cdk.json'])) {
      // A copy, so that a synth started meanwhile (npm start, a hot reload) cannot change it under the suites.
      cpSync(join(root, 'cdk.out'), outdir, { recursive: true });
    } else {
      // Path metadata (the CDK CLI writes it too) lets infra suites name resources by construct path.
      createTaskboardApp({ outdir, context: { 'aws:cdk:enable-path-metadata': true } }).app.synth();
    }
  } catch (error) {
    for (const dir of [outdir, miniAppDir]) rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  // Only now: a synth blocks the event loop for seconds, and DynamoDB Local's start-up (the Java
  // probe, the readiness checks) runs on timers that would fire late and misread it.
  const dynamodb = await startDynamoDBLocal({ env: {} });
  project.provide('taskboardAssembly', outdir);
  project.provide('miniAppAssembly', miniAppDir);
  project.provide('dynamodbEndpoint', dynamodb.endpoint);
  return async () => {
    await dynamodb.stop();
    for (const dir of [outdir, miniAppDir]) rmSync(dir, { recursive: true, force: true });
  };
}
