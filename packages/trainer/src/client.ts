/** The page side: a typed Comlink proxy of the trainer running in a worker. */
import * as Comlink from 'comlink';
import { installErrorTransfer } from './errors.js';
import type { WorkerApi } from './protocol.js';

/**
 * Wraps a worker started from a module that calls `exposeTrainer`. Every
 * method returns a promise; commands run in the order they are called. A
 * refused command rejects with an Error that carries the refusal's `code`
 * and `params` (see `isTrainerFailure`).
 */
export function connectTrainer(worker: Worker | Comlink.Endpoint): Comlink.Remote<WorkerApi> {
  installErrorTransfer();
  return Comlink.wrap<WorkerApi>(worker);
}
