/**
 * One run kept exactly (`ExactRun`): the trainer's journal of it (where its
 * weights were drawn, everything done along the way, the losses at
 * checkpoint epochs, the final numbers), the link that shows its settings,
 * and the product version that made it. Its schema reads one back from JSON
 * without trusting anything in it.
 */
import * as v from 'valibot';
import { DATASET_NAMES, FEATURE_IDS } from '@nn/datasets';
import { ACTIVATIONS, OPTIMIZERS, REGULARIZATIONS } from '@nn/engine';
import { ENGINE_NAMES, LOSS_NAMES, MAX_CLASSES, type Checkpoint, type RunJournal, type RunReplay } from '@nn/trainer';
import { PRODUCT_VERSION } from './version.js';

export const RUN_FORMAT = 'nn-playground-run';
export const RUN_VERSION = 1;

/** A recorded run that trains again bit for bit (same engine, same product version). */
export interface ExactRun {
  readonly format: typeof RUN_FORMAT;
  readonly version: typeof RUN_VERSION;
  /** PRODUCT_VERSION of the app that recorded it. */
  readonly product: string;
  /** ISO 8601. */
  readonly recordedAt: string;
  /** The playground's URL hash when it was recorded (its settings; no '#'). */
  readonly hash: string;
  readonly run: RunReplay;
  readonly checkpoints: readonly Checkpoint[];
  readonly final: {
    /** The engine the network was on at the end. */
    readonly engine: RunJournal['engine'];
    /** null where the loss was not a finite number (a diverged run). */
    readonly trainLoss: number | null;
    readonly testLoss: number | null;
    /** Engine layout; null where a number was not finite (a diverged run). */
    readonly weights: readonly (number | null)[];
    readonly biases: readonly (number | null)[];
    readonly diverged: boolean;
  };
}

/** A number as JSON can hold it: null when not finite. */
function kept(loss: number): number | null {
  return Number.isFinite(loss) ? loss : null;
}

/** The record of the trainer's current run (`journal()`), shown by `hash`. */
export function exactRunFrom(journal: RunJournal, hash: string, now: Date = new Date()): ExactRun {
  return {
    format: RUN_FORMAT,
    version: RUN_VERSION,
    product: PRODUCT_VERSION,
    recordedAt: now.toISOString(),
    hash: hash.startsWith('#') ? hash.slice(1) : hash,
    run: journal.run,
    checkpoints: journal.checkpoints,
    final: {
      engine: journal.engine,
      trainLoss: kept(journal.trainLoss),
      testLoss: kept(journal.testLoss),
      weights: journal.weights.map(kept),
      biases: journal.biases.map(kept),
      diverged: journal.diverged,
    },
  };
}

/** The settings in force at the end of a run: its start, with every live change applied, on the last seed. */
export function finalSettings(run: RunReplay): RunReplay['config'] {
  let config = run.config;
  for (const event of run.events) {
    if (event.kind === 'live') config = { ...config, ...event.settings };
    else if (event.kind === 'regenerate') config = { ...config, seed: event.seed };
  }
  return config;
}

// ---------------------------------------------------------------- schema

const finite = v.pipe(v.number(), v.finite());
const whole = (max: number) => v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(max));
const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const loss = v.nullable(finite);

/** Most points an imported data set in a record may have (the trainer's own limit is checked on replay). */
const MAX_POINTS = 100_000;
/** Most parameters a record may carry (far above the largest network). */
const MAX_PARAMETERS = 100_000;

const EngineSchema = v.picklist(ENGINE_NAMES);

/** Classes of a classification problem, 2..MAX_CLASSES. */
const classCount = v.pipe(v.number(), v.integer(), v.minValue(2), v.maxValue(MAX_CLASSES));

/** The optimizer and its settings; left out = TF's SGD (every record made before optimizers). */
const OptimizerSchema = v.optional(
  v.strictObject({
    optimizer: v.picklist(OPTIMIZERS),
    momentum: finite,
    beta1: finite,
    beta2: finite,
    epsilon: finite,
  }),
);

export const ConfigSchema = v.strictObject({
  dataset: v.picklist(DATASET_NAMES),
  noise: finite,
  percTrainData: finite,
  seed: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  features: v.pipe(v.array(v.picklist(FEATURE_IDS)), v.maxLength(FEATURE_IDS.length)),
  networkShape: v.pipe(v.array(whole(1024)), v.maxLength(64)),
  activation: v.picklist(ACTIVATIONS),
  regularization: v.picklist(REGULARIZATIONS),
  regularizationRate: finite,
  learningRate: finite,
  batchSize: whole(100_000),
  initZero: v.boolean(),
  optimizer: OptimizerSchema,
  /** Left out = 2 (TF's two classes; every record made before several classes). */
  classes: v.optional(classCount),
  /** Left out = 'squared' (TF's). */
  loss: v.optional(v.picklist(LOSS_NAMES)),
  imported: v.optional(
    v.strictObject({
      id: text(500),
      name: text(500),
      problem: v.picklist(['classification', 'regression']),
      points: v.pipe(v.array(v.strictObject({ x: finite, y: finite, label: finite })), v.maxLength(MAX_POINTS)),
      /** Left out = 2 (labels -1/+1). */
      classes: v.optional(classCount),
    }),
  ),
});

const epoch = whole(2 ** 31 - 1);

const EventSchema = v.variant('kind', [
  v.strictObject({
    epoch,
    kind: v.literal('live'),
    settings: v.strictObject({
      learningRate: finite,
      batchSize: whole(100_000),
      regularization: v.picklist(REGULARIZATIONS),
      regularizationRate: finite,
      optimizer: OptimizerSchema,
    }),
  }),
  v.strictObject({ epoch, kind: v.literal('regenerate'), seed: v.pipe(v.string(), v.minLength(1), v.maxLength(200)) }),
  v.strictObject({ epoch, kind: v.picklist(['weight', 'bias']), index: whole(MAX_PARAMETERS), value: finite }),
  v.strictObject({ epoch, kind: v.literal('engine'), engine: EngineSchema }),
]);

const numbers = v.pipe(v.array(finite), v.maxLength(MAX_PARAMETERS));

const nonNegativeNumbers = v.pipe(v.array(v.pipe(finite, v.minValue(0))), v.maxLength(MAX_PARAMETERS));

/** An optimizer's state (moments in the weights' and biases' layouts, steps taken). */
export const OptimizerStateSchema = v.strictObject({
  optimizer: v.picklist(OPTIMIZERS),
  steps: whole(Number.MAX_SAFE_INTEGER),
  weightMoment1: numbers,
  biasMoment1: numbers,
  weightMoment2: nonNegativeNumbers,
  biasMoment2: nonNegativeNumbers,
});

/** A network's whole state at an epoch (a run that starts from a saved model). */
export const ModelStartSchema = v.strictObject({
  epoch,
  weights: numbers,
  biases: numbers,
  dead: v.pipe(v.array(v.picklist([0, 1])), v.maxLength(MAX_PARAMETERS)),
  batch: v.strictObject({
    weightGradients: numbers,
    biasGradients: numbers,
    count: whole(100_000),
    lanes: v.optional(
      v.strictObject({
        weights: v.pipe(v.array(finite), v.maxLength(4 * MAX_PARAMETERS)),
        biases: v.pipe(v.array(finite), v.maxLength(4 * MAX_PARAMETERS)),
      }),
    ),
  }),
  /** Left out for SGD's (no state), and in every record made before optimizers. */
  optimizer: v.optional(OptimizerStateSchema),
});

export const RunReplaySchema = v.pipe(
  v.strictObject({
    config: ConfigSchema,
    engine: EngineSchema,
    draws: whole(10_000_000),
    resets: whole(10_000_000),
    events: v.pipe(v.array(EventSchema), v.maxLength(100_000)),
    epochs: epoch,
    start: v.optional(ModelStartSchema),
  }),
  v.check(
    (run) => run.events.every((event, i) => event.epoch <= run.epochs && (i === 0 || run.events[i - 1]!.epoch <= event.epoch)),
    'events must be in epoch order, none after the run’s last epoch',
  ),
);

const CheckpointSchema = v.strictObject({ epoch: v.pipe(epoch, v.minValue(1)), trainLoss: loss, testLoss: loss });

export const ExactRunSchema = v.strictObject({
  format: v.literal(RUN_FORMAT),
  version: v.literal(RUN_VERSION),
  product: text(40),
  recordedAt: v.pipe(v.string(), v.isoTimestamp()),
  hash: text(200_000),
  run: RunReplaySchema,
  checkpoints: v.pipe(v.array(CheckpointSchema), v.maxLength(64)),
  final: v.strictObject({
    engine: EngineSchema,
    trainLoss: loss,
    testLoss: loss,
    weights: v.pipe(v.array(loss), v.maxLength(MAX_PARAMETERS)),
    biases: v.pipe(v.array(loss), v.maxLength(MAX_PARAMETERS)),
    diverged: v.boolean(),
  }),
}) satisfies v.GenericSchema<unknown, ExactRun>;

/** The first problem valibot found, as a path and a sentence. */
export function firstIssue(issues: readonly v.BaseIssue<unknown>[]): { path: string; issue: string } {
  const first = issues[0];
  if (!first) return { path: '', issue: 'unknown problem' };
  return { path: v.getDotPath(first) ?? '', issue: first.message };
}
