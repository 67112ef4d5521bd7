/**
 * The hand-in file: one student's homework table with an exact run behind
 * every row, and their task notes, in one versioned JSON file. `parseHandIn`
 * reads any text a teacher may be given and says precisely why it is refused
 * when it is: empty, cut short, damaged, another program's file, a newer
 * version's, or a wrong value (with its path).
 */
import * as v from 'valibot';
import { DATASET_NAMES, FEATURE_IDS, problemOf, type DatasetName, type FeatureId, type Problem } from '@nn/datasets';
import { ACTIVATIONS, REGULARIZATIONS, type Activation, type Regularization } from '@nn/engine';
import { ENGINE_NAMES, LOSS_NAMES, MAX_CLASSES, type EngineName, type LossName } from '@nn/trainer';
import { parseFile } from './file.js';
import type { RejectReason } from './reasons.js';
import { ExactRunSchema, finalSettings, type ExactRun } from './run.js';

export const HANDIN_FORMAT = 'nn-playground-handin';
/** The version this product writes. */
export const HANDIN_VERSION = 1;
/** Versions this product reads. */
const READABLE_VERSIONS: readonly number[] = [1];

/** What a hand-in file's name ends with (the file is JSON). */
export const HANDIN_FILE_EXTENSION = '.nnhandin.json';

/** The largest hand-in read (a few rows with their runs take well under 1 MB; imported points can add more). */
export const MAX_HANDIN_BYTES = 20 * 1024 * 1024;

export const MAX_NAME_LENGTH = 100;
export const MAX_NUMBER_LENGTH = 40;
export const MAX_ROWS = 40;

export interface Student {
  readonly name: string;
  /** The school's student number, as typed (letters allowed). */
  readonly number: string;
}

/** One row of the homework table, with the settings the lecture's table leaves out, and its exact run. */
export interface HandInRow {
  readonly dataset: DatasetName;
  readonly problem: Problem;
  readonly activation: Activation;
  readonly batchSize: number;
  readonly hiddenLayers: number;
  readonly neurons: readonly number[];
  readonly features: readonly FeatureId[];
  readonly learningRate: number;
  readonly regularization: Regularization;
  readonly regularizationRate: number;
  readonly noise: number;
  readonly percTrainData: number;
  readonly epochs: number;
  readonly trainLoss: number;
  readonly testLoss: number;
  readonly seed: string;
  readonly engine: EngineName;
  /** Classes of a classification run; left out for two (TF's) and in every row made before several classes. */
  readonly classes?: number;
  /** The two-class loss; left out for TF's squared error. */
  readonly loss?: LossName;
  /** Absent only on a row recorded before runs were kept exactly (it cannot be checked). */
  readonly run?: ExactRun;
}

export interface HandIn {
  readonly format: typeof HANDIN_FORMAT;
  readonly version: typeof HANDIN_VERSION;
  /** PRODUCT_VERSION of the playground that wrote it. */
  readonly product: string;
  readonly student: Student;
  /** ISO 8601. */
  readonly submittedAt: string;
  readonly rows: readonly HandInRow[];
  /** The task notes: "<lesson id>.<task number>" → text. */
  readonly notes: Readonly<Record<string, string>>;
}

/**
 * The homework row a run makes: its settings at the end of the run (after
 * live changes), its epoch and final losses. Imported points count as their
 * own problem, under the data set the link names.
 */
export function handInRowOf(run: ExactRun): HandInRow {
  const settings = finalSettings(run.run);
  return {
    dataset: settings.dataset,
    problem: settings.imported?.problem ?? problemOf(settings.dataset),
    activation: settings.activation,
    batchSize: settings.batchSize,
    hiddenLayers: settings.networkShape.length,
    neurons: [...settings.networkShape],
    features: [...settings.features],
    learningRate: settings.learningRate,
    regularization: settings.regularization,
    regularizationRate: settings.regularizationRate,
    noise: settings.noise,
    percTrainData: settings.percTrainData,
    epochs: run.run.epochs,
    trainLoss: run.final.trainLoss ?? Number.NaN,
    testLoss: run.final.testLoss ?? Number.NaN,
    seed: settings.seed,
    engine: run.final.engine,
    ...(settings.classes !== undefined && settings.classes !== 2 ? { classes: settings.classes } : {}),
    ...(settings.loss !== undefined && settings.loss !== 'squared' ? { loss: settings.loss } : {}),
    run,
  };
}

const finite = v.pipe(v.number(), v.finite());
const nonNegative = v.pipe(finite, v.minValue(0));
const count = v.pipe(v.number(), v.integer(), v.minValue(0));

const HandInRowSchema = v.pipe(
  v.strictObject({
    dataset: v.picklist(DATASET_NAMES),
    problem: v.picklist(['classification', 'regression']),
    activation: v.picklist(ACTIVATIONS),
    batchSize: v.pipe(count, v.minValue(1)),
    hiddenLayers: count,
    neurons: v.pipe(v.array(v.pipe(count, v.minValue(1))), v.maxLength(64)),
    features: v.pipe(v.array(v.picklist(FEATURE_IDS)), v.maxLength(FEATURE_IDS.length)),
    learningRate: nonNegative,
    regularization: v.picklist(REGULARIZATIONS),
    regularizationRate: nonNegative,
    noise: nonNegative,
    percTrainData: nonNegative,
    epochs: count,
    trainLoss: nonNegative,
    testLoss: nonNegative,
    seed: v.pipe(v.string(), v.maxLength(200)),
    engine: v.picklist(ENGINE_NAMES),
    classes: v.optional(v.pipe(v.number(), v.integer(), v.minValue(2), v.maxValue(MAX_CLASSES))),
    loss: v.optional(v.picklist(LOSS_NAMES)),
    run: v.optional(ExactRunSchema),
  }),
  v.check((row) => row.hiddenLayers === row.neurons.length, 'hiddenLayers must equal the number of entries in neurons'),
);

const NoteKey = v.pipe(v.string(), v.regex(/^[A-Za-z][A-Za-z0-9]*\.[1-9][0-9]?$/, 'a note key is "<lesson>.<task>"'));

export const HandInSchema = v.strictObject({
  format: v.literal(HANDIN_FORMAT),
  version: v.literal(HANDIN_VERSION),
  product: v.pipe(v.string(), v.maxLength(40)),
  student: v.strictObject({
    name: v.pipe(v.string(), v.trim(), v.minLength(1, 'the name is empty'), v.maxLength(MAX_NAME_LENGTH)),
    number: v.pipe(v.string(), v.trim(), v.minLength(1, 'the student number is empty'), v.maxLength(MAX_NUMBER_LENGTH)),
  }),
  submittedAt: v.pipe(v.string(), v.isoTimestamp()),
  rows: v.pipe(v.array(HandInRowSchema), v.minLength(1, 'there are no rows'), v.maxLength(MAX_ROWS)),
  notes: v.record(NoteKey, v.pipe(v.string(), v.maxLength(4000))),
}) satisfies v.GenericSchema<unknown, HandIn>;

/** The file's text: JSON, indented so a teacher can read it too. */
export function serializeHandIn(handIn: HandIn): string {
  return `${JSON.stringify(handIn, null, 1)}\n`;
}

/** A file name that says whose it is and when: "handin-20231234-Kim-Minji-2026-12-04.nnhandin.json". */
export function handInFileName(student: Student, date: Date = new Date()): string {
  const part = (s: string) =>
    s
      .normalize('NFC')
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40);
  const day = date.toISOString().slice(0, 10);
  const name = [part(student.number), part(student.name)].filter(Boolean).join('-');
  return `handin-${name ? `${name}-` : ''}${day}${HANDIN_FILE_EXTENSION}`;
}


/** Reads a hand-in file's text; never throws. */
export function parseHandIn(text: string): { ok: true; handIn: HandIn } | { ok: false; reason: RejectReason } {
  const read = parseFile(text, {
    format: HANDIN_FORMAT,
    noun: 'hand-in',
    maxBytes: MAX_HANDIN_BYTES,
    newestVersion: Math.max(...READABLE_VERSIONS),
    schema: HandInSchema,
  });
  return read.ok ? { ok: true, handIn: read.value } : read;
}
