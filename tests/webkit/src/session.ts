/**
 * Per test file: a virtual display, WebKitWebDriver and (by default) the built
 * app on a loopback port, all stopped after the file's tests, also when one
 * fails. Per test: fresh MiniBrowser sessions (own window, own storage), shut
 * after the test; the test fails if a page of theirs recorded an error.
 *
 *   const webkit = useWebKit();             // inside describe(...)
 *   const page = await webkit.open();       // inside a test
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { serveBuiltApp } from '@nn/e2e/src/browser.js';
import { Capabilities, WebDriver } from 'selenium-webdriver';
import { Executor, HttpClient } from 'selenium-webdriver/http';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { WebKitPage } from './page.js';
import { findMiniBrowser, startWebKitWebDriver, startXvfb, type Running } from './processes.js';

/** Where the tests leave their screenshots (gitignored). */
export const SHOTS = join(import.meta.dirname, '../screenshots');

/** The window size the pages are opened at (a desktop screen, like tests/e2e's). */
export const WINDOW = { width: 1400, height: 900 };

export interface WebKitFixture {
  /** The served app's address (set once the file's tests start; '' with serve: false). */
  readonly url: string;
  /** The MiniBrowser binary in use. */
  readonly minibrowser: string;
  /**
   * A new MiniBrowser session (a window of its own, fresh storage), shut
   * after the test or when the test opens the next one (WebKitWebDriver
   * serves one session at a time). With `checkErrors: false` its recorded errors do not fail the test (for
   * pages that provoke errors on purpose).
   */
  open(options?: { checkErrors?: boolean }): Promise<WebKitPage>;
}

/** Capabilities that make WebKitWebDriver start MiniBrowser in automation mode. */
export function miniBrowserCapabilities(binary: string): Capabilities {
  return new Capabilities({
    browserName: 'MiniBrowser',
    'webkitgtk:browserOptions': { binary, args: ['--automation'] },
  });
}

/** Registers the file's hooks (call it inside `describe`) and returns what they set up. */
export function useWebKit(options: { serve?: boolean } = {}): WebKitFixture {
  const serve = options.serve ?? true;
  const started: Running[] = [];
  let closeServer: (() => Promise<void>) | undefined;
  let driverUrl = '';
  const sessions: { page: WebKitPage; checkErrors: boolean }[] = [];
  /** Errors of the current test's sessions that were already shut. */
  const earlierErrors: string[] = [];

  const fixture = {
    url: '',
    minibrowser: '',
    async open({ checkErrors = true }: { checkErrors?: boolean } = {}): Promise<WebKitPage> {
      // WebKitWebDriver runs one session at a time: end the test's previous one first.
      earlierErrors.push(...(await closeSessions()));
      const driver = WebDriver.createSession(new Executor(new HttpClient(driverUrl)), miniBrowserCapabilities(fixture.minibrowser));
      const page = new WebKitPage(driver);
      sessions.push({ page, checkErrors });
      await driver.getSession();
      await driver.manage().setTimeouts({ script: 60_000, pageLoad: 120_000 });
      await driver.manage().window().setRect({ x: 0, y: 0, ...WINDOW });
      return page;
    },
  };

  async function stopAll(): Promise<void> {
    await closeServer?.();
    closeServer = undefined;
    // The driver before the display it draws into.
    for (const program of started.splice(0).reverse()) await program.stop();
  }

  async function closeSessions(): Promise<string[]> {
    const errors: string[] = [];
    for (const { page, checkErrors } of sessions.splice(0)) {
      const caught = await page.collectErrors();
      if (checkErrors) errors.push(...caught);
      await page.driver.quit().catch(() => undefined);
    }
    return errors;
  }

  beforeAll(async () => {
    try {
      fixture.minibrowser = findMiniBrowser();
      const xvfb = await startXvfb();
      started.push(xvfb);
      const webdriver = await startWebKitWebDriver(xvfb.display);
      started.push(webdriver);
      driverUrl = webdriver.url;
      if (serve) {
        const served = await serveBuiltApp();
        closeServer = () => served.server.close();
        fixture.url = served.url;
      }
      mkdirSync(SHOTS, { recursive: true });
    } catch (error) {
      await stopAll();
      throw error;
    }
  });

  afterEach(async () => {
    const errors = [...earlierErrors.splice(0), ...(await closeSessions())];
    expect(errors, 'errors recorded in the page').toEqual([]);
  });

  afterAll(async () => {
    await closeSessions();
    await stopAll();
  });

  return fixture;
}
