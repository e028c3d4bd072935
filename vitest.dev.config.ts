import { defineConfig } from 'vitest/config';
import './test/quiet-node-warning.ts';

// `npm run test:dev`: the developer loop as a developer drives it (npm start, hot reload, the seed
// and invoke CLIs, DynamoDB Local's process lifecycle). Each spawns processes and synthesizes,
// so they are kept out of `npm test`; CI runs them after it. They share its global setup.
export default defineConfig({
  test: {
    include: ['test/dev/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
    maxWorkers: 2,
    globalSetup: ['test/global-setup.ts'],
  },
});
