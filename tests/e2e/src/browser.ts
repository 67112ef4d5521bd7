import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { preview, type Connect, type Plugin, type PreviewServer } from 'vite';
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

/** What a test may change about the browser it launches. */
export interface LaunchOptions {
  /**
   * Host names the browser resolves to the loopback address (127.0.0.1),
   * e.g. "school.test", so the served app can be opened under a name that is
   * not localhost: an insecure context, like plain http on a school server.
   */
  loopbackHosts?: readonly string[];
}

/**
 * Launches `name` headless with a fresh profile (puppeteer makes a temporary
 * user-data directory and removes it on close): Chromium over CDP, Firefox
 * over WebDriver BiDi (no driver binary).
 */
export async function launchBrowser(name: BrowserName = currentBrowserName(), options: LaunchOptions = {}): Promise<Browser> {
  const loopbackHosts = options.loopbackHosts ?? [];
  if (name === 'firefox') {
    const raw = await puppeteer.launch({
      browser: 'firefox',
      executablePath: firefoxPath(),
      headless: true,
      extraPrefsFirefox: {
        // navigator.clipboard.readText() without the paste prompt, so tests can check what a copy button copied.
        'dom.events.testing.asyncClipboard': true,
        // Firefox's own switch for names that resolve to the loopback address.
        ...(loopbackHosts.length > 0 ? { 'network.dns.localDomains': loopbackHosts.join(',') } : {}),
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
      ...(loopbackHosts.length > 0 ? [`--host-resolver-rules=${loopbackHosts.map((host) => `MAP ${host} 127.0.0.1`).join(',')}`] : []),
    ],
  });
  return new Browser('chromium', raw);
}

/** How a test's server may differ from a plain static host. */
export interface ServeOptions {
  /** Answer 403 Forbidden to every request whose path matches (a school proxy that blocks .wasm files, say). */
  refuse?: RegExp;
  /** Host names besides localhost that requests may name (see LaunchOptions.loopbackHosts). */
  allowedHosts?: string[];
  /** Sees every request not refused, before the static files: answers it, or calls `next` to serve the built file. */
  handle?: Connect.NextHandleFunction;
}

/** Serves the built app (apps/playground/dist) on a free loopback port. */
export async function serveBuiltApp(options: ServeOptions = {}): Promise<{ server: PreviewServer; url: string }> {
  if (!existsSync(join(APP_DIR, 'dist/index.html'))) {
    throw new Error('The app is not built; run "pnpm turbo run build" (npm test does it).');
  }
  const { refuse, allowedHosts, handle } = options;
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
      if (handle) server.middlewares.use(handle);
    },
  };
  const server = await preview({
    root: APP_DIR,
    configFile: join(APP_DIR, 'vite.config.ts'),
    logLevel: 'silent',
    preview: { host: '127.0.0.1', port: 0, strictPort: false, ...(allowedHosts ? { allowedHosts } : {}) },
    ...(refuse || handle ? { plugins: [refusing] } : {}),
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
