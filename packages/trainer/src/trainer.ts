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
  REGULARIZATIONS,
  initParameters,
  type Engine,
  type EngineDataSet,
  type Network,
  type NetworkShape,
  type TrainSettings,
} from '@nn/engine';
import {
  GRID_DENSITY,
  SPEEDS,
  type EngineName,
  type EngineStats,
  type ImportedData,
  type LiveSettings,
  type PointsSnapshot,
  type Snapshot,
  type Speed,
  type TrainerApi,
  type TrainerConfig,
} from './protocol.js';

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
} as const;

/** Target length of one training slice at 'max' speed, in milliseconds. */
export const SLICE_MS = 5;

/** Grid buffers kept for reuse (the page returns each one a frame or two after drawing it). */
const POOL_SIZE = 4;

/** Loaders of the engines this trainer may use. */
export type EngineLoaders = Partial<Record<EngineName, () => Promise<Engine>>>;

/** A command the trainer refused; the message says why, for a person. */
export class TrainerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TrainerError';
  }
}

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
    throw new TrainerError(`The seed must be a non-empty string such as "0.12345"; got ${describe(seed)}.`);
  }
}

function checkLive(settings: LiveSettings): void {
  if (settings === null || typeof settings !== 'object') {
    throw new TrainerError('The training settings are missing.');
  }
  const { learningRate, batchSize, regularization, regularizationRate } = settings;
  if (!isNumberIn(learningRate, 0, CONFIG_LIMITS.maxLearningRate) || learningRate === 0) {
    throw new TrainerError(
      `The learning rate must be a number greater than 0 and at most ${CONFIG_LIMITS.maxLearningRate}; got ${describe(learningRate)}.`,
    );
  }
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > CONFIG_LIMITS.maxBatchSize) {
    throw new TrainerError(
      `The batch size must be a whole number from 1 to ${CONFIG_LIMITS.maxBatchSize}; got ${describe(batchSize)}.`,
    );
  }
  if (!REGULARIZATIONS.includes(regularization)) {
    throw new TrainerError(
      `Unknown regularisation ${describe(regularization)}; use one of ${REGULARIZATIONS.join(', ')}.`,
    );
  }
  if (!isNumberIn(regularizationRate, 0, CONFIG_LIMITS.maxRegularizationRate)) {
    throw new TrainerError(
      `The regularisation rate must be a number from 0 to ${CONFIG_LIMITS.maxRegularizationRate}; got ${describe(regularizationRate)}.`,
    );
  }
}

/** Throws a TrainerError naming the first thing wrong with `config`. */
export function validateConfig(config: TrainerConfig): void {
  if (config === null || typeof config !== 'object') {
    throw new TrainerError('The configuration is missing.');
  }
  const { dataset, noise, percTrainData, seed, features, networkShape, activation, initZero } = config;
  if (!isDatasetName(dataset)) {
    throw new TrainerError(`Unknown data set ${describe(dataset)}; choose one of ${DATASET_NAMES.join(', ')}.`);
  }
  if (!isNumberIn(noise, 0, CONFIG_LIMITS.maxNoise)) {
    throw new TrainerError(`The noise must be a number from 0 to ${CONFIG_LIMITS.maxNoise} (percent); got ${describe(noise)}.`);
  }
  if (!isNumberIn(percTrainData, CONFIG_LIMITS.minPercTrainData, CONFIG_LIMITS.maxPercTrainData)) {
    throw new TrainerError(
      `The share of training data must be a percentage from ${CONFIG_LIMITS.minPercTrainData} to ${CONFIG_LIMITS.maxPercTrainData}; got ${describe(percTrainData)}.`,
    );
  }
  checkSeed(seed);
  if (!Array.isArray(features) || features.length === 0) {
    throw new TrainerError('Choose at least one input feature: the network needs an input.');
  }
  const seen = new Set<string>();
  for (const id of features as readonly unknown[]) {
    if (!isFeatureId(id)) {
      throw new TrainerError(`Unknown input feature ${describe(id)}; known features are ${FEATURE_IDS.join(', ')}.`);
    }
    if (seen.has(id)) throw new TrainerError(`The input feature "${id}" is listed twice; each feature can be used once.`);
    seen.add(id);
  }
  if (!Array.isArray(networkShape) || networkShape.length > CONFIG_LIMITS.maxHiddenLayers) {
    throw new TrainerError(
      `The network can have from 0 to ${CONFIG_LIMITS.maxHiddenLayers} hidden layers; got ${describe(networkShape)}.`,
    );
  }
  networkShape.forEach((size: unknown, layer) => {
    if (typeof size !== 'number' || !Number.isInteger(size) || size < 1 || size > CONFIG_LIMITS.maxNeurons) {
      throw new TrainerError(
        `Hidden layer ${layer + 1} needs from 1 to ${CONFIG_LIMITS.maxNeurons} neurons; got ${describe(size)}.`,
      );
    }
  });
  if (!ACTIVATIONS.includes(activation)) {
    throw new TrainerError(`Unknown activation ${describe(activation)}; use one of ${ACTIVATIONS.join(', ')}.`);
  }
  checkLive(config);
  if (typeof initZero !== 'boolean') {
    throw new TrainerError(`initZero must be true or false; got ${describe(initZero)}.`);
  }
  if (config.imported !== undefined) checkImported(config.imported);
}

function checkImported(imported: ImportedData): void {
  if (imported === null || typeof imported !== 'object' || typeof imported.id !== 'string') {
    throw new TrainerError('The imported data is not readable; import the file again.');
  }
  const { problem, points } = imported;
  if (problem !== 'classification' && problem !== 'regression') {
    throw new TrainerError(`The imported data has an unknown problem type ${describe(problem)}.`);
  }
  if (!Array.isArray(points) || points.length < 2 || points.length > MAX_IMPORT_POINTS) {
    throw new TrainerError(
      `Imported data needs from 2 to ${MAX_IMPORT_POINTS.toLocaleString('en-US')} points; got ${Array.isArray(points) ? points.length : describe(points)}.`,
    );
  }
  points.forEach((point, i) => {
    const ok =
      point !== null &&
      typeof point === 'object' &&
      isNumberIn(point.x, -COORD_LIMIT, COORD_LIMIT) &&
      isNumberIn(point.y, -COORD_LIMIT, COORD_LIMIT) &&
      (problem === 'classification' ? point.label === 1 || point.label === -1 : isNumberIn(point.label, -1, 1));
    if (!ok) throw new TrainerError(`Imported point ${i + 1} is not a valid point: ${describe(point)}.`);
  });
}

/** The points of `config`: generated from its data set, or its imported ones, shuffled and split with `seed`. */
function dataOf(config: TrainerConfig, seed = config.seed): PlaygroundData {
  if (config.imported) {
    return splitPlaygroundPoints(config.imported.points, config.imported.problem, {
      trainRatio: config.percTrainData,
      seed,
    });
  }
  return generatePlaygroundData({ dataset: config.dataset, noise: config.noise, trainRatio: config.percTrainData, seed });
}

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

function shapeOf(config: TrainerConfig, problem: Problem): NetworkShape {
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
      throw new TrainerError(`No training engine could be loaded (${reasons}).`);
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
    if (name === undefined || !engine) {
      throw new TrainerError('The trainer is not ready yet: call init() and wait for it first.');
    }
    return { name, engine };
  }

  private loaded(): Loaded {
    if (!this.state) throw new TrainerError('Nothing is loaded yet: call load() with a configuration first.');
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
    this.checkDivergence();
    this.changed();
  }

  setLive(settings: LiveSettings): void {
    checkLive(settings);
    const state = this.loaded();
    state.config = {
      ...state.config,
      learningRate: settings.learningRate,
      batchSize: settings.batchSize,
      regularization: settings.regularization,
      regularizationRate: settings.regularizationRate,
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
      throw new TrainerError(`Unknown speed ${describe(speed)}; use one of ${SPEEDS.map(String).join(', ')}.`);
    }
    if (speed === this.speed) return;
    this.speed = speed;
    this.syncLoop();
    this.changed();
  }

  step(epochs = 1): void {
    if (!Number.isInteger(epochs) || epochs < 1 || epochs > CONFIG_LIMITS.maxStepEpochs) {
      throw new TrainerError(
        `A step trains a whole number of epochs from 1 to ${CONFIG_LIMITS.maxStepEpochs}; got ${describe(epochs)}.`,
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
    if (!ENGINE_NAMES.includes(name)) {
      throw new TrainerError(`Unknown engine ${describe(name)}; use one of ${ENGINE_NAMES.join(', ')}.`);
    }
    const engine = this.engines.get(name);
    if (!engine) {
      const why = this.unavailable.get(name);
      throw new TrainerError(
        why === undefined
          ? 'The trainer is not ready yet: call init() and wait for it first.'
          : `The ${name} engine is not available (${why}).`,
      );
    }
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

  /** Stops training in the background and frees every engine handle; the trainer must not be used afterwards. */
  recycle(buffers: ArrayBuffer[]): void {
    if (!Array.isArray(buffers)) return;
    for (const buffer of buffers) {
      if (buffer instanceof ArrayBuffer && buffer.byteLength > 0 && this.pool.length < POOL_SIZE) this.pool.push(buffer);
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
      `The network diverged (its loss or weights are no longer finite numbers), so it cannot ${action}. Reset the network, perhaps with a smaller learning rate.`,
    );
  }

  private checkEdit(kind: 'weight' | 'bias', index: number, count: number, value: number): void {
    if (!Number.isInteger(index) || index < 0 || index >= count) {
      throw new TrainerError(
        `There is no ${kind} number ${describe(index)}: this network has ${count} ${kind === 'weight' ? 'weights' : 'biases'} (0 to ${count - 1}).`,
      );
    }
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new TrainerError(`A ${kind} must be a finite number; got ${describe(value)}.`);
    }
  }

  private setPlaying(playing: boolean): void {
    if (playing && !this.playing) this.restartRate();
    this.playing = playing;
    this.syncLoop();
  }

  /** Trains `epochs` epochs in one engine call, times it and checks for divergence. */
  private train(epochs: number, playing: boolean): void {
    const state = this.loaded();
    const { name } = this.currentEngine();
    const { network, trainSet } = state.handles;
    const start = this.now();
    network.trainEpochs(trainSet, settingsOf(state.config), epochs);
    const end = this.now();
    this.epoch += epochs;
    const stats = this.statsOf(name);
    stats.epochMs = smooth(stats.epochMs, Math.max(end - start, 0) / epochs);
    if (playing) this.countRate(epochs, end, stats);
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
