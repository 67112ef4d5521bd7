import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

/**
 * The end-to-end tests run once per browser, each browser as its own project
 * after every unit project (group 0) has finished, one browser after the
 * other: Chromium and Firefox run tests/e2e (puppeteer-core), WebKit runs
 * tests/webkit (WebDriver; its own config puts it in group 3). E2E_BROWSERS
 * (space-separated) picks the browsers; by default all three.
 */
const E2E_GROUP_ORDER = { chromium: 1, firefox: 2 } as const;
const BROWSERS = ['chromium', 'firefox', 'webkit'] as const;
type Browser = (typeof BROWSERS)[number];

function e2eBrowsers(): Browser[] {
  const names = (process.env.E2E_BROWSERS ?? BROWSERS.join(' ')).split(/\s+/).filter(Boolean);
  for (const name of names) {
    if (!(BROWSERS as readonly string[]).includes(name)) {
      throw new Error(`E2E_BROWSERS names "${name}"; the end-to-end tests run in ${BROWSERS.join(', ')}`);
    }
  }
  return names as Browser[];
}

const browsers = e2eBrowsers();

const e2eProjects: TestProjectInlineConfiguration[] = browsers
  .filter((browser): browser is keyof typeof E2E_GROUP_ORDER => browser in E2E_GROUP_ORDER)
  .map((browser) => ({
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
    projects: [
      'packages/*',
      'apps/*',
      'tests/*',
      '!tests/e2e',
      '!tests/webkit',
      ...e2eProjects,
      ...(browsers.includes('webkit') ? ['tests/webkit'] : []),
    ],
  },
});
