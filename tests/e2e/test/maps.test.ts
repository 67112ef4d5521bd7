/**
 * The maps and the diagram while a deep network trains at one epoch per
 * frame: every node's map stays on TF's colour scale, each thumbnail shows
 * the same colours as the big map of the same node (the sampled path against
 * the full one), and the names of the weights and biases follow the values
 * while training plays (at most every 250 ms) and tell the values the hover
 * card shows once it stops.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from '../src/driver/index.js';
import { linkPoint, offScalePixels, openApp, pause, play, readEpoch } from '../src/playground.js';
import { useBuiltApp } from '../src/session.js';

const DEEP =
  'seed=0.12345&dataset=spiral&networkShape=8,8,8&batchSize=10&learningRate=0.03&activation=tanh' +
  '&x=true&y=true&xSquared=true&ySquared=true&speed=1';

/** The RGBA pixels of a canvas, row by row. */
async function pixels(page: Page, testid: string): Promise<{ width: number; data: number[] }> {
  return page.getByTestId(testid).evaluate((element) => {
    const canvas = (element.tagName === 'CANVAS' ? element : element.querySelector('canvas')) as HTMLCanvasElement;
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    return { width: canvas.width, data: Array.from(data) };
  });
}

/** The value the hover card shows for link `weight`, pointed at where no other link crosses it. */
async function hoveredWeight(page: Page, weight: number): Promise<string | null> {
  const point = await linkPoint(page, weight);
  expect(point, `link ${weight} takes the pointer somewhere`).toBeDefined();
  await page.mouse.move(point!.x, point!.y);
  return page.getByTestId('hover-value').textContent();
}

describe('maps and names while training', () => {
  const app = useBuiltApp();

  it('keeps every map on the colour scale, thumbnails equal to the big map, and names up to date after Pause', async () => {
    const page = await app.newPage();
    await openApp(page, app.url, DEEP);
    const start = await readEpoch(page);
    await play(page);
    await expect.poll(() => readEpoch(page)).toBeGreaterThan(start + 30);

    // Mid-training: every node's thumbnail is on the scale (no NaN garbage, no transparency).
    const nodes = page.locator('[data-testid^="node-"] canvas');
    expect(await nodes.count()).toBe(3 * 8 + 1);
    for (const canvas of await nodes.all()) {
      const { total, off } = await offScalePixels(canvas);
      expect(total).toBe(50 * 50);
      expect(off).toBe(0);
    }

    // While training plays, names follow the values at most every 250 ms, but they do follow.
    const lastWeight = (await page.locator('path.link-hit').count()) - 1;
    const link = page.locator(`path.link-hit[data-weight="${lastWeight}"]`);
    const named = async (): Promise<string> => (await link.getAttribute('aria-label'))!.split(': ')[1]!;
    const namedWhilePlaying = await named();
    await expect.poll(named).not.toBe(namedWhilePlaying);

    // After Pause the last values land.
    await pause(page);
    const shownValue = await hoveredWeight(page, lastWeight);
    expect(shownValue).toMatch(/^-?\d/);
    await expect.poll(named).toBe(shownValue);
    const outputBias = page.getByTestId('bias-output');
    await outputBias.hover();
    const biasShown = await page.getByTestId('hover-value').textContent();
    expect(biasShown).toMatch(/^-?\d/);
    const biasNamed = async (): Promise<string> =>
      (await outputBias.evaluate((square) => square.parentElement!.getAttribute('aria-label')!)).split(': ')[1]!;
    await expect.poll(biasNamed).toBe(biasShown);

    // The big map shows the output node (the pointer is on no node).
    await page.mouse.move(1, 1);
    const big = await pixels(page, 'decision-map');
    const thumb = await pixels(page, 'node-output');
    expect(big.width).toBe(100);
    expect(thumb.width).toBe(50);
    const step = big.width / thumb.width;
    let differ = 0;
    const colours = new Set<string>();
    for (let row = 0; row < thumb.width; row++) {
      for (let col = 0; col < thumb.width; col++) {
        const t = (row * thumb.width + col) * 4;
        const b = (Math.floor(row * step) * big.width + Math.floor(col * step)) * 4;
        const a = thumb.data.slice(t, t + 4).join();
        colours.add(a);
        if (a !== big.data.slice(b, b + 4).join()) differ++;
      }
    }
    expect(differ, 'thumbnail pixels that differ from the big map').toBe(0);
    expect(colours.size, 'a flat map would prove nothing').toBeGreaterThan(20);
  });
});
