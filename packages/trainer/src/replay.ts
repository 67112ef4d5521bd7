/**
 * The check of a recorded run before it is trained again (see Trainer.open
 * and Trainer.replay): its shape as data, its numbers in range and its events
 * in epoch order. The settings themselves go through validateConfig and
 * checkLive when the replay applies them, and an edit's index through the
 * same check as a hand edit, so a run is held to what a student could do.
 */
import { TrainerError } from './errors.js';
import type { EngineName, RunReplay } from './protocol.js';
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
  let last = 0;
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
