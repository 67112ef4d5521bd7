/** The page side: a typed Comlink proxy of the trainer running in a worker. */
import * as Comlink from 'comlink';
import type { TrainerApi } from './protocol.js';

/**
 * Wraps a worker started from a module that calls `exposeTrainer`. Every
 * method returns a promise; commands run in the order they are called.
 */
export function connectTrainer(worker: Worker | Comlink.Endpoint): Comlink.Remote<TrainerApi> {
  return Comlink.wrap<TrainerApi>(worker);
}
