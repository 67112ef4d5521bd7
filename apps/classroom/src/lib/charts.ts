/**
 * The pictures' data: rows trained again here (verified or not matching;
 * never a file's claims), grouped by data set, with the scales they are
 * drawn on. Pure, so the tests check what each picture holds.
 */
import { HOMEWORK, HOMEWORK_DATASETS } from '@nn/records';
import type { DatasetName } from '@nn/datasets';
import { nodesOf, type ClassRow } from './class.js';

export interface Point {
  readonly id: number;
  readonly dataset: DatasetName;
  readonly testLoss: number;
  readonly nodes: number;
  readonly below: boolean;
}

/** One point per row trained again whose test loss is a number. */
export function replayedPoints(rows: readonly ClassRow[]): Point[] {
  const points: Point[] = [];
  for (const row of rows) {
    if (!row.replayed || !row.row || (row.status !== 'verified' && row.status !== 'mismatch')) continue;
    const testLoss = row.replayed.testLoss;
    if (!Number.isFinite(testLoss)) continue;
    points.push({
      id: row.id,
      dataset: row.row.dataset,
      testLoss,
      nodes: nodesOf(row.row),
      below: testLoss < HOMEWORK.target,
    });
  }
  return points;
}

/** The data sets to draw, homework ones first in the lecture's order, then any other that has points. */
export function datasetsOf(points: readonly Point[]): DatasetName[] {
  const present = new Set(points.map((p) => p.dataset));
  const others = [...present].filter((d) => !(HOMEWORK_DATASETS as readonly string[]).includes(d)).sort();
  return [...HOMEWORK_DATASETS.filter((d) => present.has(d)), ...others];
}

/** The log scale's decades: from 10^-min to 10^max, wide enough for every loss (at least 0.001 .. 1). */
export function logDomain(values: readonly number[]): [number, number] {
  let low = -3;
  let high = 0;
  for (const v of values) {
    if (!(v > 0)) continue;
    low = Math.min(low, Math.floor(Math.log10(v)));
    high = Math.max(high, Math.ceil(Math.log10(v)));
  }
  return [Math.max(low, -8), Math.min(high, 4)];
}

/** Position of `value` on a log scale over decades [low, high] mapped to [from, to]; zero and below sit at `from`. */
export function logPosition(value: number, [low, high]: [number, number], from: number, to: number): number {
  const v = value > 0 ? Math.log10(value) : low;
  const f = Math.min(1, Math.max(0, (v - low) / (high - low)));
  return from + f * (to - from);
}

/** The median of values (undefined for none). */
export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** A small deterministic spread (-1..1) so equal values do not hide each other. */
export function jitter(id: number): number {
  return (((id * 2654435761) >>> 0) % 1000) / 500 - 1;
}
