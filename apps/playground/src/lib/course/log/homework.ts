/**
 * The lecture's homework, read from the log: its conditions (70 % training
 * data, noise 20, both losses below 0.1), which records count, and the best
 * recorded run per data set.
 */
import type { DatasetName } from '@nn/datasets';
import type { RunRecord } from './records.js';

/** The homework's conditions (lecture: ratio 70 %, noise 20 %, training and test loss < 0.1). */
export const HOMEWORK = { percTrainData: 70, noise: 20, target: 0.1 } as const;

/** The homework table's data sets, in the lecture's order. */
export const HOMEWORK_DATASETS = ['gauss', 'xor', 'circle', 'spiral'] as const satisfies readonly DatasetName[];
export type HomeworkDataset = (typeof HOMEWORK_DATASETS)[number];

export function isHomeworkDataset(name: DatasetName): name is HomeworkDataset {
  return (HOMEWORK_DATASETS as readonly string[]).includes(name);
}

/** Whether a record was made under the homework's conditions (on `dataset`, if given). */
export function qualifies(record: RunRecord, dataset?: HomeworkDataset): boolean {
  return (
    record.problem === 'classification' &&
    isHomeworkDataset(record.dataset) &&
    (dataset === undefined || record.dataset === dataset) &&
    record.percTrainData === HOMEWORK.percTrainData &&
    record.noise === HOMEWORK.noise
  );
}

/** The homework measure: both losses must be below the target, so the larger one counts. */
export function worstLoss(record: Pick<RunRecord, 'trainLoss' | 'testLoss'>): number {
  return Math.max(record.trainLoss, record.testLoss);
}

export function meetsTarget(record: Pick<RunRecord, 'trainLoss' | 'testLoss'>): boolean {
  return record.trainLoss < HOMEWORK.target && record.testLoss < HOMEWORK.target;
}

export interface HomeworkRow {
  readonly dataset: HomeworkDataset;
  /** The qualifying record with the lowest max(train, test) loss (the earliest on a tie); undefined if none. */
  readonly best: RunRecord | undefined;
  /** How many qualifying records this data set has. */
  readonly attempts: number;
  /** Both losses of `best` below the target; undefined without a record. */
  readonly meets: boolean | undefined;
}

/** One row per homework data set (lecture order), from the records that meet the conditions. */
export function homeworkRows(records: readonly RunRecord[]): HomeworkRow[] {
  return HOMEWORK_DATASETS.map((dataset) => {
    let best: RunRecord | undefined;
    let attempts = 0;
    for (const record of records) {
      if (!qualifies(record, dataset)) continue;
      attempts++;
      if (!best || worstLoss(record) < worstLoss(best)) best = record;
    }
    return { dataset, best, attempts, meets: best ? meetsTarget(best) : undefined };
  });
}

/** The lecture's example row, as printed (for showing, not exporting). */
export const HOMEWORK_EXAMPLE = {
  activation: 'ReLU',
  batchSize: 30,
  hiddenLayers: 2,
  neurons: '6, 2',
  epochs: 156,
  trainLoss: '0.05',
  testLoss: '0.09',
} as const;
