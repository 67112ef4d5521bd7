/**
 * The settings of a hand-in row that the class table's columns leave out
 * and its exact run records: the optimizer (TF's SGD when the run names none,
 * and for a row without a run), and the classes and loss when the run has
 * them (left out = TF's two classes with squared error, not shown).
 */
import { finalSettings, type HandInRow } from '@nn/records';
import type { Optimizer } from '@nn/engine';

export interface RowSettings {
  readonly optimizer: Optimizer;
  /** 3..6 for a softmax output; undefined for TF's two classes (or a record from before classes). */
  readonly classes?: number;
  /** 'cross-entropy' for two classes on a sigmoid; undefined for TF's squared error. */
  readonly loss?: string;
}

/** The run's config as far as these settings go; `classes` and `loss` are optional so records from before them read. */
interface ClassSettings {
  readonly classes?: number;
  readonly loss?: string;
}

export function rowSettingsOf(row: HandInRow): RowSettings {
  if (!row.run) return { optimizer: 'sgd' };
  const settings = finalSettings(row.run.run);
  const { classes, loss } = settings as typeof settings & ClassSettings;
  return {
    optimizer: settings.optimizer?.optimizer ?? 'sgd',
    ...(classes !== undefined && classes !== 2 ? { classes } : {}),
    ...(loss !== undefined && loss !== 'squared' ? { loss } : {}),
  };
}
