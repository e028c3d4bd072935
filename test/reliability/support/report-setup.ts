/**
 * Global setup of `npm run test:reliability`: gives the suites a directory for their figures and,
 * once every suite has run, writes docs/reliability.md from them (or the file named by
 * RELIABILITY_REPORT) with each suite's pass/fail as vitest recorded it. A partial run (one file,
 * a name filter) writes nothing, so the document always covers all five suites of one run.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { SUITES, type SuiteFiguresJson, type SuiteName } from './figures';
import { profile } from './profile';
import { renderReport, type SuiteOutcome } from './render-report';

export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'taskboard-reliability-'));
  project.provide('reliabilityFiguresDir', dir);
  const started = new Date();
  const loadAtStart = loadavg()[0];
  return () => {
    try {
      const outcomes: SuiteOutcome[] = [];
      const files = project.vitest.state.getFiles();
      for (const suite of SUITES) {
        const figuresFile = join(dir, `${suite}.json`);
        const file = files.find((f) => basename(f.filepath) === `${suite}.test.ts`);
        if (!existsSync(figuresFile) || !file) continue;
        const tests = file.tasks.flatMap(function leaves(t): Array<{ state?: string }> {
          return t.type === 'suite' ? t.tasks.flatMap(leaves) : [{ state: t.result?.state }];
        });
        outcomes.push({
          suite: suite as SuiteName,
          passed: tests.filter((t) => t.state === 'pass').length,
          failed: tests.filter((t) => t.state === 'fail').length + (file.result?.state === 'fail' && tests.every((t) => t.state !== 'fail') ? 1 : 0),
          figures: JSON.parse(readFileSync(figuresFile, 'utf8')) as SuiteFiguresJson,
        });
      }
      if (outcomes.length < SUITES.length) {
        console.log(`reliability: ${outcomes.length} of ${SUITES.length} suites ran; docs/reliability.md is written only by a run of all of them.`);
        return;
      }
      const target = resolve(process.env.RELIABILITY_REPORT ?? 'docs/reliability.md');
      writeFileSync(target, renderReport({
        profile: profile.name, started, finished: new Date(), node: process.version, cores: cpus().length, load: { start: loadAtStart, end: loadavg()[0] }, outcomes,
      }));
      console.log(`reliability: figures written to ${target}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}
