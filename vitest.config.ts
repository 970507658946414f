import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Server tests start real servers and child processes: keep the two cores calm.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
