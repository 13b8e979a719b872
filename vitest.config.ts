import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The fault drills (fuzzing) run on their own: npm run test:faults.
    exclude: ['test/faults/**', 'node_modules/**'],
    // Each file gets its own database; files may run in parallel.
    pool: 'forks',
    testTimeout: 20_000,
  },
});
