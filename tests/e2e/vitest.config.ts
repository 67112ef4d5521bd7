import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'e2e',
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // After every unit project has finished (group 0), so the browsers do not
    // race CPU-heavy unit tests for the 2 cores; then one browser at a time.
    sequence: { groupOrder: 1 },
    fileParallelism: false,
    // The page answers through a worker: give expect.poll room on a busy machine.
    expect: { poll: { timeout: 10_000, interval: 50 } },
  },
});
