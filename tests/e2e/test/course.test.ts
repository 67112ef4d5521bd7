/**
 * The course beside the playground: every lesson's preset opens exactly its
 * state, the batch
 * comparison and the repeat runs train on their own, and the homework flow
 * (stop at the target, Record, the homework table, its exports, the
 * experiment log in localStorage, damaged saved data) works end to end.
 */
import { join } from 'node:path';
import type { ContextOptions, Page } from '../src/driver/index.js';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  KEYS,
  LESSONS_WITH_PRESETS,
  LOCALES,
  TEXTS,
  applyPreset,
  currentHash,
  download,
  openCourse,
  openLesson,
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
  useFreshContexts,
  type Language,
} from '../src/course.js';
import { SHOTS, useBuiltApp } from '../src/session.js';
import { settingsOfHash } from '../src/shared.js';
import { afterFrames, canvasStats, hashValue, lossChartCanvas, parseHashText, readEpoch, readLosses, readNumber } from '../src/playground.js';

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
    await openLesson(page, 3);
    await applyPreset(page, presetOf(3, 'network'));
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

  it('lesson 7 runs the small model five times without touching the playground', async () => {
    const page = await freshPage();
    await openCourse(page, url);
    await openLesson(page, 7);
    await applyPreset(page, presetOf(7, 'small'));
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
    // The preset's figures are the lesson's: its answer quotes these very test losses.
    await page.getByTestId('lesson-answer').locator('summary').click();
    const answer = (await page.getByTestId('lesson-answer').textContent()) ?? '';
    for (const loss of losses) expect(answer, `the answer does not quote ${loss}`).toContain(loss.toFixed(3));

    // The playground's own run is where it was.
    expect(await readEpoch(page)).toBe(1);
    expect((await canvasStats(lossChartCanvas(page))).fingerprint).toBe(chartBefore);
    await page.getByTestId('repeat-runs').screenshot({ path: join(SHOTS, 'course-repeat-runs.png') });
  });

  it('homework: stops below 0.1, records the run, exports it and keeps it after a reload', async () => {
    const page = await freshPage();
    await openCourse(page, url);
    await openLesson(page, 10);
    const preset = presetOf(10, 'gauss');
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
    expect(csvLines[0]).toBe('Data type,Activation,Batch size,# hidden layers,# neurons,Epochs,Training loss,Test loss,Both < 0.1,Link');
    // RFC 4180: the link has commas (networkShape=6,2), so it is quoted.
    expect(link).toContain(',');
    expect(csvLines).toContain(`Two blobs,ReLU,30,2,"6, 2",${epoch},${train.toFixed(3)},${test.toFixed(3)},✓,"${link}"`);
    expect(csvLines).toContain('XOR,,,,,,,,,');

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
    await openLesson(page, 10);
    for (const dataset of ['xor', 'circle', 'gauss'] as const) {
      await applyPreset(page, presetOf(10, dataset));
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
    await openCourse(page, url, presetOf(10, 'xor').hash);
    await openLesson(page, 10);
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
    const larger = presetOf(7, 'larger');
    await openCourse(page, url, larger.hash);
    await expect.poll(() => page.getByTestId('lesson').getAttribute('data-lesson')).toBe('initialization');
    expect(currentHash(page)).toBe(larger.hash);
    // Pasting another lesson's link into the address bar follows it too.
    const spiral = presetOf(9, 'start');
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
    await openLesson(page, 10);
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
      await openLesson(page, 10);
      await applyPreset(page, presetOf(10, 'gauss'));
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
});
