/**
 * What a trainer makes from a configuration: the points (generated or
 * imported, shuffled and split with the seed), their engine inputs under the
 * chosen features, the engine handles, and the helpers that read them.
 */
import {
  featureGrid,
  generatePlaygroundData,
  splitPlaygroundPoints,
  toDataSet,
  type Example2D,
  type FeatureDataSet,
  type PlaygroundData,
  type Problem,
} from '@nn/datasets';
import {
  DEFAULT_OPTIMIZER,
  fitsF32,
  type Engine,
  type OptimizerSettings,
  type EngineDataSet,
  type Network,
  type NetworkShape,
  type OutputActivation,
  type TrainSettings,
} from '@nn/engine';
import { GRID_DENSITY, type PointsSnapshot, type TrainerConfig } from './protocol.js';

/** The points of `config`: generated from its data set, or its imported ones, shuffled and split with `seed`. */
export function dataOf(config: DataSettings, seed = config.seed): PlaygroundData {
  if (config.imported) {
    return splitPlaygroundPoints(config.imported.points, config.imported.problem, {
      trainRatio: config.percTrainData,
      seed,
    });
  }
  return generatePlaygroundData({
    dataset: config.dataset,
    noise: config.noise,
    trainRatio: config.percTrainData,
    seed,
    ...(config.classes !== undefined && config.classes !== 2 ? { classes: config.classes } : {}),
  });
}

/** The settings that decide the points (two configs with the same ones have the same data). */
export type DataSettings = Pick<TrainerConfig, 'dataset' | 'noise' | 'percTrainData' | 'seed' | 'imported' | 'classes'>;

/** The number of classes of a configuration: 2 when left out. */
export function classesOf(config: Pick<TrainerConfig, 'classes'>): number {
  return config.classes ?? 2;
}

export function copyConfig(config: TrainerConfig): TrainerConfig {
  return {
    dataset: config.dataset,
    noise: config.noise,
    percTrainData: config.percTrainData,
    seed: config.seed,
    features: [...config.features],
    networkShape: [...config.networkShape],
    activation: config.activation,
    regularization: config.regularization,
    regularizationRate: config.regularizationRate,
    learningRate: config.learningRate,
    batchSize: config.batchSize,
    initZero: config.initZero,
    stopBelow: config.stopBelow ?? null,
    pauseAt: config.pauseAt ?? null,
    ...(config.imported ? { imported: config.imported } : {}),
    ...(keptOptimizer(config.optimizer) ? { optimizer: { ...config.optimizer! } } : {}),
    // Left out at their defaults (two classes, squared error), as in every record made before them.
    ...(config.classes !== undefined && config.classes !== 2 ? { classes: config.classes } : {}),
    ...(config.loss !== undefined && config.loss !== 'squared' ? { loss: config.loss } : {}),
  };
}

/**
 * The optimizer as a configuration keeps it: left out (undefined) for TF's SGD
 * with the default settings, so a configuration, journal or record of a plain
 * SGD run stays what it was before there were optimizers.
 */
export function keptOptimizer(optimizer: OptimizerSettings | undefined): OptimizerSettings | undefined {
  if (optimizer === undefined) return undefined;
  const same = (Object.keys(DEFAULT_OPTIMIZER) as (keyof OptimizerSettings)[]).every((k) => optimizer[k] === DEFAULT_OPTIMIZER[k]);
  return same ? undefined : optimizer;
}

/** Whether two optimizers (left out = default SGD) are the same, settings included. */
export function sameOptimizer(a: OptimizerSettings | undefined, b: OptimizerSettings | undefined): boolean {
  const [x, y] = [a ?? DEFAULT_OPTIMIZER, b ?? DEFAULT_OPTIMIZER];
  return (Object.keys(DEFAULT_OPTIMIZER) as (keyof OptimizerSettings)[]).every((k) => x[k] === y[k]);
}

export function sameData(a: TrainerConfig, b: TrainerConfig): boolean {
  return (
    a.dataset === b.dataset &&
    a.noise === b.noise &&
    a.percTrainData === b.percTrainData &&
    a.seed === b.seed &&
    a.imported?.id === b.imported?.id &&
    classesOf(a) === classesOf(b)
  );
}

export function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

export function settingsOf(config: TrainerConfig): TrainSettings {
  return {
    learningRate: config.learningRate,
    batchSize: config.batchSize,
    regularization: config.regularization,
    regularizationRate: config.regularizationRate,
    ...(config.optimizer ? { optimizer: config.optimizer } : {}),
  };
}

/**
 * The network of a configuration: its inputs and hidden layers, and the output
 * the problem asks for: regression a linear node; two classes TF's tanh node
 * (squared error), or a sigmoid node with `loss: 'cross-entropy'`; 3 or more
 * classes a softmax over one node per class.
 */
export function shapeOf(
  config: Pick<TrainerConfig, 'features' | 'networkShape' | 'activation' | 'classes' | 'loss'>,
  problem: Problem,
): NetworkShape {
  const base = { inputSize: config.features.length, hiddenSizes: [...config.networkShape], activation: config.activation };
  if (problem !== 'classification') return { ...base, outputActivation: 'linear' };
  const classes = classesOf(config);
  if (classes >= 3) return { ...base, outputActivation: 'softmax', outputSize: classes };
  return { ...base, outputActivation: config.loss === 'cross-entropy' ? 'sigmoid' : 'tanh' };
}

export interface Data {
  readonly train: Example2D[];
  readonly test: Example2D[];
  readonly problem: Problem;
}

export interface Inputs {
  readonly train: FeatureDataSet;
  readonly test: FeatureDataSet;
  readonly grid: FeatureDataSet;
}

export interface Handles {
  readonly network: Network;
  readonly trainSet: EngineDataSet;
  readonly testSet: EngineDataSet;
  readonly gridSet: EngineDataSet;
}

/** Makes the three engine data sets, freeing what was made if one fails. */
export function createSets(engine: Engine, inputs: Inputs): Pick<Handles, 'trainSet' | 'testSet' | 'gridSet'> {
  const made: EngineDataSet[] = [];
  try {
    const trainSet = engine.createDataSet(inputs.train);
    made.push(trainSet);
    const testSet = engine.createDataSet(inputs.test);
    made.push(testSet);
    const gridSet = engine.createDataSet(inputs.grid);
    return { trainSet, testSet, gridSet };
  } catch (error) {
    freeAll(made);
    throw error;
  }
}

/** The engine inputs of a data set's points under a feature list. */
export function inputsOf(data: Data, features: TrainerConfig['features'], grid?: FeatureDataSet): Inputs {
  return {
    train: toDataSet(data.train, features),
    test: toDataSet(data.test, features),
    grid: grid ?? featureGrid(features, GRID_DENSITY),
  };
}
/**
 * True when every value is finite in f32, the WASM core's precision. Past that
 * a network has diverged on either engine (the reference's f64 would go on a
 * little longer, but its maps reach the page as f32, and the engines must agree).
 */
export function allFitF32(values: ArrayLike<number>): boolean {
  for (let k = 0; k < values.length; k++) if (!fitsF32(values[k]!)) return false;
  return true;
}

/** Nodes of a network's output layer (the last of its layer sizes: 1, or the classes of a softmax). */
export function outputsOf(network: Pick<Network, 'layerSizes'>): number {
  return network.layerSizes[network.layerSizes.length - 1]!;
}

/** Fraction of points where the output's side of 0 matches the label's (a NaN output counts as wrong). */
export function accuracy(outputs: ArrayLike<number>, labels: ArrayLike<number>): number {
  return classified(outputs, labels, 'tanh', 1).accuracy;
}

/** A classifier's accuracy and confusion matrix on one set, from one prediction pass. */
export interface Classified {
  /** Fraction of points classified right; NaN for a set of no points. */
  readonly accuracy: number;
  /**
   * k x k counts, `m[true * k + predicted]` (two classes: index 0 = label -1,
   * 1 = label +1). Its cells sum to the number of points, its diagonal to the
   * points classified right.
   */
  readonly confusion: Uint32Array;
}

/**
 * Sorts each point into its true class and the class the network predicts
 * (`outputs` point-major as `Network.predict` gives them, `outputSize` per
 * point): tanh predicts +1 where the output is >= 0 (TF's sign rule), sigmoid
 * where p > 0.5, softmax the most probable class (the lowest index on a tie).
 * Labels are -1/+1 for tanh and sigmoid, class indices for softmax. A point
 * whose output is NaN counts as wrong: it goes to the next class's column
 * ((true + 1) mod k), so the matrix still holds every point.
 */
export function classified(
  outputs: ArrayLike<number>,
  labels: ArrayLike<number>,
  outputActivation: OutputActivation,
  outputSize: number,
): Classified {
  const k = outputActivation === 'softmax' ? outputSize : 2;
  const confusion = new Uint32Array(k * k);
  const n = labels.length;
  let correct = 0;
  for (let p = 0; p < n; p++) {
    const truth = k === 2 ? (labels[p]! > 0 ? 1 : 0) : labels[p]!;
    let predicted: number;
    if (outputActivation === 'softmax') {
      predicted = 0;
      let best = outputs[p * outputSize]!;
      for (let c = 1; c < outputSize && !Number.isNaN(best); c++) {
        const q = outputs[p * outputSize + c]!;
        if (q > best || Number.isNaN(q)) {
          best = q;
          predicted = c;
        }
      }
      if (Number.isNaN(best)) predicted = -1;
    } else {
      const out = outputs[p]!;
      predicted = Number.isNaN(out) ? -1 : (outputActivation === 'sigmoid' ? out > 0.5 : out >= 0) ? 1 : 0;
    }
    if (predicted < 0) predicted = (truth + 1) % k;
    if (predicted === truth) correct++;
    confusion[truth * k + predicted]!++;
  }
  return { accuracy: n === 0 ? NaN : correct / n, confusion };
}

export function pointsOf(points: readonly Example2D[]): PointsSnapshot {
  const xs = new Float32Array(points.length);
  const ys = new Float32Array(points.length);
  const labels = new Float32Array(points.length);
  points.forEach((p, i) => {
    xs[i] = p.x;
    ys[i] = p.y;
    labels[i] = p.label;
  });
  return { xs, ys, labels };
}

export function freeAll(handles: readonly ({ free(): void } | undefined)[]): void {
  for (const handle of handles) {
    try {
      handle?.free();
    } catch {
      // A handle that cannot be freed (already freed) is of no further use anyway.
    }
  }
}
