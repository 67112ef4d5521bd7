import { describe, expect, it } from 'vitest';
import { CLASS_COLORS, NEUTRAL_RGB, writeColor } from '../src/map/colors.js';
import { NEUTRAL_WORD, fillColors } from '../src/map/colorTable.js';
import { classWord, fillMap, mapsOf } from '../src/map/classTable.js';

/** RGB of one packed colour word (platform byte order, as ImageData reads it). */
function rgbOf(word: number): [number, number, number] {
  const b = new Uint8ClampedArray(new Uint32Array([word]).buffer);
  return [b[0]!, b[1]!, b[2]!];
}

/** The colour of class c at strength t, by the rule itself: linear from the neutral grey. */
function mix(c: number, t: number): [number, number, number] {
  const to = CLASS_COLORS[c]!;
  return [0, 1, 2].map((i) => NEUTRAL_RGB[i]! + (to[i]! - NEUTRAL_RGB[i]!) * t) as [number, number, number];
}

function near(actual: readonly number[], expected: readonly number[]): void {
  for (let i = 0; i < 3; i++) expect(Math.abs(actual[i]! - expected[i]!), `channel ${i}: ${actual} vs ${expected}`).toBeLessThanOrEqual(1);
}

/** k node-major maps of `side`² pixels from per-pixel probability rows. */
function maps(side: number, pixels: readonly (readonly number[])[]): Float32Array {
  const k = pixels[0]!.length;
  const n = side * side;
  const out = new Float32Array(k * n);
  pixels.forEach((p, i) => p.forEach((q, c) => (out[c * n + i] = q)));
  return out;
}

describe('the class colours of a softmax output', () => {
  it('draws the winning class, its probability as lightness: 1/k grey, 1 the full colour', () => {
    // 2 x 2 pixels, 3 classes.
    const probs = [
      [1, 0, 0],
      [0.2, 0.1, 0.7],
      [1 / 3, 1 / 3, 1 / 3],
      [0.1, 0.5, 0.4],
    ];
    const source = maps(2, probs);
    const out = new Uint32Array(4);
    fillMap(source, 0, 2, 2, { kind: 'classes', classes: 3 }, out, false);
    near(rgbOf(out[0]!), CLASS_COLORS[0]!);
    near(rgbOf(out[1]!), mix(2, (0.7 - 1 / 3) / (2 / 3)));
    // A three-way tie: the lowest class wins, at no strength (the neutral grey).
    near(rgbOf(out[2]!), NEUTRAL_RGB);
    near(rgbOf(out[3]!), mix(1, (0.5 - 1 / 3) / (2 / 3)));
  });

  it('draws the winner at full strength when discretized', () => {
    const source = maps(2, [
      [0.4, 0.3, 0.3],
      [0.3, 0.3, 0.4],
      [0.3, 0.4, 0.3],
      [0.5, 0.5, 0],
    ]);
    const out = new Uint32Array(4);
    fillMap(source, 0, 2, 2, { kind: 'classes', classes: 3 }, out, true);
    expect([...out].map(rgbOf)).toEqual([0, 2, 1, 0].map((c) => [...CLASS_COLORS[c]!]));
  });

  it('reads all six classes from an offset (the last k maps of a grid) and samples thumbnails', () => {
    const side = 4;
    const n = side * side;
    const hidden = 2;
    const grid = new Float32Array((hidden + 6) * n).fill(Number.NaN);
    // Pixel i is won by class i % 6 with probability 0.9.
    for (let i = 0; i < n; i++) for (let c = 0; c < 6; c++) grid[(hidden + c) * n + i] = c === i % 6 ? 0.9 : 0.02;
    const out = new Uint32Array(n);
    fillMap(grid, hidden * n, side, side, { kind: 'classes', classes: 6 }, out, false);
    const t = (0.9 - 1 / 6) / (5 / 6);
    for (let i = 0; i < n; i++) near(rgbOf(out[i]!), mix(i % 6, t));
    // A 2 x 2 thumbnail takes rows and columns 0 and 2: pixels 0, 2, 8, 10.
    const small = new Uint32Array(4);
    fillMap(grid, hidden * n, side, 2, { kind: 'classes', classes: 6 }, small, false);
    expect([...small]).toEqual([out[0], out[2], out[8], out[10]]);
  });

  it('draws a pixel with a non-finite probability neutral', () => {
    const out = new Uint32Array(1);
    fillMap(maps(1, [[0.2, Number.NaN, 0.8]]), 0, 1, 1, { kind: 'classes', classes: 3 }, out, false);
    expect(out[0]).toBe(NEUTRAL_WORD);
    expect(mapsOf({ kind: 'classes', classes: 4 })).toBe(4);
    expect(mapsOf({ kind: 'signed' })).toBe(1);
  });

  it("draws one class's probability from the grey (0) to the class colour (1)", () => {
    const out = new Uint32Array(4);
    fillMap(Float32Array.of(0, 0.25, 1, 0.6), 0, 2, 2, { kind: 'class', class: 4 }, out, false);
    near(rgbOf(out[0]!), NEUTRAL_RGB);
    near(rgbOf(out[1]!), mix(4, 0.25));
    near(rgbOf(out[2]!), CLASS_COLORS[4]!);
    expect(classWord(9, 1)).toBe(NEUTRAL_WORD);
  });
});

describe("a sigmoid output's map", () => {
  it("is TF's scale at 2p - 1: the same picture as a tanh output of 2p - 1", () => {
    const p = Float32Array.from({ length: 100 }, (_, i) => i / 99);
    const out = new Uint32Array(100);
    fillMap(p, 0, 10, 10, { kind: 'probability' }, out, false);
    const tanh = new Uint32Array(100);
    fillColors(
      p.map((q) => 2 * q - 1),
      0,
      100,
      tanh,
      false,
    );
    for (let i = 0; i < 100; i++) near(rgbOf(out[i]!), rgbOf(tanh[i]!));
    const ends = new Uint8ClampedArray(8);
    writeColor(-1, ends, 0);
    writeColor(1, ends, 4);
    near(rgbOf(out[0]!), [...ends.subarray(0, 3)]);
    near(rgbOf(out[99]!), [...ends.subarray(4, 7)]);
  });

  it('discretized, draws p > 0.5 blue and the rest orange', () => {
    const out = new Uint32Array(4);
    fillMap(Float32Array.of(0.2, 0.5, 0.51, 1), 0, 2, 2, { kind: 'probability' }, out, true);
    expect(out.map((w) => (w === out[3] ? 1 : 0))).toEqual(Uint32Array.of(0, 0, 1, 1));
    near(rgbOf(out[0]!), CLASS_COLORS[0]!);
    near(rgbOf(out[3]!), CLASS_COLORS[1]!);
  });
});

describe("TF's signed map", () => {
  it('is drawn exactly as before through fillMap', () => {
    const v = Float32Array.from({ length: 64 }, (_, i) => Math.sin(i));
    const a = new Uint32Array(64);
    const b = new Uint32Array(64);
    fillMap(v, 0, 8, 8, { kind: 'signed' }, a, false);
    fillColors(v, 0, 64, b, false);
    expect(a).toEqual(b);
  });
});
