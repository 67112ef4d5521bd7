import { EngineError } from './errors.js';
import {
  ACTIVATIONS,
  LIMITS,
  MAX_EPOCHS_PER_CALL,
  OPTIMIZERS,
  OUTPUT_ACTIVATIONS,
  REGULARIZATIONS,
  type OptimizerSettings,
  type OptimizerState,
  type BatchState,
  type DataSet,
  type LossPlane,
  type NetworkShape,
  type Parameters,
  type TrainSettings,
} from './types.js';

/**
 * Checks shared by every engine, run before anything changes, so a refused
 * call leaves the engine as it was. Messages are for a person.
 */

function isInt(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value);
}

/**
 * True for a number that a 32-bit float can hold: finite once rounded to f32
 * (|v| up to about 3.4e38). The WASM core computes in f32, so every value an
 * engine accepts must pass this, and both engines refuse the same values.
 */
export function fitsF32(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(Math.fround(value));
}

/** A positive number that stays positive in f32 (at least 1.4e-45, at most 3.4e38). */
function isPositiveF32(value: unknown): value is number {
  return fitsF32(value) && Math.fround(value) > 0;
}

/** F32_MAX as a person reads it. */
const F32_MAX_TEXT = '3.4e38';
const F32_RANGE = `from 1.4e-45 to ${F32_MAX_TEXT}`;

export function validateShape(shape: NetworkShape): void {
  if (shape === null || typeof shape !== 'object') {
    throw new EngineError('shape', 'The network shape is missing.');
  }
  const { inputSize, hiddenSizes, activation, outputActivation } = shape;
  if (!isInt(inputSize) || inputSize < 1 || inputSize > LIMITS.maxInputs) {
    throw new EngineError(
      'shape',
      `A network needs between 1 and ${LIMITS.maxInputs} inputs; got ${String(inputSize)}.`,
    );
  }
  if (!Array.isArray(hiddenSizes) || hiddenSizes.length > LIMITS.maxHiddenLayers) {
    throw new EngineError(
      'shape',
      `A network can have at most ${LIMITS.maxHiddenLayers} hidden layers; got ${Array.isArray(hiddenSizes) ? hiddenSizes.length : String(hiddenSizes)}.`,
    );
  }
  hiddenSizes.forEach((size, layer) => {
    if (!isInt(size) || size < 1 || size > LIMITS.maxNeurons) {
      throw new EngineError(
        'shape',
        `Hidden layer ${layer + 1} needs between 1 and ${LIMITS.maxNeurons} neurons; got ${String(size)}.`,
      );
    }
  });
  if (!ACTIVATIONS.includes(activation)) {
    throw new EngineError(
      'shape',
      `Unknown activation "${String(activation)}"; use one of ${ACTIVATIONS.join(', ')}.`,
    );
  }
  if (!OUTPUT_ACTIVATIONS.includes(outputActivation)) {
    throw new EngineError(
      'shape',
      `Unknown output activation "${String(outputActivation)}"; use tanh or sigmoid (two classes), softmax (several classes) or linear (regression).`,
    );
  }
  const { outputSize } = shape;
  if (outputActivation === 'softmax') {
    if (!isInt(outputSize) || outputSize < 2 || outputSize > LIMITS.maxOutputs) {
      throw new EngineError(
        'shape',
        `A softmax output needs one node per class, from 2 to ${LIMITS.maxOutputs}; got ${String(outputSize)}.`,
      );
    }
  } else if (outputSize !== undefined && outputSize !== 1) {
    throw new EngineError(
      'shape',
      `A ${outputActivation} output has exactly 1 node; got ${String(outputSize)} (only a softmax output has one node per class).`,
    );
  }
}

/**
 * The labels of a data set for a softmax network of `classes` output nodes:
 * each must be a class number, a whole number from 0 to classes - 1.
 */
export function validateClassLabels(labels: ArrayLike<number>, classes: number): void {
  for (let p = 0; p < labels.length; p++) {
    const label = labels[p]!;
    if (!(Number.isInteger(label) && label >= 0 && label < classes)) {
      throw new EngineError(
        'labels',
        `Point ${p + 1} has the label ${String(label)}, but this network tells ${classes} classes apart, so every label must be a class number from 0 to ${classes - 1}.`,
      );
    }
  }
}

export function validateSettings(settings: TrainSettings): void {
  const { learningRate, batchSize, regularization, regularizationRate } = settings;
  if (!isPositiveF32(learningRate)) {
    throw new EngineError(
      'settings',
      `The learning rate must be a positive number that a 32-bit float can hold (${F32_RANGE}); got ${String(learningRate)}.`,
    );
  }
  if (!isInt(batchSize) || batchSize < 1 || batchSize > LIMITS.maxBatchSize) {
    throw new EngineError(
      'settings',
      `The batch size must be a whole number from 1 to ${LIMITS.maxBatchSize}; got ${String(batchSize)}.`,
    );
  }
  if (!REGULARIZATIONS.includes(regularization)) {
    throw new EngineError(
      'settings',
      `Unknown regularisation "${String(regularization)}"; use none, l1 or l2.`,
    );
  }
  if (regularizationRate !== 0 && !isPositiveF32(regularizationRate)) {
    throw new EngineError(
      'settings',
      `The regularisation rate must be zero or a positive number that a 32-bit float can hold (${F32_RANGE}); got ${String(regularizationRate)}.`,
    );
  }
  if (settings.optimizer !== undefined) validateOptimizer(settings.optimizer);
}

/** A decay in [0, 1), also once rounded to f32 (the core's precision). */
function isDecay(value: unknown): value is number {
  return typeof value === 'number' && value >= 0 && value < 1 && Math.fround(value) < 1;
}

export function validateOptimizer(settings: OptimizerSettings): void {
  if (settings === null || typeof settings !== 'object' || !OPTIMIZERS.includes(settings.optimizer)) {
    throw new EngineError('settings', `Unknown optimizer "${String(settings?.optimizer)}"; use sgd, momentum, rmsprop or adam.`);
  }
  for (const key of ['momentum', 'beta1', 'beta2'] as const) {
    if (!isDecay(settings[key])) {
      throw new EngineError('settings', `The ${key} must be at least 0 and less than 1; got ${String(settings[key])}.`);
    }
  }
  if (!isPositiveF32(settings.epsilon)) {
    throw new EngineError(
      'settings',
      `Epsilon must be a positive number that a 32-bit float can hold (${F32_RANGE}); got ${String(settings.epsilon)}.`,
    );
  }
}

export function validateOptimizerState(state: OptimizerState, weightCount: number, biasCount: number): void {
  if (state === null || typeof state !== 'object' || !OPTIMIZERS.includes(state.optimizer)) {
    throw new EngineError('parameters', `The optimizer state names no known optimizer (${String(state?.optimizer)}).`);
  }
  if (!isInt(state.steps) || state.steps < 0 || state.steps > Number.MAX_SAFE_INTEGER) {
    throw new EngineError('parameters', `The optimizer's step count must be a whole number of at least 0; got ${String(state.steps)}.`);
  }
  for (const [what, values, count, nonNegative] of [
    ['weight first moment', state.weightMoment1, weightCount, false],
    ['bias first moment', state.biasMoment1, biasCount, false],
    ['weight second moment', state.weightMoment2, weightCount, true],
    ['bias second moment', state.biasMoment2, biasCount, true],
  ] as const) {
    if (values?.length !== count) {
      throw new EngineError('parameters', `This network's optimizer keeps ${count} values per ${what}; got ${values?.length ?? 'none'}.`);
    }
    for (let k = 0; k < count; k++) {
      if (!fitsF32(values[k]) || (nonNegative && values[k]! < 0)) {
        throw new EngineError('parameters', `The optimizer's ${what} ${k} is ${String(values[k])}; it must be a finite number${nonNegative ? ' of at least 0' : ''}.`);
      }
    }
  }
}

export function validateEpochs(epochs: number): void {
  if (!isInt(epochs) || epochs < 0 || epochs > MAX_EPOCHS_PER_CALL) {
    throw new EngineError(
      'settings',
      `The number of epochs must be a whole number from 0 to ${MAX_EPOCHS_PER_CALL} (2^32 - 1); got ${String(epochs)}.`,
    );
  }
}

/** A loss target for `trainUntil`: a finite number greater than 0. */
export function validateLossTarget(target: number): void {
  if (typeof target !== 'number' || !Number.isFinite(target) || target <= 0) {
    throw new EngineError('settings', `The loss target must be a finite number greater than 0; got ${String(target)}.`);
  }
}

export function validateDataSet(data: DataSet): void {
  if (data === null || typeof data !== 'object') {
    throw new EngineError('data', 'The data set is missing.');
  }
  const { inputSize, inputs, labels } = data;
  if (!isInt(inputSize) || inputSize < 1 || inputSize > LIMITS.maxInputs) {
    throw new EngineError(
      'data',
      `A data set needs between 1 and ${LIMITS.maxInputs} input features per point; got ${String(inputSize)}.`,
    );
  }
  const isFloatArray = (a: unknown) => a instanceof Float64Array || a instanceof Float32Array;
  if (!isFloatArray(inputs) || !isFloatArray(labels)) {
    throw new EngineError('data', 'Data set inputs and labels must be Float64Arrays or Float32Arrays.');
  }
  if (inputs.length % inputSize !== 0) {
    throw new EngineError(
      'data',
      `The data set has ${inputs.length} input values, which is not a whole number of points of ${inputSize} features.`,
    );
  }
  const size = inputs.length / inputSize;
  if (size === 0) {
    throw new EngineError('data', 'The data set is empty: it needs at least one point.');
  }
  if (size > LIMITS.maxPoints) {
    throw new EngineError('data', `The data set has ${size} points; at most ${LIMITS.maxPoints} are allowed.`);
  }
  if (labels.length !== 0 && labels.length !== size) {
    throw new EngineError('data', `The data set has ${size} points but ${labels.length} labels.`);
  }
  for (let k = 0; k < inputs.length; k++) {
    if (!fitsF32(inputs[k]!)) {
      const point = Math.floor(k / inputSize);
      throw new EngineError(
        'data',
        `Point ${point + 1} has an invalid value (${String(inputs[k])}) in feature ${(k % inputSize) + 1}; every value must be a finite number within ±${F32_MAX_TEXT}.`,
      );
    }
  }
  for (let p = 0; p < labels.length; p++) {
    if (!fitsF32(labels[p]!)) {
      throw new EngineError(
        'data',
        `Point ${p + 1} has an invalid label (${String(labels[p])}); every label must be a finite number within ±${F32_MAX_TEXT}.`,
      );
    }
  }
}

/** A data set whose width does not match the network's inputs. */
export function validateDataFitsNetwork(
  data: { inputSize: number; size: number; hasLabels: boolean },
  shape: NetworkShape,
  needsLabels: boolean,
): void {
  if (data.inputSize !== shape.inputSize) {
    throw new EngineError(
      'data',
      `The data set has ${data.inputSize} features per point but the network has ${shape.inputSize} inputs.`,
    );
  }
  if (needsLabels && !data.hasLabels) {
    throw new EngineError('data', 'This data set has no labels, so it cannot be trained on or scored.');
  }
}

export function validateParameters(
  parameters: Parameters,
  weightCount: number,
  biasCount: number,
): void {
  if (parameters === null || typeof parameters !== 'object') {
    throw new EngineError('parameters', 'The parameters are missing.');
  }
  const { weights, biases, dead } = parameters;
  if (weights?.length !== weightCount) {
    throw new EngineError(
      'parameters',
      `This network has ${weightCount} weights; got ${weights?.length ?? 'none'}.`,
    );
  }
  if (biases?.length !== biasCount) {
    throw new EngineError(
      'parameters',
      `This network has ${biasCount} biases; got ${biases?.length ?? 'none'}.`,
    );
  }
  if (dead !== undefined && dead.length !== weightCount) {
    throw new EngineError(
      'parameters',
      `This network has ${weightCount} links; got ${dead.length} dead-link flags.`,
    );
  }
  for (let k = 0; k < weightCount; k++) {
    if (!fitsF32(weights[k])) {
      throw new EngineError('parameters', `Weight ${k} is ${String(weights[k])}; weights must be finite numbers within ±${F32_MAX_TEXT}.`);
    }
  }
  for (let k = 0; k < biasCount; k++) {
    if (!fitsF32(biases[k])) {
      throw new EngineError('parameters', `Bias ${k} is ${String(biases[k])}; biases must be finite numbers within ±${F32_MAX_TEXT}.`);
    }
  }
}

export function validateIndexedValue(
  what: 'weight' | 'bias',
  index: number,
  count: number,
  value: number,
): void {
  if (!isInt(index) || index < 0 || index >= count) {
    throw new EngineError('parameters', `There is no ${what} number ${String(index)}; this network has ${count}.`);
  }
  if (!fitsF32(value)) {
    throw new EngineError('parameters', `A ${what} must be a finite number within ±${F32_MAX_TEXT}; got ${String(value)}.`);
  }
}

/** A batch in progress for a network with these counts (see `Network.setBatchState`). */
export function validateBatchState(state: BatchState, weightCount: number, biasCount: number): void {
  if (state === null || typeof state !== 'object') {
    throw new EngineError('parameters', 'The batch state is missing.');
  }
  const { weightGradients, biasGradients, count } = state;
  if (weightGradients?.length !== weightCount || biasGradients?.length !== biasCount) {
    throw new EngineError(
      'parameters',
      `This network's batch holds ${weightCount} weight and ${biasCount} bias gradients; got ${weightGradients?.length ?? 'none'} and ${biasGradients?.length ?? 'none'}.`,
    );
  }
  if (!isInt(count) || count < 0 || count > MAX_EPOCHS_PER_CALL) {
    throw new EngineError('parameters', `A batch counts a whole number of points from 0 to ${MAX_EPOCHS_PER_CALL}; got ${String(count)}.`);
  }
  for (const [what, values] of [['weight', weightGradients], ['bias', biasGradients]] as const) {
    for (let k = 0; k < values.length; k++) {
      if (!fitsF32(values[k])) {
        throw new EngineError('parameters', `The batch's ${what} gradient ${k} is ${String(values[k])}; gradients must be finite numbers within ±${F32_MAX_TEXT}.`);
      }
      if (count === 0 && values[k] !== 0) {
        throw new EngineError('parameters', `A batch of 0 points has no gradients, but its ${what} gradient ${k} is ${String(values[k])}.`);
      }
    }
  }
}

/** A loss plane for a network with these counts (see `Network.lossesOnPlane`). */
export function validatePlane(plane: LossPlane, weightCount: number, biasCount: number): void {
  if (plane === null || typeof plane !== 'object') {
    throw new EngineError('parameters', 'The loss plane is missing.');
  }
  for (const [name, d] of [['first', plane.d1], ['second', plane.d2]] as const) {
    if (d?.weights?.length !== weightCount || d?.biases?.length !== biasCount) {
      throw new EngineError(
        'parameters',
        `The ${name} direction must have ${weightCount} weights and ${biasCount} biases; got ${d?.weights?.length ?? 'none'} and ${d?.biases?.length ?? 'none'}.`,
      );
    }
    for (const values of [d.weights, d.biases]) {
      for (let k = 0; k < values.length; k++) {
        if (!fitsF32(values[k])) {
          throw new EngineError('parameters', `The ${name} direction's value ${k} is ${String(values[k])}; directions must be finite numbers within ±${F32_MAX_TEXT}.`);
        }
      }
    }
  }
  const { alphas, betas } = plane;
  if (!alphas || !betas) throw new EngineError('parameters', 'The loss plane needs its alphas and betas.');
  if (alphas.length * betas.length > LIMITS.maxPlaneValues) {
    throw new EngineError(
      'parameters',
      `A loss plane holds at most ${LIMITS.maxPlaneValues} values; ${alphas.length} x ${betas.length} were asked for.`,
    );
  }
  for (const [name, values] of [['alpha', alphas], ['beta', betas]] as const) {
    for (let k = 0; k < values.length; k++) {
      if (!fitsF32(values[k])) {
        throw new EngineError('parameters', `The ${name} at index ${k} is ${String(values[k])}; it must be a finite number within ±${F32_MAX_TEXT}.`);
      }
    }
  }
}
