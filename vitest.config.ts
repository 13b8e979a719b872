import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Each file gets its own database; files may run in parallel.
    pool: 'forks',
    testTimeout: 20_000,
  },
});
