/**
 * What the trainer's tests share: real engines, trainers that are disposed
 * after each test, snapshots, refusals, and waiting on conditions (never on
 * the clock: a busy machine only makes a wait longer, never makes it fail).
 */
import { referenceEngine } from '@nn/engine';
import { loadWasmEngine } from '@nn/engine-wasm';
import { afterEach, expect } from 'vitest';
import type { EngineName, Snapshot, TrainerConfig } from '../src/protocol.js';
import { Trainer, TrainerError, type EngineLoaders } from '../src/trainer.js';

export const loaders: EngineLoaders = {
  reference: async () => referenceEngine,
  wasm: () => loadWasmEngine(),
};

const made: Trainer[] = [];
afterEach(() => {
  for (const trainer of made.splice(0)) trainer.dispose();
});

/** A trainer that is disposed after the test. */
export function newTrainer(engines: EngineLoaders = loaders, now?: () => number): Trainer {
  const trainer = new Trainer(engines, now);
  made.push(trainer);
  return trainer;
}

/** A trainer with both engines, `config` loaded on `engine`. */
export async function trainerOn(
  engine: EngineName,
  config: TrainerConfig,
  options: { engines?: EngineLoaders; now?: () => number } = {},
): Promise<Trainer> {
  const trainer = newTrainer(options.engines ?? loaders, options.now);
  await trainer.init();
  trainer.load(config, engine);
  return trainer;
}

/** The trainer's next snapshot, which must be there. */
export function snap(trainer: Trainer): Snapshot {
  const snapshot = trainer.frame();
  if (!snapshot) throw new Error('expected a snapshot');
  return snapshot;
}

/** The TrainerError `command` throws. */
export function refusal(command: () => void): TrainerError {
  try {
    command();
  } catch (error) {
    if (error instanceof TrainerError) return error;
    throw error;
  }
  throw new Error('expected the command to be refused');
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let k = 0; k < a.length; k++) max = Math.max(max, Math.abs(a[k]! - b[k]!));
  return max;
}

/** One turn of the event loop through a timer. */
export function turn(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Lets other tasks run, one turn of the event loop at a time, until
 * `condition` holds (which may await). No time limit of its own: the test's
 * timeout is the only one.
 */
export async function until(condition: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await condition())) await turn();
}

/** `count` turns of the event loop, for checking that nothing happens in between. */
export async function turns(count: number): Promise<void> {
  for (let k = 0; k < count; k++) await turn();
}
