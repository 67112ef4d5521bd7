/**
 * What the diagram's output column shows, read from the page's settings:
 * TF's single tanh (classification) or linear (regression) node, a single
 * sigmoid node (two classes with cross-entropy), or one softmax node per
 * class (3 or more classes). And how an output node's map is coloured.
 *
 * `classes` and `loss` are optional here so this file reads settings from
 * before they existed (and left out means TF's: two classes, squared error).
 */
import { CLASS_COLORS, NEUTRAL_RGB } from '@nn/ui';
import type { OutputActivation } from '@nn/engine';

export interface OutputSettings {
  readonly problem: 'classification' | 'regression';
  /** 2 (TF's) .. 6; 3 or more means a softmax output with one node per class. */
  readonly classes?: number;
  /** Two classes only: 'squared' (TF's tanh) or 'cross-entropy' (sigmoid). */
  readonly loss?: string;
}

export interface OutputLayer {
  readonly activation: OutputActivation;
  /** Output nodes: the classes for softmax, else 1. */
  readonly count: number;
}

export function outputLayerOf(settings: OutputSettings): OutputLayer {
  if (settings.problem === 'regression') return { activation: 'linear', count: 1 };
  const classes = settings.classes ?? 2;
  if (classes >= 3) return { activation: 'softmax', count: classes };
  return { activation: settings.loss === 'cross-entropy' ? 'sigmoid' : 'tanh', count: 1 };
}

/**
 * A sigmoid output's map (p in [0, 1]) on TF's -1..+1 scale, 2p - 1, so 0.5
 * is the neutral grey and the colours mean what they mean for tanh. A new
 * array of `count` values from `offset`.
 */
export function sigmoidOnTfScale(grid: ArrayLike<number>, offset: number, count: number): Float32Array {
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = 2 * (grid[offset + i] ?? Number.NaN) - 1;
  return out;
}

/**
 * Writes class `c`'s probability map as RGBA pixels, `side` x `side` sampled
 * from the `density` x `density` maps: probability 0 is the neutral grey,
 * 1 the class's colour, linear between. `grid` holds the k class maps
 * node-major from `first` (class j's value at point p is
 * `grid[first + j * density^2 + p]`). With `discretize` a pixel is the class's
 * colour where c is the most probable class (the lowest index on a tie, as
 * the accuracy counts) and grey elsewhere. Missing or non-finite values are grey.
 */
export function fillClassMap(
  grid: ArrayLike<number> | undefined,
  first: number,
  classes: number,
  c: number,
  density: number,
  side: number,
  out: Uint8ClampedArray,
  discretize: boolean,
): void {
  const colour = CLASS_COLORS[c] ?? NEUTRAL_RGB;
  const points = density * density;
  const complete = grid !== undefined && first >= 0 && grid.length >= first + classes * points;
  for (let row = 0; row < side; row++) {
    const gridRow = Math.min(density - 1, Math.floor(((row + 0.5) * density) / side));
    for (let col = 0; col < side; col++) {
      const gridCol = Math.min(density - 1, Math.floor(((col + 0.5) * density) / side));
      const p = gridRow * density + gridCol;
      let t = 0;
      if (complete) {
        const value = grid[first + c * points + p]!;
        if (Number.isFinite(value)) {
          if (discretize) {
            let best = 0;
            for (let j = 1; j < classes; j++) if (grid[first + j * points + p]! > grid[first + best * points + p]!) best = j;
            t = best === c ? 1 : 0;
          } else {
            t = Math.min(1, Math.max(0, value));
          }
        }
      }
      const o = 4 * (row * side + col);
      out[o] = NEUTRAL_RGB[0] + (colour[0] - NEUTRAL_RGB[0]) * t;
      out[o + 1] = NEUTRAL_RGB[1] + (colour[1] - NEUTRAL_RGB[1]) * t;
      out[o + 2] = NEUTRAL_RGB[2] + (colour[2] - NEUTRAL_RGB[2]) * t;
      out[o + 3] = 255;
    }
  }
}
