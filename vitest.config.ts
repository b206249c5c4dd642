import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    // Grading spawns real Python processes; a worker per core keeps the machine busy without starving the verdicts.
    maxWorkers: 2,
  },
});
