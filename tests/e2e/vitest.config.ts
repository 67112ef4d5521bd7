import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'e2e',
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // One browser at a time on a 2-core machine.
    fileParallelism: false,
    // The page answers through a worker: give expect.poll room on a busy machine.
    expect: { poll: { timeout: 10_000, interval: 50 } },
  },
});
