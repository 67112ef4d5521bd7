/**
 * The built site opened straight from disk (file://) in WebKit: index.html
 * hands over to offline.html (one classic script, the worker and the core's
 * bytes inlined), which trains on the WASM core.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SHOTS, useWebKit } from '../src/session.js';

/** The built site (`pnpm turbo run build` makes it). */
const DIST = join(import.meta.dirname, '../../../apps/playground/dist');

describe('the built site opened from disk (file://) in WebKit (MiniBrowser)', () => {
  const webkit = useWebKit({ serve: false });

  it('index.html hands over to offline.html, which trains on the WASM core', async () => {
    const page = await webkit.open();
    const index = pathToFileURL(join(DIST, 'index.html')).href;
    // Not page.goto(): index.html is left at once (a location.replace() in its
    // first script), so the error recorder goes into offline.html instead.
    await page.driver.get(`${index}#dataset=xor&seed=0.25&networkShape=3`);
    await expect.poll(() => page.url()).toContain('/offline.html#');
    // Retried until offline.html is the document it runs in.
    await expect
      .poll(() => page.installRecorder(), { message: 'offline.html did not finish loading' })
      .toMatch(/\/offline\.html#/);
    await page.waitForSnapshot();
    // The link's settings survive the hand-over.
    const hash = await page.hash();
    expect(hash.get('dataset')).toBe('xor');
    expect(hash.get('seed')).toBe('0.25');
    expect(hash.get('networkShape')).toBe('3');

    expect(await page.value('engine-select')).toBe('wasm');
    expect(await page.attribute('stats-wasm', 'class')).toMatch(/\bcurrent\b/);
    const start = await page.losses();
    expect(start.train).toBeGreaterThan(0);
    expect(start.train).toBeLessThan(1);
    await page.step();
    await page.step();
    expect(await page.text('epoch')).toBe('000,002');

    // And it plays: the epoch runs on and the loss falls.
    await page.play();
    await expect.poll(() => page.epoch()).toBeGreaterThan(30);
    await expect.poll(() => page.number('train-loss'), { timeout: 120_000 }).toBeLessThan(start.train);
    await page.pause();
    await page.screenshot(join(SHOTS, 'webkit-offline-trained.png'));
  });
});
