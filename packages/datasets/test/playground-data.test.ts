import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import {
  DATASETS,
  DATASET_NAMES,
  DatasetError,
  Prng,
  classifySpiralData,
  generatePlaygroundData,
  shuffle,
  splitPlaygroundPoints,
  splitTrainTest,
} from '../src/index.js';
import type { DatasetName, Example2D } from '../src/index.js';

describe('generatePlaygroundData', () => {
  it('golden: seed "0.12345", circle, noise 0, ratio 50', () => {
    // Fixture produced by running this implementation once and pasting its
    // output (JSON.stringify of train.slice(0, 3), test[0] and rng.next()).
    // It is anchored by prng.test.ts (the PRNG equals the seedrandom package
    // bit for bit) and by the transcription test below (draw order, shuffle,
    // split). rng.next() is the number TF would draw the first weight from.
    const d = generatePlaygroundData({ dataset: 'circle', noise: 0, trainRatio: 50, seed: '0.12345' });
    expect(d.train.slice(0, 3)).toEqual([
      { x: 4.618077316847547, y: -1.8354395887379444, label: -1 },
      { x: 3.031594167181799, y: 2.027827810592421, label: -1 },
      { x: -4.597539547202247, y: -0.2550840585704418, label: -1 },
    ]);
    expect(d.test[0]).toEqual({ x: -3.4718897502916657, y: 2.1936436677766484, label: -1 });
    expect(d.train).toHaveLength(250);
    expect(d.test).toHaveLength(250);
    expect(d.problem).toBe('classification');
    expect(d.rng.next()).toBe(0.651190120454355);
  });

  it('matches an independent transcription of TF generateData driven by seedrandom', () => {
    // TF: Math.seedrandom(seed); data = classifyXORData(500, noise/100); shuffle(data); split.
    const seed = '0.54321';
    const random = seedrandom(seed);
    const u = (a: number, b: number) => random() * (b - a) + a;
    const data: Example2D[] = [];
    for (let i = 0; i < 500; i++) {
      let x = u(-5, 5);
      x += x > 0 ? 0.3 : -0.3;
      let y = u(-5, 5);
      y += y > 0 ? 0.3 : -0.3;
      const nx = u(-5, 5) * 0.2;
      const ny = u(-5, 5) * 0.2;
      data.push({ x, y, label: (x + nx) * (y + ny) >= 0 ? 1 : -1 });
    }
    for (let counter = data.length; counter > 0; ) {
      const index = Math.floor(random() * counter);
      counter--;
      [data[counter], data[index]] = [data[index]!, data[counter]!];
    }
    const d = generatePlaygroundData({ dataset: 'xor', noise: 20, trainRatio: 80, seed });
    expect(d.train).toEqual(data.slice(0, 400));
    expect(d.test).toEqual(data.slice(400));
    expect(d.rng.next()).toBe(random());
  });

  it('same seed gives identical data and split; another seed differs', () => {
    for (const dataset of DATASET_NAMES) {
      const opts = { dataset, noise: 25, trainRatio: 60, seed: '0.42424', ...(DATASETS[dataset].classes === 'many' ? { classes: 4 } : {}) };
      const a = generatePlaygroundData(opts);
      const b = generatePlaygroundData(opts);
      expect(b.train).toEqual(a.train);
      expect(b.test).toEqual(a.test);
      const c = generatePlaygroundData({ ...opts, seed: '0.42425' });
      expect(c.train).not.toEqual(a.train);
    }
  });

  it('makes 500 points for classification and 1200 for regression, or numSamples', () => {
    const sizes = (dataset: DatasetName, numSamples?: number) => {
      const d = generatePlaygroundData({ dataset, noise: 0, trainRatio: 50, seed: '1', ...(numSamples ? { numSamples } : {}) });
      return d.train.length + d.test.length;
    };
    expect(sizes('circle')).toBe(500);
    expect(sizes('xor')).toBe(500);
    expect(sizes('gauss')).toBe(500);
    expect(sizes('spiral')).toBe(500);
    expect(sizes('reg-plane')).toBe(1200);
    expect(sizes('reg-gauss')).toBe(1200);
    expect(sizes('xor', 100)).toBe(100);
    expect(generatePlaygroundData({ dataset: 'reg-gauss', noise: 0, trainRatio: 50, seed: '1' }).problem).toBe('regression');
  });

  it('splits floor(length * ratio / 100) points for training, for ratios 10..90', () => {
    for (let ratio = 10; ratio <= 90; ratio += 10) {
      const d = generatePlaygroundData({ dataset: 'circle', noise: 0, trainRatio: ratio, seed: '0.1' });
      expect(d.train).toHaveLength(Math.floor((500 * ratio) / 100));
      expect(d.test).toHaveLength(500 - d.train.length);
    }
    expect(generatePlaygroundData({ dataset: 'circle', noise: 0, trainRatio: 70, seed: '0.1' }).train).toHaveLength(350);
    const reg = generatePlaygroundData({ dataset: 'reg-plane', noise: 0, trainRatio: 70, seed: '0.1' });
    expect([reg.train.length, reg.test.length]).toEqual([840, 360]);
    // Programmatic extremes are accepted.
    expect(generatePlaygroundData({ dataset: 'circle', noise: 0, trainRatio: 1, seed: '0.1' }).train).toHaveLength(5);
    expect(generatePlaygroundData({ dataset: 'circle', noise: 0, trainRatio: 99, seed: '0.1' }).train).toHaveLength(495);
  });

  it('shuffles: train and test together hold exactly the generated points, reordered', () => {
    const d = generatePlaygroundData({ dataset: 'spiral', noise: 10, trainRatio: 50, seed: '0.3' });
    const generated = classifySpiralData(500, 0.1, new Prng('0.3'));
    const all = [...d.train, ...d.test];
    const key = (p: Example2D) => `${p.x},${p.y},${p.label}`;
    expect(all.map(key).sort()).toEqual(generated.map(key).sort());
    expect(all.map(key)).not.toEqual(generated.map(key));
    expect(all.filter((p) => p.label === 1)).toHaveLength(250);
  });

  it.each([
    [{ dataset: 'moons' }, /Unknown data set "moons"\. Choose one of circle, xor, gauss, spiral, blobs, arms, rings, sectors \(classification\) or reg-plane, reg-gauss \(regression\)\./],
    [{ noise: 60 }, /Noise must be a number from 0 to 50 \(percent\); got 60\./],
    [{ noise: -1 }, /Noise must be a number from 0 to 50/],
    [{ noise: Number.NaN }, /Noise must be a number from 0 to 50 \(percent\); got NaN\./],
    [{ trainRatio: 0 }, /training to test data must be a percentage from 10 to 90; got 0\./],
    [{ trainRatio: 100 }, /from 10 to 90; got 100/],
    [{ seed: 12345 }, /The seed must be a string such as "0\.12345".*got 12345\./],
    [{ seed: undefined }, /The seed must be a string.*got nothing\./],
    [{ numSamples: 0 }, /number of points must be a whole number from 1 to 1,000,000; got 0\./],
    [{ numSamples: 2.5 }, /whole number/],
  ])('rejects %o with a clear message', (override, message) => {
    const opts = { dataset: 'circle', noise: 0, trainRatio: 50, seed: '0.1', ...override };
    // The casts stand for untyped input (e.g. from a URL).
    const call = () => generatePlaygroundData(opts as unknown as Parameters<typeof generatePlaygroundData>[0]);
    expect(call).toThrow(DatasetError);
    expect(call).toThrow(message);
  });
  it.each([
    [{ dataset: 'moons' }, 'unknownDataset', { got: '"moons"', classification: 'circle, xor, gauss, spiral, blobs, arms, rings, sectors', regression: 'reg-plane, reg-gauss' }],
    [{ noise: 60 }, 'noise', { got: '60' }],
    [{ trainRatio: 0 }, 'trainRatio', { got: '0' }],
    [{ seed: 12345 }, 'seed', { got: '12345' }],
    [{ numSamples: 0 }, 'numSamples', { max: 1_000_000, got: '0' }],
  ])('gives %o a code and its values', (override, code, params) => {
    const opts = { dataset: 'circle', noise: 0, trainRatio: 50, seed: '0.1', ...override };
    try {
      generatePlaygroundData(opts as unknown as Parameters<typeof generatePlaygroundData>[0]);
      expect.fail('expected a DatasetError');
    } catch (e) {
      expect(e).toBeInstanceOf(DatasetError);
      expect((e as DatasetError).code).toBe(code);
      expect((e as DatasetError).params).toEqual(params);
    }
  });
});

describe('shuffle and splitTrainTest', () => {
  it('shuffle draws one number per element, TF Fisher–Yates', () => {
    const a = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    const rng = new Prng('0.9');
    shuffle(a, rng);
    expect([...a].sort((x, y) => x - y)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const ref = seedrandom('0.9');
    const b = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    for (let counter = b.length; counter > 0; ) {
      const index = Math.floor(ref() * counter);
      counter--;
      const t = b[counter]!;
      b[counter] = b[index]!;
      b[index] = t;
    }
    expect(a).toEqual(b);
    expect(rng.next()).toBe(ref());
    const empty: number[] = [];
    shuffle(empty, rng);
    expect(empty).toEqual([]);
  });

  it('splitTrainTest does not change its input', () => {
    const pts = [1, 2, 3, 4, 5];
    expect(splitTrainTest(pts, 50)).toEqual({ train: [1, 2], test: [3, 4, 5] });
    expect(pts).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('splitPlaygroundPoints (imported points)', () => {
  const points: Example2D[] = Array.from({ length: 40 }, (_, i) => ({ x: (i % 12) - 6, y: i / 10 - 2, label: i % 2 ? 1 : -1 }));

  it('shuffles a copy with the seed and splits it at the ratio', () => {
    const before = JSON.stringify(points);
    const data = splitPlaygroundPoints(points, 'classification', { trainRatio: 70, seed: '0.5' });
    expect(JSON.stringify(points)).toBe(before);
    expect(data.train).toHaveLength(28);
    expect(data.test).toHaveLength(12);
    expect(data.problem).toBe('classification');
    const key = (p: Example2D) => `${p.x},${p.y},${p.label}`;
    expect([...data.train, ...data.test].map(key).sort()).toEqual(points.map(key).sort());
    expect(data.train.map(key)).not.toEqual(points.slice(0, 28).map(key));
  });

  it('is the shuffle TF applies: the same permutation as shuffle() with a generator of that seed', () => {
    const copy = points.map((p) => ({ ...p }));
    const rng = new Prng('abc');
    shuffle(copy, rng);
    const data = splitPlaygroundPoints(points, 'classification', { trainRatio: 50, seed: 'abc' });
    expect([...data.train, ...data.test]).toEqual(copy);
    // The stream continues for the first weights.
    expect(data.rng.next()).toBe(rng.next());
  });

  it('refuses no points and a bad ratio', () => {
    expect(() => splitPlaygroundPoints([], 'regression', { trainRatio: 50, seed: '1' })).toThrow(DatasetError);
    expect(() => splitPlaygroundPoints(points, 'regression', { trainRatio: 0, seed: '1' })).toThrow(/ratio/);
    const codeOf = (call: () => unknown): unknown => {
      try {
        call();
      } catch (e) {
        return (e as DatasetError).code;
      }
      return undefined;
    };
    expect(codeOf(() => splitPlaygroundPoints([], 'regression', { trainRatio: 50, seed: '1' }))).toBe('noPoints');
    expect(codeOf(() => splitPlaygroundPoints(points, 'regression', { trainRatio: 0, seed: '1' }))).toBe('trainRatio');
    expect(codeOf(() => splitPlaygroundPoints(points, 'regression', { trainRatio: 50, seed: 1 as unknown as string }))).toBe('seedString');
  });
});
