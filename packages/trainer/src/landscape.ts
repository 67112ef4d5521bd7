/**
 * The loss landscape (Li et al. 2018, "Visualizing the Loss Landscape of
 * Neural Nets"): the training loss on a plane through the current parameters
 * p, at p + alpha * d1 + beta * d2 for a grid of (alpha, beta), computed by the
 * engine in one call (`Network.lossesOnPlane`), and a 1-D slice along the
 * current full-batch gradient with the learning rate's step marked.
 *
 * Directions:
 * - 'random': two Gaussian directions with the weights' shape, each
 *   filter-normalised: the row of a node's incoming weights in the direction
 *   is rescaled to the norm of that node's incoming weights in the network
 *   (for an MLP a "filter" is one node's incoming weights). Biases get
 *   direction 0, as Li et al. do by default (their `ignore='biasbn'`), and so
 *   do dead links (L1 has fixed them for good). Drawn from the playground's
 *   seeded generator, so one seed gives one picture.
 * - 'path': the two main directions (PCA) of the path the weights took so
 *   far, measured from the current point (Li et al. section 7), each scaled to
 *   the distance of the path's farthest point, so that the path lies within
 *   alpha, beta in [-1, 1].
 *
 * Everything here is a function of its arguments: the trainer passes the
 * session's network and data; nothing is kept between calls. The network is
 * left exactly as it was (parameters, dead links, batch in progress).
 */
import { Prng, normalRandom } from '@nn/datasets';
import {
  LIMITS,
  type DataSet,
  type Direction,
  type Engine,
  type EngineDataSet,
  type Network,
  type TrainSettings,
} from '@nn/engine';
import { TrainerError } from './errors.js';

export type LandscapeDirections = 'random' | 'path';
export const LANDSCAPE_DIRECTIONS: readonly LandscapeDirections[] = ['random', 'path'];

export const LANDSCAPE_LIMITS = {
  /** Fewest points per side of the plane (odd). */
  minSize: 41,
  /** Most points per side (odd): 101 x 101 = 10,201 losses. */
  maxSize: 101,
  /** Largest span: alpha and beta run over [-span, span]. */
  maxSpan: 10,
  /** Points of the 1-D slice along the gradient (odd, so t = 0 is one of them). */
  sliceSize: 81,
} as const;

export interface LandscapeRequest {
  /** Points per side of the square plane: odd, LANDSCAPE_LIMITS.minSize..maxSize. */
  readonly size: number;
  /** alpha and beta run over [-span, span]: 1 is a step as long as the weights themselves (random directions) or the path's farthest point (path). 0 < span <= maxSpan. */
  readonly span: number;
  readonly directions: LandscapeDirections;
  /** Seed of the random directions; the run's seed (+ ':landscape') if omitted. */
  readonly seed?: string;
}

/** One point of the run's path: the parameters at an epoch (the training timeline's `path()`). */
export interface PathPoint {
  readonly epoch: number;
  readonly weights: ArrayLike<number>;
  readonly biases: ArrayLike<number>;
}

export interface LandscapeResult {
  readonly epoch: number;
  readonly directions: LandscapeDirections;
  /** The seed the random directions were drawn from ('' for path directions). */
  readonly seed: string;
  readonly size: number;
  readonly span: number;
  /** The coordinates along each direction, `size` values from -span to span; the middle one is exactly 0. */
  readonly axis: Float64Array;
  /** `size * size` training losses in the engine's precision, row-major by beta: `losses[j * size + i]` at (axis[i], axis[j]). */
  readonly losses: Float32Array | Float64Array;
  /** The loss at (0, 0): the current training loss, exactly. */
  readonly centreLoss: number;
  /** The path projected on the plane (least squares), oldest first, the current point last at (0, 0); empty without a path. */
  readonly path: { readonly epoch: number; readonly alpha: number; readonly beta: number }[];
  /** Points of the run's path the trainer had (path directions need at least two). */
  readonly pathPoints: number;
  /** Share of the path's spread along d1 and d2 (PCA only; [] for random directions). */
  readonly explained: number[];
  readonly slice: GradientSlice;
}

/**
 * The loss along the current full-batch gradient g (mean over the training set
 * of dE/dw and dE/db, the regularisation term left out): the loss at p - t g
 * for each t. t = learningRate is the plain gradient step.
 */
export interface GradientSlice {
  readonly t: Float64Array;
  readonly losses: Float32Array | Float64Array;
  readonly learningRate: number;
  /** |g|, over weights and biases. */
  readonly gradientNorm: number;
  /** The loss at p - learningRate g. */
  readonly stepLoss: number;
  /**
   * The training loss after one real full-batch update by the engine (with the
   * regularisation term and dead links), or null when the training set is
   * larger than the largest batch.
   */
  readonly realStepLoss: number | null;
}

function refuse(what: string, got: unknown, rule: string): never {
  throw new TrainerError('landscape', `The landscape's ${what} ${rule}; got ${String(got)}.`, { what, got: String(got) });
}

export function checkLandscapeRequest(request: LandscapeRequest): void {
  if (request === null || typeof request !== 'object') refuse('request', request, 'must be an object');
  const { size, span, directions, seed } = request;
  const { minSize, maxSize, maxSpan } = LANDSCAPE_LIMITS;
  if (!Number.isInteger(size) || size < minSize || size > maxSize || size % 2 === 0) {
    refuse('size', size, `must be an odd whole number from ${minSize} to ${maxSize}`);
  }
  if (typeof span !== 'number' || !Number.isFinite(span) || span <= 0 || span > maxSpan) {
    refuse('span', span, `must be a number greater than 0 and at most ${maxSpan}`);
  }
  if (!LANDSCAPE_DIRECTIONS.includes(directions)) refuse('directions', directions, "must be 'random' or 'path'");
  if (seed !== undefined && (typeof seed !== 'string' || seed === '')) refuse('seed', seed, 'must be a non-empty string');
}

/** `size` coordinates from -span to span (size odd); the middle one is exactly 0. */
export function planeAxis(size: number, span: number): Float64Array {
  const half = (size - 1) / 2;
  return Float64Array.from({ length: size }, (_, i) => (span * (i - half)) / half);
}

/**
 * A filter-normalised Gaussian direction (see the module comment): for node j
 * of layer l, the row `weights[woff(l) + j * size[l-1] ..][.. size[l-1]]` is
 * drawn from N(0, 1) and rescaled to the norm of the same row of `weights`.
 * Dead links and biases get 0.
 */
export function filterNormalizedDirection(
  layerSizes: readonly number[],
  weights: ArrayLike<number>,
  dead: ArrayLike<number>,
  rng: { next(): number },
): Direction {
  const d = new Float64Array(weights.length);
  let offset = 0;
  for (let l = 1; l < layerSizes.length; l++) {
    const fanIn = layerSizes[l - 1]!;
    for (let j = 0; j < layerSizes[l]!; j++, offset += fanIn) {
      let wNorm = 0;
      let dNorm = 0;
      for (let i = offset; i < offset + fanIn; i++) {
        const v = dead[i] ? 0 : normalRandom(rng);
        d[i] = v;
        wNorm += weights[i]! * weights[i]!;
        dNorm += v * v;
      }
      const scale = dNorm > 0 ? Math.sqrt(wNorm) / Math.sqrt(dNorm) : 0;
      for (let i = offset; i < offset + fanIn; i++) d[i]! *= scale;
    }
  }
  let biasCount = 0;
  for (let l = 1; l < layerSizes.length; l++) biasCount += layerSizes[l]!;
  return { weights: d, biases: new Float64Array(biasCount) };
}

/** Parameters as one vector: weights then biases. */
function flat(weights: ArrayLike<number>, biases: ArrayLike<number>): Float64Array {
  const v = new Float64Array(weights.length + biases.length);
  v.set(Array.from(weights));
  v.set(Array.from(biases), weights.length);
  return v;
}

function split(v: Float64Array, weightCount: number): Direction {
  return { weights: v.subarray(0, weightCount), biases: v.subarray(weightCount) };
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += a[k]! * b[k]!;
  return s;
}

/**
 * The two main directions of the path (PCA of the points p_i - p about the
 * current point p, as Li et al. do), by power iteration on the m x m Gram
 * matrix of the m path points (m is small, the parameters many). Each
 * direction is scaled to the largest |p_i - p|. Undefined when the path has
 * fewer than two points away from p.
 */
export function pathDirections(
  path: readonly PathPoint[],
  weights: ArrayLike<number>,
  biases: ArrayLike<number>,
): { d1: Direction; d2: Direction; explained: number[] } | undefined {
  const p = flat(weights, biases);
  const rows = path.map((point) => {
    const v = flat(point.weights, point.biases);
    for (let k = 0; k < v.length; k++) v[k]! -= p[k]!;
    return v;
  });
  const moved = rows.filter((v) => dot(v, v) > 0);
  if (moved.length < 2) return undefined;
  const m = moved.length;
  const gram = moved.map((a) => moved.map((b) => dot(a, b)));
  const total = gram.reduce((s, row, i) => s + row[i]!, 0);
  const components: Float64Array[] = [];
  const explained: number[] = [];
  for (let c = 0; c < 2; c++) {
    // Power iteration with deflation against the components found so far
    // (in parameter space), from a fixed start so the result is reproducible.
    let u = Float64Array.from({ length: m }, (_, i) => 1 + i / m);
    let v = new Float64Array(p.length);
    let lambda = 0;
    for (let iter = 0; iter < 500; iter++) {
      v = new Float64Array(p.length);
      for (let i = 0; i < m; i++) for (let k = 0; k < p.length; k++) v[k]! += u[i]! * moved[i]![k]!;
      for (const prior of components) {
        const s = dot(v, prior);
        for (let k = 0; k < v.length; k++) v[k]! -= s * prior[k]!;
      }
      const norm = Math.sqrt(dot(v, v));
      if (norm === 0) return undefined;
      for (let k = 0; k < v.length; k++) v[k]! /= norm;
      const next = Float64Array.from(moved, (row) => dot(row, v));
      const nextLambda = dot(next, next);
      u = next;
      if (Math.abs(nextLambda - lambda) <= 1e-12 * nextLambda) {
        lambda = nextLambda;
        break;
      }
      lambda = nextLambda;
    }
    components.push(v);
    explained.push(total > 0 ? lambda / total : 0);
  }
  const reach = Math.sqrt(Math.max(...moved.map((v) => dot(v, v))));
  const [d1, d2] = components.map((v) => split(v.map((x) => x * reach), weights.length)) as [Direction, Direction];
  return { d1, d2, explained };
}

/**
 * Coordinates (alpha, beta) of each path point on the plane: the least-squares
 * solution of p_i - p = alpha d1 + beta d2 (d1, d2 need not be orthogonal).
 */
export function projectPath(
  path: readonly PathPoint[],
  weights: ArrayLike<number>,
  biases: ArrayLike<number>,
  d1: Direction,
  d2: Direction,
): { epoch: number; alpha: number; beta: number }[] {
  const p = flat(weights, biases);
  const a = flat(d1.weights, d1.biases);
  const b = flat(d2.weights, d2.biases);
  const aa = dot(a, a);
  const bb = dot(b, b);
  const ab = dot(a, b);
  const det = aa * bb - ab * ab;
  return path.map((point) => {
    const v = flat(point.weights, point.biases);
    for (let k = 0; k < v.length; k++) v[k]! -= p[k]!;
    const va = dot(v, a);
    const vb = dot(v, b);
    if (!(det > 0)) return { epoch: point.epoch, alpha: 0, beta: 0 };
    return { epoch: point.epoch, alpha: (va * bb - vb * ab) / det, beta: (vb * aa - va * ab) / det };
  });
}

/**
 * The mean gradient over the whole training set at the network's current
 * parameters, computed on a scratch network of the same engine: per chunk of
 * at most maxBatchSize - 1 points, one epoch with a batch larger than the
 * chunk accumulates the sums without an update. `network` is not touched.
 */
export function fullBatchGradient(engine: Engine, network: Network, train: DataSet, settings: TrainSettings): Direction {
  const points = train.labels.length;
  const chunk = LIMITS.maxBatchSize - 1;
  const parameters = { weights: network.weights().slice(), biases: network.biases().slice(), dead: network.deadLinks().slice() };
  const scratch = engine.createNetwork(network.shape);
  const gw = new Float64Array(network.weightCount);
  const gb = new Float64Array(network.biasCount);
  try {
    for (let start = 0; start < points; start += chunk) {
      const end = Math.min(points, start + chunk);
      const set = engine.createDataSet({
        inputSize: train.inputSize,
        inputs: train.inputs.subarray(start * train.inputSize, end * train.inputSize),
        labels: train.labels.subarray(start, end),
      });
      try {
        scratch.setParameters(parameters);
        scratch.trainEpochs(set, { ...settings, batchSize: end - start + 1 }, 1);
        const batch = scratch.batchState();
        for (let k = 0; k < gw.length; k++) gw[k]! += batch.weightGradients[k]!;
        for (let k = 0; k < gb.length; k++) gb[k]! += batch.biasGradients[k]!;
      } finally {
        set.free();
      }
    }
  } finally {
    scratch.free();
  }
  for (let k = 0; k < gw.length; k++) gw[k]! /= points;
  for (let k = 0; k < gb.length; k++) gb[k]! /= points;
  return { weights: gw, biases: gb };
}

/** The training loss after one real full-batch update of a copy of `network` (null if the set exceeds a batch). */
function realStepLoss(engine: Engine, network: Network, trainSet: EngineDataSet, settings: TrainSettings): number | null {
  if (trainSet.size > LIMITS.maxBatchSize) return null;
  const scratch = engine.createNetwork(network.shape);
  try {
    scratch.setParameters({ weights: network.weights().slice(), biases: network.biases().slice(), dead: network.deadLinks().slice() });
    scratch.trainEpochs(trainSet, { ...settings, batchSize: trainSet.size }, 1);
    return scratch.loss(trainSet);
  } finally {
    scratch.free();
  }
}

export interface LandscapeInputs {
  readonly engine: Engine;
  readonly network: Network;
  readonly trainSet: EngineDataSet;
  /** The same training points as `trainSet`, as the trainer made them. */
  readonly train: DataSet;
  readonly settings: TrainSettings;
  readonly epoch: number;
  /** The run's seed: random directions default to `${runSeed}:landscape`. */
  readonly runSeed: string;
}

/** The landscape and the gradient slice at the network's current parameters (see the module comment). */
export function computeLandscape(inputs: LandscapeInputs, request: LandscapeRequest, path: readonly PathPoint[]): LandscapeResult {
  checkLandscapeRequest(request);
  const { engine, network, trainSet, train, settings } = inputs;
  const weights = network.weights().slice();
  const biases = network.biases().slice();
  let d1: Direction;
  let d2: Direction;
  let explained: number[] = [];
  let seed = '';
  if (request.directions === 'path') {
    const found = pathDirections(path, weights, biases);
    if (!found) {
      throw new TrainerError(
        'landscapePath',
        'The path directions need the weights of at least two earlier epochs of this run; train a little longer, or use random directions.',
      );
    }
    ({ d1, d2, explained } = found);
  } else {
    seed = request.seed ?? `${inputs.runSeed}:landscape`;
    const rng = new Prng(seed);
    const dead = network.deadLinks().slice();
    d1 = filterNormalizedDirection(network.layerSizes, weights, dead, rng);
    d2 = filterNormalizedDirection(network.layerSizes, weights, dead, rng);
  }
  const axis = planeAxis(request.size, request.span);
  const losses = network.lossesOnPlane(trainSet, { d1, d2, alphas: axis, betas: axis });
  const half = (request.size - 1) / 2;
  const centreLoss = losses[half * request.size + half]!;

  const gradient = fullBatchGradient(engine, network, train, settings);
  const gradientNorm = Math.sqrt(dot(gradient.weights, gradient.weights) + dot(gradient.biases, gradient.biases));
  // t from -tMax / 4 to tMax: as far along the gradient as the plane's span
  // reaches (span times the weights' norm), so that the slice shows the
  // bowl (or its lack) around the step, and never less than 4 steps.
  const weightNorm = Math.sqrt(dot(weights, weights) + dot(biases, biases));
  const lr = settings.learningRate;
  const tMax = Math.max(4 * lr, gradientNorm > 0 ? (request.span * weightNorm) / gradientNorm : 0);
  const n = LANDSCAPE_LIMITS.sliceSize;
  const t = Float64Array.from({ length: n }, (_, i) => -tMax / 4 + ((5 * tMax) / 4) * (i / (n - 1)));
  // The step itself and 0 are evaluated exactly: put them in as extra points, kept sorted.
  const ts = Float64Array.from(new Set([...t, 0, lr])).sort();
  const down = { weights: Float64Array.from(gradient.weights, (g) => -g), biases: Float64Array.from(gradient.biases, (g) => -g) };
  const zero = { weights: new Float64Array(weights.length), biases: new Float64Array(biases.length) };
  const sliceLosses = network.lossesOnPlane(trainSet, { d1: down, d2: zero, alphas: ts, betas: [0] });
  const stepLoss = sliceLosses[ts.indexOf(lr)]!;

  const projected = path.length > 0 ? [...projectPath(path, weights, biases, d1, d2), { epoch: inputs.epoch, alpha: 0, beta: 0 }] : [];
  return {
    epoch: inputs.epoch,
    directions: request.directions,
    seed,
    size: request.size,
    span: request.span,
    axis,
    losses,
    centreLoss,
    path: projected,
    pathPoints: path.length,
    explained,
    slice: {
      t: ts,
      losses: sliceLosses,
      learningRate: lr,
      gradientNorm,
      stepLoss,
      realStepLoss: realStepLoss(engine, network, trainSet, settings),
    },
  };
}
