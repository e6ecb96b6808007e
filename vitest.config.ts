import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // 2-core machines: keep heavy suites (browser, workerd) from starving each other.
    maxWorkers: 2,
  },
});
