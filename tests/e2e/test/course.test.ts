/**
 * The course beside the playground: every lesson's preset opens exactly its
 * state, the batch
 * comparison and the repeat runs train on their own, and the homework flow
 * (stop at the target, Record, the homework table, its exports, the
 * experiment log in localStorage, damaged saved data) works end to end.
 * Each task reveals its own answer; a teacher's `answers=hide` link leaves
 * every answer out of the page; the overfitting lesson's test loss climbs
 * while its training loss falls; the students' notes are kept and handed in.
 */
import { join } from 'node:path';
import type { ContextOptions, Page } from '../src/driver/index.js';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  KEYS,
  LESSONS,
  LESSONS_WITH_PRESETS,
  LOCALES,
  TEXTS,
  answerToggles,
  applyPreset,
  currentHash,
  download,
  lessonNumber,
  openCourse,
  openLesson,
  plainSnippets,
  pageWidths,
  playToTarget,
  positionedOverflow,
  presetLabel,
  presetOf,
  runBatchComparison,
  runRepeatRuns,
  shownSettings,
  stepOnce,
  storageWith,
  switchLanguage,
  tasksOf,
  useFreshContexts,
  type Language,
} from '../src/course.js';
import { SHOTS, useBuiltApp } from '../src/session.js';
import { settingsOfHash } from '../src/shared.js';
import { afterFrames, canvasStats, hashValue, lossChartCanvas, parseHashText, readEpoch, readLosses, readNumber } from '../src/playground.js';

/** Lesson numbers by id: adding a lesson moves the ones after it. */
const BATCH = lessonNumber('batch');
const OVERFITTING = lessonNumber('overfitting');
const INITIALIZATION = lessonNumber('initialization');
const SPIRAL = lessonNumber('spiral');
const HOMEWORK = lessonNumber('homework');

describe('the course beside the playground', () => {
  const contexts = useFreshContexts();
  const app = useBuiltApp();
  let url: string;

  beforeAll(() => {
    url = app.url;
  });

  /** A page in a fresh context (own storage) whose browser prefers `language`. */
  async function freshPage(language: Language = 'en', options: ContextOptions = {}): Promise<Page> {
    const context = await contexts.open(app.browser, { locale: LOCALES[language], ...options });
    return app.newPage(context);
  }

  it.each(['en', 'ko'] as const)('every preset opens exactly its state (%s)', async (language) => {
    const page = await freshPage(language);
    await openCourse(page, url);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe(language);
    const words = TEXTS[language].lessons;

    let presets = 0;
    for (const lesson of LESSONS_WITH_PRESETS) {
      await openLesson(page, lesson.number);
      const text = words[lesson.id];
      await expect.poll(() => page.getByTestId('lesson-title').textContent()).toBe(text.title);
      for (const preset of lesson.presets) {
        // Train one epoch first, so "epoch 0" below means the preset started afresh.
        await stepOnce(page);
        const label = presetLabel(preset, language);
        expect((await page.getByTestId(`preset-${preset.key}`).textContent())?.trim()).toBe(label);

        await applyPreset(page, preset);
        const where = `lesson ${lesson.number}, preset ${preset.key}`;
        expect(currentHash(page), where).toBe(preset.hash);
        expect(await readEpoch(page), where).toBe(0);
        expect(await shownSettings(page), where).toEqual(settingsOfHash(preset.hash));
        expect(await page.getByTestId('preset-applied').textContent(), where).toContain(label);

        // The stop condition is on exactly for the presets whose hash has stopBelow (the homework's).
        const stopBelow = await hashValue(page, 'stopBelow');
        if (lesson.tools.includes('homework')) {
          expect(await page.getByTestId('stop-target').isChecked(), where).toBe(stopBelow !== undefined);
          if (stopBelow !== undefined) expect(await page.getByTestId('stop-value').inputValue(), where).toBe(stopBelow);
        } else {
          expect(stopBelow, where).toBeUndefined();
        }

        // The map is drawn for this network: opaque, and not a single flat colour.
        const map = await canvasStats(page.getByTestId('decision-map'));
        expect(map.transparent, where).toBe(0);
        expect(map.colours, `${where}: the decision map is blank`).toBeGreaterThan(3);
        // Every hidden neuron has its node map; none left over from the previous network.
        const hidden = (parseHashText(preset.hash).get('networkShape') ?? '').split(',').filter(Boolean).map(Number);
        const nodes = hidden.reduce((sum, n) => sum + n, 0) + 1;
        await expect.poll(() => page.locator('[data-testid^="node-"] canvas').count(), { message: where }).toBe(nodes);
        presets++;
      }
    }
    expect(presets).toBe(LESSONS_WITH_PRESETS.reduce((sum, l) => sum + l.presets.length, 0));
    await page.screenshot({ path: join(SHOTS, `course-presets-${language}.png`) });
  });

  it('lesson 3 trains batch 1, 10 and the whole set side by side', async () => {
    const page = await freshPage();
    await openCourse(page, url);
    await openLesson(page, BATCH);
    await applyPreset(page, presetOf(BATCH, 'network'));
    await runBatchComparison(page);

    const results = page.getByTestId('batch-result');
    expect(await results.evaluateAll((cards) => cards.map((c) => c.getAttribute('data-batch')))).toEqual(['1', '10', 'all']);
    const losses: number[][] = [];
    for (const card of await results.all()) {
      const figures = (await card.locator('b').allTextContents()).map(Number);
      expect(figures, 'training and test loss').toHaveLength(2);
      for (const value of figures) {
        expect(Number.isFinite(value)).toBe(true);
        expect(value).toBeGreaterThanOrEqual(0);
      }
      losses.push(figures);
      // Each card shows its final map.
      expect((await canvasStats(card.locator('canvas').first())).colours).toBeGreaterThan(3);
    }
    // Per epoch, batch 1 learns fastest and the whole set slowest (the lesson's point).
    expect(losses[0]![0]!).toBeLessThan(losses[1]![0]!);
    expect(losses[1]![0]!).toBeLessThan(losses[2]![0]!);

    const chart = page.getByTestId('batch-chart').locator('canvas').first();
    await chart.waitFor();
    expect((await canvasStats(chart)).colours, 'the comparison chart is blank').toBeGreaterThan(5);
    // The playground itself did not train.
    expect(await readEpoch(page)).toBe(0);
  });

  it('the initialization lesson runs the small model five times without touching the playground', async () => {
    const page = await freshPage();
    await openCourse(page, url);
    await openLesson(page, INITIALIZATION);
    await applyPreset(page, presetOf(INITIALIZATION, 'small'));
    await stepOnce(page);
    const chartBefore = (await canvasStats(lossChartCanvas(page))).fingerprint;

    await runRepeatRuns(page);
    const losses = (await page.getByTestId('repeat-test-loss').allTextContents()).map(Number);
    expect(losses).toHaveLength(5);
    for (const loss of losses) {
      expect(Number.isFinite(loss)).toBe(true);
      expect(loss).toBeGreaterThan(0);
    }
    // The summary names the best and the worst of them.
    const summary = (await page.getByTestId('repeat-summary').textContent()) ?? '';
    expect(summary).toContain(Math.min(...losses).toFixed(3));
    expect(summary).toContain(Math.max(...losses).toFixed(3));
    // The preset's figures are the lesson's: task 1's answer quotes these very test losses.
    await answerToggles(page).first().click();
    const answer = (await page.getByTestId('task-answer').textContent()) ?? '';
    for (const loss of losses) expect(answer, `the answer does not quote ${loss}`).toContain(loss.toFixed(3));

    // The playground's own run is where it was.
    expect(await readEpoch(page)).toBe(1);
    expect((await canvasStats(lossChartCanvas(page))).fingerprint).toBe(chartBefore);
    await page.getByTestId('repeat-runs').screenshot({ path: join(SHOTS, 'course-repeat-runs.png') });
  });

  it('homework: stops below 0.1, records the run, exports it and keeps it after a reload', async () => {
    const page = await freshPage();
    await openCourse(page, url);
    await openLesson(page, HOMEWORK);
    const preset = presetOf(HOMEWORK, 'gauss');
    await applyPreset(page, preset);
    expect(await hashValue(page, 'stopBelow')).toBe('0.1');
    expect(await page.getByTestId('stop-target').isChecked()).toBe(true);
    expect(await page.getByTestId('homework-conditions').getAttribute('data-ok')).toBe('true');

    await playToTarget(page);
    // Paused by itself, below the target on both losses, at the epoch the counter shows.
    await expect.poll(() => page.getByTestId('play').getAttribute('aria-label')).toBe('Play');
    const epoch = await readEpoch(page);
    const { train, test } = await readLosses(page);
    expect(epoch).toBeGreaterThan(0);
    expect(train).toBeLessThan(0.1);
    expect(test).toBeLessThan(0.1);
    const stopped = (await page.getByTestId('stopped-at').textContent()) ?? '';
    expect(Number(/epoch ([\d,]+)/.exec(stopped)?.[1]?.replace(/,/g, ''))).toBe(epoch);
    expect(stopped).toContain(train.toFixed(3));
    expect(stopped).toContain(test.toFixed(3));
    // It stays paused.
    await afterFrames(page, 18);
    expect(await readEpoch(page)).toBe(epoch);

    const hash = currentHash(page);
    await page.getByTestId('record').click();
    await expect.poll(() => page.getByTestId('record-status').textContent()).toMatch(/Recorded run 1/);
    const row = page.locator('[data-testid="homework-row"][data-dataset="gauss"]');
    await expect.poll(() => row.getAttribute('data-meets')).toBe('true');
    const cells = (await row.locator('th, td').allTextContents()).map((c) => c.trim());
    expect(cells.slice(0, 8)).toEqual(['Two blobs', 'ReLU', '30', '2', '6, 2', String(epoch), train.toFixed(3), test.toFixed(3)]);
    expect(cells[8]).toMatch(/^✓\s*Both losses are below 0\.1$/);
    for (const other of ['xor', 'circle', 'spiral']) {
      expect(await page.locator(`[data-testid="homework-row"][data-dataset="${other}"]`).getAttribute('data-meets')).toBe('none');
    }
    expect(await page.getByTestId('log-row').count()).toBe(1);

    // The exports hold the row: data set, losses and the link that reopens the run.
    const link = `${url.replace(/\/$/, '')}/#${hash}`;
    const csv = await download(page, 'homework-csv');
    expect(csv.name).toMatch(/^homework-\d{4}-\d{2}-\d{2}\.csv$/);
    const csvLines = csv.text.replace(/^\uFEFF/, '').split('\r\n');
    // The student's name and number come first (none typed in here).
    expect(csvLines[0]).toBe(
      'Name,Student number,Data type,Activation,Batch size,# hidden layers,# neurons,Epochs,Training loss,Test loss,Both < 0.1,Link',
    );
    // RFC 4180: the link has commas (networkShape=6,2), so it is quoted.
    expect(link).toContain(',');
    expect(csvLines).toContain(`,,Two blobs,ReLU,30,2,"6, 2",${epoch},${train.toFixed(3)},${test.toFixed(3)},✓,"${link}"`);
    expect(csvLines).toContain(',,XOR,,,,,,,,,');

    const markdown = await download(page, 'homework-md');
    expect(markdown.name).toMatch(/^homework-\d{4}-\d{2}-\d{2}\.md$/);
    expect(markdown.text.split('\n')).toContain(
      `| Two blobs | ReLU | 30 | 2 | 6, 2 | ${epoch} | ${train.toFixed(3)} | ${test.toFixed(3)} | ✓ | [Open](${link}) |`,
    );
    // "Copy Markdown" puts the same table on the clipboard.
    await page.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(url).origin });
    await page.getByTestId('homework-copy').click();
    await expect
      .poll(() => page.getByTestId('homework-table').getByRole('status').filter({ hasText: TEXTS.en.log.homework.copied }).count())
      .toBe(1);
    expect(await page.clipboardText()).toBe(markdown.text);

    // The log is in localStorage: a reload brings it back, with the table.
    const stored = await page.evaluate((key) => localStorage.getItem(key), KEYS.log);
    expect(JSON.parse(stored!).records).toHaveLength(1);
    await page.reload();
    await page.getByTestId('experiment-log').waitFor();
    await expect.poll(() => page.getByTestId('log-row').count()).toBe(1);
    await expect.poll(() => row.getAttribute('data-meets')).toBe('true');
    expect(await page.getByTestId('log-set-aside').count()).toBe(0);
    await page.getByTestId('homework-table').screenshot({ path: join(SHOTS, 'course-homework-table.png') });
  });

  it.each([
    ['invalid-json', '{not json'],
    ['foreign-format', '{"format":"other"}'],
  ])('a damaged saved log (%s) is set aside, reported and kept', async (reason, raw) => {
    const page = await freshPage('en', { storageState: storageWith(url, { [KEYS.log]: raw, [KEYS.lesson]: 'homework' }) });
    await openCourse(page, url);
    const report = page.getByTestId('log-set-aside');
    await expect.poll(() => report.count()).toBe(1);
    expect(await report.isVisible()).toBe(true);
    expect(await report.getAttribute('data-reason')).toBe(reason);

    // The raw text is kept, as it was, under a set-aside key the report names.
    const setAside = await page.evaluate((prefix) => {
      const out: Record<string, string> = {};
      for (let i = 0; i < localStorage.length; i++) {
        const key = localStorage.key(i)!;
        if (key.startsWith(prefix)) out[key] = localStorage.getItem(key)!;
      }
      return out;
    }, KEYS.setAsidePrefix);
    expect(Object.values(setAside)).toEqual([raw]);
    const key = Object.keys(setAside)[0]!;
    expect(await report.textContent()).toContain(key);
    expect(await page.getByTestId('log-row').count()).toBe(0);

    // The log works again: a record made now survives a reload, and the report is not repeated.
    await page.getByTestId('record').click();
    await expect.poll(() => page.getByTestId('log-row').count()).toBe(1);
    await page.reload();
    await page.getByTestId('experiment-log').waitFor();
    await expect.poll(() => page.getByTestId('log-row').count()).toBe(1);
    expect(await page.getByTestId('log-set-aside').count()).toBe(0);
    expect(await page.evaluate((k) => localStorage.getItem(k), key)).toBe(raw);
  });

  it('the homework counts the flipped labels of XOR and circle at noise 20', async () => {
    const page = await freshPage();
    await openCourse(page, url);
    await openLesson(page, HOMEWORK);
    for (const dataset of ['xor', 'circle', 'gauss'] as const) {
      await applyPreset(page, presetOf(HOMEWORK, dataset));
      const count = page.getByTestId('flipped-count');
      const read = async (): Promise<{ flipped: number; total: number }> => ({
        flipped: Number(await count.getAttribute('data-flipped')),
        total: Number(await count.getAttribute('data-total')),
      });
      if (dataset === 'gauss') {
        // Two blobs have no clean rule: nothing to count.
        await expect.poll(async () => (await read()).total, { message: dataset }).toBe(0);
        continue;
      }
      // Noise 20 flips a few percent of the labels, not most of them (the count follows the new draw).
      await expect
        .poll(async () => {
          const { flipped, total } = await read();
          return total > 0 && flipped > 0 && flipped / total < 0.2;
        }, { message: `${dataset}: ${JSON.stringify(await read())}` })
        .toBe(true);
      const { flipped, total } = await read();
      const text = (await count.textContent()) ?? '';
      expect(text, dataset).toContain(`${flipped} of ${total} labels`);
    }
  });

  it('the stop target refuses a bad value and says so; the wide panel shows the whole homework table', async () => {
    const page = await freshPage();
    await openCourse(page, url, presetOf(HOMEWORK, 'xor').hash);
    await openLesson(page, HOMEWORK);
    const box = page.getByTestId('stop-target');
    expect(await box.isChecked()).toBe(true);
    await page.getByTestId('stop-value').fill('abc');
    await box.uncheck();
    await expect.poll(() => parseHashText(currentHash(page)).has('stopBelow')).toBe(false);
    await box.click();
    // Refused: the box stays off, the link has no target, and the reason is shown.
    expect(await box.isChecked()).toBe(false);
    expect(parseHashText(currentHash(page)).has('stopBelow')).toBe(false);
    await page.getByRole('alert').filter({ hasText: '0.1' }).waitFor();
    await page.getByTestId('stop-value').fill('0.05');
    await box.check();
    await expect.poll(() => parseHashText(currentHash(page)).get('stopBelow')).toBe('0.05');

    // 1280 px: the panel widens on request (remembered), and the table's last column comes into view.
    const column = page.locator('#lesson-column');
    const narrow = (await column.boundingBox())!.width;
    await page.getByTestId('lessons-wide').click();
    await expect.poll(async () => (await column.boundingBox())!.width).toBeGreaterThan(narrow + 200);
    await page.reload();
    await expect.poll(async () => (await column.boundingBox())!.width).toBeGreaterThan(narrow + 200);
  });

  it('a shared exercise link opens its lesson beside the playground', async () => {
    const page = await freshPage();
    const larger = presetOf(INITIALIZATION, 'larger');
    await openCourse(page, url, larger.hash);
    await expect.poll(() => page.getByTestId('lesson').getAttribute('data-lesson')).toBe('initialization');
    expect(currentHash(page)).toBe(larger.hash);
    // Pasting another lesson's link into the address bar follows it too.
    const spiral = presetOf(SPIRAL, 'start');
    await page.evaluate((hash) => {
      location.hash = hash;
    }, spiral.hash);
    await expect.poll(() => page.getByTestId('lesson').getAttribute('data-lesson')).toBe('spiral');
  });

  it('a run that stalls above 0.1 on a noisy draw says so and offers new data', async () => {
    // XOR at the homework's 70% / noise 20 with seed 0.89794: 8.7% of the test labels disagree with
    // the clean rule, and the answer's tanh [6, 2] network (rate 0.1) levels off at about 0.13.
    const hash =
      'activation=tanh&batchSize=10&dataset=xor&regDataset=reg-plane&learningRate=0.1&regularizationRate=0&noise=20&networkShape=6,2&seed=0.89794&showTestData=false&discretize=false&percTrainData=70&x=true&y=true&xTimesY=false&xSquared=false&ySquared=false&cosX=false&sinX=false&cosY=false&sinY=false&collectStats=false&problem=classification&initZero=false&hideText=false&engine=wasm&speed=max';
    const page = await freshPage();
    await openCourse(page, url, hash);
    await openLesson(page, HOMEWORK);
    expect(await page.getByTestId('stall-advice').count()).toBe(0);
    await page.getByTestId('play').click();
    const advice = page.getByTestId('stall-advice');
    await advice.waitFor({ timeout: 30_000 });
    expect(await advice.getAttribute('data-cause')).toBe('draw');
    expect(await page.getByTestId('flipped-count').getAttribute('data-flipped')).not.toBe('0');
    // New data: the advice goes and the seed changes. (Paused first: at full speed the new draw
    // could stall again within a second.)
    await page.getByTestId('play').click();
    await expect.poll(() => page.getByTestId('play').getAttribute('aria-label')).toBe('Play');
    const seed = parseHashText(currentHash(page)).get('seed');
    await page.getByTestId('stall-regenerate').click();
    await expect.poll(() => parseHashText(currentHash(page)).get('seed')).not.toBe(seed);
    await expect.poll(() => advice.count()).toBe(0);
  });

  it.each(['en', 'ko'] as const)(
    'the homework tools fit a 390 px phone after a run is recorded (%s)',
    async (language) => {
      const page = await freshPage(language, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
      await openCourse(page, url);
      await openLesson(page, HOMEWORK);
      await applyPreset(page, presetOf(HOMEWORK, 'gauss'));
      await playToTarget(page);
      await page.getByTestId('record').click();
      await expect.poll(() => page.getByTestId('log-row').count()).toBe(1);
      await page.getByTestId('homework-table').scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SHOTS, `course-homework-390-${language}.png`) });
      // The tables scroll inside their boxes; nothing may make the whole page scroll sideways.
      const widths = await pageWidths(page);
      const culprits = (await positionedOverflow(page)).join('; ');
      expect(widths.scroll, `the page scrolls sideways (positioned elements past the edge: ${culprits})`).toBeLessThanOrEqual(
        widths.client,
      );
    },
  );
  it.each(['en', 'ko'] as const)('each task reveals its own answer: task 1 open, task 2 still closed (%s)', async (language) => {
    const page = await freshPage(language);
    await openCourse(page, url);
    await openLesson(page, OVERFITTING);
    const words = TEXTS[language].lessons.panel;
    const tasks = tasksOf('overfitting', language);
    const answered = tasks.filter((task) => task.answer !== undefined).length;
    const toggles = answerToggles(page);
    await expect.poll(() => toggles.count()).toBe(answered);
    // Closed, every reveal is a button named exactly "Show answer" / "답 보기", and no answer is on the page.
    expect(await page.getByRole('button', { name: words.showAnswer, exact: true }).count()).toBe(answered);
    expect(await page.getByTestId('task-answer').count()).toBe(0);
    const text = (): Promise<string> => page.evaluate(() => document.body.textContent ?? '');
    const first = plainSnippets(tasks[0]!.answer![0]!)[0]!;
    const second = plainSnippets(tasks[1]!.answer![0]!)[0]!;
    expect(await text()).not.toContain(first);

    await toggles.first().click();
    await expect.poll(() => toggles.first().getAttribute('aria-expanded')).toBe('true');
    expect((await toggles.first().textContent())?.trim()).toBe(words.hideAnswer);
    expect(await page.getByTestId('task-answer').count()).toBe(1);
    expect(await page.getByTestId('task-answer').isVisible()).toBe(true);
    expect(await text()).toContain(first);
    // Task 2 stays closed, and scripts still find it (and the others) by "Show answer".
    expect(await toggles.nth(1).getAttribute('aria-expanded')).toBe('false');
    expect(await text()).not.toContain(second);
    expect(await page.getByRole('button', { name: words.showAnswer, exact: true }).count()).toBe(answered - 1);

    // Closing it again removes it; another lesson starts with every answer closed.
    await toggles.first().click();
    await expect.poll(() => page.getByTestId('task-answer').count()).toBe(0);
    await toggles.nth(1).click();
    await expect.poll(() => text()).toContain(second);
    await page.getByTestId('lesson-task').nth(1).screenshot({ path: join(SHOTS, `course-task-answer-${language}.png`) });
    await openLesson(page, HOMEWORK);
    expect(await page.getByTestId('task-answer').count()).toBe(0);
  });

  it.each(['en', 'ko'] as const)('a teacher’s answers=hide link: no reveal and no answer text in any lesson (%s)', async (language) => {
    const page = await freshPage(language);
    await openCourse(page, url, 'answers=hide');
    const words = TEXTS[language].lessons.panel;
    for (const lesson of LESSONS) {
      await openLesson(page, lesson.number);
      const where = `lesson ${lesson.number}`;
      const tasks = tasksOf(lesson.id, language);
      // The notes are there (one box per task) ...
      await expect.poll(() => page.getByTestId('task-note').count(), { message: where }).toBe(tasks.length);
      // ... the answers are not: no button, no region, no word of them anywhere in the document.
      expect(await answerToggles(page).count(), where).toBe(0);
      expect(await page.getByRole('button', { name: words.showAnswer }).count(), where).toBe(0);
      expect(await page.getByTestId('task-answer').count(), where).toBe(0);
      const html = await page.evaluate(() => document.documentElement.outerHTML);
      for (const task of tasks) {
        for (const paragraph of task.answer ?? []) {
          for (const snippet of plainSnippets(paragraph)) expect(html.includes(snippet), `${where}: “${snippet}”`).toBe(false);
        }
      }
    }
    await page.screenshot({ path: join(SHOTS, `course-answers-hidden-${language}.png`) });
  });

  it('the overfitting preset: the test loss climbs above its lowest while the training loss falls, and the gap says so', async () => {
    const page = await freshPage();
    await openCourse(page, url);
    await openLesson(page, OVERFITTING);
    await applyPreset(page, presetOf(OVERFITTING, 'overfit'));
    expect(await page.getByTestId('show-test-data').isChecked()).toBe(true);
    // The three readouts of one render.
    const read = (): Promise<{ epoch: number; train: number; test: number; gap: number }> =>
      page.evaluate(() => {
        const value = (id: string): number =>
          Number((document.querySelector(`[data-testid="${id}"]`)?.textContent ?? '').replace(/,/g, '').trim());
        return { epoch: value('epoch'), train: value('train-loss'), test: value('test-loss'), gap: value('loss-gap') };
      });
    const start = await read();
    expect(start.epoch).toBe(0);
    expect(start.gap).toBeCloseTo(start.test - start.train, 2);

    await page.getByTestId('speed').selectOption('10');
    await page.getByTestId('play').click();
    // Follow the readouts: the lowest test loss seen, and the training loss at that moment.
    let lowest = start;
    await expect
      .poll(
        async () => {
          const now = await read();
          if (now.test < lowest.test) lowest = now;
          return now.epoch > lowest.epoch && now.test > lowest.test + 0.1 && now.train < lowest.train - 0.05;
        },
        { timeout: 60_000, interval: 50 },
      )
      .toBe(true);
    await page.getByTestId('play').click();
    await expect.poll(() => page.getByTestId('play').getAttribute('aria-label')).toBe('Play');
    const end = await read();
    // The test loss rose above its lowest, the training loss fell below its value there, and the gap is their difference.
    expect(end.test).toBeGreaterThan(lowest.test + 0.1);
    expect(end.train).toBeLessThan(lowest.train - 0.05);
    expect(end.gap).toBeCloseTo(end.test - end.train, 2);
    expect(end.gap).toBeGreaterThan(lowest.test - lowest.train + 0.15);
    await page.screenshot({ path: join(SHOTS, 'course-overfitting.png') });
  });

  it('lesson 4’s preset is unstable at rate 3: the training loss goes back up while stepping', async () => {
    const page = await freshPage();
    await openCourse(page, url);
    await openLesson(page, lessonNumber('playgroundTasks'));
    await applyPreset(page, presetOf(lessonNumber('playgroundTasks'), 'rate3'));
    const losses: number[] = [];
    for (let k = 0; k < 12; k++) {
      await stepOnce(page);
      losses.push((await readLosses(page)).train);
    }
    const rises = losses.filter((loss, i) => i > 0 && loss > losses[i - 1]! + 0.005).length;
    expect(rises, losses.join(' ')).toBeGreaterThanOrEqual(3);
  });

  it('notes are kept per task, survive a reload and are handed in with the homework', async () => {
    const page = await freshPage();
    await openCourse(page, url);
    await openLesson(page, OVERFITTING);
    const overfitNote = 'The test loss was lowest near epoch 40, then rose | "clearly"';
    await page.getByTestId('task-note').first().fill(overfitNote);
    await openLesson(page, HOMEWORK);
    const homeworkNote = 'Two draws of the XOR data before it worked';
    await page.getByTestId('task-note').nth(2).fill(homeworkNote);
    // The box is named by its label and its task.
    expect(await page.getByLabel('My observation, task 3', { exact: true }).count()).toBe(1);
    await expect.poll(() => page.evaluate((key) => localStorage.getItem(key) ?? '', KEYS.log)).toContain('Two draws');

    await page.reload();
    await page.getByTestId('experiment-log').waitFor();
    await expect.poll(() => page.getByTestId('task-note').nth(2).inputValue()).toBe(homeworkNote);
    expect(await page.getByTestId('task-note').first().inputValue()).toBe('');
    await openLesson(page, OVERFITTING);
    await expect.poll(() => page.getByTestId('task-note').first().inputValue()).toBe(overfitNote);

    // The homework exports carry both notes after the table, named by lesson and task.
    await openLesson(page, HOMEWORK);
    const overfitTitle = TEXTS.en.lessons.overfitting.title;
    const csv = (await download(page, 'homework-csv')).text.replace(/^\uFEFF/, '');
    const lines = csv.split('\r\n');
    expect(lines).toContain('Lesson,Task,My observation');
    expect(lines).toContain(`Lesson ${OVERFITTING}: ${overfitTitle},Task 1,"${overfitNote.replaceAll('"', '""')}"`);
    expect(lines).toContain(`Lesson ${HOMEWORK}: ${TEXTS.en.lessons.homework.title},Task 3,${homeworkNote}`);
    const markdown = (await download(page, 'homework-md')).text.split('\n');
    expect(markdown).toContain('## My observations');
    expect(markdown).toContain(`| Lesson ${OVERFITTING}: ${overfitTitle} | Task 1 | ${overfitNote.replace('|', '\\|')} |`);

    // Emptied, a note leaves the export.
    await page.getByTestId('task-note').nth(2).fill('');
    await expect.poll(async () => (await download(page, 'homework-csv')).text).not.toContain('Two draws');
  });

  it('the homework counts the draws of data and of first weights since its preset', async () => {
    const page = await freshPage();
    await openCourse(page, url);
    await openLesson(page, HOMEWORK);
    const attempts = page.getByTestId('homework-attempts');
    expect(await attempts.getAttribute('data-dataset')).toBe('');
    await applyPreset(page, presetOf(HOMEWORK, 'circle'));
    const counts = async (): Promise<string> =>
      `${await attempts.getAttribute('data-dataset')} ${await attempts.getAttribute('data-data-draws')}/${await attempts.getAttribute('data-weight-draws')}`;
    await expect.poll(counts).toBe('circle 1/1');
    await page.getByTestId('reset').click();
    await expect.poll(counts).toBe('circle 1/2');
    await page.getByTestId('regenerate').click();
    await expect.poll(counts).toBe('circle 2/2');
    expect(await attempts.textContent()).toContain('draws of the data 2, draws of first weights 2');
    // Another lesson's preset ends the count.
    await openLesson(page, OVERFITTING);
    await applyPreset(page, presetOf(OVERFITTING, 'overfit'));
    await openLesson(page, HOMEWORK);
    expect(await attempts.getAttribute('data-dataset')).toBe('');
  });

  it.each(['en', 'ko'] as const)(
    'the picker shows every lesson’s short title on a touch screen, named by number and title (%s)',
    async (language) => {
      const page = await freshPage(language, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
      await openCourse(page, url);
      const texts = TEXTS[language].lessons;
      for (const lesson of LESSONS) {
        const button = page.getByTestId(`lesson-${lesson.number}`);
        expect(await button.isVisible()).toBe(true);
        const shown = ((await button.textContent()) ?? '').replace(/\s+/g, ' ').trim();
        expect(shown).toBe(`${lesson.number} ${texts[lesson.id].short}`);
        const name = texts.panel.lessonButton
          .replaceAll('{{number}}', String(lesson.number))
          .replace('{{short}}', texts[lesson.id].short)
          .replace('{{title}}', texts[lesson.id].title);
        // The name holds the number, the visible short title and the lesson's title.
        expect(name).toContain(`${lesson.number} ${texts[lesson.id].short}`);
        expect(name).toContain(texts[lesson.id].title);
        expect(await page.getByRole('button', { name, exact: true }).count(), name).toBe(1);
      }
      await page.getByTestId('lesson-panel').screenshot({ path: join(SHOTS, `course-picker-390-${language}.png`) });
      const widths = await pageWidths(page);
      expect(widths.scroll).toBeLessThanOrEqual(widths.client);
    },
  );

  it.each(['en', 'ko'] as const)('lesson 1 draws the training loop as one labelled image (%s)', async (language) => {
    const page = await freshPage(language);
    await openCourse(page, url);
    await openLesson(page, 1);
    const figure = TEXTS[language].lessons.loss.figure;
    expect(await page.getByRole('img', { name: figure.label, exact: true }).count()).toBe(1);
    const labels = await page.getByTestId('training-loop').locator('text').allTextContents();
    for (const label of [figure.model, figure.loss, figure.update, figure.data, figure.modelNote]) expect(labels).toContain(label);
    await page.getByTestId('training-loop').screenshot({ path: join(SHOTS, `course-loop-${language}.png`) });
    if (language === 'ko') {
      await switchLanguage(page, 'en');
      await expect.poll(() => page.getByRole('img', { name: TEXTS.en.lessons.loss.figure.label, exact: true }).count()).toBe(1);
    }
  });
});
