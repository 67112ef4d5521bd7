/**
 * The training timeline, in English and Korean: a small TensorFlow
 * Playground link trains to an epoch and pauses; the "Timeline" slider,
 * moved back with the keyboard, shows the whole page at an earlier epoch
 * (its epoch and losses); "Continue from here" trains on from it, keeping
 * the later history as a branch that can be gone back to and discarded.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import enCommon from '../../../apps/playground/src/lib/i18n/en/common.js';
import enTimeline from '../../../apps/playground/src/lib/i18n/en/timeline.js';
import koCommon from '../../../apps/playground/src/lib/i18n/ko/common.js';
import koTimeline from '../../../apps/playground/src/lib/i18n/ko/timeline.js';
import { LOCALES, useFreshContexts, type Language } from '../src/course.js';
import { SHOTS, useBuiltApp } from '../src/session.js';
import { TF_DEFAULT_HASH, openApp, playButton, readEpoch, readLosses } from '../src/playground.js';

const TEXTS = {
  en: { common: enCommon, timeline: enTimeline.timeline },
  ko: { common: koCommon, timeline: koTimeline.timeline },
} as const;

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
    await openApp(page, app.url, `${TF_DEFAULT_HASH}&pauseAt=${TRAINED}`);
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(language);
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
});
