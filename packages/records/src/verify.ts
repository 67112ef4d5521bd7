/**
 * Checking a claim by training it again. A replay is compared with what the
 * record claims, checkpoint by checkpoint in epoch order and then the final
 * numbers, and the first difference is where the replay departs. Equality is
 * exact: same engine, same version, same bits.
 */
import type { ReplayResult, RunReplay } from '@nn/trainer';
import type { HandInRow } from './handin.js';
import { reject, type RejectReason } from './reasons.js';
import { finalSettings, type ExactRun } from './run.js';
import { PRODUCT_VERSION } from './version.js';

/** Where a replay first differs from its claim. */
export interface Departure {
  /** The checkpoint epoch, or the run's last epoch for its final numbers and the table's. */
  readonly epoch: number;
  readonly what: 'trainLoss' | 'testLoss' | 'epochs' | 'diverged' | 'weights' | 'biases' | 'setting';
  /** For 'weights' and 'biases', the first index that differs; for 'setting', its name. */
  readonly at?: number | string;
  readonly claimed: number | string | boolean | null;
  readonly replayed: number | string | boolean | null;
}

export type Verdict =
  | { readonly status: 'verified'; readonly result: ReplayResult }
  | { readonly status: 'mismatch'; readonly departure: Departure; readonly result: ReplayResult }
  | { readonly status: 'rejected'; readonly reason: RejectReason };

/** A number as the record keeps it (null when not finite). */
function kept(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

function firstDifference(claimed: readonly (number | null)[], replayed: readonly number[]): number {
  const n = Math.max(claimed.length, replayed.length);
  for (let i = 0; i < n; i++) {
    if (i >= claimed.length || i >= replayed.length || claimed[i] !== kept(replayed[i]!)) return i;
  }
  return -1;
}

/** The first place where `result` differs from what `claim` says, or undefined when it is the same run. */
export function departureOf(claim: ExactRun, result: ReplayResult): Departure | undefined {
  const replayed = new Map(result.checkpoints.map((c) => [c.epoch, c]));
  for (const c of claim.checkpoints) {
    const r = replayed.get(c.epoch);
    if (!r) return { epoch: c.epoch, what: 'epochs', claimed: c.epoch, replayed: result.run.epochs };
    if (c.trainLoss !== r.trainLoss) return { epoch: c.epoch, what: 'trainLoss', claimed: c.trainLoss, replayed: r.trainLoss };
    if (c.testLoss !== r.testLoss) return { epoch: c.epoch, what: 'testLoss', claimed: c.testLoss, replayed: r.testLoss };
  }
  const claimedEpochs = new Set(claim.checkpoints.map((c) => c.epoch));
  const missing = result.checkpoints.find((c) => !claimedEpochs.has(c.epoch));
  if (missing) return { epoch: missing.epoch, what: 'trainLoss', claimed: null, replayed: missing.trainLoss };
  const end = claim.run.epochs;
  const { final } = claim;
  if (result.run.epochs !== end) return { epoch: end, what: 'epochs', claimed: end, replayed: result.run.epochs };
  if (final.diverged !== result.diverged) return { epoch: end, what: 'diverged', claimed: final.diverged, replayed: result.diverged };
  if (final.trainLoss !== kept(result.trainLoss)) return { epoch: end, what: 'trainLoss', claimed: final.trainLoss, replayed: kept(result.trainLoss) };
  if (final.testLoss !== kept(result.testLoss)) return { epoch: end, what: 'testLoss', claimed: final.testLoss, replayed: kept(result.testLoss) };
  if (final.engine !== result.engine) return { epoch: end, what: 'setting', at: 'engine', claimed: final.engine, replayed: result.engine };
  const w = firstDifference(final.weights, result.weights);
  if (w >= 0) return { epoch: end, what: 'weights', at: w, claimed: final.weights[w] ?? null, replayed: result.weights[w] ?? null };
  const b = firstDifference(final.biases, result.biases);
  if (b >= 0) return { epoch: end, what: 'biases', at: b, claimed: final.biases[b] ?? null, replayed: result.biases[b] ?? null };
  return undefined;
}

/** The verdict on a replay of `claim`. */
export function compareReplay(claim: ExactRun, result: ReplayResult): Verdict {
  const departure = departureOf(claim, result);
  return departure ? { status: 'mismatch', departure, result } : { status: 'verified', result };
}

/**
 * Where a homework row's own numbers and settings disagree with its run's
 * replay (the table is never trusted on its own: a row must be its run).
 */
function rowDeparture(row: HandInRow, result: ReplayResult): Departure | undefined {
  const end = result.run.epochs;
  const settings = finalSettings(result.run);
  const claims: [string, number | string, number | string][] = [
    ['dataset', row.dataset, settings.dataset],
    ['activation', row.activation, settings.activation],
    ['batchSize', row.batchSize, settings.batchSize],
    ['neurons', row.neurons.join(','), settings.networkShape.join(',')],
    ['features', row.features.join(','), settings.features.join(',')],
    ['learningRate', row.learningRate, settings.learningRate],
    ['regularization', row.regularization, settings.regularization],
    ['regularizationRate', row.regularizationRate, settings.regularizationRate],
    ['noise', row.noise, settings.noise],
    ['percTrainData', row.percTrainData, settings.percTrainData],
    ['engine', row.engine, result.engine],
  ];
  if (row.epochs !== end) return { epoch: end, what: 'epochs', claimed: row.epochs, replayed: end };
  if (row.trainLoss !== result.trainLoss) return { epoch: end, what: 'trainLoss', claimed: row.trainLoss, replayed: kept(result.trainLoss) };
  if (row.testLoss !== result.testLoss) return { epoch: end, what: 'testLoss', claimed: row.testLoss, replayed: kept(result.testLoss) };
  for (const [name, claimed, replayed] of claims) {
    if (claimed !== replayed) return { epoch: end, what: 'setting', at: name, claimed, replayed };
  }
  return undefined;
}

/**
 * Trains a hand-in row's run again with `replay` (a worker's `replay()`) and
 * says whether it is what the row claims. Never throws: a row without a run,
 * or a run the trainer refuses, is rejected with the reason.
 */
export async function verifyRow(replay: (run: RunReplay) => Promise<ReplayResult>, row: HandInRow): Promise<Verdict> {
  const claim = row.run;
  if (!claim) {
    return {
      status: 'rejected',
      reason: reject('no-run', 'This row was recorded before runs were kept exactly, so it cannot be checked.'),
    };
  }
  let result: ReplayResult;
  try {
    result = await replay(claim.run);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const code = (error as { code?: unknown }).code;
    return {
      status: 'rejected',
      reason: reject('replay-failed', `The run could not be trained again: ${message}`, {
        code: typeof code === 'string' ? code : 'unknown',
        message,
      }),
    };
  }
  const departure = departureOf(claim, result) ?? rowDeparture(row, result);
  return departure ? { status: 'mismatch', departure, result } : { status: 'verified', result };
}

/**
 * What a record can reproduce here: 'exact' (same product version: bit for
 * bit on its engine), 'other-version' (replayed as recorded, but another
 * version may give other digits), 'no-run' (settings and seed only).
 */
export function versionNote(run: ExactRun | undefined): 'exact' | 'other-version' | 'no-run' {
  if (!run) return 'no-run';
  return run.product === PRODUCT_VERSION ? 'exact' : 'other-version';
}
