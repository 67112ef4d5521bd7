import { defineProject } from 'vitest/config';

/**
 * What the end-to-end tests share in every browser. The root vitest.config.ts
 * extends this once per browser (projects e2e-chromium, e2e-firefox), setting
 * E2E_BROWSER and the project's place after the unit tests.
 */
export default defineProject({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // One test file at a time: the browser, the worker and the page share 2 cores.
    fileParallelism: false,
    // The page answers through a worker: give expect.poll room on a busy machine.
    expect: { poll: { timeout: 10_000, interval: 50 } },
  },
});
