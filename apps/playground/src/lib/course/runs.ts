/**
 * The course's multi-run tools, as requests to the trainer's `runs()`:
 * - the batch comparison (lesson 3) trains the current network three times from
 *   the same first weights, with batch size 1 (stochastic), 10 (mini-batch)
 *   and every training point (batch gradient descent);
 * - the repeatability run (lesson 8) trains the current model from five
 *   different first weights on the same data: the weights TF Playground gives
 *   after pressing reset 0, 1, 2, 3 and 4 times, so each run can be reproduced.
 */
import type { RunResult, RunsRequest, RunSpec } from '@nn/trainer';
import { toTrainerConfig, type PlaygroundState } from '../state/hash.js';

/** The batch sizes the comparison trains with ('all' = the whole training set). */
export const COMPARED_BATCHES: readonly (number | 'all')[] = [1, 10, 'all'];
export const BATCH_EPOCH_CHOICES: readonly number[] = [50, 100, 300, 1000];
export const DEFAULT_BATCH_EPOCHS = 100;

/** How many runs the repeatability tool makes, and how long each trains (at least 500 epochs, as the lecture asks). */
export const REPEAT_COUNT = 5;
export const REPEAT_EPOCH_CHOICES: readonly number[] = [500, 1000, 2000];
export const DEFAULT_REPEAT_EPOCHS = 500;

function baseConfig(settings: PlaygroundState): Omit<RunSpec['config'], 'batchSize'> {
  const { batchSize: _ignored, ...config } = toTrainerConfig(settings);
  return config;
}

export function batchComparisonRequest(settings: PlaygroundState, epochs: number): RunsRequest {
  const config = baseConfig(settings);
  return {
    runs: COMPARED_BATCHES.map((batchSize) => ({ config: { ...config, batchSize }, resets: 0 })),
    epochs,
    engine: settings.engine,
  };
}

export function repeatRequest(settings: PlaygroundState, epochs: number, count = REPEAT_COUNT): RunsRequest {
  const config = { ...baseConfig(settings), batchSize: settings.batchSize };
  return {
    runs: Array.from({ length: count }, (_, resets) => ({ config, resets })),
    epochs,
    engine: settings.engine,
  };
}

/** Lowest and highest final test loss of finished runs, and how many times the worst is the best. */
export interface Spread {
  readonly best: number;
  readonly worst: number;
  readonly ratio: number;
}

export function testLossSpread(results: readonly RunResult[]): Spread | undefined {
  const losses = results
    .filter((r) => !r.diverged)
    .map((r) => finalLoss(r.testLoss))
    .filter(Number.isFinite);
  if (losses.length === 0) return undefined;
  const best = Math.min(...losses);
  const worst = Math.max(...losses);
  return { best, worst, ratio: best > 0 ? worst / best : Infinity };
}

/** The last entry of a loss curve (NaN for an empty one). */
export function finalLoss(curve: Float32Array): number {
  return curve.length > 0 ? curve[curve.length - 1]! : NaN;
}

/** One curve of the comparison chart. */
export interface CurveSeries {
  readonly label: string;
  readonly color: string;
  readonly dashed?: boolean;
  /** Loss after epoch 0, 1, 2, ... */
  readonly values: Float32Array;
}
