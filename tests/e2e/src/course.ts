/**
 * Helpers for the course beside the playground (lesson panel, its tools and
 * the experiment log) and for the page's two languages: fresh browser
 * contexts per test, opening lessons and presets, reading the settings the
 * controls show, downloads, and collecting every visible word of the page.
 *
 * The app's own data (lessons, presets, translations) is imported from its
 * source, so the tests follow it instead of copying it.
 */
import type { Browser, Context, ContextOptions, Download, Page, StorageState } from './driver/index.js';
import { afterEach, expect } from 'vitest';
import { LESSONS } from '../../../apps/playground/src/lib/course/lessons.js';
import type { Lesson, LessonId, LessonPreset, LessonTask } from '../../../apps/playground/src/lib/course/types.js';
import enCommon from '../../../apps/playground/src/lib/i18n/en/common.js';
import enLab from '../../../apps/playground/src/lib/i18n/en/lab.js';
import enLessons from '../../../apps/playground/src/lib/i18n/en/lessons.js';
import enLog from '../../../apps/playground/src/lib/i18n/en/log.js';
import enRuns from '../../../apps/playground/src/lib/i18n/en/runs.js';
import koCommon from '../../../apps/playground/src/lib/i18n/ko/common.js';
import koLab from '../../../apps/playground/src/lib/i18n/ko/lab.js';
import koLessons from '../../../apps/playground/src/lib/i18n/ko/lessons.js';
import koLog from '../../../apps/playground/src/lib/i18n/ko/log.js';
import koRuns from '../../../apps/playground/src/lib/i18n/ko/runs.js';
import { exerciseOf } from '../../../apps/playground/src/lib/state/classroom.js';
import { parseHash, serializeHash } from '../../../apps/playground/src/lib/state/hash.js';
import { parseRich } from '../../../apps/playground/src/lib/text/rich.js';
import { DESKTOP } from './session.js';
import { parseHashText, readNumber, waitForSnapshot } from './playground.js';

export { LESSONS, type Lesson, type LessonPreset };

export type Language = 'en' | 'ko';

/** The app's texts by language (the same objects the app is built from). */
export const TEXTS = {
  en: { common: enCommon, lab: enLab, lessons: enLessons, log: enLog, runs: enRuns },
  ko: { common: koCommon, lab: koLab, lessons: koLessons, log: koLog, runs: koRuns },
} as const;

/** Browser locales that prefer each language. */
export const LOCALES: Record<Language, string> = { en: 'en-US', ko: 'ko-KR' };

/** localStorage keys of the app. */
export const KEYS = {
  language: 'nn-playground.language',
  lesson: 'nn-playground.lesson',
  log: 'nn-playground.experiment-log',
  setAsidePrefix: 'nn-playground.experiment-log.set-aside.',
} as const;

/** Lessons that have presets. */
export const LESSONS_WITH_PRESETS: readonly Lesson[] = LESSONS.filter((lesson) => lesson.presets.length > 0);

/** A lesson's number, by id (so tests keep naming the right lesson when one is added). */
export function lessonNumber(id: LessonId): number {
  const lesson = LESSONS.find((l) => l.id === id);
  if (!lesson) throw new Error(`no lesson ${id}`);
  return lesson.number;
}

/** The tasks of a lesson in `language`. */
export function tasksOf(id: LessonId, language: Language): readonly LessonTask[] {
  return TEXTS[language].lessons[id].tasks as readonly LessonTask[];
}

/**
 * Stretches of plain text of a lesson string (its markup, maths and control
 * names left out) long enough to identify it on a page: what a page that
 * shows the string must contain, and a page that hides it must not.
 */
export function plainSnippets(source: string, minLength = 24): string[] {
  return parseRich(source)
    .flatMap((part) => (part.kind === 'text' || part.kind === 'strong' ? [part.text.trim()] : []))
    .filter((text) => text.length >= minLength);
}

export function lessonByNumber(number: number): Lesson {
  const lesson = LESSONS.find((l) => l.number === number);
  if (!lesson) throw new Error(`no lesson ${number}`);
  return lesson;
}

export function presetOf(number: number, key: string): LessonPreset {
  const preset = lessonByNumber(number).presets.find((p) => p.key === key);
  if (!preset) throw new Error(`lesson ${number} has no preset ${key}`);
  return preset;
}

/**
 * Fresh browser contexts for each test (own localStorage, sessionStorage,
 * locale), closed after the test. Call it inside `describe` BEFORE
 * useBuiltApp(): hooks run in stack order, so the contexts close after
 * useBuiltApp has collected the pages' errors.
 */
export function useFreshContexts(): {
  open(browser: Browser, options?: ContextOptions): Promise<Context>;
} {
  let contexts: Context[] = [];
  afterEach(async () => {
    const closing = contexts;
    contexts = [];
    await Promise.all(closing.map((context) => context.close()));
  });
  return {
    async open(browser, options = {}) {
      const context = await browser.newContext({ ...DESKTOP, ...options });
      contexts.push(context);
      return context;
    },
  };
}

/** localStorage entries to start a context with (its storageState). */
export function storageWith(url: string, entries: Record<string, string>): StorageState {
  return {
    origins: [{ origin: new URL(url).origin, localStorage: Object.entries(entries).map(([name, value]) => ({ name, value })) }],
  };
}

/** Goes to the app and waits for the first snapshot. */
export async function openCourse(page: Page, url: string, hash = ''): Promise<void> {
  await page.goto(hash === '' ? url : `${url}#${hash.replace(/^#/, '')}`);
  await waitForSnapshot(page);
}

/** Opens lesson `number` with its picker button. */
export async function openLesson(page: Page, number: number): Promise<Lesson> {
  const lesson = lessonByNumber(number);
  await page.getByTestId(`lesson-${number}`).click();
  await expect.poll(() => page.getByTestId('lesson').getAttribute('data-lesson')).toBe(lesson.id);
  return lesson;
}

/** The current lesson's answer buttons ("Show answer" while closed), one per task that has an answer. */
export function answerToggles(page: Page) {
  return page.getByTestId('answer-toggle');
}

/** Reveals every answer of the current lesson, task by task. */
export async function openAnswers(page: Page): Promise<void> {
  const toggles = answerToggles(page);
  const count = await toggles.count();
  for (let i = 0; i < count; i++) {
    const toggle = toggles.nth(i);
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('true');
  }
  await expect.poll(() => page.getByTestId('task-answer').count()).toBe(count);
}

/**
 * The exercise a hash holds, written as presets are (every session setting,
 * such as the speed or the hidden controls, at its default): a preset applied
 * in a session keeps that session's settings, so its link differs from the
 * preset's hash in them only.
 */
export function exerciseHash(hash: string): string {
  return serializeHash(exerciseOf(parseHash(hash.replace(/^#/, ''), () => 'no-seed').state));
}

/** The URL hash without '#'. */
export function currentHash(page: Page): string {
  return new URL(page.url()).hash.replace(/^#/, '');
}

/** The preset's button label in `language`. */
export function presetLabel(preset: LessonPreset, language: Language): string {
  const lesson = LESSONS.find((l) => l.presets.includes(preset));
  if (!lesson) throw new Error(`preset ${preset.key} is not one of LESSONS'`);
  const label = (TEXTS[language].lessons[lesson.id].presets as Record<string, string>)[preset.key];
  if (!label) throw new Error(`lesson ${lesson.number} has no ${language} label for preset ${preset.key}`);
  return label;
}

/**
 * Clicks a preset's button and waits until the playground has loaded it: the
 * hash holds the preset's exercise (with this session's own settings), the
 * panel says it was applied (set once the worker has the new state) and the
 * epoch is 0.
 */
export async function applyPreset(page: Page, preset: LessonPreset): Promise<void> {
  const language = (await page.evaluate(() => document.documentElement.lang)) as Language;
  const label = presetLabel(preset, language);
  await page.getByTestId(`preset-${preset.key}`).click();
  await expect.poll(() => exerciseHash(currentHash(page)), { message: `preset ${preset.key}: the hash` }).toBe(preset.hash);
  await expect
    .poll(() => page.getByTestId('preset-applied').textContent(), { message: `preset ${preset.key}: the applied note` })
    .toContain(`“${label}”`);
  await expect.poll(() => readNumber(page, 'epoch')).toBe(0);
  await waitForSnapshot(page);
}

/** Presses the top bar's Step (by test id, so in any language) and waits for the epoch to move by one. */
export async function stepOnce(page: Page): Promise<number> {
  const before = await readNumber(page, 'epoch');
  await page.getByTestId('step').click();
  await expect.poll(() => readNumber(page, 'epoch')).toBe(before + 1);
  return before + 1;
}

/** What the playground's controls show, in the hash's spelling. */
export async function shownSettings(page: Page): Promise<Record<string, string>> {
  const value = (id: string): Promise<string> => page.getByTestId(id).inputValue();
  const layers = Number((await page.getByTestId('layer-count').textContent())?.trim());
  const neurons: string[] = [];
  for (let l = 1; l <= layers; l++) {
    const text = (await page.getByTestId(`neurons-${l}`).textContent()) ?? '';
    neurons.push(text.replace(/\D+/g, ''));
  }
  const dataset = await page
    .locator('[data-testid^="dataset-"][aria-pressed="true"]')
    .evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-testid')!.slice('dataset-'.length)));
  return {
    learningRate: await value('learning-rate'),
    activation: await value('activation'),
    regularization: await value('regularization'),
    problem: await value('problem'),
    speed: await value('speed'),
    percTrainData: await value('ratio'),
    noise: await value('noise'),
    batchSize: await value('batch-size'),
    networkShape: neurons.join(','),
    dataset: dataset.join(' '),
  };
}

/** Clicks the language switch and waits until the page says it is in that language. */
export async function switchLanguage(page: Page, language: Language): Promise<void> {
  await page.getByTestId(`language-${language}`).click();
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(language);
  await expect.poll(() => page.getByTestId(`language-${language}`).getAttribute('aria-pressed')).toBe('true');
}

/** Clicks the button with `testId` and returns the name and text of the file the browser saved. */
export function download(page: Page, testId: string): Promise<Download> {
  return page.download(() => page.getByTestId(testId).click());
}

/** A language's numbers in the lab table: rate -> [steps shown, outcome attribute, outcome text]. */
export async function labRows(page: Page): Promise<{ rate: string; steps: string; outcome: string; word: string }[]> {
  return page.getByTestId('lab-row').evaluateAll((rows) =>
    rows.map((row) => ({
      rate: row.getAttribute('data-rate') ?? '',
      outcome: row.getAttribute('data-outcome') ?? '',
      steps: (row.querySelector('[data-testid="lab-row-steps"]')?.textContent ?? '').trim(),
      word: (row.querySelector('[data-testid="lab-row-outcome"]')?.textContent ?? '').trim(),
    })),
  );
}

/** Types a rate into the lab's "your own rate" box and presses Add. */
export async function addLabRate(page: Page, rate: string): Promise<void> {
  await page.getByTestId('lab-add-rate').fill(rate);
  await page.getByTestId('lab-add').click();
}

/** Runs the batch comparison (lesson 3) and waits for its three results. */
export async function runBatchComparison(page: Page): Promise<void> {
  await expect.poll(() => page.getByTestId('batch-run').isEnabled()).toBe(true);
  await page.getByTestId('batch-run').click();
  await expect.poll(() => page.getByTestId('batch-result').count(), { timeout: 30_000 }).toBe(3);
  await expect.poll(() => page.getByTestId('batch-run').isEnabled()).toBe(true);
}

/** Runs the repeat runs (lesson 8) and waits for the five results and the summary. */
export async function runRepeatRuns(page: Page): Promise<void> {
  await expect.poll(() => page.getByTestId('repeat-run').isEnabled()).toBe(true);
  await page.getByTestId('repeat-run').click();
  await expect.poll(() => page.getByTestId('repeat-result').count(), { timeout: 30_000 }).toBe(5);
  await page.getByTestId('repeat-summary').waitFor();
  await expect.poll(() => page.getByTestId('repeat-run').isEnabled()).toBe(true);
}

/**
 * Plays at the fastest speed until training pauses by itself at the stop
 * target (the homework presets switch it on), by test ids so in any language.
 */
export async function playToTarget(page: Page): Promise<void> {
  await page.getByTestId('speed').selectOption('max');
  await expect.poll(() => parseHashText(currentHash(page)).get('speed')).toBe('max');
  await page.getByTestId('play').click();
  await page.getByTestId('stopped-at').waitFor({ timeout: 60_000 });
}

/**
 * Every piece of text a reader meets on the page: visible text nodes
 * (maths excluded: its letters are symbols, not words), the options of
 * visible drop-downs, and the accessible names, titles and placeholders of
 * visible elements.
 */
export async function visibleTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest('math, script, style, .katex')) continue;
      const select = parent.closest('select');
      const shown = select ? select.checkVisibility() : parent.checkVisibility({ visibilityProperty: true });
      if (!shown) continue;
      const text = (node.textContent ?? '').trim();
      if (text !== '') out.push(text);
    }
    for (const element of document.body.querySelectorAll('[aria-label], [title], [placeholder], [alt]')) {
      if (!(element as HTMLElement).checkVisibility()) continue;
      for (const name of ['aria-label', 'title', 'placeholder', 'alt']) {
        const value = element.getAttribute(name);
        if (value) out.push(value);
      }
    }
    return out;
  });
}

/**
 * Latin-script tokens a Korean page may keep: technical names, units,
 * symbols and the name of the language switch's other language.
 */
export const LATIN_ALLOWED: ReadonlySet<string> = new Set([
  // Input features and maths written in Latin letters.
  'X', 'x', 'w', 'L', 'dL', 'dw', 'e', 'sin', 'max', 'y',
  // Activations, regularizations, data set and method names kept in English in Korean texts.
  'ReLU', 'Tanh', 'tanh', 'Sigmoid', 'XOR', 'L1', 'L2', 'SGD',
  // Optimizers and activations named as their papers do, and their settings' symbols.
  'RMSProp', 'Adam', 'ELU', 'SiLU', 'beta1', 'beta2', 'epsilon',
  // The output function named in the Loss control's option ("교차 엔트로피 (sigmoid)").
  'sigmoid',
  // Engines, formats and units.
  'WASM', 'TS', 'WebAssembly', 'TypeScript', 'CSV', 'JSON', 'Markdown', 'ms', 'fps', 'MB',
  // Key names as printed on the keyboard (accessible names and the network's key hint).
  'Enter', 'Tab',
  // The language switch names English in English.
  'English',
  // The tools a student takes a model on to ("Export to Python").
  'Python', 'NumPy', 'Jupyter', 'Colab',
]);

/**
 * Words in Latin letters (2 letters or more; single letters are variables) in
 * `texts` that the allowlist does not know, each with the first text it was
 * found in. Numbers such as 1e-3 are skipped.
 */
export function unexpectedLatinWords(texts: readonly string[], allowed: ReadonlySet<string> = LATIN_ALLOWED): Map<string, string> {
  const found = new Map<string, string>();
  for (const text of texts) {
    const cleaned = text.replace(/\d+(?:\.\d+)?e[+-]?\d+/gi, ' ').replace(/\bnn-playground[\w.:-]*/g, ' ');
    for (const word of cleaned.match(/[A-Za-z][A-Za-z0-9]+/g) ?? []) {
      if (allowed.has(word) || /^[A-Za-z]\d+$/.test(word)) continue;
      if (!found.has(word)) found.set(word, text.length > 140 ? `${text.slice(0, 140)}…` : text);
    }
  }
  return found;
}

/** `document.documentElement.dataset.i18nMissing` (undefined while no key is missing). */
export function missingKeys(page: Page): Promise<string | undefined> {
  return page.evaluate(() => document.documentElement.dataset.i18nMissing);
}

/** The document is not wider than the viewport (nothing makes the whole page scroll sideways). */
export async function pageWidths(page: Page): Promise<{ scroll: number; client: number }> {
  return page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
}

/**
 * Absolutely positioned elements whose box lies past the viewport's right
 * edge, wherever they are: the usual suspects when the page is wider than
 * the screen although overflowingElements() finds nothing (an absolutely
 * positioned element escapes a scrolling box that is not its containing
 * block). For the message of a failed width check; a listed element may also
 * be clipped harmlessly.
 */
export async function positionedOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const out: string[] = [];
    for (const element of document.body.querySelectorAll('*')) {
      const position = getComputedStyle(element).position;
      if (position !== 'absolute' && position !== 'fixed') continue;
      const box = element.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      if (box.right > width + 1) {
        const host = element.closest('[data-testid]')?.getAttribute('data-testid') ?? '';
        out.push(`${element.tagName.toLowerCase()}.${[...element.classList].join('.')} in ${host} [${Math.round(box.left)}, ${Math.round(box.right)}]`);
      }
    }
    return out;
  });
}
