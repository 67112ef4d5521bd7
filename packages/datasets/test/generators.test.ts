import { describe, expect, it } from 'vitest';
import {
  DATASETS,
  DATASET_NAMES,
  Prng,
  classifyCircleData,
  classifySpiralData,
  classifyTwoGaussData,
  classifyXorData,
  cleanLabel,
  isDatasetName,
  linearScale,
  problemOf,
  regGaussLabel,
  regressGaussian,
  regressPlane,
} from '../src/index.js';
import type { Example2D } from '../src/index.js';

const rng = (seed = '0.12345') => new Prng(seed);
const radius = (p: Example2D) => Math.hypot(p.x, p.y);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('circle', () => {
  it('noise 0: 250 inside (r <= 2.5, label 1), 250 in the ring (r >= 3.5, label -1)', () => {
    const pts = classifyCircleData(500, 0, rng());
    expect(pts).toHaveLength(500);
    const pos = pts.slice(0, 250);
    const neg = pts.slice(250);
    for (const p of pos) {
      expect(p.label).toBe(1);
      expect(radius(p)).toBeLessThanOrEqual(2.5 + 1e-12);
    }
    for (const p of neg) {
      expect(p.label).toBe(-1);
      expect(radius(p)).toBeGreaterThanOrEqual(3.5 - 1e-12);
      expect(radius(p)).toBeLessThanOrEqual(5 + 1e-12);
    }
    for (const p of pts) expect(p.label).toBe(radius(p) < 2.5 ? 1 : -1);
    for (const p of pts) expect(cleanLabel('circle', p.x, p.y)).toBe(p.label);
  });

  it('draws 4 numbers per point in TF order (r, angle, noiseX, noiseY)', () => {
    const r = rng('0.777');
    const [p] = classifyCircleData(1, 0.3, rng('0.777'));
    const rad = r.next() * 2.5;
    const angle = r.next() * 2 * Math.PI;
    expect(p!.x).toBe(rad * Math.sin(angle));
    expect(p!.y).toBe(rad * Math.cos(angle));
    // numSamples = 1: `i < 1 / 2` runs once per half, so 2 points as in TF.
    expect(classifyCircleData(1, 0, rng())).toHaveLength(2);
    expect(classifyCircleData(5, 0, rng())).toHaveLength(6);
  });

  it('noise > 0 flips some labels, counted with cleanLabel', () => {
    const flipped = (noise: number) =>
      classifyCircleData(500, noise, rng()).filter((p) => cleanLabel('circle', p.x, p.y) !== p.label).length;
    expect(flipped(0)).toBe(0);
    const low = flipped(0.1);
    const high = flipped(0.5);
    expect(low).toBeGreaterThan(0);
    expect(high).toBeGreaterThan(low);
    expect(high).toBeLessThan(250);
  });
});

describe('xor', () => {
  it('noise 0: |x|, |y| >= 0.3, label = sign rule, both labels present', () => {
    const pts = classifyXorData(500, 0, rng());
    expect(pts).toHaveLength(500);
    for (const p of pts) {
      expect(Math.abs(p.x)).toBeGreaterThanOrEqual(0.3);
      expect(Math.abs(p.y)).toBeGreaterThanOrEqual(0.3);
      expect(Math.abs(p.x)).toBeLessThanOrEqual(5.3);
      expect(p.label).toBe(p.x * p.y >= 0 ? 1 : -1);
      expect(cleanLabel('xor', p.x, p.y)).toBe(p.label);
    }
    const positives = pts.filter((p) => p.label === 1).length;
    expect(positives).toBeGreaterThan(200);
    expect(positives).toBeLessThan(300);
  });

  it('noise > 0 flips some labels', () => {
    const pts = classifyXorData(500, 0.25, rng());
    const flipped = pts.filter((p) => cleanLabel('xor', p.x, p.y) !== p.label).length;
    expect(flipped).toBeGreaterThan(0);
    expect(flipped).toBeLessThan(250);
  });
});

describe('gauss', () => {
  it('two blobs of 250 around (2, 2) labelled 1 and (-2, -2) labelled -1', () => {
    const pts = classifyTwoGaussData(500, 0, rng());
    expect(pts).toHaveLength(500);
    const pos = pts.slice(0, 250);
    const neg = pts.slice(250);
    expect(pos.every((p) => p.label === 1)).toBe(true);
    expect(neg.every((p) => p.label === -1)).toBe(true);
    expect(mean(pos.map((p) => p.x))).toBeCloseTo(2, 0);
    expect(mean(pos.map((p) => p.y))).toBeCloseTo(2, 0);
    expect(mean(neg.map((p) => p.x))).toBeCloseTo(-2, 0);
    expect(mean(neg.map((p) => p.y))).toBeCloseTo(-2, 0);
    expect(cleanLabel('gauss', 1, 1)).toBeUndefined();
  });

  it('noise widens the blobs: variance 0.5 at noise 0, 4 at noise 0.5', () => {
    expect(linearScale(0, 0, 0.5, 0.5, 4)).toBe(0.5);
    expect(linearScale(0.5, 0, 0.5, 0.5, 4)).toBe(4);
    const spread = (noise: number) => {
      const pos = classifyTwoGaussData(2000, noise, rng()).slice(0, 1000);
      const m = mean(pos.map((p) => p.x));
      return mean(pos.map((p) => (p.x - m) ** 2));
    };
    expect(spread(0)).toBeCloseTo(0.5, 0);
    expect(Math.abs(spread(0.5) - 4)).toBeLessThan(0.6);
  });
});

describe('spiral', () => {
  it('two arms of 250, radii <= 5, the +1 arm starts at the origin', () => {
    const r = rng();
    const pts = classifySpiralData(500, 0, r);
    expect(pts).toHaveLength(500);
    expect(pts.filter((p) => p.label === 1)).toHaveLength(250);
    expect(pts.filter((p) => p.label === -1)).toHaveLength(250);
    for (const p of pts) expect(radius(p)).toBeLessThanOrEqual(5);
    // The -1 arm is the +1 arm turned by π: point i of one is minus point i of the other.
    expect(pts[250 + 100]!.x).toBeCloseTo(-pts[100]!.x, 12);
    expect(pts[250 + 100]!.y).toBeCloseTo(-pts[100]!.y, 12);
    expect(pts[0]).toEqual({ x: 0, y: 0, label: 1 });
    expect(cleanLabel('spiral', 1, 1)).toBeUndefined();
  });

  it('noise moves points by at most 0.5 per axis', () => {
    const clean = classifySpiralData(500, 0, rng());
    const noisy = classifySpiralData(500, 0.5, rng());
    let moved = 0;
    noisy.forEach((p, i) => {
      const q = clean[i]!;
      expect(Math.abs(p.x - q.x)).toBeLessThanOrEqual(0.5);
      expect(Math.abs(p.y - q.y)).toBeLessThanOrEqual(0.5);
      if (p.x !== q.x) moved++;
      expect(p.label).toBe(q.label);
    });
    expect(moved).toBeGreaterThan(490);
  });
});

describe('regression', () => {
  it('plane at noise 0: label = (x + y) / 10 within [-1.2, 1.2], points in [-6, 6]²', () => {
    const pts = regressPlane(1200, 0, rng());
    expect(pts).toHaveLength(1200);
    for (const p of pts) {
      expect(Math.abs(p.x)).toBeLessThanOrEqual(6);
      expect(Math.abs(p.y)).toBeLessThanOrEqual(6);
      expect(p.label).toBeCloseTo((p.x + p.y) / 10, 12);
      expect(Math.abs(p.label)).toBeLessThanOrEqual(1.2);
      expect(cleanLabel('reg-plane', p.x, p.y)).toBe(p.label);
    }
  });

  it('plane with noise: labels within ±1.8 and not all clean', () => {
    const pts = regressPlane(1200, 0.5, rng());
    for (const p of pts) expect(Math.abs(p.label)).toBeLessThanOrEqual(1.8);
    expect(pts.filter((p) => cleanLabel('reg-plane', p.x, p.y) !== p.label).length).toBeGreaterThan(1000);
  });

  it('multi gaussian: labels in [-1, 1], ±1 at the centres, 0 far away', () => {
    const pts = regressGaussian(1200, 0, rng());
    expect(pts).toHaveLength(1200);
    for (const p of pts) {
      expect(Math.abs(p.label)).toBeLessThanOrEqual(1);
      expect(regGaussLabel(p.x, p.y)).toBe(p.label);
    }
    expect(regGaussLabel(-4, 2.5)).toBe(1);
    expect(regGaussLabel(0, 2.5)).toBe(-1);
    expect(regGaussLabel(4, -2.5)).toBe(-1);
    expect(regGaussLabel(-2, 0)).toBe(0); // at distance >= 2 from every centre
    expect(regGaussLabel(-4, 1.5)).toBeCloseTo(0.5, 12); // halfway down the cone
    expect(pts.some((p) => p.label > 0.5)).toBe(true);
    expect(pts.some((p) => p.label < -0.5)).toBe(true);
    for (const p of regressGaussian(1200, 0.5, rng())) expect(Math.abs(p.label)).toBeLessThanOrEqual(1);
  });
});

describe('registry', () => {
  it("has TF's six hash names with their problem, then the four multi-class sets", () => {
    expect(DATASET_NAMES).toEqual(['circle', 'xor', 'gauss', 'spiral', 'reg-plane', 'reg-gauss', 'blobs', 'arms', 'rings', 'sectors']);
    expect(DATASET_NAMES.map(problemOf)).toEqual([
      'classification',
      'classification',
      'classification',
      'classification',
      'regression',
      'regression',
      'classification',
      'classification',
      'classification',
      'classification',
    ]);
    expect(DATASET_NAMES.map((n) => DATASETS[n].classes)).toEqual(['two', 'two', 'two', 'two', 'two', 'two', 'many', 'many', 'many', 'many']);
    for (const name of DATASET_NAMES) expect(DATASETS[name].name).toBe(name);
    expect(isDatasetName('xor')).toBe(true);
    expect(isDatasetName('moons')).toBe(false);
    expect(isDatasetName(3)).toBe(false);
  });

  it("TF's classification sets label -1/+1 only", () => {
    for (const name of DATASET_NAMES.filter((n) => problemOf(n) === 'classification' && DATASETS[n].classes === 'two')) {
      const labels = new Set(DATASETS[name].generate(500, 0.3, rng()).map((p) => p.label));
      expect([...labels].sort()).toEqual([-1, 1]);
    }
  });
});
