/**
 * The loss landscape, in English and Korean: opened by its button after a
 * little training, it draws a heat map whose text alternative gives a finite
 * loss range and, at its centre, the training loss the page shows; the path
 * directions say why they are not available yet; the slice along the
 * gradient draws the learning rate's step; a Reset while paused redraws it.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { switchLanguage } from '../src/course.js';
import { axeProblems } from '../src/look.js';
import { SHOTS, useBuiltApp } from '../src/session.js';
import { TF_DEFAULT_HASH, canvasStats, openApp, overflowingElements, playButton, readEpoch, readLosses } from '../src/playground.js';

const TEXT = {
  en: { toggle: 'Loss landscape', redraw: 'Redraw', reset: 'Reset', path: 'Main directions of the path so far', span: 'Span', tool: 'Open the loss landscape' },
  ko: { toggle: '손실 지형', redraw: '다시 그리기', reset: '재설정', path: '지금까지 지나온 경로의 주된 방향', span: '범위', tool: '손실 지형 열기' },
} as const;

/** The 3-decimal losses of the text alternative: [min, max, centre]. */
function lossesOf(summary: string): number[] {
  return (summary.match(/-?\d+\.\d{3}(?!\d)/g) ?? []).map(Number);
}

describe.each(['en', 'ko'] as const)('the loss landscape (%s)', (language) => {
  const app = useBuiltApp();
  let url: string;
  beforeAll(() => {
    url = app.url;
  });

  it('draws the loss around the current weights, centred on the shown training loss, with the gradient step', async () => {
    const page = await app.newPage();
    await openApp(page, url, TF_DEFAULT_HASH);
    if (language === 'ko') await switchLanguage(page, 'ko');
    const text = TEXT[language];
    // Play and Pause by the button's test id: its name is in the page's language.
    const idle = await playButton(page).getAttribute('aria-label');
    await playButton(page).click();
    await expect.poll(() => readEpoch(page), { timeout: 30_000 }).toBeGreaterThan(20);
    await playButton(page).click();
    await expect.poll(() => playButton(page).getAttribute('aria-label')).toBe(idle);

    const toggle = page.getByRole('button', { name: text.toggle, exact: true });
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    await toggle.click();
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    const canvas = page.getByTestId('landscape-canvas');
    const epoch = await readEpoch(page);
    await expect.poll(() => canvas.getAttribute('data-drawn'), { timeout: 30_000 }).toBe(String(epoch));

    const stats = await canvasStats(canvas);
    expect(stats.transparent).toBe(0);
    expect(stats.colours).toBeGreaterThan(20);
    const picture = page.getByTestId('landscape-picture');
    const summary = (await picture.getAttribute('aria-label')) ?? '';
    expect(await page.getByTestId('landscape-summary').textContent()).toBe(summary);
    const [min, max, centre] = lossesOf(summary);
    expect(Number.isFinite(min) && Number.isFinite(max)).toBe(true);
    expect(min).toBeLessThanOrEqual(centre!);
    expect(max).toBeGreaterThan(min!);
    expect(centre).toBe((await readLosses(page)).train);

    // The path's directions come from the training timeline: available once the run has trained.
    const pathChoice = page.getByRole('radio', { name: text.path, exact: true });
    expect(await pathChoice.isDisabled()).toBe(false);
    expect(await page.getByRole('radio', { name: /.+/ }).first().isChecked()).toBe(true);

    // The slice along the gradient draws the learning rate's step, and names it.
    expect(await page.getByTestId('landscape-step').count()).toBe(1);
    const slice = (await page.getByTestId('landscape-slice').getAttribute('aria-label')) ?? '';
    expect(slice).toContain('0.03');
    expect(lossesOf(slice)[0]).toBe(centre);

    // Another span draws another picture of the same centre.
    const before = stats.fingerprint;
    await page.getByRole('combobox', { name: new RegExp(text.span) }).selectOption('0.5');
    await expect.poll(async () => (await canvasStats(canvas)).fingerprint, { timeout: 30_000 }).not.toBe(before);
    await expect.poll(async () => lossesOf((await picture.getAttribute('aria-label')) ?? '')[2]).toBe(centre);

    await page.screenshot({ path: join(SHOTS, `landscape-${language}.png`), fullPage: true });
    // The open panel passes the page's accessibility scan.
    expect(await axeProblems(page)).toEqual([]);

    // The plane the run's path lies in, drawn when chosen.
    const random = (await canvasStats(canvas)).fingerprint;
    await pathChoice.check();
    await expect.poll(async () => (await canvasStats(canvas)).fingerprint, { timeout: 30_000 }).not.toBe(random);

    // Reset while paused: new first weights, and the landscape is drawn again for them.
    await page.getByRole('button', { name: text.reset, exact: true }).click();
    await expect.poll(() => readEpoch(page)).toBe(0);
    // A fresh run has no path yet: its directions are unavailable, and the note says so.
    await expect.poll(() => pathChoice.isDisabled(), { timeout: 30_000 }).toBe(true);
    expect(await pathChoice.getAttribute('aria-describedby')).toBe('landscape-path-note');
    expect(await page.getByRole('radio', { name: /.+/ }).first().isChecked()).toBe(true);
    await expect.poll(() => canvas.getAttribute('data-drawn'), { timeout: 30_000 }).toBe('0');
    await expect
      .poll(async () => lossesOf((await picture.getAttribute('aria-label')) ?? '')[2], { timeout: 30_000 })
      .toBe((await readLosses(page)).train);
    // Redraw by hand keeps the same picture (the same seed's directions).
    const drawn = (await canvasStats(canvas)).fingerprint;
    await page.getByRole('button', { name: text.redraw, exact: true }).click();
    await expect.poll(() => page.getByRole('button', { name: text.redraw, exact: true }).isEnabled()).toBe(true);
    expect((await canvasStats(canvas)).fingerprint).toBe(drawn);

    // Closed by its button; lesson 1's card opens it again.
    await toggle.click();
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    expect(await canvas.count()).toBe(0);
    await page.getByRole('button', { name: text.tool, exact: true }).click();
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => canvas.getAttribute('data-drawn'), { timeout: 30_000 }).toBe('0');
  });
});

describe('the loss landscape on a phone', () => {
  const app = useBuiltApp();

  it('fits the screen: nothing sticks out sideways once it is drawn', async () => {
    const phone = await app.browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true });
    try {
      const page = await app.newPage(phone);
      await openApp(page, app.url, TF_DEFAULT_HASH);
      await page.getByRole('button', { name: 'Loss landscape', exact: true }).click();
      await expect.poll(() => page.getByTestId('landscape-canvas').getAttribute('data-drawn'), { timeout: 30_000 }).toBe('0');
      expect(await overflowingElements(page)).toEqual([]);
      await page.getByTestId('landscape-canvas').scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SHOTS, 'landscape-phone.png') });
    } finally {
      await phone.close();
    }
  });
});
