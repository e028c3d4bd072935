import { defineConfig } from 'vitest/config';
import './test/quiet-node-warning.ts';

// `npm run test:e2e`: browser tests (headless Chromium via playwright-core) against the local
// runtime; not part of `npm test`. They share `npm test`'s global setup (one synthesized
// assembly, one DynamoDB Local) and run one file at a time: each drives a browser.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    fileParallelism: false,
    globalSetup: ['test/global-setup.ts'],
  },
});
