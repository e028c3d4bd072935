import { defineConfig } from 'vitest/config';
import './test/quiet-node-warning.ts';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The developer loop, load, browser and reliability suites have scripts and configs of their own.
    exclude: ['test/dev/**', 'test/load/**', 'test/e2e/**', 'test/reliability/**', '**/node_modules/**'],
    // Integration suites start real servers (DynamoDB Local, the local runtime); give them room on 2 cores.
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Worker threads start a test file about a third faster than forked processes; servers and
    // Lambda functions the suites start still run in processes of their own.
    pool: 'threads',
    globalSetup: ['test/global-setup.ts'],
    // Vitest's default on 2 cores is one worker; the integration suites spend most of their time
    // waiting on JVM and process start-ups, so three overlap well.
    maxWorkers: 3,
  },
});
