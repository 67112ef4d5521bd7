/**
 * The page's side of the playground: the settings (the URL hash state), the
 * newest snapshot from the training worker, and every user action with
 * TensorFlow Playground's meaning (which ones draw new data, which ones draw
 * new weights, which ones apply to the running network).
 *
 * Its parts live in playground/: the worker connection (worker-client), the
 * loss curves and their watch (loss-history), notices, file import, what
 * refusals say (failures) and the course tools' pool of workers (runs-pool);
 * the URL hash's format is state/hash.ts.
 *
 * Data flows one way: the page sends commands to the worker and renders the
 * snapshots it returns; it never trains or computes a grid itself.
 */
import { randomSeed, type DatasetName, type FeatureId } from '@nn/datasets';
import { readRunParam } from '@nn/records';
import type {
  InspectRequest,
  Inspection,
  EngineName,
  EngineStats,
  ImportedData,
  PointsSnapshot,
  ReplayResult,
  RunJournal,
  RunReplay,
  RunsRequest,
  RunsResult,
  Snapshot,
  Speed,
  TimelineInfo,
  TimelineMove,
  TrainerConfig,
  TrainerModel,
  WorkerApi,
} from '@nn/trainer';
import { DEFAULT_OPTIMIZER } from '@nn/engine';
import type { LandscapeRequest, LandscapeResult } from '@nn/trainer';
import type { Remote } from 'comlink';
import { describeHashNotice, type Message } from './panels/message.js';
import { describeFailure, failureError } from './playground/failures.js';
import { importedPoints, pointsCsv, readPointsFile } from './playground/import.js';
import { LossWatch, type LossHistory } from './playground/loss-history.svelte.js';
import { NoticeBoard, type Notice } from './playground/notices.svelte.js';
import { describeReject, isExact, openExactRun, openMessages } from './playground/replay.js';
import { RunsPool, pagePoolSize, workerMember } from './playground/runs-pool.js';
import { WORKER_SILENCE_MS, WorkerClient } from './playground/worker-client.svelte.js';
import { withSession } from './state/classroom.js';
import { stateOfModel } from './model/model-state.js';
import {
  MAX_HIDDEN_LAYERS,
  MAX_NEURONS,
  activeFeatures,
  datasetOf,
  REGRESSION_DATASETS,
  parseHash,
  serializeHash,
  toTrainerConfig,
  withClasses,
  type ClassDataset,
  type LossName,
  type PlaygroundState,
  type RegressionDataset,
} from './state/hash.js';

export type { Message } from './panels/message.js';
export type { Notice } from './playground/notices.svelte.js';
export type { LossHistory } from './playground/loss-history.svelte.js';
export { describeFailure } from './playground/failures.js';

function isRegressionDataset(name: string): name is RegressionDataset {
  return (REGRESSION_DATASETS as readonly string[]).includes(name);
}

function newSeed(): string {
  return randomSeed();
}

export class Playground {
  /** The settings; replaced (never mutated) on every change, mirrored into the URL hash. */
  state = $state.raw<PlaygroundState>(parseHash('', newSeed).state);
  /** The newest snapshot from the worker (undefined until the first one arrives). */
  snapshot = $state.raw<Snapshot | undefined>(undefined);
  train = $state.raw<PointsSnapshot | undefined>(undefined);
  test = $state.raw<PointsSnapshot | undefined>(undefined);
  /** Loss curves since the last reset and what they say (a rising loss, a blow-up). */
  readonly losses = new LossWatch();
  readonly board = new NoticeBoard();
  private readonly client: WorkerClient;

  get history(): LossHistory {
    return this.losses.history;
  }
  /** Increases whenever `history` changed (the loss chart redraws on it). */
  get historyVersion(): number {
    return this.losses.version;
  }
  get lossRise(): LossWatch['lossRise'] {
    return this.losses.lossRise;
  }
  get blownUp(): LossWatch['blownUp'] {
    return this.losses.blownUp;
  }
  get notices(): Notice[] {
    return this.board.list;
  }
  /** Engines the worker could load. */
  get engines(): EngineName[] {
    return this.client.engines;
  }
  /** Set when the worker could not start at all, or stopped. */
  get fatal(): Message | undefined {
    return this.client.fatal;
  }
  /**
   * True when the training worker died or stopped answering: Reset (or the
   * notice's Restart) starts a new one with the current settings.
   */
  get workerLost(): boolean {
    return this.client.lost;
  }
  /** Node whose map the big output view shows instead of the output (hover), or undefined. */
  focusNode = $state<number | undefined>(undefined);
  /** Feature whose map the big output view shows (hovering an input), or undefined. */
  focusFeature = $state<FeatureId | undefined>(undefined);
  /** The user's own points, when a file was imported (not part of the URL hash). */
  imported = $state.raw<ImportedData | undefined>(undefined);
  /** Snapshots drawn per second by the page (its redraw rate). */
  drawRate = $state(0);
  /** The epoch at which the current points arrived (Regenerate keeps the weights, the epoch and the loss history). */
  dataEpoch = $state(0);

  /** The id of the last background-training failure shown. */
  private lastFailure = 0;
  private drawCount = 0;
  private drawWindowStart = 0;
  private lastNetworkVersion = -1;
  /** A replayed run's checkpoints, to start the loss curves from once its first snapshot arrives (see openRun). */
  private replayedCurve: RunJournal['checkpoints'] | undefined;
  private writingHash = false;
  /** Workers the course tools' runs may spread over (see runs()). */
  private readonly runsWorkers: number;
  private runsPool: RunsPool | undefined;

  constructor(options: { readonly workerSilenceMs?: number; readonly runsWorkers?: number } = {}) {
    this.runsWorkers = options.runsWorkers ?? pagePoolSize();
    this.client = new WorkerClient({
      snapshot: (snapshot) => this.receive(snapshot),
      refused: (message) => this.notify('error', message),
      lost: () => {
        // Nothing trains any more: the page stops saying it does.
        if (this.snapshot?.playing) this.snapshot = { ...this.snapshot, playing: false };
        this.drawRate = 0;
      },
      silenceMs: options.workerSilenceMs ?? WORKER_SILENCE_MS,
    });
  }

  /** Starts the worker, applies the URL hash and begins the frame loop. */
  async start(hash: string, createWorker: () => Worker): Promise<void> {
    const { run } = this.applyHash(hash, { announce: true });
    this.runsPool = new RunsPool(this.runsWorkers, () => workerMember(createWorker));
    if (await this.client.open(createWorker)) {
      await this.workerStarted();
      this.client.loop();
      if (run !== undefined) await this.openLinkedRun(run);
    }
  }

  /**
   * A link's recorded run (`run=`, see state/hash.ts RUN_KEY): replayed
   * exactly on the link's settings, which are already loaded; a value that
   * is not a run of this app is refused with its reason, and the link's
   * settings stay open from epoch 0. Read once: the hash the page writes
   * back has no `run`.
   */
  private async openLinkedRun(value: string): Promise<void> {
    const read = readRunParam(value);
    if (!read.ok) {
      this.notify('warning', { key: 'replay.badLink', params: { reason: describeReject(read.reason) } });
      return;
    }
    const report = await openExactRun(this, this.state, read.run);
    const messages = openMessages(report);
    if (messages.length === 0) return;
    const kind = isExact(report) ? 'info' : 'warning';
    this.notify(kind, { key: 'replay.fromLink' });
    for (const message of messages) this.notify(kind, message);
  }

  /** A new worker runs: say if it has no WASM, and load the current settings into it. */
  private async workerStarted(): Promise<void> {
    if (!this.engines.includes('wasm')) this.notify('warning', { key: 'notices.noWasm' });
    await this.load();
  }

  /** Replaces a lost worker with a new one, loaded with the current settings (as a reload would). */
  async restartWorker(): Promise<void> {
    this.lastFailure = 0;
    this.snapshot = undefined;
    if (await this.client.reopen()) await this.workerStarted();
  }

  stop(): void {
    this.client.stop();
    this.runsPool?.dispose();
  }

  // ---- the URL hash ----------------------------------------------------

  /**
   * Parses a hash (from the address bar or a pasted link); invalid values
   * become notices. With `keepUnusable`, a link that holds no setting of this
   * page at all (only unknown pairs, or nothing) leaves the state as it is.
   * Returns whether the state was replaced.
   */
  private applyHash(
    hash: string,
    { announce, keepUnusable = false }: { announce: boolean; keepUnusable?: boolean },
  ): { replaced: boolean; run?: string } {
    const { state, notices, usable, run } = parseHash(hash, newSeed);
    if (announce) for (const notice of notices) this.notify('warning', describeHashNotice(notice));
    const replaced = usable || !keepUnusable;
    if (replaced) this.state = state;
    this.writeHash();
    return run === undefined ? { replaced } : { replaced, run };
  }

  /** The hash that reopens the current setup. */
  get hash(): string {
    return serializeHash(this.state);
  }

  private writeHash(): void {
    const hash = `#${serializeHash(this.state)}`;
    if (typeof location === 'undefined' || location.hash === hash) return;
    this.writingHash = true;
    history.replaceState(null, '', hash);
    this.writingHash = false;
  }

  /** The address bar's hash changed by the user (a pasted link, back/forward). */
  async hashChanged(hash: string): Promise<void> {
    if (this.writingHash || `#${serializeHash(this.state)}` === hash) return;
    // A link with no setting of this page in it changes nothing (its notices say why).
    const { replaced, run } = this.applyHash(hash, { announce: true, keepUnusable: true });
    if (!replaced) return;
    this.imported = undefined;
    await this.load();
    if (run !== undefined) await this.openLinkedRun(run);
  }

  // ---- commands ----------------------------------------------------------

  private set(patch: Partial<PlaygroundState>): void {
    this.state = { ...this.state, ...patch };
    this.writeHash();
  }

  /** Sends one command; a refusal becomes a notice and changes nothing else. */
  private send(command: (remote: Remote<WorkerApi>) => Promise<unknown>): Promise<boolean> {
    return this.client.send(command);
  }

  /** What the trainer gets: the hash state, plus the imported points if there are any. */
  private trainerConfig(): TrainerConfig {
    const config = toTrainerConfig(this.state);
    return this.imported ? { ...config, imported: this.imported } : config;
  }

  /** New data from the state's seed and the first weights after it (TF's page load). */
  private async load(): Promise<boolean> {
    const config = this.trainerConfig();
    if (this.engines.length > 0 && !this.engines.includes(this.state.engine)) {
      // The link asks for an engine this browser could not load (the notice says why).
      this.set({ engine: this.engines[0]! });
    }
    const { engine, speed } = this.state;
    // Loaded on the engine it will train on, so its first weights are that engine's own
    // (the reference's are TF's f64 numbers exactly). A refused load changes nothing in
    // the worker, so the loss history is cleared only once the worker took it.
    return this.send(async (remote) => {
      await remote.load(config, engine);
      this.losses.clear();
      await remote.setSpeed(speed);
    });
  }

  /** Draws new data with a new seed and new weights (TF: a data set, noise or ratio change). */
  private async reload(patch: Partial<PlaygroundState>): Promise<void> {
    this.set({ ...patch, seed: newSeed() });
    await this.load();
  }

  /** New weights with the current settings, epoch 0 (TF: reset and most network changes). */
  async reset(patch: Partial<PlaygroundState> = {}): Promise<void> {
    if (this.workerLost) {
      this.set(patch);
      await this.restartWorker();
      return;
    }
    const before = this.state;
    this.set(patch);
    const ok = await this.send(async (remote) => {
      await remote.reset(this.trainerConfig());
      this.losses.clear();
    });
    if (!ok) this.set(before);
  }

  async togglePlay(): Promise<void> {
    const snapshot = this.snapshot;
    if (!snapshot || snapshot.diverged) return;
    // The page's redraw rate is measured afresh for each run.
    this.drawRate = 0;
    this.drawCount = 0;
    this.drawWindowStart = performance.now();
    await this.send((remote) => (snapshot.playing ? remote.pause() : remote.play()));
  }

  async pause(): Promise<void> {
    await this.send((remote) => remote.pause());
  }

  async step(): Promise<void> {
    await this.send((remote) => remote.step(1));
  }

  /** New points with a new seed; the weights stay (TF's regenerate button). */
  async regenerate(): Promise<void> {
    const seed = newSeed();
    this.set({ seed });
    await this.send((remote) => remote.regenerate(seed));
  }

  async setDataset(dataset: DatasetName | ClassDataset): Promise<void> {
    if (this.imported) {
      this.imported = undefined;
    } else if (datasetOf(this.state) === dataset) {
      return;
    }
    if (isRegressionDataset(dataset)) await this.reload({ regDataset: dataset });
    else await this.reload({ dataset });
  }

  async setProblem(problem: PlaygroundState['problem']): Promise<void> {
    if (this.state.problem === problem) return;
    // Imported points decide their own problem type; another type means generated data again.
    this.imported = undefined;
    await this.reload({ problem });
  }

  /**
   * The number of classes (classification): new points and a new network,
   * with a data set of the right kind (between two classes and three or more
   * it becomes its counterpart, e.g. spiral and arms); imported or drawn
   * points have their own classes, so another number means generated data again.
   */
  async setClasses(classes: number): Promise<void> {
    if (this.state.classes === classes) return;
    this.imported = undefined;
    const { dataset } = withClasses(this.state, classes);
    await this.reload({ classes, dataset });
  }

  /** The two-class loss (squared error on tanh, or cross-entropy on a sigmoid): a new network on the same points. */
  async setLoss(loss: LossName): Promise<void> {
    if (this.state.loss === loss) return;
    await this.reset({ loss });
  }

  /**
   * Trains on a user's file (CSV or JSON; see @nn/datasets' parsePoints) with
   * new weights. A file that cannot be read is reported and changes nothing.
   */
  async importFile(file: File): Promise<void> {
    const read = await readPointsFile(file);
    if ('refused' in read) this.notify('error', read.refused);
    else await this.importText(file.name, read.text);
  }

  async importText(name: string, text: string): Promise<void> {
    const result = importedPoints(name, text, this.state.classes);
    if ('refused' in result) {
      this.notify('error', result.refused);
      return;
    }
    const { imported } = result;
    const previous = { imported: this.imported, state: this.state };
    this.imported = imported;
    this.set({ problem: imported.problem, seed: newSeed() });
    if (!(await this.load())) {
      // The worker refused it and kept its network, epoch and points: so does the page.
      this.imported = previous.imported;
      this.state = previous.state;
      this.writeHash();
      return;
    }
    this.notify('info', {
      key: 'notices.imported',
      params: { name, points: imported.points.length, problem: { key: `problemNames.${imported.problem}` } },
    });
  }

  /** Back to the generated data set of the current settings. */
  async clearImport(): Promise<void> {
    if (!this.imported) return;
    this.imported = undefined;
    await this.reload({});
  }

  /**
   * Trains on drawn points ("Draw points"; see views/draw/drawing.ts): the
   * import's path (shuffled with a new seed, split at the ratio, new weights,
   * kept out of the URL). Returns whether the worker took them; when it
   * refuses, the page keeps its points, network and settings.
   */
  async useDrawnPoints(drawn: ImportedData): Promise<boolean> {
    const previous = { imported: this.imported, state: this.state };
    this.imported = drawn;
    this.set({ problem: drawn.problem, seed: newSeed() });
    if (await this.load()) return true;
    this.imported = previous.imported;
    this.state = previous.state;
    this.writeHash();
    return false;
  }

  /** The current training and test points as CSV (x,y,label), as the import reads them. */
  pointsCsv(): string {
    return pointsCsv(this.train, this.test);
  }

  async setNoise(noise: number): Promise<void> {
    await this.reload({ noise });
  }

  async setPercTrainData(percTrainData: number): Promise<void> {
    await this.reload({ percTrainData });
  }

  async setBatchSize(batchSize: number): Promise<void> {
    await this.reset({ batchSize });
  }

  async setActivation(activation: PlaygroundState['activation']): Promise<void> {
    await this.reset({ activation });
  }

  async setRegularization(regularization: PlaygroundState['regularization']): Promise<void> {
    await this.reset({ regularization });
  }

  async setRegularizationRate(regularizationRate: number): Promise<void> {
    await this.reset({ regularizationRate });
  }

  /** Applies to the running network: the weights stay (as in TF Playground). */
  async setLearningRate(learningRate: number): Promise<void> {
    this.set({ learningRate });
    await this.sendLive();
  }

  /**
   * Training pauses by itself at the first epoch where both losses are below
   * `stopBelow` (null: never). Applies to the running network, like the learning rate.
   */
  async setStopBelow(stopBelow: number | null): Promise<void> {
    this.set({ stopBelow });
    await this.sendLive();
  }

  /**
   * "Pause at epoch": training pauses by itself when the epoch counter
   * reaches `pauseAt` (null: never), at every speed. Applies to the running network.
   */
  async setPauseAt(pauseAt: number | null): Promise<void> {
    this.set({ pauseAt });
    await this.sendLive();
  }

  private async sendLive(): Promise<void> {
    const { learningRate, batchSize, regularization, regularizationRate, stopBelow, pauseAt, optimizer } = toTrainerConfig(this.state);
    await this.send((remote) =>
      remote.setLive({ learningRate, batchSize, regularization, regularizationRate, stopBelow, pauseAt, optimizer: optimizer ?? DEFAULT_OPTIMIZER }),
    );
  }

  /**
   * The optimizer or one of its settings. Applies to the running network, like
   * the learning rate: the weights stay; another optimizer starts its state
   * (moments, steps) afresh at the next update, a new setting keeps it.
   */
  async setOptimizer(patch: Partial<Pick<PlaygroundState, 'optimizer' | 'momentum' | 'beta1' | 'beta2' | 'epsilon'>>): Promise<void> {
    this.set(patch);
    await this.sendLive();
  }

  /**
   * Trains several separate runs (the course's batch comparison and
   * repeatability tools) and returns their results: spread over the pool of
   * workers, one run per task, or in the playground's worker when the pool
   * does not take them (see runs-pool.ts); the same results either way. The
   * playground's own network is paused first and left as it was. A refusal
   * becomes a notice.
   */
  async runs(request: RunsRequest): Promise<RunsResult | undefined> {
    return this.client.ask(async (remote) => {
      await remote.pause();
      return (await this.runsPool?.runs(request)) ?? remote.runs(request);
    });
  }

  /** Starts the workers runs() spreads over, when a course tool's button is about to be pressed (they take a moment to load). */
  prepareRuns(): void {
    this.runsPool?.warm();
  }

  async toggleFeature(id: FeatureId): Promise<void> {
    const on = !this.state[id];
    if (!on && activeFeatures(this.state).length <= 1) {
      this.notify('info', { key: 'notices.needInput' });
      return;
    }
    await this.reset({ [id]: on });
  }

  async addLayer(): Promise<void> {
    const shape = this.state.networkShape;
    if (shape.length >= MAX_HIDDEN_LAYERS) return;
    await this.reset({ networkShape: [...shape, 2] });
  }

  async removeLayer(): Promise<void> {
    const shape = this.state.networkShape;
    if (shape.length === 0) return;
    await this.reset({ networkShape: shape.slice(0, -1) });
  }

  async changeNeurons(layer: number, delta: 1 | -1): Promise<void> {
    const shape = [...this.state.networkShape];
    const size = shape[layer];
    if (size === undefined) return;
    const next = size + delta;
    if (next < 1 || next > MAX_NEURONS) return;
    shape[layer] = next;
    await this.reset({ networkShape: shape });
  }

  async setWeight(index: number, value: number): Promise<void> {
    await this.send((remote) => remote.setWeight(index, value));
  }

  async setBias(index: number, value: number): Promise<void> {
    await this.send((remote) => remote.setBias(index, value));
  }

  async setEngine(engine: EngineName): Promise<void> {
    if (engine === this.state.engine) return;
    const before = this.state.engine;
    this.set({ engine });
    if (!(await this.send((remote) => remote.setEngine(engine)))) this.set({ engine: before });
  }

  async setSpeed(speed: Speed): Promise<void> {
    this.set({ speed });
    await this.send((remote) => remote.setSpeed(speed));
  }

  setShowTestData(showTestData: boolean): void {
    this.set({ showTestData });
  }

  setDiscretize(discretize: boolean): void {
    this.set({ discretize });
  }

  /**
   * Sets up an exercise (a lesson preset, a logged run): its settings and
   * data, with new data and first weights from its seed. The session's
   * settings stay (hidden controls, answers, embed, engine, speed, lesson):
   * a teacher's link holds whatever the student opens.
   */
  async openExercise(exercise: PlaygroundState): Promise<void> {
    await this.replaceState(withSession(this.state, exercise), { reload: true });
  }

  /**
   * The current run as the worker knows it (where its weights came from,
   * every live change, Regenerate and edit with its epoch, checkpoints and
   * the final numbers): what a record keeps to replay the run exactly.
   * Undefined when the worker refused or is gone (a notice says why).
   */
  async journal(): Promise<RunJournal | undefined> {
    return this.client.ask((remote) => remote.journal());
  }

  /**
   * The backpropagation inspector's numbers for one training point and the
   * next batch up to `request.through` (the worker changes nothing). Undefined
   * when the worker refused or is gone.
   */
  async inspect(request: InspectRequest): Promise<Inspection | undefined> {
    return this.client.ask((remote) => remote.inspect(request));
  }

  /**
   * Opens a recorded run exactly: the exercise's settings (as openExercise,
   * keeping the session), then the worker replays `run` (its weights drawn as
   * they were, its live changes, regenerations and edits at their epochs) to
   * its epoch, paused. Returns the worker's journal after the replay, for a
   * comparison with the record; `{ refused }` when the worker could not
   * replay it (the exercise's settings are then loaded from epoch 0, as a
   * record without a run would be).
   */
  async openRun(exercise: PlaygroundState, run: RunReplay): Promise<RunJournal | { readonly refused: unknown } | undefined> {
    // A run on the user's own points (drawn ones, recorded with the run) trains on them again.
    this.imported = run.config.imported;
    this.state = withSession(this.state, exercise);
    this.writeHash();
    if (this.workerLost) {
      await this.restartWorker();
      if (this.workerLost) return undefined;
    }
    let refused: unknown;
    const versionBefore = this.lastNetworkVersion;
    const journal = await this.client.ask(async (remote) => {
      try {
        await remote.open(run);
      } catch (error) {
        refused = error;
        return undefined;
      }
      return remote.journal();
    });
    if (journal === undefined) {
      await this.load();
      return refused === undefined ? undefined : { refused };
    }
    // The loss curves start from the replayed run's checkpoints: now, if the
    // replayed network's first snapshot is already here, else when it comes.
    const curve = journal.checkpoints.filter((point) => point.epoch < journal.run.epochs);
    if (this.lastNetworkVersion !== versionBefore) {
      this.losses.startFrom(curve);
      if (this.snapshot) this.losses.add(this.snapshot, undefined);
    } else {
      this.replayedCurve = curve;
    }
    // The network is on the engine the run ended on (a run may have moved engines).
    if (journal.engine !== this.state.engine && this.engines.includes(journal.engine)) this.set({ engine: journal.engine });
    // Open leaves the worker paused; the page's speed setting still applies to the next Play.
    await this.send((remote) => remote.setSpeed(this.state.speed));
    return journal;
  }

  /** Replaces the whole state (the classroom panel's settings; see openExercise for presets). */
  async replaceState(state: PlaygroundState, { reload }: { reload: boolean }): Promise<void> {
    // New data from a whole new state (a lesson preset, a logged run) replaces imported points.
    if (reload) this.imported = undefined;
    this.state = state;
    this.writeHash();
    if (reload) await this.load();
  }

  // ---- notices ------------------------------------------------------------

  /**
   * Shows a notice (once: the same message again is not added). A plain
   * string is shown as it is, in every language; pass a Message (a key and
   * params, e.g. `describeHashNotice(notice)`) for a text that is translated.
   */
  notify(kind: Notice['kind'], text: Message | string): void {
    this.board.notify(kind, text);
  }

  dismiss(id: number): void {
    this.board.dismiss(id);
  }

  // ---- frames -------------------------------------------------------------

  /** Figures of one engine, if it has been measured. */
  statsOf(engine: EngineName): EngineStats | undefined {
    return this.snapshot?.stats.find((stats) => stats.engine === engine);
  }

  private receive(snapshot: Snapshot): void {
    const failure = snapshot.failure;
    if (failure && failure.id !== this.lastFailure) {
      this.lastFailure = failure.id;
      this.notify('error', { key: 'notices.trainingStopped', params: { reason: describeFailure(failureError(failure)) } });
    }
    if (snapshot.train && snapshot.test) {
      this.train = snapshot.train;
      this.test = snapshot.test;
      this.dataEpoch = snapshot.epoch;
    }
    if (snapshot.networkVersion !== this.lastNetworkVersion) {
      this.lastNetworkVersion = snapshot.networkVersion;
      this.branchHistory = undefined;
      const curve = this.replayedCurve;
      this.replayedCurve = undefined;
      if (curve) this.losses.startFrom(curve);
      else this.losses.clear();
    }
    const previousEpoch = this.snapshot?.epoch;
    if (this.snapshot) this.client.retire(this.snapshot);
    // An earlier epoch shown by the timeline is not a new point of the curves.
    if (snapshot.viewing === undefined && this.losses.add(snapshot, previousEpoch)) void this.pause();
    this.snapshot = snapshot;
    this.countDraw();
  }

  // ---- the training timeline (views/timeline) ------------------------------

  /** The loss curves of the branch that continueFrom() left, shown again with it by toBranch(). */
  private branchHistory: LossHistory | undefined;

  /** The run's kept epochs, the present and the branch (undefined when the worker is gone). */
  async timeline(): Promise<TimelineInfo | undefined> {
    return this.client.ask((remote) => remote.timeline());
  }

  /** Shows a kept earlier epoch in the whole page (null: the present again); training pauses. */
  async showEpoch(epoch: number | null): Promise<boolean> {
    return this.send((remote) => remote.showEpoch(epoch));
  }

  /** Trains on from a kept epoch: the later history becomes the branch, the curves are cut there. */
  async continueFrom(epoch: number): Promise<void> {
    const move = await this.client.ask((remote) => remote.continueFrom(epoch));
    if (!move) return;
    const history = this.losses.history;
    this.branchHistory = history;
    this.showHistory(cutHistory(history, epoch));
    this.follow(move);
  }

  /** Back to the branch where it was left; the line it leaves becomes the branch. */
  async toBranch(): Promise<void> {
    const move = await this.client.ask((remote) => remote.toBranch());
    if (!move) return;
    const left = this.losses.history;
    this.showHistory(this.branchHistory ?? { epochs: [], train: [], test: [] });
    this.branchHistory = left;
    this.follow(move);
  }

  /** Trains `run` again in the worker on its own handles (the playground's run is not touched); undefined if refused or gone. */
  async replay(run: RunReplay): Promise<ReplayResult | undefined> {
    return this.client.ask((remote) => remote.replay(run));
  }

  async discardBranch(): Promise<void> {
    if (await this.send((remote) => remote.discardBranch())) this.branchHistory = undefined;
  }

  /** Shows `history` as the curves, the watch's best loss taken from it (not from the line left). */
  private showHistory(history: LossHistory): void {
    this.losses.startFrom(history.epochs.map((epoch, i) => ({ epoch, trainLoss: history.train[i]!, testLoss: history.test[i]! })));
  }

  /** The controls show the settings the run has after a move in time (no command: the worker has them). */
  private follow(move: TimelineMove): void {
    this.set({ ...move.settings, seed: move.seed, engine: move.engine });
  }

  private countDraw(): void {
    const now = performance.now();
    this.drawCount++;
    if (now - this.drawWindowStart >= 1000) {
      this.drawRate = (this.drawCount * 1000) / (now - this.drawWindowStart);
      this.drawCount = 0;
      this.drawWindowStart = now;
    }
  }

  /**
   * The loss landscape at the current weights (the worker's landscape():
   * the training loss on a plane, and the slice along the gradient).
   * Undefined when the worker refused (a notice says why) or is gone.
   */
  async landscape(request: LandscapeRequest): Promise<LandscapeResult | undefined> {
    return this.client.ask((remote) => remote.landscape(request));
  }

  // ---- saved models -------------------------------------------------------

  /** The network's whole state and settings now ("Download model"); undefined when the worker refused or is gone. */
  async model(): Promise<TrainerModel | undefined> {
    return this.client.ask((remote) => remote.model());
  }

  /**
   * Opens a saved model ("Open model"): the worker takes its settings, points,
   * weights, biases, dead links, batch in progress and epoch, on the engine
   * it was saved from; then the controls show its settings. Returns the
   * worker's refusal (nothing changed, here or in the worker) or true.
   */
  async openModel(model: TrainerModel): Promise<true | { readonly refused: unknown } | undefined> {
    if (this.workerLost) {
      await this.restartWorker();
      if (this.workerLost) return undefined;
    }
    const next = stateOfModel(this.state, model);
    const live = toTrainerConfig(next);
    let refused: unknown;
    const opened = await this.client.ask(async (remote) => {
      try {
        await remote.openModel(model);
      } catch (error) {
        refused = error;
        return false;
      }
      const { learningRate, batchSize, regularization, regularizationRate, stopBelow, pauseAt } = live;
      await remote.setLive({ learningRate, batchSize, regularization, regularizationRate, stopBelow, pauseAt });
      await remote.setSpeed(next.speed);
      return true;
    });
    if (!opened) return refused === undefined ? undefined : { refused };
    this.imported = model.config.imported;
    this.state = next;
    this.writeHash();
    return true;
  }
}

/** The curves up to `epoch`. */
function cutHistory(history: LossHistory, epoch: number): LossHistory {
  const n = history.epochs.findIndex((e) => e > epoch);
  const end = n < 0 ? history.epochs.length : n;
  return { epochs: history.epochs.slice(0, end), train: history.train.slice(0, end), test: history.test.slice(0, end) };
}
