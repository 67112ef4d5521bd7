import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'tf-oracle', include: ['test/**/*.test.ts'], testTimeout: 60_000 },
});
