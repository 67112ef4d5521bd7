/**
 * How a trainer reads a network's numbers: both losses, accuracy, and whether
 * every map of a grid pass is finite. Each is computed once per state of the
 * network (see Evaluator), and the maps' finiteness is proved from the
 * parameters where it can be, instead of scanning half a million values.
 */
import type { Problem } from '@nn/datasets';
import { fitsF32, parameterLayout, type Activation, type DataSet, type EngineDataSet, type Network, type OutputActivation } from '@nn/engine';
import { allFitF32, classified, outputsOf } from './data.js';

/** Both losses of a network on its training and test sets, as `network.loss()` gives them. */
export interface Losses {
  readonly trainLoss: number;
  readonly testLoss: number;
}

export function lossesFinite(losses: Losses): boolean {
  return fitsF32(losses.trainLoss) && fitsF32(losses.testLoss);
}

/** True when every weight and bias is finite in f32. */
export function parametersFinite(network: Network): boolean {
  return allFitF32(network.weights()) && allFitF32(network.biases());
}

/**
 * Bound below which no value of a forward pass can overflow f32 (3.4e38), with
 * room to spare for rounding: a sum of terms whose magnitudes add up to B is
 * at most B(1 + 2^-23)^n in floating point, for any order of summation.
 */
const SAFE_BOUND = 1e30;

/** The points of a grid pass: only their features matter here. */
type Points = Pick<DataSet, 'inputSize' | 'inputs'>;

/** Largest magnitude of each feature over a set's points, as f32 (what the WASM core sees). */
const inputBounds = new WeakMap<Points, Float64Array>();

function boundsOf(points: Points): Float64Array {
  let bounds = inputBounds.get(points);
  if (!bounds) {
    const n = points.inputSize;
    bounds = new Float64Array(n);
    const { inputs } = points;
    for (let k = 0; k < inputs.length; k++) {
      const v = Math.abs(inputs[k]!);
      if (!(v <= bounds[k % n]!)) bounds[k % n] = v;
    }
    for (let f = 0; f < n; f++) bounds[f] = Math.max(bounds[f]!, Math.abs(Math.fround(bounds[f]!)));
    inputBounds.set(points, bounds);
  }
  return bounds;
}

/** Largest |activation(z)| for |z| <= zBound. */
function activationBound(activation: Activation | OutputActivation, zBound: number): number {
  return activation === 'tanh' || activation === 'sigmoid' || activation === 'softmax' ? 1 : zBound;
}

/**
 * An upper bound on |value| of every node at every point of `points` (interval
 * arithmetic layer by layer: |z_j| <= |b_j| + sum_i |w_ij| * bound_i). Dead
 * links count: they still take part in the forward pass. NaN or Infinity when
 * a parameter is not finite.
 */
export function forwardBound(network: Network, points: Points): number {
  const { layerSizes, weightOffsets, biasOffsets } = parameterLayout(network.shape);
  const weights = network.weights();
  const biases = network.biases();
  let previous: ArrayLike<number> = boundsOf(points);
  let largest = 0;
  for (let l = 1; l < layerSizes.length; l++) {
    const size = layerSizes[l]!;
    const inputs = layerSizes[l - 1]!;
    const activation = l === layerSizes.length - 1 ? network.shape.outputActivation : network.shape.activation;
    const current = new Float64Array(size);
    for (let j = 0; j < size; j++) {
      let z = Math.abs(biases[biasOffsets[l]! + j]!);
      const row = weightOffsets[l]! + j * inputs;
      for (let i = 0; i < inputs; i++) z += Math.abs(weights[row + i]!) * previous[i]!;
      // NaN stays NaN through the comparisons below: the caller treats it as unbounded.
      if (!(z <= largest)) largest = z;
      current[j] = activationBound(activation, z);
    }
    previous = current;
  }
  return largest;
}

/**
 * True when every value of `grid` (a grid pass of `network` over `points`) is
 * finite. Proved without reading the maps when the network's parameters
 * bound every node far below f32's range; only a network with huge weights
 * and unbounded activations (linear, ReLU) is scanned.
 */
export function gridFinite(network: Network, points: Points, grid: ArrayLike<number>): boolean {
  const bound = forwardBound(network, points);
  if (bound < SAFE_BOUND) return true;
  return allFitF32(grid);
}

/** Both losses of `network` on the two sets, one `network.loss()` pass each. */
export function lossesOf(network: Network, trainSet: EngineDataSet, testSet: EngineDataSet): Losses {
  return { trainLoss: network.loss(trainSet), testLoss: network.loss(testSet) };
}

/** A classifier's accuracy and confusion matrices on both sets (undefined matrices for regression). */
export interface Accuracies {
  /** NaN for regression. */
  readonly trainAccuracy: number;
  readonly testAccuracy: number;
  /** 2 for two classes, the softmax's outputs for more, 0 for regression. */
  readonly classes: number;
  readonly trainConfusion?: Uint32Array;
  readonly testConfusion?: Uint32Array;
}

/**
 * Training and test accuracy of a classifier and its confusion matrices, all
 * from one prediction pass over each set (see `classified`); NaN and no
 * matrices for regression.
 */
export function accuraciesOf(
  network: Network,
  problem: Problem,
  sets: { trainSet: EngineDataSet; testSet: EngineDataSet },
  labels: { train: ArrayLike<number>; test: ArrayLike<number> },
): Accuracies {
  if (problem !== 'classification') return { trainAccuracy: NaN, testAccuracy: NaN, classes: 0 };
  const { outputActivation } = network.shape;
  const size = outputsOf(network);
  const train = classified(network.predict(sets.trainSet), labels.train, outputActivation, size);
  const test = classified(network.predict(sets.testSet), labels.test, outputActivation, size);
  return {
    trainAccuracy: train.accuracy,
    testAccuracy: test.accuracy,
    classes: outputActivation === 'softmax' ? size : 2,
    trainConfusion: train.confusion,
    testConfusion: test.confusion,
  };
}

/**
 * Both losses of a network as it is now, computed once per state: `key` is
 * a number that changes whenever the network, its parameters or its sets do
 * (the trainer's version).
 */
export class LossMemo {
  private key: number | undefined;
  private losses: Losses | undefined;

  get(key: number, compute: () => Losses): Losses {
    if (this.key !== key || !this.losses) {
      this.losses = compute();
      this.key = key;
    }
    return this.losses;
  }

  /** Takes losses computed on the way (e.g. after the last epoch trained) as those at `key`. */
  set(key: number, losses: Losses): void {
    this.key = key;
    this.losses = losses;
  }
}
