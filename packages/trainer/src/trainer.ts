/**
 * The training host: owns the session (data, network, engine handles, the
 * run's log) and decides when to train. It is plain TypeScript with no
 * knowledge of workers; `worker.ts` exposes one instance over Comlink, and
 * the tests drive it directly. Each job has its module: what it checks in
 * validate.ts, the engines in engines.ts, the session and the seed's stream
 * in session.ts (made from a configuration by data.ts), the losses, accuracy
 * and the maps' finiteness in evaluate.ts, the 'max' loop and the timing
 * figures in schedule.ts, the maps of a snapshot in snapshot.ts, the
 * side-by-side runs in runs.ts, the check of a recorded run in replay.ts and
 * the run's earlier epochs in timeline.ts.
 *
 * Pace: at a numeric speed s, each `frame()` call (one per animation frame on
 * the page) trains s epochs first. At 'max', training runs on its own in
 * slices of about SLICE_MS, with a MessageChannel hop between slices so that
 * commands and `frame()` calls queued by the page are served in between.
 */
import { DEFAULT_OPTIMIZER, fitsF32, type Engine, type Network } from '@nn/engine';
import { copyConfig, createSets, freeAll, keptOptimizer, outputsOf, pointsOf, sameData, sameList, sameOptimizer, settingsOf, type Handles } from './data.js';
import { ENGINE_NAMES, Engines, notReady, type EngineLoaders } from './engines.js';
import { TrainerError } from './errors.js';
import { LossMemo, accuraciesOf, lossesFinite, lossesOf, parametersFinite, type Losses } from './evaluate.js';
import {
  SPEEDS,
  isCheckpointEpoch,
  type EngineName,
  type LiveSettings,
  type ModelStart,
  type SavedOptimizerState,
  type TrainerModel,
  type ReplayResult,
  type RunEvent,
  type RunJournal,
  type RunReplay,
  type RunsProgress,
  type RunsRequest,
  type RunsResult,
  type Snapshot,
  type Speed,
  type TargetStop,
  type TimelineInfo,
  type TimelineMove,
  type TrainerApi,
  type TrainerConfig,
  type TrainingFailure,
  GRID_DENSITY,
} from './protocol.js';
import { checkModelStart, checkRunReplay } from './replay.js';
import { batchLength, inspect, pointCount, type InspectRequest, type Inspection } from './inspect.js';
import { checkRunsRequest, runsInSteps, trainRuns } from './runs.js';
import { SLICE_MS, Timings, createHop, failureOf, firstSliceEpochs, nextSliceEpochs, nextTurn, type Loop } from './schedule.js';
import {
  REPLAY_CHUNK,
  freeReplaced,
  freeSession,
  nextCheckpoint,
  openSession,
  recordCheckpoint,
  redraw,
  regenerated,
  runConfigOf,
  type Session,
} from './session.js';
import { GridPool, mapsOf } from './snapshot.js';
import { computeLandscape, type LandscapeRequest, type LandscapeResult } from './landscape.js';
import { CONFIG_LIMITS, checkLive, checkSeed, describe, validateConfig } from './validate.js';
import { Timeline, copyBatch, entryBytes, optimizerOf, type TimelineEntry } from './timeline.js';

export { TrainerError } from './errors.js';
export { CONFIG_LIMITS, validateConfig } from './validate.js';
export { ENGINE_NAMES, type EngineLoaders } from './engines.js';
export { SLICE_MS } from './schedule.js';

export class Trainer implements TrainerApi {
  private readonly engines: Engines;
  private readonly now: () => number;
  private engineName: EngineName | undefined;

  private state: Session | undefined;
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

  private readonly timings = new Timings();
  private loop: Loop | undefined;
  /** Grid buffers the page gave back (see recycle). */
  private readonly pool = new GridPool();
  /** Both losses at the current version (see losses()). */
  private readonly memo = new LossMemo();
  /** The runsInSlices() calls in progress, each with its cancellation flag. */
  private readonly cancels = new Set<{ cancelled: boolean }>();
  /** The current run's timeline (see timeline.ts), its branch, and the entry shown instead of the present. */
  private line = new Timeline();
  private branch: Branch | undefined;
  private viewed: { entry: TimelineEntry; network: Network } | undefined;
  private timelineVersion = 0;

  constructor(engines: EngineLoaders | Engines, now: () => number = () => performance.now()) {
    this.engines = engines instanceof Engines ? engines : new Engines(engines);
    this.now = now;
  }

  // ----- Engines -----------------------------------------------------------

  async init(): Promise<EngineName[]> {
    const available = await this.engines.init();
    this.engineName ??= available[0];
    return available;
  }

  /** The names of the engines `init()` loaded. */
  availableEngines(): EngineName[] {
    return this.engines.available();
  }

  private currentEngine(): { name: EngineName; engine: Engine } {
    const name = this.engineName;
    const engine = name === undefined ? undefined : this.engines.get(name);
    if (name === undefined || !engine) throw notReady();
    return { name, engine };
  }

  private loaded(): Session {
    if (!this.state) {
      throw new TrainerError('notLoaded', 'Nothing is loaded yet: call load() with a configuration first.');
    }
    return this.state;
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
      engineName === undefined ? this.currentEngine() : { name: engineName, engine: this.engines.named(engineName) };
    const session = openSession(engine, name, config, draws, resets);
    this.replaceHandles(session.handles);
    this.state = session;
    this.engineName = name;
    this.timings.of(name);
    this.failure = undefined;
    this.epoch = 0;
    this.diverged = false;
    this.clearTarget();
    this.pausedAtEpoch = undefined;
    this.networkVersion++;
    this.dataVersion++;
    this.setPlaying(false);
    this.changed();
    this.startTimeline();
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
    const { name, engine } = this.currentEngine();
    const cfg = config ? copyConfig(config) : state.config;
    const drawn = redraw(engine, state, cfg, !sameList(cfg.features, state.config.features));
    this.replaceHandles(drawn.handles);
    drawn.commit(name);
    this.failure = undefined;
    this.epoch = 0;
    this.diverged = false;
    this.clearTarget();
    this.pausedAtEpoch = undefined;
    this.networkVersion++;
    this.setPlaying(false);
    this.changed();
    this.startTimeline();
  }

  regenerate(seed: string): void {
    const state = this.loaded();
    this.endView();
    this.settleEntries();
    checkSeed(seed);
    const { engine } = this.currentEngine();
    const next = regenerated(engine, state, seed, this.epoch);
    this.replaceHandles(next.handles);
    next.commit();
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
    // Left out, the optimizer stays; SGD with the default settings is kept as no optimizer.
    const optimizer = keptOptimizer(settings.optimizer === undefined ? before.optimizer : settings.optimizer);
    if (
      before.learningRate !== settings.learningRate ||
      before.batchSize !== settings.batchSize ||
      before.regularization !== settings.regularization ||
      before.regularizationRate !== settings.regularizationRate ||
      !sameOptimizer(before.optimizer, optimizer)
    ) {
      const { learningRate, batchSize, regularization, regularizationRate } = settings;
      state.run.events.push({
        epoch: this.epoch,
        kind: 'live',
        // The optimizer is kept whenever it is not plain SGD (an event without one
        // leaves the optimizer as it is on replay, and before it was SGD too).
        settings: { learningRate, batchSize, regularization, regularizationRate, ...(optimizer || keptOptimizer(before.optimizer) ? { optimizer: optimizer ?? DEFAULT_OPTIMIZER } : {}) },
      });
    }
    const { optimizer: _old, ...rest } = state.config;
    state.config = {
      ...rest,
      ...(optimizer ? { optimizer } : {}),
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
    this.endView();
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
    this.endView();
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
    this.endView();
    network.setWeight(index, value);
    state.run.events.push({ epoch: this.epoch, kind: 'weight', index, value });
    this.changed();
  }

  setBias(index: number, value: number): void {
    const state = this.loaded();
    const { network } = state.handles;
    this.checkEdit('bias', index, network.biasCount, value);
    this.endView();
    network.setBias(index, value);
    state.run.events.push({ epoch: this.epoch, kind: 'bias', index, value });
    this.changed();
  }

  setEngine(name: EngineName): void {
    const engine = this.engines.named(name);
    if (name === this.engineName) return;
    const state = this.state;
    if (!state) {
      this.engineName = name;
      return;
    }
    this.refuseIfDiverged('move');
    this.endView();
    this.settleEntries();
    const old = state.handles.network;
    // Copy each view before the next call on the network invalidates it.
    const weights = Float64Array.from(old.weights());
    const biases = Float64Array.from(old.biases());
    const dead = Uint8Array.from(old.deadLinks());
    // The batch in progress and the optimizer's state move too, so the next update is the one it would have been.
    const batch = old.batchState();
    const optimizerState = old.optimizerState();
    const sets = createSets(engine, state.inputs);
    let network: Network | undefined;
    try {
      network = engine.createNetwork(old.shape);
      network.setParameters({ weights, biases, dead });
      network.setBatchState(batch);
      network.setOptimizerState(optimizerState);
    } catch (error) {
      freeAll([network, sets.trainSet, sets.testSet, sets.gridSet]);
      throw error;
    }
    const handles: Handles = { network, ...sets };
    this.replaceHandles(handles);
    state.handles = handles;
    state.run.events.push({ epoch: this.epoch, kind: 'engine', engine: name });
    this.engineName = name;
    this.timings.of(name);
    this.timings.restartRate(this.now());
    if (this.loop) this.loop.epochsPerSlice = firstSliceEpochs(this.timings.epochMs(name));
    this.changed();
  }

  frame(): Snapshot | undefined {
    if (!this.state) return undefined;
    if (this.playing && typeof this.speed === 'number' && !this.diverged) this.train(this.speed, true);
    if (this.version === this.sentVersion) return undefined;
    return this.snapshot();
  }

  recycle(buffers: ArrayBuffer[]): void {
    this.pool.give(buffers);
  }

  runs(request: RunsRequest): RunsResult {
    checkRunsRequest(request);
    const name = request.engine ?? this.currentEngine().name;
    return trainRuns(this.engines.named(name), name, request, this.now);
  }

  /**
   * runs(), trained in slices of about SLICE_MS with a hop through the event
   * loop between them, so that other commands are served meanwhile (what the
   * worker serves as `runs`). `progress`, if given, is called after each
   * slice. Rejects with 'runsCancelled', having freed what it made, when
   * cancelRuns() is called before it finishes.
   */
  async runsInSlices(request: RunsRequest, progress?: (progress: RunsProgress) => void): Promise<RunsResult> {
    checkRunsRequest(request);
    const name = request.engine ?? this.currentEngine().name;
    const steps = runsInSteps(this.engines.named(name), name, request, this.now);
    const cancel = { cancelled: false };
    this.cancels.add(cancel);
    try {
      for (;;) {
        const sliceStart = this.now();
        let step = steps.next();
        while (!step.done && this.now() - sliceStart < SLICE_MS) step = steps.next();
        if (step.done) return step.value;
        if (typeof progress === 'function') progress(step.value);
        await nextTurn();
        if (cancel.cancelled) throw new TrainerError('runsCancelled', 'The runs were cancelled before they finished.');
      }
    } finally {
      this.cancels.delete(cancel);
      // Frees the runs' handles if they did not finish.
      steps.return(undefined as never);
    }
  }

  /** Cancels every runsInSlices() call in progress (see there). */
  cancelRuns(): void {
    for (const cancel of this.cancels) cancel.cancelled = true;
  }

  // ----- The backpropagation inspector ----------------------------------------

  /**
   * One training point's forward and backward pass through the network as it
   * is, and the next batch up to `request.through` (see inspect.ts). Reads
   * only: the network, its batch in progress and the run's journal are not
   * changed.
   */
  inspect(request: InspectRequest): Inspection {
    const state = this.loaded();
    const { name } = this.currentEngine();
    const { network } = state.handles;
    const train = state.inputs.train;
    // The WASM core holds its copy of the points in f32: inspect those numbers.
    const asHeld = (values: ArrayLike<number>): Float64Array =>
      name === 'wasm' ? Float64Array.from(values, Math.fround) : Float64Array.from(values);
    const input = {
      layerSizes: network.layerSizes,
      activation: network.shape.activation,
      outputActivation: network.shape.outputActivation,
      weights: network.weights().slice(),
      biases: network.biases().slice(),
      dead: network.deadLinks().slice(),
      batch: network.batchState(),
      settings: settingsOf(state.config),
      optimizerState: network.optimizerState(),
      inputs: asHeld(train.inputs),
      labels: asHeld(train.labels),
    };
    const size = pointCount(input);
    const { point, through } = (request ?? {}) as Partial<InspectRequest>;
    if (!Number.isInteger(point) || point! < 0 || point! >= size) {
      throw new TrainerError(
        'inspectPoint',
        `There is no training point number ${describe(point)}: there are ${size} (0 to ${size - 1}).`,
        { got: describe(point), count: size, last: size - 1 },
      );
    }
    const length = batchLength(input);
    if (through !== undefined && (!Number.isInteger(through) || through < 0 || through > length)) {
      throw new TrainerError(
        'inspectThrough',
        `The next batch has ${length} points, so from 0 to ${length} of them can be added; got ${describe(through)}.`,
        { got: describe(through), max: length },
      );
    }
    return inspect(input, { point: point!, ...(through !== undefined ? { through } : {}) });
  }

  // ----- The run's record ----------------------------------------------------

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
        ...(run.start ? { start: structuredClone(run.start) } : {}),
      },
      checkpoints: run.checkpoints.map((c) => ({ ...c })),
      engine: this.currentEngine().name,
      ...lossesOf(network, trainSet, testSet),
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
    this.endView();
    this.replaceHandles(next.handles);
    replayed.state = undefined;
    // The replay's timeline is this run's: the page can go back in it at once.
    this.line = replayed.line;
    this.branch = undefined;
    this.timelineVersion++;
    this.state = next;
    this.engineName = replayed.engineName;
    this.timings.of(replayed.engineName!);
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
        // The output nodes' maps: one, or one per class of a softmax output.
        const size = GRID_DENSITY * GRID_DENSITY * outputsOf(network);
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

  // ----- The loss landscape ------------------------------------------------

  landscape(request: LandscapeRequest): LandscapeResult {
    const state = this.loaded();
    const { engine } = this.currentEngine();
    const { network, trainSet } = state.handles;
    if (this.diverged) {
      throw new TrainerError('landscape', 'The network has diverged: its losses are not numbers, so there is no landscape to draw. Press Reset.', {
        what: 'network',
        got: 'diverged',
      });
    }
    return computeLandscape(
      {
        engine,
        network,
        trainSet,
        train: state.inputs.train,
        settings: settingsOf(state.config),
        epoch: this.epoch,
        runSeed: state.config.seed,
      },
      request,
      this.line.path(),
    );
  }

  /**
   * A new trainer on this one's engines with `run` trained again in it: its
   * weights drawn as they were, its events applied at their epochs, trained
   * to `run.epochs` (less if it diverged on the way, as the original must
   * have too). Throws, having freed everything, if the run cannot be replayed.
   */
  private replayed(run: RunReplay): Trainer {
    checkRunReplay(run);
    const child = new Trainer(this.engines.share(), this.now);
    child.engineName = run.engine;
    try {
      child.loadAt({ ...run.config, stopBelow: null, pauseAt: null }, run.engine, run.draws, run.resets);
      if (run.start) child.startFrom(run.start);
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

  // ----- Saved models ---------------------------------------------------------

  model(): TrainerModel {
    const state = this.loaded();
    const { name } = this.currentEngine();
    const { network } = state.handles;
    // Copies in the engine's own precision: f32 values are exact as JSON numbers too.
    const batch = network.batchState();
    return {
      config: runConfigOf(state.config),
      engine: name,
      state: {
        epoch: this.epoch,
        weights: Array.from(network.weights()),
        biases: Array.from(network.biases()),
        dead: Array.from(network.deadLinks()),
        batch: {
          weightGradients: Array.from(batch.weightGradients),
          biasGradients: Array.from(batch.biasGradients),
          count: batch.count,
          ...(batch.lanes ? { lanes: { weights: Array.from(batch.lanes.weights), biases: Array.from(batch.lanes.biases) } } : {}),
        },
        ...savedOptimizerState(network),
      },
    };
  }

  openModel(model: TrainerModel): void {
    if (model === null || typeof model !== 'object' || model.state === null || typeof model.state !== 'object') {
      throw new TrainerError('runRecord', 'This model cannot be opened: it must be an object with a state.', {
        what: 'the model',
        got: describe(model),
      });
    }
    // A run of no events that starts from the model's state: open() checks it and changes nothing if it fails.
    this.open({
      config: model.config,
      engine: model.engine,
      draws: 0,
      resets: 0,
      events: [],
      epochs: model.state.epoch,
      start: model.state,
    });
  }

  /**
   * Sets the network to a saved model's state (weights, biases, dead links,
   * batch in progress) at its epoch, right after loadAt(); the run's log then
   * starts from it. Later Resets draw from the seed's stream as after a load.
   */
  private startFrom(start: ModelStart): void {
    const state = this.loaded();
    const { network } = state.handles;
    checkModelStart(start, network.weightCount, network.biasCount);
    network.setParameters({ weights: start.weights, biases: start.biases, dead: start.dead });
    network.setBatchState(start.batch);
    if (start.optimizer) network.setOptimizerState(start.optimizer);
    const { lanes } = start.batch;
    state.run.start = {
      epoch: start.epoch,
      weights: Array.from(network.weights()),
      biases: Array.from(network.biases()),
      dead: Array.from(network.deadLinks()),
      batch: {
        weightGradients: [...start.batch.weightGradients],
        biasGradients: [...start.batch.biasGradients],
        count: start.batch.count,
        ...(lanes ? { lanes: { weights: [...lanes.weights], biases: [...lanes.biases] } } : {}),
      },
      ...savedOptimizerState(network),
    };
    this.epoch = start.epoch;
    this.networkVersion++;
    this.changed();
    this.checkDivergence();
  }

  /** Stops training in the background and frees every engine handle; the trainer must not be used afterwards. */
  dispose(): void {
    this.playing = false;
    this.syncLoop();
    this.endView();
    if (this.state) {
      freeSession(this.state);
      this.state = undefined;
    }
  }

  // ----- Internals ---------------------------------------------------------

  /** Frees every current handle that `next` does not keep. */
  private replaceHandles(next: Handles): void {
    if (this.state) freeReplaced(this.state.handles, next);
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
    if (playing && !this.playing) this.timings.restartRate(this.now());
    this.playing = playing;
    this.syncLoop();
  }

  /**
   * Trains `epochs` epochs, times them and checks for divergence. Stops (and
   * pauses) early when the epoch counter reaches `pauseAt`: the epochs asked
   * for are cut to those left before it, so no call trains past it. Without a
   * loss target to watch, in one engine call (cut at checkpoint epochs and
   * where a timeline entry is due, which never changes a number); with one, one epoch per call,
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
        const cut = Math.min(next, this.line.nextDue(this.epoch + trained));
        const n = Math.min(epochs - trained, cut - this.epoch - trained);
        network.trainEpochs(trainSet, settings, n);
        trained += n;
        latest = undefined;
        if (this.epoch + trained === next) {
          latest = lossesOf(network, trainSet, testSet);
          recordCheckpoint(state, next, latest.trainLoss, latest.testLoss);
        }
        latest = this.keepEntry(this.epoch + trained, latest);
      }
    } else {
      // The engine watches the target (the test loss only once the training loss is below it), cut at checkpoint epochs.
      while (trained < epochs) {
        // Not cut at timeline entries (one engine call between checkpoints): an entry is kept where a call ends, if due.
        const next = nextCheckpoint(this.epoch + trained);
        const n = Math.min(epochs - trained, next - this.epoch - trained);
        const result = network.trainUntil(trainSet, testSet, settings, n, target);
        trained += result.epochs;
        const epoch = this.epoch + trained;
        latest = undefined;
        if (result.testLoss !== null || epoch === next) {
          latest = { trainLoss: result.trainLoss, testLoss: result.testLoss ?? network.loss(testSet) };
          if (epoch === next) recordCheckpoint(state, epoch, latest.trainLoss, latest.testLoss);
        }
        if (result.epochs > 0) latest = this.keepEntry(epoch, latest);
        if (result.reached) {
          reached = { epoch, target, trainLoss: result.trainLoss, testLoss: result.testLoss! };
          break;
        }
        // Stopped early: a loss is no longer finite (checkDivergence below stops everything).
        if (result.epochs < n || (latest && !lossesFinite(latest))) break;
      }
    }
    const end = this.now();
    this.epoch += trained;
    this.timings.of(name).addTraining(end - start, trained);
    if (playing) this.timings.countRate(name, trained, end);
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
    if (latest) this.memo.set(this.version, latest);
    this.checkDivergence();
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
    const { network, trainSet, testSet } = this.loaded().handles;
    return this.memo.get(this.version, () => lossesOf(network, trainSet, testSet));
  }

  /** Starts or stops the background loop of 'max' speed to match the state. */
  private syncLoop(): void {
    const wanted = this.playing && this.speed === 'max' && !this.diverged && this.state !== undefined;
    if (wanted && !this.loop) {
      const loop: Loop = {
        hop: createHop(() => this.slice(loop)),
        epochsPerSlice: this.engineName === undefined ? 1 : firstSliceEpochs(this.timings.epochMs(this.engineName)),
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
    loop.epochsPerSlice = nextSliceEpochs(k, this.now() - start);
    if (this.loop === loop) loop.hop.post();
  }

  private snapshot(): Snapshot {
    const state = this.loaded();
    const { name } = this.currentEngine();
    const { trainSet, testSet, gridSet } = state.handles;
    // While an earlier epoch is shown, its entry stands in for the network.
    const viewed = this.viewed;
    const network = viewed ? viewed.network : state.handles.network;
    const start = this.now();
    const losses = viewed ? this.lossesOfEntry(viewed.entry) : this.losses();
    const accuracies = accuraciesOf(network, state.data.problem, { trainSet, testSet }, {
      train: state.inputs.train.labels,
      test: state.inputs.test.labels,
    });
    let grid = new Float32Array(0);
    if (viewed) {
      grid = mapsOf(network, gridSet, state.inputs.grid, this.pool) ?? grid;
    } else if (!this.diverged) {
      const maps = lossesFinite(losses) ? mapsOf(network, gridSet, state.inputs.grid, this.pool) : undefined;
      if (maps) {
        grid = maps;
      } else {
        // An edit (or a huge linear output) can overflow without training.
        this.diverged = true;
        this.setPlaying(false);
        this.changed();
      }
    }
    this.timings.of(name).addFrame(this.now() - start);
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
      epoch: viewed ? viewed.entry.epoch : this.epoch,
      playing: this.playing,
      speed: this.speed,
      ...losses,
      ...accuracies,
      diverged: viewed ? false : this.diverged,
      ...(this.stopped ? { stopped: this.stopped } : {}),
      ...(this.pausedAtEpoch !== undefined ? { pausedAtEpoch: this.pausedAtEpoch } : {}),
      ...(this.failure ? { failure: this.failure } : {}),
      layerSizes: [...network.layerSizes],
      weights,
      biases,
      dead,
      grid,
      ...(withPoints ? { train: pointsOf(state.data.train), test: pointsOf(state.data.test) } : {}),
      stats: this.timings.list(),
      ...(viewed ? { viewing: { epoch: viewed.entry.epoch, present: this.epoch } } : {}),
      timelineVersion: this.timelineVersion,
    };
  }

  // ----- The timeline (see timeline.ts) --------------------------------------

  timeline(): TimelineInfo {
    this.loaded();
    // Computed only once training pauses: a playing page needs the epochs alone.
    if (!this.playing) for (const entry of this.line.entries()) this.lossesOfEntry(entry);
    const branch = this.branch;
    let bytes = this.line.bytes();
    if (branch) for (const entry of [...branch.entries, branch.present]) bytes += entryBytes(entry);
    return {
      points: this.line.entries().map(({ epoch, losses }) => ({
        epoch,
        trainLoss: losses?.trainLoss ?? null,
        testLoss: losses?.testLoss ?? null,
      })),
      present: this.epoch,
      viewing: this.viewed ? this.viewed.entry.epoch : null,
      spacing: this.line.spacing,
      bytes,
      branch: branch ? { from: branch.from, epoch: branch.present.epoch } : null,
    };
  }

  /** The training path of the current run: its kept entries, oldest first (see Timeline.path). */
  timelinePath(): ReturnType<Timeline['path']> {
    return this.line.path();
  }

  showEpoch(epoch: number | null): void {
    this.loaded();
    if (epoch === null || epoch === this.epoch) {
      if (this.endView()) this.changed();
      return;
    }
    const entry = this.keptEntry(epoch);
    this.setPlaying(false);
    this.endView();
    const { network } = this.loaded().handles;
    const { engine } = this.currentEngine();
    const shown = engine.createNetwork(network.shape);
    try {
      shown.setParameters({ weights: entry.weights, biases: entry.biases, dead: entry.dead });
    } catch (error) {
      freeAll([shown]);
      throw error;
    }
    this.viewed = { entry, network: shown };
    this.changed();
  }

  continueFrom(epoch: number): TimelineMove {
    const state = this.loaded();
    if (epoch === this.epoch) {
      if (this.endView()) this.changed();
      return this.moveOf();
    }
    const entry = this.keptEntry(epoch);
    this.settleEntries();
    const left = this.leaving();
    const move = this.moveTo(
      entry,
      state.run.events.filter((event) => event.epoch < epoch),
      state.run.checkpoints.filter((checkpoint) => checkpoint.epoch <= epoch),
    );
    const later = this.line.cutAfter(epoch);
    this.branch = { ...left, from: epoch, entries: later.filter((e) => e.epoch < left.present.epoch) };
    this.timelineVersion++;
    return move;
  }

  toBranch(): TimelineMove {
    this.loaded();
    const branch = this.branch;
    if (!branch) throw new TrainerError('noBranch', 'There is no branch to go back to: it was discarded or never made.');
    this.settleEntries();
    const left = this.leaving();
    const move = this.moveTo(branch.present, branch.events, branch.checkpoints);
    const later = this.line.cutAfter(branch.from);
    this.line.restore(branch.entries, branch.spacing);
    this.branch = { ...left, from: branch.from, entries: later.filter((e) => e.epoch < left.present.epoch) };
    this.timelineVersion++;
    return move;
  }

  discardBranch(): void {
    if (!this.branch) return;
    this.branch = undefined;
    this.timelineVersion++;
    this.changed();
  }

  /** A new timeline for a new run: only its first entry (the network now). */
  private startTimeline(): void {
    this.endView();
    this.line = new Timeline();
    this.branch = undefined;
    this.timelineVersion++;
    this.keepEntry(this.epoch, undefined);
  }

  /** The network now as a timeline entry, with its losses if they were computed already. */
  private entryNow(losses: Losses | undefined): TimelineEntry {
    const { network } = this.loaded().handles;
    return {
      epoch: this.epoch,
      weights: network.weights().slice(),
      biases: network.biases().slice(),
      dead: network.deadLinks().slice(),
      batch: copyBatch(network.batchState()),
      ...optimizerOf(network),
      ...(losses ? { losses: { trainLoss: losses.trainLoss, testLoss: losses.testLoss } } : {}),
    };
  }

  /**
   * Keeps the network at `epoch` (reached in train(), not yet counted in
   * this.epoch) if an entry is due there and its numbers are finite, with
   * `latest` as its losses if training computed them (else they are computed
   * when first asked for: see lossesOfEntry). Returns `latest`.
   */
  private keepEntry(epoch: number, latest: Losses | undefined): Losses | undefined {
    if (!this.line.due(epoch)) return latest;
    const { network } = this.loaded().handles;
    if ((latest && !lossesFinite(latest)) || !parametersFinite(network)) return latest;
    const counted = this.epoch;
    this.epoch = epoch;
    try {
      this.line.add(this.entryNow(latest));
    } finally {
      this.epoch = counted;
    }
    this.timelineVersion++;
    return latest;
  }

  /** Both losses of `entry` on the current data (computed once, on a network of its own). */
  private lossesOfEntry(entry: TimelineEntry): Losses {
    if (entry.losses) return entry.losses;
    const { network, trainSet, testSet } = this.loaded().handles;
    const { engine } = this.currentEngine();
    const scratch = engine.createNetwork(network.shape);
    try {
      scratch.setParameters({ weights: entry.weights, biases: entry.biases, dead: entry.dead });
      entry.losses = lossesOf(scratch, trainSet, testSet);
    } finally {
      freeAll([scratch]);
    }
    return entry.losses;
  }

  /** Computes the losses every kept entry lacks, while the data and engine they were trained with are still here. */
  private settleEntries(): void {
    if (!this.state) return;
    for (const entry of this.line.entries()) this.lossesOfEntry(entry);
  }

  private keptEntry(epoch: number): TimelineEntry {
    const entry = Number.isInteger(epoch) && epoch < this.epoch ? this.line.at(epoch) : undefined;
    if (!entry) {
      const kept = this.line.entries().map((e) => e.epoch);
      throw new TrainerError(
        'timelineEpoch',
        `The timeline keeps no epoch ${describe(epoch)}; it keeps epochs ${kept[0] ?? 0} to ${kept[kept.length - 1] ?? 0} every ${this.line.spacing}, and the present (${this.epoch}).`,
        { got: describe(epoch), spacing: this.line.spacing, present: this.epoch },
      );
    }
    return entry;
  }

  /** What the present becomes when the run moves away from it: a branch's end. */
  private leaving(): Omit<Branch, 'from' | 'entries'> {
    const { run } = this.loaded();
    return {
      present: this.entryNow(this.diverged ? { trainLoss: NaN, testLoss: NaN } : this.losses()),
      events: run.events.map((event) => structuredClone(event)),
      checkpoints: run.checkpoints.map((c) => ({ ...c })),
      spacing: this.line.spacing,
    };
  }

  /** Stops showing an earlier epoch; true if one was shown. */
  private endView(): boolean {
    const viewed = this.viewed;
    if (!viewed) return false;
    this.viewed = undefined;
    freeAll([viewed.network]);
    return true;
  }

  private moveOf(): TimelineMove {
    const { config } = this.loaded();
    const { learningRate, batchSize, regularization, regularizationRate, seed } = config;
    return { epoch: this.epoch, settings: { learningRate, batchSize, regularization, regularizationRate }, seed, engine: this.currentEngine().name };
  }

  /**
   * Makes `entry` the run's state: the run's start drawn again (its data and
   * seed's stream), `events` applied for the settings and data they leave
   * (their epochs all at or before the entry's), then the entry's network and
   * batch in progress; the run's log becomes `events` and `checkpoints`, so
   * its journal reproduces exactly this state. Paused. Changes nothing if it throws.
   */
  private moveTo(entry: TimelineEntry, events: readonly RunEvent[], checkpoints: RunJournal['checkpoints']): TimelineMove {
    const state = this.loaded();
    const { run } = state;
    const child = new Trainer(this.engines.share(), this.now);
    child.engineName = run.engine;
    let next: Session;
    try {
      child.loadAt({ ...run.config, stopBelow: null, pauseAt: null }, run.engine, run.draws, run.resets);
      for (const event of events) {
        child.epoch = event.epoch;
        child.apply(event);
      }
      child.epoch = entry.epoch;
      const { network } = child.loaded().handles;
      network.setParameters({ weights: entry.weights, biases: entry.biases, dead: entry.dead });
      network.setBatchState(entry.batch);
      // setParameters cleared the optimizer's state: momentum's or Adam's go on from where they were.
      if (entry.optimizer) network.setOptimizerState(entry.optimizer);
      next = child.loaded();
    } catch (error) {
      child.dispose();
      throw error;
    }
    child.state = undefined;
    child.dispose();
    next.run = { ...next.run, events: events.map((event) => structuredClone(event)), checkpoints: checkpoints.map((c) => ({ ...c })) };
    next.config = { ...next.config, stopBelow: state.config.stopBelow ?? null, pauseAt: state.config.pauseAt ?? null };
    this.endView();
    this.playing = false;
    this.syncLoop();
    this.replaceHandles(next.handles);
    this.state = next;
    this.engineName = child.engineName;
    this.timings.of(child.engineName!);
    this.epoch = entry.epoch;
    this.diverged = false;
    this.failure = undefined;
    this.clearTarget();
    this.pausedAtEpoch = undefined;
    this.dataVersion++;
    this.setPlaying(false);
    this.changed();
    this.checkDivergence();
    return this.moveOf();
  }
}

/** The history left by continueFrom(): where it forks, its entries after that, and where it had got to. */
interface Branch {
  readonly from: number;
  readonly entries: readonly TimelineEntry[];
  readonly spacing: number;
  /** The network where the branch was left, after every event of its log. */
  readonly present: TimelineEntry;
  readonly events: RunEvent[];
  readonly checkpoints: RunJournal['checkpoints'];
}

/**
 * The network's optimizer state as plain numbers in its engine's precision
 * (f32 values are exact as JSON numbers), for a saved model or a run's start;
 * nothing for plain SGD's, which keeps none.
 */
function savedOptimizerState(network: Network): { optimizer?: SavedOptimizerState } {
  const state = network.optimizerState();
  if (state.optimizer === 'sgd') return {};
  return {
    optimizer: {
      optimizer: state.optimizer,
      steps: state.steps,
      weightMoment1: Array.from(state.weightMoment1),
      biasMoment1: Array.from(state.biasMoment1),
      weightMoment2: Array.from(state.weightMoment2),
      biasMoment2: Array.from(state.biasMoment2),
    },
  };
}
