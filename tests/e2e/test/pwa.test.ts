/**
 * The hosted build as an installed app, for classrooms with poor Wi-Fi: after
 * one visit in a secure context the page opens and trains with the network
 * gone; a new version is offered ("Update"), never forced in the middle of a
 * run; in an insecure context (plain http on a school server's address) the
 * page registers nothing and works as it always did.
 */
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { PreviewServer } from 'vite';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import enPwa from '../../../apps/playground/src/lib/i18n/en/pwa.js';
import koPwa from '../../../apps/playground/src/lib/i18n/ko/pwa.js';
import { APP_DIR, currentBrowserName, launchBrowser, serveBuiltApp, watchErrors } from '../src/browser.js';
import { switchLanguage } from '../src/course.js';
import type { Browser, Page } from '../src/driver/index.js';
import { openApp, pause, play, playButton, readEpoch, waitForSnapshot } from '../src/playground.js';
import { DESKTOP, SHOTS } from '../src/session.js';

const DIST = join(APP_DIR, 'dist');

/** A name that resolves to 127.0.0.1 but is not localhost: an insecure context, as on a school server. */
const SCHOOL_HOST = 'school.test';

/** Every file under `dir`, as paths relative to DIST with forward slashes. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [relative(DIST, join(dir, entry.name)).split('\\').join('/')],
  );
}

/** The URLs sw.js precaches (Workbox's manifest, written into the script). */
function precachedUrls(swText: string): string[] {
  return [...swText.matchAll(/\{url:"([^"]+)",revision:/g)].map((match) => match[1]!);
}

/** A PNG's width and height, from its IHDR chunk. */
function pngSize(file: string): [number, number] {
  const bytes = readFileSync(file);
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

/** Whether a service worker controls the page (false until one has claimed it). */
function controlled(page: Page): Promise<boolean> {
  return page.evaluate(() => navigator.serviceWorker?.controller != null);
}

/** The update notice's live region (empty while there is nothing to offer). */
async function noticeText(page: Page): Promise<string> {
  return ((await page.getByTestId('update-notice').getByRole('status').textContent()) ?? '').trim();
}

/** Marks the current document; `sameDocument` is false once the page has reloaded. */
async function markDocument(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { nnTestMark?: boolean }).nnTestMark = true;
  });
}
async function sameDocument(page: Page): Promise<boolean | 'navigating'> {
  try {
    return await page.evaluate(() => (window as unknown as { nnTestMark?: boolean }).nnTestMark === true);
  } catch {
    // The document went away in the middle of the question: a reload is under way.
    return 'navigating';
  }
}

describe('installable, and working offline after the first visit', () => {
  let browser: Browser;
  let servers: PreviewServer[] = [];
  let opened: { page: Page; errors: string[] }[] = [];

  /** A page in a fresh context (its own service workers and caches) whose errors fail the test. */
  async function newPage(): Promise<Page> {
    const page = await browser.newPage(DESKTOP);
    opened.push({ page, errors: watchErrors(page) });
    return page;
  }

  async function serve(options: Parameters<typeof serveBuiltApp>[0] = {}): Promise<{ server: PreviewServer; url: string }> {
    const served = await serveBuiltApp(options);
    servers.push(served.server);
    return served;
  }

  beforeAll(async () => {
    browser = await launchBrowser(currentBrowserName(), { loopbackHosts: [SCHOOL_HOST] });
    mkdirSync(SHOTS, { recursive: true });
  });

  afterEach(async () => {
    const errors = opened.flatMap(({ errors }) => errors);
    await Promise.all(opened.map(({ page }) => page.close()));
    await Promise.all(servers.map((server) => server.close()));
    opened = [];
    servers = [];
    expect(errors).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('the build has a manifest with relative URLs and icons, and a worker that precaches every file but the file:// build', () => {
    const html = readFileSync(join(DIST, 'index.html'), 'utf8');
    expect(html).toContain('<link rel="manifest" href="./manifest.webmanifest">');
    const manifest = JSON.parse(readFileSync(join(DIST, 'manifest.webmanifest'), 'utf8')) as {
      name: string;
      start_url: string;
      scope: string;
      display: string;
      theme_color: string;
      icons: { src: string; sizes: string; type: string; purpose?: string }[];
    };
    expect(manifest.name).toBe('Neural network playground');
    expect([manifest.start_url, manifest.scope, manifest.display]).toEqual(['./', './', 'standalone']);
    expect(html).toContain(`<meta name="theme-color" content="${manifest.theme_color}" />`);
    const pngs = manifest.icons.filter((icon) => icon.type === 'image/png');
    for (const icon of pngs) {
      expect(icon.src, 'icons are relative to the manifest').not.toMatch(/^\/|:/);
      const [width, height] = pngSize(join(DIST, icon.src));
      expect(`${width}x${height}`, icon.src).toBe(icon.sizes);
    }
    expect(pngs.map((icon) => `${icon.sizes} ${icon.purpose ?? 'any'}`).sort()).toEqual([
      '192x192 any',
      '512x512 any',
      '512x512 maskable',
    ]);

    const sw = readFileSync(join(DIST, 'sw.js'), 'utf8');
    const precached = new Set(precachedUrls(sw));
    const files = filesUnder(DIST).filter((file) => file !== 'sw.js');
    // classroom/ is the teacher's app (apps/classroom), a site of its own in the same dist/: not the playground's to precache.
    const hosted = files.filter((file) => file !== 'offline.html' && !file.startsWith('offline/') && !file.startsWith('classroom/'));
    // The page, its script and style, the core's .wasm, the training worker's script, the icons: all of it.
    expect(hosted.filter((file) => !precached.has(file))).toEqual([]);
    expect(hosted.some((file) => /^assets\/.*\.wasm$/.test(file))).toBe(true);
    expect(hosted.some((file) => /^assets\/trainer\.worker-.*\.js$/.test(file))).toBe(true);
    // offline.html is the build for file://, where no service worker runs: not precached, and free of one.
    expect([...precached].filter((url) => url.startsWith('offline'))).toEqual([]);
    expect([...precached].filter((url) => url.startsWith('classroom'))).toEqual([]);
    for (const file of files.filter((name) => name.startsWith('offline/') && name.endsWith('.js'))) {
      expect(readFileSync(join(DIST, file), 'utf8'), file).not.toContain('serviceWorker');
    }
  });

  it('after one visit over http on the loopback address, the page opens and trains with the server gone', async () => {
    const { server, url } = await serve();
    const page = await newPage();
    await openApp(page, url, 'seed=0.4242');
    expect(await page.evaluate(() => window.isSecureContext)).toBe(true);
    // The first visit installs the worker, which takes charge of the page (no reload needed).
    await expect.poll(() => controlled(page), { timeout: 30_000 }).toBe(true);
    if (currentBrowserName() === 'chromium') {
      // Chromium's own verdict on installing it (desktop Firefox has no installing of web apps):
      // nothing in the way but the test's private, incognito-like context.
      const cdp = await page.raw.createCDPSession();
      const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
      expect(installabilityErrors.map((error) => error.errorId).filter((id) => id !== 'in-incognito')).toEqual([]);
      expect((await cdp.send('Page.getAppManifest')).errors).toEqual([]);
      await cdp.detach();
    }

    // The network goes: the server stops, and the browser takes the page offline
    // (CDP's network emulation in Chromium, BiDi's in Firefox).
    await server.close();
    await page.raw.setOfflineMode(true);
    const failed: string[] = [];
    page.raw.on('requestfailed', (request) => failed.push(request.url()));

    await page.reload();
    await waitForSnapshot(page);
    expect(await page.evaluate(() => navigator.onLine)).toBe(false);
    // The core's .wasm came from the cache too (the page falls back to the TypeScript engine without it).
    expect(await page.getByTestId('engine-select').inputValue()).toBe('wasm');
    await play(page);
    await expect.poll(() => readEpoch(page), { timeout: 20_000 }).toBeGreaterThan(20);
    await pause(page);
    expect(failed).toEqual([]);
    expect(await noticeText(page)).toBe('');
  });

  it('in an insecure context (plain http under a school server’s name) it registers nothing and works as before', async () => {
    const requested: string[] = [];
    const { url } = await serve({
      allowedHosts: [SCHOOL_HOST],
      handle: (request, _response, next) => {
        requested.push(new URL(request.url ?? '/', 'http://x').pathname);
        next();
      },
    });
    const schoolUrl = url.replace('127.0.0.1', SCHOOL_HOST);
    expect(schoolUrl).toContain(`//${SCHOOL_HOST}:`);
    const page = await newPage();
    await openApp(page, schoolUrl, 'seed=0.4242');
    // What such a page lacks: a service worker, Web Locks (the page's watch on its worker),
    // crypto.subtle, crypto.randomUUID, SharedArrayBuffer.
    expect(
      await page.evaluate(() => ({
        secure: window.isSecureContext,
        serviceWorker: 'serviceWorker' in navigator,
        locks: 'locks' in navigator,
        subtle: typeof crypto.subtle,
        randomUUID: typeof (crypto as { randomUUID?: unknown }).randomUUID,
        sharedArrayBuffer: typeof (globalThis as { SharedArrayBuffer?: unknown }).SharedArrayBuffer,
      })),
    ).toEqual({ secure: false, serviceWorker: false, locks: false, subtle: 'undefined', randomUUID: 'undefined', sharedArrayBuffer: 'undefined' });
    expect(await page.getByTestId('engine-select').inputValue()).toBe('wasm');
    await play(page);
    await expect.poll(() => readEpoch(page), { timeout: 20_000 }).toBeGreaterThan(20);
    await pause(page);
    expect(requested.length).toBeGreaterThan(0);
    expect(requested.filter((path) => path.endsWith('/sw.js'))).toEqual([]);
    expect(await noticeText(page)).toBe('');
  });

  it('offers a new version without reloading by itself; "Update" during a run waits for Pause, then reloads into it', async () => {
    // The server's second version: index.html changed, so its entry in sw.js has a new revision.
    const sw = readFileSync(join(DIST, 'sw.js'), 'utf8');
    const html = readFileSync(join(DIST, 'index.html'), 'utf8');
    const swV2 = sw.replace(/(\{url:"index\.html",revision:")[0-9a-f]+"/, '$1second-version"');
    const htmlV2 = html.replace('</title>', '</title>\n    <meta name="nn-test-build" content="2" />');
    expect(swV2).not.toBe(sw);
    expect(htmlV2).not.toBe(html);
    let version = 1;
    const { url } = await serve({
      handle: (request, response, next) => {
        const path = new URL(request.url ?? '/', 'http://x').pathname;
        if (version === 2 && path === '/sw.js') {
          response.setHeader('Content-Type', 'text/javascript');
          response.end(swV2);
        } else if (version === 2 && (path === '/' || path === '/index.html')) {
          response.setHeader('Content-Type', 'text/html');
          response.end(htmlV2);
        } else next();
      },
    });
    const page = await newPage();
    await openApp(page, url, 'seed=0.4242');
    await expect.poll(() => controlled(page), { timeout: 30_000 }).toBe(true);
    await markDocument(page);
    await play(page);

    // The page's periodic check (here asked for at once) finds the new version while training runs.
    version = 2;
    await page.evaluate(async () => {
      await (await navigator.serviceWorker.getRegistration())?.update();
    });
    await expect.poll(() => noticeText(page), { timeout: 30_000 }).toBe(enPwa.update.ready);
    const update = page.getByRole('button', { name: enPwa.update.button, exact: true });
    expect(await update.isVisible()).toBe(true);
    // It waits: no skipWaiting on install, and the page neither reloaded nor stopped training.
    expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting != null)).toBe(true);
    const epochAtOffer = await readEpoch(page);
    await expect.poll(() => readEpoch(page)).toBeGreaterThan(epochAtOffer + 10);
    expect(await sameDocument(page)).toBe(true);
    await page.getByTestId('update-notice').screenshot({ path: join(SHOTS, 'pwa-update-ready-en.png') });

    await switchLanguage(page, 'ko');
    await expect.poll(() => noticeText(page)).toBe(koPwa.update.ready);
    expect(await page.getByRole('button', { name: koPwa.update.button, exact: true }).isVisible()).toBe(true);
    await page.getByTestId('update-notice').screenshot({ path: join(SHOTS, 'pwa-update-ready-ko.png') });
    await page.screenshot({ path: join(SHOTS, 'pwa-update-ready-ko-page.png') });
    await switchLanguage(page, 'en');

    // "Update" while training runs: the notice says it will load at the pause, and training goes on.
    await update.click();
    await expect.poll(() => noticeText(page)).toBe(enPwa.update.afterPause);
    const epochAtYes = await readEpoch(page);
    await expect.poll(() => readEpoch(page)).toBeGreaterThan(epochAtYes + 10);
    expect(await sameDocument(page)).toBe(true);
    expect(await playButton(page).getAttribute('aria-label')).toBe('Pause');
    await page.getByTestId('update-notice').screenshot({ path: join(SHOTS, 'pwa-update-after-pause-en.png') });

    // Pause: the new version takes over and the page reloads into it, the link kept.
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await expect.poll(() => sameDocument(page), { timeout: 30_000 }).toBe(false);
    await waitForSnapshot(page);
    expect(page.url()).toContain('seed=0.4242');
    expect(await page.evaluate(() => document.querySelector('meta[name="nn-test-build"]')?.getAttribute('content'))).toBe('2');
    expect(await controlled(page)).toBe(true);
    expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting ?? null)).toBeNull();
    expect(await noticeText(page)).toBe('');
  });
});
