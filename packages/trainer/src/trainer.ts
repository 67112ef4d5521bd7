/**
 * The training host: owns the data, the network and the engine handles, and
 * decides when to train. It is plain TypeScript with no knowledge of workers;
 * `worker.ts` exposes one instance over Comlink, and the tests drive it
 * directly. What it checks is in validate.ts, what it makes from a
 * configuration in data.ts, the side-by-side runs in runs.ts.
 *
 * Pace: at a numeric speed s, each `frame()` call (one per animation frame on
 * the page) trains s epochs first. At 'max', training runs on its own in
 * slices of about SLICE_MS, with a MessageChannel hop between slices so that
 * commands and `frame()` calls queued by the page are served in between.
 */
import type { Prng } from '@nn/datasets';
import { fitsF32, initParameters, type Engine, type EngineDataSet, type Network, type NetworkShape } from '@nn/engine';
import {
  accuracy,
  allFitF32,
  copyConfig,
  createSets,
  dataOf,
  freeAll,
  inputsOf,
  pointsOf,
  sameData,
  sameList,
  settingsOf,
  shapeOf,
  type Data,
  type Handles,
  type Inputs,
} from './data.js';
import { TrainerError } from './errors.js';
import { gridFinite, lossesFinite, parametersFinite, type Losses } from './evaluate.js';
import {
  SPEEDS,
  isCheckpointEpoch,
  type Checkpoint,
  type EngineName,
  type EngineStats,
  type LiveSettings,
  type ReplayResult,
  type RunEvent,
  type RunJournal,
  type RunReplay,
  type RunsRequest,
  type RunsResult,
  type Snapshot,
  type Speed,
  type TargetStop,
  type TrainerApi,
  type TrainerConfig,
  type TrainingFailure,
  GRID_DENSITY,
} from './protocol.js';
import { checkRunsRequest, trainRuns } from './runs.js';
import { checkRunReplay } from './replay.js';
import { CONFIG_LIMITS, checkLive, checkSeed, describe, validateConfig } from './validate.js';

export { TrainerError } from './errors.js';
export { CONFIG_LIMITS, validateConfig } from './validate.js';

/** Every engine a trainer knows, in order of preference. */
export const ENGINE_NAMES: readonly EngineName[] = ['wasm', 'reference'];

/** Target length of one training slice at 'max' speed, in milliseconds. */
export const SLICE_MS = 5;

/** Grid buffers kept for reuse (the page returns each one a frame or two after drawing it). */
const POOL_SIZE = 4;

/** Loaders of the engines this trainer may use. */
export type EngineLoaders = Partial<Record<EngineName, () => Promise<Engine>>>;


function notReady(): TrainerError {
  return new TrainerError('notReady', 'The trainer is not ready yet: call init() and wait for it first.');
}

/** What the page is told of an error that stopped background training. */
function failureOf(error: unknown, id: number): TrainingFailure {
  if (error instanceof Error) {
    const { code, params } = error as { code?: unknown; params?: unknown };
    const plainParams =
      params !== null && typeof params === 'object'
        ? Object.fromEntries(
            Object.entries(params).filter((entry): entry is [string, string | number] => typeof entry[1] === 'string' || typeof entry[1] === 'number'),
          )
        : {};
    return { id, name: error.name, code: typeof code === 'string' ? code : 'unknown', message: error.message, params: plainParams };
  }
  return { id, name: 'Error', code: 'unknown', message: String(error), params: {} };
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

interface Loaded {
  config: TrainerConfig;
  data: Data;
  inputs: Inputs;
  handles: Handles;
  /** The stream the next reset draws its weights from. */
  rng: Prng;
  /** Numbers taken from `rng` since its points were made (weights of every draw so far). */
  draws: number;
  /** Times the weights were drawn again from `rng` (resets after the load or the last Regenerate). */
  resets: number;
  /** The current run, from its weights' draw on (see journal()). */
  run: RunLog;
}

/** What the trainer keeps of the current run while it goes. */
interface RunLog {
  readonly config: RunReplay['config'];
  readonly engine: EngineName;
  readonly draws: number;
  readonly resets: number;
  readonly events: RunEvent[];
  readonly checkpoints: Checkpoint[];
}

/** The run's settings without the two that never change a number. */
function runConfigOf(config: TrainerConfig): RunReplay['config'] {
  const { stopBelow: _stop, pauseAt: _pause, ...rest } = copyConfig(config);
  return rest;
}

/** The first checkpoint epoch after `epoch`. */
function nextCheckpoint(epoch: number): number {
  let next = 1;
  while (next <= epoch) next *= 2;
  return next;
}

/** A loss as a checkpoint keeps it: null when it is not a finite f32 (JSON has no NaN). */
function keptLoss(loss: number): number | null {
  return fitsF32(loss) ? loss : null;
}

/** Epochs trained per call while replaying (a run trains in whole epochs; chunks never change its numbers). */
const REPLAY_CHUNK = 10_000;

/** The background loop of 'max' speed. */
interface Loop {
  readonly hop: Hop;
  epochsPerSlice: number;
}

interface MutableStats {
  epochsPerSecond: number;
  epochMs: number;
  frameMs: number;
  /**
   * Milliseconds and epochs of training, summed with a decay (see
   * TIMING_DECAY): epochMs is their ratio. Summing first matters where the
   * clock is coarse (1 ms in Firefox without cross-origin isolation), where
   * one call of a few fast epochs mostly reads 0 ms and now and then 1.
   */
  trainMs: number;
  trainEpochs: number;
}

/**
 * How much of the timing sums each new training call keeps: about the last
 * 100 calls count, i.e. a couple of seconds at one call per frame.
 */
const TIMING_DECAY = 0.99;

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
  /** The epoch at which training paused because it reached `pauseAt`, while it stays paused there. */
  private pausedAtEpoch: number | undefined;
  /** Why background training stopped, if an error stopped it (shown in snapshots). */
  private failure: TrainingFailure | undefined;
  private failures = 0;

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
  /** Both losses at `version` (see losses()). */
  private evaluated: { version: number; losses: Losses } | undefined;
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
      stats = { epochsPerSecond: 0, epochMs: 0, frameMs: 0, trainMs: 0, trainEpochs: 0 };
      this.stats.set(name, stats);
    }
    return stats;
  }

  // ----- Commands ----------------------------------------------------------

  load(config: TrainerConfig, engineName?: EngineName): void {
    this.loadAt(config, engineName, 0, 0);
  }

  /**
   * load(), with the weights drawn after `draws` numbers of the seed's stream
   * (as the `resets`-th draw on these points): where a recorded run starts.
   */
  private loadAt(config: TrainerConfig, engineName: EngineName | undefined, draws: number, resets: number): void {
    validateConfig(config);
    const { name, engine } =
      engineName === undefined ? this.currentEngine() : { name: engineName, engine: this.engineNamed(engineName) };
    const cfg = copyConfig(config);
    const generated = dataOf(cfg);
    for (let k = 0; k < draws; k++) generated.rng.next();
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
    let drawn = 0;
    try {
      network = this.newNetwork(engine, shapeOf(cfg, data.problem), () => (drawn++, generated.rng.next()), cfg.initZero);
    } catch (error) {
      freeAll([sets.trainSet, sets.testSet, sets.gridSet]);
      throw error;
    }
    this.replaceHandles({ network, ...sets });
    this.state = {
      config: cfg,
      data,
      inputs,
      handles: { network, ...sets },
      rng: generated.rng,
      draws: draws + drawn,
      resets,
      run: { config: runConfigOf(cfg), engine: name, draws, resets, events: [], checkpoints: [] },
    };
    this.engineName = name;
    this.statsOf(name);
    this.failure = undefined;
    this.epoch = 0;
    this.diverged = false;
    this.clearTarget();
    this.pausedAtEpoch = undefined;
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
    let drawn = 0;
    try {
      network = this.newNetwork(engine, shapeOf(cfg, state.data.problem), () => (drawn++, state.rng.next()), cfg.initZero);
    } catch (error) {
      if (sets) freeAll([sets.trainSet, sets.testSet, sets.gridSet]);
      throw error;
    }
    const handles: Handles = { ...state.handles, ...sets, network };
    this.replaceHandles(handles);
    state.config = cfg;
    state.inputs = inputs;
    state.handles = handles;
    state.resets++;
    state.run = {
      config: runConfigOf(cfg),
      engine: this.currentEngine().name,
      draws: state.draws,
      resets: state.resets,
      events: [],
      checkpoints: [],
    };
    state.draws += drawn;
    this.failure = undefined;
    this.epoch = 0;
    this.diverged = false;
    this.clearTarget();
    this.pausedAtEpoch = undefined;
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
    // Later resets draw from the new seed's stream, right after its points.
    state.draws = 0;
    state.resets = 0;
    state.run.events.push({ epoch: this.epoch, kind: 'regenerate', seed });
    this.dataVersion++;
    this.clearTarget();
    this.changed();
    this.checkDivergence();
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
    const pauseAt = settings.pauseAt ?? null;
    if (pauseAt !== (state.config.pauseAt ?? null) && this.pausedAtEpoch !== undefined) {
      this.pausedAtEpoch = undefined;
      this.changed();
    }
    const before = state.config;
    if (
      before.learningRate !== settings.learningRate ||
      before.batchSize !== settings.batchSize ||
      before.regularization !== settings.regularization ||
      before.regularizationRate !== settings.regularizationRate
    ) {
      const { learningRate, batchSize, regularization, regularizationRate } = settings;
      state.run.events.push({
        epoch: this.epoch,
        kind: 'live',
        settings: { learningRate, batchSize, regularization, regularizationRate },
      });
    }
    state.config = {
      ...state.config,
      learningRate: settings.learningRate,
      batchSize: settings.batchSize,
      regularization: settings.regularization,
      regularizationRate: settings.regularizationRate,
      stopBelow: target,
      pauseAt,
    };
  }

  play(): void {
    this.loaded();
    this.refuseIfDiverged('play');
    if (this.playing) return;
    this.failure = undefined;
    this.pausedAtEpoch = undefined;
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
    this.failure = undefined;
    this.pausedAtEpoch = undefined;
    this.setPlaying(false);
    this.train(epochs, false);
    this.changed();
  }

  setWeight(index: number, value: number): void {
    const state = this.loaded();
    const { network } = state.handles;
    this.checkEdit('weight', index, network.weightCount, value);
    network.setWeight(index, value);
    state.run.events.push({ epoch: this.epoch, kind: 'weight', index, value });
    this.changed();
  }

  setBias(index: number, value: number): void {
    const state = this.loaded();
    const { network } = state.handles;
    this.checkEdit('bias', index, network.biasCount, value);
    network.setBias(index, value);
    state.run.events.push({ epoch: this.epoch, kind: 'bias', index, value });
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
    // The batch in progress moves too, so the next update is the one it would have been.
    const batch = old.batchState();
    const sets = createSets(engine, state.inputs);
    let network: Network | undefined;
    try {
      network = engine.createNetwork(old.shape);
      network.setParameters({ weights, biases, dead });
      network.setBatchState(batch);
    } catch (error) {
      freeAll([network, sets.trainSet, sets.testSet, sets.gridSet]);
      throw error;
    }
    const handles: Handles = { network, ...sets };
    this.replaceHandles(handles);
    state.handles = handles;
    state.run.events.push({ epoch: this.epoch, kind: 'engine', engine: name });
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
    return trainRuns(this.engineNamed(name), name, request, this.now);
  }

  journal(): RunJournal {
    const state = this.loaded();
    const { network, trainSet, testSet } = state.handles;
    const { run } = state;
    return {
      run: {
        config: runConfigOf(run.config),
        engine: run.engine,
        draws: run.draws,
        resets: run.resets,
        events: run.events.map((event) => structuredClone(event)),
        epochs: this.epoch,
      },
      checkpoints: run.checkpoints.map((c) => ({ ...c })),
      engine: this.currentEngine().name,
      trainLoss: network.loss(trainSet),
      testLoss: network.loss(testSet),
      weights: Array.from(network.weights()),
      biases: Array.from(network.biases()),
      diverged: this.diverged,
    };
  }

  open(run: RunReplay): void {
    const replayed = this.replayed(run);
    const next = replayed.state!;
    // The replay's handles become this trainer's; nothing of the old network is kept.
    this.playing = false;
    this.syncLoop();
    this.replaceHandles(next.handles);
    replayed.state = undefined;
    this.state = next;
    this.engineName = replayed.engineName;
    this.statsOf(replayed.engineName!);
    this.epoch = replayed.epoch;
    this.diverged = replayed.diverged;
    this.failure = undefined;
    this.clearTarget();
    this.pausedAtEpoch = undefined;
    this.networkVersion++;
    this.dataVersion++;
    this.setPlaying(false);
    this.changed();
  }

  replay(run: RunReplay): ReplayResult {
    const start = this.now();
    const replayed = this.replayed(run);
    try {
      const journal = replayed.journal();
      const state = replayed.loaded();
      const { network, gridSet } = state.handles;
      let output = new Float32Array(0);
      if (!replayed.diverged) {
        const grid = network.grid(gridSet);
        const size = GRID_DENSITY * GRID_DENSITY;
        output = Float32Array.from(grid.subarray(grid.length - size));
      }
      return {
        ...journal,
        output,
        train: pointsOf(state.data.train),
        test: pointsOf(state.data.test),
        problem: state.data.problem,
        ms: Math.max(this.now() - start, 0),
      };
    } finally {
      replayed.dispose();
    }
  }

  /**
   * A new trainer on this one's engines with `run` trained again in it: its
   * weights drawn as they were, its events applied at their epochs, trained
   * to `run.epochs` (less if it diverged on the way, as the original must
   * have too). Throws, having freed everything, if the run cannot be replayed.
   */
  private replayed(run: RunReplay): Trainer {
    checkRunReplay(run);
    const child = new Trainer({}, this.now);
    for (const [name, engine] of this.engines) child.engines.set(name, engine);
    for (const [name, why] of this.unavailable) child.unavailable.set(name, why);
    child.engineName = run.engine;
    try {
      child.loadAt({ ...run.config, stopBelow: null, pauseAt: null }, run.engine, run.draws, run.resets);
      for (const event of run.events) {
        child.trainTo(event.epoch);
        child.apply(event);
      }
      child.trainTo(run.epochs);
      return child;
    } catch (error) {
      child.dispose();
      throw error;
    }
  }

  /** Trains on to `epoch` (stopping early only if the network diverges). */
  private trainTo(epoch: number): void {
    while (this.epoch < epoch && !this.diverged) this.train(Math.min(epoch - this.epoch, REPLAY_CHUNK), false);
  }

  private apply(event: RunEvent): void {
    switch (event.kind) {
      case 'live':
        this.setLive({ ...event.settings, stopBelow: null, pauseAt: null });
        return;
      case 'regenerate':
        this.regenerate(event.seed);
        return;
      case 'weight':
        this.setWeight(event.index, event.value);
        return;
      case 'bias':
        this.setBias(event.index, event.value);
        return;
      case 'engine':
        if (this.diverged) {
          // The original could not have moved a diverged network either.
          this.refuseIfDiverged('move');
        }
        this.setEngine(event.engine);
        return;
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

  private newNetwork(engine: Engine, shape: NetworkShape, random: () => number, zero: boolean): Network {
    const network = engine.createNetwork(shape);
    try {
      network.setParameters(initParameters(shape, random, { zero }));
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
    // The WASM core holds weights as f32: the same limit on both engines.
    if (!fitsF32(value)) {
      throw new TrainerError(`${kind}Value`, `A ${kind} must be a finite number within ±3.4e38; got ${describe(value)}.`, {
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
   * Trains `epochs` epochs, times them and checks for divergence. Stops (and
   * pauses) early when the epoch counter reaches `pauseAt`: the epochs asked
   * for are cut to those left before it, so no call trains past it. Without a
   * loss target to watch, in one engine call; with one, one epoch per call,
   * stopping (and pausing) at the first epoch after which both losses are
   * below it.
   */
  private train(asked: number, playing: boolean): void {
    const state = this.loaded();
    const { name } = this.currentEngine();
    const { network, trainSet, testSet } = state.handles;
    const settings = settingsOf(state.config);
    const target = state.config.stopBelow ?? null;
    const pauseAt = state.config.pauseAt ?? null;
    const epochs = pauseAt !== null && this.epoch < pauseAt ? Math.min(asked, pauseAt - this.epoch) : asked;
    let trained = 0;
    let reached: TargetStop | undefined;
    /** Both losses after the last epoch trained, when they were computed on the way. */
    let latest: Losses | undefined;
    const start = this.now();
    if (target === null || this.targetReached) {
      // In one engine call, cut only at the run's checkpoint epochs.
      while (trained < epochs) {
        const next = nextCheckpoint(this.epoch + trained);
        const n = Math.min(epochs - trained, next - this.epoch - trained);
        network.trainEpochs(trainSet, settings, n);
        trained += n;
        latest = undefined;
        if (this.epoch + trained === next) {
          latest = { trainLoss: network.loss(trainSet), testLoss: network.loss(testSet) };
          this.checkpoint(state, next, latest.trainLoss, latest.testLoss);
        }
      }
    } else {
      while (trained < epochs) {
        network.trainEpochs(trainSet, settings, 1);
        trained++;
        const trainLoss = network.loss(trainSet);
        const testLoss = network.loss(testSet);
        latest = { trainLoss, testLoss };
        if (isCheckpointEpoch(this.epoch + trained)) this.checkpoint(state, this.epoch + trained, trainLoss, testLoss);
        // A loss that is not finite any more: checkDivergence below stops everything.
        if (!fitsF32(trainLoss) || !fitsF32(testLoss)) break;
        if (trainLoss < target && testLoss < target) {
          reached = { epoch: this.epoch + trained, target, trainLoss, testLoss };
          break;
        }
      }
    }
    const end = this.now();
    this.epoch += trained;
    const stats = this.statsOf(name);
    stats.trainMs = stats.trainMs * TIMING_DECAY + Math.max(end - start, 0);
    stats.trainEpochs = stats.trainEpochs * TIMING_DECAY + trained;
    stats.epochMs = stats.trainMs / stats.trainEpochs;
    if (playing) this.countRate(trained, end, stats);
    if (reached) {
      this.targetReached = true;
      this.stopped = reached;
      this.setPlaying(false);
    }
    if (trained > 0 && this.epoch === pauseAt) {
      this.pausedAtEpoch = pauseAt;
      this.setPlaying(false);
    }
    this.changed();
    if (latest) this.evaluated = { version: this.version, losses: latest };
    this.checkDivergence();
  }

  /** Keeps both losses at a checkpoint epoch of the current run. */
  private checkpoint(state: Loaded, epoch: number, trainLoss: number, testLoss: number): void {
    if (isCheckpointEpoch(epoch)) state.run.checkpoints.push({ epoch, trainLoss: keptLoss(trainLoss), testLoss: keptLoss(testLoss) });
  }

  /** Marks the network diverged (and pauses) if a loss, weight or bias is not finite. */
  private checkDivergence(): void {
    const { network } = this.loaded().handles;
    // A non-finite loss already says it all; the weights are read only when both losses are finite.
    const finite = lossesFinite(this.losses()) && parametersFinite(network);
    this.diverged = !finite;
    if (!finite) this.setPlaying(false);
  }

  /**
   * Both losses of the network as it is now (`network.loss()` on each set),
   * computed once per version: every change to the network or its data
   * bumps the version (changed()) before anything reads them again.
   */
  private losses(): Losses {
    if (this.evaluated?.version === this.version) return this.evaluated.losses;
    const { network, trainSet, testSet } = this.loaded().handles;
    const losses = { trainLoss: network.loss(trainSet), testLoss: network.loss(testSet) };
    this.evaluated = { version: this.version, losses };
    return losses;
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
      // Nobody awaits a background slice: stop, and tell the page in the next snapshot.
      this.failure = failureOf(error, ++this.failures);
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
    const { trainLoss, testLoss } = this.losses();
    const classification = state.data.problem === 'classification';
    const trainAccuracy = classification ? accuracy(network.predict(trainSet), state.inputs.train.labels) : NaN;
    const testAccuracy = classification ? accuracy(network.predict(testSet), state.inputs.test.labels) : NaN;
    let grid = new Float32Array(0);
    if (!this.diverged) {
      let finite = lossesFinite({ trainLoss, testLoss });
      if (finite) {
        const view = network.grid(gridSet);
        grid = this.gridBuffer(view.length);
        grid.set(view);
        finite = gridFinite(network, state.inputs.grid, grid);
      }
      if (!finite) {
        // An edit (or a huge linear output) can overflow without training.
        this.diverged = true;
        this.setPlaying(false);
        this.changed();
        grid = new Float32Array(0);
      }
    }
    const stats = this.statsOf(name);
    stats.frameMs = smooth(stats.frameMs, Math.max(this.now() - start, 0));
    // Copies, in the engine's own precision.
    const weights = network.weights().slice();
    const biases = network.biases().slice();
    const dead = network.deadLinks().slice();
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
      ...(this.pausedAtEpoch !== undefined ? { pausedAtEpoch: this.pausedAtEpoch } : {}),
      ...(this.failure ? { failure: this.failure } : {}),
      layerSizes: [...network.layerSizes],
      weights,
      biases,
      dead,
      grid,
      ...(withPoints ? { train: pointsOf(state.data.train), test: pointsOf(state.data.test) } : {}),
      stats: [...this.stats].map(
        ([engine, s]): EngineStats => ({ engine, epochsPerSecond: s.epochsPerSecond, epochMs: s.epochMs, frameMs: s.frameMs }),
      ),
    };
  }
}
