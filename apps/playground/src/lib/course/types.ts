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
  'overfitting',
  'nonlinear',
  'initialization',
  'circle',
  'spiral',
  'homework',
] as const;
export type LessonId = (typeof LESSON_IDS)[number];

/** A tool a lesson shows under its text. */
export type LessonTool = 'bowl' | 'learningRateLab' | 'batchComparison' | 'repeatRuns' | 'homework' | 'inspector' | 'landscape' | 'search';

/** A one-click starting state: an ordinary playground URL hash (so it can be shared). */
export interface LessonPreset {
  /** Which of the lesson's texts names this preset (`lessons:<id>.presets.<key>`). */
  readonly key: string;
  /** The hash, without '#', in TF Playground's keys (see state/hash.ts). */
  readonly hash: string;
}

/** A figure a lesson draws below its explanation (its labels are in the lesson's text). */
export type LessonFigure = 'trainingLoop';

export interface Lesson {
  readonly id: LessonId;
  /** 1-based number shown to students. */
  readonly number: number;
  /** Starting states, the first is the main one (may be empty for a lesson that only uses a tool). */
  readonly presets: readonly LessonPreset[];
  readonly tools: readonly LessonTool[];
  readonly figures?: readonly LessonFigure[];
}

/**
 * One task of a lesson: what to do, and the answer to it. The answer is
 * revealed on demand, task by task, and left out of the page altogether by a
 * teacher's `answers=hide` link.
 */
export interface LessonTask {
  /** What to do and what to find out (one paragraph). */
  readonly text: string;
  /** The answer and its reasoning (paragraphs); absent for a task that asks nothing to find. */
  readonly answer?: readonly string[];
}

/** The labels of the training-loop figure (lesson 1): the lecture's "feed new data" cycle. */
export interface TrainingLoopText {
  /** The figure's accessible name: the whole loop in one sentence. */
  readonly label: string;
  readonly model: string;
  readonly modelNote: string;
  readonly loss: string;
  readonly lossNote: string;
  readonly update: string;
  readonly updateNote: string;
  readonly data: string;
  readonly dataNote: string;
}

/**
 * The words of one lesson (one entry of the "lessons" namespace). Every string
 * may use the small markup of text/rich.ts: $inline maths$, $$display maths$$,
 * **emphasis**, `control names`.
 */
export interface LessonText {
  readonly title: string;
  /** A word or two for the lesson picker (shown as text, on touch screens too). */
  readonly short: string;
  /**
   * The idea, briefly: a few short paragraphs. Nothing a task asks the student
   * to find out belongs here: that goes into the task's answer.
   */
  readonly idea: readonly string[];
  /** What to do, in order; each task has its own answer. */
  readonly tasks: readonly LessonTask[];
  /** Button labels of the presets, by preset key. */
  readonly presets: Readonly<Record<string, string>>;
  /** The labels of the lesson's figure, for a lesson that has one. */
  readonly figure?: TrainingLoopText;
}
