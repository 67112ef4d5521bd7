/**
 * The training timeline, in English and Korean: a small TensorFlow
 * Playground link trains to an epoch and pauses; the "Timeline" slider,
 * moved back with the keyboard, shows the whole page at an earlier epoch
 * (its epoch and losses); "Continue from here" trains on from it, keeping
 * the later history as a branch that can be gone back to and discarded.
 * Then two runs side by side: "Pin as A", another learning rate trained as
 * B, both maps, both curves and the table of what differs; and a recorded
 * run of the experiment log pinned as A.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import enCommon from '../../../apps/playground/src/lib/i18n/en/common.js';
import enTimeline from '../../../apps/playground/src/lib/i18n/en/timeline.js';
import koCommon from '../../../apps/playground/src/lib/i18n/ko/common.js';
import koTimeline from '../../../apps/playground/src/lib/i18n/ko/timeline.js';
import { LESSONS, LOCALES, openLesson, useFreshContexts, type Language } from '../src/course.js';
import { SHOTS, useBuiltApp } from '../src/session.js';
import { TF_DEFAULT_HASH, openApp, playButton, readEpoch, readLosses } from '../src/playground.js';

const TEXTS = {
  en: { common: enCommon, timeline: enTimeline.timeline, compare: enTimeline.compare },
  ko: { common: koCommon, timeline: koTimeline.timeline, compare: koTimeline.compare },
} as const;

/** The lesson whose tools hold the experiment log (the homework). */
const HOMEWORK = LESSONS.find((lesson) => lesson.tools.includes('homework'))!;

const ENGINES = { en: 'wasm', ko: 'reference' } as const;

/** Where Play pauses by itself. */
const TRAINED = 60;
/** Key presses back along the slider (one kept epoch each: the spacing is 1 this early). */
const BACK = 25;

describe.each(['en', 'ko'] as Language[])('the training timeline in %s', (language) => {
  const contexts = useFreshContexts();
  const app = useBuiltApp();
  const texts = TEXTS[language];

  it('scrubs back with the keyboard, continues from there and discards the branch', async () => {
    const page = await app.newPage(await contexts.open(app.browser, { locale: LOCALES[language], viewport: { width: 1400, height: 900 } }));
    // Both engines: the WASM core in English, the TypeScript reference in Korean.
    await openApp(page, app.url, `${TF_DEFAULT_HASH}&pauseAt=${TRAINED}&engine=${ENGINES[language]}`);
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(language);
    expect(await page.getByTestId('engine-select').inputValue()).toBe(ENGINES[language]);
    await expect.poll(() => page.getByTestId(`stats-${ENGINES[language]}`).getAttribute('class')).toContain('current');
    await page.getByRole('button', { name: texts.common.topBar.play, exact: true }).click();
    await expect.poll(() => readEpoch(page), { timeout: 60_000 }).toBe(TRAINED);
    await expect.poll(() => playButton(page).getAttribute('aria-label')).toBe(texts.common.topBar.play);
    const atEnd = await readLosses(page);

    const slider = page.getByRole('slider', { name: texts.timeline.label, exact: true });
    await expect.poll(() => slider.getAttribute('aria-valuetext')).toContain(String(TRAINED));
    await slider.focus();
    for (let k = 0; k < BACK; k++) await page.keyboard.press('ArrowLeft');
    const earlier = TRAINED - BACK;
    await expect.poll(() => readEpoch(page)).toBe(earlier);
    await expect.poll(() => slider.getAttribute('aria-valuetext')).toContain(String(earlier));
    const viewing = page.getByTestId('timeline-viewing');
    await expect.poll(() => viewing.textContent()).toContain(String(earlier));
    expect(await viewing.textContent()).toContain(String(TRAINED));
    const shown = await readLosses(page);
    expect(shown).not.toEqual(atEnd);
    await page.screenshot({ path: join(SHOTS, `timeline-viewing-${language}.png`) });

    // Back to the present and into the past again: the same losses as before.
    await page.getByRole('button', { name: texts.timeline.backToPresent, exact: true }).click();
    await expect.poll(() => readEpoch(page)).toBe(TRAINED);
    expect(await readLosses(page)).toEqual(atEnd);
    await slider.focus();
    for (let k = 0; k < BACK; k++) await page.keyboard.press('ArrowLeft');
    await expect.poll(() => readEpoch(page)).toBe(earlier);
    expect(await readLosses(page)).toEqual(shown);

    await page.getByRole('button', { name: texts.timeline.continueHere, exact: true }).click();
    const branch = page.getByTestId('timeline-branch');
    await expect.poll(() => branch.count()).toBe(1);
    expect(await branch.textContent()).toContain(String(earlier));
    expect(await branch.textContent()).toContain(String(TRAINED));
    expect(await viewing.count()).toBe(0);
    await page.getByRole('button', { name: texts.common.topBar.step, exact: true }).click();
    await expect.poll(() => readEpoch(page)).toBe(earlier + 1);
    // The curves and their watch are cut at the epoch continued from: no "loss went up" against the branch's lower loss.
    expect(await page.getByTestId('loss-rising').count()).toBe(0);
    await page.screenshot({ path: join(SHOTS, `timeline-branch-${language}.png`) });

    // The branch is there to go back to, exactly where it was left.
    await page.getByRole('button', { name: texts.timeline.toBranch, exact: true }).click();
    await expect.poll(() => readEpoch(page)).toBe(TRAINED);
    expect(await readLosses(page)).toEqual(atEnd);
    await expect.poll(() => branch.textContent()).toContain(String(earlier + 1));

    await page.getByRole('button', { name: texts.timeline.discardBranch, exact: true }).click();
    await expect.poll(() => branch.count()).toBe(0);
    expect(await page.getByRole('button', { name: texts.timeline.toBranch, exact: true }).count()).toBe(0);
  });

  it('pins a run as A, trains B with another learning rate and compares them; pins a recorded run', async () => {
    const page = await app.newPage(await contexts.open(app.browser, { locale: LOCALES[language], viewport: { width: 1400, height: 1400 } }));
    await openApp(page, app.url, `${TF_DEFAULT_HASH}&pauseAt=${TRAINED}`);
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(language);
    const playOnce = async () => {
      await page.getByRole('button', { name: texts.common.topBar.play, exact: true }).click();
      await expect.poll(() => readEpoch(page), { timeout: 60_000 }).toBe(TRAINED);
      await expect.poll(() => playButton(page).getAttribute('aria-label')).toBe(texts.common.topBar.play);
    };
    await playOnce();
    const a = await readLosses(page);

    await page.getByRole('button', { name: texts.compare.pin, exact: true }).click();
    const section = page.getByTestId('compare-section');
    await expect.poll(() => section.count()).toBe(1);
    expect(await page.getByTestId('compare-diff').count()).toBe(0);

    // B: another learning rate, new weights, trained to the same epoch.
    await page.getByTestId('learning-rate').selectOption('0.3');
    await page.getByRole('button', { name: texts.common.topBar.reset, exact: true }).click();
    await expect.poll(() => readEpoch(page)).toBe(0);
    await playOnce();
    const b = await readLosses(page);
    expect(b).not.toEqual(a);
    // The timeline followed the new run to its present.
    const slider = page.getByRole('slider', { name: texts.timeline.label, exact: true });
    await expect.poll(() => slider.getAttribute('aria-valuetext')).toContain(String(TRAINED));

    const rate = page.locator('[data-testid="compare-diff"][data-setting="learningRate"]');
    await expect.poll(() => rate.count()).toBe(1);
    expect((await rate.locator('th, td').allTextContents()).map((c) => c.trim())).toEqual([texts.compare.settings.learningRate, '0.03', '0.3']);
    expect(await page.getByTestId('compare-diff').count()).toBe(1);
    const trainRow = (await page.getByTestId('compare-train-loss').locator('td').allTextContents()).map(Number);
    expect(trainRow).toEqual([a.train, b.train]);
    for (const id of ['compare-map-a', 'compare-map-b']) expect(await page.getByTestId(id).count()).toBe(1);
    expect(await page.getByRole('img', { name: texts.compare.mapA, exact: true }).count()).toBe(1);
    expect(await page.getByTestId('compare-chart').locator('canvas').count()).toBeGreaterThan(0);
    await section.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, `compare-${language}.png`) });

    await page.getByRole('button', { name: texts.compare.unpin, exact: true }).click();
    await expect.poll(() => section.count()).toBe(0);

    // A recorded run: replayed in the worker and pinned, the playground's run untouched.
    await openLesson(page, HOMEWORK.number);
    await page.getByTestId('record').click();
    await expect.poll(() => page.getByTestId('log-row').count()).toBe(1);
    await page.getByTestId('log-pin-a').first().click();
    await expect.poll(() => section.count()).toBe(1);
    expect(await section.textContent()).toContain(texts.compare.pinnedRecord.replace('{{id}}', '1'));
    expect((await page.getByTestId('compare-train-loss').locator('td').allTextContents()).map(Number)).toEqual([b.train, b.train]);
    expect(await readEpoch(page)).toBe(TRAINED);
  });
});
