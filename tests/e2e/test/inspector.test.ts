/**
 * The backpropagation inspector ("Inspect a point"), in English and Korean:
 * paused, it opens by its name, a click on the output map picks a training
 * point, the diagram and the tables show its numbers, Next point and Finish
 * the batch walk through the next batch, and after Step the weights are the
 * ones it predicted. With 50 training points and batch size 30, one epoch
 * makes exactly one update (after point 30; the other 20 points carry over
 * without one), so one Step is the batch the inspector finished.
 */
import { describe, expect, it } from 'vitest';
import { switchLanguage, TEXTS, type Language } from '../src/course.js';
import type { Page } from '../src/driver/index.js';
import { openApp, readEpoch } from '../src/playground.js';
import { SHOTS, useBuiltApp } from '../src/session.js';
import { join } from 'node:path';
import enInspect from '../../../apps/playground/src/lib/i18n/en/inspect.js';
import koInspect from '../../../apps/playground/src/lib/i18n/ko/inspect.js';

const INSPECT = { en: enInspect, ko: koInspect } as const;

/** Two blobs, 10% of 500 points for training (50), batch 30: one update per epoch. */
const SMALL =
  'seed=0.4242&dataset=gauss&percTrainData=10&batchSize=30&networkShape=3,2&activation=relu' +
  '&learningRate=0.1&regularization=L2&regularizationRate=0.01&x=true&y=true';

/** The number at the end of a weight's accessible name ("…: 0.234"). */
async function weightShown(page: Page, k: number): Promise<number> {
  const label = (await page.locator(`[data-param="w${k}"]`).getAttribute('aria-label')) ?? '';
  const match = /(-?[\d.]+(?:e-?\d+)?)\s*$/.exec(label);
  return match ? Number(match[1]) : NaN;
}

describe('the backpropagation inspector', () => {
  const app = useBuiltApp();

  it.each(['en', 'ko'] as const)('inspects a point and steps through a batch (%s)', async (language: Language) => {
    const texts = INSPECT[language];
    const page = await app.newPage();
    await openApp(page, app.url, SMALL);
    await switchLanguage(page, language);

    const toggle = page.getByRole('button', { name: texts.toggle, exact: true });
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    await toggle.click();
    await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('true');
    // It opens on the first point of the next batch.
    const point = page.getByTestId('inspect-point');
    await expect.poll(() => point.textContent()).toContain(texts.point.replace('{{number}}', '1').replace('{{count}}', '50'));

    // Next point adds the next point of the batch; Previous point goes back.
    const batch = page.getByTestId('inspect-batch');
    const finish = page.getByRole('button', { name: texts.finish, exact: true });
    const added = (n: number): string => texts.batchIn.replace(/\{\{length\}\}/g, '30').replace('{{added}}', String(n));
    await page.getByRole('button', { name: texts.next, exact: true }).click();
    await expect.poll(() => batch.textContent()).toContain(added(2));
    expect(await batch.textContent()).toContain(texts.partial.replace('{{count}}', '2'));
    await page.getByRole('button', { name: texts.previous, exact: true }).click();
    await expect.poll(() => batch.textContent()).toContain(added(1));
    await page.getByRole('button', { name: texts.next, exact: true }).click();
    await expect.poll(() => batch.textContent()).toContain(added(2));

    // A click near the map's top-left corner picks the training point nearest to it, ringed.
    const first = await point.textContent();
    await page.getByTestId('inspect-map').click({ position: { x: 12, y: 12 } });
    await page.getByTestId('inspect-ring').waitFor();
    await expect.poll(() => point.textContent()).not.toBe(first);
    const loss = Number(await page.getByTestId('inspect-loss').textContent());
    expect(loss).toBeGreaterThanOrEqual(0);
    // The diagram shows every node's z, a and dE/dz: 3 + 2 hidden nodes and the output.
    await expect.poll(() => page.locator('[data-testid^="inspect-tag-"]').count()).toBe(6);
    await page.screenshot({ path: join(SHOTS, `inspector-${language}.png`) });

    await finish.click();
    await expect.poll(() => page.getByTestId('inspect-update-state').textContent()).toBe(texts.complete);
    expect(await finish.isDisabled()).toBe(true);
    await page.getByTestId('inspector').screenshot({ path: join(SHOTS, `inspector-panel-${language}.png`) });
    const predicted: number[] = [];
    for (let k = 0; k < 6; k++) {
      predicted.push(Number(await page.getByTestId(`inspect-after-${k}`).getAttribute('data-value')));
    }
    expect(predicted.every(Number.isFinite)).toBe(true);
    const before = await weightShown(page, 0);

    // One Step is that batch: the weights move to the predicted values (the names show 3 digits).
    await page.getByRole('button', { name: TEXTS[language].common.topBar.step, exact: true }).click();
    await expect.poll(() => readEpoch(page)).toBe(1);
    await expect.poll(() => weightShown(page, 0)).not.toBe(before);
    for (let k = 0; k < 6; k++) {
      const shown = await weightShown(page, k);
      expect(Math.abs(shown - predicted[k]!), `weight ${k}`).toBeLessThanOrEqual(Math.abs(predicted[k]!) * 0.006 + 1e-9);
    }
    // The numbers follow the new weights: the batch starts again after the update.
    await expect.poll(() => page.getByTestId('inspect-update-state').count()).toBe(1);

    await toggle.click();
    await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('false');
    expect(await page.getByTestId('inspector').count()).toBe(0);
    expect(await page.locator('[data-testid^="inspect-tag-"]').count()).toBe(0);
    if (language === 'ko') await switchLanguage(page, 'en');
  });
  it('predicts an Adam update, its formula and its moments beside the numbers', async () => {
    const texts = INSPECT.en;
    const page = await app.newPage();
    await openApp(page, app.url, `${SMALL}&optimizer=adam`);
    await page.getByRole('button', { name: texts.toggle, exact: true }).click();
    await page.getByTestId('inspect-point').waitFor();
    // Two Steps first, so Adam's moments are not 0 and t is 3 at the next update.
    const step = page.getByRole('button', { name: TEXTS.en.common.topBar.step, exact: true });
    await step.click();
    await expect.poll(() => readEpoch(page)).toBe(1);
    await step.click();
    await expect.poll(() => readEpoch(page)).toBe(2);
    await page.getByRole('button', { name: texts.finish, exact: true }).click();
    await expect.poll(() => page.getByTestId('inspect-update-state').textContent()).toBe(texts.complete);
    expect(await page.getByTestId('inspect-update-formula').getAttribute('data-optimizer')).toBe('adam');
    await expect.poll(() => page.getByTestId('inspect-update-text').textContent()).toContain('t = 3');
    const headers = await page.getByTestId('inspect-links').locator('thead th').allTextContents();
    expect(headers).toEqual(expect.arrayContaining([texts.optimizerStep, texts.moments.adamM, texts.moments.adamV]));
    await page.getByTestId('inspector').screenshot({ path: join(SHOTS, 'inspector-adam.png') });
    const predicted: number[] = [];
    for (let k = 0; k < 6; k++) {
      predicted.push(Number(await page.getByTestId(`inspect-after-${k}`).getAttribute('data-value')));
    }
    const before = await weightShown(page, 0);
    await step.click();
    await expect.poll(() => readEpoch(page)).toBe(3);
    await expect.poll(() => weightShown(page, 0)).not.toBe(before);
    for (let k = 0; k < 6; k++) {
      const shown = await weightShown(page, k);
      expect(Math.abs(shown - predicted[k]!), `weight ${k}`).toBeLessThanOrEqual(Math.abs(predicted[k]!) * 0.006 + 1e-9);
    }
  });
});
