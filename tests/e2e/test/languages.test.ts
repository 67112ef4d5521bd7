/**
 * The page in English and Korean: it opens in the browser's language, the
 * switch changes every text on the page (tools' results included) and is
 * remembered, and no text is missing a translation.
 */
import { join } from 'node:path';
import type { ContextOptions, Page } from '../src/driver/index.js';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  KEYS,
  LESSONS,
  LOCALES,
  TEXTS,
  addLabRate,
  applyPreset,
  lessonNumber,
  missingKeys,
  openAnswers,
  openCourse,
  openLesson,
  playToTarget,
  presetOf,
  runBatchComparison,
  runRepeatRuns,
  storageWith,
  switchLanguage,
  unexpectedLatinWords,
  useFreshContexts,
  visibleTexts,
  type Language,
} from '../src/course.js';
import { SHOTS, useBuiltApp } from '../src/session.js';
import { readNumber } from '../src/playground.js';

/** Words in Hangul on an English page, except the switch's name for Korean. */
function unexpectedHangul(texts: readonly string[]): Map<string, string> {
  const found = new Map<string, string>();
  for (const text of texts) {
    for (const word of text.match(/[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]+/g) ?? []) {
      if (word === '한국어') continue;
      if (!found.has(word)) found.set(word, text.length > 140 ? `${text.slice(0, 140)}…` : text);
    }
  }
  return found;
}

/** Texts that look like translation keys shown raw (i18next shows the key when it has no text). */
function rawKeys(texts: readonly string[]): string[] {
  return texts.filter((text) => /\b(?:common|lessons|lab|log|runs):[\w.-]+|^[a-z]+(?:\.[a-zA-Z0-9-]+){2,}$/.test(text));
}

describe('the page in English and Korean', () => {
  const contexts = useFreshContexts();
  const app = useBuiltApp();
  let url: string;

  beforeAll(() => {
    url = app.url;
  });

  async function freshPage(options: ContextOptions): Promise<Page> {
    return app.newPage(await contexts.open(app.browser, options));
  }

  /** What the page says about its language: <html lang>, the title, the Play button, the switch. */
  async function expectLanguage(page: Page, language: Language): Promise<void> {
    const common = TEXTS[language].common;
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(language);
    expect(await page.title()).toBe(common.app.title);
    await expect.poll(() => page.getByRole('button', { name: common.topBar.play, exact: true }).count()).toBe(1);
    expect(await page.getByTestId('lessons-toggle').textContent()).toBe(common.app.hideLessons);
    expect(await page.getByTestId(`language-${language}`).getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByTestId(`language-${language === 'ko' ? 'en' : 'ko'}`).getAttribute('aria-pressed')).toBe('false');
  }

  it('opens in the browser’s language; the switch wins and is remembered', async () => {
    // A Korean browser gets Korean.
    const korean = await freshPage({ locale: LOCALES.ko });
    await openCourse(korean, url);
    await expectLanguage(korean, 'ko');
    expect(await korean.getByTestId('play').getAttribute('aria-label')).toBe('실행');
    expect(await korean.evaluate((key) => localStorage.getItem(key), KEYS.language)).toBeNull();

    // An English browser gets English, and so does one whose language the app lacks.
    for (const locale of [LOCALES.en, 'fr-FR']) {
      const page = await freshPage({ locale });
      await openCourse(page, url);
      await expectLanguage(page, 'en');
      expect(await page.getByTestId('play').getAttribute('aria-label'), locale).toBe('Play');
    }

    // The switch changes the language at once, is stored, and beats the browser's preference after a reload.
    await switchLanguage(korean, 'en');
    await expectLanguage(korean, 'en');
    expect(await korean.evaluate((key) => localStorage.getItem(key), KEYS.language)).toBe('en');
    await korean.reload();
    await expectLanguage(korean, 'en');

    const english = await freshPage({ locale: LOCALES.en });
    await openCourse(english, url);
    await switchLanguage(english, 'ko');
    await expectLanguage(english, 'ko');
    expect(await english.evaluate((key) => localStorage.getItem(key), KEYS.language)).toBe('ko');
    await english.reload();
    await expectLanguage(english, 'ko');
    // The lesson panel follows too.
    expect(await english.getByTestId('lesson-title').textContent()).toBe(TEXTS.ko.lessons.loss.title);
  });

  /** Runs the tools of lesson `number` (in whatever language the page is in). */
  async function useTools(page: Page, number: number): Promise<void> {
    switch (number) {
      case 1:
      case 2:
        for (let k = 0; k < 2; k++) await page.getByTestId('lab-step').click();
        await expect.poll(() => readNumber(page, 'lab-steps')).toBe(2);
        if (number === 2) {
          await addLabRate(page, '1.6');
          await addLabRate(page, 'abc');
          await page.getByTestId('lab-add-error').waitFor();
        }
        break;
      case lessonNumber('batch'):
        await applyPreset(page, presetOf(lessonNumber('batch'), 'network'));
        await runBatchComparison(page);
        break;
      case lessonNumber('initialization'):
        await applyPreset(page, presetOf(lessonNumber('initialization'), 'small'));
        await runRepeatRuns(page);
        break;
      case lessonNumber('homework'):
        await applyPreset(page, presetOf(lessonNumber('homework'), 'gauss'));
        await playToTarget(page);
        await page.getByTestId('record').click();
        await expect.poll(() => page.getByTestId('record-status').textContent()).not.toBe('');
        await page.getByTestId('log-open').first().click();
        await expect.poll(() => page.getByTestId('log-status').textContent()).not.toBe('');
        break;
      default: {
        const lesson = LESSONS.find((l) => l.number === number)!;
        for (const preset of lesson.presets) await applyPreset(page, preset);
      }
    }
  }

  it('the switch changes every text on the page, the tools’ results included', async () => {
    const page = await freshPage({ locale: LOCALES.en });
    await openCourse(page, url);
    const leftovers: Record<string, string[]> = {};

    for (const [from, to] of [
      ['en', 'ko'],
      ['ko', 'en'],
    ] as const) {
      for (const number of [1, 2, 3, lessonNumber('initialization'), lessonNumber('homework')]) {
        await switchLanguage(page, from);
        await openLesson(page, number);
        await openAnswers(page);
        await useTools(page, number);
        const before = await visibleTexts(page);
        await switchLanguage(page, to);
        const after = await visibleTexts(page);

        // The texts are in the language the page is in, before and after the switch.
        const check = { en: unexpectedHangul, ko: (texts: readonly string[]) => unexpectedLatinWords(texts) } as const;
        const wrong = [...new Set(check[from](before).values())];
        if (wrong.length > 0) leftovers[`lesson ${number} in ${from}, before switching`] = wrong;
        const left = [...new Set(check[to](after).values())];
        if (left.length > 0) leftovers[`lesson ${number}, ${from} → ${to}`] = left;
        if (number === lessonNumber('homework') || number === 3) {
          await page.screenshot({ path: join(SHOTS, `languages-lesson${number}-${to}.png`) });
        }
      }
    }
    // Every text still in the other language, by lesson and switch.
    expect(leftovers).toEqual({});
  });

  it('no text is missing a translation in any lesson, answer or tool', async () => {
    // A damaged saved log too, so the set-aside report is shown in both languages.
    const page = await freshPage({ locale: LOCALES.en, storageState: storageWith(url, { [KEYS.log]: '{not json' }) });
    await openCourse(page, url);
    for (const language of ['en', 'ko'] as const) {
      await switchLanguage(page, language);
      for (const lesson of LESSONS) {
        await openLesson(page, lesson.number);
        const text = TEXTS[language].lessons[lesson.id];
        expect(await page.getByTestId('lesson-title').textContent()).toBe(text.title);
        await openAnswers(page);
        const paragraphs = text.tasks.reduce((sum, task) => sum + ('answer' in task ? task.answer.length : 0), 0);
        expect(await page.getByTestId('task-answer').locator('p').count(), `lesson ${lesson.number}`).toBe(paragraphs);
        await useTools(page, lesson.number);
        if (lesson.number === 2) {
          // The lab's other messages: every kind of refused rate, and the ideal rate's one step.
          const lab = TEXTS[language].lab;
          for (const [typed, message] of [
            ['', lab.errors.empty],
            ['x', lab.errors.notANumber],
            ['0', lab.errors.notPositive],
            ['11', lab.errors.tooLarge.replace('{{max}}', '10')],
          ] as const) {
            await page.getByTestId('lab-rate').fill(typed);
            await expect.poll(() => page.getByTestId('lab-rate-error').textContent(), { message: `rate "${typed}"` }).toBe(message);
          }
          await page.getByTestId('lab-rate').fill('1.6');
          await page.getByTestId('lab-step').click();
          await expect.poll(() => page.getByTestId('lab-status').getAttribute('class')).toMatch(/converged/);
        }
        if (lesson.id === 'homework') await page.getByTestId('log-set-aside').waitFor();
        const texts = await visibleTexts(page);
        expect(rawKeys(texts), `lesson ${lesson.number} in ${language}`).toEqual([]);
        expect(await missingKeys(page), `lesson ${lesson.number} in ${language}`).toBeUndefined();
      }
    }
    expect(await missingKeys(page)).toBeUndefined();
  });
});
