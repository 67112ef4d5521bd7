/**
 * The lecture's homework, read from the log: its conditions (70 % training
 * data, noise 20, both losses below 0.1), which records count, and the best
 * recorded run per data set. The rules themselves live in @nn/records (the
 * classroom app checks hand-ins by them); they are re-exported here so the
 * playground reads them from the log as before.
 */
import { HOMEWORK_DATASETS, meetsTarget, qualifies, worstLoss, type HomeworkDataset } from '@nn/records';
import type { RunRecord } from './records.js';

export {
  HOMEWORK,
  HOMEWORK_DATASETS,
  isHomeworkDataset,
  meetsTarget,
  qualifies,
  worstLoss,
  type HomeworkDataset,
  type HomeworkSettings,
} from '@nn/records';

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
