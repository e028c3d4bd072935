import { defineConfig } from 'vitest/config';
import './test/quiet-node-warning.ts';

// `npm run test:load`: bounded load tests, too heavy for `npm test` on 2 cores; CI runs them after it.
export default defineConfig({
  test: {
    include: ['test/load/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
