import { featureGrid, generatePlaygroundData, toDataSet, type DatasetName, type FeatureId } from '@nn/datasets';
import {
  initParameters,
  parameterLayout,
  type Engine,
  type NetworkShape,
  type OutputActivation,
  type TrainSettings,
} from '@nn/engine';

/**
 * WASM core vs TypeScript reference on fixed-seed setups, measured side by
 * side in one run. Every figure is a median over repeated samples; each
 * sample times a block of calls long enough for the clock.
 */

export interface BenchConfig {
  readonly name: string;
  readonly dataset: DatasetName;
  readonly features: readonly FeatureId[];
  readonly hiddenSizes: readonly number[];
  readonly settings: TrainSettings;
  readonly seed: string;
  /** Left out: TF's tanh output with squared error. */
  readonly outputActivation?: OutputActivation;
  /** Classes of a multi-class data set (softmax output with as many nodes). */
  readonly classes?: number;
}

const base: TrainSettings = { learningRate: 0.03, batchSize: 10, regularization: 'none', regularizationRate: 0 };

export const CONFIGS: readonly BenchConfig[] = [
  { name: 'default', dataset: 'circle', features: ['x', 'y'], hiddenSizes: [4, 2], settings: base, seed: '0.12345' },
  {
    name: 'heavy',
    dataset: 'spiral',
    features: ['x', 'y', 'xSquared', 'ySquared', 'xTimesY', 'sinX', 'sinY'],
    hiddenSizes: [8, 8, 8, 8, 8, 8],
    settings: base,
    seed: '0.12345',
  },
  {
    name: 'heavy-sigmoid',
    dataset: 'spiral',
    features: ['x', 'y', 'xSquared', 'ySquared', 'xTimesY', 'sinX', 'sinY'],
    hiddenSizes: [8, 8, 8, 8, 8, 8],
    settings: base,
    seed: '0.12345',
    outputActivation: 'sigmoid',
  },
  {
    name: 'heavy-softmax3',
    dataset: 'arms',
    features: ['x', 'y', 'xSquared', 'ySquared', 'xTimesY', 'sinX', 'sinY'],
    hiddenSizes: [8, 8, 8, 8, 8, 8],
    settings: base,
    seed: '0.12345',
    outputActivation: 'softmax',
    classes: 3,
  },
];

export const GRID_DENSITY = 100;

export interface BenchResult {
  config: string;
  engine: string;
  /** Points in the training set (one epoch visits each once). */
  trainPoints: number;
  /** One epoch over the training set. */
  epochMs: number;
  /** Mean loss over the training set plus over the test set. */
  lossMs: number;
  /** Every node's output at every point of the 100 x 100 grid. */
  gridMs: number;
  /** One epoch + train loss + test loss + grid pass: what one animation frame costs. */
  frameMs: number;
  epochGflops: number;
  gridGflops: number;
}

export interface BenchReport {
  peakGflops: number;
  results: BenchResult[];
  meta: {
    date: string;
    node: string;
    samples: number;
    flopModel: string;
  };
}

export interface BenchOptions {
  /** Samples per measurement (the median is reported). */
  samples: number;
  /** Minimum milliseconds one sample runs for. */
  minSampleMs: number;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Median milliseconds per call of `fn`, each sample a block of calls lasting at least minSampleMs. */
export function timePerCall(fn: () => void, options: BenchOptions): number {
  // Warm up (JIT, caches) and size the block.
  let calls = 1;
  for (;;) {
    const start = performance.now();
    for (let k = 0; k < calls; k++) fn();
    const elapsed = performance.now() - start;
    if (elapsed >= options.minSampleMs) break;
    calls = Math.ceil(calls * Math.max(2, (options.minSampleMs * 1.2) / Math.max(elapsed, 1e-3)));
  }
  const samples: number[] = [];
  for (let s = 0; s < options.samples; s++) {
    const start = performance.now();
    for (let k = 0; k < calls; k++) fn();
    samples.push((performance.now() - start) / calls);
  }
  return median(samples);
}

/**
 * Floating-point operations, counting a multiply and an add as two:
 * forward 2W per point (W = weights), backward 2W for the weight gradients
 * plus 2(W - W1) to carry dE/d(output) back through every layer but the
 * first (W1 = first layer's weights). Activations, biases and updates are
 * not counted, so the rates are a lower bound.
 */
export function flopsPerEpoch(shape: NetworkShape, points: number): number {
  const layout = parameterLayout(shape);
  const w = layout.weightCount;
  const w1 = layout.layerSizes[0]! * layout.layerSizes[1]!;
  return points * (2 * w + 2 * w + 2 * (w - w1));
}

export function flopsPerGrid(shape: NetworkShape, points: number): number {
  return points * 2 * parameterLayout(shape).weightCount;
}

export const FLOP_MODEL =
  'multiply and add count as 2; epoch = points * (forward 2W + weight gradients 2W + back-propagation 2(W - W1)); grid = points * 2W; activations, biases and updates not counted';

export function benchConfig(engine: Engine, config: BenchConfig, options: BenchOptions): BenchResult {
  const shape: NetworkShape = {
    inputSize: config.features.length,
    hiddenSizes: config.hiddenSizes,
    activation: 'tanh',
    outputActivation: config.outputActivation ?? 'tanh',
    ...(config.classes ? { outputSize: config.classes } : {}),
  };
  const { train, test, rng } = generatePlaygroundData({
    dataset: config.dataset,
    noise: 0,
    trainRatio: 50,
    seed: config.seed,
    ...(config.classes ? { classes: config.classes } : {}),
  });
  const init = initParameters(shape, () => rng.next());
  const net = engine.createNetwork(shape);
  net.setParameters(init);
  const trainSet = engine.createDataSet(toDataSet(train, config.features));
  const testSet = engine.createDataSet(toDataSet(test, config.features));
  const grid = engine.createDataSet(featureGrid(config.features, GRID_DENSITY));
  const gridPoints = GRID_DENSITY * GRID_DENSITY;
  try {
    const epochMs = timePerCall(() => net.trainEpochs(trainSet, config.settings), options);
    const lossMs = timePerCall(() => {
      net.loss(trainSet);
      net.loss(testSet);
    }, options);
    const gridMs = timePerCall(() => net.grid(grid), options);
    const frameMs = timePerCall(() => {
      net.trainEpochs(trainSet, config.settings);
      net.loss(trainSet);
      net.loss(testSet);
      net.grid(grid);
    }, options);
    return {
      config: config.name,
      engine: engine.name,
      trainPoints: train.length,
      epochMs,
      lossMs,
      gridMs,
      frameMs,
      epochGflops: flopsPerEpoch(shape, train.length) / (epochMs * 1e6),
      gridGflops: flopsPerGrid(shape, gridPoints) / (gridMs * 1e6),
    };
  } finally {
    net.free();
    trainSet.free();
    testSet.free();
    grid.free();
  }
}

/** GFLOP/s of the core's calibration loop: independent SIMD multiply-add chains, the most this CPU gives wasm. */
export function calibratePeak(
  calibrate: (iterations: number) => { flops: number },
  options: BenchOptions,
): number {
  const iterations = 200_000;
  const { flops } = calibrate(iterations);
  const ms = timePerCall(() => calibrate(iterations), options);
  return flops / (ms * 1e6);
}
