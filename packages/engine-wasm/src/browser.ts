// Importing the bundler-target module instantiates the core: vite-plugin-wasm
// turns its `import * as wasm from "./nn_core_bg.wasm"` into a streaming
// compile of the .wasm asset (in pages and in module workers alike).
import '../pkg/nn_core.js';
import { memory } from '../pkg/nn_core_bg.wasm';
import { WasmEngine } from './engine.js';

export { WasmEngine } from './engine.js';

let loaded: WasmEngine | undefined;

/** The core in a page or a worker (built with Vite and vite-plugin-wasm). */
export async function loadWasmEngine(): Promise<WasmEngine> {
  loaded ??= new WasmEngine(memory);
  return loaded;
}
