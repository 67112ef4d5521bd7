/**
 * A trainer's session: the loaded configuration, its points and engine
 * handles, the seed's stream the weights are drawn from, and the log of the
 * current run (what `journal()` returns and `open()`/`replay()` train again).
 *
 * The seed's stream: the points are drawn first, then each network's
 * weights, one draw after the other (load, then each reset). A run records
 * how many numbers were taken before its weights (`draws`) and how many
 * draws came before it on these points (`resets`), so a replay draws the
 * same weights without the runs before it.
 */
import type { Prng } from '@nn/datasets';
import { fitsF32, initParameters, type Engine, type EngineDataSet, type Network, type NetworkShape } from '@nn/engine';
import { copyConfig, createSets, dataOf, freeAll, inputsOf, shapeOf, type Data, type Handles, type Inputs } from './data.js';
import { TrainerError } from './errors.js';
import {
  isCheckpointEpoch,
  type Checkpoint,
  type EngineName,
  type ModelStart,
  type RunEvent,
  type RunReplay,
  type TrainerConfig,
} from './protocol.js';

export interface Session {
  config: TrainerConfig;
  data: Data;
  inputs: Inputs;
  handles: Handles;
  /** The stream the next reset draws its weights from. */
  rng: Prng;
  /** Numbers taken from `rng` since its points were made (weights of every draw so far). */
  draws: number;
  /** Times the weights were drawn again from `rng` (resets after the load or the last Regenerate). */
  resets: number;
  /** The current run, from its weights' draw on (see journal()). */
  run: RunLog;
}

/** What the trainer keeps of the current run while it goes. */
export interface RunLog {
  readonly config: RunReplay['config'];
  readonly engine: EngineName;
  readonly draws: number;
  readonly resets: number;
  readonly events: RunEvent[];
  readonly checkpoints: Checkpoint[];
  /** Where the run starts when it starts from a saved model (see RunReplay.start). */
  start?: ModelStart;
}

/** Epochs trained per call while replaying (a run trains in whole epochs; chunks never change its numbers). */
export const REPLAY_CHUNK = 10_000;

/** The run's settings without the two that never change a number. */
export function runConfigOf(config: TrainerConfig): RunReplay['config'] {
  const { stopBelow: _stop, pauseAt: _pause, ...rest } = copyConfig(config);
  return rest;
}

/** A new, empty run log from the session's current draw. */
function runLog(config: TrainerConfig, engine: EngineName, draws: number, resets: number): RunLog {
  return { config: runConfigOf(config), engine, draws, resets, events: [], checkpoints: [] };
}

/** The first checkpoint epoch after `epoch`. */
export function nextCheckpoint(epoch: number): number {
  let next = 1;
  while (next <= epoch) next *= 2;
  return next;
}

/** A loss as a checkpoint keeps it: null when it is not a finite f32 (JSON has no NaN). */
function keptLoss(loss: number): number | null {
  return fitsF32(loss) ? loss : null;
}

/** Keeps both losses at a checkpoint epoch of the current run. */
export function recordCheckpoint(session: Session, epoch: number, trainLoss: number, testLoss: number): void {
  if (isCheckpointEpoch(epoch)) session.run.checkpoints.push({ epoch, trainLoss: keptLoss(trainLoss), testLoss: keptLoss(testLoss) });
}

/** A network of `shape` with parameters drawn from `random` (or all zero); freed again if that fails. */
function newNetwork(engine: Engine, shape: NetworkShape, random: () => number, zero: boolean): Network {
  const network = engine.createNetwork(shape);
  try {
    network.setParameters(initParameters(shape, random, { zero }));
  } catch (error) {
    freeAll([network]);
    throw error;
  }
  return network;
}

/**
 * A session of `config` on `engine`, its weights drawn after `draws` numbers
 * of the seed's stream (as the `resets`-th draw on these points). The config
 * must be valid (validateConfig).
 */
export function openSession(engine: Engine, engineName: EngineName, config: TrainerConfig, draws: number, resets: number): Session {
  const cfg = copyConfig(config);
  const generated = dataOf(cfg);
  for (let k = 0; k < draws; k++) generated.rng.next();
  if (generated.train.length === 0) {
    throw new TrainerError(
      'noTrainingPoints',
      'There are no training points: raise the share of training data or import more points.',
    );
  }
  const data: Data = { train: generated.train, test: generated.test, problem: generated.problem };
  const inputs = inputsOf(data, cfg.features);
  const sets = createSets(engine, inputs);
  let network: Network;
  let drawn = 0;
  try {
    network = newNetwork(engine, shapeOf(cfg, data.problem), () => (drawn++, generated.rng.next()), cfg.initZero);
  } catch (error) {
    freeAll([sets.trainSet, sets.testSet, sets.gridSet]);
    throw error;
  }
  return {
    config: cfg,
    data,
    inputs,
    handles: { network, ...sets },
    rng: generated.rng,
    draws: draws + drawn,
    resets,
    run: runLog(cfg, engineName, draws, resets),
  };
}

/**
 * New weights for `session` under `cfg` (same data): drawn from the seed's
 * stream, with new engine inputs if the features changed. Returns the new
 * handles and a function that commits the draw to the session; nothing is
 * changed (or left allocated) if this throws.
 */
export function redraw(
  engine: Engine,
  session: Session,
  cfg: TrainerConfig,
  featuresChanged: boolean,
): { handles: Handles; commit(engineName: EngineName): void } {
  const inputs = featuresChanged ? inputsOf(session.data, cfg.features) : session.inputs;
  const sets = featuresChanged ? createSets(engine, inputs) : undefined;
  let network: Network;
  let drawn = 0;
  try {
    network = newNetwork(engine, shapeOf(cfg, session.data.problem), () => (drawn++, session.rng.next()), cfg.initZero);
  } catch (error) {
    if (sets) freeAll([sets.trainSet, sets.testSet, sets.gridSet]);
    throw error;
  }
  const handles: Handles = { ...session.handles, ...sets, network };
  return {
    handles,
    commit(engineName) {
      session.config = cfg;
      session.inputs = inputs;
      session.handles = handles;
      session.resets++;
      session.run = runLog(cfg, engineName, session.draws, session.resets);
      session.draws += drawn;
    },
  };
}

/**
 * New points for `session` from `seed` (same features, same network), with
 * their engine sets. Returns the new handles and a function that commits
 * them; nothing is changed (or left allocated) if this throws.
 */
export function regenerated(engine: Engine, session: Session, seed: string, epoch: number): { handles: Handles; commit(): void } {
  const cfg: TrainerConfig = { ...session.config, seed };
  const generated = dataOf(cfg, seed);
  const data: Data = { train: generated.train, test: generated.test, problem: generated.problem };
  const inputs = inputsOf(data, cfg.features, session.inputs.grid);
  const trainSet = engine.createDataSet(inputs.train);
  let testSet: EngineDataSet;
  try {
    testSet = engine.createDataSet(inputs.test);
  } catch (error) {
    freeAll([trainSet]);
    throw error;
  }
  const handles: Handles = { ...session.handles, trainSet, testSet };
  return {
    handles,
    commit() {
      session.config = cfg;
      session.data = data;
      session.inputs = inputs;
      session.handles = handles;
      session.rng = generated.rng;
      // Later resets draw from the new seed's stream, right after its points.
      session.draws = 0;
      session.resets = 0;
      session.run.events.push({ epoch, kind: 'regenerate', seed });
    },
  };
}

/** Frees every handle of `current` that `next` does not keep. */
export function freeReplaced(current: Handles, next: Handles): void {
  const keep = new Set<unknown>([next.network, next.trainSet, next.testSet, next.gridSet]);
  const { network, trainSet, testSet, gridSet } = current;
  freeAll([network, trainSet, testSet, gridSet].filter((h) => !keep.has(h)));
}

/** Frees every handle of a session. */
export function freeSession(session: Session): void {
  const { network, trainSet, testSet, gridSet } = session.handles;
  freeAll([network, trainSet, testSet, gridSet]);
}
