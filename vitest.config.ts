import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

/**
 * The end-to-end tests run once per browser, each browser as its own project
 * after every unit project (group 0) has finished, one browser after the
 * other. E2E_BROWSERS (space-separated) picks the browsers; by default all of
 * those below.
 */
const E2E_GROUP_ORDER = { chromium: 1, firefox: 2 } as const;
type E2EBrowser = keyof typeof E2E_GROUP_ORDER;

function e2eBrowsers(): E2EBrowser[] {
  const names = (process.env.E2E_BROWSERS ?? Object.keys(E2E_GROUP_ORDER).join(' ')).split(/\s+/).filter(Boolean);
  for (const name of names) {
    if (!(name in E2E_GROUP_ORDER)) {
      throw new Error(`E2E_BROWSERS names "${name}"; the end-to-end tests run in ${Object.keys(E2E_GROUP_ORDER).join(', ')}`);
    }
  }
  return names as E2EBrowser[];
}

const e2eProjects: TestProjectInlineConfiguration[] = e2eBrowsers().map((browser) => ({
  extends: './tests/e2e/vitest.config.ts',
  root: './tests/e2e',
  test: {
    name: `e2e-${browser}`,
    env: { E2E_BROWSER: browser },
    sequence: { groupOrder: E2E_GROUP_ORDER[browser] },
  },
}));

// One vitest run over every package, so `npm test` ends with one summary.
export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*', 'tests/*', '!tests/e2e', ...e2eProjects],
  },
});
