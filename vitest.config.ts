// One test run for the whole workspace: unit tests beside the code, cross-package suites in test/.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['*/src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: end-to-end suites start whole processes, so keep the parallelism modest.
    maxWorkers: 2,
  },
});
