import { initParameters, type NetworkShape, type TrainSettings } from '@nn/engine';
import { testRandom, randomData } from '@nn/engine/conformance';
import { describe, expect, it, vi } from 'vitest';
import type { WasmEngine } from '../src/engine.js';
import { loadWasmEngine } from '../src/node.js';

const settings: TrainSettings = { learningRate: 0.03, batchSize: 10, regularization: 'none', regularizationRate: 0 };

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
        n.trainEpochs(data, settings);
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
    const view = n.weights();
    const first = Array.from(view);
    const before = engine.memoryBytes();
    // A data set bigger than the whole memory so far cannot fit without growing it
    // (8 features x 4 bytes per point, plus padding).
    const points = Math.ceil(before / 32) + 1024;
    const big = engine.createDataSet(randomData(8, points, testRandom(6)));
    expect(engine.memoryBytes(), 'the memory did not grow, so this test proves nothing').toBeGreaterThan(before);
    // Growing memory detaches the old buffer: a view taken before is empty now...
    expect(view.length).toBe(0);
    // ...and a view taken after reads the same weights from the new buffer.
    const after = n.weights();
    expect(after.buffer).toBe(engine.memory.buffer);
    expect(Array.from(after)).toEqual(first);
    // Training and the grid read and write through fresh views too.
    const data = engine.createDataSet(randomData(2, 40, testRandom(9)));
    n.trainEpochs(data, settings);
    expect(Array.from(n.weights())).not.toEqual(first);
    expect(n.grid(data).length).toBe(5 * 40);
    big.free();
    data.free();
    n.free();
  });
});

describe('WASM reproducibility', () => {
  const shape: NetworkShape = { inputSize: 2, hiddenSizes: [6, 4], activation: 'tanh', outputActivation: 'tanh' };
  const init = initParameters(shape, testRandom(21));
  const raw = randomData(2, 73, testRandom(22));
  const epochs = 25;

  /** The bits of every f32 of `values`, as one hex string. */
  function bits(values: Float32Array | Float64Array): string {
    return Array.from(new Uint32Array(Float32Array.from(values).buffer), (b) => b.toString(16).padStart(8, '0')).join('');
  }

  /** Trains `epochs` epochs in one call; returns the bits of the weights and biases. */
  function inOneCall(engine: WasmEngine): string {
    const n = engine.createNetwork(shape);
    n.setParameters(init);
    const data = engine.createDataSet(raw);
    n.trainEpochs(data, settings, epochs);
    const out = bits(n.weights()) + bits(n.biases());
    n.free();
    data.free();
    return out;
  }

  it('trains to bit-identical parameters in a separate instance of the module, whatever else it did first', async () => {
    const first = await loadWasmEngine();
    const reference = inOneCall(first);
    // A second, fresh instance of the module (its own memory), whose heap is laid out
    // differently: earlier allocations leave the network and the data elsewhere.
    vi.resetModules();
    const { loadWasmEngine: loadAgain } = await import('../src/node.js');
    const second = await loadAgain();
    expect(second.memory).not.toBe(first.memory);
    const clutter = Array.from({ length: 37 }, (_, k) => second.createDataSet(randomData(3, 11 + k, testRandom(k + 1))));
    for (const set of clutter.filter((_, k) => k % 2 === 0)) set.free();
    const n = second.createNetwork(shape);
    n.setParameters(init);
    const data = second.createDataSet(raw);
    // One epoch per call, with every read-only call in between: none may change the state.
    for (let e = 0; e < epochs; e++) {
      n.trainEpochs(data, settings, 1);
      n.loss(data);
      n.predict(data);
      n.grid(data);
      n.batchState();
    }
    expect(bits(n.weights()) + bits(n.biases())).toBe(reference);
    n.free();
    data.free();
    for (const set of clutter) set.free();
  });
});
