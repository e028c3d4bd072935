/**
 * Once per run: synthesizes the Taskboard app (about 8 s with cdk-nag and bundling) and starts
 * one DynamoDB Local. Integration suites start their runtimes from this read-only assembly, on
 * this DynamoDB, each with a table-name prefix of its own, instead of a JVM and a synth each.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { createTaskboardApp } from '../infra/taskboard-app';
import { startDynamoDBLocal } from '../local/dynamodb/dynamodb-local';

declare module 'vitest' {
  export interface ProvidedContext {
    taskboardAssembly: string;
    dynamodbEndpoint: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const outdir = mkdtempSync(join(tmpdir(), 'taskboard-assembly-'));
  // Path metadata (as the CDK CLI writes it) lets infra suites name resources by construct path.
  createTaskboardApp({ outdir, context: { 'aws:cdk:enable-path-metadata': true } }).app.synth();
  project.provide('taskboardAssembly', outdir);
  const dynamodb = await startDynamoDBLocal({ env: {} });
  project.provide('dynamodbEndpoint', dynamodb.endpoint);
  return async () => {
    await dynamodb.stop();
    rmSync(outdir, { recursive: true, force: true });
  };
}
