/**
 * The seven input features of TF Playground, in its order and with its URL
 * hash names, and their conversion into the engines' flat data layout.
 */
import { DatasetError } from './errors.js';
import type { Example2D } from './generators.js';

export type FeatureId = 'x' | 'y' | 'xSquared' | 'ySquared' | 'xTimesY' | 'sinX' | 'sinY';

export interface Feature {
  /** TF's hash name (`x=true&xSquared=false...`). */
  readonly id: FeatureId;
  /** What the UI shows. */
  readonly label: string;
  /** The feature's value at the point (x1, x2) = (x, y). */
  readonly f: (x: number, y: number) => number;
}

/** The input features in TF Playground's order. */
export const FEATURES: readonly Feature[] = [
  { id: 'x', label: 'x₁', f: (x) => x },
  { id: 'y', label: 'x₂', f: (_x, y) => y },
  { id: 'xSquared', label: 'x₁²', f: (x) => x * x },
  { id: 'ySquared', label: 'x₂²', f: (_x, y) => y * y },
  { id: 'xTimesY', label: 'x₁x₂', f: (x, y) => x * y },
  { id: 'sinX', label: 'sin(x₁)', f: (x) => Math.sin(x) },
  { id: 'sinY', label: 'sin(x₂)', f: (_x, y) => Math.sin(y) },
];

/** All feature ids in TF's order. */
export const FEATURE_IDS: readonly FeatureId[] = FEATURES.map((f) => f.id);

/** The features TF Playground starts with (x₁ and x₂). */
export const DEFAULT_FEATURES: readonly FeatureId[] = ['x', 'y'];

const BY_ID = new Map<string, Feature>(FEATURES.map((f) => [f.id, f]));

export function isFeatureId(id: unknown): id is FeatureId {
  return typeof id === 'string' && BY_ID.has(id);
}

function unknownFeature(feature: string): DatasetError {
  const known = FEATURE_IDS.join(', ');
  return new DatasetError('unknownFeature', `Unknown input feature ${feature}. Known features: ${known}.`, { feature, known });
}

export function getFeature(id: FeatureId): Feature {
  const feature = BY_ID.get(id);
  if (!feature) throw unknownFeature(`"${String(id)}"`);
  return feature;
}

/**
 * A data set as flat typed arrays, point-major: `inputs[p * inputSize + f]` is
 * feature f of point p, `labels[p]` its label. Structurally a `DataSet` of
 * @nn/engine (not imported, to keep the packages independent). The values are
 * f64, exactly as TensorFlow Playground computes them; an engine that
 * computes in f32 rounds them when it copies the set.
 */
export interface FeatureDataSet {
  readonly inputSize: number;
  readonly inputs: Float64Array;
  readonly labels: Float64Array;
}

/** The largest grid side `featureGrid` and `featureMap` accept. */
export const MAX_DENSITY = 1000;

/** Checks a feature list and returns the features (throws a DatasetError if it is empty, unknown or repeats one). */
export function resolveFeatures(features: readonly FeatureId[]): Feature[] {
  if (!Array.isArray(features) || features.length === 0) {
    throw new DatasetError('noFeatures', 'Choose at least one input feature: the network needs an input.');
  }
  const seen = new Set<string>();
  return features.map((id) => {
    if (!isFeatureId(id)) {
      throw unknownFeature(String(JSON.stringify(id)));
    }
    if (seen.has(id)) {
      throw new DatasetError('featureTwice', `The input feature "${id}" is listed twice; each feature can be used once.`, {
        feature: id,
      });
    }
    seen.add(id);
    return getFeature(id);
  });
}

/**
 * The network's inputs for `points`: for each point (x, y), the chosen
 * features in the order given, plus its label. E.g. features ['x', 'xTimesY']
 * turn the point (2, 3) into the inputs [2, 6].
 */
export function toDataSet(points: readonly Example2D[], features: readonly FeatureId[]): FeatureDataSet {
  const fs = resolveFeatures(features);
  const inputSize = fs.length;
  const inputs = new Float64Array(points.length * inputSize);
  const labels = new Float64Array(points.length);
  points.forEach((p, i) => {
    for (let k = 0; k < inputSize; k++) inputs[i * inputSize + k] = fs[k]!.f(p.x, p.y);
    labels[i] = p.label;
  });
  return { inputSize, inputs, labels };
}

function checkGrid(density: number, domain: number): void {
  if (!Number.isInteger(density) || density < 2 || density > MAX_DENSITY) {
    throw new DatasetError(
      'gridDensity',
      `The grid must have from 2 to ${MAX_DENSITY} points per side; got ${String(density)}.`,
      { max: MAX_DENSITY, got: String(density) },
    );
  }
  if (!Number.isFinite(domain) || domain <= 0) {
    throw new DatasetError('gridDomain', `The grid's half-width must be a positive number; got ${String(domain)}.`, {
      got: String(domain),
    });
  }
}

/**
 * Coordinate of column `col` (x) or row `row` (y) of a density × density grid
 * over [-domain, domain]²: columns go left to right from x = -domain, rows go
 * top to bottom from y = +domain (screen order), both ending exactly at the edge.
 */
export function gridX(col: number, density: number, domain = 6): number {
  return -domain + (2 * domain * col) / (density - 1);
}
export function gridY(row: number, density: number, domain = 6): number {
  return domain - (2 * domain * row) / (density - 1);
}

/**
 * The decision map's grid as network inputs: density² points, point
 * p = row * density + col at (gridX(col), gridY(row)), so point 0 is the top
 * left corner (-6, 6) and the last one the bottom right (6, -6). `labels` is empty.
 */
export function featureGrid(features: readonly FeatureId[], density = 100, domain = 6): FeatureDataSet {
  const fs = resolveFeatures(features);
  checkGrid(density, domain);
  const inputSize = fs.length;
  const inputs = new Float64Array(density * density * inputSize);
  for (let row = 0; row < density; row++) {
    const y = gridY(row, density, domain);
    for (let col = 0; col < density; col++) {
      const x = gridX(col, density, domain);
      const base = (row * density + col) * inputSize;
      for (let k = 0; k < inputSize; k++) inputs[base + k] = fs[k]!.f(x, y);
    }
  }
  return { inputSize, inputs, labels: new Float64Array(0) };
}

/**
 * One feature's values over the same grid as `featureGrid` (value p = row *
 * density + col): what the app draws in the feature's thumbnail.
 */
export function featureMap(featureId: FeatureId, density = 100, domain = 6): Float32Array {
  const [feature] = resolveFeatures([featureId]);
  checkGrid(density, domain);
  const out = new Float32Array(density * density);
  for (let row = 0; row < density; row++) {
    const y = gridY(row, density, domain);
    for (let col = 0; col < density; col++) out[row * density + col] = feature!.f(gridX(col, density, domain), y);
  }
  return out;
}
