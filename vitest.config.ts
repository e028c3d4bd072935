import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Load, browser and reliability suites have scripts and configs of their own.
    exclude: ['test/load/**', 'test/e2e/**', 'test/reliability/**', '**/node_modules/**'],
    // Integration suites start real servers (DynamoDB Local, the local runtime); give them room on 2 cores.
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    globalSetup: ['test/global-setup.ts'],
    // Vitest's default on 2 cores is one worker; the integration suites spend most of their time
    // waiting on JVM and process start-ups, so three overlap well.
    maxWorkers: 3,
  },
});
