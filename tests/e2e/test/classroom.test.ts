/**
 * A class runs on it: a teacher's student link (`answers=hide`,
 * `classroom_hide=true`, hidden controls) keeps every answer and every
 * hidden control away through every lesson, every preset, Reset,
 * Regenerate, a language switch and a reload; `lesson=N` opens lesson N; the
 * classroom panel builds such links and says what a student will see.
 */
import type { Page } from '../src/driver/index.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { HIDDEN_CONTROLS, SHOW_ANSWER, answerFragments, leaks } from '../src/classroom.js';
import { LESSONS, LOCALES, currentHash, openCourse, openLesson, presetLabel, switchLanguage, useFreshContexts, type Language } from '../src/course.js';
import { SHOTS, useBuiltApp } from '../src/session.js';
import { parseHashText } from '../src/shared.js';
import { readNumber, waitForSnapshot } from '../src/playground.js';
import { join } from 'node:path';

/** The teacher's flags of the student link (and the exercise: two blobs, seed fixed). */
const FLAGS = ['answers=hide', 'classroom_hide=true', ...Object.keys(HIDDEN_CONTROLS).map((id) => `${id}_hide=true`)];
const STUDENT_LINK = `dataset=gauss&seed=0.31415&lesson=1&${FLAGS.join('&')}`;

/** Whether the page's hash still carries every flag of the student link. */
function flagsKept(page: Page): string[] {
  const hash = parseHashText(currentHash(page));
  return FLAGS.filter((flag) => {
    const [key, value] = flag.split('=') as [string, string];
    return hash.get(key) !== value;
  });
}

describe('a class runs on it', () => {
  const contexts = useFreshContexts();
  const app = useBuiltApp();
  let url: string;
  const fragments = answerFragments();

  beforeAll(() => {
    url = app.url;
  });

  async function freshPage(language: Language): Promise<Page> {
    const context = await contexts.open(app.browser, { locale: LOCALES[language] });
    return app.newPage(context);
  }

  /** Nothing of an answer, no hidden control, no classroom panel, and the link's flags all still there. */
  async function expectLocked(page: Page, when: string): Promise<void> {
    expect(await leaks(page, fragments), when).toEqual([]);
    expect(flagsKept(page), `${when}: flags lost from the hash`).toEqual([]);
  }

  it('the answer check can fail: with answers shown, an opened answer is found', async () => {
    const page = await freshPage('en');
    await openCourse(page, url, 'lesson=1');
    const reveal = page.getByRole('button', { name: SHOW_ANSWER.en }).first();
    await reveal.click();
    const text = await page.evaluate(() => document.body.textContent ?? '');
    expect(answerFragments('loss').some((fragment) => text.includes(fragment))).toBe(true);
  });

  it.each(['en', 'ko'] as const)(
    'a student link keeps answers and hidden controls away through every lesson, preset, Reset, Regenerate, language and reload (%s)',
    async (language) => {
      const page = await freshPage(language);
      await openCourse(page, url, STUDENT_LINK);
      expect(await page.getByTestId('lesson').getAttribute('data-lesson')).toBe(LESSONS[0]!.id);
      await expectLocked(page, 'on opening');

      for (const lesson of LESSONS) {
        await openLesson(page, lesson.number);
        await expectLocked(page, `lesson ${lesson.number}`);
        for (const preset of lesson.presets) {
          const label = presetLabel(preset, language);
          await page.getByTestId(`preset-${preset.key}`).click();
          await expect.poll(() => page.getByTestId('preset-applied').textContent()).toContain(`“${label}”`);
          await expect.poll(() => readNumber(page, 'epoch')).toBe(0);
          await waitForSnapshot(page);
          // The exercise is the preset's, the session the teacher's.
          const hash = parseHashText(currentHash(page));
          const want = parseHashText(preset.hash);
          for (const key of ['dataset', 'networkShape', 'learningRate', 'seed', 'noise']) {
            expect(hash.get(key), `${preset.key}: ${key}`).toBe(want.get(key));
          }
          expect(hash.get('lesson'), 'the link follows the lesson').toBe(String(lesson.number));
          await expectLocked(page, `preset ${preset.key}`);
        }
      }

      // Reset is hidden by the link; Regenerate is not.
      const seed = parseHashText(currentHash(page)).get('seed');
      await page.getByTestId('regenerate').click();
      await expect.poll(() => parseHashText(currentHash(page)).get('seed')).not.toBe(seed);
      await expectLocked(page, 'after Regenerate');

      const other: Language = language === 'en' ? 'ko' : 'en';
      await switchLanguage(page, other);
      await expectLocked(page, 'after a language switch');

      const last = LESSONS[LESSONS.length - 1]!;
      await page.reload();
      await waitForSnapshot(page);
      await expectLocked(page, 'after a reload');
      expect(await page.getByTestId('lesson').getAttribute('data-lesson'), 'the reload stays on the lesson').toBe(last.id);
      await page.screenshot({ path: join(SHOTS, `student-link-${language}.png`) });
    },
  );

  it('Reset keeps the hidden controls hidden', async () => {
    const page = await freshPage('en');
    await openCourse(page, url, 'dataset=xor&seed=0.2&answers=hide&noise_hide=true&activation_hide=true');
    await page.getByTestId('reset').click();
    await expect.poll(() => readNumber(page, 'epoch')).toBe(0);
    expect(await page.getByTestId('noise').isVisible()).toBe(false);
    expect(await page.getByTestId('activation').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: SHOW_ANSWER.en }).count()).toBe(0);
  });

  it.each(['en', 'ko'] as const)('lesson=2 opens lesson 2, which has no preset (%s)', async (language) => {
    const page = await freshPage(language);
    await openCourse(page, url, 'lesson=2');
    expect(await page.getByTestId('lesson').getAttribute('data-lesson')).toBe('learningRate');
    expect(await page.getByTestId('lesson-2').getAttribute('aria-current')).toBe('step');
  });

  it('the classroom panel builds a student link and says what the student will and will not see', async () => {
    const page = await freshPage('en');
    await openCourse(page, url, 'dataset=gauss&seed=0.31415');
    await page.getByText('Share or use it in a classroom').click();
    await page.getByTestId('link-lesson').selectOption('3');
    await page.getByTestId('link-answers').uncheck();
    await page.getByTestId('link-panel').uncheck();
    await page.getByTestId('show-noise').uncheck();
    const link = new URL(await page.getByTestId('share-link').inputValue());
    const hash = parseHashText(link.hash);
    expect(hash.get('lesson')).toBe('3');
    expect(hash.get('answers')).toBe('hide');
    expect(hash.get('classroom_hide')).toBe('true');
    expect(hash.get('noise_hide')).toBe('true');
    expect(hash.get('seed')).toBe('0.31415');
    const seesNot = (await page.getByTestId('link-sees-not').textContent()) ?? '';
    expect(seesNot).toContain('Any answer');
    expect(seesNot).toContain('This panel');
    expect(seesNot).toContain('Noise');
    expect(await page.getByTestId('link-sees').textContent()).toContain('Lesson 3 first');
    // The teacher's own page is as it was.
    expect(await page.getByTestId('noise').isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: SHOW_ANSWER.en }).count()).toBeGreaterThan(0);
    await page.getByTestId('classroom-panel').screenshot({ path: join(SHOTS, 'classroom-panel-en.png') });

    const student = await freshPage('ko');
    await openCourse(student, url, link.hash);
    expect(await student.getByTestId('lesson').getAttribute('data-lesson')).toBe('batch');
    expect(await student.getByTestId('noise').isVisible()).toBe(false);
    expect(await student.getByTestId('classroom-panel').count()).toBe(0);
    expect(await student.getByRole('button', { name: SHOW_ANSWER.ko }).count()).toBe(0);
  });

  it('embed=true shows only the playground, with the hidden controls still hidden', async () => {
    const page = await freshPage('en');
    await openCourse(page, url, 'dataset=gauss&seed=0.31415&embed=true&noise_hide=true');
    expect(await page.getByTestId('lesson-panel').count()).toBe(0);
    expect(await page.getByTestId('classroom-panel').count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Neural network playground' }).count()).toBe(0);
    expect(await page.getByTestId('noise').isVisible()).toBe(false);
    expect(await page.getByTestId('play').isVisible()).toBe(true);
  });
});
