/**
 * The student's observations as the exports and the hand-in view name them:
 * lesson by lesson and task by task, in the reader's language. A key that
 * names no task of this version (a file from elsewhere) is shown as it is.
 */
import { t, textsOf } from '../../i18n/index.svelte.js';
import { LESSONS } from '../lessons.js';
import { noteKey, type NoteLine, type Notes } from '../log.js';

export function noteLinesOf(notes: Notes): NoteLine[] {
  const texts = textsOf('lessons');
  const known = new Set<string>();
  const lines = LESSONS.flatMap((lesson) =>
    texts[lesson.id].tasks.flatMap((_task, i) => {
      const key = noteKey(lesson.id, i + 1);
      known.add(key);
      const text = notes[key];
      if (text === undefined || text.trim() === '') return [];
      return [
        {
          lesson: t('lessons:panel.lessonHeading', { number: lesson.number, title: texts[lesson.id].title }),
          task: t('lessons:panel.taskNumber', { number: i + 1 }),
          text: text.trim(),
        },
      ];
    }),
  );
  const others = Object.entries(notes)
    .filter(([key, text]) => !known.has(key) && text.trim() !== '')
    .map(([key, text]) => ({ lesson: key, task: '', text: text.trim() }));
  return [...lines, ...others];
}
