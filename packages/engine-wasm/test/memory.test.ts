import { initParameters, type NetworkShape } from '@nn/engine';
import { testRandom, randomData } from '@nn/engine/conformance';
import { describe, expect, it } from 'vitest';
import { loadWasmEngine } from '../src/node.js';

describe('WASM memory', () => {
  it('does not grow when 10,000 networks are created, trained and freed in a row', async () => {
    const engine = await loadWasmEngine();
    const shape: NetworkShape = { inputSize: 2, hiddenSizes: [8, 8], activation: 'tanh', outputActivation: 'tanh' };
    const init = initParameters(shape, testRandom(3));
    const data = engine.createDataSet(randomData(2, 50, testRandom(8)));
    const round = (count: number): void => {
      for (let k = 0; k < count; k++) {
        const n = engine.createNetwork(shape);
        n.setParameters(init);
        n.trainEpochs(data, { learningRate: 0.03, batchSize: 10, regularization: 'none', regularizationRate: 0 });
        n.loss(data);
        n.free();
      }
    };
    round(100); // let the allocator reach its working size
    const before = engine.memoryBytes();
    round(10_000);
    // At most one extra 64 KiB page for allocator slack.
    expect(engine.memoryBytes() - before).toBeLessThanOrEqual(65_536);
    data.free();
  });

  it('rebuilds views after memory grows', async () => {
    const engine = await loadWasmEngine();
    const shape: NetworkShape = { inputSize: 2, hiddenSizes: [4], activation: 'tanh', outputActivation: 'tanh' };
    const n = engine.createNetwork(shape);
    n.setParameters(initParameters(shape, testRandom(4)));
    const first = Array.from(n.weights());
    // A large data set forces the memory to grow.
    const big = engine.createDataSet(randomData(2, 400_000, testRandom(6)));
    expect(Array.from(n.weights())).toEqual(first);
    big.free();
    n.free();
  });
});
