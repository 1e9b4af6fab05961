import { defineConfig } from 'vitest/config';

/**
 * The main suite. The fault tests (test/reliability/faults.test.ts) stop and restart the
 * machine's PostgreSQL and Redis, so they run on their own afterwards (vitest.faults.config.ts),
 * never beside tests that use those servers.
 */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    exclude: ['test/reliability/faults.test.ts', 'node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 300_000,
    pool: 'forks',
  },
});
