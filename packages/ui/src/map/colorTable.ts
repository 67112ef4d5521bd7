/**
 * A precomputed lookup of the shared colour scale (colors.ts) for drawing
 * many maps per frame: one packed RGBA word per step, read through a
 * Uint32Array view of an ImageData buffer. Both sides are views of bytes in
 * the platform's byte order, so copying words keeps the channel order.
 *
 * 512 steps per half of [-1, 1] move any channel by less than one unit per
 * step, so the table draws the same colours as writeColor.
 */
import { writeColor } from './colors.js';

const HALF_STEPS = 512;
const STEPS = 2 * HALF_STEPS + 1;

const bytes = new Uint8ClampedArray(STEPS * 4);
for (let k = 0; k < STEPS; k++) writeColor(k / HALF_STEPS - 1, bytes, k * 4);

/** Packed colour of value (k / HALF_STEPS - 1) at index k. */
const table = new Uint32Array(bytes.buffer);

/** Packed colour of 0 (the scale's neutral grey); also used for non-finite values. */
export const NEUTRAL_WORD: number = table[HALF_STEPS]!;
export const NEGATIVE_WORD: number = table[0]!;
export const POSITIVE_WORD: number = table[STEPS - 1]!;

/**
 * Writes `count` values of `source`, starting at `start`, as packed colours
 * into `target` (a Uint32Array view of RGBA pixels). Values are clamped to
 * [-1, 1]; NaN and infinities become the neutral colour, like writeColor.
 * With `discretize`, each finite value is drawn as -1 or +1 by its sign.
 */
export function fillColors(
  source: ArrayLike<number>,
  start: number,
  count: number,
  target: Uint32Array,
  discretize: boolean,
): void {
  for (let i = 0; i < count; i++) target[i] = colorWord(source[start + i]!, discretize);
}

/**
 * Colours a `side` x `side` picture from a square map of `density` values per
 * side, taking every `density / side`-th row and column (thumbnails need fewer
 * pixels than the grid has).
 */
export function fillColorsSampled(
  source: ArrayLike<number>,
  start: number,
  density: number,
  side: number,
  target: Uint32Array,
  discretize: boolean,
): void {
  const cols = sampleOffsets(density, side);
  for (let row = 0; row < side; row++) {
    const base = start + cols[row]! * density;
    const out = row * side;
    for (let col = 0; col < side; col++) target[out + col] = colorWord(source[base + cols[col]!]!, discretize);
  }
}

/** Grid index sampled for each of `side` pixels along a side of `density` values (kept per pair: a few sizes in use). */
const offsetsBySize = new Map<number, Int32Array>();
function sampleOffsets(density: number, side: number): Int32Array {
  const key = density * 65536 + side;
  let offsets = offsetsBySize.get(key);
  if (offsets === undefined) {
    offsets = new Int32Array(side);
    const step = density / side;
    for (let i = 0; i < side; i++) offsets[i] = Math.floor(i * step);
    offsetsBySize.set(key, offsets);
  }
  return offsets;
}

/** Packed colour of one value on the signed scale (as fillColors draws it). */
export function signedWord(v: number, discretize: boolean): number {
  return colorWord(v, discretize);
}

function colorWord(v: number, discretize: boolean): number {
  // v - v is 0 for finite numbers and NaN for NaN or +-Infinity.
  if (v - v !== 0) return NEUTRAL_WORD;
  if (discretize) return v >= 0 ? POSITIVE_WORD : NEGATIVE_WORD;
  if (v <= -1) return NEGATIVE_WORD;
  if (v >= 1) return POSITIVE_WORD;
  return table[((v + 1) * HALF_STEPS + 0.5) | 0]!;
}
