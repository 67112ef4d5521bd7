/**
 * The course: one lesson per section of the classroom lecture. A lesson's
 * words live in the "lessons" translation namespace under its id; what it
 * does to the playground (its preset) and which tool it shows live here.
 */

/** Lesson ids, in the lecture's order (lesson N is LESSON_IDS[N - 1]). */
export const LESSON_IDS = [
  'loss',
  'learningRate',
  'batch',
  'playgroundTasks',
  'trainTest',
  'nonlinear',
  'initialization',
  'circle',
  'spiral',
  'homework',
] as const;
export type LessonId = (typeof LESSON_IDS)[number];

/** A tool a lesson shows under its text. */
export type LessonTool = 'bowl' | 'learningRateLab' | 'batchComparison' | 'repeatRuns' | 'homework';

/** A one-click starting state: an ordinary playground URL hash (so it can be shared). */
export interface LessonPreset {
  /** Which of the lesson's texts names this preset (`lessons:<id>.presets.<key>`). */
  readonly key: string;
  /** The hash, without '#', in TF Playground's keys (see state/hash.ts). */
  readonly hash: string;
}

export interface Lesson {
  readonly id: LessonId;
  /** 1-based number shown to students. */
  readonly number: number;
  /** Starting states, the first is the main one (may be empty for a lesson that only uses a tool). */
  readonly presets: readonly LessonPreset[];
  readonly tools: readonly LessonTool[];
}

/**
 * The words of one lesson (one entry of the "lessons" namespace). Every string
 * may use the small markup of text/rich.ts: $inline maths$, $$display maths$$,
 * **emphasis**, `control names`.
 */
export interface LessonText {
  readonly title: string;
  /** The idea, briefly: a few short paragraphs. */
  readonly idea: readonly string[];
  /** What to do, in order. */
  readonly tasks: readonly string[];
  /** The lecture's answer and its reasoning, revealed on demand. */
  readonly answer: readonly string[];
  /** Button labels of the presets, by preset key. */
  readonly presets: Readonly<Record<string, string>>;
}
