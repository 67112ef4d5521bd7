/**
 * The check of a recorded run before it is trained again (see Trainer.open
 * and Trainer.replay): its shape as data, its numbers in range and its events
 * in epoch order. The settings themselves go through validateConfig and
 * checkLive when the replay applies them, and an edit's index through the
 * same check as a hand edit, so a run is held to what a student could do.
 */
import { TrainerError } from './errors.js';
import type { EngineName, ModelStart, RunReplay } from './protocol.js';
import { OPTIMIZERS, fitsF32 } from '@nn/engine';
import { describe } from './validate.js';

/** Most numbers of the seed's stream a run may start after: about 20,000 resets of the largest network. */
export const MAX_RUN_DRAWS = 10_000_000;
/** Most epochs a replayed run may reach (2^31 - 1). */
export const MAX_RUN_EPOCH = 2 ** 31 - 1;
/** Most events a replayed run may carry. */
export const MAX_RUN_EVENTS = 100_000;

/** The engines a run may name (the trainer's ENGINE_NAMES; kept here to avoid a cycle). */
const ENGINE_NAMES_LIST: readonly EngineName[] = ['wasm', 'reference'];

const EVENT_KINDS = ['live', 'regenerate', 'weight', 'bias', 'engine'] as const;

function isWhole(value: unknown, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= max;
}

function refuse(what: string, got: unknown, rule: string): never {
  throw new TrainerError('runRecord', `This run cannot be replayed: ${what} ${rule}; got ${describe(got)}.`, {
    what,
    got: describe(got),
  });
}

/** Throws a TrainerError ('runRecord', or 'engine…' for engines) naming what is wrong with `run`. */
export function checkRunReplay(run: RunReplay): void {
  if (run === null || typeof run !== 'object') refuse('the run', run, 'must be an object');
  if (run.config === null || typeof run.config !== 'object') refuse('its settings', run.config, 'must be an object');
  if (!ENGINE_NAMES_LIST.includes(run.engine)) refuse('its engine', run.engine, `must be one of ${ENGINE_NAMES_LIST.join(', ')}`);
  if (!isWhole(run.draws, MAX_RUN_DRAWS)) refuse('its draws', run.draws, `must be a whole number from 0 to ${MAX_RUN_DRAWS}`);
  if (!isWhole(run.resets, MAX_RUN_DRAWS)) refuse('its resets', run.resets, `must be a whole number from 0 to ${MAX_RUN_DRAWS}`);
  if (!isWhole(run.epochs, MAX_RUN_EPOCH)) refuse('its epochs', run.epochs, `must be a whole number from 0 to ${MAX_RUN_EPOCH}`);
  if (!Array.isArray(run.events)) refuse('its events', run.events, 'must be a list');
  if (run.events.length > MAX_RUN_EVENTS) refuse('its events', run.events.length, `must be at most ${MAX_RUN_EVENTS}`);
  if (run.start !== undefined) {
    if (run.start === null || typeof run.start !== 'object') refuse('its start', run.start, 'must be an object');
    if (!isWhole(run.start.epoch, run.epochs)) refuse('its start epoch', run.start.epoch, `must be a whole number from 0 to the run's ${run.epochs}`);
  }
  let last = run.start?.epoch ?? 0;
  run.events.forEach((event, i) => {
    const name = `event ${i + 1}`;
    if (event === null || typeof event !== 'object') refuse(name, event, 'must be an object');
    if (!(EVENT_KINDS as readonly unknown[]).includes(event.kind)) refuse(`the kind of ${name}`, event.kind, `must be one of ${EVENT_KINDS.join(', ')}`);
    if (!isWhole(event.epoch, run.epochs)) refuse(`the epoch of ${name}`, event.epoch, `must be a whole number from 0 to the run's ${run.epochs}`);
    if (event.epoch < last) refuse(`the epoch of ${name}`, event.epoch, `must not come before the previous event's ${last}`);
    last = event.epoch;
    switch (event.kind) {
      case 'live':
        if (event.settings === null || typeof event.settings !== 'object') refuse(`the settings of ${name}`, event.settings, 'must be an object');
        break;
      case 'regenerate':
        if (typeof event.seed !== 'string' || event.seed === '') refuse(`the seed of ${name}`, event.seed, 'must be a non-empty string');
        break;
      case 'weight':
      case 'bias':
        if (!isWhole(event.index, 2 ** 20)) refuse(`the index of ${name}`, event.index, 'must be a whole number');
        if (typeof event.value !== 'number') refuse(`the value of ${name}`, event.value, 'must be a number');
        break;
      case 'engine':
        if (!ENGINE_NAMES_LIST.includes(event.engine)) refuse(`the engine of ${name}`, event.engine, `must be one of ${ENGINE_NAMES_LIST.join(', ')}`);
        break;
    }
  });
}

function checkNumbers(what: string, values: unknown, length: number): void {
  if (!Array.isArray(values) && !ArrayBuffer.isView(values)) refuse(what, values, 'must be a list of numbers');
  const list = values as ArrayLike<unknown>;
  if (list.length !== length) refuse(`the length of ${what}`, list.length, `must be this network's ${length}`);
  for (let k = 0; k < list.length; k++) {
    const value = list[k];
    if (typeof value !== 'number' || !fitsF32(value)) refuse(`${what} number ${k}`, value, 'must be a finite number within ±3.4e38');
  }
}

/**
 * Throws a TrainerError ('runRecord') naming what is wrong with a saved
 * model's state for a network of `weightCount` weights and `biasCount` biases.
 */
export function checkModelStart(start: ModelStart, weightCount: number, biasCount: number): void {
  checkNumbers('its weights', start.weights, weightCount);
  checkNumbers('its biases', start.biases, biasCount);
  checkNumbers('its dead links', start.dead, weightCount);
  for (let k = 0; k < weightCount; k++) {
    if (start.dead[k] !== 0 && start.dead[k] !== 1) refuse(`its dead link ${k}`, start.dead[k], 'must be 0 or 1');
  }
  const batch = start.batch;
  if (batch === null || typeof batch !== 'object') refuse('its batch in progress', batch, 'must be an object');
  checkNumbers('its batch’s weight gradients', batch.weightGradients, weightCount);
  checkNumbers('its batch’s bias gradients', batch.biasGradients, biasCount);
  if (!isWhole(batch.count, 100_000)) refuse('its batch’s count', batch.count, 'must be a whole number from 0 to 100000');
  if (batch.lanes !== undefined) {
    const { lanes } = batch;
    if (lanes === null || typeof lanes !== 'object') refuse('its batch’s lanes', lanes, 'must be an object');
    checkNumbers('its batch’s weight lanes', lanes.weights, 4 * weightCount);
    checkNumbers('its batch’s bias lanes', lanes.biases, 4 * biasCount);
    // The lanes must add up (in f32, as the core adds them) to the sums they stand for.
    const f = Math.fround;
    const sumOf = (values: readonly number[], k: number) =>
      f(f(f(values[4 * k]!) + f(values[4 * k + 1]!)) + f(f(values[4 * k + 2]!) + f(values[4 * k + 3]!)));
    for (let k = 0; k < weightCount; k++) {
      if (sumOf(lanes.weights, k) !== f(batch.weightGradients[k]!)) refuse(`its batch’s weight lanes ${k}`, lanes.weights[4 * k], 'must add up to its weight gradient');
    }
    for (let k = 0; k < biasCount; k++) {
      if (sumOf(lanes.biases, k) !== f(batch.biasGradients[k]!)) refuse(`its batch’s bias lanes ${k}`, lanes.biases[4 * k], 'must add up to its bias gradient');
    }
  }
  if (start.optimizer !== undefined) {
    const state = start.optimizer;
    if (state === null || typeof state !== 'object') refuse('its optimizer state', state, 'must be an object');
    if (!OPTIMIZERS.includes(state.optimizer)) refuse('its optimizer state’s optimizer', state.optimizer, `must be one of ${OPTIMIZERS.join(', ')}`);
    if (!isWhole(state.steps, Number.MAX_SAFE_INTEGER)) refuse('its optimizer’s steps', state.steps, 'must be a whole number of at least 0');
    checkNumbers('its optimizer’s weight first moments', state.weightMoment1, weightCount);
    checkNumbers('its optimizer’s bias first moments', state.biasMoment1, biasCount);
    checkNumbers('its optimizer’s weight second moments', state.weightMoment2, weightCount);
    checkNumbers('its optimizer’s bias second moments', state.biasMoment2, biasCount);
    for (const [what, values] of [['weight', state.weightMoment2], ['bias', state.biasMoment2]] as const) {
      const k = values.findIndex((value) => value < 0);
      if (k >= 0) refuse(`its optimizer’s ${what} second moment ${k}`, values[k], 'must be at least 0');
    }
  }
}
