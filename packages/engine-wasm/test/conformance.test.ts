import { referenceEngine } from '@nn/engine';
import { describeConformance } from '@nn/engine/conformance';
import { loadWasmEngine } from '../src/node.js';

// One suite, every engine. The core computes in f32 with a fast tanh
// (error < 1e-6), so its one-step tolerance is wider than the f64 reference's.
describeConformance([
  { name: 'reference', load: async () => referenceEngine, tolerance: 1e-12 },
  { name: 'wasm', load: loadWasmEngine, tolerance: 5e-6 },
]);
