import { defineConfig } from 'vitest/config';

// One vitest run over every package, so `npm test` ends with one summary.
export default defineConfig({
  test: {
    projects: ['packages/*', 'tests/*', 'apps/*'],
  },
});
