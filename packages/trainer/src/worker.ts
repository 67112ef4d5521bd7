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
import type { Snapshot, TrainerApi } from './protocol.js';
import { Trainer, type EngineLoaders } from './trainer.js';

/** Every ArrayBuffer a snapshot carries, each once (a transfer list must not repeat one). */
export function snapshotBuffers(snapshot: Snapshot): ArrayBuffer[] {
  const arrays: ArrayBufferView[] = [snapshot.weights, snapshot.biases, snapshot.dead, snapshot.grid];
  for (const points of [snapshot.train, snapshot.test]) {
    if (points) arrays.push(points.xs, points.ys, points.labels);
  }
  const buffers = new Set<ArrayBuffer>();
  for (const array of arrays) {
    if (array.buffer instanceof ArrayBuffer) buffers.add(array.buffer);
  }
  return [...buffers];
}

/**
 * Creates a Trainer over `engines` and serves it on `endpoint` (the worker's
 * global scope by default). `frame()` hands its snapshot's buffers over
 * instead of copying them. Returns the trainer (for tests and diagnostics).
 */
export function exposeTrainer(
  engines: EngineLoaders,
  endpoint: Comlink.Endpoint = self as unknown as Comlink.Endpoint,
): Trainer {
  const trainer = new Trainer(engines);
  const api: TrainerApi = {
    init: () => trainer.init(),
    load: (config) => trainer.load(config),
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
    frame: () => {
      const snapshot = trainer.frame();
      return snapshot && Comlink.transfer(snapshot, snapshotBuffers(snapshot));
    },
  };
  Comlink.expose(api, endpoint);
  return trainer;
}
