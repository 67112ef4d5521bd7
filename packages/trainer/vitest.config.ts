import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'trainer',
    include: ['test/**/*.test.ts'],
    // Every wait in these tests is on a condition, never on the clock; this is
    // only the backstop, roomy enough for a busy 2-core machine.
    testTimeout: 60_000,
  },
});
