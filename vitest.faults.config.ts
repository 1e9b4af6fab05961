import { defineConfig } from 'vitest/config';

/** The fault tests alone: PostgreSQL and Redis restarted mid-import, workers killed (see vitest.config.ts). */
export default defineConfig({
  test: {
    include: ['test/reliability/faults.test.ts'],
    testTimeout: 600_000,
    hookTimeout: 600_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
