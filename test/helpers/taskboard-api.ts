/**
 * The Taskboard API served locally from the run's synthesized assembly, with the seed data,
 * for integration suites. One per test file (beforeAll), closed afterAll.
 */
import { resolve } from 'node:path';
import { inject } from 'vitest';
import { givenLocalApi, type LocalApi } from './local-api';

export const SEED_NOW = new Date('2026-12-01T12:00:00.000Z');

/**
 * `streams: false` for suites that assert exactly what the resolvers write (table contents, the
 * activity list): the activity stream function would add items of its own, at its own pace.
 * The event paths have their own suite (events.test.ts); the story runs with everything on.
 */
export async function givenTaskboardApi(lines?: string[], options: { streams?: boolean } = {}): Promise<LocalApi> {
  // The assembly test/global-setup.ts synthesized once for the run; read-only, so runtimes share it.
  const outdir = inject('taskboardAssembly');
  return givenLocalApi({ assemblyDir: outdir, seed: resolve(import.meta.dirname, '../../seed/taskboard.ts'), seedNow: SEED_NOW, lines, streams: options.streams });
}
