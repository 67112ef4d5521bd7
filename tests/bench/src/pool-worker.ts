/**
 * A training worker for the pool benchmark, on a Node worker thread: the
 * trainer host with both engines, served on the MessagePort it was given
 * (as a browser's training worker serves it on its global scope).
 */
import { workerData, type MessagePort } from 'node:worker_threads';
import { referenceEngine } from '@nn/engine';
import { loadWasmEngine } from '@nn/engine-wasm';
import { exposeTrainer } from '@nn/trainer/worker';

const { port } = workerData as { port: MessagePort };
exposeTrainer(
  { wasm: () => loadWasmEngine(), reference: async () => referenceEngine },
  port as unknown as Parameters<typeof exposeTrainer>[1],
);
