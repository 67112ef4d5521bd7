import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'records',
    include: ['test/**/*.test.ts'],
    // Every wait here is on a condition, never on the clock; a backstop for a busy machine.
    testTimeout: 60_000,
  },
});
