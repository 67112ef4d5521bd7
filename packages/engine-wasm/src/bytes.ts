import * as glue from '../pkg/nn_core_bg.js';
import { WasmEngine } from './engine.js';

export { WasmEngine } from './engine.js';

let loaded: Promise<WasmEngine> | undefined;

/**
 * The core from the bytes of its .wasm file, wherever they came from (read
 * from disk in Node, inlined into the offline build). Instantiates the module
 * with the wasm-bindgen glue as its import module — what a bundler does for
 * wasm-pack's "bundler" target — and hands the glue the exports. The glue is a
 * singleton, so the first call wins and later calls return the same engine.
 */
export function instantiateWasmEngine(bytes: Uint8Array<ArrayBuffer>): Promise<WasmEngine> {
  loaded ??= instantiate(bytes);
  return loaded;
}

async function instantiate(bytes: Uint8Array<ArrayBuffer>): Promise<WasmEngine> {
  const module = await WebAssembly.compile(bytes);
  const instance = await WebAssembly.instantiate(module, { './nn_core_bg.js': glue });
  glue.__wbg_set_wasm(instance.exports);
  const start = instance.exports.__wbindgen_start;
  if (typeof start === 'function') start();
  return new WasmEngine(instance.exports.memory as WebAssembly.Memory);
}

/** Bytes of a base64 `data:` URL (how the offline build inlines the .wasm file). */
export function dataUrlBytes(url: string): Uint8Array<ArrayBuffer> {
  const comma = url.indexOf(',');
  if (!url.startsWith('data:') || comma < 0 || !url.slice(0, comma).endsWith(';base64')) {
    throw new Error('The inlined WebAssembly core is not a base64 data: URL.');
  }
  const text = atob(url.slice(comma + 1));
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}
