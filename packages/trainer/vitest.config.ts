import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'trainer', include: ['test/**/*.test.ts'] },
});
