/**
 * The learning-rate lab's maths (Machine Learning Crash Course's "optimizing
 * learning rate" exercise): gradient descent on one weight over a convex,
 * quadratic loss curve. Pure functions, no DOM.
 *
 *   L(w) = (w − w*)² / (2 · 1.6)      dL/dw = (w − w*) / 1.6
 *
 * One step `w ← w − η · dL/dw` multiplies the distance to the minimum by
 * (1 − η / 1.6): below 1.6 the weight creeps towards w*, at exactly 1.6 one
 * step lands on it (the ideal rate), between 1.6 and 3.2 it zig-zags across
 * w* and still settles, at 3.2 it jumps back and forth for ever, and above
 * 3.2 every jump is longer than the last (divergence).
 */
import { parseDecimalInput } from '../text/number.js';

/** The curvature's reciprocal, and so the ideal learning rate: one step from anywhere lands on the minimum. */
export const IDEAL_RATE = 1.6;

/** w*, the weight where the loss is lowest (0 there). */
export const W_MIN = 2;

/**
 * w₀, where every run starts: to the left of the minimum, as in MLCC. Its
 * distance to w* is 4, so the loss there is 5 and the gradient −2.5 (the
 * lecture's example gradient: 2.5 × a rate of 0.01 is a step of 0.025).
 */
export const W_START = -2;

/** |w₀ − w*|, the distance every run starts from. */
export const START_DISTANCE = Math.abs(W_START - W_MIN);

/** Converged: the weight is within this fraction (0.5 %) of START_DISTANCE from the minimum. */
export const CONVERGED_FRACTION = 0.005;

/**
 * The converged distance, CONVERGED_FRACTION · START_DISTANCE, plus a
 * billionth of it so that a weight written as exactly 0.5 % away (2.02, whose
 * distance computes as 0.020000000000000018) counts as within. No run of the
 * lecture comes anywhere near the edge (the closest, 0.03, ends at 99.85 %).
 */
const CONVERGED_LIMIT = CONVERGED_FRACTION * START_DISTANCE * (1 + 1e-9);

/** Diverged: the weight is more than this many times START_DISTANCE from the minimum (or not a finite number). */
export const DIVERGED_FACTOR = 1000;

/**
 * A run gives up after this many steps ('not-converged'). The slowest rate of
 * the lecture (0.03) needs 280 and 0.0085 needs 995; anything below about
 * 0.00846 is, for this exercise, just too slow. At the other end 3.19 still
 * converges (846 steps); from about 3.1916 on a run zig-zags too long.
 */
export const MAX_STEPS = 1000;

/** The largest learning rate a student may enter (the TF Playground's largest too). */
export const MAX_RATE = 10;

/** The rates of the lecture's table (rate | steps to converge | converged?). */
export const LECTURE_RATES: readonly number[] = [0.03, 0.06, 0.1, 0.3, 0.8, 1.2, 2.1, 2.6, 3.5];

/** How a run ended. */
export type Outcome = 'converged' | 'diverged' | 'not-converged';

/** The loss at weight w. */
export function loss(w: number): number {
  return ((w - W_MIN) * (w - W_MIN)) / (2 * IDEAL_RATE);
}

/** dL/dw at weight w. */
export function gradient(w: number): number {
  return (w - W_MIN) / IDEAL_RATE;
}

/** One step of gradient descent: w − rate · dL/dw. */
export function gradientStep(w: number, rate: number): number {
  return w - rate * gradient(w);
}

/**
 * The outcome of a run that has reached weight `w` after `step` steps, or
 * null while it is still going. The checks, in order:
 * 1. 'diverged': w is not finite, or |w − w*| > DIVERGED_FACTOR · START_DISTANCE;
 * 2. 'converged': step ≥ 1 and |w − w*| ≤ CONVERGED_FRACTION · START_DISTANCE
 *    (give or take a billionth of it, for rounding);
 * 3. 'not-converged': step ≥ maxSteps.
 * A run stops at the first step that gives an outcome, so 'converged at
 * step k' means k is the first step within 0.5 %.
 */
export function judge(w: number, step: number, maxSteps: number = MAX_STEPS): Outcome | null {
  const distance = Math.abs(w - W_MIN);
  if (!Number.isFinite(w) || distance > DIVERGED_FACTOR * START_DISTANCE) return 'diverged';
  if (step >= 1 && distance <= CONVERGED_LIMIT) return 'converged';
  if (step >= maxSteps) return 'not-converged';
  return null;
}

/** A whole run from W_START. */
export interface Descent {
  readonly rate: number;
  /** The weights w₀ … w_steps (so `path.length === steps + 1`). */
  readonly path: readonly number[];
  /** Steps taken: where it converged or diverged, or maxSteps. */
  readonly steps: number;
  readonly outcome: Outcome;
}

export interface DescendOptions {
  /** Give up after this many steps (default MAX_STEPS; a non-finite or negative value means MAX_STEPS or 0). */
  readonly maxSteps?: number;
}

/**
 * Runs gradient descent from W_START with a learning rate until it converges,
 * diverges or takes maxSteps steps (see `judge`). Never throws: a rate that is
 * not a number diverges at step 1, a negative one diverges, 0 never moves.
 */
export function descend(rate: number, options: DescendOptions = {}): Descent {
  const requested = options.maxSteps ?? MAX_STEPS;
  const maxSteps = Number.isFinite(requested) ? Math.max(0, Math.floor(requested)) : MAX_STEPS;
  const path = [W_START];
  let w = W_START;
  let step = 0;
  let outcome = judge(w, step, maxSteps);
  while (outcome === null) {
    w = gradientStep(w, rate);
    step++;
    path.push(w);
    outcome = judge(w, step, maxSteps);
  }
  return { rate, path, steps: step, outcome };
}

/** Why a learning rate was refused. */
export type RateProblem = 'empty' | 'not-a-number' | 'not-positive' | 'too-large';

export type RateCheck =
  | { readonly ok: true; readonly rate: number }
  | { readonly ok: false; readonly reason: RateProblem };

/** Checks a learning rate given as a number: a finite number with 0 < rate ≤ MAX_RATE. */
export function checkRate(value: number): RateCheck {
  if (Number.isNaN(value)) return { ok: false, reason: 'not-a-number' };
  if (value <= 0) return { ok: false, reason: 'not-positive' };
  if (value > MAX_RATE) return { ok: false, reason: 'too-large' };
  return { ok: true, rate: value };
}

/**
 * Reads a learning rate a student typed (surrounding spaces are ignored); a
 * number is checked as it is, anything else that is not a string is
 * 'not-a-number'.
 * Only plain decimal notation counts as a number, with a decimal point or a
 * decimal comma ("0.3" and "0,3" are both 0.3; see text/number.ts): "0x10",
 * "Infinity", "1/2", "1,000.5" and "1e999" (too large to be finite) are
 * 'not-a-number'; "-1" and "0" are 'not-positive'; "11" is 'too-large';
 * "1e-999" (0 once read) is 'not-positive'.
 * Never throws, whatever it is given.
 */
export function parseRate(text: unknown): RateCheck {
  if (text === null || text === undefined) return { ok: false, reason: 'empty' };
  if (typeof text === 'number') return checkRate(text);
  if (typeof text !== 'string') return { ok: false, reason: 'not-a-number' };
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, reason: 'empty' };
  const value = parseDecimalInput(trimmed);
  if (value === undefined) return { ok: false, reason: 'not-a-number' };
  return checkRate(value);
}
