/**
 * One built app and one browser per test file, with the checks every test
 * shares: the pages a test opens are closed after it, and the test fails if
 * any of them logged an error (console errors, page errors, HTTP >= 400 and
 * Content-Security-Policy violations alike).
 *
 *   const app = useBuiltApp();            // inside describe(...)
 *   const page = await app.newPage();     // inside a test
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { PreviewServer } from 'vite';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { currentBrowserName, launchBrowser, serveBuiltApp, watchErrors } from './browser.js';
import type { Browser, Context, ContextOptions, Page } from './driver/index.js';

/** Where the e2e tests leave their screenshots: one folder per browser (screenshots/chromium, screenshots/firefox). */
export const SHOTS = join(import.meta.dirname, '../screenshots', currentBrowserName());

export const DESKTOP: ContextOptions = { viewport: { width: 1400, height: 900 } };

export interface BuiltApp {
  /** The served app's address (set once the file's tests start). */
  readonly url: string;
  /** The classroom app's page in the same site (apps/classroom, built into dist/classroom/). */
  readonly classroomUrl: string;
  readonly browser: Browser;
  /** A desktop-sized context (1400 x 900). */
  readonly desktop: Context;
  /** A page of `context` (the desktop by default) whose errors fail the current test. */
  newPage(context?: Context): Promise<Page>;
}

/** Registers the file's hooks (call it inside `describe`) and returns the app they set up. */
export function useBuiltApp(): BuiltApp {
  let server: PreviewServer | undefined;
  let opened: { page: Page; errors: string[] }[] = [];
  const app = {
    url: '',
    get classroomUrl(): string {
      return `${app.url}classroom/index.html`;
    },
    browser: undefined as unknown as Browser,
    desktop: undefined as unknown as Context,
    async newPage(context?: Context): Promise<Page> {
      const page = await (context ?? app.desktop).newPage();
      opened.push({ page, errors: watchErrors(page) });
      return page;
    },
  };

  beforeAll(async () => {
    const served = await serveBuiltApp();
    server = served.server;
    app.url = served.url;
    app.browser = await launchBrowser();
    app.desktop = await app.browser.newContext(DESKTOP);
    mkdirSync(SHOTS, { recursive: true });
  });

  afterEach(async () => {
    const errors = opened.flatMap(({ errors }) => errors);
    await Promise.all(opened.map(({ page }) => page.close()));
    opened = [];
    expect(errors).toEqual([]);
  });

  afterAll(async () => {
    await app.browser?.close();
    await server?.close();
  });

  return app;
}
