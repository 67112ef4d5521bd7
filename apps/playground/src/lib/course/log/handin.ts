/**
 * The hand-in file, as the playground makes and shows it: the homework
 * table's rows (the best qualifying record per data set, as the table shows
 * them) with all their settings and exact runs, the student, the date and
 * the observations, in @nn/records' format (which the classroom app checks).
 */
import { FEATURE_IDS } from '@nn/datasets';
import { PRODUCT_VERSION, type HandIn, type HandInRow } from '@nn/records';
import { defaultState, parseHash, serializeHash, type HashNotice, type PlaygroundState } from '../../state/hash.js';
import { homeworkRows, type HomeworkDataset } from './homework.js';
import type { RunRecord } from './records.js';
import type { Notes } from './schema.js';
import { missingStudentFields, trimStudent, type Student } from './student.js';

/** A record as a row of the hand-in file. */
export function handInRowFrom(record: RunRecord): HandInRow {
  return {
    dataset: record.dataset,
    problem: record.problem,
    activation: record.activation,
    batchSize: record.batchSize,
    hiddenLayers: record.hiddenLayers,
    neurons: [...record.neurons],
    features: [...record.features],
    learningRate: record.learningRate,
    regularization: record.regularization,
    regularizationRate: record.regularizationRate,
    noise: record.noise,
    percTrainData: record.percTrainData,
    epochs: record.epochs,
    trainLoss: record.trainLoss,
    testLoss: record.testLoss,
    seed: record.seed,
    engine: record.engine,
    ...(record.run ? { run: record.run } : {}),
  };
}

/** Why no hand-in file can be made now. */
export type HandInProblem = 'name' | 'number' | 'both' | 'rows';

export type BuiltHandIn =
  | {
      readonly ok: true;
      readonly handIn: HandIn;
      /** Data sets whose row was recorded before exact runs (settings and seed only: not checkable). */
      readonly settingsOnly: readonly HomeworkDataset[];
    }
  | { readonly ok: false; readonly problem: HandInProblem };

/**
 * The hand-in of a log: one row per homework data set that has a qualifying
 * record (the table's best, in the lecture's order), the student (trimmed),
 * the date and every observation. Refused without a name or a number, or
 * without any row.
 */
export function buildHandIn(records: readonly RunRecord[], notes: Notes, student: Student, now: Date = new Date()): BuiltHandIn {
  const missing = missingStudentFields(student);
  if (missing.length === 2) return { ok: false, problem: 'both' };
  if (missing.length === 1) return { ok: false, problem: missing[0]! };
  const best = homeworkRows(records).flatMap((row) => (row.best ? [{ dataset: row.dataset, record: row.best }] : []));
  if (best.length === 0) return { ok: false, problem: 'rows' };
  const handIn: HandIn = {
    format: 'nn-playground-handin',
    version: 1,
    product: PRODUCT_VERSION,
    student: trimStudent(student),
    submittedAt: now.toISOString(),
    rows: best.map(({ record }) => handInRowFrom(record)),
    notes: { ...notes },
  };
  return { ok: true, handIn, settingsOnly: best.filter(({ record }) => !record.run).map(({ dataset }) => dataset) };
}

/**
 * The playground settings of a hand-in row: its run's link when it has one
 * (every setting, as recorded), else the row's own settings on the
 * playground's defaults (what an old row can give: settings and seed).
 */
export function rowExercise(row: HandInRow): { state: PlaygroundState; notices: HashNotice[] } {
  if (row.run) {
    const { state, notices } = parseHash(row.run.hash, () => row.seed);
    return { state, notices };
  }
  const base = defaultState(row.seed);
  const features = Object.fromEntries(FEATURE_IDS.map((id) => [id, row.features.includes(id)]));
  const state: PlaygroundState = {
    ...base,
    ...features,
    problem: row.problem,
    ...(row.problem === 'regression'
      ? { regDataset: row.dataset as PlaygroundState['regDataset'] }
      : { dataset: row.dataset as PlaygroundState['dataset'] }),
    activation: row.activation,
    batchSize: row.batchSize,
    networkShape: [...row.neurons],
    learningRate: row.learningRate,
    regularization: row.regularization,
    regularizationRate: row.regularizationRate,
    noise: row.noise,
    percTrainData: row.percTrainData,
    engine: row.engine,
  };
  // Through the link's reader, so a value out of range is caught as in a link.
  const { state: checked, notices } = parseHash(serializeHash(state), () => row.seed);
  return { state: checked, notices };
}
