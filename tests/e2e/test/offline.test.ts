import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from '../src/driver/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_DIR, launchBrowser, watchErrors } from '../src/browser.js';

const DIST = join(APP_DIR, 'dist');

function cspOf(file: string): string {
  const html = readFileSync(join(DIST, file), 'utf8');
  const match = html.match(/http-equiv="Content-Security-Policy" content="([^"]*)"/);
  return (match?.[1] ?? '').replace(/&#39;/g, "'");
}

describe('the built site opened straight from disk (file://)', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('both pages carry a strict Content-Security-Policy', () => {
    for (const file of ['index.html', 'offline.html']) {
      const csp = cspOf(file);
      expect(csp, file).toContain("script-src 'self' 'wasm-unsafe-eval'");
      expect(csp, file).toContain("style-src 'self'");
      expect(csp, file).not.toContain('unsafe-inline');
      expect(csp, file).not.toMatch(/'unsafe-eval'/);
    }
    expect(cspOf('offline.html')).toContain('worker-src blob:');
  });

  it('index.html hands over to offline.html, which trains on the WASM core', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    const errors = watchErrors(page);
    await page.goto(`file://${join(DIST, 'index.html')}#dataset=xor&seed=0.25&networkShape=3`);
    await expect.poll(() => page.url()).toContain('/offline.html#');
    // The link's settings survive the hand-over.
    await expect.poll(() => page.url()).toContain('dataset=xor');
    expect(page.url()).toContain('networkShape=3&');
    const step = page.getByRole('button', { name: 'Step', exact: true });
    await expect.poll(() => step.isEnabled(), { timeout: 20_000 }).toBe(true);
    expect(await page.getByTestId('engine-select').inputValue()).toBe('wasm');
    await step.click();
    await step.click();
    await expect.poll(() => page.getByTestId('epoch').textContent()).toBe('000,002');
    const loss = Number(await page.getByTestId('train-loss').textContent());
    expect(loss).toBeGreaterThan(0);
    expect(loss).toBeLessThan(1);
    expect(errors).toEqual([]);
    await page.close();
  });
});
