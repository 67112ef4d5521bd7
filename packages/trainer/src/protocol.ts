/**
 * The trainer's protocol: what the page sends to the training worker and what
 * comes back. Everything here is structured-cloneable; snapshots carry their
 * typed arrays as transferables (`Comlink.transfer`), so a frame's maps move
 * to the page without a copy.
 *
 * Timing is owned by the worker (DESIGN.md): the page says play/pause/speed and
 * asks for at most one snapshot per animation frame with `frame()`; the newest
 * state always wins because the page never has two `frame()` calls in flight.
 */
import type { LandscapeRequest, LandscapeResult } from './landscape.js';
import type { DatasetName, Example2D, FeatureId, Problem } from '@nn/datasets';
import type { Activation, Optimizer, OptimizerSettings, Regularization } from '@nn/engine';
import type { InspectRequest, Inspection } from './inspect.js';

/** Engines a trainer can run: the WASM core or the TypeScript reference. */
export type EngineName = 'wasm' | 'reference';

/** A user's own points (an imported file), used instead of a generated data set. */
export interface ImportedData {
  /** Identifies this import (e.g. file name, size and a checksum): the same id means the same points. */
  readonly id: string;
  /** What the user calls it (the file name). */
  readonly name: string;
  /** Classification (labels -1/+1) or regression (labels in [-1, 1]). */
  readonly problem: Problem;
  readonly points: readonly Example2D[];
  /**
   * Classes of classification points: 2 when left out (labels -1/+1), 3..MAX_CLASSES
   * for points labelled with class indices 0..classes-1. Must match `TrainerConfig.classes`.
   */
  readonly classes?: number;
}

/** Everything that decides the data and the network (TF Playground's meaning). */
export interface TrainerConfig {
  /** Which generator (classification or regression; the problem follows from it). */
  readonly dataset: DatasetName;
  /** Noise slider, 0..50 (percent). */
  readonly noise: number;
  /** Percentage of points used for training, 10..90. */
  readonly percTrainData: number;
  /** TF's seed string: the data, then the first weights, are drawn from it. */
  readonly seed: string;
  /** Input features in TF's order (x, y, xSquared, ...); at least one. */
  readonly features: readonly FeatureId[];
  /** Neurons per hidden layer, 0..6 layers of 1..8 in the UI. */
  readonly networkShape: readonly number[];
  readonly activation: Activation;
  readonly regularization: Regularization;
  readonly regularizationRate: number;
  readonly learningRate: number;
  /** 1..30 in the UI. */
  readonly batchSize: number;
  /** TF's initZero: every weight and bias starts at 0. */
  readonly initZero: boolean;
  /**
   * Points to train on instead of `dataset`'s (noise does not apply): they are
   * shuffled with `seed` and split at `percTrainData`, like generated ones.
   */
  readonly imported?: ImportedData;
  /**
   * A loss target, greater than 0 and at most 10 (null or left out = none):
   * training pauses by itself at the first epoch after which both the training
   * and the test loss are below it (see `Snapshot.stopped`).
   */
  readonly stopBelow?: number | null;
  /**
   * An epoch, a whole number from 1 to 2^32 - 1 (null or left out = none):
   * training pauses by itself when the epoch counter reaches it, at every
   * speed and in `step(n)`, never training past it in the same call (see
   * `Snapshot.pausedAtEpoch`). Once the counter is past it, training goes on
   * until a reset brings the counter back to 0.
   */
  readonly pauseAt?: number | null;
  /**
   * The optimizer and its settings (left out = TF's SGD, so every earlier
   * configuration, journal and link trains as before). A live setting like the
   * learning rate: a change is journalled as a 'live' event; a change to another
   * optimizer starts its state afresh (zero moments, no steps) at the next update,
   * a change of its settings only keeps the state.
   */
  readonly optimizer?: OptimizerSettings;
  /**
   * Classes of a classification problem, 2 (left out; TF's) to MAX_CLASSES. With 3 or
   * more, `dataset` must be one of the multi-class data sets (blobs, arms, rings,
   * sectors, or imported/drawn points labelled 0..classes-1), labels are class indices
   * 0..classes-1, and the network ends in a softmax over `classes` output nodes with
   * cross-entropy loss. Changing it builds a new network (like the shape).
   */
  readonly classes?: number;
  /**
   * The loss of a two-class problem (left out = 'squared'): 'squared' is TF's tanh
   * output with 0.5 (a - y)^2, 'cross-entropy' a sigmoid output with binary
   * cross-entropy. Ignored for regression (always squared) and for 3 or more classes
   * (always softmax cross-entropy). Changing it builds a new network.
   */
  readonly loss?: LossName;
}

/** The loss of a two-class problem: TF's squared error on tanh, or cross-entropy on a sigmoid. */
export type LossName = 'squared' | 'cross-entropy';
export const LOSS_NAMES: readonly LossName[] = ['squared', 'cross-entropy'];
/** Most classes a classification problem may have (the page offers 2..6). */
export const MAX_CLASSES = 6;

/**
 * Settings that apply to the running network without new weights (a
 * left-out `stopBelow` or `pauseAt` turns that stop off).
 */
export type LiveSettings = Pick<
  TrainerConfig,
  'learningRate' | 'batchSize' | 'regularization' | 'regularizationRate' | 'stopBelow' | 'pauseAt'
> &
  /** Left out: the optimizer stays as it is. */
  Pick<TrainerConfig, 'optimizer'>;

/** Where training paused by itself because both losses went below the target (`stopBelow`). */
export interface TargetStop {
  /** The epoch after which both losses were first below the target. */
  readonly epoch: number;
  readonly target: number;
  readonly trainLoss: number;
  readonly testLoss: number;
}

/** An error that stopped background training, with what a refusal carries across the worker. */
export interface TrainingFailure {
  /** Increases with each failure of this trainer. */
  readonly id: number;
  /** The error's class name, e.g. 'EngineError' or 'TrainerError'. */
  readonly name: string;
  /** Its code (see TRAINER_ERROR_CODES and EngineErrorCode), or 'unknown'. */
  readonly code: string;
  readonly message: string;
  readonly params: Readonly<Record<string, string | number>>;
}

/** Epochs per animation frame; 'max' trains as fast as the engine goes, snapshotting once per frame. */
export type Speed = 1 | 10 | 100 | 'max';
export const SPEEDS: readonly Speed[] = [1, 10, 100, 'max'];

/** Grid side of every node's map (TF Playground's DENSITY). */
export const GRID_DENSITY = 100;

/** One data set as flat arrays: point i is (xs[i], ys[i]) with label labels[i]. */
export interface PointsSnapshot {
  readonly xs: Float32Array;
  readonly ys: Float32Array;
  readonly labels: Float32Array;
}

/** Measured speed of one engine (kept per engine, so the page can show both). */
export interface EngineStats {
  readonly engine: EngineName;
  /** Training epochs per second over the last playing second (0 when not measured yet). */
  readonly epochsPerSecond: number;
  /** Milliseconds of one epoch, smoothed. */
  readonly epochMs: number;
  /** Milliseconds of one snapshot's work in the worker: grid pass over every node, losses, accuracy. */
  readonly frameMs: number;
}

export interface Snapshot {
  /** Increases on every change the page must redraw for (training, edit, reset, data). */
  readonly version: number;
  /** Increases each time the network is rebuilt with new weights (reset / load / shape change). */
  readonly networkVersion: number;
  /** Increases each time new data is generated. */
  readonly dataVersion: number;
  readonly engine: EngineName;
  readonly epoch: number;
  readonly playing: boolean;
  readonly speed: Speed;
  /**
   * Mean loss over the training / test points: 0.5 * (output - label)^2 (TF's), or
   * cross-entropy with a sigmoid or softmax output (see the engine's OutputActivation).
   */
  readonly trainLoss: number;
  readonly testLoss: number;
  /**
   * Classification only: fraction of points classified right (tanh: the output has the
   * label's sign; sigmoid: p > 0.5 for +1; softmax: the most probable class, the lowest
   * index on a tie, is the label); NaN for regression.
   */
  readonly trainAccuracy: number;
  readonly testAccuracy: number;
  /**
   * Classes of the problem: 2 for two-class classification, 3..MAX_CLASSES with a
   * softmax output, 0 for regression.
   */
  readonly classes: number;
  /**
   * Classification only (else undefined): confusion matrices of the training and test
   * points, `classes x classes` counts, row = true class, column = predicted class,
   * `m[true * classes + predicted]`. For two classes index 0 is label -1 (orange) and
   * 1 is label +1 (blue). Computed with the accuracy from the same predictions, so the
   * diagonal's sum over the points is the accuracy.
   */
  readonly trainConfusion?: Uint32Array;
  readonly testConfusion?: Uint32Array;
  /** True once a loss or the output map stopped being finite; play stops by itself. */
  readonly diverged: boolean;
  /**
   * Set when training paused by itself at the loss target; kept until the next
   * reset, load or regenerate, or until the target changes.
   */
  readonly stopped?: TargetStop;
  /**
   * The epoch (= `pauseAt`) at which training paused by itself because the
   * epoch counter reached `pauseAt`; kept while it stays paused there: cleared
   * by play, step, reset, load, or a different `pauseAt`.
   */
  readonly pausedAtEpoch?: number;
  /**
   * Set when training in the background ('max' speed) stopped because of an
   * error: nobody awaits the loop, so this is how the page hears of it. Kept
   * until the next command that trains or rebuilds; `id` tells one failure
   * from the next.
   */
  readonly failure?: TrainingFailure;
  /** `[inputs, ...networkShape, outputs]` of the network the arrays below describe (outputs = classes for softmax, else 1). */
  readonly layerSizes: readonly number[];
  /**
   * Flat weights in the engine layout (row-major by destination per layer),
   * as the engine holds them: f32 on the WASM core, f64 on the reference.
   */
  readonly weights: Float32Array | Float64Array;
  readonly biases: Float32Array | Float64Array;
  /** 1 where L1 killed a link. */
  readonly dead: Uint8Array;
  /**
   * Every hidden node's and every output node's map, node-major:
   * `grid[node * GRID_DENSITY^2 + row * GRID_DENSITY + col]`, row 0 at y = +6,
   * col 0 at x = -6; the output nodes are the last (one per class with softmax,
   * each its class's probability; a sigmoid output's map is p in [0, 1], a tanh
   * output's in [-1, 1]). Empty when `diverged`.
   */
  readonly grid: Float32Array;
  /** The points, only in the first snapshot after `dataVersion` changed (else undefined). */
  readonly train?: PointsSnapshot;
  readonly test?: PointsSnapshot;
  /** Speed figures of every engine measured so far in this worker. */
  readonly stats: readonly EngineStats[];
  /**
   * Set while the page shows an earlier epoch of the timeline (showEpoch):
   * this snapshot's epoch, weights, maps and losses are that entry's;
   * `present` is the epoch the run is really at.
   */
  readonly viewing?: { readonly epoch: number; readonly present: number };
  /** Increases whenever the timeline's entries or branch change (ask timeline() again). */
  readonly timelineVersion?: number;
}

/** Most runs one `runs()` call trains. */
export const MAX_RUNS = 8;
/** Most epochs each run of one `runs()` call trains. */
export const MAX_RUN_EPOCHS = 20_000;

/** One network to train in `runs()`, next to the others. */
export interface RunSpec {
  /**
   * The run's settings; its data comes from `config.seed` as in `load()`.
   * `batchSize` may be 'all' = every training point (full-batch gradient
   * descent). `stopBelow` and `pauseAt` do not apply: a run trains every
   * epoch asked for unless it diverges, so runs stay comparable epoch by epoch.
   */
  readonly config: Omit<TrainerConfig, 'batchSize'> & { readonly batchSize: number | 'all' };
  /**
   * Weights drawn after this many resets of the loaded network (0 = the
   * weights `load()` gives; 1 = those after one reset, as pressing reset once
   * in TF Playground).
   */
  readonly resets: number;
}

export interface RunsRequest {
  /** 1..MAX_RUNS runs. */
  readonly runs: readonly RunSpec[];
  /** Epochs each run trains, 1..MAX_RUN_EPOCHS. */
  readonly epochs: number;
  /** Default: the trainer's current engine. */
  readonly engine?: EngineName;
}

export interface RunResult {
  /**
   * Training / test loss after epoch 0..epochs, index 0 = before training.
   * The length is `epochs + 1` of this result: shorter than asked when the run
   * diverged, its last entry then being the loss that was no longer finite.
   */
  readonly trainLoss: Float32Array;
  readonly testLoss: Float32Array;
  /** Final accuracy (fraction of points on the label's side); NaN for regression. */
  readonly trainAccuracy: number;
  readonly testAccuracy: number;
  /**
   * The output node's final 100x100 map, same layout as `Snapshot.grid`'s last node
   * (a softmax output's k maps, one per class in class order). Empty if diverged.
   */
  readonly output: Float32Array;
  readonly diverged: boolean;
  /** Epoch at which training stopped (= the epochs asked for unless it diverged first). */
  readonly epochs: number;
  /** The batch size actually used (the number of training points for 'all'). */
  readonly batchSize: number;
  /** Training and test points of this run (so the page can draw them over the map). */
  readonly train: PointsSnapshot;
  readonly test: PointsSnapshot;
  /** Milliseconds the run took in the worker (its network, training and evaluation; not the shared data). */
  readonly ms: number;
}

/** How far a `runs()` call in the worker has got (see WorkerApi.runs). */
export interface RunsProgress {
  /** Epochs trained so far, summed over the runs, of `totalEpochs` (runs times epochs each). */
  readonly epochs: number;
  readonly totalEpochs: number;
  /** Runs finished so far, of `totalRuns`. */
  readonly runs: number;
  readonly totalRuns: number;
}

export interface RunsResult {
  /** One result per run, in the order asked. */
  readonly results: readonly RunResult[];
  readonly engine: EngineName;
}

// ---------------------------------------------------------------------------
// Exact runs: what happened to the network since its weights were drawn, so
// that the run can be trained again bit for bit (see `journal()` and `replay()`).

/**
 * One thing done to the running network that changes its numbers without new
 * weights, at the epoch it was done (after that many epochs were trained).
 * Events at the same epoch apply in their order.
 */
export type RunEvent =
  | {
      readonly epoch: number;
      readonly kind: 'live';
      /** The training settings from then on (the loss target and pause epoch never change numbers and are not kept). */
      readonly settings: Pick<LiveSettings, 'learningRate' | 'batchSize' | 'regularization' | 'regularizationRate' | 'optimizer'>;
    }
  /** New points from `seed`; the weights stay (Regenerate). */
  | { readonly epoch: number; readonly kind: 'regenerate'; readonly seed: string }
  /** One weight (engine layout index) or bias set by hand. */
  | { readonly epoch: number; readonly kind: 'weight' | 'bias'; readonly index: number; readonly value: number }
  /** The network moved to another engine (its numbers continue in that engine's precision). */
  | { readonly epoch: number; readonly kind: 'engine'; readonly engine: EngineName };

/** Both losses at one epoch of a run; null where a loss was not a finite number. */
export interface Checkpoint {
  readonly epoch: number;
  readonly trainLoss: number | null;
  readonly testLoss: number | null;
}

/** Where a run starts and what was done to it: enough to train it again exactly. */
export interface RunReplay {
  /**
   * The settings the weights were drawn with (data settings and seed
   * included); `stopBelow` and `pauseAt` are left out, since they decide only
   * where training paused, never a number.
   */
  readonly config: Omit<TrainerConfig, 'stopBelow' | 'pauseAt'>;
  /** The engine the weights were drawn on. */
  readonly engine: EngineName;
  /**
   * Random numbers taken from the seed's stream (after its points) before
   * this run's weights were drawn: 0 for the weights of a fresh load; more
   * after resets (each takes one number per weight; none with initZero).
   */
  readonly draws: number;
  /** How many times the weights were drawn again on these points before this run (Reset presses, shape changes). */
  readonly resets: number;
  /** What was done along the way, in order. */
  readonly events: readonly RunEvent[];
  /** The epoch the run reached. */
  readonly epochs: number;
  /**
   * Present when the run starts from a saved model, not from weights drawn
   * from its seed: the parameters and batch in progress it starts with, at
   * that epoch (`draws` and `resets` then only say where a later Reset draws).
   */
  readonly start?: ModelStart;
}

/**
 * Epochs at which a run's losses are kept: 1, 2, 4, 8, ... (powers of two),
 * so a run of n epochs keeps about log2(n) of them, and a check can say
 * roughly where a replay first departs.
 */
export function isCheckpointEpoch(epoch: number): boolean {
  return Number.isInteger(epoch) && epoch >= 1 && (epoch & (epoch - 1)) === 0 && epoch <= 2 ** 30;
}

/** The current run as the trainer knows it (see `journal()`). */
export interface RunJournal {
  readonly run: RunReplay;
  /** Losses at every checkpoint epoch the run passed (see isCheckpointEpoch), in order. */
  readonly checkpoints: readonly Checkpoint[];
  /** The engine the network is on now. */
  readonly engine: EngineName;
  readonly trainLoss: number;
  readonly testLoss: number;
  /** The final parameters as plain numbers (f32 values on the WASM core). */
  readonly weights: readonly number[];
  readonly biases: readonly number[];
  /** True when the run diverged (its numbers are not finite any more). */
  readonly diverged: boolean;
}

/** What `replay()` gives back: the run trained again from its record. */
export interface ReplayResult extends RunJournal {
  /** The output node's 100x100 map after the last epoch (empty if diverged), as in `Snapshot.grid` (a softmax output's k maps, in class order). */
  readonly output: Float32Array;
  /** Training and test points at the end of the run (after any Regenerate). */
  readonly train: PointsSnapshot;
  readonly test: PointsSnapshot;
  readonly problem: Problem;
  /** Milliseconds the replay took in the worker. */
  readonly ms: number;
}

// ---------------------------------------------------------------------------
// The training timeline (see timeline.ts): earlier epochs of the current run.

/** One kept epoch of the timeline, as the page lists it. */
export interface TimelinePoint {
  readonly epoch: number;
  /** Both losses at that epoch; null while training plays if they were not computed yet (they are once it pauses). */
  readonly trainLoss: number | null;
  readonly testLoss: number | null;
}

/** The timeline of the current run (see `timeline()`). */
export interface TimelineInfo {
  /** Kept epochs, oldest first; the present epoch is listed only if an entry was kept there. */
  readonly points: readonly TimelinePoint[];
  /** The epoch the run is at. */
  readonly present: number;
  /** The epoch shown instead of the present (showEpoch), or null. */
  readonly viewing: number | null;
  /** Epochs between kept entries now. */
  readonly spacing: number;
  /** Bytes the timeline holds (entries of the run and of its branch). */
  readonly bytes: number;
  /**
   * The history left when training went on from an earlier epoch
   * (continueFrom): it forks at `from` and had reached `epoch`. Null when
   * there is none.
   */
  readonly branch: { readonly from: number; readonly epoch: number } | null;
}

/**
 * The run's settings after a move in time (continueFrom, toBranch): what the
 * page's controls show from then on.
 */
export interface TimelineMove {
  readonly epoch: number;
  readonly settings: Pick<LiveSettings, 'learningRate' | 'batchSize' | 'regularization' | 'regularizationRate'>;
  /** The data's seed then (a Regenerate changes it). */
  readonly seed: string;
  readonly engine: EngineName;
}

/** A problem with a command, in words a student can act on. */
export interface TrainerProblem {
  readonly message: string;
}

/**
 * The worker's API, exposed with Comlink. Every command is applied in the
 * order sent; a command that is refused throws (the promise rejects with an
 * Error whose message says why, and whose `code` and `params` say it for
 * programs: see `isTrainerFailure`) and changes nothing.
 */
export interface TrainerApi {
  /** Loads the engines; resolves with the names that are available. Call once, first. */
  init(): Promise<EngineName[]>;
  /**
   * Makes the data from `config.seed` and a fresh network whose weights come
   * from the same random stream right after the data (TF's page load), epoch 0,
   * on `engine` (default: the current one), so its first weights are exactly
   * those the engine would draw, not a copy through the other engine's floats.
   */
  load(config: TrainerConfig, engine?: EngineName): void;
  /** New weights drawn from the continuing random stream, epoch 0; `config` (if given) replaces the current one first. */
  reset(config?: TrainerConfig): void;
  /** New data from `seed` with the other data settings unchanged; the weights and epoch stay. */
  regenerate(seed: string): void;
  /**
   * Applies learning rate, batch size, regularisation and its rate, the loss
   * target and the pause epoch to the running network. A different target
   * clears `Snapshot.stopped` and may stop training again; a different pause
   * epoch clears `Snapshot.pausedAtEpoch`.
   */
  setLive(settings: LiveSettings): void;
  play(): void;
  pause(): void;
  setSpeed(speed: Speed): void;
  /**
   * Pauses and trains exactly `epochs` epochs (default 1), fewer if the loss
   * target or the pause epoch is reached first.
   */
  step(epochs?: number): void;
  /** Sets one weight (engine layout index) or bias; applied to the running network. */
  setWeight(index: number, value: number): void;
  setBias(index: number, value: number): void;
  /**
   * Moves the network (weights, biases, dead links, the batch in progress,
   * epoch) to the other engine.
   */
  setEngine(engine: EngineName): void;
  /**
   * Hands the buffers of grids the page has finished drawing back to the
   * worker, which fills them again instead of allocating about 2 MB per frame
   * (optional; buffers of the wrong size are dropped).
   */
  recycle(buffers: ArrayBuffer[]): void;
  /**
   * Called once per animation frame by the page. At a numeric speed while
   * playing, trains that many epochs first. Returns the current snapshot, or
   * undefined when nothing changed since the last one returned.
   */
  frame(): Snapshot | undefined;
  /**
   * Trains several networks side by side, each from its own settings, on
   * separate engine handles; the loaded network, its epoch and play state are
   * not touched. Runs with the same data settings share one data set; the same
   * `resets` gives the same first weights whatever the batch size.
   */
  runs(request: RunsRequest): RunsResult;
  /**
   * The current run: its start (settings, engine, draws from the seed's
   * stream), every live change, Regenerate, edit and engine move with its
   * epoch, the losses at checkpoint epochs, and the final numbers.
   */
  journal(): RunJournal;
  /**
   * Makes `run` the loaded network: draws its weights as they were drawn,
   * replays its events at their epochs and trains to `run.epochs`, paused.
   * The journal continues from it, so recording again keeps it exact. A run
   * that cannot be replayed (an engine missing, a bad event) is refused and
   * changes nothing.
   */
  open(run: RunReplay): void;
  /** Trains `run` again on its own handles and returns the result; the loaded network is not touched. */
  replay(run: RunReplay): ReplayResult;
  /** The network's whole state and settings now, for a saved model. */
  model(): TrainerModel;
  /**
   * Opens a saved model on `model.engine`: its settings and data, its weights,
   * biases, dead links, batch in progress and epoch. The run's journal then
   * starts from it (`RunReplay.start`). Refused (nothing changed) if it does not fit.
   */
  openModel(model: TrainerModel): void;
  /**
   * The backpropagation inspector: one training point's pass through the
   * network as it is and the next batch up to `request.through` (see
   * inspect.ts). Changes nothing.
   */
  inspect(request: InspectRequest): Inspection;
  /**
   * The loss landscape at the current parameters (see landscape.ts): the
   * training loss on a plane of `size` x `size` points and the slice along the
   * full-batch gradient. The network, its batch in progress, the epoch and the
   * run's journal are unchanged. Refused with 'landscape' (bad request) or
   * 'landscapePath' (path directions without enough path).
   */
  landscape(request: LandscapeRequest): LandscapeResult;
  /** The current run's timeline: its kept epochs with their losses, the present, the branch. */
  timeline(): TimelineInfo;
  /**
   * Pauses and shows the kept entry at `epoch` in the next snapshots (its
   * weights, maps, losses and epoch; see `Snapshot.viewing`) without changing
   * the run; null (or the present epoch) shows the present again. Play and
   * step return to the present first.
   */
  showEpoch(epoch: number | null): void;
  /**
   * Makes the kept entry at `epoch` the run's state, paused: its network, the
   * settings and data it was trained with then, and a journal cut to that
   * epoch (so it stays an exact record). The later history is kept as the
   * branch (replacing any older one) until discardBranch() or toBranch().
   */
  continueFrom(epoch: number): TimelineMove;
  /** Goes back to the branch where it was left; the history it replaces becomes the branch. */
  toBranch(): TimelineMove;
  /** Forgets the branch. */
  discardBranch(): void;
}

/** What the training worker serves: the trainer, and what only a worker can do. */
export interface WorkerApi extends Omit<TrainerApi, 'runs'> {
  /**
   * TrainerApi.runs, trained in slices of a few milliseconds so that other
   * commands (frame(), cancelRuns()) are served in between: `progress`, if
   * given (wrap it in `Comlink.proxy`), is called after each slice with how
   * far the runs have got. Rejects with the code 'runsCancelled' if
   * cancelRuns() is called first.
   */
  runs(request: RunsRequest, progress?: (progress: RunsProgress) => void): Promise<RunsResult>;
  /** Stops every runs() call in progress: each frees what it made and rejects with the code 'runsCancelled'. */
  cancelRuns(): void;
  /**
   * Holds the Web Lock `name` for as long as this worker lives and resolves
   * true once it is held (false where the browser has no Web Locks). The page
   * then asks for the same lock: it is granted only when the worker is gone,
   * which is how the page learns at once that its worker died.
   */
  lifeline(name: string): Promise<boolean>;
}

export type { InspectRequest, Inspection, InspectedBatch } from './inspect.js';
export {
  LANDSCAPE_DIRECTIONS,
  LANDSCAPE_LIMITS,
  type GradientSlice,
  type LandscapeDirections,
  type LandscapeRequest,
  type LandscapeResult,
  type PathPoint,
} from './landscape.js';

// ----- Saved models -------------------------------------------------------

/**
 * A network's whole training state at an epoch: what a run starting from a
 * saved model starts with. Numbers in the engine's own precision (f32 values
 * on the WASM core), in the engines' parameter layout.
 */
export interface ModelStart {
  /** The epoch counter at the start. */
  readonly epoch: number;
  readonly weights: readonly number[];
  readonly biases: readonly number[];
  /** 1 where a link is dead (L1 set it to zero), 0 elsewhere; one per weight. */
  readonly dead: readonly number[];
  /** The batch in progress (see `Network.batchState`): training on gives the next update it would have. */
  readonly batch: {
    readonly weightGradients: readonly number[];
    readonly biasGradients: readonly number[];
    readonly count: number;
    /** The WASM core's lane-partial sums of the same gradients (see `BatchState.lanes`), when saved from it. */
    readonly lanes?: { readonly weights: readonly number[]; readonly biases: readonly number[] };
  };
  /**
   * The optimizer's state (see `Network.optimizerState`), in the engine's
   * precision; left out where it is plain SGD's (which keeps none), as in
   * every record made before optimizers.
   */
  readonly optimizer?: SavedOptimizerState;
}

/** An optimizer's state as plain numbers: its moments in the weights' and biases' layouts. */
export interface SavedOptimizerState {
  /** The optimizer the state belongs to. */
  readonly optimizer: Optimizer;
  /** Updates applied since the state was reset (Adam's t). */
  readonly steps: number;
  /** Momentum's velocity or Adam's first moment. */
  readonly weightMoment1: readonly number[];
  readonly biasMoment1: readonly number[];
  /** RMSProp's mean square or Adam's second moment (>= 0). */
  readonly weightMoment2: readonly number[];
  readonly biasMoment2: readonly number[];
}

/** What the trainer gives for a saved model (`model()`) and opens from one (`openModel`). */
export interface TrainerModel {
  /** Every setting that decides a number, in force now (after live changes), with the data source. */
  readonly config: RunReplay['config'];
  /** The engine the numbers come from: opening the model on it continues bit for bit. */
  readonly engine: EngineName;
  readonly state: ModelStart;
}
