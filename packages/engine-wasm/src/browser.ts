import init from '../pkg/nn_core.js';
import { WasmEngine } from './engine.js';

export { WasmEngine } from './engine.js';

/**
 * Loads the core in a page or a worker. Vite turns the URL into an asset
 * of the build, so the .wasm is fetched and compiled in streaming fashion.
 */
export async function loadWasmEngine(
  wasmUrl: URL | string = new URL('../pkg/nn_core_bg.wasm', import.meta.url),
): Promise<WasmEngine> {
  const exports = await init({ module_or_path: wasmUrl });
  return new WasmEngine(exports.memory);
}
