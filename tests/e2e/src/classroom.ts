/**
 * What a student link must keep from the student: the answers and the
 * controls a teacher hid. Reads the lessons' own texts, so a check follows
 * the course when its wording changes.
 */
import type { Page } from './driver/index.js';
import { LESSONS, TEXTS, type Language } from './course.js';

/** The controls the classroom tests hide, by hash id, with the test id of what each hides. */
export const HIDDEN_CONTROLS: Readonly<Record<string, string>> = {
  learningRate: 'learning-rate',
  noise: 'noise',
  activation: 'activation',
  resetButton: 'reset',
};

/** The accessible names of an answer's reveal button, in each language. */
export const SHOW_ANSWER: Record<Language, string> = { en: 'Show answer', ko: '답 보기' };

/** A source string's plain runs (the words between the rich-text markup: $maths$, **, `). */
function plainRuns(source: string): string[] {
  return source
    .split(/\$\$[\s\S]*?\$\$|\$[^$]*\$|\*\*|`|\n/)
    .map((run) => run.trim())
    .filter((run) => run.length > 0);
}

/**
 * Telling pieces of every answer in the course, in both languages: the
 * longest plain run of each answer paragraph (maths and markup removed), cut
 * to 40 characters. None of them may be on a page that hides answers.
 */
export function answerFragments(only?: string): string[] {
  const fragments = new Set<string>();
  for (const language of ['en', 'ko'] as const) {
    for (const lesson of LESSONS) {
      if (only !== undefined && lesson.id !== only) continue;
      for (const paragraph of answersOf(language, lesson.id)) {
        const longest = plainRuns(paragraph).sort((a, b) => b.length - a.length)[0];
        if (longest && longest.length >= 12) fragments.add(longest.slice(0, 40));
      }
    }
  }
  return [...fragments];
}

/** Every answer paragraph of a lesson (each task's answer, whatever shape the texts use). */
function answersOf(language: Language, id: string): string[] {
  const text = (TEXTS[language].lessons as unknown as Record<string, unknown>)[id] as Record<string, unknown>;
  const out: string[] = [];
  const collect = (value: unknown): void => {
    if (typeof value === 'string') out.push(value);
    else if (Array.isArray(value)) value.forEach(collect);
  };
  collect(text['answer']);
  const tasks = text['tasks'];
  if (Array.isArray(tasks)) {
    for (const task of tasks) if (task && typeof task === 'object') collect((task as Record<string, unknown>)['answer']);
  }
  return out;
}

/** What on the page would give an answer or a hidden control away (empty when nothing does). */
export async function leaks(page: Page, fragments: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const name of Object.values(SHOW_ANSWER)) {
    if ((await page.getByRole('button', { name }).count()) > 0) found.push(`a "${name}" button`);
  }
  // Text in the DOM, shown or not (a hidden <details> or a display:none block counts too).
  const text = await page.evaluate(() => document.body.textContent ?? '');
  for (const fragment of fragments) if (text.includes(fragment)) found.push(`answer text "${fragment}"`);
  for (const [id, testId] of Object.entries(HIDDEN_CONTROLS)) {
    if (await page.getByTestId(testId).isVisible()) found.push(`the hidden control ${id}`);
  }
  if ((await page.getByTestId('classroom-panel').count()) > 0) found.push('the classroom panel');
  return found;
}
