import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, serveBuiltApp, watchErrors } from '../src/browser.js';

const SHOTS = join(import.meta.dirname, '../screenshots');

async function readNumber(page: Page, testId: string): Promise<number> {
  const text = await page.getByTestId(testId).textContent();
  return Number((text ?? '').replace(/,/g, ''));
}

/** Counts distinct colours on the decision map, to tell a drawn map from a blank canvas. */
async function distinctColours(page: Page): Promise<number> {
  return page.getByTestId('decision-map').evaluate((canvas) => {
    const c = canvas as HTMLCanvasElement;
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    const seen = new Set<number>();
    for (let k = 0; k < data.length; k += 4 * 7) seen.add((data[k]! << 16) | (data[k + 1]! << 8) | data[k + 2]!);
    return seen.size;
  });
}

describe('the built app trains with the WASM engine in Chromium', () => {
  let browser: Browser;
  let server: PreviewServer;
  let url: string;

  beforeAll(async () => {
    ({ server, url } = await serveBuiltApp());
    browser = await launchBrowser();
    mkdirSync(SHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('loads without console errors, trains spiral and the loss falls', async () => {
    const page = await browser.newPage({ viewport: { width: 900, height: 700 } });
    const errors = watchErrors(page);
    await page.goto(url);
    await expect.poll(() => page.getByTestId('engine').textContent(), { timeout: 20_000 }).toBe('wasm');
    expect(await readNumber(page, 'epoch')).toBe(0);
    const startLoss = await readNumber(page, 'train-loss');
    expect(startLoss).toBeGreaterThan(0);
    expect(await distinctColours(page)).toBeGreaterThan(3);

    await page.getByRole('button', { name: 'Step' }).click();
    await expect.poll(() => readNumber(page, 'epoch')).toBe(1);

    await page.getByRole('button', { name: 'Play' }).click();
    await expect.poll(() => readNumber(page, 'epoch'), { timeout: 30_000 }).toBeGreaterThan(1500);
    await page.getByRole('button', { name: 'Pause' }).click();
    const trainLoss = await readNumber(page, 'train-loss');
    expect(trainLoss).toBeLessThan(startLoss * 0.5);
    expect(await readNumber(page, 'eps')).toBeGreaterThan(0);
    await page.screenshot({ path: join(SHOTS, 'engine-page.png') });

    await page.getByRole('button', { name: 'Reset' }).click();
    await expect.poll(() => readNumber(page, 'epoch')).toBe(0);
    expect(await readNumber(page, 'train-loss')).toBeCloseTo(startLoss, 6);
    expect(errors).toEqual([]);
    await page.close();
  });
});
