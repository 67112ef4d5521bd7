/**
 * What a teacher's link fixes for a whole session, apart from the exercise:
 * which controls are hidden, whether answers are offered, the embed and bare
 * (hideText) modes, a teacher's "Pause at epoch", and the student's own
 * engine and speed. A lesson preset,
 * a logged run or a homework row changes the exercise only; these stay.
 */
import type { PlaygroundState } from './hash.js';
import { DEFAULT_STATE, isHidden } from './hash.js';

/** The settings that belong to the session rather than to the exercise. */
export const SESSION_KEYS = ['hidden', 'answers', 'embed', 'hideText', 'engine', 'speed', 'lesson', 'pauseAt'] as const satisfies readonly (keyof PlaygroundState)[];
export type SessionKey = (typeof SESSION_KEYS)[number];

/** `exercise`'s settings with `current`'s session (hidden controls, answers, modes, engine, speed, lesson, pause epoch). */
export function withSession(current: PlaygroundState, exercise: PlaygroundState): PlaygroundState {
  const next: Record<string, unknown> = { ...exercise };
  for (const key of SESSION_KEYS) next[key] = current[key];
  return next as unknown as PlaygroundState;
}

/** The exercise alone: every session setting at its default (how presets are written). */
export function exerciseOf(state: PlaygroundState): PlaygroundState {
  const next: Record<string, unknown> = { ...state };
  for (const key of SESSION_KEYS) next[key] = DEFAULT_STATE[key];
  return next as unknown as PlaygroundState;
}

/** Whether the page offers answers (a teacher's `answers=hide` link leaves them out). */
export function answersShown(state: PlaygroundState): boolean {
  return state.answers === 'show';
}

/** Whether the classroom panel is shown (`classroom_hide=true` hides it; so does the embed mode). */
export function classroomPanelShown(state: PlaygroundState): boolean {
  return !isHidden(state, 'classroom') && !state.embed;
}
