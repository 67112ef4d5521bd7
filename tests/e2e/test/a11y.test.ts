/**
 * An automated accessibility scan (axe-core) of the page as it opens, of
 * every lesson and of the tools' results, in each theme (and in projector
 * mode), in English and Korean: no serious or critical violation. And the
 * multi-run tools announce that their results are there, not the results.
 */
import { describe, expect, it } from 'vitest';
import {
  KEYS,
  LESSONS,
  LOCALES,
  lessonNumber,
  openCourse,
  openLesson,
  runBatchComparison,
  runRepeatRuns,
  storageWith,
  useFreshContexts,
  type Language,
} from '../src/course.js';
import {
  LOOK_TEXTS,
  PROJECTOR_STORAGE_KEY,
  THEME_STORAGE_KEY,
  axeProblems,
  chattyLiveRegions,
  shownTheme,
  type AxeProblem,
  type Theme,
} from '../src/look.js';
import { useBuiltApp } from '../src/session.js';

interface Scan {
  theme: Theme;
  language: Language;
  projector: boolean;
}

const SCANS: readonly Scan[] = [
  { theme: 'light', language: 'en', projector: false },
  { theme: 'dark', language: 'ko', projector: false },
  { theme: 'contrast', language: 'en', projector: false },
  { theme: 'light', language: 'ko', projector: true },
];

describe('accessibility scan (axe-core)', () => {
  const contexts = useFreshContexts();
  const app = useBuiltApp();

  it.each(SCANS)(
    'the page and every lesson: $theme theme, $language, projector mode $projector',
    async ({ theme, language, projector }) => {
      const context = await contexts.open(app.browser, {
        locale: LOCALES[language],
        storageState: storageWith(app.url, { [THEME_STORAGE_KEY]: theme, [PROJECTOR_STORAGE_KEY]: String(projector) }),
      });
      const page = await app.newPage(context);
      await openCourse(page, app.url);
      expect(await shownTheme(page)).toBe(theme);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(language);
      expect(await page.getByTestId('projector').getAttribute('aria-pressed')).toBe(String(projector));

      const found = new Map<string, AxeProblem[]>();
      const scan = async (where: string): Promise<void> => {
        const problems = await axeProblems(page);
        if (problems.length > 0) found.set(where, problems);
      };
      await scan('the page as it opens');
      for (const lesson of LESSONS) {
        await openLesson(page, lesson.number);
        await scan(`lesson ${lesson.number}`);
      }
      expect(Object.fromEntries(found)).toEqual({});
    },
  );

  it('the tools’ results pass too, and a screen reader hears that they are there, not every card', async () => {
    const page = await app.newPage(await contexts.open(app.browser, { storageState: storageWith(app.url, { [KEYS.language]: 'en' }) }));
    await openCourse(page, app.url);

    await openLesson(page, lessonNumber('batch'));
    await runBatchComparison(page);
    expect(await page.getByTestId('batch-status').textContent()).toBe(
      LOOK_TEXTS.en.runs.ready_other.replace('{{count}}', '3'),
    );
    expect(await chattyLiveRegions(page)).toEqual([]);
    expect(await axeProblems(page)).toEqual([]);

    await openLesson(page, lessonNumber('initialization'));
    await runRepeatRuns(page);
    expect(await page.getByTestId('repeat-status').textContent()).toBe(
      LOOK_TEXTS.en.runs.ready_other.replace('{{count}}', '5'),
    );
    expect(await chattyLiveRegions(page)).toEqual([]);
    expect(await axeProblems(page)).toEqual([]);
  });
});
