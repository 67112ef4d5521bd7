import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { preview, type Plugin, type PreviewServer } from 'vite';
import { Browser, type BrowserName, type Page } from './driver/index.js';

export type { BrowserName } from './driver/index.js';

export const APP_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../../apps/playground');

export const BROWSER_NAMES: readonly BrowserName[] = ['chromium', 'firefox'];

/**
 * The browser this test run drives: E2E_BROWSER (set per vitest project by
 * the root vitest.config.ts), Chromium by default.
 */
export function currentBrowserName(): BrowserName {
  const name = process.env.E2E_BROWSER ?? 'chromium';
  if (!(BROWSER_NAMES as readonly string[]).includes(name)) {
    throw new Error(`E2E_BROWSER is "${name}"; use one of ${BROWSER_NAMES.join(', ')}`);
  }
  return name as BrowserName;
}

function firstExisting(candidates: (string | undefined)[], what: string): string {
  const found = candidates.find((path) => path && existsSync(path));
  if (!found) throw new Error(`No ${what} found; run "bash scripts/setup.sh --with-browser" or set ${what === 'Chromium' ? 'CHROMIUM_PATH' : 'FIREFOX_PATH'}.`);
  return found;
}

/** Debian's Chromium (scripts/setup.sh installs it), or CHROMIUM_PATH. */
export function chromiumPath(): string {
  return firstExisting([process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'], 'Chromium');
}

/** Debian's Firefox ESR (scripts/setup.sh installs it), or FIREFOX_PATH. */
export function firefoxPath(): string {
  return firstExisting([process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox'], 'Firefox');
}

/**
 * Launches `name` headless with a fresh profile (puppeteer makes a temporary
 * user-data directory and removes it on close): Chromium over CDP, Firefox
 * over WebDriver BiDi (no driver binary).
 */
export async function launchBrowser(name: BrowserName = currentBrowserName()): Promise<Browser> {
  if (name === 'firefox') {
    const raw = await puppeteer.launch({
      browser: 'firefox',
      executablePath: firefoxPath(),
      headless: true,
      extraPrefsFirefox: {
        // navigator.clipboard.readText() without the paste prompt, so tests can check what a copy button copied.
        'dom.events.testing.asyncClipboard': true,
      },
    });
    return new Browser('firefox', raw);
  }
  const raw = await puppeteer.launch({
    browser: 'chrome',
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return new Browser('chromium', raw);
}

/**
 * Serves the built app (apps/playground/dist) on a free loopback port. With
 * `refuse`, the server answers 403 Forbidden to every request whose path
 * matches it (a school proxy that blocks .wasm files, say).
 */
export async function serveBuiltApp(options: { refuse?: RegExp } = {}): Promise<{ server: PreviewServer; url: string }> {
  if (!existsSync(join(APP_DIR, 'dist/index.html'))) {
    throw new Error('The app is not built; run "pnpm turbo run build" (npm test does it).');
  }
  const { refuse } = options;
  const refusing: Plugin = {
    name: 'nn-e2e-refuse',
    configurePreviewServer(server) {
      server.middlewares.use((request, response, next) => {
        if (refuse && refuse.test(new URL(request.url ?? '/', 'http://localhost').pathname)) {
          response.statusCode = 403;
          response.end('Forbidden');
          return;
        }
        next();
      });
    },
  };
  const server = await preview({
    root: APP_DIR,
    configFile: join(APP_DIR, 'vite.config.ts'),
    logLevel: 'silent',
    preview: { host: '127.0.0.1', port: 0, strictPort: false },
    ...(refuse ? { plugins: [refusing] } : {}),
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('the preview server did not report its address');
  return { server, url };
}

/**
 * Collects what a page reports as wrong: console errors (Content-Security-
 * Policy violations included: the driver reports them to the console in every
 * browser), uncaught page errors and HTTP statuses >= 400.
 */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.raw.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.raw.on('pageerror', (error) => errors.push(error instanceof Error ? error.message : String(error)));
  page.raw.on('response', (response) => {
    if (response.status() >= 400) errors.push(`${response.status()} for ${response.url()}`);
  });
  return errors;
}
