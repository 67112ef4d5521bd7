/**
 * "Draw points" in both languages: drawing turns on over the output map,
 * points of each class go where they are clicked, undo, erase and the
 * keyboard cursor change them, "Use these points" trains on them (split by
 * the ratio, not in the URL), and a recorded run says its points were drawn.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import enDraw from '../../../apps/playground/src/lib/i18n/en/draw.js';
import koDraw from '../../../apps/playground/src/lib/i18n/ko/draw.js';
import type { Locator, Page } from '../src/driver/index.js';
import { LOCALES, TEXTS, lessonNumber, openLesson, useFreshContexts, type Language } from '../src/course.js';
import { hashValue, readNumber, waitForSnapshot } from '../src/playground.js';
import { axeProblems } from '../src/look.js';
import { SHOTS, useBuiltApp } from '../src/session.js';

const DRAW = { en: enDraw, ko: koDraw } as const;
const HOMEWORK = lessonNumber('homework');

/** A text with its {{placeholders}} filled in. */
function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name]));
}

/** Clicks the map at (x, y) in its own coordinates (-6..6, y up). */
async function clickMap(map: Locator, x: number, y: number): Promise<void> {
  const box = (await map.boundingBox())!;
  await map.click({ position: { x: ((x + 6) / 12) * box.width, y: ((6 - y) / 12) * box.height } });
}

async function drawnCount(map: Locator): Promise<number> {
  return Number(await map.getAttribute('data-points'));
}

describe.each(['en', 'ko'] as const)('drawing points (%s)', (language: Language) => {
  const contexts = useFreshContexts();
  const app = useBuiltApp();
  const T = DRAW[language];

  it('draws, undoes, erases, trains on the drawing and records it', async () => {
    const page: Page = await app.newPage(await contexts.open(app.browser, { locale: LOCALES[language] }));
    await page.goto(`${app.url}#dataset=xor&seed=0.5&networkShape=4&noise=0&percTrainData=50&learningRate=0.1&batchSize=3`);
    await waitForSnapshot(page);
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(language);
    await openLesson(page, HOMEWORK);
    const hashBefore = await page.evaluate(() => location.hash);

    const toggle = page.getByRole('button', { name: T.toggle, exact: true });
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    await toggle.click();
    await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('true');
    const map = page.getByTestId('draw-map');
    // It starts from the data set's points (XOR, 500 of them).
    await expect.poll(() => drawnCount(map)).toBe(500);

    // Cleared, then "use": a clear message, and the data set stays.
    await page.getByRole('button', { name: T.clear, exact: true }).click();
    await expect.poll(() => drawnCount(map)).toBe(0);
    const use = page.getByRole('button', { name: T.use, exact: true });
    await use.click();
    await expect.poll(() => page.getByTestId('draw-outcome').textContent()).toBe(T.tooFew);
    expect(await page.getByTestId('dataset-xor').getAttribute('aria-pressed')).toBe('true');

    // Six orange points on the left, one blue: one class is not enough... then five more blue on the right.
    await page.getByRole('radio', { name: T.orange, exact: true }).click();
    const left = [[-4, 2], [-3, -1], [-5, 0], [-4, -3], [-2.5, 3], [-3.5, 1]] as const;
    const right = [[4, -2], [3, 1], [5, 0], [4, 3], [2.5, -3], [3.5, -1]] as const;
    for (const [x, y] of left) await clickMap(map, x, y);
    await expect.poll(() => drawnCount(map)).toBe(6);
    await use.click();
    await expect.poll(() => page.getByTestId('draw-outcome').textContent()).toBe(T.oneClass);
    await page.getByRole('radio', { name: T.blue, exact: true }).click();
    for (const [x, y] of right) await clickMap(map, x, y);
    await expect.poll(() => drawnCount(map)).toBe(12);

    // Undo removes the last point (the button, then Ctrl+Z on the map); Redo brings it back.
    await page.getByRole('button', { name: T.undo, exact: true }).click();
    await expect.poll(() => drawnCount(map)).toBe(11);
    await page.getByRole('button', { name: T.redo, exact: true }).click();
    await expect.poll(() => drawnCount(map)).toBe(12);

    // The keyboard: the cursor starts where the last point went; Enter adds one there, Ctrl+Z undoes it.
    await map.focus();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await expect.poll(() => drawnCount(map)).toBe(13);
    await page.keyboard.press('Control+z');
    await expect.poll(() => drawnCount(map)).toBe(12);

    // Two stray points near the top, erased by one drag in Erase mode (and one undo step).
    await clickMap(map, -0.5, 5);
    await clickMap(map, 0.5, 5);
    await expect.poll(() => drawnCount(map)).toBe(14);
    const erase = page.getByRole('button', { name: T.erase, exact: true });
    await erase.click();
    await expect.poll(() => erase.getAttribute('aria-pressed')).toBe('true');
    const box = (await map.boundingBox())!;
    const at = (x: number, y: number) => ({ x: box.x + ((x + 6) / 12) * box.width, y: box.y + ((6 - y) / 12) * box.height });
    await page.mouse.move(at(-1.5, 5).x, at(-1.5, 5).y);
    await page.mouse.down();
    for (let x = -1.5; x <= 1.5; x += 0.25) await page.mouse.move(at(x, 5).x, at(x, 5).y);
    await page.mouse.up();
    await expect.poll(() => drawnCount(map)).toBe(12);
    await page.getByRole('button', { name: T.undo, exact: true }).click();
    await expect.poll(() => drawnCount(map)).toBe(14);
    await page.getByRole('button', { name: T.redo, exact: true }).click();
    await expect.poll(() => drawnCount(map)).toBe(12);
    await erase.click();
    await expect.poll(() => page.getByTestId('draw-count').textContent()).toBe(
      fill(T.countClassification, { points: 12, negative: 6, positive: 6 }),
    );
    await page.screenshot({ path: join(SHOTS, `draw-${language}.png`) });
    // The drawing tools and the map layer pass the accessibility scan.
    expect(await axeProblems(page)).toEqual([]);

    // Use them: new weights on the drawn points, split 50/50, nothing of them in the URL.
    await use.click();
    await expect.poll(() => page.getByTestId('draw-outcome').textContent()).toBe(fill(T.used, { points: 12 }));
    await expect.poll(() => page.getByTestId('imported').textContent()).toContain(T.name);
    expect(await page.getByTestId('dataset-xor').getAttribute('aria-pressed')).toBe('false');
    await toggle.click();
    await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('false');
    const hash = await page.evaluate(() => location.hash);
    expect(hash.replace(/seed=[^&]*/, '')).toBe(hashBefore.replace(/seed=[^&]*/, ''));
    expect(await hashValue(page, 'dataset')).toBe('xor');

    // It trains: the separable clusters' loss falls well below where it started.
    const start = await readNumber(page, 'train-loss');
    expect(await page.getByTestId('draw-small-batch').count()).toBe(0);
    const playButton = page.getByTestId('play');
    const topBar = TEXTS[language].common.topBar;
    await playButton.click();
    await expect.poll(() => playButton.getAttribute('aria-label')).toBe(topBar.pause);
    await expect.poll(() => readNumber(page, 'train-loss'), { timeout: 60_000 }).toBeLessThan(Math.min(0.1, start / 2));
    await playButton.click();
    await expect.poll(() => playButton.getAttribute('aria-label')).toBe(topBar.play);
    await page.screenshot({ path: join(SHOTS, `draw-trained-${language}.png`) });

    // Recorded: the log row says the points were drawn, and how many.
    await page.getByTestId('record').click();
    await expect.poll(() => page.getByTestId('log-row').count()).toBe(1);
    const cells = (await page.getByTestId('log-row').first().locator('th, td').allTextContents()).map((c) => c.trim());
    expect(cells[1]).toBe(fill(T.logDataset, { points: 12 }));
    expect(cells[1]).not.toBe(TEXTS[language].log.datasets.xor);
  });

  it('draws regression points with a value and uses them', async () => {
    const page: Page = await app.newPage(await contexts.open(app.browser, { locale: LOCALES[language] }));
    await page.goto(`${app.url}#problem=regression&regDataset=reg-plane&seed=0.5&networkShape=3&batchSize=1`);
    await waitForSnapshot(page);
    await page.getByRole('button', { name: T.toggle, exact: true }).click();
    const map = page.getByTestId('draw-map');
    await expect.poll(() => drawnCount(map)).toBeGreaterThan(0);
    await page.getByRole('button', { name: T.clear, exact: true }).click();
    await expect.poll(() => drawnCount(map)).toBe(0);
    const value = page.getByRole('slider', { name: T.value });
    await value.fill('-1');
    for (const x of [-4, -2]) await clickMap(map, x, 0);
    await value.fill('1');
    for (const x of [2, 4]) await clickMap(map, x, 0);
    await expect.poll(() => page.getByTestId('draw-count').textContent()).toBe(fill(T.countRegression, { points: 4 }));
    await page.getByRole('button', { name: T.use, exact: true }).click();
    await expect.poll(() => page.getByTestId('draw-outcome').textContent()).toBe(fill(T.used, { points: 4 }));
    await page.screenshot({ path: join(SHOTS, `draw-regression-${language}.png`) });
    expect(await hashValue(page, 'problem')).toBe('regression');
    expect(await page.getByTestId('imported').textContent()).toContain(T.name);
  });
});
