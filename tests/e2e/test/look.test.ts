/**
 * The page's look: each theme paints the page (and its charts) in its own
 * colours and is remembered; System follows the browser's colour scheme;
 * projector mode enlarges type and maps and hides the developer figures;
 * print gives the worksheets, not the playground, in English and Korean;
 * forced colours and reduced motion are honoured.
 *
 * Media emulation (print, prefers-color-scheme, forced-colors,
 * prefers-reduced-motion) goes over CDP, so those tests run in Chromium only.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LECTURE_RATES } from '../../../apps/playground/src/lib/course/bowl.js';
import { HOMEWORK_DATASETS } from '../../../apps/playground/src/lib/course/log.js';
import { currentBrowserName } from '../src/browser.js';
import {
  KEYS,
  LOCALES,
  TEXTS,
  openCourse,
  openLesson,
  pageWidths,
  stepOnce,
  storageWith,
  useFreshContexts,
  type Language,
} from '../src/course.js';
import type { Page } from '../src/driver/index.js';
import { THEMES, chooseTheme, pageColours, shownTheme, type PageColours, type Theme } from '../src/look.js';
import { canvasStats } from '../src/playground.js';
import { SHOTS, useBuiltApp } from '../src/session.js';

const chromium = currentBrowserName() === 'chromium';

/** Today's light look (the colours the page had before it had themes). */
const LIGHT: Partial<PageColours> = { page: 'rgb(250, 250, 250)', ink: 'rgb(33, 33, 33)', topBar: 'rgb(255, 255, 255)' };

/** The dark theme's page and text colours (app.css). */
const DARK: Partial<PageColours> = { page: 'rgb(18, 20, 23)', ink: 'rgb(232, 234, 237)' };

async function lossChartFingerprint(page: Page): Promise<string> {
  return (await canvasStats(page.locator('[data-testid="loss-chart"] canvas'))).fingerprint;
}

/** Whether every element marked as a developer figure is out of sight (and how many there are). */
function developerFigures(page: Page): Promise<{ count: number; shown: number }> {
  return page.evaluate(() => {
    const figures = [...document.querySelectorAll('.developer-figure')];
    return { count: figures.length, shown: figures.filter((f) => getComputedStyle(f).display !== 'none').length };
  });
}

/** Width and height on screen, in CSS px of the viewport (zoom included). */
async function box(page: Page, testId: string): Promise<{ width: number; height: number }> {
  const found = await page.getByTestId(testId).boundingBox();
  if (!found) throw new Error(`${testId} has no box`);
  return { width: found.width, height: found.height };
}

describe('the look of the page', () => {
  const contexts = useFreshContexts();
  const app = useBuiltApp();

  async function englishPage(extra: Record<string, string> = {}): Promise<Page> {
    const context = await contexts.open(app.browser, { storageState: storageWith(app.url, { [KEYS.language]: 'en', ...extra }) });
    return app.newPage(context);
  }

  it('each theme paints the page and redraws the loss chart in its own colours, and is remembered', async () => {
    const page = await englishPage();
    await openCourse(page, app.url);
    expect(await page.getByTestId('theme').inputValue()).toBe('system');
    const seen = new Map<Theme, { colours: PageColours; chart: string }>();
    for (const theme of THEMES) {
      await chooseTheme(page, theme);
      // The chart is rebuilt in the theme's colours (its axes are drawn on a canvas).
      const before = seen.get(THEMES[0]!)?.chart;
      if (before !== undefined) await expect.poll(() => lossChartFingerprint(page)).not.toBe(before);
      seen.set(theme, { colours: await pageColours(page), chart: await lossChartFingerprint(page) });
      await page.screenshot({ path: join(SHOTS, `look-theme-${theme}.png`) });
    }
    expect(seen.get('light')!.colours).toMatchObject(LIGHT);
    expect(seen.get('dark')!.colours).toMatchObject(DARK);
    // Every theme differs from every other in its page, its text and its chart (light and high contrast share a white top bar).
    for (const a of THEMES) {
      for (const b of THEMES) {
        if (a >= b) continue;
        const [x, y] = [seen.get(a)!, seen.get(b)!];
        for (const key of ['page', 'ink', 'lessonText'] as const) {
          expect(x.colours[key], `${key}: ${a} and ${b}`).not.toBe(y.colours[key]);
        }
        expect(x.chart, `the loss chart: ${a} and ${b}`).not.toBe(y.chart);
      }
    }
    expect(seen.get('dark')!.colours.topBar).not.toBe(LIGHT.topBar);
    // Remembered: a reload opens in the last theme chosen.
    await page.reload();
    await expect.poll(() => shownTheme(page)).toBe('contrast');
    expect(await page.getByTestId('theme').inputValue()).toBe('contrast');
  });

  it('projector mode enlarges type and maps, hides the developer figures, and is remembered', async () => {
    const page = await englishPage();
    await openCourse(page, app.url);
    await page.getByTestId('lesson-3').click();
    const normal = { map: await box(page, 'decision-map'), epoch: await box(page, 'epoch'), title: await box(page, 'lesson-title') };
    const figures = await developerFigures(page);
    expect(figures.count).toBeGreaterThanOrEqual(2);
    expect(figures.shown).toBe(figures.count);
    expect(await page.getByTestId('stats-wasm').isVisible()).toBe(true);

    const toggle = page.getByRole('button', { name: 'Projector mode', exact: true });
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    await toggle.click();
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');

    const big = { map: await box(page, 'decision-map'), epoch: await box(page, 'epoch'), title: await box(page, 'lesson-title') };
    expect(big.map.width).toBeGreaterThanOrEqual(normal.map.width * 1.15);
    expect(big.map.height).toBeGreaterThanOrEqual(normal.map.height * 1.15);
    expect(big.epoch.height).toBeGreaterThanOrEqual(normal.epoch.height * 1.2);
    expect(big.title.height).toBeGreaterThanOrEqual(normal.title.height * 1.2);
    expect(await developerFigures(page)).toEqual({ count: figures.count, shown: 0 });
    expect(await page.getByTestId('stats-wasm').isVisible()).toBe(false);
    // Nothing scrolls sideways, with the lessons beside the playground or without them.
    for (const width of [1400, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      const widths = await pageWidths(page);
      expect(widths.scroll, `${width} px wide`).toBeLessThanOrEqual(widths.client);
    }
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.screenshot({ path: join(SHOTS, 'look-projector.png') });

    // The loss chart's readout follows the pointer inside the zoomed column: over epochs 0..4,
    // 35% of the way across is epoch 1 and 75% is epoch 3 (unzoomed pixels would read 2 and 4).
    for (let k = 0; k < 4; k++) await stepOnce(page);
    const plot = await page.locator('[data-testid="loss-chart"] .u-over').boundingBox();
    if (!plot) throw new Error('the loss chart has no plot area');
    const readout = page.locator('[data-testid="loss-chart"] .u-legend .u-series').first();
    // The chart redraws at most every 100 ms, so its axis may still end at an earlier epoch
    // when the pointer first arrives: the pointer moves again on every poll until it reads right.
    for (const [fraction, epoch] of [[0.35, 1], [0.75, 3]] as const) {
      await expect
        .poll(
          async () => {
            await page.mouse.move(plot.x + plot.width * fraction, plot.y + plot.height / 2 + 1);
            await page.mouse.move(plot.x + plot.width * fraction, plot.y + plot.height / 2);
            return readout.textContent();
          },
          { message: `${fraction} of the way across` },
        )
        .toMatch(new RegExp(`\\D${epoch}$`));
    }

    // Remembered, and off again restores the sizes.
    await page.reload();
    await expect.poll(() => page.getByTestId('projector').getAttribute('aria-pressed')).toBe('true');
    await page.getByTestId('projector').click();
    await expect.poll(async () => (await box(page, 'decision-map')).width).toBeCloseTo(normal.map.width, 0);
    expect((await developerFigures(page)).shown).toBe(figures.count);
  });

  it.runIf(chromium)('System follows the browser’s colour scheme, also when it changes; a chosen theme does not', async () => {
    const page = await englishPage();
    await page.raw.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
    await openCourse(page, app.url);
    expect(await page.getByTestId('theme').inputValue()).toBe('system');
    expect(await shownTheme(page)).toBe('dark');
    expect(await pageColours(page)).toMatchObject(DARK);
    await page.screenshot({ path: join(SHOTS, 'look-system-dark.png') });

    await page.raw.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
    await expect.poll(() => shownTheme(page)).toBe('light');
    expect(await pageColours(page)).toMatchObject(LIGHT);

    await chooseTheme(page, 'light');
    await page.raw.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
    await page.animationFrames(2);
    expect(await shownTheme(page)).toBe('light');
    await chooseTheme(page, 'system', 'dark');
  });

  it.runIf(chromium).each(['en', 'ko'] as const)('print gives the worksheets and not the playground (%s)', async (language: Language) => {
    const context = await contexts.open(app.browser, { locale: LOCALES[language] });
    const page = await app.newPage(context);
    await openCourse(page, app.url);
    await openLesson(page, 3);
    const lessonTexts = TEXTS[language].lessons.batch;
    const worksheets = page.getByTestId('worksheets');
    expect(await worksheets.isVisible()).toBe(false);

    await page.raw.emulateMediaType('print');
    await expect.poll(() => worksheets.isVisible()).toBe(true);
    for (const playground of ['play', 'lesson-panel', 'decision-map', 'theme']) {
      expect(await page.getByTestId(playground).isVisible(), playground).toBe(false);
    }
    // The lesson on screen, its tasks with room to write, and no answer.
    const lessonSheet = page.getByTestId('worksheet-lesson');
    expect(await lessonSheet.getAttribute('data-lesson')).toBe('batch');
    expect(await lessonSheet.textContent()).toContain(lessonTexts.title);
    expect(await page.getByTestId('worksheet-task').count()).toBe(lessonTexts.tasks.length);
    const printed = (await worksheets.textContent()) ?? '';
    for (const paragraph of lessonTexts.tasks.flatMap((task) => ('answer' in task ? task.answer : []))) {
      // The plain words before the first piece of markup.
      const words = paragraph.split(/[$*`]/)[0]!.trim();
      if (words.length >= 20) expect(printed).not.toContain(words);
    }
    // The learning-rate table: the lab's rates, every other cell blank.
    const rateRows = await page.getByTestId('worksheet-rate-row').evaluateAll((rows) =>
      rows.map((row) => [...row.children].map((cell) => (cell.textContent ?? '').trim())),
    );
    expect(rateRows).toEqual(LECTURE_RATES.map((rate) => [String(rate), '', '', '']));
    // The homework table: one blank row per data set, named as the homework table names them.
    const homeworkRows = await page.getByTestId('worksheet-homework-row').evaluateAll((rows) =>
      rows.map((row) => [...row.children].map((cell) => (cell.textContent ?? '').trim())),
    );
    expect(homeworkRows.map((cells) => cells[0])).toEqual(HOMEWORK_DATASETS.map((name) => TEXTS[language].log.datasets[name]));
    expect(homeworkRows.every((cells) => cells.length === 9 && cells.slice(1).every((cell) => cell === ''))).toBe(true);
    await page.screenshot({ path: join(SHOTS, `look-print-${language}.png`), fullPage: true });

    // The same as a PDF: three sheets or more (the lesson may take two).
    const pdf = Buffer.from(await page.raw.pdf({ format: 'A4' }));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page\b/g)?.length ?? 0).toBeGreaterThanOrEqual(3);

    // Another lesson prints as soon as it is on screen.
    await page.raw.emulateMediaType();
    await expect.poll(() => worksheets.isVisible()).toBe(false);
    await openLesson(page, 2);
    await page.raw.emulateMediaType('print');
    await expect.poll(() => page.getByTestId('worksheet-lesson').getAttribute('data-lesson')).toBe('learningRate');
    await page.raw.emulateMediaType();
  });

  it.runIf(chromium)('forced colours: focus stays visible and pressed or current buttons are marked by more than a fill', async () => {
    const page = await englishPage();
    await page.raw.emulateMediaFeatures([{ name: 'forced-colors', value: 'active' }]);
    await openCourse(page, app.url);
    const marks = await page.evaluate(() => {
      const mark = (selector: string): string => {
        const element = document.querySelector(selector);
        if (!element) throw new Error(`no ${selector}`);
        return getComputedStyle(element).textDecorationLine;
      };
      return { language: mark('[data-testid="language-en"]'), lesson: mark('[data-testid="lesson-1"]') };
    });
    expect(marks).toEqual({ language: 'underline', lesson: 'underline' });
    // A control without a focus style of its own (the browser's ring would be 'auto') gets a solid one.
    await page.getByTestId('engine-select').focus();
    await page.keyboard.press('Tab');
    const ring = await page.evaluate(() => {
      const focused = document.activeElement!;
      const style = getComputedStyle(focused);
      return {
        testid: focused.getAttribute('data-testid'),
        visible: focused.matches(':focus-visible'),
        style: style.outlineStyle,
        width: parseFloat(style.outlineWidth),
      };
    });
    expect(ring).toEqual({ testid: 'theme', visible: true, style: 'solid', width: 3 });
    await page.screenshot({ path: join(SHOTS, 'look-forced-colors.png') });
  });

  it.runIf(chromium)('reduced motion: nothing transitions, and training still animates', async () => {
    const page = await englishPage();
    const transition = (): Promise<string> =>
      page.getByTestId('reset').evaluate((button) => {
        (button as HTMLElement).style.transition = 'opacity 2s';
        return getComputedStyle(button).transitionDuration;
      });
    await openCourse(page, app.url);
    expect(await transition()).toBe('2s');
    await page.raw.emulateMediaFeatures([{ name: 'prefers-reduced-motion', value: 'reduce' }]);
    expect(await transition()).toBe('0s');
    await page.getByTestId('play').click();
    await expect.poll(async () => Number(((await page.getByTestId('epoch').textContent()) ?? '').replace(/,/g, ''))).toBeGreaterThan(3);
    await page.getByTestId('play').click();
  });
});
