/// <reference lib="webworker" />
/**
 * A training worker of the pool: the trainer host with both engines, as in
 * the playground. The WASM core is imported lazily, so a browser that cannot
 * compile it still replays runs recorded on the TypeScript reference engine.
 */
import { referenceEngine } from '@nn/engine';
import { exposeTrainer } from '@nn/trainer/worker';

exposeTrainer({
  wasm: async () => (await import('@nn/engine-wasm')).loadWasmEngine(),
  reference: async () => referenceEngine,
});
