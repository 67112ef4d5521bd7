/**
 * Pure helpers of the loss landscape's picture: a perceptually ordered colour
 * scale, the loss-to-colour mapping (on a log scale: losses near a valley
 * differ by orders of magnitude from those on its walls), contour levels and
 * marching squares, and the figures of the text alternative.
 *
 * The grid is the trainer's: `losses[j * size + i]` at (axis[i], axis[j]),
 * j = 0 the lowest beta (drawn at the bottom).
 */

/** Viridis (matplotlib's perceptually uniform scale), 9 stops from dark to light. */
const VIRIDIS: readonly [number, number, number][] = [
  [68, 1, 84],
  [71, 44, 122],
  [59, 81, 139],
  [44, 113, 142],
  [33, 144, 141],
  [39, 173, 129],
  [92, 200, 99],
  [170, 220, 50],
  [253, 231, 37],
];

/** The colour of u in [0, 1] (clamped; NaN is the top colour, an unreachable loss). */
export function viridis(u: number): [number, number, number] {
  const x = Number.isNaN(u) ? 1 : Math.min(1, Math.max(0, u));
  const f = x * (VIRIDIS.length - 1);
  const k = Math.min(VIRIDIS.length - 2, Math.floor(f));
  const w = f - k;
  const a = VIRIDIS[k]!;
  const b = VIRIDIS[k + 1]!;
  return [0, 1, 2].map((c) => Math.round(a[c]! + (b[c]! - a[c]!) * w)) as [number, number, number];
}

export interface LossScale {
  readonly min: number;
  readonly max: number;
  /** u in [0, 1] of a loss: log(loss + offset) between those of min and max. */
  readonly unit: (loss: number) => number;
}

/** The log scale of the finite losses of the grid (undefined when none is finite). */
export function lossScale(losses: ArrayLike<number>): LossScale | undefined {
  let min = Infinity;
  let max = -Infinity;
  for (let k = 0; k < losses.length; k++) {
    const v = losses[k]!;
    if (Number.isFinite(v)) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  if (!(min <= max)) return undefined;
  // The offset keeps log finite at 0 and the scale from stretching tiny losses.
  const offset = Math.max(1e-4, (max - min) * 1e-3);
  const lo = Math.log(min + offset);
  const hi = Math.log(max + offset);
  const unit = (loss: number) => (hi > lo ? (Math.log(loss + offset) - lo) / (hi - lo) : 0.5);
  return { min, max, unit };
}

/** `count` contour levels evenly spaced on the scale, strictly between min and max. */
export function contourLevels(scale: LossScale, count: number): number[] {
  const { min, max } = scale;
  if (!(max > min)) return [];
  const offset = Math.max(1e-4, (max - min) * 1e-3);
  const lo = Math.log(min + offset);
  const hi = Math.log(max + offset);
  return Array.from({ length: count }, (_, k) => Math.exp(lo + ((hi - lo) * (k + 1)) / (count + 1)) - offset);
}

/** A contour segment between two points in grid coordinates (i across, j up, fractional). */
export type Segment = [number, number, number, number];

/**
 * Marching squares: the segments of the level line `level` through the grid
 * of `size` x `size` values, in grid coordinates (i, j), each cell's crossings
 * placed by linear interpolation along its edges. Cells with a non-finite
 * corner are skipped; saddles are resolved by the cell's mean.
 */
export function contourSegments(values: ArrayLike<number>, size: number, level: number): Segment[] {
  const segments: Segment[] = [];
  const at = (i: number, j: number) => values[j * size + i]!;
  for (let j = 0; j + 1 < size; j++) {
    for (let i = 0; i + 1 < size; i++) {
      // Corners counter-clockwise from bottom-left.
      const a = at(i, j);
      const b = at(i + 1, j);
      const c = at(i + 1, j + 1);
      const d = at(i, j + 1);
      if (!(Number.isFinite(a) && Number.isFinite(b) && Number.isFinite(c) && Number.isFinite(d))) continue;
      const code = (a > level ? 1 : 0) | (b > level ? 2 : 0) | (c > level ? 4 : 0) | (d > level ? 8 : 0);
      if (code === 0 || code === 15) continue;
      const t = (p: number, q: number) => (level - p) / (q - p);
      const bottom: [number, number] = [i + t(a, b), j];
      const right: [number, number] = [i + 1, j + t(b, c)];
      const top: [number, number] = [i + t(d, c), j + 1];
      const left: [number, number] = [i, j + t(a, d)];
      const add = (p: [number, number], q: [number, number]) => segments.push([p[0], p[1], q[0], q[1]]);
      const centreHigh = (a + b + c + d) / 4 > level;
      switch (code) {
        case 1:
        case 14:
          add(left, bottom);
          break;
        case 2:
        case 13:
          add(bottom, right);
          break;
        case 3:
        case 12:
          add(left, right);
          break;
        case 4:
        case 11:
          add(right, top);
          break;
        case 6:
        case 9:
          add(bottom, top);
          break;
        case 7:
        case 8:
          add(left, top);
          break;
        case 5:
          if (centreHigh) {
            add(left, top);
            add(bottom, right);
          } else {
            add(left, bottom);
            add(right, top);
          }
          break;
        case 10:
          if (centreHigh) {
            add(left, bottom);
            add(right, top);
          } else {
            add(left, top);
            add(bottom, right);
          }
          break;
      }
    }
  }
  return segments;
}

/** Where the grid's lowest finite loss is: its indices and value. */
export function lowestPoint(values: ArrayLike<number>, size: number): { i: number; j: number; loss: number } | undefined {
  let best = -1;
  for (let k = 0; k < values.length; k++) {
    const v = values[k]!;
    if (Number.isFinite(v) && (best < 0 || v < values[best]!)) best = k;
  }
  if (best < 0) return undefined;
  return { i: best % size, j: Math.floor(best / size), loss: values[best]! };
}
