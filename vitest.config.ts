// One test run for the whole workspace: unit tests beside the code first, in parallel; then
// the system suites one file at a time. Those start whole processes (consoles, gateways,
// brokers, Chromium) or talk to the machine's Mosquitto (`*.mosquitto.test.ts` beside the
// code), and on two cores would otherwise starve each other or the unit tests.
import { defineConfig } from 'vitest/config';

const ALWAYS_EXCLUDED = ['**/node_modules/**', '**/dist/**'];
const AGAINST_MOSQUITTO = '*/src/**/*.mosquitto.test.ts';

export default defineConfig({
  test: {
    exclude: ALWAYS_EXCLUDED,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['*/src/**/*.test.ts'],
          exclude: [...ALWAYS_EXCLUDED, AGAINST_MOSQUITTO],
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: { name: 'system', include: ['test/**/*.test.ts', AGAINST_MOSQUITTO], fileParallelism: false, sequence: { groupOrder: 1 } },
      },
    ],
  },
});
