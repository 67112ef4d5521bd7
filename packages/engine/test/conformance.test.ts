import { referenceEngine } from '../src/index.js';
import { describeConformance } from '../conformance/index.js';

// The reference engine on its own: this package's tests need no .wasm build.
// (The WASM core runs the same suite in packages/engine-wasm.) It computes in
// f64 like TensorFlow Playground, so one step agrees with the formulas to round-off.
describeConformance([{ name: 'reference', load: async () => referenceEngine, tolerance: 1e-12 }]);
