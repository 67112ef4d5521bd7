/**
 * Colour tables for the maps of a classifier's output, beside colorTable.ts's
 * signed scale:
 * - several classes (a softmax output, k maps of probabilities): each pixel
 *   shows the winning class's colour (CLASS_COLORS) with its probability p as
 *   lightness, t = (p - 1/k) / (1 - 1/k): p = 1/k (the network cannot tell
 *   the classes apart) is the neutral grey, p = 1 the full class colour;
 * - one class's probability p in [0, 1] (one node of a softmax output): the
 *   neutral grey at 0 to the class's full colour at 1;
 * - a sigmoid output's p in [0, 1]: TF's orange-blue scale at 2p - 1, so the
 *   map looks like a tanh output's.
 * One pass over a 100 x 100 map with 6 classes reads 60,000 values and
 * writes 10,000 words, with no allocation.
 *
 * Every table is packed RGBA words in the platform's byte order (as
 * colorTable.ts), built once; filling a map allocates nothing.
 */
import { CLASS_COLORS, NEUTRAL_RGB } from './colors.js';
import { NEGATIVE_WORD, NEUTRAL_WORD, POSITIVE_WORD, fillColors, fillColorsSampled, signedWord } from './colorTable.js';

/** Steps from the neutral grey (0) to a class's full colour (STEPS - 1): under one channel unit per step. */
const LEVELS = 512;
const STEPS = LEVELS + 1;

const bytes = new Uint8ClampedArray(CLASS_COLORS.length * STEPS * 4);
for (let c = 0; c < CLASS_COLORS.length; c++) {
  const to = CLASS_COLORS[c]!;
  for (let k = 0; k < STEPS; k++) {
    const t = k / LEVELS;
    const o = (c * STEPS + k) * 4;
    bytes[o] = NEUTRAL_RGB[0] + (to[0] - NEUTRAL_RGB[0]) * t;
    bytes[o + 1] = NEUTRAL_RGB[1] + (to[1] - NEUTRAL_RGB[1]) * t;
    bytes[o + 2] = NEUTRAL_RGB[2] + (to[2] - NEUTRAL_RGB[2]) * t;
    bytes[o + 3] = 255;
  }
}
/** `table[c * STEPS + k]`: class c's colour at strength k / LEVELS. */
const table = new Uint32Array(bytes.buffer);

/** Packed colour of class `c` at strength `t` in [0, 1] (0 the neutral grey); out-of-range classes and non-finite t are neutral. */
export function classWord(c: number, t: number): number {
  if (!(c >= 0 && c < CLASS_COLORS.length) || t - t !== 0) return NEUTRAL_WORD;
  const k = t <= 0 ? 0 : t >= 1 ? LEVELS : (t * LEVELS + 0.5) | 0;
  return table[(c | 0) * STEPS + k]!;
}

/**
 * How a map's values become colours:
 * - `signed`: TF's scale, values in [-1, 1] (hidden nodes, a tanh or linear output, features);
 * - `probability`: a sigmoid output's p in [0, 1], on TF's scale at 2p - 1;
 * - `class`: the probability of class `class` (one node of a softmax output), grey to the class's colour;
 * - `classes`: `classes` node-major maps of a softmax output from the map's offset on,
 *   drawn as the winning class with its probability as lightness.
 */
export type MapScale =
  | { readonly kind: 'signed' }
  | { readonly kind: 'probability' }
  | { readonly kind: 'class'; readonly class: number }
  | { readonly kind: 'classes'; readonly classes: number };

export const SIGNED_SCALE: MapScale = { kind: 'signed' };

/** How many node-major maps of `density`² values a scale reads (k for `classes`, else 1). */
export function mapsOf(scale: MapScale): number {
  return scale.kind === 'classes' ? Math.max(1, scale.classes | 0) : 1;
}

/**
 * Colours a `side` x `side` picture of the map(s) starting at `start` in
 * `source` (square maps of `density` values per side, node-major), taking
 * every `density / side`-th row and column when `side` is smaller. With
 * `discretize`, each pixel is drawn at full strength: the sign for `signed`,
 * p > 0.5 for `probability` (blue) , p >= 0.5 for `class`, the winner for
 * `classes`. Non-finite values are the neutral grey. Allocates nothing.
 */
export function fillMap(
  source: ArrayLike<number>,
  start: number,
  density: number,
  side: number,
  scale: MapScale,
  target: Uint32Array,
  discretize: boolean,
): void {
  if (scale.kind === 'signed') {
    if (side === density) fillColors(source, start, density * density, target, discretize);
    else fillColorsSampled(source, start, density, side, target, discretize);
    return;
  }
  const k = scale.kind === 'classes' ? Math.max(1, Math.min(CLASS_COLORS.length, scale.classes | 0)) : 1;
  const floor = 1 / k;
  const spread = k > 1 ? 1 / (1 - floor) : 0;
  const stride = density * density;
  if (scale.kind === 'classes' && side === density) {
    for (let i = 0; i < stride; i++) target[i] = winnerWord(source, start + i, stride, k, floor, spread, discretize);
    return;
  }
  const step = density / side;
  for (let row = 0; row < side; row++) {
    const base = start + (side === density ? row : Math.floor(row * step)) * density;
    const out = row * side;
    for (let col = 0; col < side; col++) {
      const at = base + (side === density ? col : Math.floor(col * step));
      let word: number;
      if (scale.kind === 'classes') {
        word = winnerWord(source, at, stride, k, floor, spread, discretize);
      } else {
        const p = source[at]!;
        if (p - p !== 0) word = NEUTRAL_WORD;
        else if (scale.kind === 'probability') word = discretize ? (p > 0.5 ? POSITIVE_WORD : NEGATIVE_WORD) : signedWord(2 * p - 1, false);
        else word = classWord(scale.class, discretize ? (p >= 0.5 ? 1 : 0) : p);
      }
      target[out + col] = word;
    }
  }
}

/** The winning class's packed colour at `at`, class c's probability at `at + c * stride`; the lowest index wins a tie (as the trainer's accuracy counts). */
function winnerWord(
  source: ArrayLike<number>,
  at: number,
  stride: number,
  k: number,
  floor: number,
  spread: number,
  discretize: boolean,
): number {
  let best = 0;
  let p = source[at]!;
  // Stays 0 while every probability is finite (x - x is NaN for NaN and infinities).
  let finite = p - p;
  for (let c = 1; c < k; c++) {
    const q = source[at + c * stride]!;
    finite += q - q;
    if (q > p) {
      p = q;
      best = c;
    }
  }
  if (finite !== 0) return NEUTRAL_WORD;
  if (discretize) return table[best * STEPS + LEVELS]!;
  const t = (p - floor) * spread;
  return table[best * STEPS + (t <= 0 ? 0 : t >= 1 ? LEVELS : (t * LEVELS + 0.5) | 0)]!;
}
