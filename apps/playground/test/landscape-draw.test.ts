/** The loss landscape's picture helpers: colour scale, log scale, contour lines, lowest point. */
import { describe, expect, it } from 'vitest';
import { contourLevels, contourSegments, lossScale, lowestPoint, viridis } from '../src/lib/views/landscape/draw.js';

/** A bowl sampled on a size x size grid over [-1, 1]^2: loss = x^2 + y^2 + 0.1. */
function bowl(size: number): Float32Array {
  const values = new Float32Array(size * size);
  for (let j = 0; j < size; j++) {
    for (let i = 0; i < size; i++) {
      const x = (2 * i) / (size - 1) - 1;
      const y = (2 * j) / (size - 1) - 1;
      values[j * size + i] = x * x + y * y + 0.1;
    }
  }
  return values;
}

describe('the landscape picture', () => {
  it('colours from dark to light, ordered by loss, and ignores non-finite losses in the scale', () => {
    const dark = viridis(0);
    const light = viridis(1);
    expect(dark[0] + dark[1] + dark[2]).toBeLessThan(light[0] + light[1] + light[2]);
    const scale = lossScale([0.5, Number.NaN, 0.1, Infinity, 2])!;
    expect(scale.min).toBeCloseTo(0.1, 6);
    expect(scale.max).toBe(2);
    expect(scale.unit(0.1)).toBeCloseTo(0, 12);
    expect(scale.unit(2)).toBeCloseTo(1, 12);
    expect(scale.unit(0.5)).toBeGreaterThan(0);
    expect(scale.unit(0.5)).toBeLessThan(1);
    expect(lossScale([Number.NaN])).toBeUndefined();
  });

  it('draws closed rings around the bottom of a bowl, at their level, and finds the bottom', () => {
    const size = 41;
    const values = bowl(size);
    const scale = lossScale(values)!;
    const levels = contourLevels(scale, 5);
    expect(levels).toHaveLength(5);
    levels.forEach((level, k) => {
      expect(level).toBeGreaterThan(scale.min);
      expect(level).toBeLessThan(scale.max);
      if (k > 0) expect(level).toBeGreaterThan(levels[k - 1]!);
    });
    // The level 0.5123 (no grid value on it) is the circle of radius sqrt(0.4123) around the centre (grid units: 20 per 1).
    const segments = contourSegments(values, size, 0.5123);
    expect(segments.length).toBeGreaterThan(20);
    for (const [i0, j0] of segments) {
      const r = Math.hypot((i0 - 20) / 20, (j0 - 20) / 20);
      expect(Math.abs(r - Math.sqrt(0.4123))).toBeLessThan(0.02);
    }
    // A ring is closed: every end point is shared by exactly two segments.
    const ends = new Map<string, number>();
    for (const [i0, j0, i1, j1] of segments) {
      for (const key of [`${i0.toFixed(6)},${j0.toFixed(6)}`, `${i1.toFixed(6)},${j1.toFixed(6)}`]) ends.set(key, (ends.get(key) ?? 0) + 1);
    }
    expect([...ends.values()].every((n) => n === 2)).toBe(true);
    expect(lowestPoint(values, size)).toEqual({ i: 20, j: 20, loss: values[20 * size + 20] });
  });
});
