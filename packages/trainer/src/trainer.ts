/**
 * The training host: owns the data, the network and the engine handles, and
 * decides when to train. It is plain TypeScript with no knowledge of workers;
 * `worker.ts` exposes one instance over Comlink, and the tests drive it
 * directly.
 *
 * Pace: at a numeric speed s, each `frame()` call (one per animation frame on
 * the page) trains s epochs first. At 'max', training runs on its own in
 * slices of about SLICE_MS, with a MessageChannel hop between slices so that
 * commands and `frame()` calls queued by the page are served in between.
 */
import {
  DATASET_NAMES,
  FEATURE_IDS,
  featureGrid,
  COORD_LIMIT,
  MAX_IMPORT_POINTS,
  generatePlaygroundData,
  isDatasetName,
  splitPlaygroundPoints,
  isFeatureId,
  toDataSet,
  type Example2D,
  type FeatureDataSet,
  type PlaygroundData,
  type Prng,
  type Problem,
} from '@nn/datasets';
import {
  ACTIVATIONS,
  LIMITS,
  REGULARIZATIONS,
  initParameters,
  type Engine,
  type EngineDataSet,
  type Network,
  type NetworkShape,
  type TrainSettings,
} from '@nn/engine';
import { TrainerError } from './errors.js';
import {
  GRID_DENSITY,
  MAX_RUNS,
  MAX_RUN_EPOCHS,
  SPEEDS,
  type EngineName,
  type EngineStats,
  type ImportedData,
  type LiveSettings,
  type PointsSnapshot,
  type RunResult,
  type RunSpec,
  type RunsRequest,
  type RunsResult,
  type Snapshot,
  type Speed,
  type TargetStop,
  type TrainerApi,
  type TrainerConfig,
} from './protocol.js';

export { TrainerError } from './errors.js';

/** Every engine a trainer knows, in order of preference. */
export const ENGINE_NAMES: readonly EngineName[] = ['wasm', 'reference'];

/** What the trainer accepts (the UI's ranges, as in TensorFlow Playground). */
export const CONFIG_LIMITS = {
  maxHiddenLayers: 6,
  maxNeurons: 8,
  maxLearningRate: 10,
  maxBatchSize: 30,
  maxRegularizationRate: 10,
  maxNoise: 50,
  minPercTrainData: 10,
  maxPercTrainData: 90,
  /** Most epochs one `step()` call may train. */
  maxStepEpochs: 100_000,
  /** Largest loss target (`stopBelow`); it must also be greater than 0. */
  maxStopBelow: 10,
  /** Most runs one `runs()` call trains. */
  maxRuns: MAX_RUNS,
  /** Most epochs each run of one `runs()` call trains. */
  maxRunEpochs: MAX_RUN_EPOCHS,
  /** Most resets a run's first weights may come after. */
  maxRunResets: 1000,
} as const;

/** Target length of one training slice at 'max' speed, in milliseconds. */
export const SLICE_MS = 5;

/** Grid buffers kept for reuse (the page returns each one a frame or two after drawing it). */
const POOL_SIZE = 4;

/** Loaders of the engines this trainer may use. */
export type EngineLoaders = Partial<Record<EngineName, () => Promise<Engine>>>;

// ---------------------------------------------------------------------------
// Validation

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return `[${value.map(describe).join(', ')}]`;
  return `a ${typeof value}`;
}

function isNumberIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max;
}

function checkSeed(seed: unknown): asserts seed is string {
  if (typeof seed !== 'string' || seed.length === 0) {
    throw new TrainerError('seed', `The seed must be a non-empty string such as "0.12345"; got ${describe(seed)}.`, {
      got: describe(seed),
    });
  }
}

/** The live settings' checks; `batch` false leaves the batch size to the caller (runs allow 'all' and more). */
function checkLive(settings: LiveSettings, batch = true): void {
  if (settings === null || typeof settings !== 'object') {
    throw new TrainerError('settingsMissing', 'The training settings are missing.');
  }
  const { learningRate, batchSize, regularization, regularizationRate, stopBelow } = settings;
  if (!isNumberIn(learningRate, 0, CONFIG_LIMITS.maxLearningRate) || learningRate === 0) {
    const max = CONFIG_LIMITS.maxLearningRate;
    throw new TrainerError(
      'learningRate',
      `The learning rate must be a number greater than 0 and at most ${max}; got ${describe(learningRate)}.`,
      { max, got: describe(learningRate) },
    );
  }
  if (batch && (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > CONFIG_LIMITS.maxBatchSize)) {
    const max = CONFIG_LIMITS.maxBatchSize;
    throw new TrainerError(
      'batchSize',
      `The batch size must be a whole number from 1 to ${max}; got ${describe(batchSize)}.`,
      { max, got: describe(batchSize) },
    );
  }
  if (!REGULARIZATIONS.includes(regularization)) {
    const options = REGULARIZATIONS.join(', ');
    throw new TrainerError(
      'regularization',
      `Unknown regularisation ${describe(regularization)}; use one of ${options}.`,
      { options, got: describe(regularization) },
    );
  }
  if (!isNumberIn(regularizationRate, 0, CONFIG_LIMITS.maxRegularizationRate)) {
    const max = CONFIG_LIMITS.maxRegularizationRate;
    throw new TrainerError(
      'regularizationRate',
      `The regularisation rate must be a number from 0 to ${max}; got ${describe(regularizationRate)}.`,
      { max, got: describe(regularizationRate) },
    );
  }
  const targetSet = stopBelow !== undefined && stopBelow !== null;
  if (targetSet && (!isNumberIn(stopBelow, 0, CONFIG_LIMITS.maxStopBelow) || stopBelow === 0)) {
    const max = CONFIG_LIMITS.maxStopBelow;
    throw new TrainerError(
      'stopBelow',
      `The loss target must be a number greater than 0 and at most ${max} (or none); got ${describe(stopBelow)}.`,
      { max, got: describe(stopBelow) },
    );
  }
}

/** Throws a TrainerError naming the first thing wrong with `config`. */
export function validateConfig(config: TrainerConfig): void {
  checkConfig(config, true);
}

/** validateConfig; `batch` false skips the batch size (see checkLive). */
function checkConfig(config: Omit<TrainerConfig, 'batchSize'> & { readonly batchSize: unknown }, batch: boolean): void {
  if (config === null || typeof config !== 'object') {
    throw new TrainerError('configMissing', 'The configuration is missing.');
  }
  const { dataset, noise, percTrainData, seed, features, networkShape, activation, initZero } = config;
  if (!isDatasetName(dataset)) {
    const options = DATASET_NAMES.join(', ');
    throw new TrainerError('dataset', `Unknown data set ${describe(dataset)}; choose one of ${options}.`, {
      options,
      got: describe(dataset),
    });
  }
  if (!isNumberIn(noise, 0, CONFIG_LIMITS.maxNoise)) {
    const max = CONFIG_LIMITS.maxNoise;
    throw new TrainerError('noise', `The noise must be a number from 0 to ${max} (percent); got ${describe(noise)}.`, {
      max,
      got: describe(noise),
    });
  }
  if (!isNumberIn(percTrainData, CONFIG_LIMITS.minPercTrainData, CONFIG_LIMITS.maxPercTrainData)) {
    const { minPercTrainData: min, maxPercTrainData: max } = CONFIG_LIMITS;
    throw new TrainerError(
      'percTrainData',
      `The share of training data must be a percentage from ${min} to ${max}; got ${describe(percTrainData)}.`,
      { min, max, got: describe(percTrainData) },
    );
  }
  checkSeed(seed);
  if (!Array.isArray(features) || features.length === 0) {
    throw new TrainerError('featuresNone', 'Choose at least one input feature: the network needs an input.');
  }
  const seen = new Set<string>();
  for (const id of features as readonly unknown[]) {
    if (!isFeatureId(id)) {
      const options = FEATURE_IDS.join(', ');
      throw new TrainerError('feature', `Unknown input feature ${describe(id)}; known features are ${options}.`, {
        options,
        got: describe(id),
      });
    }
    if (seen.has(id)) {
      throw new TrainerError('featureTwice', `The input feature "${id}" is listed twice; each feature can be used once.`, {
        feature: id,
      });
    }
    seen.add(id);
  }
  if (!Array.isArray(networkShape) || networkShape.length > CONFIG_LIMITS.maxHiddenLayers) {
    const max = CONFIG_LIMITS.maxHiddenLayers;
    throw new TrainerError(
      'hiddenLayers',
      `The network can have from 0 to ${max} hidden layers; got ${describe(networkShape)}.`,
      { max, got: describe(networkShape) },
    );
  }
  networkShape.forEach((size: unknown, layer) => {
    if (typeof size !== 'number' || !Number.isInteger(size) || size < 1 || size > CONFIG_LIMITS.maxNeurons) {
      const max = CONFIG_LIMITS.maxNeurons;
      throw new TrainerError(
        'layerSize',
        `Hidden layer ${layer + 1} needs from 1 to ${max} neurons; got ${describe(size)}.`,
        { layer: layer + 1, max, got: describe(size) },
      );
    }
  });
  if (!ACTIVATIONS.includes(activation)) {
    const options = ACTIVATIONS.join(', ');
    throw new TrainerError('activation', `Unknown activation ${describe(activation)}; use one of ${options}.`, {
      options,
      got: describe(activation),
    });
  }
  checkLive(config as LiveSettings, batch);
  if (typeof initZero !== 'boolean') {
    throw new TrainerError('initZero', `initZero must be true or false; got ${describe(initZero)}.`, {
      got: describe(initZero),
    });
  }
  if (config.imported !== undefined) checkImported(config.imported);
}

function checkImported(imported: ImportedData): void {
  if (imported === null || typeof imported !== 'object' || typeof imported.id !== 'string') {
    throw new TrainerError('importUnreadable', 'The imported data is not readable; import the file again.');
  }
  const { problem, points } = imported;
  if (problem !== 'classification' && problem !== 'regression') {
    throw new TrainerError('importProblem', `The imported data has an unknown problem type ${describe(problem)}.`, {
      got: describe(problem),
    });
  }
  if (!Array.isArray(points) || points.length < 2 || points.length > MAX_IMPORT_POINTS) {
    const got = Array.isArray(points) ? points.length : describe(points);
    const max = MAX_IMPORT_POINTS.toLocaleString('en-US');
    throw new TrainerError('importSize', `Imported data needs from 2 to ${max} points; got ${got}.`, {
      min: 2,
      max: MAX_IMPORT_POINTS,
      got,
    });
  }
  points.forEach((point, i) => {
    const ok =
      point !== null &&
      typeof point === 'object' &&
      isNumberIn(point.x, -COORD_LIMIT, COORD_LIMIT) &&
      isNumberIn(point.y, -COORD_LIMIT, COORD_LIMIT) &&
      (problem === 'classification' ? point.label === 1 || point.label === -1 : isNumberIn(point.label, -1, 1));
    if (!ok) {
      throw new TrainerError('importPoint', `Imported point ${i + 1} is not a valid point: ${describe(point)}.`, {
        point: i + 1,
        got: describe(point),
      });
    }
  });
}

/** The points of `config`: generated from its data set, or its imported ones, shuffled and split with `seed`. */
function dataOf(config: DataSettings, seed = config.seed): PlaygroundData {
  if (config.imported) {
    return splitPlaygroundPoints(config.imported.points, config.imported.problem, {
      trainRatio: config.percTrainData,
      seed,
    });
  }
  return generatePlaygroundData({ dataset: config.dataset, noise: config.noise, trainRatio: config.percTrainData, seed });
}

/** The settings that decide the points (two configs with the same ones have the same data). */
type DataSettings = Pick<TrainerConfig, 'dataset' | 'noise' | 'percTrainData' | 'seed' | 'imported'>;

function copyConfig(config: TrainerConfig): TrainerConfig {
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
    ...(config.imported ? { imported: config.imported } : {}),
  };
}

function sameData(a: TrainerConfig, b: TrainerConfig): boolean {
  return (
    a.dataset === b.dataset &&
    a.noise === b.noise &&
    a.percTrainData === b.percTrainData &&
    a.seed === b.seed &&
    a.imported?.id === b.imported?.id
  );
}

function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

function settingsOf(config: TrainerConfig): TrainSettings {
  return {
    learningRate: config.learningRate,
    batchSize: config.batchSize,
    regularization: config.regularization,
    regularizationRate: config.regularizationRate,
  };
}

function shapeOf(
  config: Pick<TrainerConfig, 'features' | 'networkShape' | 'activation'>,
  problem: Problem,
): NetworkShape {
  return {
    inputSize: config.features.length,
    hiddenSizes: [...config.networkShape],
    activation: config.activation,
    outputActivation: problem === 'classification' ? 'tanh' : 'linear',
  };
}

// ---------------------------------------------------------------------------
// Helpers

function allFinite(values: ArrayLike<number>): boolean {
  for (let k = 0; k < values.length; k++) if (!Number.isFinite(values[k]!)) return false;
  return true;
}

/** Fraction of points where the output's side of 0 matches the label's (a NaN output counts as wrong). */
function accuracy(outputs: ArrayLike<number>, labels: Float32Array): number {
  if (labels.length === 0) return NaN;
  let correct = 0;
  for (let p = 0; p < labels.length; p++) {
    const out = outputs[p]!;
    if (Number.isNaN(out)) continue;
    if (out >= 0 === labels[p]! > 0) correct++;
  }
  return correct / labels.length;
}

function pointsOf(points: readonly Example2D[]): PointsSnapshot {
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

function notReady(): TrainerError {
  return new TrainerError('notReady', 'The trainer is not ready yet: call init() and wait for it first.');
}

function freeAll(handles: readonly ({ free(): void } | undefined)[]): void {
  for (const handle of handles) {
    try {
      handle?.free();
    } catch {
      // A handle that cannot be freed (already freed) is of no further use anyway.
    }
  }
}

/** Exponential smoothing; the first figure is taken as it is. */
function smooth(previous: number, value: number, weight = 0.2): number {
  return previous === 0 ? value : previous + (value - previous) * weight;
}

/**
 * A zero-delay hop through the event loop. The two ports of one channel take
 * turns receiving, because a port drains its own queue before others get a
 * turn in Node (a port that keeps posting to itself would starve every other
 * message source there); in browsers every message is its own task anyway.
 */
interface Hop {
  post(): void;
  close(): void;
}

function createHop(run: () => void): Hop {
  const channel = new MessageChannel();
  const { port1, port2 } = channel;
  let closed = false;
  let sender = port1;
  const receive = (): void => {
    if (!closed) run();
  };
  port1.onmessage = receive;
  port2.onmessage = receive;
  return {
    post() {
      if (closed) return;
      sender.postMessage(null);
      sender = sender === port1 ? port2 : port1;
    },
    close() {
      closed = true;
      port1.onmessage = null;
      port2.onmessage = null;
      port1.close();
      port2.close();
    },
  };
}

// ---------------------------------------------------------------------------
// State

interface Data {
  readonly train: Example2D[];
  readonly test: Example2D[];
  readonly problem: Problem;
}

interface Inputs {
  readonly train: FeatureDataSet;
  readonly test: FeatureDataSet;
  readonly grid: FeatureDataSet;
}

interface Handles {
  readonly network: Network;
  readonly trainSet: EngineDataSet;
  readonly testSet: EngineDataSet;
  readonly gridSet: EngineDataSet;
}

interface Loaded {
  config: TrainerConfig;
  data: Data;
  inputs: Inputs;
  handles: Handles;
  /** The stream the next reset draws its weights from. */
  rng: Prng;
}

/** The background loop of 'max' speed. */
interface Loop {
  readonly hop: Hop;
  epochsPerSlice: number;
}

interface MutableStats {
  epochsPerSecond: number;
  epochMs: number;
  frameMs: number;
}

/** Makes the three engine data sets, freeing what was made if one fails. */
function createSets(engine: Engine, inputs: Inputs): Pick<Handles, 'trainSet' | 'testSet' | 'gridSet'> {
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
function inputsOf(data: Data, features: TrainerConfig['features'], grid?: FeatureDataSet): Inputs {
  return {
    train: toDataSet(data.train, features),
    test: toDataSet(data.test, features),
    grid: grid ?? featureGrid(features, GRID_DENSITY),
  };
}

// ---------------------------------------------------------------------------
// Runs: several networks side by side

/** The points shared by every run with the same data settings. */
interface RunData {
  readonly data: Data;
  /** The stream right after the data, where load() draws the first weights. */
  readonly rng: Prng;
  /** Numbers drawn from `rng` so far, in order: load()'s weights, then each reset's. */
  readonly draws: number[];
  readonly points: { readonly train: PointsSnapshot; readonly test: PointsSnapshot };
}

interface RunPlan {
  readonly spec: RunSpec;
  readonly group: RunData;
  /** The batch size to train with ('all' resolved to the number of training points). */
  readonly batchSize: number;
}

function dataKey(config: DataSettings): string {
  return JSON.stringify([config.dataset, config.noise, config.percTrainData, config.seed, config.imported?.id ?? null]);
}

/**
 * The random source for the weights `load()` and then `resets` resets with the
 * same shape would draw: each draws `weightCount` numbers in turn (none with
 * initZero), so the run takes the numbers after `resets * weightCount`.
 */
function drawsAfterResets(group: RunData, resets: number, weightCount: number, zero: boolean): () => number {
  let next = zero ? 0 : resets * weightCount;
  const end = zero ? 0 : next + weightCount;
  while (group.draws.length < end) group.draws.push(group.rng.next());
  return () => group.draws[next++]!;
}

/** The same refusal, said about run `run` (numbered from 1). */
function aboutRun(run: number, error: unknown): unknown {
  if (!(error instanceof TrainerError)) return error;
  return new TrainerError(error.code, `Run ${run}: ${error.message}`, { ...error.params, run });
}

function checkRunsRequest(request: RunsRequest): void {
  if (request === null || typeof request !== 'object') {
    throw new TrainerError('runsMissing', 'The runs request is missing.');
  }
  const { runs, epochs } = request;
  if (!Array.isArray(runs) || runs.length === 0) {
    throw new TrainerError('runsNone', 'There is nothing to train: add at least one run.');
  }
  if (runs.length > CONFIG_LIMITS.maxRuns) {
    const max = CONFIG_LIMITS.maxRuns;
    throw new TrainerError('runsTooMany', `At most ${max} runs can train at once; got ${runs.length}.`, {
      max,
      got: runs.length,
    });
  }
  if (!Number.isInteger(epochs) || epochs < 1 || epochs > CONFIG_LIMITS.maxRunEpochs) {
    const max = CONFIG_LIMITS.maxRunEpochs;
    throw new TrainerError(
      'runsEpochs',
      `Each run trains a whole number of epochs from 1 to ${max}; got ${describe(epochs)}.`,
      { max, got: describe(epochs) },
    );
  }
}

function checkRunSpec(spec: RunSpec, run: number): void {
  if (spec === null || typeof spec !== 'object' || spec.config === null || typeof spec.config !== 'object') {
    throw new TrainerError('runMissing', `Run ${run} has no settings.`, { run });
  }
  try {
    checkConfig(spec.config, false);
  } catch (error) {
    throw aboutRun(run, error);
  }
  const { resets } = spec;
  if (!Number.isInteger(resets) || resets < 0 || resets > CONFIG_LIMITS.maxRunResets) {
    const max = CONFIG_LIMITS.maxRunResets;
    throw new TrainerError(
      'runResets',
      `Run ${run}: the number of resets must be a whole number from 0 to ${max}; got ${describe(resets)}.`,
      { run, max, got: describe(resets) },
    );
  }
}

/** The batch size a run trains with: 1..training points (and the engine's limit), or 'all' of them. */
function runBatchSize(run: number, batchSize: unknown, count: number): number {
  if (count === 0) {
    throw new TrainerError(
      'runNoTrainingPoints',
      `Run ${run} has no training points: raise the share of training data or import more points.`,
      { run },
    );
  }
  const limit = LIMITS.maxBatchSize;
  if (batchSize === 'all') {
    if (count > limit) {
      throw new TrainerError(
        'runBatchAll',
        `Run ${run}: full-batch training ('all') can use at most ${limit} training points, but this run has ${count}; lower the share of training data or choose a batch size.`,
        { run, max: limit, count },
      );
    }
    return count;
  }
  const max = Math.min(count, limit);
  if (typeof batchSize !== 'number' || !Number.isInteger(batchSize) || batchSize < 1 || batchSize > max) {
    throw new TrainerError(
      'runBatchSize',
      `Run ${run}: the batch size must be 'all' or a whole number from 1 to ${max} (this run has ${count} training points); got ${describe(batchSize)}.`,
      { run, max, count, got: describe(batchSize) },
    );
  }
  return batchSize;
}

/**
 * The engine data sets of one `runs()` call, each made once when a run first
 * needs it: training and test sets per data set and feature list, grid sets
 * per feature list. `free()` releases them all.
 */
class RunSets {
  private readonly made: EngineDataSet[] = [];
  private readonly inputs = new Map<RunData, Map<string, Inputs>>();
  private readonly points = new Map<RunData, Map<string, { trainSet: EngineDataSet; testSet: EngineDataSet }>>();
  private readonly grids = new Map<string, { grid: FeatureDataSet; gridSet?: EngineDataSet }>();

  constructor(private readonly engine: Engine) {}

  /** The engine inputs of `group`'s points under `features`. */
  inputsOf(group: RunData, features: TrainerConfig['features']): Inputs {
    const key = features.join(',');
    let byFeatures = this.inputs.get(group);
    if (!byFeatures) this.inputs.set(group, (byFeatures = new Map()));
    let inputs = byFeatures.get(key);
    if (!inputs) {
      let grid = this.grids.get(key);
      if (!grid) this.grids.set(key, (grid = { grid: featureGrid(features, GRID_DENSITY) }));
      inputs = inputsOf(group.data, features, grid.grid);
      byFeatures.set(key, inputs);
    }
    return inputs;
  }

  of(group: RunData, features: TrainerConfig['features']): Pick<Handles, 'trainSet' | 'testSet' | 'gridSet'> {
    const key = features.join(',');
    const inputs = this.inputsOf(group, features);
    let byFeatures = this.points.get(group);
    if (!byFeatures) this.points.set(group, (byFeatures = new Map()));
    let sets = byFeatures.get(key);
    if (!sets) {
      const trainSet = this.make(inputs.train);
      sets = { trainSet, testSet: this.make(inputs.test) };
      byFeatures.set(key, sets);
    }
    const grid = this.grids.get(key)!;
    grid.gridSet ??= this.make(grid.grid);
    return { ...sets, gridSet: grid.gridSet };
  }

  free(): void {
    freeAll(this.made.splice(0));
  }

  private make(data: FeatureDataSet): EngineDataSet {
    const set = this.engine.createDataSet(data);
    this.made.push(set);
    return set;
  }
}

export class Trainer implements TrainerApi {
  private readonly loaders: EngineLoaders;
  private readonly now: () => number;

  private initializing: Promise<EngineName[]> | undefined;
  private readonly engines = new Map<EngineName, Engine>();
  private readonly unavailable = new Map<EngineName, string>();
  private engineName: EngineName | undefined;

  private state: Loaded | undefined;
  private epoch = 0;
  private playing = false;
  private speed: Speed = 1;
  private diverged = false;
  /** True once training stopped at the current loss target: it does not stop there again. */
  private targetReached = false;
  /** Where training stopped at the loss target, shown in snapshots. */
  private stopped: TargetStop | undefined;

  private version = 0;
  private networkVersion = 0;
  private dataVersion = 0;
  private sentVersion = -1;
  private sentDataVersion = -1;

  private readonly stats = new Map<EngineName, MutableStats>();
  /** (time, epochs trained since play) pairs covering about the last second of play. */
  private rateSamples: { t: number; total: number }[] = [];
  private rateTotal = 0;

  private loop: Loop | undefined;
  /** Grid buffers the page gave back (see recycle). */
  private readonly pool: ArrayBuffer[] = [];

  constructor(engines: EngineLoaders, now: () => number = () => performance.now()) {
    this.loaders = { ...engines };
    this.now = now;
  }

  // ----- Engines -----------------------------------------------------------

  init(): Promise<EngineName[]> {
    this.initializing ??= this.loadEngines();
    return this.initializing;
  }

  private async loadEngines(): Promise<EngineName[]> {
    await Promise.all(
      ENGINE_NAMES.map(async (name) => {
        const loader = this.loaders[name];
        if (!loader) {
          this.unavailable.set(name, 'it was not included in this build');
          return;
        }
        try {
          this.engines.set(name, await loader());
        } catch (error) {
          this.unavailable.set(name, error instanceof Error ? error.message : String(error));
        }
      }),
    );
    const available = ENGINE_NAMES.filter((name) => this.engines.has(name));
    if (available.length === 0) {
      const reasons = [...this.unavailable].map(([name, why]) => `${name}: ${why}`).join('; ');
      this.initializing = undefined;
      throw new TrainerError('noEngine', `No training engine could be loaded (${reasons}).`, { reasons });
    }
    this.engineName = available[0];
    return available;
  }

  /** The names of the engines `init()` loaded. */
  availableEngines(): EngineName[] {
    return ENGINE_NAMES.filter((name) => this.engines.has(name));
  }

  private currentEngine(): { name: EngineName; engine: Engine } {
    const name = this.engineName;
    const engine = name === undefined ? undefined : this.engines.get(name);
    if (name === undefined || !engine) throw notReady();
    return { name, engine };
  }

  /** The loaded engine called `name`, or a TrainerError saying why there is none. */
  private engineNamed(name: EngineName): Engine {
    if (!ENGINE_NAMES.includes(name)) {
      const options = ENGINE_NAMES.join(', ');
      throw new TrainerError('engine', `Unknown engine ${describe(name)}; use one of ${options}.`, {
        options,
        got: describe(name),
      });
    }
    const engine = this.engines.get(name);
    if (engine) return engine;
    const why = this.unavailable.get(name);
    if (why === undefined) throw notReady();
    throw new TrainerError('engineUnavailable', `The ${name} engine is not available (${why}).`, {
      engine: name,
      reason: why,
    });
  }

  private loaded(): Loaded {
    if (!this.state) {
      throw new TrainerError('notLoaded', 'Nothing is loaded yet: call load() with a configuration first.');
    }
    return this.state;
  }

  private statsOf(name: EngineName): MutableStats {
    let stats = this.stats.get(name);
    if (!stats) {
      stats = { epochsPerSecond: 0, epochMs: 0, frameMs: 0 };
      this.stats.set(name, stats);
    }
    return stats;
  }

  // ----- Commands ----------------------------------------------------------

  load(config: TrainerConfig): void {
    validateConfig(config);
    const { name, engine } = this.currentEngine();
    const cfg = copyConfig(config);
    const generated = dataOf(cfg);
    if (generated.train.length === 0) {
      throw new TrainerError(
        'noTrainingPoints',
        'There are no training points: raise the share of training data or import more points.',
      );
    }
    const data: Data = { train: generated.train, test: generated.test, problem: generated.problem };
    const inputs = inputsOf(data, cfg.features);
    const sets = createSets(engine, inputs);
    let network: Network;
    try {
      network = this.newNetwork(engine, shapeOf(cfg, data.problem), generated.rng, cfg.initZero);
    } catch (error) {
      freeAll([sets.trainSet, sets.testSet, sets.gridSet]);
      throw error;
    }
    this.replaceHandles({ network, ...sets });
    this.state = { config: cfg, data, inputs, handles: { network, ...sets }, rng: generated.rng };
    this.statsOf(name);
    this.epoch = 0;
    this.diverged = false;
    this.clearTarget();
    this.networkVersion++;
    this.dataVersion++;
    this.setPlaying(false);
    this.changed();
  }

  reset(config?: TrainerConfig): void {
    const state = this.loaded();
    if (config !== undefined) {
      validateConfig(config);
      if (!sameData(config, state.config)) {
        this.load(config);
        return;
      }
    }
    const { engine } = this.currentEngine();
    const cfg = config ? copyConfig(config) : state.config;
    const featuresChanged = !sameList(cfg.features, state.config.features);
    const inputs = featuresChanged ? inputsOf(state.data, cfg.features) : state.inputs;
    const sets = featuresChanged ? createSets(engine, inputs) : undefined;
    let network: Network;
    try {
      network = this.newNetwork(engine, shapeOf(cfg, state.data.problem), state.rng, cfg.initZero);
    } catch (error) {
      if (sets) freeAll([sets.trainSet, sets.testSet, sets.gridSet]);
      throw error;
    }
    const handles: Handles = { ...state.handles, ...sets, network };
    this.replaceHandles(handles);
    state.config = cfg;
    state.inputs = inputs;
    state.handles = handles;
    this.epoch = 0;
    this.diverged = false;
    this.clearTarget();
    this.networkVersion++;
    this.setPlaying(false);
    this.changed();
  }

  regenerate(seed: string): void {
    const state = this.loaded();
    checkSeed(seed);
    const { engine } = this.currentEngine();
    const cfg: TrainerConfig = { ...state.config, seed };
    const generated = dataOf(cfg, seed);
    const data: Data = { train: generated.train, test: generated.test, problem: generated.problem };
    const inputs = inputsOf(data, cfg.features, state.inputs.grid);
    const trainSet = engine.createDataSet(inputs.train);
    let testSet: EngineDataSet;
    try {
      testSet = engine.createDataSet(inputs.test);
    } catch (error) {
      freeAll([trainSet]);
      throw error;
    }
    const handles: Handles = { ...state.handles, trainSet, testSet };
    this.replaceHandles(handles);
    state.config = cfg;
    state.data = data;
    state.inputs = inputs;
    state.handles = handles;
    state.rng = generated.rng;
    this.dataVersion++;
    this.clearTarget();
    this.checkDivergence();
    this.changed();
  }

  setLive(settings: LiveSettings): void {
    checkLive(settings);
    const state = this.loaded();
    const target = settings.stopBelow ?? null;
    if (target !== (state.config.stopBelow ?? null)) {
      // A new target may be reached again; an old stop no longer describes it.
      const shown = this.stopped !== undefined;
      this.clearTarget();
      if (shown) this.changed();
    }
    state.config = {
      ...state.config,
      learningRate: settings.learningRate,
      batchSize: settings.batchSize,
      regularization: settings.regularization,
      regularizationRate: settings.regularizationRate,
      stopBelow: target,
    };
  }

  play(): void {
    this.loaded();
    this.refuseIfDiverged('play');
    if (this.playing) return;
    this.setPlaying(true);
    this.changed();
  }

  pause(): void {
    if (!this.playing) return;
    this.setPlaying(false);
    this.changed();
  }

  setSpeed(speed: Speed): void {
    if (!SPEEDS.includes(speed)) {
      const options = SPEEDS.map(String).join(', ');
      throw new TrainerError('speed', `Unknown speed ${describe(speed)}; use one of ${options}.`, {
        options,
        got: describe(speed),
      });
    }
    if (speed === this.speed) return;
    this.speed = speed;
    this.syncLoop();
    this.changed();
  }

  step(epochs = 1): void {
    if (!Number.isInteger(epochs) || epochs < 1 || epochs > CONFIG_LIMITS.maxStepEpochs) {
      const max = CONFIG_LIMITS.maxStepEpochs;
      throw new TrainerError(
        'stepEpochs',
        `A step trains a whole number of epochs from 1 to ${max}; got ${describe(epochs)}.`,
        { max, got: describe(epochs) },
      );
    }
    this.loaded();
    this.refuseIfDiverged('step');
    this.setPlaying(false);
    this.train(epochs, false);
    this.changed();
  }

  setWeight(index: number, value: number): void {
    const { network } = this.loaded().handles;
    this.checkEdit('weight', index, network.weightCount, value);
    network.setWeight(index, value);
    this.changed();
  }

  setBias(index: number, value: number): void {
    const { network } = this.loaded().handles;
    this.checkEdit('bias', index, network.biasCount, value);
    network.setBias(index, value);
    this.changed();
  }

  setEngine(name: EngineName): void {
    const engine = this.engineNamed(name);
    if (name === this.engineName) return;
    const state = this.state;
    if (!state) {
      this.engineName = name;
      return;
    }
    this.refuseIfDiverged('move');
    const old = state.handles.network;
    // Copy each view before the next call on the network invalidates it.
    const weights = Float64Array.from(old.weights());
    const biases = Float64Array.from(old.biases());
    const dead = Uint8Array.from(old.deadLinks());
    const sets = createSets(engine, state.inputs);
    let network: Network | undefined;
    try {
      network = engine.createNetwork(old.shape);
      network.setParameters({ weights, biases, dead });
    } catch (error) {
      freeAll([network, sets.trainSet, sets.testSet, sets.gridSet]);
      throw error;
    }
    const handles: Handles = { network, ...sets };
    this.replaceHandles(handles);
    state.handles = handles;
    this.engineName = name;
    this.statsOf(name);
    this.restartRate();
    if (this.loop) this.loop.epochsPerSlice = this.sliceEpochsFor(name);
    this.changed();
  }

  frame(): Snapshot | undefined {
    if (!this.state) return undefined;
    if (this.playing && typeof this.speed === 'number' && !this.diverged) this.train(this.speed, true);
    if (this.version === this.sentVersion) return undefined;
    return this.snapshot();
  }

  recycle(buffers: ArrayBuffer[]): void {
    if (!Array.isArray(buffers)) return;
    for (const buffer of buffers) {
      if (buffer instanceof ArrayBuffer && buffer.byteLength > 0 && this.pool.length < POOL_SIZE) this.pool.push(buffer);
    }
  }

  runs(request: RunsRequest): RunsResult {
    checkRunsRequest(request);
    const name = request.engine ?? this.currentEngine().name;
    const engine = this.engineNamed(name);
    // Check every run and make the data (no engine handles yet), so a refused run trains nothing.
    const groups = new Map<string, RunData>();
    const plans = request.runs.map((spec, i): RunPlan => {
      const run = i + 1;
      checkRunSpec(spec, run);
      const key = dataKey(spec.config);
      let group = groups.get(key);
      if (!group) {
        const generated = dataOf(spec.config);
        const data: Data = { train: generated.train, test: generated.test, problem: generated.problem };
        const points = { train: pointsOf(data.train), test: pointsOf(data.test) };
        group = { data, rng: generated.rng, draws: [], points };
        groups.set(key, group);
      }
      return { spec, group, batchSize: runBatchSize(run, spec.config.batchSize, group.data.train.length) };
    });
    const sets = new RunSets(engine);
    try {
      const results = plans.map((plan) => this.trainRun(engine, sets, plan, request.epochs));
      return { results, engine: name };
    } finally {
      sets.free();
    }
  }

  /** Trains one run of `runs()` on its own network, which is freed again. */
  private trainRun(engine: Engine, sets: RunSets, plan: RunPlan, epochs: number): RunResult {
    const { spec, group, batchSize } = plan;
    const { config } = spec;
    const { trainSet, testSet, gridSet } = sets.of(group, config.features);
    const start = this.now();
    const shape = shapeOf(config, group.data.problem);
    const network = engine.createNetwork(shape);
    try {
      network.setParameters(
        initParameters(shape, drawsAfterResets(group, spec.resets, network.weightCount, config.initZero), {
          zero: config.initZero,
        }),
      );
      const settings: TrainSettings = {
        learningRate: config.learningRate,
        batchSize,
        regularization: config.regularization,
        regularizationRate: config.regularizationRate,
      };
      let trainLoss = new Float32Array(epochs + 1);
      let testLoss = new Float32Array(epochs + 1);
      const finiteAt = (epoch: number): boolean => {
        const train = network.loss(trainSet);
        const test = network.loss(testSet);
        trainLoss[epoch] = train;
        testLoss[epoch] = test;
        return (
          Number.isFinite(train) && Number.isFinite(test) && allFinite(network.weights()) && allFinite(network.biases())
        );
      };
      let stop = 0;
      let diverged = !finiteAt(0);
      while (!diverged && stop < epochs) {
        network.trainEpochs(trainSet, settings, 1);
        stop++;
        diverged = !finiteAt(stop);
      }
      if (stop < epochs) {
        trainLoss = trainLoss.slice(0, stop + 1);
        testLoss = testLoss.slice(0, stop + 1);
      }
      const classification = group.data.problem === 'classification';
      const inputs = sets.inputsOf(group, config.features);
      const trainAccuracy = classification ? accuracy(network.predict(trainSet), inputs.train.labels) : NaN;
      const testAccuracy = classification ? accuracy(network.predict(testSet), inputs.test.labels) : NaN;
      let output = new Float32Array(0);
      if (!diverged) {
        const grid = network.grid(gridSet);
        const cells = GRID_DENSITY * GRID_DENSITY;
        output = Float32Array.from(grid.subarray(grid.length - cells));
        if (!allFinite(output)) {
          diverged = true;
          output = new Float32Array(0);
        }
      }
      return {
        trainLoss,
        testLoss,
        trainAccuracy,
        testAccuracy,
        output,
        diverged,
        epochs: stop,
        batchSize,
        train: group.points.train,
        test: group.points.test,
        ms: Math.max(this.now() - start, 0),
      };
    } finally {
      freeAll([network]);
    }
  }

  /** A grid array of `length` floats, from a recycled buffer when one fits. */
  private gridBuffer(length: number): Float32Array<ArrayBuffer> {
    const bytes = length * Float32Array.BYTES_PER_ELEMENT;
    const index = this.pool.findIndex((buffer) => buffer.byteLength === bytes);
    if (index < 0) {
      // Buffers of another size belong to an older network shape.
      this.pool.length = 0;
      return new Float32Array(length);
    }
    return new Float32Array(this.pool.splice(index, 1)[0]!);
  }

  /** Stops training in the background and frees every engine handle; the trainer must not be used afterwards. */
  dispose(): void {
    this.playing = false;
    this.syncLoop();
    if (this.state) {
      const { network, trainSet, testSet, gridSet } = this.state.handles;
      freeAll([network, trainSet, testSet, gridSet]);
      this.state = undefined;
    }
  }

  // ----- Internals ---------------------------------------------------------

  private newNetwork(engine: Engine, shape: NetworkShape, rng: Prng, zero: boolean): Network {
    const network = engine.createNetwork(shape);
    try {
      network.setParameters(initParameters(shape, () => rng.next(), { zero }));
    } catch (error) {
      freeAll([network]);
      throw error;
    }
    return network;
  }

  /** Frees every current handle that `next` does not keep. */
  private replaceHandles(next: Handles): void {
    if (!this.state) return;
    const keep = new Set<unknown>([next.network, next.trainSet, next.testSet, next.gridSet]);
    const { network, trainSet, testSet, gridSet } = this.state.handles;
    freeAll([network, trainSet, testSet, gridSet].filter((h) => !keep.has(h)));
  }

  private changed(): void {
    this.version++;
  }

  private refuseIfDiverged(what: 'play' | 'step' | 'move'): void {
    if (!this.diverged) return;
    const action = what === 'move' ? 'be moved to another engine' : 'train any further';
    throw new TrainerError(
      `diverged-${what}`,
      `The network diverged (its loss or weights are no longer finite numbers), so it cannot ${action}. Reset the network, perhaps with a smaller learning rate.`,
    );
  }

  private checkEdit(kind: 'weight' | 'bias', index: number, count: number, value: number): void {
    if (!Number.isInteger(index) || index < 0 || index >= count) {
      throw new TrainerError(
        `${kind}Index`,
        `There is no ${kind} number ${describe(index)}: this network has ${count} ${kind === 'weight' ? 'weights' : 'biases'} (0 to ${count - 1}).`,
        { got: describe(index), count, last: count - 1 },
      );
    }
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new TrainerError(`${kind}Value`, `A ${kind} must be a finite number; got ${describe(value)}.`, {
        got: describe(value),
      });
    }
  }

  /** Forgets that the loss target was reached (and where). */
  private clearTarget(): void {
    this.targetReached = false;
    this.stopped = undefined;
  }

  private setPlaying(playing: boolean): void {
    if (playing && !this.playing) this.restartRate();
    this.playing = playing;
    this.syncLoop();
  }

  /**
   * Trains `epochs` epochs, times them and checks for divergence. Without a
   * loss target to watch, in one engine call; with one, one epoch per call,
   * stopping (and pausing) at the first epoch after which both losses are
   * below it.
   */
  private train(epochs: number, playing: boolean): void {
    const state = this.loaded();
    const { name } = this.currentEngine();
    const { network, trainSet, testSet } = state.handles;
    const settings = settingsOf(state.config);
    const target = state.config.stopBelow ?? null;
    let trained = 0;
    let reached: TargetStop | undefined;
    const start = this.now();
    if (target === null || this.targetReached) {
      network.trainEpochs(trainSet, settings, epochs);
      trained = epochs;
    } else {
      while (trained < epochs) {
        network.trainEpochs(trainSet, settings, 1);
        trained++;
        const trainLoss = network.loss(trainSet);
        const testLoss = network.loss(testSet);
        // A loss that is not finite any more: checkDivergence below stops everything.
        if (!Number.isFinite(trainLoss) || !Number.isFinite(testLoss)) break;
        if (trainLoss < target && testLoss < target) {
          reached = { epoch: this.epoch + trained, target, trainLoss, testLoss };
          break;
        }
      }
    }
    const end = this.now();
    this.epoch += trained;
    const stats = this.statsOf(name);
    stats.epochMs = smooth(stats.epochMs, Math.max(end - start, 0) / trained);
    if (playing) this.countRate(trained, end, stats);
    if (reached) {
      this.targetReached = true;
      this.stopped = reached;
      this.setPlaying(false);
    }
    this.checkDivergence();
    this.changed();
  }

  /** Marks the network diverged (and pauses) if a loss, weight or bias is not finite. */
  private checkDivergence(): void {
    const { network, trainSet, testSet } = this.loaded().handles;
    const finite =
      Number.isFinite(network.loss(trainSet)) &&
      Number.isFinite(network.loss(testSet)) &&
      allFinite(network.weights()) &&
      allFinite(network.biases());
    this.diverged = !finite;
    if (!finite) this.setPlaying(false);
  }

  private restartRate(): void {
    this.rateSamples = [{ t: this.now(), total: 0 }];
    this.rateTotal = 0;
  }

  /** Epochs per wall-clock second over about the last second of play. */
  private countRate(epochs: number, t: number, stats: MutableStats): void {
    this.rateTotal += epochs;
    const samples = this.rateSamples;
    samples.push({ t, total: this.rateTotal });
    while (samples.length > 2 && samples[1]!.t <= t - 1000) samples.shift();
    const first = samples[0]!;
    const span = t - first.t;
    if (span >= 200) stats.epochsPerSecond = ((this.rateTotal - first.total) * 1000) / span;
  }

  private sliceEpochsFor(name: EngineName): number {
    const epochMs = this.stats.get(name)?.epochMs ?? 0;
    return epochMs > 0 ? Math.max(1, Math.floor(SLICE_MS / epochMs)) : 1;
  }

  /** Starts or stops the background loop of 'max' speed to match the state. */
  private syncLoop(): void {
    const wanted = this.playing && this.speed === 'max' && !this.diverged && this.state !== undefined;
    if (wanted && !this.loop) {
      const loop: Loop = {
        hop: createHop(() => this.slice(loop)),
        epochsPerSlice: this.engineName === undefined ? 1 : this.sliceEpochsFor(this.engineName),
      };
      this.loop = loop;
      loop.hop.post();
    } else if (!wanted && this.loop) {
      this.loop.hop.close();
      this.loop = undefined;
    }
  }

  /** One slice of 'max' speed: k epochs in one call, then k adapted towards SLICE_MS. */
  private slice(loop: Loop): void {
    if (this.loop !== loop) return;
    const k = loop.epochsPerSlice;
    const start = this.now();
    try {
      this.train(k, true);
    } catch (error) {
      // Nobody awaits a background slice: stop, and leave the reason in the worker's console.
      console.error('Training stopped:', error);
      this.setPlaying(false);
      this.changed();
      return;
    }
    const elapsed = this.now() - start;
    const perEpoch = elapsed / k;
    // Aim at SLICE_MS, but at most double per slice so one fast reading cannot overshoot.
    const target = perEpoch > 0 ? Math.floor(SLICE_MS / perEpoch) : 2 * k;
    loop.epochsPerSlice = Math.max(1, Math.min(2 * k, target));
    if (this.loop === loop) loop.hop.post();
  }

  private snapshot(): Snapshot {
    const state = this.loaded();
    const { name } = this.currentEngine();
    const { network, trainSet, testSet, gridSet } = state.handles;
    const start = this.now();
    const trainLoss = network.loss(trainSet);
    const testLoss = network.loss(testSet);
    const classification = state.data.problem === 'classification';
    const trainAccuracy = classification ? accuracy(network.predict(trainSet), state.inputs.train.labels) : NaN;
    const testAccuracy = classification ? accuracy(network.predict(testSet), state.inputs.test.labels) : NaN;
    let grid = new Float32Array(0);
    if (!this.diverged) {
      const view = network.grid(gridSet);
      grid = this.gridBuffer(view.length);
      grid.set(view);
      if (!Number.isFinite(trainLoss) || !Number.isFinite(testLoss) || !allFinite(grid)) {
        // An edit (or a huge linear output) can overflow without training.
        this.diverged = true;
        this.setPlaying(false);
        this.changed();
        grid = new Float32Array(0);
      }
    }
    const stats = this.statsOf(name);
    stats.frameMs = smooth(stats.frameMs, Math.max(this.now() - start, 0));
    const weights = new Float32Array(network.weights());
    const biases = new Float32Array(network.biases());
    const dead = new Uint8Array(network.deadLinks());
    const withPoints = this.dataVersion !== this.sentDataVersion;
    this.sentVersion = this.version;
    this.sentDataVersion = this.dataVersion;
    return {
      version: this.version,
      networkVersion: this.networkVersion,
      dataVersion: this.dataVersion,
      engine: name,
      epoch: this.epoch,
      playing: this.playing,
      speed: this.speed,
      trainLoss,
      testLoss,
      trainAccuracy,
      testAccuracy,
      diverged: this.diverged,
      ...(this.stopped ? { stopped: this.stopped } : {}),
      layerSizes: [...network.layerSizes],
      weights,
      biases,
      dead,
      grid,
      ...(withPoints ? { train: pointsOf(state.data.train), test: pointsOf(state.data.test) } : {}),
      stats: [...this.stats].map(([engine, s]): EngineStats => ({ engine, ...s })),
    };
  }
}
