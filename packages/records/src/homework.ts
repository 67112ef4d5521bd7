/**
 * The lecture's homework: its conditions (70 % training data, noise 20, both
 * losses below 0.1) and the data sets of its table, for the playground that
 * fills the table and the classroom app that checks it.
 */
import type { DatasetName, Problem } from '@nn/datasets';

/** The homework's conditions (lecture: ratio 70 %, noise 20 %, training and test loss < 0.1). */
export const HOMEWORK = { percTrainData: 70, noise: 20, target: 0.1 } as const;

/** The homework table's data sets, in the lecture's order. */
export const HOMEWORK_DATASETS = ['gauss', 'xor', 'circle', 'spiral'] as const satisfies readonly DatasetName[];
export type HomeworkDataset = (typeof HOMEWORK_DATASETS)[number];

export function isHomeworkDataset(name: DatasetName): name is HomeworkDataset {
  return (HOMEWORK_DATASETS as readonly string[]).includes(name);
}

/** What decides whether a run was made under the homework's conditions. */
export interface HomeworkSettings {
  readonly problem: Problem;
  readonly dataset: DatasetName;
  readonly percTrainData: number;
  readonly noise: number;
  /**
   * The two-class loss (left out = TF's squared error). The homework's 0.1 is a
   * squared error: a cross-entropy loss is another measure and does not count.
   */
  readonly loss?: string | undefined;
  /** The run, when recorded: a run on the user's own (drawn or imported) points is not on the homework's data. */
  readonly run?: { readonly run: { readonly config: { readonly imported?: unknown; readonly loss?: string | undefined } } } | undefined;
}

/** Whether a run was made under the homework's conditions (on `dataset`, if given). */
export function qualifies(settings: HomeworkSettings, dataset?: HomeworkDataset): boolean {
  return (
    settings.problem === 'classification' &&
    isHomeworkDataset(settings.dataset) &&
    (dataset === undefined || settings.dataset === dataset) &&
    settings.percTrainData === HOMEWORK.percTrainData &&
    settings.noise === HOMEWORK.noise &&
    settings.run?.run.config.imported === undefined &&
    (settings.loss ?? 'squared') === 'squared' &&
    (settings.run?.run.config.loss ?? 'squared') === 'squared'
  );
}

/** The homework measure: both losses must be below the target, so the larger one counts. */
export function worstLoss(losses: { readonly trainLoss: number; readonly testLoss: number }): number {
  return Math.max(losses.trainLoss, losses.testLoss);
}

export function meetsTarget(losses: { readonly trainLoss: number; readonly testLoss: number }): boolean {
  return losses.trainLoss < HOMEWORK.target && losses.testLoss < HOMEWORK.target;
}
