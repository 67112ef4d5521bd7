/**
 * The hand-in, end to end: a student records the four homework rows, types a
 * name and a number and downloads the hand-in file, which @nn/records reads
 * back with every row's exact run; the file opened in the playground shows
 * its rows read-only and "Open" replays a row exactly; "Open" on a record made
 * after a Reset, a live learning-rate change and Regenerate shows exactly the
 * recorded losses; a link with run= opens a run; refusals say why (English
 * and Korean).
 */
import { join } from 'node:path';
import { Buffer } from 'node:buffer';
import type { Page } from '../src/driver/index.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseHandIn, runLinkHash, type HandIn } from '../../../packages/records/src/index.js';
import {
  LOCALES,
  TEXTS,
  applyPreset,
  download,
  lessonNumber,
  openCourse,
  openLesson,
  presetOf,
  stepOnce,
  useFreshContexts,
  type Language,
} from '../src/course.js';
import { HOMEWORK_DATASETS, downloadHandIn, recordHomeworkAndDownload, recordRun, typeStudent } from '../src/handin.js';
import { afterFrames, readEpoch, readLosses } from '../src/playground.js';
import { SHOTS, useBuiltApp } from '../src/session.js';

const HOMEWORK = lessonNumber('homework');
const STUDENT = { name: 'Kim Minji', number: '20231234' };

describe('the hand-in', () => {
  const contexts = useFreshContexts();
  const app = useBuiltApp();
  let url: string;

  beforeAll(() => {
    url = app.url;
  });

  async function freshPage(language: Language = 'en'): Promise<Page> {
    const context = await contexts.open(app.browser, { locale: LOCALES[language] });
    return app.newPage(context);
  }

  function parsed(text: string): HandIn {
    const result = parseHandIn(text);
    if (!result.ok) throw new Error(`the hand-in file was refused: ${result.reason.message}`);
    return result.handIn;
  }

  /** The homework table's cells of a data set's row (data type … both < 0.1). */
  async function tableCells(page: Page, dataset: string): Promise<string[]> {
    const row = page.locator(`[data-testid="homework-row"][data-dataset="${dataset}"]`);
    return (await row.locator('th, td').allTextContents()).map((c) => c.trim());
  }

  it('records the four rows, downloads the file with every row’s exact run, and opens it read-only', async () => {
    const page = await freshPage();
    await openCourse(page, url);
    const text = await recordHomeworkAndDownload(page, STUDENT);
    const handIn = parsed(text);
    expect(handIn.student).toEqual(STUDENT);
    expect(Date.parse(handIn.submittedAt)).not.toBeNaN();
    expect(handIn.rows.map((r) => r.dataset)).toEqual([...HOMEWORK_DATASETS]);
    for (const row of handIn.rows) {
      // The rows are the table's: same epoch and losses as shown, with the settings the table leaves out.
      const cells = await tableCells(page, row.dataset);
      expect(cells[5]).toBe(String(row.epochs));
      expect(cells[6]).toBe(row.trainLoss.toFixed(3));
      expect(cells[7]).toBe(row.testLoss.toFixed(3));
      expect(row).toMatchObject({ epochs: 3, percTrainData: 70, noise: 20, learningRate: 0.03, features: ['x', 'y'], neurons: [6, 2] });
      expect(row.run?.run.epochs).toBe(3);
      expect(row.run?.final.trainLoss).toBe(row.trainLoss);
    }
    // The name and number stay in the browser, and go into the CSV and the Markdown.
    await page.reload();
    await page.getByTestId('experiment-log').waitFor();
    await expect.poll(() => page.getByTestId('handin-name').inputValue()).toBe(STUDENT.name);
    expect(await page.getByTestId('handin-number').inputValue()).toBe(STUDENT.number);
    const csv = (await download(page, 'homework-csv')).text.replace(/^\uFEFF/, '').split('\r\n');
    expect(csv[0]!.startsWith('Name,Student number,Data type,')).toBe(true);
    expect(csv[1]!.startsWith(`${STUDENT.name},${STUDENT.number},Two blobs,ReLU,30,2,"6, 2",3,`)).toBe(true);
    const markdown = (await download(page, 'homework-md')).text.split('\n');
    expect(markdown[0]).toBe(`**Name**: ${STUDENT.name} · **Student number**: ${STUDENT.number}`);

    // Opened in the playground: read-only rows with the student, each with Open.
    await page.getByTestId('handin-file').setInputFiles({ name: 'handin.nnhandin.json', mimeType: 'application/json', buffer: Buffer.from(text) });
    const view = page.getByTestId('handin-view');
    await view.waitFor();
    expect(await page.getByTestId('handin-view-student').textContent()).toContain(`${STUDENT.name}, student number ${STUDENT.number}`);
    await expect.poll(() => page.getByTestId('handin-view-row').count()).toBe(4);
    expect(await view.locator('input, textarea, select').count()).toBe(0);
    const xor = handIn.rows[1]!;
    const xorRow = page.locator('[data-testid="handin-view-row"][data-dataset="xor"]');
    expect(await xorRow.getAttribute('data-exact')).toBe('true');
    const fields = await xorRow.locator('[data-field]').evaluateAll((cells) =>
      Object.fromEntries(cells.map((cell) => [cell.getAttribute('data-field'), (cell.textContent ?? '').trim()])),
    );
    expect(fields).toEqual({
      activation: 'ReLU',
      batchSize: '30',
      optimizer: 'SGD',
      hiddenLayers: '2',
      neurons: '6, 2',
      features: 'x, y',
      learningRate: '0.03',
      regularization: 'none',
      data: '70% / 20',
      epochs: '3',
      trainLoss: xor.trainLoss.toFixed(3),
      testLoss: xor.testLoss.toFixed(3),
      exact: 'yes',
    });
    await view.screenshot({ path: join(SHOTS, 'handin-view.png') });

    // Open replays the row exactly: the playground shows its epoch and losses.
    await applyPreset(page, presetOf(HOMEWORK, 'spiral'));
    await xorRow.getByTestId('handin-view-open').click();
    const note = page.getByTestId('handin-view-status').getByTestId('replay-note');
    await expect.poll(() => note.getAttribute('data-outcome'), { timeout: 30_000 }).toBe('exact');
    expect(await note.textContent()).toContain('Replayed exactly: same losses and weights as recorded');
    await expect.poll(() => readEpoch(page)).toBe(3);
    expect(await readLosses(page)).toEqual({ train: Number(xor.trainLoss.toFixed(3)), test: Number(xor.testLoss.toFixed(3)) });
    await page.evaluate(() => window.scrollTo(0, 0));
    // The loss chart redraws at most every 100 ms: let it catch up.
    await afterFrames(page, 12);
    await page.screenshot({ path: join(SHOTS, 'handin-opened-row.png') });

    // A damaged copy is refused with its reason, and the view stays as it was.
    await page.getByTestId('handin-file').setInputFiles({ name: 'cut.nnhandin.json', mimeType: 'application/json', buffer: Buffer.from(text.slice(0, 200)) });
    await expect.poll(() => page.getByTestId('handin-open-error').textContent()).toContain('This file cannot be opened: it is cut off');
    expect(await page.getByTestId('handin-view-row').count()).toBe(4);

    // A link with run= (as the classroom app makes) opens the run exactly, in a new tab.
    const spiral = handIn.rows[3]!;
    const linked = await freshPage();
    await openCourse(linked, url, runLinkHash(spiral.run!));
    const notices = linked.getByTestId('notice');
    await expect.poll(() => notices.filter({ hasText: 'Replayed exactly' }).count(), { timeout: 30_000 }).toBe(1);
    expect(await notices.filter({ hasText: 'Opened the run from the link.' }).count()).toBe(1);
    await expect.poll(() => readEpoch(linked)).toBe(3);
    expect(await readLosses(linked)).toEqual({ train: Number(spiral.trainLoss.toFixed(3)), test: Number(spiral.testLoss.toFixed(3)) });
    expect(new URL(linked.url()).hash).not.toContain('run=');
  });

  it('Open on a record made after a Reset, a live learning-rate change and Regenerate shows exactly the recorded losses', async () => {
    const page = await freshPage();
    await openCourse(page, url);
    await openLesson(page, HOMEWORK);
    await applyPreset(page, presetOf(HOMEWORK, 'xor'));
    await page.getByTestId('reset').click();
    for (let k = 0; k < 4; k++) await stepOnce(page);
    await page.getByTestId('learning-rate').selectOption('0.1');
    for (let k = 0; k < 3; k++) await stepOnce(page);
    await page.getByTestId('regenerate').click();
    for (let k = 0; k < 3; k++) await stepOnce(page);
    const epoch = await readEpoch(page);
    expect(epoch).toBe(10);
    const recorded = await readLosses(page);
    const cells = async () => (await page.locator('[data-testid="log-row"]').first().locator('th, td').allTextContents()).map((c) => c.trim());
    await recordRun(page);
    const row = await cells();

    // Somewhere else entirely, then Open.
    await applyPreset(page, presetOf(HOMEWORK, 'circle'));
    for (let k = 0; k < 2; k++) await stepOnce(page);
    await page.getByTestId('log-open').first().click();
    const note = page.getByTestId('log-status').getByTestId('replay-note');
    await expect.poll(() => note.getAttribute('data-outcome'), { timeout: 30_000 }).toBe('exact');
    expect(await page.getByTestId('log-status').textContent()).toContain('Opened run 1.');
    await expect.poll(() => readEpoch(page)).toBe(epoch);
    const opened = await readLosses(page);
    expect(opened).toEqual(recorded);
    expect(await page.getByTestId('learning-rate').inputValue()).toBe('0.1');
    // The table's row shows the same numbers as the top bar.
    expect(row[7]).toBe(String(epoch));
    expect(row[8]).toBe(recorded.train.toFixed(3));
    expect(row[9]).toBe(recorded.test.toFixed(3));
  });

  it.each(['en', 'ko'] as const)('refuses a hand-in without a name, a number or a row, and says why (%s)', async (language) => {
    const page = await freshPage(language);
    await openCourse(page, url);
    await openLesson(page, HOMEWORK);
    const words = TEXTS[language].log.handin;
    // The fields and the button are found by their names.
    const name = page.getByRole('textbox', { name: words.name, exact: true });
    const number = page.getByRole('textbox', { name: words.number, exact: true });
    const button = page.getByRole('button', { name: words.download, exact: true });
    expect(await name.count()).toBe(1);
    expect(await number.count()).toBe(1);
    const status = page.getByTestId('handin-status');

    await button.click();
    await expect.poll(() => status.textContent()).toBe(words.refused.both);
    await name.fill(STUDENT.name);
    await button.click();
    await expect.poll(() => status.textContent()).toBe(words.refused.number);
    await typeStudent(page, { name: '', number: STUDENT.number });
    await button.click();
    await expect.poll(() => status.textContent()).toBe(words.refused.name);
    await name.fill(STUDENT.name);
    await button.click();
    await expect.poll(() => status.textContent()).toBe(words.refused.rows);

    // One row is enough.
    await applyPreset(page, presetOf(HOMEWORK, 'gauss'));
    await stepOnce(page);
    await recordRun(page);
    const file = await downloadHandIn(page);
    expect(file.name).toMatch(/^handin-20231234-Kim-Minji-\d{4}-\d{2}-\d{2}\.nnhandin\.json$/);
    expect(parsed(file.text).rows.map((r) => r.dataset)).toEqual(['gauss']);
    await expect.poll(() => status.textContent()).toContain(file.name);

    // A file of another kind is refused, in the page's language.
    await page.getByTestId('handin-file').setInputFiles({ name: 'other.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"something"}') });
    const reason = TEXTS[language].common.replay.reasons.foreign.replace('{{format}}', 'something');
    await expect.poll(() => page.getByTestId('handin-open-error').textContent()).toContain(reason);
    expect(await page.getByTestId('handin-view').count()).toBe(0);
    await page.getByTestId('homework-table').screenshot({ path: join(SHOTS, `handin-homework-${language}.png`) });

    // The student's own file opens read-only, in the page's language.
    await page.getByTestId('handin-file').setInputFiles({ name: file.name, mimeType: 'application/json', buffer: Buffer.from(file.text) });
    await page.getByTestId('handin-view').waitFor();
    expect(await page.getByTestId('handin-view-student').textContent()).toBe(
      words.view.student.replace('{{name}}', STUDENT.name).replace('{{number}}', STUDENT.number),
    );
    await page.getByTestId('handin-view').screenshot({ path: join(SHOTS, `handin-view-${language}.png`) });
  });
});
