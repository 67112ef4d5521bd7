/**
 * The data sets of several classes (blobs, arms, rings, sectors): the same
 * seeding, shuffle and split as TF's sets, balanced classes, labels 0..k-1,
 * the geometry each set's comment describes, and the refusals.
 */
import { describe, expect, it } from 'vitest';
import {
  BLOB_RADIUS,
  DATASETS,
  DatasetError,
  MULTI_CLASS_DATASET_NAMES,
  Prng,
  blobCentre,
  classCount,
  classifyArmsData,
  classifyBlobsData,
  classifyRingsData,
  classifySectorsData,
  cleanLabel,
  generatePlaygroundData,
  isMultiClass,
  parsePoints,
  ringLabel,
  sectorLabel,
  shuffle,
  splitTrainTest,
} from '../src/index.js';
import type { Example2D } from '../src/index.js';

const KS = [3, 4, 5, 6];
const rng = (seed = '0.12345') => new Prng(seed);

function counts(points: readonly Example2D[], k: number): number[] {
  const n = new Array<number>(k).fill(0);
  for (const p of points) n[p.label]!++;
  return n;
}

describe('registry', () => {
  it('lists the four multi-class sets as many-class classification sets', () => {
    expect(MULTI_CLASS_DATASET_NAMES).toEqual(['blobs', 'arms', 'rings', 'sectors']);
    for (const name of MULTI_CLASS_DATASET_NAMES) {
      expect(DATASETS[name].classes).toBe('many');
      expect(DATASETS[name].problem).toBe('classification');
      expect(isMultiClass(name)).toBe(true);
    }
    expect(isMultiClass('spiral')).toBe(false);
  });
});

describe('class balance and labels', () => {
  it('shares the points as evenly as whole numbers allow', () => {
    expect([0, 1, 2].map((c) => classCount(500, 3, c))).toEqual([166, 167, 167]);
    for (const k of KS) {
      const n = Array.from({ length: k }, (_, c) => classCount(500, k, c));
      expect(n.reduce((a, b) => a + b)).toBe(500);
      expect(Math.max(...n) - Math.min(...n)).toBeLessThanOrEqual(1);
    }
  });

  it('every set makes 500 points, labels whole numbers 0..k-1, each class its share at noise 0', () => {
    for (const dataset of MULTI_CLASS_DATASET_NAMES) {
      for (const k of KS) {
        const d = generatePlaygroundData({ dataset, noise: 0, trainRatio: 50, seed: '0.5', classes: k });
        const all = [...d.train, ...d.test];
        expect(all).toHaveLength(500);
        for (const p of all) {
          expect(Number.isInteger(p.label) && p.label >= 0 && p.label < k, `${dataset} k=${k} label ${p.label}`).toBe(true);
          // Blobs are normal, unbounded like TF's gauss; the others stay within radius 5.5.
          if (dataset !== 'blobs') expect(Math.hypot(p.x, p.y)).toBeLessThanOrEqual(5.5 + 1e-9);
        }
        expect(counts(all, k), `${dataset} k=${k}`).toEqual(Array.from({ length: k }, (_, c) => classCount(500, k, c)));
      }
    }
  });

  it('labels stay in 0..k-1 at the highest noise', () => {
    for (const dataset of MULTI_CLASS_DATASET_NAMES) {
      const d = generatePlaygroundData({ dataset, noise: 50, trainRatio: 50, seed: '0.5', classes: 6 });
      for (const p of [...d.train, ...d.test]) expect(p.label >= 0 && p.label <= 5 && Number.isInteger(p.label)).toBe(true);
    }
  });
});

describe('seeding, shuffle and split as TF', () => {
  it('is the generator on the seeded stream, shuffled and split, the stream going on for the weights', () => {
    for (const [dataset, generate] of [
      ['blobs', classifyBlobsData],
      ['arms', classifyArmsData],
      ['rings', classifyRingsData],
      ['sectors', classifySectorsData],
    ] as const) {
      const stream = new Prng('0.777');
      const points = generate(500, 0.2, stream, 4);
      shuffle(points, stream);
      const { train, test } = splitTrainTest(points, 70);
      const d = generatePlaygroundData({ dataset, noise: 20, trainRatio: 70, seed: '0.777', classes: 4 });
      expect(d.train).toEqual(train);
      expect(d.test).toEqual(test);
      expect(d.train).toHaveLength(350);
      expect(d.rng.next()).toBe(stream.next());
    }
  });

  it('the same seed gives the same points; another seed or another k differs', () => {
    for (const dataset of MULTI_CLASS_DATASET_NAMES) {
      const opts = { dataset, noise: 10, trainRatio: 50, seed: '0.31', classes: 3 };
      const a = generatePlaygroundData(opts);
      expect(generatePlaygroundData(opts).train).toEqual(a.train);
      expect(generatePlaygroundData({ ...opts, seed: '0.32' }).train).not.toEqual(a.train);
      expect(generatePlaygroundData({ ...opts, classes: 4 }).train).not.toEqual(a.train);
    }
  });

  it('arms with two arms are TF’s spiral, labels 0/1 for -1/+1 (same numbers, same order)', () => {
    // TF's spiral: arm deltaT 0 is +1, deltaT π is -1; arms: arm 0 at 0, arm 1 at π.
    const ours = classifyArmsData(500, 0.3, rng(), 2);
    const tf = DATASETS.spiral.generate(500, 0.3, rng());
    expect(ours.map((p) => [p.x, p.y, p.label === 0 ? 1 : -1])).toEqual(tf.map((p) => [p.x, p.y, p.label]));
  });
});

describe('noise 0 separates the classes as the geometry says', () => {
  it('blobs: nearly every point is nearest its own centre (centres on a circle of radius 4)', () => {
    for (const k of KS) {
      const pts = classifyBlobsData(500, 0, rng(), k);
      const centres = Array.from({ length: k }, (_, c) => blobCentre(c, k));
      expect(Math.hypot(...centres[0]!)).toBeCloseTo(BLOB_RADIUS, 12);
      const nearest = (p: Example2D) => {
        let best = 0;
        centres.forEach(([cx, cy], c) => {
          if (Math.hypot(p.x - cx, p.y - cy) < Math.hypot(p.x - centres[best]![0], p.y - centres[best]![1])) best = c;
        });
        return best;
      };
      const right = pts.filter((p) => nearest(p) === p.label).length;
      expect(right / pts.length, `k=${k}`).toBeGreaterThan(0.97);
    }
  });

  it('arms: each point lies on its own arm, angle = 1.75 · 2π · r / 5 + 2π c / k', () => {
    for (const k of KS) {
      for (const p of classifyArmsData(500, 0, rng(), k)) {
        const r = Math.hypot(p.x, p.y);
        if (r < 1e-9) continue;
        const want = 1.75 * 2 * Math.PI * (r / 5) + (2 * Math.PI * p.label) / k;
        const off = (Math.atan2(p.x, p.y) - want) / (2 * Math.PI);
        expect(Math.abs(off - Math.round(off))).toBeLessThan(1e-9);
      }
    }
  });

  it('rings: every label is the ring of its radius, with an empty band between rings', () => {
    for (const k of KS) {
      const width = 5 / k;
      for (const p of classifyRingsData(500, 0, rng(), k)) {
        const r = Math.hypot(p.x, p.y);
        expect(p.label).toBe(ringLabel(p.x, p.y, k));
        expect(p.label).toBe(cleanLabel('rings', p.x, p.y, k));
        expect(r).toBeLessThanOrEqual((p.label + 1) * width - 0.1 * width + 1e-9);
        if (p.label > 0) expect(r).toBeGreaterThanOrEqual(p.label * width + 0.1 * width - 1e-9);
      }
    }
  });

  it('sectors: every label is the slice of its angle, clockwise from the top, off the slice edges', () => {
    for (const k of KS) {
      for (const p of classifySectorsData(500, 0, rng(), k)) {
        expect(p.label).toBe(sectorLabel(p.x, p.y, k));
        expect(p.label).toBe(cleanLabel('sectors', p.x, p.y, k));
        let a = Math.atan2(p.x, p.y);
        if (a < 0) a += 2 * Math.PI;
        const within = (a * k) / (2 * Math.PI) - p.label;
        expect(within).toBeGreaterThanOrEqual(0.05 - 1e-9);
        expect(within).toBeLessThanOrEqual(0.95 + 1e-9);
      }
    }
    // Slice 0 starts at the top and runs clockwise.
    expect(sectorLabel(0.1, 5, 4)).toBe(0);
    expect(sectorLabel(5, -0.1, 4)).toBe(1);
    expect(sectorLabel(-0.1, -5, 4)).toBe(2);
    expect(sectorLabel(-5, 0.1, 4)).toBe(3);
  });

  it('noise moves the deciding point for rings and sectors: some labels change, positions do not', () => {
    for (const [generate, rule] of [
      [classifyRingsData, ringLabel],
      [classifySectorsData, sectorLabel],
    ] as const) {
      const clean = generate(500, 0, rng(), 4);
      const noisy = generate(500, 0.5, rng(), 4);
      const flipped = noisy.filter((p) => p.label !== rule(p.x, p.y, 4)).length;
      expect(flipped).toBeGreaterThan(20);
      // Same draws for r and angle: the first point is at the same place.
      expect([noisy[0]!.x, noisy[0]!.y]).toEqual([clean[0]!.x, clean[0]!.y]);
    }
  });

  it('noise spreads blobs and arms (the points move)', () => {
    const spread = (pts: Example2D[], k: number) => {
      const centres = Array.from({ length: k }, (_, c) => blobCentre(c, k));
      return pts.reduce((s, p) => s + Math.hypot(p.x - centres[p.label]![0], p.y - centres[p.label]![1]), 0) / pts.length;
    };
    expect(spread(classifyBlobsData(500, 0.5, rng(), 3), 3)).toBeGreaterThan(1.5 * spread(classifyBlobsData(500, 0, rng(), 3), 3));
    const clean = classifyArmsData(500, 0, rng(), 3);
    const noisy = classifyArmsData(500, 0.5, rng(), 3);
    expect(noisy.some((p, i) => p.x !== clean[i]!.x)).toBe(true);
  });
});

describe('refusals', () => {
  const base = { noise: 0, trainRatio: 50, seed: '1' } as const;
  const refused = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(DatasetError);
      return e as DatasetError;
    }
    throw new Error('not refused');
  };

  it('a multi-class set without 3..6 classes', () => {
    for (const classes of [undefined, 2, 7, 3.5, 0]) {
      const e = refused(() => generatePlaygroundData({ ...base, dataset: 'arms', ...(classes !== undefined ? { classes } : {}) }));
      expect(e.code).toBe('classesMany');
      expect(e.message).toMatch(/"arms" has from 3 to 6 classes/);
    }
  });

  it('a two-class set asked for more classes', () => {
    const e = refused(() => generatePlaygroundData({ ...base, dataset: 'spiral', classes: 3 }));
    expect(e.code).toBe('classesTwo');
    expect(e.message).toMatch(/"spiral" has two classes; got 3/);
    // 2 (the default) is fine.
    expect(generatePlaygroundData({ ...base, dataset: 'spiral', classes: 2 }).train.length).toBe(250);
  });
});

describe('import of points of several classes', () => {
  it('keeps whole-number labels 0..k-1 as classes', () => {
    const parsed = parsePoints('x,y,label\n0,0,0\n1,1,2\n-1,2,1\n', { classes: 3 });
    expect(parsed.problem).toBe('classification');
    expect(parsed.classes).toBe(3);
    expect(parsed.points.map((p) => p.label)).toEqual([0, 2, 1]);
    const json = parsePoints('[[0,0,3],[1,1,0]]', { classes: 4 });
    expect(json.points.map((p) => p.label)).toEqual([3, 0]);
  });

  it('names the line of a label that is not a class', () => {
    for (const [label, text] of [
      ['3', 'label 3 is not a class: with 3 classes every label must be a whole number from 0 to 2.'],
      ['-1', 'label -1 is not a class'],
      ['1.5', 'label 1.5 is not a class'],
    ] as const) {
      try {
        parsePoints(`x,y,label\n0,0,0\n1,1,${label}\n`, { classes: 3 });
        throw new Error('not refused');
      } catch (e) {
        expect(e).toBeInstanceOf(DatasetError);
        expect((e as DatasetError).code).toBe('classLabel');
        expect((e as DatasetError).line).toBe(3);
        expect((e as DatasetError).message).toContain(`Line 3: ${text}`);
      }
    }
    try {
      parsePoints('[[0,0,0],[1,1,7]]', { classes: 5 });
      throw new Error('not refused');
    } catch (e) {
      expect((e as DatasetError).message).toMatch(/^Item 2: label 7 is not a class/);
    }
  });

  it('reads two classes and regression as before, and refuses a bad number of classes', () => {
    expect(parsePoints('0,0,0\n1,1,1\n', { classes: 2 }).points.map((p) => p.label)).toEqual([-1, 1]);
    expect(parsePoints('0,0,0\n1,1,1\n').classes).toBeUndefined();
    try {
      parsePoints('0,0,0\n1,1,1\n', { classes: 9 });
      throw new Error('not refused');
    } catch (e) {
      expect((e as DatasetError).code).toBe('importClasses');
    }
  });
});
