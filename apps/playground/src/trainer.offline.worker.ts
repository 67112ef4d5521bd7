/// <reference lib="webworker" />
/**
 * The training worker of the offline build: the same trainer host, with the
 * WASM core instantiated from bytes inlined into this script (a worker
 * started from a blob: URL cannot fetch files next to the page).
 */
import { referenceEngine } from '@nn/engine';
import { dataUrlBytes, instantiateWasmEngine } from '@nn/engine-wasm/bytes';
import wasmDataUrl from '@nn/engine-wasm/pkg/nn_core_bg.wasm?inline';
import { exposeTrainer } from '@nn/trainer/worker';

exposeTrainer({
  wasm: () => instantiateWasmEngine(dataUrlBytes(wasmDataUrl)),
  reference: async () => referenceEngine,
});
