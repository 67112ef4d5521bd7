/**
 * The saved model: a network's whole state (shape, activations, loss,
 * optimizer, weights, biases, dead links, the batch in progress, the epoch)
 * with every setting and the data source, in one versioned JSON file.
 * Opened on the engine it was saved from, it trains on bit for bit.
 * `parseModel` reads any text a student may pick and says precisely why it
 * is refused when it is (the hand-in file's reasons: empty, too large, cut
 * short, damaged, another program's file, a newer version's, or a wrong
 * value with its path).
 */
import * as v from 'valibot';
import { DATASETS, DATASET_NAMES, FEATURE_IDS, problemOf, type DatasetName, type Example2D, type FeatureId, type Problem } from '@nn/datasets';
import {
  ACTIVATIONS,
  DEFAULT_OPTIMIZER,
  OPTIMIZERS,
  OUTPUT_ACTIVATIONS,
  REGULARIZATIONS,
  parameterLayout,
  type Activation,
  type Optimizer,
  type OptimizerSettings,
  type OutputActivation,
  type Regularization,
} from '@nn/engine';
import { ENGINE_NAMES, LOSS_NAMES, MAX_CLASSES, type EngineName, type LossName, type RunReplay, type SavedOptimizerState, type TrainerModel } from '@nn/trainer';
import { parseFile } from './file.js';
import type { RejectReason } from './reasons.js';
import { ConfigSchema, ModelStartSchema, OptimizerStateSchema } from './run.js';
import { PRODUCT_VERSION } from './version.js';

export const MODEL_FORMAT = 'nn-playground-model';
/** The version this product writes. */
export const MODEL_VERSION = 1;
/** Versions this product reads. */
const READABLE_VERSIONS: readonly number[] = [1];

/** What a model file's name ends with (the file is JSON). */
export const MODEL_FILE_EXTENSION = '.nnmodel.json';

/** The largest model read (the largest network is well under 1 MB; imported points can add more). */
export const MAX_MODEL_BYTES = 20 * 1024 * 1024;

/**
 * The optimizer and what it carries between updates (rules in the README's
 * "Optimizers"). Plain gradient descent (`sgd`, TensorFlow Playground's) with
 * the usual settings is `{ "name": "sgd" }`; otherwise the settings are
 * there, and the state whenever the network keeps one (it belongs to
 * `state.optimizer`, which is `name` unless the optimizer was changed after
 * the last update): the steps taken and the moments, one number per weight
 * or bias in the engines' layout, in the engine's precision.
 */
export interface ModelOptimizer {
  readonly name: Optimizer;
  readonly settings?: Readonly<Omit<OptimizerSettings, 'optimizer'>>;
  readonly state?: SavedOptimizerState;
}

/** Where the points come from: a generated data set, or the imported points themselves. */
export type ModelData =
  | {
      readonly source: 'generated';
      readonly dataset: DatasetName;
      /** Noise, 0..50 (percent). */
      readonly noise: number;
      /** TF's seed string: the points (and a Reset's weights) are drawn from it. */
      readonly seed: string;
      /** Percentage of points used for training. */
      readonly percTrainData: number;
    }
  | {
      readonly source: 'imported';
      /** The data set the page showed beside them (kept for the link). */
      readonly dataset: DatasetName;
      readonly seed: string;
      readonly percTrainData: number;
      readonly id: string;
      readonly name: string;
      readonly problem: Problem;
      readonly points: readonly Example2D[];
      /** Classes of the points, left out for two (labels -1/+1); 3..6 for labels 0..classes-1. */
      readonly classes?: number;
    };

export interface ModelFile {
  readonly format: typeof MODEL_FORMAT;
  readonly version: typeof MODEL_VERSION;
  /** PRODUCT_VERSION of the playground that wrote it. */
  readonly product: string;
  /** ISO 8601. */
  readonly savedAt: string;
  /** The engine the numbers come from: opened on it, training goes on bit for bit. */
  readonly engine: EngineName;
  readonly network: {
    /** Input features, in TF's order. */
    readonly inputs: readonly FeatureId[];
    /** Neurons per hidden layer. */
    readonly hiddenSizes: readonly number[];
    /** Of every hidden neuron. */
    readonly activation: Activation;
    /**
     * Of the output layer: tanh (TF's two classes) or sigmoid (two classes with
     * cross-entropy) for classification, softmax for 3..6 classes, linear for regression.
     */
    readonly outputActivation: OutputActivation;
    /** Nodes of a softmax output, one per class (3..6); left out (1) for the others, as in every file before several classes. */
    readonly outputSize?: number;
  };
  /**
   * 'squared': E = ½(output − label)², averaged over the points (TF's; tanh and
   * linear outputs). 'cross-entropy': −ln of the probability given to the right
   * class (sigmoid and softmax outputs).
   */
  readonly loss: LossName;
  readonly optimizer: ModelOptimizer;
  /** Settings that decide how training goes on. */
  readonly settings: {
    readonly learningRate: number;
    readonly batchSize: number;
    readonly regularization: Regularization;
    readonly regularizationRate: number;
    /** TF's initZero: a Reset starts from all zeros. */
    readonly initZero: boolean;
  };
  readonly data: ModelData;
  /** Epochs trained so far. */
  readonly epoch: number;
  /**
   * Layer by layer, node by node: the weights into node j of a layer are
   * `weights[offset + j * inputs + i]` for its inputs i (the engines' layout).
   */
  readonly weights: readonly number[];
  /** One per non-input node, layer by layer. */
  readonly biases: readonly number[];
  /** 1 where a link is dead (L1 set it to zero and it is never trained again), one per weight. */
  readonly dead: readonly number[];
  /** The batch in progress: gradients summed over `count` points since the last update. */
  readonly batch: TrainerModel['state']['batch'];
}

/** The file of the trainer's model (`Trainer.model()`). */
export function modelFileFrom(model: TrainerModel, now: Date = new Date()): ModelFile {
  const { config, state } = model;
  const problem = config.imported?.problem ?? problemOf(config.dataset);
  const classes = config.classes ?? 2;
  // The trainer's output for these settings (its shapeOf): linear, tanh or sigmoid, or a softmax of `classes` nodes.
  const output: { outputActivation: OutputActivation; outputSize?: number } =
    problem !== 'classification'
      ? { outputActivation: 'linear' }
      : classes >= 3
        ? { outputActivation: 'softmax', outputSize: classes }
        : { outputActivation: config.loss === 'cross-entropy' ? 'sigmoid' : 'tanh' };
  const data: ModelData = config.imported
    ? {
        source: 'imported',
        dataset: config.dataset,
        seed: config.seed,
        percTrainData: config.percTrainData,
        id: config.imported.id,
        name: config.imported.name,
        problem: config.imported.problem,
        points: config.imported.points.map((p) => ({ x: p.x, y: p.y, label: p.label })),
        ...(config.imported.classes !== undefined && config.imported.classes !== 2 ? { classes: config.imported.classes } : {}),
      }
    : { source: 'generated', dataset: config.dataset, noise: config.noise, seed: config.seed, percTrainData: config.percTrainData };
  return {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    product: PRODUCT_VERSION,
    savedAt: now.toISOString(),
    engine: model.engine,
    network: {
      inputs: [...config.features],
      hiddenSizes: [...config.networkShape],
      activation: config.activation,
      ...output,
    },
    loss: output.outputActivation === 'sigmoid' || output.outputActivation === 'softmax' ? 'cross-entropy' : 'squared',
    optimizer: {
      name: config.optimizer?.optimizer ?? 'sgd',
      ...(config.optimizer
        ? {
            settings: {
              momentum: config.optimizer.momentum,
              beta1: config.optimizer.beta1,
              beta2: config.optimizer.beta2,
              epsilon: config.optimizer.epsilon,
            },
          }
        : {}),
      ...(state.optimizer ? { state: structuredClone(state.optimizer) } : {}),
    },
    settings: {
      learningRate: config.learningRate,
      batchSize: config.batchSize,
      regularization: config.regularization,
      regularizationRate: config.regularizationRate,
      initZero: config.initZero,
    },
    data,
    epoch: state.epoch,
    weights: [...state.weights],
    biases: [...state.biases],
    dead: [...state.dead],
    batch: structuredClone(state.batch),
  };
}

/** What the trainer opens (`Trainer.openModel`) from a model file. */
export function trainerModelOf(file: ModelFile): TrainerModel {
  const { data, network, settings, optimizer } = file;
  const optimizerSettings: OptimizerSettings | undefined =
    optimizer.settings || optimizer.name !== 'sgd' ? { ...DEFAULT_OPTIMIZER, ...optimizer.settings, optimizer: optimizer.name } : undefined;
  const config: RunReplay['config'] = {
    dataset: data.dataset,
    noise: data.source === 'generated' ? data.noise : 0,
    percTrainData: data.percTrainData,
    seed: data.seed,
    features: [...network.inputs],
    networkShape: [...network.hiddenSizes],
    activation: network.activation,
    regularization: settings.regularization,
    regularizationRate: settings.regularizationRate,
    learningRate: settings.learningRate,
    batchSize: settings.batchSize,
    initZero: settings.initZero,
    ...(optimizerSettings ? { optimizer: optimizerSettings } : {}),
    // The output layer says the number of classes and the two-class loss (left out at TF's).
    ...(network.outputActivation === 'softmax' ? { classes: network.outputSize ?? 1 } : {}),
    ...(network.outputActivation === 'sigmoid' ? { loss: 'cross-entropy' as const } : {}),
    ...(data.source === 'imported'
      ? {
          imported: {
            id: data.id,
            name: data.name,
            problem: data.problem,
            points: data.points.map((p) => ({ ...p })),
            ...(data.classes !== undefined ? { classes: data.classes } : {}),
          },
        }
      : {}),
  };
  return {
    config,
    engine: file.engine,
    state: {
      epoch: file.epoch,
      weights: [...file.weights],
      biases: [...file.biases],
      dead: [...file.dead],
      batch: structuredClone(file.batch),
      ...(optimizer.state ? { optimizer: structuredClone(optimizer.state) } : {}),
    },
  };
}

/** The problem a model's points pose. */
export function modelProblem(file: ModelFile): Problem {
  return file.data.source === 'imported' ? file.data.problem : problemOf(file.data.dataset);
}

/** A sign-keeping stand-in for -0 while stringifying (JSON.stringify writes -0 as 0). */
const NEGATIVE_ZERO = '\u0000-0';

/**
 * The file's text: JSON, indented so a student can read it. Every number is
 * written with the digits that read back to the same double, -0 included
 * (the WASM core's L1 step tells -0 from 0): f32 values come back exactly.
 */
export function serializeModel(file: ModelFile): string {
  const text = JSON.stringify(file, (_key, value: unknown) => (Object.is(value, -0) ? NEGATIVE_ZERO : value), 1);
  return `${text.replaceAll(JSON.stringify(NEGATIVE_ZERO), '-0')}\n`;
}

/** "model-xor-epoch-120-2026-12-04.nnmodel.json". */
export function modelFileName(file: ModelFile, date: Date = new Date()): string {
  const name = file.data.source === 'imported' ? file.data.name : file.data.dataset;
  const part = name
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return `model-${part ? `${part}-` : ''}epoch-${file.epoch}-${date.toISOString().slice(0, 10)}${MODEL_FILE_EXTENSION}`;
}

// ---------------------------------------------------------------- schema

const finite = v.pipe(v.number(), v.finite());
const nonNegative = v.pipe(finite, v.minValue(0));
const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const seed = v.pipe(v.string(), v.minLength(1), v.maxLength(200));
const imported = ConfigSchema.entries.imported.wrapped;

const ModelDataSchema = v.variant('source', [
  v.strictObject({
    source: v.literal('generated'),
    dataset: v.picklist(DATASET_NAMES),
    noise: nonNegative,
    seed,
    percTrainData: nonNegative,
  }),
  v.strictObject({
    source: v.literal('imported'),
    dataset: v.picklist(DATASET_NAMES),
    seed,
    percTrainData: nonNegative,
    ...imported.entries,
  }),
]);

/** A decay in [0, 1). */
const decay = v.pipe(finite, v.minValue(0), v.ltValue(1, 'a decay must be less than 1'));

const OptimizerSchema = v.strictObject({
  name: v.picklist(OPTIMIZERS),
  settings: v.optional(
    v.strictObject({
      momentum: decay,
      beta1: decay,
      beta2: decay,
      epsilon: v.pipe(finite, v.gtValue(0, 'epsilon must be greater than 0')),
    }),
  ),
  state: v.optional(OptimizerStateSchema),
});

const Start = ModelStartSchema.entries;

export const ModelFileSchema = v.pipe(
  v.strictObject({
    format: v.literal(MODEL_FORMAT),
    version: v.literal(MODEL_VERSION),
    product: text(40),
    savedAt: v.pipe(v.string(), v.isoTimestamp()),
    engine: v.picklist(ENGINE_NAMES),
    network: v.strictObject({
      inputs: v.pipe(v.array(v.picklist(FEATURE_IDS)), v.minLength(1, 'there must be an input'), v.maxLength(FEATURE_IDS.length)),
      hiddenSizes: v.pipe(v.array(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1024))), v.maxLength(64)),
      activation: v.picklist(ACTIVATIONS),
      outputActivation: v.picklist(OUTPUT_ACTIVATIONS),
      outputSize: v.optional(v.pipe(v.number(), v.integer(), v.minValue(3), v.maxValue(MAX_CLASSES))),
    }),
    loss: v.picklist(LOSS_NAMES),
    optimizer: OptimizerSchema,
    settings: v.strictObject({
      learningRate: nonNegative,
      batchSize: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100_000)),
      regularization: v.picklist(REGULARIZATIONS),
      regularizationRate: nonNegative,
      initZero: v.boolean(),
    }),
    data: ModelDataSchema,
    epoch: Start.epoch,
    weights: Start.weights,
    biases: Start.biases,
    dead: Start.dead,
    batch: Start.batch,
  }),
  v.check((file) => outputFits(file) === '', (issue) => outputFits(issue.input)),
  v.check((file) => sizesFit(file) === '', (issue) => sizesFit(issue.input)),
) satisfies v.GenericSchema<unknown, ModelFile>;

/**
 * '' when the output layer and the loss fit the data, else why not: linear
 * for regression; tanh or sigmoid for two classes; a softmax of one node per
 * class for 3..6 (a multi-class data set, or imported points of that many
 * classes); squared error with tanh and linear, cross-entropy with the others.
 */
function outputFits(file: ModelFile): string {
  const { outputActivation, outputSize } = file.network;
  const { data } = file;
  const problem = data.source === 'imported' ? data.problem : problemOf(data.dataset);
  const classes = problem !== 'classification' ? 0 : data.source === 'imported' ? (data.classes ?? 2) : DATASETS[data.dataset].classes === 'many' ? -1 : 2;
  if (outputActivation === 'softmax' ? outputSize === undefined : outputSize !== undefined) {
    return 'the output size is given for a softmax output (3 to 6 classes) and only for it';
  }
  if (classes === 0 && outputActivation !== 'linear') return 'the output activation must be linear for regression';
  if (classes === 2 && outputActivation !== 'tanh' && outputActivation !== 'sigmoid') {
    return 'the output activation must be tanh or sigmoid for two classes';
  }
  if (classes === -1 && outputActivation !== 'softmax') return `the output activation must be softmax for the data set ${data.dataset}`;
  if (classes >= 3 && (outputActivation !== 'softmax' || outputSize !== classes)) {
    return `the output must be a softmax of ${classes} nodes for points of ${classes} classes`;
  }
  const crossEntropy = outputActivation === 'sigmoid' || outputActivation === 'softmax';
  if (file.loss !== (crossEntropy ? 'cross-entropy' : 'squared')) {
    return `the loss must be ${crossEntropy ? 'cross-entropy' : 'squared'} with a ${outputActivation} output`;
  }
  return '';
}

/** '' when every list has the length the network's shape gives it, else which one does not. */
function sizesFit(file: ModelFile): string {
  const { weightCount, biasCount } = parameterLayout({
    inputSize: file.network.inputs.length,
    hiddenSizes: file.network.hiddenSizes,
    activation: file.network.activation,
    outputActivation: file.network.outputActivation,
    ...(file.network.outputSize !== undefined ? { outputSize: file.network.outputSize } : {}),
  });
  const lists: [string, number, number][] = [
    ['weights', file.weights.length, weightCount],
    ['biases', file.biases.length, biasCount],
    ['dead', file.dead.length, weightCount],
    ['batch.weightGradients', file.batch.weightGradients.length, weightCount],
    ['batch.biasGradients', file.batch.biasGradients.length, biasCount],
  ];
  if (file.batch.lanes) {
    lists.push(['batch.lanes.weights', file.batch.lanes.weights.length, 4 * weightCount]);
    lists.push(['batch.lanes.biases', file.batch.lanes.biases.length, 4 * biasCount]);
  }
  const state = file.optimizer.state;
  if (state) {
    lists.push(['optimizer.state.weightMoment1', state.weightMoment1.length, weightCount]);
    lists.push(['optimizer.state.biasMoment1', state.biasMoment1.length, biasCount]);
    lists.push(['optimizer.state.weightMoment2', state.weightMoment2.length, weightCount]);
    lists.push(['optimizer.state.biasMoment2', state.biasMoment2.length, biasCount]);
  }
  const wrong = lists.find(([, got, want]) => got !== want);
  return wrong ? `${wrong[0]} must have ${wrong[2]} numbers for this network, not ${wrong[1]}` : '';
}

/** Reads a model file's text; never throws. */
export function parseModel(text: string): { ok: true; model: ModelFile } | { ok: false; reason: RejectReason } {
  const read = parseFile(text, {
    format: MODEL_FORMAT,
    noun: 'model',
    maxBytes: MAX_MODEL_BYTES,
    newestVersion: Math.max(...READABLE_VERSIONS),
    schema: ModelFileSchema,
  });
  return read.ok ? { ok: true, model: read.value } : read;
}
