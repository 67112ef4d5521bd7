/**
 * Faults a classroom meets: a school network that refuses the .wasm file, a
 * training worker that dies mid-run, a browser that reports a language tag
 * that is not one. Each time the page says what happened in words, loses
 * nothing else, and can go on.
 */
import type { PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveBuiltApp, watchErrors } from '../src/browser.js';
import { useBuiltApp } from '../src/session.js';
import { openApp, pause, play, playButton, readEpoch, readNumber, step } from '../src/playground.js';

describe('faults', () => {
  const app = useBuiltApp();

  describe('a server that refuses the .wasm file', () => {
    let refusing: { server: PreviewServer; url: string };
    beforeAll(async () => {
      refusing = await serveBuiltApp({ refuse: /\.wasm$/ });
    });
    afterAll(async () => {
      await refusing?.server.close();
    });

    it('falls back to the TypeScript engine with its notice, trains, and shows no error', async () => {
      // Not registered with the app: the refused file's 403 is the one error this page may report.
      const page = await app.desktop.newPage();
      const errors = watchErrors(page);
      try {
        await openApp(page, refusing.url, 'seed=0.4242');
        const notice = page.getByTestId('notice');
        await expect.poll(() => notice.allTextContents()).toEqual([
          expect.stringMatching(/The WebAssembly core could not be loaded in this browser; training runs on the TypeScript reference engine\./),
        ]);
        expect(await notice.getAttribute('class')).toMatch(/warning/);
        // No error anywhere on the page: no alert, no error notice.
        expect(await page.getByRole('alert').count()).toBe(0);
        expect(await page.getByTestId('engine-select').inputValue()).toBe('reference');
        await step(page);
        await play(page);
        await expect.poll(() => readEpoch(page)).toBeGreaterThan(3);
        await pause(page);
        expect(await readNumber(page, 'train-loss')).toBeGreaterThan(0);
        // Whatever the browser logged is about the refused file, and nothing else.
        expect(errors.length).toBeGreaterThan(0);
        for (const error of errors) expect(error).toMatch(/wasm|403|Forbidden|WebAssembly/i);
      } finally {
        await page.close();
      }
    });
  });

  it('says so when the training worker dies mid-run, and Reset brings training back', async () => {
    const page = await app.newPage();
    // Keep a handle on the page's workers, so the test can end one as a crash would.
    await page.addInitScript(() => {
      const Base = window.Worker;
      const workers: Worker[] = [];
      (window as unknown as { __nnWorkers: Worker[] }).__nnWorkers = workers;
      window.Worker = class extends Base {
        constructor(url: string | URL, options?: WorkerOptions) {
          super(url, options);
          workers.push(this);
        }
      };
    });
    await openApp(page, app.url, 'seed=0.4242&speed=max');
    await play(page);
    await expect.poll(() => readEpoch(page)).toBeGreaterThan(0);
    await page.evaluate(() => (window as unknown as { __nnWorkers: Worker[] }).__nnWorkers[0]!.terminate());

    const stopped = page.getByTestId('worker-stopped');
    // Where the browser has Web Locks this is at once; elsewhere after the worker's silence.
    await expect.poll(() => stopped.textContent(), { timeout: 30_000 }).toMatch(/The training worker stopped/);
    expect(await stopped.textContent()).toMatch(/Press Reset or Restart training/);
    // Nothing trains any more, and the page does not pretend it does.
    expect(await playButton(page).getAttribute('aria-label')).toBe('Play');
    const frozen = await readEpoch(page);
    await page.animationFrames(20);
    expect(await readEpoch(page)).toBe(frozen);

    // Reset starts a new worker with the same settings: epoch 0, and it trains.
    await page.getByTestId('reset').click();
    await expect.poll(() => stopped.count()).toBe(0);
    await expect.poll(() => readEpoch(page)).toBe(0);
    await play(page);
    await expect.poll(() => readEpoch(page)).toBeGreaterThan(0);
    await pause(page);
    expect(await page.getByTestId('engine-select').inputValue()).toBe('wasm');

    // And a second loss: the notice's own button does the same.
    await page.evaluate(() => {
      const workers = (window as unknown as { __nnWorkers: Worker[] }).__nnWorkers;
      workers[workers.length - 1]!.terminate();
    });
    await expect.poll(() => stopped.count(), { timeout: 30_000 }).toBe(1);
    await page.getByRole('button', { name: 'Restart training', exact: true }).click();
    await expect.poll(() => stopped.count()).toBe(0);
    await step(page);
  });

  it.each([
    { reported: ['C'], lang: 'en', title: /Neural network playground/ },
    { reported: ['C', 'ko-KR'], lang: 'ko', title: /신경망/ },
  ])('opens when the browser reports the language tags $reported, in $lang', async ({ reported, lang, title }) => {
    const page = await app.newPage();
    // What WebKitGTK reports under a POSIX locale: "C", which is no language tag.
    await page.addInitScript((languages: string[]) => {
      Object.defineProperty(Navigator.prototype, 'language', { configurable: true, get: () => languages[0] });
      Object.defineProperty(Navigator.prototype, 'languages', { configurable: true, get: () => languages });
    }, reported);
    await openApp(page, app.url, 'seed=0.4242');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
    expect(await page.title()).toMatch(title);
    // The page works: a step trains one epoch.
    await page.getByTestId('step').click();
    await expect.poll(() => readEpoch(page)).toBe(1);
  });
});
