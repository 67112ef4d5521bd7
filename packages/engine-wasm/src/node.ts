import { readFile } from 'node:fs/promises';
import { instantiateWasmEngine } from './bytes.js';
import type { WasmEngine } from './engine.js';

export { WasmEngine } from './engine.js';

let loading: Promise<WasmEngine> | undefined;

/** The core in Node: the .wasm that scripts/build-wasm.sh built, read from disk (once). */
export function loadWasmEngine(): Promise<WasmEngine> {
  loading ??= load();
  return loading;
}

async function load(): Promise<WasmEngine> {
  const url = new URL('../pkg/nn_core_bg.wasm', import.meta.url);
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = new Uint8Array(await readFile(url));
  } catch {
    throw new Error(`The WebAssembly core has not been built (${url.pathname} is missing); run "bash scripts/build-wasm.sh".`);
  }
  return instantiateWasmEngine(bytes);
}
