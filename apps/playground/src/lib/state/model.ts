/**
 * The page's settings as data: the state model (TF Playground's settings and
 * this app's own), its limits and defaults, and what the trainer needs from
 * it. How it is written into a URL hash is hash.ts; hidden controls are
 * hidden.ts; the classroom session (what a preset keeps) is classroom.ts.
 */
import { FEATURE_IDS } from '@nn/datasets';
import type { DatasetName, FeatureId, Problem } from '@nn/datasets';
import { DEFAULT_OPTIMIZER, OPTIMIZERS, type Activation, type Optimizer, type Regularization } from '@nn/engine';
import { ENGINE_NAMES, LOSS_NAMES, MAX_CLASSES, SPEEDS, type EngineName, type LossName, type Speed, type TrainerConfig } from '@nn/trainer';
import { LESSON_IDS } from '../course/types.js';
import { isHidden } from './hidden.js';

// ---------------------------------------------------------------- small types

/** Engines and speeds as the trainer protocol names them. */
export type { EngineName, Speed };
export { SPEEDS };
export const ENGINES: readonly EngineName[] = ENGINE_NAMES;

/** Whether a classroom link shows the lessons' answers. */
export type AnswersMode = 'show' | 'hide';
export const ANSWERS_MODES: readonly AnswersMode[] = ['show', 'hide'];

export type ClassificationDataset = 'circle' | 'xor' | 'gauss' | 'spiral';
export type RegressionDataset = 'reg-plane' | 'reg-gauss';

export const CLASSIFICATION_DATASETS = ['circle', 'xor', 'gauss', 'spiral'] as const satisfies readonly DatasetName[];
/**
 * Ours: the data sets of 3 to 6 classes (hash `dataset=`, with `classes=3..6`),
 * @nn/datasets' k blobs, k-arm spiral, k rings and k pie slices.
 */
export const MULTI_CLASS_DATASETS = ['blobs', 'arms', 'rings', 'sectors'] as const satisfies readonly DatasetName[];
export type MultiClassDataset = (typeof MULTI_CLASS_DATASETS)[number];
/** A classification data set of either kind: TF's four (two classes) or ours (3 to 6). */
export type ClassDataset = ClassificationDataset | MultiClassDataset;
/**
 * Each data set's kin of the other kind, in both directions: switching
 * between two classes and three or more keeps the picture's idea.
 */
export const COUNTERPART_DATASETS: Readonly<Record<ClassDataset, ClassDataset>> = {
  circle: 'rings',
  xor: 'sectors',
  gauss: 'blobs',
  spiral: 'arms',
  rings: 'circle',
  sectors: 'xor',
  blobs: 'gauss',
  arms: 'spiral',
};
/** Fewest and most classes of a classification problem (hash `classes=`; 2 is TF's). */
export const MIN_CLASSES = 2;
export { MAX_CLASSES, LOSS_NAMES, type LossName };
export const REGRESSION_DATASETS = ['reg-plane', 'reg-gauss'] as const satisfies readonly DatasetName[];
/** TF's four, then this project's (hash `activation=leakyrelu|elu|swish|sine`). */
export const ACTIVATIONS: readonly Activation[] = ['relu', 'tanh', 'sigmoid', 'linear', 'leakyrelu', 'elu', 'swish', 'sine'];
/** The activations TF Playground does not have: their names are in the "optim" namespace. */
export const NEW_ACTIVATIONS = ['leakyrelu', 'elu', 'swish', 'sine'] as const satisfies readonly Activation[];
export const PROBLEMS: readonly Problem[] = ['classification', 'regression'];
/** The optimizers the page offers (hash `optimizer=`), SGD (TF's) first. */
export const OPTIMIZER_NAMES: readonly Optimizer[] = OPTIMIZERS;
/** Largest epsilon a link or the page may set (it must also be greater than 0). */
export const MAX_EPSILON = 1;

/** Every boolean feature flag TF keeps in the hash, in its serialization order. cosX/cosY are never inputs. */
export type FeatureFlag = FeatureId | 'cosX' | 'cosY';
export const FEATURE_FLAGS: readonly FeatureFlag[] = [
  'x',
  'y',
  'xTimesY',
  'xSquared',
  'ySquared',
  'cosX',
  'sinX',
  'cosY',
  'sinY',
];

// ---------------------------------------------------------------- limits

/** The learning rates TF's drop-down offers. */
export const LEARNING_RATES: readonly number[] = [0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10];
/** The regularization rates TF's drop-down offers. */
export const REGULARIZATION_RATES: readonly number[] = [0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10];
export const MAX_HIDDEN_LAYERS = 6;
export const MAX_NEURONS = 8;
export const MIN_BATCH_SIZE = 1;
export const MAX_BATCH_SIZE = 30;
export const MIN_NOISE = 0;
export const MAX_NOISE = 50;
export const NOISE_STEP = 5;
export const MIN_PERC_TRAIN = 10;
export const MAX_PERC_TRAIN = 90;
export const PERC_TRAIN_STEP = 10;
export const MIN_LEARNING_RATE = 0.00001;
export const MAX_LEARNING_RATE = 10;
export const MAX_REGULARIZATION_RATE = 10;
export const MAX_SEED_LENGTH = 40;
/** Largest loss target of the stop condition (the trainer's limit). */
export const MAX_STOP_BELOW = 10;
/** Largest epoch of "Pause at epoch" (`pauseAt`, from 1): the trainer's limit, 2^32 - 1. */
export const MAX_PAUSE_AT = 2 ** 32 - 1;
/** The number of lessons (`lesson=N` takes 1..LESSON_COUNT). */
export const LESSON_COUNT = LESSON_IDS.length;

// ---------------------------------------------------------------- state

export interface PlaygroundState {
  readonly activation: Activation;
  /** Stored with the engine's names; written to the hash as none|L1|L2. */
  readonly regularization: Regularization;
  readonly batchSize: number;
  /**
   * The classification generator (used when `problem` is classification): one
   * of TF's four with two classes, one of MULTI_CLASS_DATASETS with 3 or more.
   */
  readonly dataset: ClassDataset;
  /** The regression generator (used when `problem` is regression). */
  readonly regDataset: RegressionDataset;
  readonly learningRate: number;
  readonly regularizationRate: number;
  /** 0..50 (percent). */
  readonly noise: number;
  /** Neurons per hidden layer; [] is a network without hidden layers. */
  readonly networkShape: readonly number[];
  readonly seed: string;
  readonly showTestData: boolean;
  readonly discretize: boolean;
  /** 10..90 (percent of the points used for training). */
  readonly percTrainData: number;
  readonly x: boolean;
  readonly y: boolean;
  readonly xTimesY: boolean;
  readonly xSquared: boolean;
  readonly ySquared: boolean;
  /** Kept only so TF links round-trip; never an input. */
  readonly cosX: boolean;
  readonly sinX: boolean;
  /** Kept only so TF links round-trip; never an input. */
  readonly cosY: boolean;
  readonly sinY: boolean;
  readonly collectStats: boolean;
  /** TF's tutorial page name, passed through untouched. */
  readonly tutorial?: string;
  readonly problem: Problem;
  readonly initZero: boolean;
  readonly hideText: boolean;
  /** Ours: which engine trains. */
  readonly engine: EngineName;
  /** Ours: epochs per animation frame. */
  readonly speed: Speed;
  /**
   * Ours: training pauses by itself at the first epoch where the training and
   * the test loss are both below this (the homework's 0.1); null = off.
   */
  readonly stopBelow: number | null;
  /**
   * Ours: training pauses by itself when the epoch counter reaches this
   * ("Pause at epoch"), a whole number from 1 to MAX_PAUSE_AT; null = off.
   */
  readonly pauseAt: number | null;
  /**
   * Ours (classroom): the lesson the page opens, 1-based (`lesson=N`); null =
   * the one the student last had open.
   */
  readonly lesson: number | null;
  /**
   * Ours (classroom): whether the page offers the answers (`answers=show`, the
   * default) or leaves every answer out of the page (`answers=hide`).
   */
  readonly answers: AnswersMode;
  /** Ours (classroom): only the playground, sized to its frame (`embed=true`). */
  readonly embed: boolean;
  /** Ours: the optimizer (`optimizer=`; TF's SGD by default) and its settings (see @nn/engine's Optimizer). */
  readonly optimizer: Optimizer;
  /** Momentum's decay, [0, 1). */
  readonly momentum: number;
  /** Adam's decays, [0, 1). */
  readonly beta1: number;
  readonly beta2: number;
  /** RMSProp's and Adam's epsilon, (0, MAX_EPSILON]. */
  readonly epsilon: number;
  /**
   * Ours: classes of a classification problem, MIN_CLASSES (TF's) to
   * MAX_CLASSES (hash `classes=`); 3 or more train a softmax output with
   * cross-entropy on a multi-class data set.
   */
  readonly classes: number;
  /**
   * Ours: the loss of a two-class problem (hash `loss=`): TF's squared error on
   * a tanh output, or cross-entropy on a sigmoid output.
   */
  readonly loss: LossName;
  /**
   * `<id>_hide` flags in the order they were read or set. Only `true` hides;
   * `false` entries are kept because TF writes them too (a control hidden and
   * shown again), so such links round-trip.
   */
  readonly hidden: Readonly<Record<string, boolean>>;
}

export const DEFAULT_STATE: Readonly<Omit<PlaygroundState, 'seed'>> = Object.freeze({
  activation: 'tanh',
  regularization: 'none',
  batchSize: 10,
  dataset: 'circle',
  regDataset: 'reg-plane',
  learningRate: 0.03,
  regularizationRate: 0,
  noise: 0,
  networkShape: Object.freeze([4, 2]),
  showTestData: false,
  discretize: false,
  percTrainData: 50,
  x: true,
  y: true,
  xTimesY: false,
  xSquared: false,
  ySquared: false,
  cosX: false,
  sinX: false,
  cosY: false,
  sinY: false,
  collectStats: false,
  problem: 'classification',
  initZero: false,
  hideText: false,
  engine: 'wasm',
  speed: 1,
  stopBelow: null,
  pauseAt: null,
  lesson: null,
  answers: 'show',
  embed: false,
  optimizer: DEFAULT_OPTIMIZER.optimizer,
  momentum: DEFAULT_OPTIMIZER.momentum,
  beta1: DEFAULT_OPTIMIZER.beta1,
  beta2: DEFAULT_OPTIMIZER.beta2,
  epsilon: DEFAULT_OPTIMIZER.epsilon,
  classes: MIN_CLASSES,
  loss: 'squared',
  hidden: Object.freeze({}),
} satisfies Omit<PlaygroundState, 'seed'>);

export function defaultState(seed: string): PlaygroundState {
  return { ...DEFAULT_STATE, seed };
}

/** TF's way of making a fresh seed: five decimals of a uniform number, e.g. "0.59957". */
export function randomSeed(): string {
  return Math.random().toFixed(5);
}

// ---------------------------------------------------------------- derived values

/** The network's input features: TF's input order, switched on and not hidden. */
export function activeFeatures(state: PlaygroundState): FeatureId[] {
  return FEATURE_IDS.filter((id) => state[id] && !isHidden(state, id));
}

export function problemOf(state: PlaygroundState): Problem {
  return state.problem;
}

/** The generator in use: `dataset` for classification, `regDataset` for regression. */
export function datasetOf(state: PlaygroundState): DatasetName {
  return state.problem === 'regression' ? state.regDataset : state.dataset;
}

export function isMultiClassDataset(name: string): name is MultiClassDataset {
  return (MULTI_CLASS_DATASETS as readonly string[]).includes(name);
}

/** Whether a classification data set is of the kind `classes` needs (TF's four for 2, ours for 3..6). */
export function datasetFitsClasses(dataset: ClassDataset, classes: number): boolean {
  return isMultiClassDataset(dataset) === classes > MIN_CLASSES;
}

/** The data set of the kind `classes` needs: `dataset` itself when it fits, else its counterpart. */
export function datasetForClasses(dataset: ClassDataset, classes: number): ClassDataset {
  return datasetFitsClasses(dataset, classes) ? dataset : COUNTERPART_DATASETS[dataset];
}

/**
 * The state with `classes` classes: a data set of the right kind (its
 * counterpart when the kind changes between 2 and 3 or more); the loss choice
 * stays, though only two classes use it.
 */
export function withClasses(state: PlaygroundState, classes: number): PlaygroundState {
  return { ...state, classes, dataset: datasetForClasses(state.dataset, classes) };
}

/** Whether the page offers the loss choice: two-class classification only. */
export function lossApplies(state: PlaygroundState): boolean {
  return state.problem === 'classification' && state.classes === MIN_CLASSES;
}

/** A trainer config's classes and loss as the page's state (left out in the config = the defaults). */
export function classesOfConfig(config: Pick<TrainerConfig, 'classes' | 'loss'>): Pick<PlaygroundState, 'classes' | 'loss'> {
  return { classes: config.classes ?? DEFAULT_STATE.classes, loss: config.loss ?? DEFAULT_STATE.loss };
}

/**
 * The classes and loss as the trainer takes them: each left out when it is
 * the default (two classes, squared error) or does not apply (regression; the
 * loss with 3 or more classes), so every older link, record and lesson
 * config stays the same.
 */
export function classesConfig(state: PlaygroundState): Pick<TrainerConfig, 'classes' | 'loss'> {
  if (state.problem !== 'classification') return {};
  if (state.classes !== MIN_CLASSES) return { classes: state.classes };
  return state.loss === DEFAULT_STATE.loss ? {} : { loss: state.loss };
}

/** What the trainer needs from the state (the rest is page-only). */
export function toTrainerConfig(state: PlaygroundState): TrainerConfig {
  return {
    dataset: datasetOf(state),
    noise: state.noise,
    percTrainData: state.percTrainData,
    seed: state.seed,
    features: activeFeatures(state),
    networkShape: [...state.networkShape],
    activation: state.activation,
    regularization: state.regularization,
    regularizationRate: state.regularizationRate,
    learningRate: state.learningRate,
    batchSize: state.batchSize,
    initZero: state.initZero,
    stopBelow: state.stopBelow,
    pauseAt: state.pauseAt,
    ...optimizerConfig(state),
    ...classesConfig(state),
  };
}

/** The state's optimizer as the trainer takes it: left out for TF's SGD with the default settings. */
export function optimizerConfig(state: PlaygroundState): Pick<TrainerConfig, 'optimizer'> {
  const { optimizer, momentum, beta1, beta2, epsilon } = state;
  const settings = { optimizer, momentum, beta1, beta2, epsilon };
  const plain = (Object.keys(DEFAULT_OPTIMIZER) as (keyof typeof settings)[]).every((k) => settings[k] === DEFAULT_OPTIMIZER[k]);
  return plain ? {} : { optimizer: settings };
}
