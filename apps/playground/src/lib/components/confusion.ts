/**
 * A confusion matrix as the page shows it: `m[true * k + predicted]` counts
 * (the trainer's Snapshot.trainConfusion / testConfusion) turned into rows of
 * counts with each cell's share of its row (the points of that true class).
 */
export interface ConfusionTable {
  /** False when the matrix is missing or not k x k (the table then shows dashes). */
  readonly ready: boolean;
  /** `counts[true][predicted]`. */
  readonly counts: readonly (readonly number[])[];
  /** `shares[true][predicted]`: the count over its row's sum (0 for an empty row). */
  readonly shares: readonly (readonly number[])[];
  /** Points counted. */
  readonly total: number;
  /** Share of the points on the diagonal (classified right); NaN without points. */
  readonly accuracy: number;
}

export function confusionTable(matrix: ArrayLike<number> | undefined, classes: number): ConfusionTable {
  const k = Math.max(2, classes);
  const ready = matrix !== undefined && matrix.length === k * k;
  const counts = Array.from({ length: k }, (_, r) => Array.from({ length: k }, (_, c) => (ready ? matrix[r * k + c]! : 0)));
  const sums = counts.map((row) => row.reduce((a, b) => a + b, 0));
  const shares = counts.map((row, r) => row.map((n) => (sums[r]! > 0 ? n / sums[r]! : 0)));
  const total = sums.reduce((a, b) => a + b, 0);
  let right = 0;
  for (let c = 0; c < k; c++) right += counts[c]![c]!;
  return { ready, counts, shares, total, accuracy: total > 0 ? right / total : Number.NaN };
}
