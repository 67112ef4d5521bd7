import { readFile } from 'node:fs/promises';
import * as glue from '../pkg/nn_core_bg.js';
import { WasmEngine } from './engine.js';

export { WasmEngine } from './engine.js';

let loading: Promise<WasmEngine> | undefined;

/**
 * The core in Node: reads the .wasm that scripts/build-wasm.sh built,
 * instantiates it with the wasm-bindgen glue as its import module (what a
 * bundler does for the "bundler" target), and hands the glue the exports.
 */
export function loadWasmEngine(): Promise<WasmEngine> {
  loading ??= instantiate();
  return loading;
}

async function instantiate(): Promise<WasmEngine> {
  const url = new URL('../pkg/nn_core_bg.wasm', import.meta.url);
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = new Uint8Array(await readFile(url));
  } catch {
    throw new Error(`The WebAssembly core has not been built (${url.pathname} is missing); run "bash scripts/build-wasm.sh".`);
  }
  const module = await WebAssembly.compile(bytes);
  const instance = await WebAssembly.instantiate(module, { './nn_core_bg.js': glue });
  glue.__wbg_set_wasm(instance.exports);
  const start = instance.exports.__wbindgen_start;
  if (typeof start === 'function') start();
  return new WasmEngine(instance.exports.memory as WebAssembly.Memory);
}
