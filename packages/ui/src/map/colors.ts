/**
 * TensorFlow Playground's diverging colour scale: orange for -1, near-white
 * grey for 0, blue for +1, linear in RGB between them.
 */
const NEGATIVE = [0xf5, 0x93, 0x22] as const;
const ZERO = [0xe8, 0xea, 0xeb] as const;
const POSITIVE = [0x08, 0x77, 0xbd] as const;

/** Writes the colour of `value` (clamped to [-1, 1]) into `out` at `offset` as RGBA. */
export function writeColor(value: number, out: Uint8ClampedArray, offset: number): void {
  const v = Number.isFinite(value) ? Math.max(-1, Math.min(1, value)) : 0;
  const [from, to, t] = v < 0 ? [ZERO, NEGATIVE, -v] : [ZERO, POSITIVE, v];
  out[offset] = from[0] + (to[0] - from[0]) * t;
  out[offset + 1] = from[1] + (to[1] - from[1]) * t;
  out[offset + 2] = from[2] + (to[2] - from[2]) * t;
  out[offset + 3] = 255;
}

export function cssColor(value: number): string {
  const rgba = new Uint8ClampedArray(4);
  writeColor(value, rgba, 0);
  return `rgb(${rgba[0]}, ${rgba[1]}, ${rgba[2]})`;
}

/**
 * Steps per half of [-1, 1] of cssColorStep: a channel moves by at most 0.9
 * of a unit per step (224 units over the half), so rounding to the nearest
 * step is off by at most one unit, and a slowly moving weight changes its
 * link's colour about half as often as with finer steps.
 */
const CSS_HALF_STEPS = 256;
const cssSteps: (string | undefined)[] = new Array<string | undefined>(2 * CSS_HALF_STEPS + 1);

/**
 * cssColor of `value` rounded to the nearest 1/256 (at most one unit off per
 * channel), from a cache: for colours set again every frame (links, biases),
 * it allocates nothing and returns the same string, so the page writes
 * nothing, while a value moves by less than a step. Non-finite values are
 * the neutral grey, as in cssColor.
 */
export function cssColorStep(value: number): string {
  const v = Number.isFinite(value) ? Math.max(-1, Math.min(1, value)) : 0;
  const k = Math.round((v + 1) * CSS_HALF_STEPS);
  return (cssSteps[k] ??= cssColor(k / CSS_HALF_STEPS - 1));
}

/**
 * One colour per class, for 2 to 6 classes: TensorFlow Playground's orange and
 * blue first (class 0 is label -1, class 1 label +1 of a two-class problem), then
 * colours of Okabe and Ito's palette for colour-blind readers (bluish green,
 * reddish purple, sky blue, vermillion), which stay apart from the first two and
 * from each other under the common forms of colour blindness.
 */
export const CLASS_COLORS: readonly (readonly [number, number, number])[] = [
  NEGATIVE,
  POSITIVE,
  [0x00, 0x9e, 0x73],
  [0xcc, 0x79, 0xa7],
  [0x56, 0xb4, 0xe9],
  [0xd5, 0x5e, 0x00],
];

/** The neutral grey a class's colour fades to where the network is unsure. */
export const NEUTRAL_RGB: readonly [number, number, number] = ZERO;

/** CSS colour of class `c` (0-based); out-of-range classes are the neutral grey. */
export function classCss(c: number): string {
  const rgb = CLASS_COLORS[c] ?? ZERO;
  return `rgb(${rgb[0]}, ${rgb[1]}, ${rgb[2]})`;
}
