/**
 * How the page draws a classifier's output: which colour scale the output
 * map takes, how many maps it reads, and the classes' names. Shared by the
 * output panel, the compare view and the confusion matrices.
 */
import type { MapScale } from '@nn/ui';
import type { LossName } from '@nn/trainer';
import { t } from '../i18n/index.svelte.js';

/**
 * The output map's scale for a snapshot's `classes` (0 regression, 2 two
 * classes, 3..6 softmax) and the two-class loss: the winning class of k maps
 * for softmax, the sigmoid's p for cross-entropy, else TF's signed scale.
 */
export function outputScaleOf(classes: number, loss: LossName | undefined): MapScale {
  if (classes >= 3) return { kind: 'classes', classes };
  if (classes === 2 && loss === 'cross-entropy') return { kind: 'probability' };
  return { kind: 'signed' };
}

/** Output nodes of a network for a snapshot's `classes`: k for softmax, else 1. */
export function outputNodesOf(classes: number): number {
  return classes >= 3 ? classes : 1;
}

/** The name of class `c` (0-based): "Class 1".. for three or more classes, "Orange (−1)" / "Blue (+1)" for two. */
export function className(c: number, classes: number): string {
  if (classes >= 3) return t('output:classes.name', { n: c + 1 });
  return c === 0 ? t('output:classes.negative') : t('output:classes.positive');
}

/** The names of every class, in class order. */
export function classNames(classes: number): string[] {
  return Array.from({ length: Math.max(2, classes) }, (_, c) => className(c, classes));
}
