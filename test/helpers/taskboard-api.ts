/**
 * The Taskboard API served locally from the run's synthesized assembly, with the seed data,
 * for integration suites. One per test file (beforeAll), closed afterAll.
 */
import { resolve } from 'node:path';
import { inject } from 'vitest';
import { givenLocalApi, type LocalApi } from './local-api';

export const SEED_NOW = new Date('2026-12-01T12:00:00.000Z');

export async function givenTaskboardApi(lines?: string[]): Promise<LocalApi> {
  // The assembly test/global-setup.ts synthesized once for the run; read-only, so runtimes share it.
  const outdir = inject('taskboardAssembly');
  return givenLocalApi({ assemblyDir: outdir, seed: resolve(import.meta.dirname, '../../seed/taskboard.ts'), seedNow: SEED_NOW, lines });
}
