/**
 * TensorFlow Playground's six data sets (its `dataset.ts`), and four of more
 * classes made the same way (blobs, arms, rings, sectors: see "several
 * classes" below), with the same
 * geometry, the same noise model and the random numbers drawn in exactly the
 * same order, so that with the same generator state they give the same points.
 *
 * Conventions shared by all generators:
 * - `numSamples` is the number of points TF asks for (500 for classification,
 *   1200 for regression). Loops that make half of them run `i < numSamples / 2`
 *   as TF does, so an odd count makes (numSamples + 1) / 2 points per half.
 * - `noise` is TF's `state.noise / 100`, i.e. 0 .. 0.5 for the UI's 0 .. 50.
 * - Coordinates live in the square [-6, 6]²; classification labels are -1/+1
 *   (TF draws +1 blue and -1 orange), regression labels are in [-1, 1]; the
 *   multi-class sets' labels are the class indices 0..k-1.
 * - Noise moves the point used to *compute the label*, not the point drawn:
 *   a point keeps its clean position and may get the "wrong" label (circle,
 *   xor, regression). Gauss and spiral instead spread the points themselves.
 */
import { normalRandom, randUniform } from './prng.js';
import type { RandomSource } from './prng.js';

/** A two-dimensional example: coordinates and label. */
export interface Example2D {
  x: number;
  y: number;
  label: number;
}

/**
 * A data generator: `(numSamples, noise 0..0.5, rng, classes) => points`.
 * `classes` (3..MAX_DATASET_CLASSES, default 3) is read only by the multi-class
 * sets; TF's two-class and regression sets ignore it.
 */
export type DataGenerator = (numSamples: number, noise: number, rng: RandomSource, classes?: number) => Example2D[];

export type Problem = 'classification' | 'regression';

/**
 * The data sets by TF Playground's URL hash names: `dataset=circle|xor|gauss|spiral`
 * for classification and `regDataset=reg-plane|reg-gauss` for regression.
 */
export type DatasetName = TwoClassDatasetName | MultiClassDatasetName;
/** TF Playground's own six data sets. */
export type TwoClassDatasetName = 'circle' | 'xor' | 'gauss' | 'spiral' | 'reg-plane' | 'reg-gauss';
/**
 * This app's classification sets of k = 3..6 classes (labels 0..k-1), also by
 * `dataset=` name: k Gaussian blobs, a k-arm spiral, k rings, k pie slices.
 */
export type MultiClassDatasetName = 'blobs' | 'arms' | 'rings' | 'sectors';

/**
 * d3 v3's `d3.scale.linear().domain([d0, d1]).range([r0, r1])` (TF uses d3 3.5),
 * computed the way d3 computes it so that results agree to the last bit:
 * t = (v - d0) / (d1 - d0), clamped to [0, 1] if asked, then r0 * (1 - t) + r1 * t.
 */
export function linearScale(
  v: number,
  d0: number,
  d1: number,
  r0: number,
  r1: number,
  clamp = false,
): number {
  let t = (v - d0) / (d1 - d0);
  if (clamp) t = Math.max(0, Math.min(1, t));
  return r0 * (1 - t) + r1 * t;
}

/** Euclidean distance from (x, y) to (cx, cy), as TF's `dist`. */
function dist(x: number, y: number, cx: number, cy: number): number {
  const dx = x - cx;
  const dy = y - cy;
  return Math.sqrt(dx * dx + dy * dy);
}

// ---------------------------------------------------------------- circle

const CIRCLE_RADIUS = 5;

/** Circle's clean label: +1 strictly inside radius 2.5 (= 5 * 0.5) of the origin, else -1. */
export function circleLabel(x: number, y: number): number {
  return dist(x, y, 0, 0) < CIRCLE_RADIUS * 0.5 ? 1 : -1;
}

/**
 * "Circle": numSamples/2 points with radius r ~ U(0, 2.5) (an inner disc, not
 * uniform in area: points crowd the centre), then numSamples/2 points in the
 * ring r ~ U(3.5, 5); angle ~ U(0, 2π), (x, y) = (r sin a, r cos a). The label
 * is the circle rule at the point shifted by noise ~ U(-5, 5) * noise on each
 * axis, so with noise 0 the inner points are +1 and the ring's are -1.
 * Random numbers per point: r, angle, noiseX, noiseY.
 */
export function classifyCircleData(numSamples: number, noise: number, rng: RandomSource): Example2D[] {
  const points: Example2D[] = [];
  const radius = CIRCLE_RADIUS;
  const gen = (rMin: number, rMax: number): void => {
    for (let i = 0; i < numSamples / 2; i++) {
      const r = randUniform(rng, rMin, rMax);
      const angle = randUniform(rng, 0, 2 * Math.PI);
      const x = r * Math.sin(angle);
      const y = r * Math.cos(angle);
      const noiseX = randUniform(rng, -radius, radius) * noise;
      const noiseY = randUniform(rng, -radius, radius) * noise;
      const label = circleLabel(x + noiseX, y + noiseY);
      points.push({ x, y, label });
    }
  };
  gen(0, radius * 0.5); // positive examples inside the circle
  gen(radius * 0.7, radius); // negative examples outside it
  return points;
}

// ---------------------------------------------------------------- xor

/** XOR's clean label: +1 in the quadrants where x and y have the same sign (x * y >= 0). */
export function xorLabel(x: number, y: number): number {
  return x * y >= 0 ? 1 : -1;
}

/**
 * "Exclusive or": numSamples points x, y ~ U(-5, 5), each pushed 0.3 away
 * from its axis (x += x > 0 ? 0.3 : -0.3) so that |x|, |y| >= 0.3 and the four
 * quadrants are separated by an empty cross; label = xorLabel of the point
 * shifted by noise ~ U(-5, 5) * noise on each axis.
 * Random numbers per point: x, y, noiseX, noiseY.
 */
export function classifyXorData(numSamples: number, noise: number, rng: RandomSource): Example2D[] {
  const points: Example2D[] = [];
  const padding = 0.3;
  for (let i = 0; i < numSamples; i++) {
    let x = randUniform(rng, -5, 5);
    x += x > 0 ? padding : -padding;
    let y = randUniform(rng, -5, 5);
    y += y > 0 ? padding : -padding;
    const noiseX = randUniform(rng, -5, 5) * noise;
    const noiseY = randUniform(rng, -5, 5) * noise;
    const label = xorLabel(x + noiseX, y + noiseY);
    points.push({ x, y, label });
  }
  return points;
}

// ---------------------------------------------------------------- gauss

/**
 * "Gaussian": two normal blobs, numSamples/2 points around (2, 2) labelled +1,
 * then numSamples/2 around (-2, -2) labelled -1. Noise widens both blobs: the
 * variance (per axis) is noise mapped linearly from [0, 0.5] to [0.5, 4]
 * (standard deviation 0.71 .. 2). Each coordinate is one `normalRandom`, which
 * draws pairs of numbers until one falls in the unit disc.
 */
export function classifyTwoGaussData(numSamples: number, noise: number, rng: RandomSource): Example2D[] {
  const points: Example2D[] = [];
  const variance = linearScale(noise, 0, 0.5, 0.5, 4);
  const gen = (cx: number, cy: number, label: number): void => {
    for (let i = 0; i < numSamples / 2; i++) {
      const x = normalRandom(rng, cx, variance);
      const y = normalRandom(rng, cy, variance);
      points.push({ x, y, label });
    }
  };
  gen(2, 2, 1);
  gen(-2, -2, -1);
  return points;
}

// ---------------------------------------------------------------- spiral

/**
 * "Spiral": two interleaved Archimedean spirals of n = numSamples/2 points
 * each. Point i of a spiral has radius r = 5 i / n (0 .. 5) and angle
 * t = 1.75 · 2π · i / n + deltaT (1.75 turns), deltaT = 0 for the +1 spiral and
 * π for the -1 spiral (the same curve rotated half a turn). Noise moves the
 * point itself by U(-1, 1) * noise on each axis (so at most ±0.5).
 * Random numbers per point: noise x, noise y.
 */
export function classifySpiralData(numSamples: number, noise: number, rng: RandomSource): Example2D[] {
  const points: Example2D[] = [];
  const n = numSamples / 2;
  const gen = (deltaT: number, label: number): void => {
    for (let i = 0; i < n; i++) {
      const r = (i / n) * 5;
      const t = ((1.75 * i) / n) * 2 * Math.PI + deltaT;
      const x = r * Math.sin(t) + randUniform(rng, -1, 1) * noise;
      const y = r * Math.cos(t) + randUniform(rng, -1, 1) * noise;
      points.push({ x, y, label });
    }
  };
  gen(0, 1);
  gen(Math.PI, -1);
  return points;
}

// ---------------------------------------------------------------- regression

/** Plane's clean label: (x + y) mapped linearly from [-10, 10] to [-1, 1] (= (x + y) / 10, not clamped). */
export function planeLabel(x: number, y: number): number {
  return linearScale(x + y, -10, 10, -1, 1);
}

/**
 * "Plane" (regression): numSamples points x, y ~ U(-6, 6); the label is the
 * plane rule at the point shifted by noise ~ U(-6, 6) * noise on each axis.
 * Labels lie in [-1.2, 1.2] at noise 0 ((±12) / 10) and up to ±1.8 with noise
 * 0.5: TF does not clamp them.
 * Random numbers per point: x, y, noiseX, noiseY.
 */
export function regressPlane(numSamples: number, noise: number, rng: RandomSource): Example2D[] {
  return regressionPoints(numSamples, noise, rng, planeLabel);
}

/**
 * The sampling both regression sets share: x, y ~ U(-6, 6), labelled at the
 * point shifted by U(-6, 6) * noise on each axis (4 random numbers a point).
 */
function regressionPoints(
  numSamples: number,
  noise: number,
  rng: RandomSource,
  label: (x: number, y: number) => number,
): Example2D[] {
  const points: Example2D[] = [];
  const radius = 6;
  for (let i = 0; i < numSamples; i++) {
    const x = randUniform(rng, -radius, radius);
    const y = randUniform(rng, -radius, radius);
    const noiseX = randUniform(rng, -radius, radius) * noise;
    const noiseY = randUniform(rng, -radius, radius) * noise;
    points.push({ x, y, label: label(x + noiseX, y + noiseY) });
  }
  return points;
}

/** Centres (cx, cy) and signs of the six bumps of "multi gaussian", in TF's order. */
export const REG_GAUSSIANS: readonly (readonly [number, number, number])[] = [
  [-4, 2.5, 1],
  [0, 2.5, -1],
  [4, 2.5, 1],
  [-4, -2.5, -1],
  [0, -2.5, 1],
  [4, -2.5, -1],
];

/**
 * Multi-gaussian's clean label: each bump contributes sign · s(d), where d is
 * the distance to its centre and s maps [0, 2] linearly to [1, 0], clamped (a
 * cone of radius 2, despite the name); the label is the contribution with the
 * largest absolute value (starting from 0 and replaced only when strictly
 * larger, so a tie keeps the earlier bump). 0 farther than 2 from every centre.
 */
export function regGaussLabel(x: number, y: number): number {
  let label = 0;
  for (const [cx, cy, sign] of REG_GAUSSIANS) {
    const newLabel = sign * linearScale(dist(x, y, cx, cy), 0, 2, 1, 0, true);
    if (Math.abs(newLabel) > Math.abs(label)) label = newLabel;
  }
  return label;
}

/**
 * "Multi gaussian" (regression): numSamples points x, y ~ U(-6, 6), labelled
 * with regGaussLabel at the point shifted by noise ~ U(-6, 6) * noise per axis.
 * Random numbers per point: x, y, noiseX, noiseY.
 */
export function regressGaussian(numSamples: number, noise: number, rng: RandomSource): Example2D[] {
  return regressionPoints(numSamples, noise, rng, regGaussLabel);
}

// ---------------------------------------------------------------- several classes

/** Fewest and most classes of a multi-class data set. */
export const MIN_DATASET_CLASSES = 3;
export const MAX_DATASET_CLASSES = 6;

/**
 * Points of class c (0..k-1) when `numSamples` are shared by k classes as
 * evenly as whole numbers allow: floor(n (c+1) / k) - floor(n c / k), e.g.
 * 166, 167, 167 of 500 for three classes (the later classes get the extra points).
 */
export function classCount(numSamples: number, classes: number, c: number): number {
  return Math.floor((numSamples * (c + 1)) / classes) - Math.floor((numSamples * c) / classes);
}

/** The number of classes a multi-class generator makes (default 3). */
function classesOf(classes: number | undefined): number {
  return classes ?? MIN_DATASET_CLASSES;
}

/** Distance of the blobs' centres from the origin. */
export const BLOB_RADIUS = 4;

/**
 * Centre of blob c of k: on the circle of radius BLOB_RADIUS, at the angle
 * 2π c / k clockwise from the top (x = R sin a, y = R cos a, as TF's circle).
 */
export function blobCentre(c: number, classes: number): readonly [number, number] {
  const a = (2 * Math.PI * c) / classes;
  return [BLOB_RADIUS * Math.sin(a), BLOB_RADIUS * Math.cos(a)];
}

/**
 * "Blobs": k normal blobs, class c around blobCentre(c, k), one after the
 * other (classCount points each). Noise widens them exactly as TF's gauss:
 * the variance per axis is noise mapped from [0, 0.5] to [0.5, 4]. Each
 * coordinate is one `normalRandom`, x first.
 */
export function classifyBlobsData(numSamples: number, noise: number, rng: RandomSource, classes?: number): Example2D[] {
  const k = classesOf(classes);
  const points: Example2D[] = [];
  const variance = linearScale(noise, 0, 0.5, 0.5, 4);
  for (let c = 0; c < k; c++) {
    const [cx, cy] = blobCentre(c, k);
    for (let i = 0; i < classCount(numSamples, k, c); i++) {
      const x = normalRandom(rng, cx, variance);
      const y = normalRandom(rng, cy, variance);
      points.push({ x, y, label: c });
    }
  }
  return points;
}

/**
 * "Arms": TF's spiral with k arms. Point i of arm c (n = classCount points)
 * has radius r = 5 i / n and angle t = 1.75 · 2π · i / n + 2π c / k, the arm
 * rotated by c k-ths of a turn (with k = 2 the arms are TF's spiral's). Noise
 * moves the point by U(-1, 1) * noise on each axis, x first, as TF's spiral.
 */
export function classifyArmsData(numSamples: number, noise: number, rng: RandomSource, classes?: number): Example2D[] {
  const k = classesOf(classes);
  const points: Example2D[] = [];
  for (let c = 0; c < k; c++) {
    const n = classCount(numSamples, k, c);
    const deltaT = (2 * Math.PI * c) / k;
    for (let i = 0; i < n; i++) {
      const r = (i / n) * 5;
      const t = ((1.75 * i) / n) * 2 * Math.PI + deltaT;
      const x = r * Math.sin(t) + randUniform(rng, -1, 1) * noise;
      const y = r * Math.cos(t) + randUniform(rng, -1, 1) * noise;
      points.push({ x, y, label: c });
    }
  }
  return points;
}

/** Outer radius of the rings (TF's circle's). */
const RINGS_RADIUS = 5;

/**
 * Rings' clean label: the ring a point at distance d from the origin lies in,
 * min(k - 1, floor(d k / 5)): ring c spans radii [5c/k, 5(c+1)/k), the last
 * ring also everything farther out.
 */
export function ringLabel(x: number, y: number, classes: number): number {
  return Math.min(classes - 1, Math.floor((dist(x, y, 0, 0) * classes) / RINGS_RADIUS));
}

/**
 * "Rings": k concentric rings, TF's circle with more of them. Class c draws
 * classCount points with radius r ~ U(5c/k + g, 5(c+1)/k - g) (ring 0 from
 * the centre, g = 0.1 · 5/k, an empty band between neighbours) and angle
 * ~ U(0, 2π), (x, y) = (r sin a, r cos a). As in TF's circle noise moves the
 * point that decides the label, by U(-5, 5) * noise on each axis: the label is
 * ringLabel at the moved point. Random numbers per point: r, angle, noiseX, noiseY.
 */
export function classifyRingsData(numSamples: number, noise: number, rng: RandomSource, classes?: number): Example2D[] {
  const k = classesOf(classes);
  const points: Example2D[] = [];
  const width = RINGS_RADIUS / k;
  const gap = 0.1 * width;
  for (let c = 0; c < k; c++) {
    const rMin = c === 0 ? 0 : c * width + gap;
    const rMax = (c + 1) * width - gap;
    for (let i = 0; i < classCount(numSamples, k, c); i++) {
      const r = randUniform(rng, rMin, rMax);
      const angle = randUniform(rng, 0, 2 * Math.PI);
      const x = r * Math.sin(angle);
      const y = r * Math.cos(angle);
      const noiseX = randUniform(rng, -RINGS_RADIUS, RINGS_RADIUS) * noise;
      const noiseY = randUniform(rng, -RINGS_RADIUS, RINGS_RADIUS) * noise;
      points.push({ x, y, label: ringLabel(x + noiseX, y + noiseY, k) });
    }
  }
  return points;
}

/**
 * Sectors' clean label: the pie slice of the point's angle, measured clockwise
 * from the top (atan2(x, y), in [0, 2π)): floor(angle k / 2π). The origin is in slice 0.
 */
export function sectorLabel(x: number, y: number, classes: number): number {
  let angle = Math.atan2(x, y);
  if (angle < 0) angle += 2 * Math.PI;
  return Math.min(classes - 1, Math.floor((angle * classes) / (2 * Math.PI)));
}

/**
 * "Sectors": k equal pie slices around the centre. Class c draws classCount
 * points at angle 2π (c + 0.05 + 0.9 u) / k, u ~ U(0, 1) (an empty wedge of a
 * tenth of a slice between neighbours, as XOR's empty cross) and radius
 * r ~ U(0.5, 5.5), (x, y) = (r sin a, r cos a). As in TF's xor noise moves the
 * point that decides the label, by U(-5, 5) * noise on each axis: the label is
 * sectorLabel at the moved point. Random numbers per point: u, r, noiseX, noiseY.
 */
export function classifySectorsData(numSamples: number, noise: number, rng: RandomSource, classes?: number): Example2D[] {
  const k = classesOf(classes);
  const points: Example2D[] = [];
  for (let c = 0; c < k; c++) {
    for (let i = 0; i < classCount(numSamples, k, c); i++) {
      const angle = (2 * Math.PI * (c + 0.05 + 0.9 * randUniform(rng, 0, 1))) / k;
      const r = randUniform(rng, 0.5, 5.5);
      const x = r * Math.sin(angle);
      const y = r * Math.cos(angle);
      const noiseX = randUniform(rng, -5, 5) * noise;
      const noiseY = randUniform(rng, -5, 5) * noise;
      points.push({ x, y, label: sectorLabel(x + noiseX, y + noiseY, k) });
    }
  }
  return points;
}

// ---------------------------------------------------------------- registry

export interface DatasetInfo {
  readonly name: DatasetName;
  /** The name TF Playground shows in its tooltip. */
  readonly title: string;
  readonly problem: Problem;
  /**
   * 'two' for TF's sets (two classes, labels -1/+1; regression sets too, where
   * `problem` is what matters), 'many' for the multi-class sets (3..6 classes,
   * labels 0..k-1, the number of classes passed to `generate`).
   */
  readonly classes: 'two' | 'many';
  readonly generate: DataGenerator;
  /**
   * The noise-free label rule, where the data set has one; used to count the
   * labels noise changed. Gauss, spiral, blobs and arms have none: their noise
   * moves points. The multi-class rules take the number of classes third.
   */
  readonly cleanLabel?: (x: number, y: number, classes: number) => number;
}

export const DATASETS: Readonly<Record<DatasetName, DatasetInfo>> = {
  circle: {
    name: 'circle',
    title: 'Circle',
    problem: 'classification',
    classes: 'two',
    generate: classifyCircleData,
    cleanLabel: circleLabel,
  },
  xor: {
    name: 'xor',
    title: 'Exclusive or',
    problem: 'classification',
    classes: 'two',
    generate: classifyXorData,
    cleanLabel: xorLabel,
  },
  gauss: { name: 'gauss', title: 'Gaussian', problem: 'classification', classes: 'two', generate: classifyTwoGaussData },
  spiral: { name: 'spiral', title: 'Spiral', problem: 'classification', classes: 'two', generate: classifySpiralData },
  'reg-plane': {
    name: 'reg-plane',
    title: 'Plane',
    problem: 'regression',
    classes: 'two',
    generate: regressPlane,
    cleanLabel: planeLabel,
  },
  'reg-gauss': {
    name: 'reg-gauss',
    title: 'Multi gaussian',
    problem: 'regression',
    classes: 'two',
    generate: regressGaussian,
    cleanLabel: regGaussLabel,
  },
  blobs: { name: 'blobs', title: 'Blobs', problem: 'classification', classes: 'many', generate: classifyBlobsData },
  arms: { name: 'arms', title: 'Spiral arms', problem: 'classification', classes: 'many', generate: classifyArmsData },
  rings: {
    name: 'rings',
    title: 'Rings',
    problem: 'classification',
    classes: 'many',
    generate: classifyRingsData,
    cleanLabel: ringLabel,
  },
  sectors: {
    name: 'sectors',
    title: 'Sectors',
    problem: 'classification',
    classes: 'many',
    generate: classifySectorsData,
    cleanLabel: sectorLabel,
  },
};

/**
 * All data set names: TF's six in its menu order (classification ones first),
 * then the multi-class sets.
 */
export const DATASET_NAMES: readonly DatasetName[] = [
  'circle',
  'xor',
  'gauss',
  'spiral',
  'reg-plane',
  'reg-gauss',
  'blobs',
  'arms',
  'rings',
  'sectors',
];

/** The multi-class data sets (`DATASETS[name].classes === 'many'`), in menu order. */
export const MULTI_CLASS_DATASET_NAMES: readonly MultiClassDatasetName[] = ['blobs', 'arms', 'rings', 'sectors'];

/** Whether `name` is one of the multi-class data sets. */
export function isMultiClass(name: DatasetName): name is MultiClassDatasetName {
  return DATASETS[name].classes === 'many';
}

export function isDatasetName(name: unknown): name is DatasetName {
  return typeof name === 'string' && (DATASET_NAMES as readonly string[]).includes(name);
}

/** Whether a data set is a classification or a regression problem. */
export function problemOf(name: DatasetName): Problem {
  return DATASETS[name].problem;
}

/**
 * The label (x, y) would have without noise: circle (dist < 2.5 ? 1 : -1) and
 * xor (x * y >= 0 ? 1 : -1) for classification, the plane and
 * multi-gaussian rules for regression, and the ring or slice of rings and
 * sectors (of `classes`, default 3). `undefined` for gauss, spiral, blobs and
 * arms, whose labels come from which blob or arm drew the point, not from its
 * position. Compare with a point's label to count the labels noise flipped.
 */
export function cleanLabel(name: DatasetName, x: number, y: number, classes = MIN_DATASET_CLASSES): number | undefined {
  const rule = DATASETS[name].cleanLabel;
  return rule ? rule(x, y, classes) : undefined;
}
