/**
 * Synthesizes the Taskboard app once for the whole run (about 8 s with cdk-nag and bundling);
 * integration suites start their runtimes from this read-only assembly instead of each
 * synthesizing their own.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { createTaskboardApp } from '../infra/taskboard-app';

declare module 'vitest' {
  export interface ProvidedContext {
    taskboardAssembly: string;
  }
}

export default function setup(project: TestProject): () => void {
  const outdir = mkdtempSync(join(tmpdir(), 'taskboard-assembly-'));
  createTaskboardApp({ outdir }).app.synth();
  project.provide('taskboardAssembly', outdir);
  return () => rmSync(outdir, { recursive: true, force: true });
}
