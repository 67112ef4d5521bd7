/// <reference lib="webworker" />
/**
 * The training worker: the trainer host with both engines. The WASM core is
 * imported lazily so that a browser that cannot compile it still gets the
 * TypeScript reference engine (the page says which engines loaded).
 */
import { referenceEngine } from '@nn/engine';
import { exposeTrainer } from '@nn/trainer/worker';

exposeTrainer({
  wasm: async () => (await import('@nn/engine-wasm')).loadWasmEngine(),
  reference: async () => referenceEngine,
});
