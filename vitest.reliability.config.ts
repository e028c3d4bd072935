import { defineConfig } from 'vitest/config';
import './test/quiet-node-warning.ts';

// `npm run test:reliability`: stress, fault, fuzz and authorization suites (test/reliability/).
// RELIABILITY_PROFILE=short (CI) or full (default); see test/reliability/support/profile.ts.
// Files run one at a time: the load suite's latencies and memory must not share 2 cores with the fuzzer.
export default defineConfig({
  test: {
    include: ['test/reliability/**/*.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    pool: 'forks',
    fileParallelism: false,
    globalSetup: ['test/global-setup.ts', 'test/reliability/support/report-setup.ts'],
  },
});
