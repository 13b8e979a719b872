import { defineConfig } from 'vitest/config';

/**
 * The fault drills: fuzzing of the plan importers and readers (npm run test:faults).
 * Kept out of the default run because they take minutes, not seconds. Each drill runs its
 * inputs in a worker thread that is ended when a call hangs (test/faults/support/watchdog.ts),
 * so the time limits here only catch a drill that never ends.
 */
export default defineConfig({
  test: {
    include: ['test/faults/**/*.test.ts'],
    pool: 'forks',
    // Two cores: one drill per core; the watchdog worker of each drill does the work.
    maxWorkers: 2,
    testTimeout: 240_000,
    hookTimeout: 60_000,
  },
});
