import { describe, expect, it } from 'vitest';
import { cssColor, cssColorStep, writeColor } from '../src/map/colors.js';
import { NEUTRAL_WORD, fillColors, fillColorsSampled } from '../src/map/colorTable.js';

/** The RGBA bytes of packed colour words, in the platform's byte order (as ImageData reads them). */
function bytesOf(words: Uint32Array): Uint8ClampedArray {
  return new Uint8ClampedArray(words.buffer, words.byteOffset, words.byteLength);
}

/** writeColor's bytes for each value: the colour scale itself. */
function reference(values: ArrayLike<number>, discretize = false): Uint8ClampedArray {
  const out = new Uint8ClampedArray(values.length * 4);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    writeColor(discretize && Number.isFinite(v) ? (v >= 0 ? 1 : -1) : v, out, i * 4);
  }
  return out;
}

function maxChannelDifference(a: Uint8ClampedArray, b: Uint8ClampedArray): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  return worst;
}

const sweep = Float32Array.from({ length: 4001 }, (_, i) => -2 + i / 1000);

describe('the colour table', () => {
  it('draws the colour scale within one unit per channel, from -2 to 2', () => {
    const words = new Uint32Array(sweep.length);
    fillColors(sweep, 0, sweep.length, words, false);
    expect(maxChannelDifference(bytesOf(words), reference(sweep))).toBeLessThanOrEqual(1);
  });

  it('draws the ends and zero exactly, and non-finite values in the neutral grey', () => {
    const values = [-1, 0, 1, NaN, Infinity, -Infinity, -5, 5];
    const words = new Uint32Array(values.length);
    fillColors(values, 0, values.length, words, false);
    expect(maxChannelDifference(bytesOf(words), reference(values))).toBe(0);
    expect([...words.slice(3, 6)]).toEqual([NEUTRAL_WORD, NEUTRAL_WORD, NEUTRAL_WORD]);
  });

  it('draws each finite value as -1 or +1 when discretized', () => {
    const values = [-0.3, 0.2, 0, -0, NaN, 0.9];
    const words = new Uint32Array(values.length);
    fillColors(values, 0, values.length, words, true);
    expect(maxChannelDifference(bytesOf(words), reference(values, true))).toBe(0);
  });

  it('reads a map from its offset inside several node-major maps', () => {
    const maps = new Float32Array(3 * 16);
    maps.set(sweep.subarray(1000, 1016), 16);
    const words = new Uint32Array(16);
    fillColors(maps, 16, 16, words, false);
    expect(maxChannelDifference(bytesOf(words), reference(sweep.subarray(1000, 1016)))).toBeLessThanOrEqual(1);
  });

  it.each([
    [100, 50],
    [100, 100],
    [100, 33],
    [7, 3],
  ])('samples a %i-value grid down to %i pixels per side, taking rows and columns floor(i * density / side)', (density, side) => {
    const grid = Float32Array.from({ length: density * density }, (_, i) => Math.sin(i * 0.37));
    const start = density * density;
    const maps = new Float32Array(2 * density * density);
    maps.set(grid, start);
    const words = new Uint32Array(side * side);
    fillColorsSampled(maps, start, density, side, words, false);
    const expected: number[] = [];
    for (let row = 0; row < side; row++) {
      for (let col = 0; col < side; col++) {
        expected.push(grid[Math.floor((row * density) / side) * density + Math.floor((col * density) / side)]!);
      }
    }
    expect(maxChannelDifference(bytesOf(words), reference(expected))).toBeLessThanOrEqual(1);
  });
});

describe('cssColorStep', () => {
  const channels = (css: string): number[] => css.match(/\d+/g)!.map(Number);

  it('is cssColor within one unit per channel', () => {
    for (const v of sweep) {
      const exact = channels(cssColor(v));
      const stepped = channels(cssColorStep(v));
      for (let c = 0; c < 3; c++) expect(Math.abs(exact[c]! - stepped[c]!), `at ${v}`).toBeLessThanOrEqual(1);
    }
  });

  it('gives the same string for values within a step, and the neutral grey for non-finite values', () => {
    expect(cssColorStep(0.5)).toBe(cssColorStep(0.5 + 1e-5));
    expect(cssColorStep(NaN)).toBe(cssColor(0));
    expect(cssColorStep(-Infinity)).toBe(cssColor(0));
    expect(cssColorStep(-3)).toBe(cssColor(-1));
  });
});
