/**
 * The worker side: one Trainer exposed over Comlink. In the worker module:
 *
 *   import { exposeTrainer } from '@nn/trainer/worker';
 *   exposeTrainer({ wasm: loadWasmEngine, reference: async () => referenceEngine });
 *
 * Nothing here touches worker globals until `exposeTrainer` is called, so the
 * module also loads in Node (the tests pass a MessagePort as the endpoint).
 */
import * as Comlink from 'comlink';
import { installErrorTransfer } from './errors.js';
import type { LandscapeResult, ReplayResult, RunsResult, Snapshot, WorkerApi } from './protocol.js';
import { Trainer, type EngineLoaders } from './trainer.js';

/** The distinct ArrayBuffers under `arrays` (a transfer list must not repeat one). */
function buffersOf(arrays: readonly ArrayBufferView[]): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const array of arrays) {
    if (array.buffer instanceof ArrayBuffer) buffers.add(array.buffer);
  }
  return [...buffers];
}

/** Every ArrayBuffer a snapshot carries, each once (a transfer list must not repeat one). */
export function snapshotBuffers(snapshot: Snapshot): ArrayBuffer[] {
  const arrays: ArrayBufferView[] = [snapshot.weights, snapshot.biases, snapshot.dead, snapshot.grid];
  for (const points of [snapshot.train, snapshot.test]) {
    if (points) arrays.push(points.xs, points.ys, points.labels);
  }
  return buffersOf(arrays);
}

/** Every ArrayBuffer the results of `runs()` carry, each once (runs on the same data share their points). */
export function runsBuffers(result: RunsResult): ArrayBuffer[] {
  const arrays: ArrayBufferView[] = [];
  for (const run of result.results) {
    arrays.push(run.trainLoss, run.testLoss, run.output);
    for (const points of [run.train, run.test]) arrays.push(points.xs, points.ys, points.labels);
  }
  return buffersOf(arrays);
}

/** Every ArrayBuffer a replay's result carries, each once. */
export function replayBuffers(result: ReplayResult): ArrayBuffer[] {
  const arrays: ArrayBufferView[] = [result.output];
  for (const points of [result.train, result.test]) arrays.push(points.xs, points.ys, points.labels);
  return buffersOf(arrays);
}

/** Every ArrayBuffer a landscape carries, each once. */
export function landscapeBuffers(result: LandscapeResult): ArrayBuffer[] {
  return buffersOf([result.axis, result.losses, result.slice.t, result.slice.losses]);
}

/** The Web Locks of this realm, where there are any (browsers' workers; not Node). */
function lockManager(): LockManager | undefined {
  return (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;
}

/** See TrainerApi.lifeline: holds the lock `name` until this worker ends. */
export function holdLifeline(name: string, locks: LockManager | undefined = lockManager()): Promise<boolean> {
  if (!locks || typeof name !== 'string' || name === '') return Promise.resolve(false);
  return new Promise((resolve) => {
    locks
      .request(name, () => {
        resolve(true);
        // Never settles: the lock is released when the worker ends.
        return new Promise<never>(() => undefined);
      })
      .catch(() => resolve(false));
  });
}

/**
 * Creates a Trainer over `engines` and serves it on `endpoint` (the worker's
 * global scope by default). `frame()` and `runs()` hand their typed arrays'
 * buffers over instead of copying them, and refusals reach the page with
 * their `code` and `params` (installErrorTransfer). Returns the trainer (for
 * tests and diagnostics).
 */
export function exposeTrainer(
  engines: EngineLoaders,
  endpoint: Comlink.Endpoint = self as unknown as Comlink.Endpoint,
): Trainer {
  installErrorTransfer();
  const trainer = new Trainer(engines);
  const api: WorkerApi = {
    init: () => trainer.init(),
    load: (config, engine) => trainer.load(config, engine),
    reset: (config) => trainer.reset(config),
    regenerate: (seed) => trainer.regenerate(seed),
    setLive: (settings) => trainer.setLive(settings),
    play: () => trainer.play(),
    pause: () => trainer.pause(),
    setSpeed: (speed) => trainer.setSpeed(speed),
    step: (epochs) => trainer.step(epochs),
    setWeight: (index, value) => trainer.setWeight(index, value),
    setBias: (index, value) => trainer.setBias(index, value),
    setEngine: (engine) => trainer.setEngine(engine),
    recycle: (buffers) => trainer.recycle(buffers),
    lifeline: (name) => holdLifeline(name),
    frame: () => {
      const snapshot = trainer.frame();
      return snapshot && Comlink.transfer(snapshot, snapshotBuffers(snapshot));
    },
    runs: async (request, progress) => {
      try {
        const result = await trainer.runsInSlices(request, progress);
        return Comlink.transfer(result, runsBuffers(result));
      } finally {
        // The page's callback came as a Comlink proxy: let go of its port.
        if (typeof progress === 'function') (progress as Comlink.Remote<typeof progress>)[Comlink.releaseProxy]();
      }
    },
    cancelRuns: () => trainer.cancelRuns(),
    journal: () => trainer.journal(),
    open: (run) => trainer.open(run),
    replay: (run) => {
      const result = trainer.replay(run);
      return Comlink.transfer(result, replayBuffers(result));
    },
    inspect: (request) => trainer.inspect(request),
    landscape: (request) => {
      const result = trainer.landscape(request);
      return Comlink.transfer(result, landscapeBuffers(result));
    },
    timeline: () => trainer.timeline(),
    showEpoch: (epoch) => trainer.showEpoch(epoch),
    continueFrom: (epoch) => trainer.continueFrom(epoch),
    toBranch: () => trainer.toBranch(),
    discardBranch: () => trainer.discardBranch(),
    model: () => trainer.model(),
    openModel: (model) => trainer.openModel(model),
  };
  Comlink.expose(api, endpoint);
  return trainer;
}
