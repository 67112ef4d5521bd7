/**
 * "Pause at epoch": set in the page (beside "Pause when both losses are
 * below"), training at the fastest speed pauses by itself with the epoch
 * readout at exactly that number, the page says why, the link keeps it, and
 * after Reset it pauses there again.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { LESSONS, currentHash, openCourse, openLesson } from '../src/course.js';
import { useBuiltApp } from '../src/session.js';
import { afterFrames, parseHashText, playButton, readEpoch } from '../src/playground.js';
import type { Page } from '../src/driver/index.js';

/** The lesson whose tools hold the stop conditions (the homework). */
const HOMEWORK = LESSONS.find((lesson) => lesson.tools.includes('homework'))!;

/** Not a multiple of any speed's epochs per frame, nor of a round slice size. */
const PAUSE_AT = 777;

describe('Pause at epoch', () => {
  const app = useBuiltApp();
  let url: string;

  beforeAll(() => {
    url = app.url;
  });

  /** Presses Play and waits until training has paused by itself again. */
  async function playUntilPaused(page: Page): Promise<void> {
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await page.getByTestId('paused-at-epoch').waitFor({ timeout: 60_000 });
    await expect.poll(() => playButton(page).getAttribute('aria-label'), { timeout: 60_000 }).toBe('Play');
  }

  it('pauses with the epoch readout at exactly the number set, at the fastest speed', async () => {
    const page = await app.newPage();
    await openCourse(page, `${url}`, 'seed=0.4242&speed=max');
    await openLesson(page, HOMEWORK.number);
    expect(await page.getByTestId('speed').inputValue()).toBe('max');

    const box = page.getByRole('checkbox', { name: 'Pause at epoch', exact: true });
    const value = page.getByRole('textbox', { name: 'Pause at epoch', exact: true });
    expect(await box.isChecked()).toBe(false);
    await value.fill(String(PAUSE_AT));
    await box.check();
    await expect.poll(() => parseHashText(currentHash(page)).get('pauseAt')).toBe(String(PAUSE_AT));

    await playUntilPaused(page);
    expect(await readEpoch(page)).toBe(PAUSE_AT);
    expect(await page.getByTestId('paused-at-epoch').textContent()).toContain(`Paused at epoch ${PAUSE_AT}`);
    // It stays there: nothing trains once paused.
    await afterFrames(page, 20);
    expect(await readEpoch(page)).toBe(PAUSE_AT);

    // The link keeps it; after a reload and Reset, training pauses there again.
    await page.reload();
    await openLesson(page, HOMEWORK.number);
    expect(await page.getByRole('checkbox', { name: 'Pause at epoch', exact: true }).isChecked()).toBe(true);
    expect(await page.getByRole('textbox', { name: 'Pause at epoch', exact: true }).inputValue()).toBe(String(PAUSE_AT));
    await page.getByRole('button', { name: 'Reset', exact: true }).click();
    await expect.poll(() => readEpoch(page)).toBe(0);
    await playUntilPaused(page);
    expect(await readEpoch(page)).toBe(PAUSE_AT);

    // Play again goes on past it, and the reason is no longer shown.
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await expect.poll(() => readEpoch(page)).toBeGreaterThan(PAUSE_AT);
    expect(await page.getByTestId('paused-at-epoch').count()).toBe(0);
    await page.getByRole('button', { name: 'Pause', exact: true }).click();

    // Off: the link forgets it.
    await page.getByRole('checkbox', { name: 'Pause at epoch', exact: true }).uncheck();
    await expect.poll(() => parseHashText(currentHash(page)).has('pauseAt')).toBe(false);
  });

  it('refuses a value that is not a whole number of epochs and says so', async () => {
    const page = await app.newPage();
    await openCourse(page, url, 'seed=0.4242');
    await openLesson(page, HOMEWORK.number);
    const box = page.getByRole('checkbox', { name: 'Pause at epoch', exact: true });
    await page.getByRole('textbox', { name: 'Pause at epoch', exact: true }).fill('12.5');
    await box.click();
    expect(await box.isChecked()).toBe(false);
    expect(parseHashText(currentHash(page)).has('pauseAt')).toBe(false);
    await page.getByRole('alert').filter({ hasText: 'whole number of epochs' }).waitFor();
  });
});
