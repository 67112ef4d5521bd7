/**
 * Several classes, end to end: a 3-arm spiral trains with Adam under a
 * softmax output until its test loss is well under ln 3 (what guessing
 * costs); the confusion matrices count every point, their diagonal is the
 * accuracy shown, and the output map shows the three class colours. Six
 * blobs draw six colours with a legend of six classes, in Korean too; two
 * classes keep their confusion matrix closed until asked, and regression has
 * none.
 */
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from '../src/driver/index.js';
import { SHOTS, useBuiltApp } from '../src/session.js';
import { TF_DEFAULT_HASH, openApp, pause, play, playButton, readLosses } from '../src/playground.js';
import { switchLanguage } from '../src/course.js';
import { axeProblems, chooseTheme, shownTheme } from '../src/look.js';

/** The classes' colours (packages/ui/src/map/colors.ts) and the neutral grey they fade to. */
const CLASS_RGB = [
  [0xf5, 0x93, 0x22],
  [0x08, 0x77, 0xbd],
  [0x00, 0x9e, 0x73],
  [0xcc, 0x79, 0xa7],
  [0x56, 0xb4, 0xe9],
  [0xd5, 0x5e, 0x00],
] as const;

const SPIRAL = `classes=3&dataset=arms&optimizer=adam&learningRate=0.03&activation=tanh&batchSize=10&noise=0&networkShape=8,8&seed=0.5&percTrainData=50&x=true&y=true&sinX=true&sinY=true&showTestData=false&discretize=false&problem=classification`;
const POINTS = 500;

/**
 * Pixels of a map per class: a pixel belongs to class c when it lies on the
 * line from the neutral grey to c's colour at strength >= 0.25 (off by at
 * most 2 per channel). Also counts the pixels on no class's line.
 */
function classPixels(canvas: Locator): Promise<{ perClass: number[]; off: number; total: number }> {
  return canvas.evaluate((element, colors) => {
    const c = element as HTMLCanvasElement;
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    const grey = [0xe8, 0xea, 0xeb];
    const perClass = colors.map(() => 0);
    let off = 0;
    for (let p = 0; p < data.length; p += 4) {
      let on = false;
      for (let k = 0; k < colors.length; k++) {
        const to = colors[k]!;
        // The channel that moves most from grey to this colour gives the strength.
        let ch = 0;
        for (let i = 1; i < 3; i++) if (Math.abs(to[i]! - grey[i]!) > Math.abs(to[ch]! - grey[ch]!)) ch = i;
        const t = (data[p + ch]! - grey[ch]!) / (to[ch]! - grey[ch]!);
        if (t < -0.01 || t > 1.01) continue;
        let fits = true;
        for (let i = 0; i < 3; i++) if (Math.abs(data[p + i]! - (grey[i]! + (to[i]! - grey[i]!) * t)) > 2) fits = false;
        if (!fits) continue;
        on = true;
        if (t >= 0.25) perClass[k]!++;
        break;
      }
      if (!on) off++;
    }
    return { perClass, off, total: data.length / 4 };
  }, CLASS_RGB);
}

/** The counts of a confusion table: rows = true class. */
function confusionCounts(page: Page, testid: string): Promise<number[][]> {
  return page.getByTestId(testid).evaluate((table) => {
    const rows: number[][] = [];
    for (const td of table.querySelectorAll('td[data-true]')) {
      const r = Number(td.getAttribute('data-true'));
      const c = Number(td.getAttribute('data-predicted'));
      (rows[r] ??= [])[c] = Number(td.textContent!.trim());
    }
    return rows;
  });
}

const sum = (rows: number[][]): number => rows.flat().reduce((a, b) => a + b, 0);
const diagonal = (rows: number[][]): number => rows.reduce((a, row, i) => a + row[i]!, 0);

/** "87.6%" (or "87.6 %") as 87.6. */
async function readPercent(page: Page, testid: string): Promise<number> {
  const text = (await page.getByTestId(testid).textContent()) ?? '';
  return Number(text.replace(/[^0-9.]/g, ''));
}

describe('several classes', () => {
  const app = useBuiltApp();

  it('trains a 3-arm spiral with Adam: the confusion matrices fill and the map shows three colours', async () => {
    const page = await app.newPage();
    await openApp(page, app.url, SPIRAL);
    await switchLanguage(page, 'en');
    // Open from the start for three classes.
    expect(await page.getByTestId('confusion').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    const start = await readLosses(page);
    // Untrained, the network is about as good as a guess: near ln 3.
    expect(start.test).toBeGreaterThan(0.8);

    await play(page);
    await expect.poll(async () => (await readLosses(page)).test, { timeout: 300_000, interval: 250 }).toBeLessThan(0.6);
    await pause(page);

    const test = await confusionCounts(page, 'confusion-test');
    const train = await confusionCounts(page, 'confusion-train');
    expect(test.length).toBe(3);
    expect(test.every((row) => row.length === 3)).toBe(true);
    expect(sum(train) + sum(test)).toBe(POINTS);
    expect(sum(test)).toBe(POINTS / 2);
    const accuracy = await readPercent(page, 'test-accuracy');
    expect(Math.abs((100 * diagonal(test)) / sum(test) - accuracy)).toBeLessThanOrEqual(0.05 + 1e-9);
    expect(Math.abs((100 * diagonal(train)) / sum(train) - (await readPercent(page, 'train-accuracy')))).toBeLessThanOrEqual(0.05 + 1e-9);
    // Better than guessing by far.
    expect(accuracy).toBeGreaterThan(60);

    // A screen reader reads a cell with its headers: "true Class 2, predicted Class 3: n".
    const headers = await page.getByTestId('confusion-test').evaluate((table) => {
      const cell = table.querySelector('td[data-true="1"][data-predicted="2"]') as HTMLTableCellElement;
      const row = cell.parentElement!.querySelector('th[scope="row"]')!.textContent!.replace(/\s+/g, ' ').trim();
      const column = table.querySelectorAll('thead tr')[1]!.children[cell.cellIndex]!;
      return { row, column: column.textContent!.replace(/\s+/g, ' ').trim(), scope: column.getAttribute('scope') };
    });
    expect(headers.row).toContain('true Class 2');
    expect(headers.column).toContain('predicted Class 3');
    expect(headers.scope).toBe('col');

    const map = page.getByTestId('decision-map');
    const pixels = await classPixels(map);
    expect(pixels.off).toBe(0);
    for (const c of [0, 1, 2]) expect(pixels.perClass[c]!, `class ${c + 1}'s colour on the map`).toBeGreaterThan(pixels.total / 20);
    for (const c of [3, 4, 5]) expect(pixels.perClass[c]).toBe(0);
    // The training points are drawn in their classes' colours.
    const pointColours = await map.evaluate((canvas) => {
      const points = canvas.parentElement!.querySelector('canvas.points') as HTMLCanvasElement;
      const data = points.getContext('2d')!.getImageData(0, 0, points.width, points.height).data;
      const seen = new Set<string>();
      for (let k = 0; k < data.length; k += 4) if (data[k + 3] === 255) seen.add(`${data[k]},${data[k + 1]},${data[k + 2]}`);
      return [...seen];
    });
    for (const rgb of CLASS_RGB.slice(0, 3)) expect(pointColours).toContain(rgb.join(','));
    for (const rgb of CLASS_RGB.slice(3)) expect(pointColours).not.toContain(rgb.join(','));
    // The legend names the three classes.
    expect(await page.getByRole('list', { name: /Colours of the classes/ }).getByRole('listitem').allTextContents()).toEqual([
      'Class 1',
      'Class 2',
      'Class 3',
    ]);
    // The open tables and the legend pass an accessibility scan, in the light and the dark theme.
    expect(await axeProblems(page)).toEqual([]);
    await chooseTheme(page, 'dark');
    await expect.poll(() => shownTheme(page)).toBe('dark');
    expect(await axeProblems(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/classes-3-spiral.png` });
  });

  it('draws six blobs in six colours, in Korean', async () => {
    const page = await app.newPage();
    await openApp(page, app.url, SPIRAL.replace('classes=3&dataset=arms', 'classes=6&dataset=blobs'));
    await switchLanguage(page, 'ko');
    // The Play/Pause button by its test id: its name is Korean now.
    const paused = await playButton(page).getAttribute('aria-label');
    await playButton(page).click();
    await expect.poll(() => playButton(page).getAttribute('aria-label')).not.toBe(paused);
    // ln 6 = 1.79 is a guess's loss.
    await expect.poll(async () => (await readLosses(page)).test, { timeout: 300_000, interval: 250 }).toBeLessThan(1.0);
    await playButton(page).click();
    await expect.poll(() => playButton(page).getAttribute('aria-label')).toBe(paused);

    expect((await page.getByTestId('confusion').locator('summary').textContent())?.trim()).toBe('혼동 행렬');
    expect(await page.getByTestId('confusion-test').locator('caption').textContent()).toBe('테스트 데이터');
    expect(await page.getByTestId('confusion-train').locator('caption').textContent()).toBe('학습 데이터');
    expect(sum(await confusionCounts(page, 'confusion-test'))).toBe(POINTS / 2);
    expect(await page.getByRole('list', { name: /클래스의 색/ }).getByRole('listitem').allTextContents()).toEqual(
      [1, 2, 3, 4, 5, 6].map((n) => `클래스 ${n}`),
    );
    const pixels = await classPixels(page.getByTestId('decision-map'));
    expect(pixels.off).toBe(0);
    for (let c = 0; c < 6; c++) expect(pixels.perClass[c]!, `class ${c + 1}'s colour on the map`).toBeGreaterThan(0);
    await page.getByTestId('decision-map').screenshot({ path: `${SHOTS}/classes-6-blobs-map.png` });
    await page.screenshot({ path: `${SHOTS}/classes-6-blobs-ko.png` });
  });

  it('keeps two classes on TF’s map, with the confusion matrix closed until asked; regression has none', async () => {
    const page = await app.newPage();
    await openApp(page, app.url, TF_DEFAULT_HASH);
    await switchLanguage(page, 'en');
    const details = page.getByTestId('confusion');
    expect(await details.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    // Accuracy is shown for two classes too.
    expect(await page.getByTestId('test-accuracy').textContent()).toMatch(/^\d+(\.\d)?\s?%$/);
    await details.locator('summary').click();
    await expect.poll(() => details.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    const test = await confusionCounts(page, 'confusion-test');
    expect(test.length).toBe(2);
    expect(sum(test)).toBe(POINTS / 2);
    expect(Math.abs((100 * diagonal(test)) / sum(test) - (await readPercent(page, 'test-accuracy')))).toBeLessThanOrEqual(0.05 + 1e-9);
    // Only TF's orange and blue (and the grey between) on the map.
    const pixels = await classPixels(page.getByTestId('decision-map'));
    expect(pixels.off).toBe(0);
    expect(pixels.perClass.slice(2)).toEqual([0, 0, 0, 0]);

    const regression = await app.newPage();
    await openApp(regression, app.url, TF_DEFAULT_HASH.replace('problem=classification', 'problem=regression'));
    expect(await regression.getByTestId('confusion').count()).toBe(0);
    expect(await regression.getByTestId('test-accuracy').count()).toBe(0);
  });
});
