/**
 * The experiment log's records: one run a student chose to keep ("Record"),
 * with its settings, epoch, both losses, the link that reopens its settings
 * and (since log version 3) the exact run that replays it bit for bit.
 */
import type { DatasetName, FeatureId, Problem } from '@nn/datasets';
import type { Activation, Regularization } from '@nn/engine';
import type { ExactRun } from '@nn/records';
import { activeFeatures, datasetOf, type EngineName, type PlaygroundState } from '../../state/hash.js';

/** One recorded run. Losses are kept at full precision; exports round them. */
export interface RunRecord {
  /** 1, 2, 3, ... in recording order ("run 7"); 0 on a record not stored yet. */
  readonly id: number;
  /** When it was recorded, ISO 8601 (`Date.prototype.toISOString`). */
  readonly recordedAt: string;
  readonly dataset: DatasetName;
  readonly problem: Problem;
  readonly activation: Activation;
  readonly batchSize: number;
  /** Number of hidden layers (= neurons.length). */
  readonly hiddenLayers: number;
  /** Neurons per hidden layer, input side first. */
  readonly neurons: readonly number[];
  /** The network's inputs (switched on and not hidden), in TF's order. */
  readonly features: readonly FeatureId[];
  readonly learningRate: number;
  readonly regularization: Regularization;
  readonly regularizationRate: number;
  /** 0..50 (percent). */
  readonly noise: number;
  /** 10..90 (percent of the points used for training). */
  readonly percTrainData: number;
  readonly epochs: number;
  readonly trainLoss: number;
  readonly testLoss: number;
  /** The data seed (part of `hash` too; kept apart for the CSV). */
  readonly seed: string;
  /** The URL hash that reopens the run's settings and data, without '#'. */
  readonly hash: string;
  readonly engine: EngineName;
  readonly note?: string;
  /**
   * The run exactly (@nn/records): where its weights came from, every live
   * change, Regenerate and edit with its epoch, checkpoints and the final
   * weights. "Open" replays it; absent on records made before log version 3.
   */
  readonly run?: ExactRun;
}

/** What `recordFrom` needs of a snapshot. */
export interface LossReading {
  readonly epoch: number;
  readonly trainLoss: number;
  readonly testLoss: number;
}

/**
 * A record of the current run (id 0: `LogStore.add` gives it its number).
 * `hash` is the playground's hash (a leading '#' is removed). With `run`
 * (the worker's journal as an exact run), the epoch and both losses are the
 * run's own, so the record's table never disagrees with its run.
 */
export function recordFrom(
  state: PlaygroundState,
  snapshot: LossReading,
  hash: string,
  now: Date = new Date(),
  run?: ExactRun,
): RunRecord {
  const reading: LossReading = run
    ? { epoch: run.run.epochs, trainLoss: run.final.trainLoss ?? Number.NaN, testLoss: run.final.testLoss ?? Number.NaN }
    : snapshot;
  return {
    id: 0,
    recordedAt: now.toISOString(),
    dataset: datasetOf(state),
    problem: state.problem,
    activation: state.activation,
    batchSize: state.batchSize,
    hiddenLayers: state.networkShape.length,
    neurons: [...state.networkShape],
    features: activeFeatures(state),
    learningRate: state.learningRate,
    regularization: state.regularization,
    regularizationRate: state.regularizationRate,
    noise: state.noise,
    percTrainData: state.percTrainData,
    epochs: reading.epoch,
    trainLoss: reading.trainLoss,
    testLoss: reading.testLoss,
    seed: state.seed,
    hash: hash.startsWith('#') ? hash.slice(1) : hash,
    engine: run ? run.final.engine : state.engine,
    ...(run ? { run } : {}),
  };
}
