/**
 * @nn/trainer: the training worker's protocol, the Trainer it hosts, and the
 * page's Comlink client. The worker entry point is '@nn/trainer/worker'.
 */
export * from './protocol.js';
export {
  TrainerError,
  TRAINER_ERROR_CODES,
  installErrorTransfer,
  isTrainerFailure,
  type TrainerErrorCode,
  type TrainerErrorParams,
  type TrainerFailure,
} from './errors.js';
export {
  Trainer,
  validateConfig,
  ENGINE_NAMES,
  CONFIG_LIMITS,
  SLICE_MS,
  type EngineLoaders,
} from './trainer.js';
export { connectTrainer } from './client.js';
export { WorkerPool, poolSize, poolRuns, runsPoolSize, TASKS_PER_WORKER, type PoolMember, type RunsTrainer } from './pool.js';
export { filterNormalizedDirection, pathDirections, planeAxis, projectPath, checkLandscapeRequest } from './landscape.js';
