import { readFile } from 'node:fs/promises';
import { initSync } from '../pkg/nn_core.js';
import { WasmEngine } from './engine.js';

export { WasmEngine } from './engine.js';

let loaded: WasmEngine | undefined;

/** Loads the core in Node from the package's built .wasm (scripts/build-wasm.sh makes it). */
export async function loadWasmEngine(): Promise<WasmEngine> {
  if (loaded) return loaded;
  const url = new URL('../pkg/nn_core_bg.wasm', import.meta.url);
  let bytes: Buffer;
  try {
    bytes = await readFile(url);
  } catch {
    throw new Error(
      `The WebAssembly core has not been built (${url.pathname} is missing); run "bash scripts/build-wasm.sh".`,
    );
  }
  const exports = initSync({ module: bytes });
  loaded = new WasmEngine(exports.memory);
  return loaded;
}
