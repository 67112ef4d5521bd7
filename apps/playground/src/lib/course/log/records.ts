/**
 * The experiment log's records: one run a student chose to keep ("Record"),
 * with its settings, epoch, both losses, the link that reopens its settings
 * and (since log version 3) the exact run that replays it bit for bit.
 */
import type { ExactRun, HandInRow } from '@nn/records';
import { activeFeatures, datasetOf, type EngineName, type PlaygroundState } from '../../state/hash.js';

/**
 * One recorded run: a homework row's settings and numbers (@nn/records'
 * HandInRow: data set, activation, batch size, layers, features, rates,
 * noise, ratio, epochs, both losses at full precision, seed, engine, and
 * since log version 3 the exact run that "Open" replays bit for bit), with
 * what the log adds. Exports round the losses.
 */
export interface RunRecord extends HandInRow {
  /** 1, 2, 3, ... in recording order ("run 7"); 0 on a record not stored yet. */
  readonly id: number;
  /** When it was recorded, ISO 8601 (`Date.prototype.toISOString`). */
  readonly recordedAt: string;
  /** The URL hash that reopens the run's settings and data, without '#'. */
  readonly hash: string;
  readonly note?: string;
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
