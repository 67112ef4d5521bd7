/**
 * The settings of a hand-in row that the hand-in tables' columns (the
 * playground's and the classroom app's) leave out and its exact run records:
 * the optimizer (TF's SGD when the run names none, and for a row without a
 * run), and the classes and loss when the run has them (left out = TF's two
 * classes with squared error, not shown).
 */
import type { LossName } from '@nn/trainer';
import type { Optimizer } from '@nn/engine';
import type { HandInRow } from './handin.js';
import { finalSettings } from './run.js';

export interface RowSettings {
  readonly optimizer: Optimizer;
  /** 3..6 for a softmax output; undefined for TF's two classes (or a record from before classes). */
  readonly classes?: number;
  /** 'cross-entropy' for two classes on a sigmoid; undefined for TF's squared error. */
  readonly loss?: LossName;
}

export function rowSettingsOf(row: HandInRow): RowSettings {
  if (!row.run) return { optimizer: 'sgd' };
  const { optimizer, classes, loss } = finalSettings(row.run.run);
  return {
    optimizer: optimizer?.optimizer ?? 'sgd',
    ...(classes !== undefined && classes !== 2 ? { classes } : {}),
    ...(loss !== undefined && loss !== 'squared' ? { loss } : {}),
  };
}
