/**
 * The Taskboard API served locally from a freshly synthesized assembly, with the seed data,
 * for integration suites. One per test file (beforeAll), closed afterAll.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createTaskboardApp } from '../../infra/taskboard-app';
import { givenLocalApi, type LocalApi } from './local-api';

export const SEED_NOW = new Date('2026-12-01T12:00:00.000Z');

export async function givenTaskboardApi(lines?: string[]): Promise<LocalApi> {
  const outdir = mkdtempSync(join(tmpdir(), 'taskboard-local-'));
  createTaskboardApp({ outdir }).app.synth();
  return givenLocalApi({ assemblyDir: outdir, seed: resolve(import.meta.dirname, '../../seed/taskboard.ts'), seedNow: SEED_NOW, lines });
}
