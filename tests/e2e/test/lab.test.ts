/**
 * The learning-rate lab (lesson 1's bowl, lesson 2's fill-in table) in both
 * languages: every row's result stays "?" until the student has run that
 * rate in the lab, then shows what the bowl implies (bowl.ts, computed in
 * the test process); guesses per row; rows run and guesses kept over a
 * reload, damaged storage ignored; "Fill the whole table" only when a link
 * shows answers; the rate fields read a decimal comma; desktop and phone.
 */
import { join } from 'node:path';
import type { ContextOptions, Page } from '../src/driver/index.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { LOCALES, TEXTS, openCourse, openLesson, storageWith, useFreshContexts, type Language } from '../src/course.js';
import {
  LECTURE_RATES,
  TABLE_STORAGE_KEY,
  addLabRate,
  bowlRow,
  labRow,
  labRows,
  labStep,
  loadLabRate,
  runLabToTheEnd,
  unknownRow,
} from '../src/lab.js';
import { SHOTS, useBuiltApp } from '../src/session.js';
import { readNumber } from '../src/playground.js';

const PHONE: ContextOptions = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true };

describe('the learning-rate lab', () => {
  const contexts = useFreshContexts();
  const app = useBuiltApp();
  let url: string;

  beforeAll(() => {
    url = app.url;
  });

  /** A page in a fresh context (own storage) whose browser prefers `language`. */
  async function freshPage(language: Language, options: ContextOptions = {}): Promise<Page> {
    const context = await contexts.open(app.browser, { locale: LOCALES[language], ...options });
    return app.newPage(context);
  }

  async function shot(page: Page, name: string, whole = false): Promise<void> {
    const path = join(SHOTS, `${name}.png`);
    if (whole) await page.screenshot({ path, fullPage: true });
    else await page.getByTestId('lab').screenshot({ path });
  }

  it.each(['en', 'ko'] as const)('lesson 1 shows the bowl; updates one at a time, and bad rates are refused (%s)', async (language) => {
    const page = await freshPage(language);
    await openCourse(page, url);
    const lab = TEXTS[language].lab;

    await openLesson(page, 1);
    await expect.poll(() => page.getByTestId('lab').count()).toBe(1);
    expect(await page.getByTestId('lab-table').count()).toBe(0);
    expect(await page.getByTestId('lab-step').textContent()).toBe(lab.stepButton);

    // One update at a time; the default rate 0.1 creeps towards the minimum.
    expect(await readNumber(page, 'lab-steps')).toBe(0);
    for (let k = 1; k <= 3; k++) expect(await labStep(page)).toBe(k);
    const status = (await page.getByTestId('lab-status').textContent()) ?? '';
    expect(status).toMatch(language === 'ko' ? /^3번째 갱신/ : /^Step 3/);

    // Bad rates are refused with a message; a decimal comma is a rate.
    for (const [typed, message] of [
      ['', lab.errors.empty],
      ['abc', lab.errors.notANumber],
      ['-1', lab.errors.notPositive],
      ['11', lab.errors.tooLarge.replace('{{max}}', '10')],
    ] as const) {
      await page.getByTestId('lab-rate').fill(typed);
      await expect.poll(() => page.getByTestId('lab-rate-error').textContent(), { message: `rate "${typed}"` }).toBe(message);
      expect(await page.getByTestId('lab-step').isEnabled(), typed).toBe(false);
    }
    await page.getByTestId('lab-rate').fill('1,6');
    expect(await page.getByTestId('lab-rate-error').count()).toBe(0);
    await labStep(page);
    await expect.poll(() => page.getByTestId('lab-status').getAttribute('class')).toMatch(/converged/);
    expect(await readNumber(page, 'lab-weight')).toBe(2);
  });

  it.each(['en', 'ko'] as const)('rows stay "?" until run, then show what the bowl implies (%s)', async (language) => {
    const page = await freshPage(language);
    await openCourse(page, url);
    const lab = TEXTS[language].lab;
    await openLesson(page, 2);
    await page.getByTestId('lab-table').waitFor();

    const blank = LECTURE_RATES.map((rate) => unknownRow(rate));
    expect(await labRows(page)).toEqual(blank);
    // Nothing of a result is in the page: no outcome word in the table's rows, no outcome attribute.
    const tableText = (await page.getByTestId('lab-table').locator('tbody').textContent()) ?? '';
    for (const word of Object.values(lab.outcome)) expect(tableText).not.toContain(word);
    expect(await page.locator('[data-testid="lab-row"][data-outcome]').count()).toBe(0);
    await shot(page, `lab-blank-${language}`);

    // Step 1.2 by hand: "?" until the update that settles it.
    await loadLabRate(page, '1.2');
    const settleAt = Number(bowlRow(1.2, language).steps);
    for (let k = 1; k < settleAt; k++) {
      await labStep(page);
      expect(await labRows(page), `after ${k} updates`).toEqual(blank);
    }
    await labStep(page);
    const done = new Map<number, ReturnType<typeof bowlRow>>([[1.2, bowlRow(1.2, language)]]);
    const expected = (): ReturnType<typeof bowlRow>[] => LECTURE_RATES.map((rate) => done.get(rate) ?? unknownRow(rate));
    await expect.poll(() => labRows(page)).toEqual(expected());

    // Run to the end: a converging rate typed with a decimal comma, and the diverging one.
    await page.getByTestId('lab-rate').fill('2,6');
    await runLabToTheEnd(page);
    done.set(2.6, bowlRow(2.6, language));
    await expect.poll(() => labRows(page)).toEqual(expected());
    await loadLabRate(page, '3.5');
    await runLabToTheEnd(page);
    done.set(3.5, bowlRow(3.5, language));
    await expect.poll(() => labRows(page)).toEqual(expected());
    expect(bowlRow(3.5, language)).toMatchObject({ steps: '—', outcome: 'diverged' });

    // Own rates: "?" too until run; 3.2 jumps back and forth to the maximum.
    await addLabRate(page, '3,2');
    await expect.poll(() => labRows(page)).toEqual([...expected(), unknownRow(3.2)]);
    await loadLabRate(page, '3.2');
    await runLabToTheEnd(page);
    await expect.poll(() => labRows(page)).toEqual([...expected(), bowlRow(3.2, language)]);
    expect(bowlRow(3.2, language)).toMatchObject({ steps: '—', outcome: 'not-converged' });

    // Refused own rates add nothing.
    for (const [bad, message] of [
      ['abc', lab.errors.notANumber],
      ['-1', lab.errors.notPositive],
      ['0,1', lab.errors.duplicate.replace('{{rate}}', '0.1')],
    ] as const) {
      await addLabRate(page, bad);
      await expect.poll(() => page.getByTestId('lab-add-error').textContent(), { message: bad }).toBe(message);
      expect(await page.getByTestId('lab-row').count(), bad).toBe(LECTURE_RATES.length + 1);
    }
    // The table fits the lesson panel's column, own rate included (no sideways scrolling).
    const right = await page.getByTestId('lab').evaluate((lab) => ({
      lab: lab.getBoundingClientRect().right,
      table: lab.querySelector('table')!.getBoundingClientRect().right,
    }));
    expect(right.table).toBeLessThanOrEqual(right.lab + 0.5);
    await shot(page, `lab-run-${language}`);

    // A reload keeps the rows run (and the own rate).
    await page.reload();
    await openLesson(page, 2);
    await page.getByTestId('lab-table').waitFor();
    expect(await labRows(page)).toEqual([...expected(), bowlRow(3.2, language)]);
  });

  it.each(['en', 'ko'] as const)('each row has a guess field of its own, kept over a reload (%s)', async (language) => {
    const page = await freshPage(language);
    await openCourse(page, url);
    const lab = TEXTS[language].lab;
    await openLesson(page, 2);
    await page.getByTestId('lab-table').waitFor();
    expect(await page.getByTestId('lab-row-guess').count()).toBe(LECTURE_RATES.length);

    // Each field is named for its row (by aria-label, so screen readers say which rate it is).
    const names = await page.getByTestId('lab-row-guess').evaluateAll((inputs) => inputs.map((i) => i.getAttribute('aria-label')));
    expect(names).toEqual(LECTURE_RATES.map((rate) => lab.table.guessLabel.replace('{{rate}}', String(rate))));
    const guesses = { '0.03': language === 'ko' ? '300번쯤' : 'about 300', '3.5': language === 'ko' ? '발산' : 'diverges' };
    for (const [rate, guess] of Object.entries(guesses)) {
      await page.getByLabel(lab.table.guessLabel.replace('{{rate}}', rate), { exact: true }).fill(guess);
    }
    // Typing in a guess does not load its rate into the lab.
    expect(await page.getByTestId('lab-rate').inputValue()).toBe('0.1');
    const withGuesses = LECTURE_RATES.map((rate) => unknownRow(rate, guesses[String(rate) as keyof typeof guesses] ?? ''));
    expect(await labRows(page)).toEqual(withGuesses);

    await page.reload();
    await openLesson(page, 2);
    await page.getByTestId('lab-table').waitFor();
    await expect.poll(() => labRows(page)).toEqual(withGuesses);
    const stored = await page.evaluate((key) => localStorage.getItem(key), TABLE_STORAGE_KEY);
    expect(JSON.parse(stored ?? 'null')).toMatchObject({ guesses: guesses });

    // Running a guessed rate keeps the guess beside the result.
    await loadLabRate(page, '3.5');
    await runLabToTheEnd(page);
    await expect.poll(() => labRow(page, '3.5').getAttribute('data-shown')).toBe('true');
    expect((await labRows(page))[8]).toEqual(bowlRow(3.5, language, guesses['3.5']));
    await shot(page, `lab-guesses-${language}`);
  });

  it.each(['en', 'ko'] as const)('"Fill the whole table" is there only when answers are shown (%s)', async (language) => {
    const lab = TEXTS[language].lab;

    const shown = await freshPage(language);
    await openCourse(shown, url, 'lesson=2');
    await shown.getByTestId('lab-table').waitFor();
    const fill = shown.getByRole('button', { name: lab.table.fill, exact: true });
    expect(await fill.count()).toBe(1);
    expect(await labRows(shown)).toEqual(LECTURE_RATES.map((rate) => unknownRow(rate)));
    await fill.click();
    await expect.poll(() => labRows(shown)).toEqual(LECTURE_RATES.map((rate) => bowlRow(rate, language)));
    expect(await fill.getAttribute('aria-pressed')).toBe('true');
    await shot(shown, `lab-filled-${language}`);
    // Pressed again, the table shows only the rates run (none); filling is not remembered as running.
    await fill.click();
    await expect.poll(() => labRows(shown)).toEqual(LECTURE_RATES.map((rate) => unknownRow(rate)));
    expect(JSON.parse((await shown.evaluate((key) => localStorage.getItem(key), TABLE_STORAGE_KEY)) ?? '{"run":[]}')).toMatchObject({ run: [] });

    // A student's link: no button at all, every row "?", and the lab gives nothing away.
    const hidden = await freshPage(language);
    await openCourse(hidden, url, 'lesson=2&answers=hide');
    await hidden.getByTestId('lab-table').waitFor();
    expect(await hidden.getByTestId('lab-fill').count()).toBe(0);
    expect(await hidden.getByRole('button', { name: lab.table.fill }).count()).toBe(0);
    expect(await labRows(hidden)).toEqual(LECTURE_RATES.map((rate) => unknownRow(rate)));
    const labText = (await hidden.getByTestId('lab').textContent()) ?? '';
    for (const answer of ['1.6', '1,6', '0.625', ...LECTURE_RATES.map((rate) => bowlRow(rate, language).steps).filter((s) => s !== '—' && Number(s) > 10)]) {
      expect(labText, answer).not.toContain(answer);
    }
    // Running a rate still fills its row.
    await loadLabRate(hidden, '0.8');
    await runLabToTheEnd(hidden);
    await expect.poll(() => labRows(hidden)).toEqual(LECTURE_RATES.map((rate) => (rate === 0.8 ? bowlRow(rate, language) : unknownRow(rate))));
    expect(await hidden.getByTestId('lab-fill').count()).toBe(0);
  });

  it('ignores damaged storage without an error', async () => {
    for (const damaged of ['{not json', '[1,2,3]', '{"run":"all","guesses":[],"own":{"x":1}}', '{"run":[0.1,"x",-1],"guesses":{"0.1":7}}']) {
      const page = await freshPage('en', { storageState: storageWith(url, { [TABLE_STORAGE_KEY]: damaged }) });
      await openCourse(page, url, 'lesson=2');
      await page.getByTestId('lab-table').waitFor();
      const rows = await labRows(page);
      const kept = damaged.includes('[0.1,') ? [0.1] : [];
      expect(rows, damaged).toEqual(LECTURE_RATES.map((rate) => (kept.includes(rate) ? bowlRow(rate, 'en') : unknownRow(rate))));
      // And it still works: a guess is written back over the damaged value.
      await page.getByTestId('lab-row-guess').first().fill('300');
      await expect
        .poll(() => page.evaluate((key) => localStorage.getItem(key), TABLE_STORAGE_KEY))
        .toBe(JSON.stringify({ own: [], run: kept, guesses: { '0.03': '300' } }));
    }
  });

  it.each(['en', 'ko'] as const)('fits a phone screen (%s)', async (language) => {
    const page = await freshPage(language, PHONE);
    await openCourse(page, url, 'lesson=2');
    await page.getByTestId('lab-table').waitFor();
    await loadLabRate(page, '1.2');
    await runLabToTheEnd(page);
    await page.getByTestId('lab-row-guess').first().fill(language === 'ko' ? '300번쯤' : 'about 300');
    const widths = await page.evaluate(() => ({
      document: document.documentElement.scrollWidth,
      viewport: document.documentElement.clientWidth,
    }));
    expect(widths.document).toBeLessThanOrEqual(widths.viewport);
    // The table and its guess fields stay inside the screen.
    for (const id of ['lab-table', 'lab-chart']) {
      const box = await page.getByTestId(id).boundingBox();
      expect(box!.x, id).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width, id).toBeLessThanOrEqual(390);
    }
    await shot(page, `lab-phone-${language}`);
  });
});
