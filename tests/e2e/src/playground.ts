/**
 * Helpers for driving the playground page: reading its figures, waiting for
 * the training worker, looking at canvases and at the URL hash.
 *
 * Functions passed to `evaluate` are plain functions without inner named
 * helpers, so they survive any transpiler that wraps named functions.
 */
import { expect } from 'vitest';
import type { Locator, Page } from './driver/index.js';
import { canvasStatsInPage, parseHashText, type CanvasStats } from './shared.js';

export { parseHashText, type CanvasStats } from './shared.js';

/** The hash of TensorFlow Playground's default setup (as its site writes it), with a fixed seed. */
export const TF_DEFAULT_HASH =
  'activation=tanh&batchSize=10&dataset=circle&regDataset=reg-plane&learningRate=0.03&regularizationRate=0&noise=0&networkShape=4,2&seed=0.80146&showTestData=false&discretize=false&percTrainData=50&x=true&y=true&xTimesY=false&xSquared=false&ySquared=false&cosX=false&sinX=false&cosY=false&sinY=false&collectStats=false&problem=classification&initZero=false&hideText=false';

/** A TF-format hash that differs from the defaults in almost every setting. */
export const TF_XOR_HASH =
  'activation=relu&regularization=L2&batchSize=3&dataset=xor&regDataset=reg-plane&learningRate=0.3&regularizationRate=0.003&noise=15&networkShape=8,5&seed=0.12345&showTestData=false&discretize=false&percTrainData=70&x=true&y=true&xTimesY=false&xSquared=true&ySquared=true&cosX=false&sinX=false&cosY=false&sinY=false&collectStats=false&problem=classification&initZero=false&hideText=false';

/** Every input feature switched on. */
export const ALL_FEATURES = 'x=true&y=true&xSquared=true&ySquared=true&xTimesY=true&sinX=true&sinY=true';

/** The number in a figure's text ("000,123" -> 123, "0.512" -> 0.512); NaN when there is none. */
export async function readNumber(page: Page, testId: string): Promise<number> {
  const text = (await page.getByTestId(testId).textContent()) ?? '';
  const cleaned = text.replace(/,/g, '').trim();
  return cleaned === '' ? NaN : Number(cleaned);
}

export const readEpoch = (page: Page): Promise<number> => readNumber(page, 'epoch');

/** Training and test loss as shown (3 decimals). */
export async function readLosses(page: Page): Promise<{ train: number; test: number }> {
  return { train: await readNumber(page, 'train-loss'), test: await readNumber(page, 'test-loss') };
}

/** Opens the app with `hash` and waits until the worker's first snapshot is on screen. */
export async function openApp(page: Page, url: string, hash = ''): Promise<void> {
  await page.goto(hash === '' ? url : `${url}#${hash.replace(/^#/, '')}`);
  await waitForSnapshot(page);
}

/** Waits until the page shows a snapshot: a numeric training loss and an enabled Play/Pause button. */
export async function waitForSnapshot(page: Page): Promise<void> {
  await expect
    .poll(() => readNumber(page, 'train-loss'), { timeout: 20_000, message: 'the first snapshot never arrived' })
    .not.toBeNaN();
}

/** The Play/Pause button, whatever it currently says. */
export function playButton(page: Page): Locator {
  return page.getByTestId('play');
}

/** Presses Play and waits until the worker reports that it is playing. */
export async function play(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect.poll(() => playButton(page).getAttribute('aria-label')).toBe('Pause');
}

/** Presses Pause and waits until the worker reports that it stopped. */
export async function pause(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect.poll(() => playButton(page).getAttribute('aria-label')).toBe('Play');
}

/** Presses Step and waits for the epoch to move by exactly one. */
export async function step(page: Page): Promise<number> {
  const before = await readEpoch(page);
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect.poll(() => readEpoch(page)).toBe(before + 1);
  return before + 1;
}

/** The URL hash as key -> value (the last value of a repeated key). */
export async function hashParams(page: Page): Promise<Map<string, string>> {
  return parseHashText(new URL(page.url()).hash);
}

export async function hashValue(page: Page, key: string): Promise<string | undefined> {
  return (await hashParams(page)).get(key);
}

/** Looks at a canvas's pixels (every pixel; these canvases are small). */
export async function canvasStats(canvas: Locator): Promise<CanvasStats> {
  return canvas.evaluate(canvasStatsInPage);
}

/**
 * Pixels of a map canvas that are not on the playground's colour scale
 * (orange #f59322 .. grey #e8eaeb .. blue #0877bd), or not opaque. A map drawn
 * from NaN or garbage would show up here.
 */
export async function offScalePixels(canvas: Locator): Promise<{ total: number; off: number; neutral: number }> {
  return canvas.evaluate((element) => {
    const c = element as HTMLCanvasElement;
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let off = 0;
    let neutral = 0;
    for (let k = 0; k < data.length; k += 4) {
      const r = data[k]!;
      const g = data[k + 1]!;
      const b = data[k + 2]!;
      if (data[k + 3] !== 255) {
        off++;
        continue;
      }
      if (Math.abs(r - 0xe8) <= 1 && Math.abs(g - 0xea) <= 1 && Math.abs(b - 0xeb) <= 1) neutral++;
      // Orange half: green falls from 234 to 147; red and blue follow linearly.
      const tn = (0xea - g) / (0xea - 0x93);
      const onNegative =
        tn >= -0.01 &&
        tn <= 1.01 &&
        Math.abs(r - (0xe8 + (0xf5 - 0xe8) * tn)) <= 2 &&
        Math.abs(b - (0xeb + (0x22 - 0xeb) * tn)) <= 2;
      // Blue half: red falls from 232 to 8.
      const tp = (0xe8 - r) / (0xe8 - 0x08);
      const onPositive =
        tp >= -0.01 &&
        tp <= 1.01 &&
        Math.abs(g - (0xea + (0x77 - 0xea) * tp)) <= 2 &&
        Math.abs(b - (0xeb + (0xbd - 0xeb) * tp)) <= 2;
      if (!onNegative && !onPositive) off++;
    }
    return { total: data.length / 4, off, neutral };
  });
}

/** The canvas of the loss chart (uPlot draws axes, grid and lines on one canvas). */
export function lossChartCanvas(page: Page): Locator {
  return page.getByTestId('loss-chart').locator('canvas').first();
}

/** The canvas with the data points, laid over the decision map. */
export function pointsCanvas(page: Page): Locator {
  return page.locator('canvas.points').first();
}

/**
 * A viewport point on link `weight` where that link (and no other element)
 * receives the pointer, or undefined when none of the sampled points is free.
 */
export async function linkPoint(page: Page, weight: number): Promise<{ x: number; y: number } | undefined> {
  const path = page.locator(`path.link-hit[data-weight="${weight}"]`);
  await path.scrollIntoViewIfNeeded();
  return path.evaluate((element) => {
    const p = element as SVGPathElement;
    const matrix = p.getScreenCTM();
    if (!matrix) return undefined;
    const length = p.getTotalLength();
    for (const f of [0.5, 0.4, 0.6, 0.3, 0.7, 0.25, 0.75, 0.2, 0.8, 0.15, 0.85]) {
      const local = p.getPointAtLength(length * f);
      const x = local.x * matrix.a + local.y * matrix.c + matrix.e;
      const y = local.x * matrix.b + local.y * matrix.d + matrix.f;
      if (document.elementFromPoint(x, y) === p) return { x, y };
    }
    return undefined;
  });
}

/** The drawn stroke width of link `weight` (the visible path that goes with the hit area). */
export async function linkStrokeWidth(page: Page, weight: number): Promise<number> {
  return page.evaluate((w) => {
    const hits = [...document.querySelectorAll('path.link-hit')];
    const index = hits.findIndex((h) => h.getAttribute('data-weight') === String(w));
    const drawn = document.querySelectorAll('path.link')[index];
    return drawn ? Number(drawn.getAttribute('stroke-width')) : NaN;
  }, weight);
}

/** Elements (outside any horizontally scrolling box) whose right edge passes the viewport. */
export async function overflowingElements(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const out: string[] = [];
    for (const element of document.body.querySelectorAll('*')) {
      // Skip what is not rendered (display: none, or the inside of a closed <details>, whose box
      // Firefox leaves as it was last laid out).
      if (!element.checkVisibility()) continue;
      // Skip anything inside a box that clips or scrolls its own overflow.
      let clipped = false;
      for (let parent = element.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
        const overflowX = getComputedStyle(parent).overflowX;
        if (overflowX !== 'visible') {
          clipped = true;
          break;
        }
      }
      if (clipped) continue;
      const box = element.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      if (box.right > width + 1 || box.left < -1) {
        const id = element.getAttribute('data-testid') ?? element.id ?? '';
        out.push(`${element.tagName.toLowerCase()}${id ? `#${id}` : ''}.${[...element.classList].join('.')} [${Math.round(box.left)}, ${Math.round(box.right)}]`);
      }
    }
    return out;
  });
}

/**
 * Waits until the page has drawn `frames` more animation frames: the pause
 * before checking that something does NOT change (a paused epoch, a chart
 * after an edit). The page's own clock, not milliseconds: on a slow machine
 * the frames, the worker and its snapshots all slow down together.
 */
export function afterFrames(page: Page, frames = 30): Promise<void> {
  return page.animationFrames(frames);
}

/** Waits until the epoch counter has changed `count` more times (snapshots from a playing worker). */
export async function waitForSnapshots(page: Page, count: number): Promise<void> {
  const seen = await page.call('textChanges', '[data-testid="epoch"]', count);
  if (!seen) throw new Error(`the epoch did not change for 10 s while waiting for ${count} snapshots`);
}

/**
 * Watches `snapshots` drawn snapshots of a playing page: how many epochs
 * the worker trained meanwhile, and how many animation frames the page drew.
 */
export async function measurePace(page: Page, snapshots: number): Promise<{ epochs: number; snapshots: number; frames: number }> {
  const seen = await page.call('textChanges', '[data-testid="epoch"]', snapshots);
  if (!seen) throw new Error(`the epoch did not change for 10 s while watching ${snapshots} snapshots`);
  const epoch = (text: string): number => Number(text.replace(/,/g, '').trim());
  return { epochs: epoch(seen.last) - epoch(seen.first), snapshots: seen.changes, frames: seen.frames };
}
