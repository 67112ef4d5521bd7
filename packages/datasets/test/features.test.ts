import { describe, expect, it } from 'vitest';
import {
  DatasetError,
  FEATURES,
  FEATURE_IDS,
  featureGrid,
  featureMap,
  isFeatureId,
  toDataSet,
} from '../src/index.js';
import type { FeatureId } from '../src/index.js';

describe('FEATURES', () => {
  it("lists TF's seven features in TF's order", () => {
    expect(FEATURE_IDS).toEqual(['x', 'y', 'xSquared', 'ySquared', 'xTimesY', 'sinX', 'sinY']);
    const at = (x: number, y: number) => FEATURES.map((f) => f.f(x, y));
    expect(at(2, 3)).toEqual([2, 3, 4, 9, 6, Math.sin(2), Math.sin(3)]);
    expect(FEATURES.map((f) => f.label)).toEqual(['x₁', 'x₂', 'x₁²', 'x₂²', 'x₁x₂', 'sin(x₁)', 'sin(x₂)']);
    expect(isFeatureId('sinY')).toBe(true);
    expect(isFeatureId('cosX')).toBe(false);
  });
});

describe('toDataSet', () => {
  it('is point-major with the features in the order given', () => {
    const ds = toDataSet(
      [
        { x: 2, y: 3, label: 1 },
        { x: -1, y: 0.5, label: -1 },
      ],
      ['xTimesY', 'x', 'ySquared'],
    );
    expect(ds.inputSize).toBe(3);
    expect(Array.from(ds.inputs)).toEqual([6, 2, 9, -0.5, -1, 0.25]);
    expect(Array.from(ds.labels)).toEqual([1, -1]);
    expect(ds.inputs).toBeInstanceOf(Float64Array);
  });

  it('keeps every value exactly as TF Playground computes it (f64, not rounded to f32)', () => {
    const x = 0.1;
    const y = -4.618077316847547;
    const ds = toDataSet([{ x, y, label: 0.3 }], ['x', 'y', 'xSquared', 'xTimesY', 'sinX', 'sinY']);
    expect(Array.from(ds.inputs)).toEqual([x, y, x * x, x * y, Math.sin(x), Math.sin(y)]);
    expect(ds.labels[0]).toBe(0.3);
    expect(ds.inputs[0]).not.toBe(Math.fround(x));
  });

  it('handles no points', () => {
    const ds = toDataSet([], ['x']);
    expect(ds.inputs.length).toBe(0);
    expect(ds.labels.length).toBe(0);
  });

  it.each([
    [[], /Choose at least one input feature/],
    [['x', 'cosX'], /Unknown input feature "cosX"\. Known features: x, y, xSquared, ySquared, xTimesY, sinX, sinY\./],
    [['x', 'y', 'x'], /The input feature "x" is listed twice/],
  ])('rejects features %j', (features, message) => {
    const call = () => toDataSet([{ x: 0, y: 0, label: 1 }], features as FeatureId[]);
    expect(call).toThrow(DatasetError);
    expect(call).toThrow(message);
  });

  it('gives each refusal a code and its values', () => {
    const codeOf = (call: () => unknown): unknown => {
      try {
        call();
      } catch (e) {
        return e instanceof DatasetError ? [e.code, e.params] : e;
      }
      return undefined;
    };
    const known = 'x, y, xSquared, ySquared, xTimesY, sinX, sinY';
    expect(codeOf(() => toDataSet([], []))).toEqual(['noFeatures', {}]);
    expect(codeOf(() => toDataSet([], ['cosX' as FeatureId]))).toEqual(['unknownFeature', { feature: '"cosX"', known }]);
    expect(codeOf(() => toDataSet([], [7 as unknown as FeatureId]))).toEqual(['unknownFeature', { feature: '7', known }]);
    expect(codeOf(() => toDataSet([], ['x', 'x']))).toEqual(['featureTwice', { feature: 'x' }]);
    expect(codeOf(() => featureGrid(['x'], 1))).toEqual(['gridDensity', { max: 1000, got: '1' }]);
    expect(codeOf(() => featureGrid(['x'], 10, 0))).toEqual(['gridDomain', { got: '0' }]);
  });
});

describe('featureGrid', () => {
  it('row 0 is y = +6, column 0 is x = -6, last point (6, -6)', () => {
    const g = featureGrid(['x', 'y']);
    expect(g.inputSize).toBe(2);
    expect(g.inputs.length).toBe(100 * 100 * 2);
    expect(g.labels.length).toBe(0);
    const point = (p: number) => [g.inputs[2 * p], g.inputs[2 * p + 1]];
    expect(point(0)).toEqual([-6, 6]); // top left
    expect(point(99)).toEqual([6, 6]); // top right: end of row 0
    expect(point(100)).toEqual([-6, 6 - 12 / 99]); // start of row 1 (f64, as TF)
    expect(point(99 * 100)).toEqual([-6, -6]); // bottom left
    expect(point(100 * 100 - 1)).toEqual([6, -6]); // bottom right
    const [x, y] = point(37 * 100 + 58);
    expect(x).toBeCloseTo(-6 + (12 * 58) / 99, 5);
    expect(y).toBeCloseTo(6 - (12 * 37) / 99, 5);
  });

  it('applies the features at every grid point, with custom density and domain', () => {
    const g = featureGrid(['xTimesY', 'sinX'], 3, 2);
    // Grid x = -2, 0, 2 left to right; y = 2, 0, -2 top to bottom.
    const xs = [-2, 0, 2];
    const ys = [2, 0, -2];
    const expected: number[] = [];
    for (const y of ys) for (const x of xs) expected.push(x * y, Math.sin(x));
    expect(Array.from(g.inputs)).toEqual(expected);
  });

  it('rejects a bad density or domain', () => {
    expect(() => featureGrid(['x'], 1)).toThrow(/from 2 to 1000 points per side; got 1/);
    expect(() => featureGrid(['x'], 1001)).toThrow(DatasetError);
    expect(() => featureGrid(['x'], 10.5)).toThrow(DatasetError);
    expect(() => featureGrid(['x'], 10, 0)).toThrow(/half-width must be a positive number/);
    expect(() => featureGrid([], 10)).toThrow(/at least one input feature/);
  });
});

describe('featureMap', () => {
  it('has one value per grid point, laid out like featureGrid (rounded to f32 for drawing)', () => {
    const density = 20;
    const grid = featureGrid(FEATURE_IDS, density);
    FEATURE_IDS.forEach((id, k) => {
      const map = featureMap(id, density);
      expect(map.length).toBe(density * density);
      for (let p = 0; p < density * density; p++) expect(map[p]).toBe(Math.fround(grid.inputs[p * 7 + k]!)); // a map for drawing is f32
    });
    const xSq = featureMap('xSquared', 100);
    expect(xSq[0]).toBe(36);
    expect(featureMap('y', 100)[0]).toBe(6);
    expect(() => featureMap('z' as FeatureId, 10)).toThrow(/Unknown input feature "z"/);
  });
});
