/**
 * The page's side of the playground: the settings (the URL hash state), the
 * newest snapshot from the training worker, the loss history, and every user
 * action with TensorFlow Playground's meaning (which ones draw new data, which
 * ones draw new weights, which ones apply to the running network).
 *
 * Data flows one way: the page sends commands to the worker and renders the
 * snapshots it returns; it never trains or computes a grid itself.
 */
import { withSession } from './state/classroom.js';
import { DatasetError, formatPointsCsv, parsePoints, randomSeed, type DatasetName, type Example2D, type FeatureId } from '@nn/datasets';
import {
  connectTrainer,
  isTrainerFailure,
  type EngineName,
  type RunsRequest,
  type RunsResult,
  type EngineStats,
  type ImportedData,
  type PointsSnapshot,
  type Snapshot,
  type Speed,
  type WorkerApi,
  type TrainerConfig,
  type TrainingFailure,
} from '@nn/trainer';
import { transfer, type Remote } from 'comlink';
import {
  MAX_HIDDEN_LAYERS,
  MAX_NEURONS,
  activeFeatures,
  datasetOf,
  REGRESSION_DATASETS,
  parseHash,
  serializeHash,
  toTrainerConfig,
  type PlaygroundState,
  type RegressionDataset,
} from './state/hash.js';
import { describeHashNotice, describeImportError, sameMessage, type Message, type MessageParam } from './panels/message.js';

export type { Message } from './panels/message.js';

function isRegressionDataset(name: DatasetName): name is RegressionDataset {
  return (REGRESSION_DATASETS as readonly string[]).includes(name);
}

/**
 * A message shown above the playground until dismissed: a translation key
 * and its values (see panels/message.ts), translated when it is drawn, so it
 * follows a language switch.
 */
export interface Notice extends Message {
  readonly id: number;
  readonly kind: 'info' | 'warning' | 'error';
}

/** Loss curves since the last reset, one point per snapshot in which the epoch moved. */
export interface LossHistory {
  readonly epochs: number[];
  readonly train: number[];
  readonly test: number[];
}

/** Points kept in the loss history before every other one is dropped. */
const HISTORY_LIMIT = 4000;

/**
 * How long a frame request may go unanswered, while no other command keeps
 * the worker busy, before the page says the worker has stopped responding.
 * The worker answers between training slices of about 5 ms, so only a dead or
 * hung worker comes near this.
 */
const WORKER_SILENCE_MS = 8000;

/** Largest file the import reads (a 10,000-point CSV is well under this). */
const MAX_IMPORT_BYTES = 2_000_000;

/** A short checksum of a text (FNV-1a), so the same file imported twice is recognised. */
function checksum(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16);
}

function pointsOf(snapshot: PointsSnapshot | undefined): Example2D[] {
  if (!snapshot) return [];
  return Array.from(snapshot.xs, (x, i) => ({ x, y: snapshot.ys[i]!, label: snapshot.labels[i]! }));
}

function newSeed(): string {
  return randomSeed();
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Refusals a student can cause from the page, with their own texts. Any other
 * code comes from a value the page checks before sending (the link, an
 * import), so it would be a bug; it is shown in the worker's own words.
 */
const TRANSLATED_TRAINER_CODES = [
  'diverged-play',
  'diverged-step',
  'diverged-move',
  'engineUnavailable',
  'noTrainingPoints',
  'runNoTrainingPoints',
  'runBatchAll',
  'weightValue',
  'biasValue',
  'notReady',
] as const;
type TranslatedTrainerCode = (typeof TRANSLATED_TRAINER_CODES)[number];

function isTranslatedCode(code: string): code is TranslatedTrainerCode {
  return (TRANSLATED_TRAINER_CODES as readonly string[]).includes(code);
}

/** A failure that stopped background training, as the Error a refused command would have been. */
function failureError(failure: TrainingFailure): Error {
  const error = new Error(failure.message);
  error.name = failure.name;
  return Object.assign(error, { code: failure.code, params: { ...failure.params } });
}

/**
 * What to tell the user about a command the training worker refused: every
 * refusal passes through here. A known code (`isTrainerFailure(e)`: `e.code`,
 * `e.params`) gets its translated text; anything else shows the worker's
 * (English) message inside a translated sentence.
 */
export function describeFailure(error: unknown): Message {
  if (isTrainerFailure(error) && isTranslatedCode(error.code)) {
    return { key: `notices.trainer.${error.code}`, params: error.params };
  }
  return { key: 'notices.trainerRefused', params: { message: describeError(error) } };
}

export class Playground {
  /** The settings; replaced (never mutated) on every change, mirrored into the URL hash. */
  state = $state.raw<PlaygroundState>(parseHash('', newSeed).state);
  /** The newest snapshot from the worker (undefined until the first one arrives). */
  snapshot = $state.raw<Snapshot | undefined>(undefined);
  train = $state.raw<PointsSnapshot | undefined>(undefined);
  test = $state.raw<PointsSnapshot | undefined>(undefined);
  history = $state.raw<LossHistory>({ epochs: [], train: [], test: [] });
  /** Increases whenever `history` changed (the loss chart redraws on it). */
  historyVersion = $state(0);
  notices = $state.raw<Notice[]>([]);
  /** Engines the worker could load. */
  engines = $state.raw<EngineName[]>([]);
  /** Set when the worker could not start at all, or stopped. */
  fatal = $state.raw<Message | undefined>(undefined);
  /**
   * True when the training worker died or stopped answering: Reset (or the
   * notice's Restart) starts a new one with the current settings.
   */
  workerLost = $state(false);
  /** Node whose map the big output view shows instead of the output (hover), or undefined. */
  focusNode = $state<number | undefined>(undefined);
  /** Feature whose map the big output view shows (hovering an input), or undefined. */
  focusFeature = $state<FeatureId | undefined>(undefined);
  /**
   * Set while the training loss is well above the lowest it reached since the
   * last reset: the steps overshoot (typically a learning rate too high).
   */
  lossRise = $state<{ from: number; to: number } | undefined>(undefined);
  /**
   * Set when a classification run blew up without overflowing: the loss jumped
   * far above its best and stayed there (the outputs saturate, often at the
   * wrong sign, typically at learning rate 10). Play pauses once when it happens;
   * training may go on, unlike a run whose numbers overflowed.
   */
  blownUp = $state<{ from: number; to: number; epoch: number } | undefined>(undefined);
  /** The user's own points, when a file was imported (not part of the URL hash). */
  imported = $state.raw<ImportedData | undefined>(undefined);
  /** Snapshots drawn per second by the page (its redraw rate). */
  drawRate = $state(0);
  /** The epoch at which the current points arrived (Regenerate keeps the weights, the epoch and the loss history). */
  dataEpoch = $state(0);

  private remote: Remote<WorkerApi> | undefined;
  private worker: Worker | undefined;
  private createWorker: (() => Worker) | undefined;
  /** Aborts the wait on the current worker's lifeline lock (see watchWorker). */
  private lifeline: AbortController | undefined;
  private frameHandle = 0;
  private inFlight = false;
  /** Commands other than frame() waiting for the worker (a long one may keep it busy). */
  private pending = 0;
  /** The id of the last background-training failure shown. */
  private lastFailure = 0;
  /** How long a frame request may go unanswered (see WORKER_SILENCE_MS). */
  private readonly workerSilenceMs: number;

  constructor(options: { readonly workerSilenceMs?: number } = {}) {
    this.workerSilenceMs = options.workerSilenceMs ?? WORKER_SILENCE_MS;
  }
  private noticeId = 0;
  private drawCount = 0;
  private drawWindowStart = 0;
  private lastNetworkVersion = -1;
  private writingHash = false;

  /** Starts the worker, applies the URL hash and begins the frame loop. */
  async start(hash: string, createWorker: () => Worker): Promise<void> {
    this.applyHash(hash, { announce: true });
    this.createWorker = createWorker;
    if (await this.startWorker()) this.loop();
  }

  /** Starts a training worker and loads the current settings into it; false when it could not start. */
  private async startWorker(): Promise<boolean> {
    const createWorker = this.createWorker;
    if (!createWorker) return false;
    let worker: Worker;
    try {
      worker = createWorker();
      this.worker = worker;
      worker.addEventListener('error', (event) => {
        if (this.worker !== worker) return;
        const reason: MessageParam = event.message || { key: 'notices.workerNotLoaded' };
        this.workerStopped(reason);
      });
      const remote = connectTrainer(worker);
      this.remote = remote;
      this.engines = await remote.init();
    } catch (error) {
      this.fatal = { key: 'notices.workerNotStarted', params: { reason: describeError(error) } };
      return false;
    }
    this.watchWorker(worker);
    if (!this.engines.includes('wasm')) {
      this.notify('warning', { key: 'notices.noWasm' });
    }
    await this.load();
    return true;
  }

  /**
   * Learns of the worker's death at once where the browser has Web Locks: the
   * worker holds a lock for as long as it lives, and the page asks for the
   * same lock, which it gets only when the worker is gone. (Elsewhere the
   * frame loop's silence check catches it.)
   */
  private watchWorker(worker: Worker): void {
    this.lifeline?.abort();
    const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
    const remote = this.remote;
    if (!locks || !remote) return;
    const name = `nn-playground-trainer-${newSeed()}-${Date.now()}`;
    const lifeline = new AbortController();
    this.lifeline = lifeline;
    void remote
      .lifeline(name)
      .then((held) => {
        if (!held || lifeline.signal.aborted) return;
        return locks.request(name, { signal: lifeline.signal }, () => {
          if (this.worker === worker) this.workerStopped({ key: 'notices.workerDied' });
        });
      })
      .catch(() => undefined);
  }

  /** The worker died or stopped answering: say so, and let Reset start a new one. */
  private workerStopped(reason: MessageParam): void {
    if (this.workerLost) return;
    this.workerLost = true;
    this.fatal = { key: 'notices.workerStopped', params: { reason } };
    // Nothing trains any more: the page stops saying it does.
    if (this.snapshot?.playing) this.snapshot = { ...this.snapshot, playing: false };
    this.drawRate = 0;
  }

  /** Replaces a lost worker with a new one, loaded with the current settings (as a reload would). */
  async restartWorker(): Promise<void> {
    this.lifeline?.abort();
    this.worker?.terminate();
    this.worker = undefined;
    this.remote = undefined;
    this.inFlight = false;
    this.pending = 0;
    this.workerLost = false;
    this.lastFailure = 0;
    this.fatal = undefined;
    this.snapshot = undefined;
    await this.startWorker();
  }

  stop(): void {
    cancelAnimationFrame(this.frameHandle);
    this.lifeline?.abort();
    this.worker?.terminate();
    this.worker = undefined;
    this.remote = undefined;
  }

  // ---- the URL hash ----------------------------------------------------

  /**
   * Parses a hash (from the address bar or a pasted link); invalid values
   * become notices. With `keepUnusable`, a link that holds no setting of this
   * page at all (only unknown pairs, or nothing) leaves the state as it is.
   * Returns whether the state was replaced.
   */
  private applyHash(hash: string, { announce, keepUnusable = false }: { announce: boolean; keepUnusable?: boolean }): boolean {
    const { state, notices, usable } = parseHash(hash, newSeed);
    if (announce) for (const notice of notices) this.notify('warning', describeHashNotice(notice));
    const replace = usable || !keepUnusable;
    if (replace) this.state = state;
    this.writeHash();
    return replace;
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
    if (!this.applyHash(hash, { announce: true, keepUnusable: true })) return;
    this.imported = undefined;
    await this.load();
  }

  // ---- commands ----------------------------------------------------------

  private set(patch: Partial<PlaygroundState>): void {
    this.state = { ...this.state, ...patch };
    this.writeHash();
  }

  /** Sends one command; a refusal becomes a notice and changes nothing else. */
  private async send(command: (remote: Remote<WorkerApi>) => Promise<unknown>): Promise<boolean> {
    const remote = this.remote;
    // A lost worker would never answer; Reset starts a new one (see reset).
    if (!remote || this.workerLost) return false;
    this.pending++;
    try {
      await command(remote);
      return true;
    } catch (error) {
      this.notify('error', describeFailure(error));
      return false;
    } finally {
      if (this.remote === remote) this.pending--;
    }
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
      this.clearHistory();
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
      this.clearHistory();
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

  async setDataset(dataset: DatasetName): Promise<void> {
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
   * Trains on a user's file (CSV or JSON; see @nn/datasets' parsePoints) with
   * new weights. A file that cannot be read is reported and changes nothing.
   */
  async importFile(file: File): Promise<void> {
    if (file.size > MAX_IMPORT_BYTES) {
      this.notify('error', {
        key: 'notices.fileTooLarge',
        params: { name: file.name, size: (file.size / 1e6).toFixed(1) },
      });
      return;
    }
    let text: string;
    try {
      text = await file.text();
    } catch (error) {
      this.notify('error', { key: 'notices.fileUnreadable', params: { name: file.name, reason: describeError(error) } });
      return;
    }
    await this.importText(file.name, text);
  }

  async importText(name: string, text: string): Promise<void> {
    let parsed: ReturnType<typeof parsePoints>;
    try {
      parsed = parsePoints(text);
    } catch (error) {
      const reason = error instanceof DatasetError ? describeImportError(error) : describeError(error);
      this.notify('error', { key: 'notices.importFailed', params: { name, reason } });
      return;
    }
    const previous = { imported: this.imported, state: this.state };
    this.imported = { id: `${name}:${parsed.points.length}:${checksum(text)}`, name, problem: parsed.problem, points: parsed.points };
    this.set({ problem: parsed.problem, seed: newSeed() });
    if (!(await this.load())) {
      // The worker refused it and kept its network, epoch and points: so does the page.
      this.imported = previous.imported;
      this.state = previous.state;
      this.writeHash();
      return;
    }
    this.notify('info', {
      key: 'notices.imported',
      params: { name, points: parsed.points.length, problem: { key: `problemNames.${parsed.problem}` } },
    });
  }

  /** Back to the generated data set of the current settings. */
  async clearImport(): Promise<void> {
    if (!this.imported) return;
    this.imported = undefined;
    await this.reload({});
  }

  /** The current training and test points as CSV (x,y,label), as the import reads them. */
  pointsCsv(): string {
    return formatPointsCsv([...pointsOf(this.train), ...pointsOf(this.test)]);
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
    const { learningRate, batchSize, regularization, regularizationRate, stopBelow, pauseAt } = toTrainerConfig(this.state);
    await this.send((remote) =>
      remote.setLive({ learningRate, batchSize, regularization, regularizationRate, stopBelow, pauseAt }),
    );
  }

  /**
   * Trains several separate runs in the worker (the course's batch comparison
   * and repeatability tools) and returns their results; the playground's own
   * network is paused first and left as it was. A refusal becomes a notice.
   */
  async runs(request: RunsRequest): Promise<RunsResult | undefined> {
    const remote = this.remote;
    if (!remote || this.workerLost) return undefined;
    this.pending++;
    try {
      await remote.pause();
      return await remote.runs(request);
    } catch (error) {
      this.notify('error', describeFailure(error));
      return undefined;
    } finally {
      if (this.remote === remote) this.pending--;
    }
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
    const message: Message = typeof text === 'string' ? { key: 'notices.plain', params: { text } } : text;
    if (this.notices.some((notice) => sameMessage(notice, message))) return;
    this.notices = [...this.notices, { id: ++this.noticeId, kind, key: message.key, params: message.params ?? {} }];
  }

  dismiss(id: number): void {
    this.notices = this.notices.filter((notice) => notice.id !== id);
  }

  // ---- frames -------------------------------------------------------------

  /** Figures of one engine, if it has been measured. */
  statsOf(engine: EngineName): EngineStats | undefined {
    return this.snapshot?.stats.find((stats) => stats.engine === engine);
  }

  /** When the frame request in flight was sent (performance.now()). */
  private frameSentAt = 0;

  private loop = (): void => {
    this.frameHandle = requestAnimationFrame(this.loop);
    const remote = this.remote;
    if (!remote || this.workerLost) return;
    if (this.inFlight) {
      // A frame request unanswered for long while no other command keeps the worker busy.
      if (this.pending > 0) this.frameSentAt = performance.now();
      else if (performance.now() - this.frameSentAt > this.workerSilenceMs) this.workerStopped({ key: 'notices.workerSilent' });
      return;
    }
    this.inFlight = true;
    this.frameSentAt = performance.now();
    remote
      .frame()
      .then((snapshot) => {
        if (snapshot && this.remote === remote) this.receive(snapshot);
      })
      .catch((error: unknown) => this.notify('error', describeFailure(error)))
      .finally(() => {
        if (this.remote === remote) this.inFlight = false;
      });
  };

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
      this.clearHistory();
    }
    const previousEpoch = this.snapshot?.epoch;
    if (this.snapshot) this.retire(this.snapshot);
    this.record(snapshot);
    this.watchLoss(snapshot, previousEpoch);
    this.snapshot = snapshot;
    this.countDraw();
  }

  /** Grid buffers of replaced snapshots, oldest first, waiting to go back to the worker. */
  private retired: ArrayBuffer[] = [];

  /**
   * Gives a replaced snapshot's grid buffer back to the worker for reuse, one
   * snapshot later (by then nothing on the page reads it any more).
   */
  private retire(snapshot: Snapshot): void {
    const buffer = snapshot.grid.buffer;
    if (buffer instanceof ArrayBuffer && buffer.byteLength > 0) this.retired.push(buffer);
    if (this.retired.length > 1) {
      const giveBack = this.retired.splice(0, this.retired.length - 1);
      void this.remote?.recycle(transfer(giveBack, giveBack)).catch(() => undefined);
    }
  }

  private clearHistory(): void {
    this.history = { epochs: [], train: [], test: [] };
    this.historyVersion++;
    this.bestTrainLoss = Infinity;
    this.lossRise = undefined;
    this.blownUp = undefined;
    this.highStreak = 0;
    this.pausedForBlowUp = false;
  }

  private bestTrainLoss = Infinity;
  /** Consecutive snapshots (with the epoch moving) whose loss was far above its best. */
  private highStreak = 0;
  private pausedForBlowUp = false;

  /**
   * Watches the training loss against the lowest it reached since the reset:
   * - 25% and 0.03 above it: a warning (the steps overshoot);
   * - for classification, above both 0.75 and 1.5 times the best for 5
   *   snapshots in a row: the run blew up (an output of 0 everywhere scores
   *   0.5; a constant output of +1 or -1 on balanced data scores 1), so
   *   play pauses once and the page says why.
   */
  private watchLoss(snapshot: Snapshot, previousEpoch: number | undefined): void {
    const loss = snapshot.trainLoss;
    if (!Number.isFinite(loss) || snapshot.diverged) {
      this.lossRise = undefined;
      this.blownUp = undefined;
      return;
    }
    this.bestTrainLoss = Math.min(this.bestTrainLoss, loss);
    const best = this.bestTrainLoss;
    this.lossRise = snapshot.epoch > 0 && loss > best * 1.25 + 0.03 ? { from: best, to: loss } : undefined;

    const classification = Number.isFinite(snapshot.trainAccuracy);
    const high = classification && snapshot.epoch > 0 && loss > Math.max(0.75, best * 1.5);
    if (snapshot.epoch !== previousEpoch) this.highStreak = high ? this.highStreak + 1 : 0;
    if (this.highStreak >= 5) {
      this.blownUp = { from: best, to: loss, epoch: snapshot.epoch };
      if (snapshot.playing && !this.pausedForBlowUp) {
        this.pausedForBlowUp = true;
        void this.pause();
      }
    } else if (!high) {
      this.blownUp = undefined;
    }
  }

  /** Adds a point to the loss chart when training moved (or the chart is empty). */
  private record(snapshot: Snapshot): void {
    const { epochs, train, test } = this.history;
    const last = epochs[epochs.length - 1];
    if (last !== undefined && last === snapshot.epoch) {
      // An edit or new data at the same epoch: replace the last point.
      train[train.length - 1] = snapshot.trainLoss;
      test[test.length - 1] = snapshot.testLoss;
    } else {
      if (last !== undefined && snapshot.epoch < last) {
        epochs.length = train.length = test.length = 0;
      }
      epochs.push(snapshot.epoch);
      train.push(snapshot.trainLoss);
      test.push(snapshot.testLoss);
      if (epochs.length > HISTORY_LIMIT) this.thin();
    }
    this.historyVersion++;
  }

  /** Keeps every other point (the first and last stay), so long runs stay cheap to draw. */
  private thin(): void {
    const keep = (values: number[]) => values.filter((_, i) => i % 2 === 0 || i === values.length - 1);
    this.history = {
      epochs: keep(this.history.epochs),
      train: keep(this.history.train),
      test: keep(this.history.test),
    };
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
}
