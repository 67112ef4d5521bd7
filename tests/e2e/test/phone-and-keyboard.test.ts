/**
 * The playground on a phone (390 x 844, touch) and with the keyboard only:
 * nothing spills sideways, the run controls work by tap and by key, and every
 * control has its English accessible name.
 */
import { join } from 'node:path';
import type { Context, Page } from '../src/driver/index.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { SHOTS, useBuiltApp } from '../src/session.js';
import { afterFrames, canvasStats, openApp, overflowingElements, playButton, readEpoch } from '../src/playground.js';


/** data-testid, else aria-label, else text, of the focused element. */
async function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const e = document.activeElement;
    if (!e || e === document.body) return '(body)';
    return e.getAttribute('data-testid') ?? e.getAttribute('aria-label') ?? (e.textContent ?? '').trim();
  });
}

describe('the playground on a phone and from the keyboard', () => {
  const app = useBuiltApp();
  let url: string;
  let phone: Context;
  let desktop: Context;

  beforeAll(async () => {
    ({ url, desktop } = app);
    phone = await app.browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true });
  });

  const newPage = (context: Context): Promise<Page> => app.newPage(context);

  it('fits a 390 px phone screen and plays by tap', async () => {
    const page = await newPage(phone);
    // The widest network the controls allow: its diagram fits the screen (it runs downwards).
    await openApp(page, url, 'seed=0.5&networkShape=8,8,8,8,8,8&x=true&y=true&xSquared=true&speed=10');
    expect(await page.evaluate(() => window.innerWidth)).toBe(390);

    const widths = await page.evaluate(() => ({
      document: document.documentElement.scrollWidth,
      body: document.body.scrollWidth,
      viewport: document.documentElement.clientWidth,
    }));
    expect(widths.document, 'the page scrolls sideways').toBeLessThanOrEqual(widths.viewport);
    expect(widths.body).toBeLessThanOrEqual(widths.viewport);
    expect(await overflowingElements(page)).toEqual([]);
    // The diagram fits its column: nothing to scroll sideways (fit.test.ts looks at every node).
    const column = await page.locator('.network-column').evaluate((e) => ({ scroll: e.scrollWidth, client: e.clientWidth }));
    expect(column.scroll).toBeLessThanOrEqual(column.client);

    // The map and the output panel are drawn at phone size too.
    const map = page.getByTestId('decision-map');
    const box = await map.boundingBox();
    expect(box!.width).toBeGreaterThanOrEqual(200);
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    expect((await canvasStats(map)).colours).toBeGreaterThan(20);

    const play = page.getByRole('button', { name: 'Play', exact: true });
    const playBox = await play.boundingBox();
    expect(playBox!.x).toBeGreaterThanOrEqual(0);
    expect(playBox!.x + playBox!.width).toBeLessThanOrEqual(390);
    // Big enough to hit with a finger.
    expect(playBox!.width).toBeGreaterThanOrEqual(44);
    await play.tap();
    await expect.poll(() => playButton(page).getAttribute('aria-label')).toBe('Pause');
    await expect.poll(() => readEpoch(page)).toBeGreaterThan(30);
    await page.screenshot({ path: join(SHOTS, 'phone-390x844.png') });
    await page.getByRole('button', { name: 'Pause', exact: true }).tap();
    await expect.poll(() => playButton(page).getAttribute('aria-label')).toBe('Play');
    const stopped = await readEpoch(page);
    await afterFrames(page, 24);
    expect(await readEpoch(page)).toBe(stopped);

    await page.getByRole('button', { name: 'Step', exact: true }).tap();
    await expect.poll(() => readEpoch(page)).toBe(stopped + 1);
    await page.getByRole('button', { name: 'Reset', exact: true }).tap();
    await expect.poll(() => readEpoch(page)).toBe(0);

    // Still no sideways scrolling after training, with the chart and the numbers filled in.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await overflowingElements(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'phone-390x844-full.png'), fullPage: true });

    // The smallest phones and a tablet: no sideways scrolling either.
    for (const width of [320, 768]) {
      await page.setViewportSize({ width, height: 800 });
      await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth), { message: `${width} px` }).toBeLessThanOrEqual(width);
      expect(await overflowingElements(page), `${width} px`).toEqual([]);
    }
  });

  it('a tap on a link opens its editor on a touch screen', async () => {
    const page = await newPage(phone);
    await openApp(page, url, 'seed=0.5');
    const link = page.locator('path.link-hit').last();
    await link.scrollIntoViewIfNeeded();
    const point = await link.evaluate((element) => {
      const p = element as SVGPathElement;
      const m = p.getScreenCTM()!;
      const length = p.getTotalLength();
      for (const f of [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8]) {
        const q = p.getPointAtLength(length * f);
        const x = q.x * m.a + q.y * m.c + m.e;
        const y = q.x * m.b + q.y * m.d + m.f;
        if (document.elementFromPoint(x, y) === p) return { x, y };
      }
      return undefined;
    });
    expect(point, 'no free point on the link').toBeDefined();
    // Which pointer the page sees: a tap must arrive as touch input, not as a mouse click.
    await page.evaluate(() => {
      document.addEventListener('pointerdown', (event) => ((window as { e2ePointer?: string } & Window).e2ePointer = event.pointerType), {
        capture: true,
        once: true,
      });
    });
    await page.touchscreen.tap(point!.x, point!.y);
    const editor = page.getByTestId('edit-value');
    await expect.poll(() => editor.count()).toBe(1);
    expect(Number(await editor.inputValue())).not.toBeNaN();
    expect(await page.evaluate(() => (window as { e2ePointer?: string } & Window).e2ePointer)).toBe('touch');
  });

  it('reaches Reset, Play and Step first with Tab (after the lessons switch above them) and runs them from the keyboard', async () => {
    const page = await newPage(desktop);
    await openApp(page, url, 'seed=0.5');
    const order: string[] = [];
    for (let k = 0; k < 4; k++) {
      await page.keyboard.press('Tab');
      order.push(await focusedName(page));
    }
    expect(order).toEqual(['lessons-toggle', 'reset', 'play', 'step']);

    // Step (focused): Enter and Space each train one epoch.
    await page.keyboard.press('Enter');
    await expect.poll(() => readEpoch(page)).toBe(1);
    await page.keyboard.press('Space');
    await expect.poll(() => readEpoch(page)).toBe(2);

    // Back to Play: Space starts, Space again stops, focus stays on the button.
    await page.keyboard.press('Shift+Tab');
    expect(await focusedName(page)).toBe('play');
    await page.keyboard.press('Space');
    await expect.poll(() => playButton(page).getAttribute('aria-label')).toBe('Pause');
    await expect.poll(() => readEpoch(page)).toBeGreaterThan(5);
    expect(await focusedName(page)).toBe('play');
    await page.keyboard.press('Space');
    await expect.poll(() => playButton(page).getAttribute('aria-label')).toBe('Play');

    // Reset from the keyboard.
    await page.keyboard.press('Shift+Tab');
    expect(await focusedName(page)).toBe('reset');
    await page.keyboard.press('Enter');
    await expect.poll(() => readEpoch(page)).toBe(0);

    // Every control further down is reachable with Tab, in reading order.
    const seen: string[] = [];
    for (let k = 0; k < 60; k++) {
      await page.keyboard.press('Tab');
      seen.push(await focusedName(page));
    }
    const expected = [
      'learning-rate',
      'activation',
      'regularization',
      'regularization-rate',
      'problem',
      'speed',
      'engine-select',
      'dataset-circle',
      'dataset-spiral',
      'ratio',
      'noise',
      'batch-size',
      'regenerate',
      'Add a hidden layer',
      'Add a neuron to hidden layer 1',
      'feature-x',
      'feature-sinY',
      'node-1-1',
      'node-2-2',
      'node-output',
      'show-test-data',
      'discretize',
    ];
    let at = -1;
    for (const name of expected) {
      const next = seen.indexOf(name, at + 1);
      expect(next, `${name} is not reached by Tab after ${seen[at] ?? 'the start'} (${seen.join(', ')})`).toBeGreaterThan(at);
      at = next;
    }
  });

  it('names every control in English for assistive technology', async () => {
    const page = await newPage(desktop);
    await openApp(page, url, 'seed=0.5');
    const buttons = [
      'Reset',
      'Play',
      'Step',
      'Regenerate',
      'Add a hidden layer',
      'Remove a hidden layer',
      'Add a neuron to hidden layer 1',
      'Remove a neuron from hidden layer 1',
      'Add a neuron to hidden layer 2',
      'Remove a neuron from hidden layer 2',
      'Data set: Circle',
      'Data set: XOR',
      'Data set: Two blobs',
      'Data set: Spiral',
      'Feature x1',
      'Feature x2',
      'Feature x1 squared',
      'Feature x2 squared',
      'Feature x1 times x2',
      'Feature sin(x1)',
      'Feature sin(x2)',
    ];
    for (const name of buttons) {
      expect(await page.getByRole('button', { name, exact: true }).count(), `button "${name}"`).toBe(1);
    }
    for (const name of ['Learning rate', 'Activation', 'Regularization', 'Regularization rate', 'Problem type', 'Speed', 'Engine']) {
      expect(await page.getByRole('combobox', { name, exact: true }).count(), `select "${name}"`).toBe(1);
    }
    for (const name of [/^Ratio of training to test data/, /^Noise/, /^Batch size/]) {
      expect(await page.getByRole('slider', { name }).count(), `slider ${name}`).toBe(1);
    }
    for (const name of ['Show test data', 'Discretize output']) {
      expect(await page.getByRole('checkbox', { name, exact: true }).count(), `checkbox "${name}"`).toBe(1);
    }
    expect(await page.getByLabel('Epoch', { exact: true }).textContent()).toBe('000,000');
    expect(await page.getByLabel('Test loss', { exact: true }).textContent()).toMatch(/^\d\.\d{3}$/);
    expect(await page.getByLabel('Training loss', { exact: true }).textContent()).toMatch(/^\d\.\d{3}$/);
    expect(await page.getByRole('img', { name: 'Decision map of the network output' }).count()).toBe(1);
    expect(await page.getByRole('table', { name: 'Measured speed of each engine' }).count()).toBe(1);
    // Each neuron says what Enter does.
    expect(await page.getByRole('button', { name: /^neuron \d of hidden layer \d: show its map; Enter edits its weights$/ }).count()).toBe(6);
    expect(await page.getByRole('button', { name: /^the output node/ }).count()).toBe(1);
    // The share link field.
    await page.getByText('Share or use it in a classroom').click();
    expect(await page.getByRole('textbox', { name: 'Link to this setup' }).count()).toBe(1);
  });
});
