import { describeConformance } from '@nn/engine/conformance';
import { loadWasmEngine } from '../src/node.js';

// The suite every engine passes (the reference runs it in packages/engine).
// The core computes in f32 with a fast tanh (error < 1e-6), so its one-step
// tolerance is wider than the f64 reference's.
describeConformance([{ name: 'wasm', load: loadWasmEngine, tolerance: 5e-6 }]);
