import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'e2e-webkit',
    include: ['test/**/*.test.ts'],
    // MiniBrowser draws in software into a virtual display, on 2 shared cores.
    testTimeout: 180_000,
    hookTimeout: 120_000,
    // Last and alone: after the unit projects (group 0) and the Chromium (1)
    // and Firefox (2) end-to-end projects, so no browser races another for the cores.
    sequence: { groupOrder: 3 },
    fileParallelism: false,
    // The page answers through a worker, drawn in software on a busy machine:
    // conditions get a long time to come true, checked often.
    expect: { poll: { timeout: 30_000, interval: 100 } },
  },
});
