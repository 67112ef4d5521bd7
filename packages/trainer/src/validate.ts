/**
 * The trainer's checks of what the page sends: a configuration, live settings,
 * imported points. Each refusal is a TrainerError naming the first thing
 * wrong, with a code and params the page translates (errors.ts).
 */
import {
  COORD_LIMIT,
  DATASETS,
  DATASET_NAMES,
  FEATURE_IDS,
  MAX_IMPORT_POINTS,
  MIN_IMPORT_POINTS,
  isDatasetName,
  isFeatureId,
} from '@nn/datasets';
import { ACTIVATIONS, EngineError, REGULARIZATIONS, validateOptimizer } from '@nn/engine';
import { TrainerError } from './errors.js';
import { LOSS_NAMES, MAX_CLASSES, MAX_RUNS, MAX_RUN_EPOCHS, type ImportedData, type LiveSettings, type TrainerConfig } from './protocol.js';

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
  /** Largest pause epoch (`pauseAt`, from 1): the largest 32-bit unsigned integer. */
  maxPauseAt: 2 ** 32 - 1,
  /** Most runs one `runs()` call trains. */
  maxRuns: MAX_RUNS,
  /** Most epochs each run of one `runs()` call trains. */
  maxRunEpochs: MAX_RUN_EPOCHS,
  /** Most resets a run's first weights may come after. */
  maxRunResets: 1000,
} as const;

export function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return `[${value.map(describe).join(', ')}]`;
  return `a ${typeof value}`;
}

export function isNumberIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max;
}

export function checkSeed(seed: unknown): asserts seed is string {
  if (typeof seed !== 'string' || seed.length === 0) {
    throw new TrainerError('seed', `The seed must be a non-empty string such as "0.12345"; got ${describe(seed)}.`, {
      got: describe(seed),
    });
  }
}

/** The live settings' checks; `batch` false leaves the batch size to the caller (runs allow 'all' and more). */
export function checkLive(settings: LiveSettings, batch = true): void {
  if (settings === null || typeof settings !== 'object') {
    throw new TrainerError('settingsMissing', 'The training settings are missing.');
  }
  const { learningRate, batchSize, regularization, regularizationRate, stopBelow, pauseAt } = settings;
  // Greater than 0 also in f32 (at least 1.4e-45), which the WASM core computes in.
  if (!isNumberIn(learningRate, 0, CONFIG_LIMITS.maxLearningRate) || Math.fround(learningRate) === 0) {
    const max = CONFIG_LIMITS.maxLearningRate;
    throw new TrainerError(
      'learningRate',
      `The learning rate must be a number greater than 0 (at least 1.4e-45) and at most ${max}; got ${describe(learningRate)}.`,
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
  const regRateLost = regularizationRate !== 0 && Math.fround(regularizationRate) === 0;
  if (!isNumberIn(regularizationRate, 0, CONFIG_LIMITS.maxRegularizationRate) || regRateLost) {
    const max = CONFIG_LIMITS.maxRegularizationRate;
    throw new TrainerError(
      'regularizationRate',
      `The regularisation rate must be 0 or a number from 1.4e-45 to ${max}; got ${describe(regularizationRate)}.`,
      { max, got: describe(regularizationRate) },
    );
  }
  if (settings.optimizer !== undefined) checkOptimizer(settings.optimizer);
  const targetSet = stopBelow !== undefined && stopBelow !== null;
  if (targetSet && (!isNumberIn(stopBelow, 0, CONFIG_LIMITS.maxStopBelow) || stopBelow === 0)) {
    const max = CONFIG_LIMITS.maxStopBelow;
    throw new TrainerError(
      'stopBelow',
      `The loss target must be a number greater than 0 and at most ${max} (or none); got ${describe(stopBelow)}.`,
      { max, got: describe(stopBelow) },
    );
  }
  const pauseSet = pauseAt !== undefined && pauseAt !== null;
  if (pauseSet && (!Number.isInteger(pauseAt) || !isNumberIn(pauseAt, 1, CONFIG_LIMITS.maxPauseAt))) {
    const max = CONFIG_LIMITS.maxPauseAt;
    throw new TrainerError(
      'pauseAt',
      `The pause epoch must be a whole number from 1 to ${max} (or none); got ${describe(pauseAt)}.`,
      { max, got: describe(pauseAt) },
    );
  }
}

/** The engines' check of an optimizer's settings, as a TrainerError. */
function checkOptimizer(optimizer: unknown): void {
  try {
    validateOptimizer(optimizer as never);
  } catch (error) {
    if (!(error instanceof EngineError)) throw error;
    throw new TrainerError('optimizer', error.message, { got: describe(optimizer) });
  }
}

/** Throws a TrainerError naming the first thing wrong with `config`. */
export function validateConfig(config: TrainerConfig): void {
  checkConfig(config, true);
}

/** validateConfig; `batch` false skips the batch size (see checkLive). */
export function checkConfig(config: Omit<TrainerConfig, 'batchSize'> & { readonly batchSize: unknown }, batch: boolean): void {
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
  checkClasses(config);
}

/**
 * The number of classes and the loss, and their fit with the data: 3 or more
 * classes need a multi-class data set (or imported points of that many
 * classes), two classes one of TF's sets (or two-class points), regression two.
 */
function checkClasses(config: Pick<TrainerConfig, 'classes' | 'loss' | 'dataset' | 'imported'>): void {
  const { classes, loss, dataset, imported } = config;
  if (classes !== undefined && (typeof classes !== 'number' || !Number.isInteger(classes) || classes < 2 || classes > MAX_CLASSES)) {
    throw new TrainerError('classes', `The number of classes must be a whole number from 2 to ${MAX_CLASSES}; got ${describe(classes)}.`, {
      max: MAX_CLASSES,
      got: describe(classes),
    });
  }
  if (loss !== undefined && !LOSS_NAMES.includes(loss)) {
    const options = LOSS_NAMES.join(', ');
    throw new TrainerError('loss', `Unknown loss ${describe(loss)}; use one of ${options}.`, { options, got: describe(loss) });
  }
  const k = classes ?? 2;
  if (imported !== undefined) {
    const own = imported.problem === 'regression' ? 2 : (imported.classes ?? 2);
    if (own !== k) {
      const kind = imported.problem === 'regression' ? 'regression values' : `${own} classes`;
      throw new TrainerError(
        'importClasses',
        `The imported points have ${kind}, but ${k} classes are chosen: choose ${own} classes or import points of ${k} classes.`,
        { classes: k, got: own, problem: imported.problem },
      );
    }
    return;
  }
  const many = DATASETS[dataset].classes === 'many';
  if (many !== k >= 3) {
    const hint = many ? 'choose 3 to 6 classes for it' : 'for 3 or more classes choose blobs, arms, rings or sectors';
    throw new TrainerError(
      'classesData',
      `The data set "${dataset}" has ${many ? 'from 3 to 6 classes' : DATASETS[dataset].problem === 'regression' ? 'no classes (regression)' : 'two classes'}, but ${k} classes are chosen: ${hint}.`,
      { dataset, classes: k },
    );
  }
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
  if (!Array.isArray(points) || points.length < MIN_IMPORT_POINTS || points.length > MAX_IMPORT_POINTS) {
    const got = Array.isArray(points) ? points.length : describe(points);
    const max = MAX_IMPORT_POINTS.toLocaleString('en-US');
    throw new TrainerError('importSize', `Imported data needs from ${MIN_IMPORT_POINTS} to ${max} points; got ${got}.`, {
      min: MIN_IMPORT_POINTS,
      max: MAX_IMPORT_POINTS,
      got,
    });
  }
  const { classes } = imported;
  if (classes !== undefined && (!Number.isInteger(classes) || classes < 2 || classes > MAX_CLASSES || problem !== 'classification')) {
    throw new TrainerError(
      'importClassCount',
      `Imported points of classification have from 2 to ${MAX_CLASSES} classes (regression points none); got ${describe(classes)}.`,
      { max: MAX_CLASSES, got: describe(classes), problem },
    );
  }
  /** The number of classes for class-index labels, or 0 for TF's -1/+1. */
  const many = classes !== undefined && classes >= 3 ? classes : 0;
  points.forEach((point, i) => {
    const ok =
      point !== null &&
      typeof point === 'object' &&
      isNumberIn(point.x, -COORD_LIMIT, COORD_LIMIT) &&
      isNumberIn(point.y, -COORD_LIMIT, COORD_LIMIT) &&
      (problem === 'regression'
        ? isNumberIn(point.label, -1, 1)
        : many
          ? Number.isInteger(point.label) && point.label >= 0 && point.label < many
          : point.label === 1 || point.label === -1);
    if (!ok) {
      throw new TrainerError('importPoint', `Imported point ${i + 1} is not a valid point: ${describe(point)}.`, {
        point: i + 1,
        got: describe(point),
      });
    }
  });
}
