/**
 * The lesson the lesson panel shows, for the printed worksheet (which prints
 * the lesson on screen). The panel sets it; it keeps the last lesson shown
 * when the panel is closed.
 */
import type { LessonId } from '../course/types.js';

export const shownLesson = $state<{ id: LessonId | undefined }>({ id: undefined });
