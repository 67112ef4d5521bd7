import { generatePlaygroundData, toDataSet } from '@nn/datasets';
import {
  DEFAULT_OPTIMIZER,
  initParameters,
  referenceEngine,
  type Engine,
  type NetworkShape,
  type Optimizer,
  type TrainSettings,
} from '@nn/engine';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadWasmEngine } from '../src/node.js';

/**
 * Every optimizer over 100 epochs on the WASM core and the reference: the losses
 * after every 10 epochs agree within a stated tolerance, and each optimizer
 * trains (its training loss falls well below the start), so agreement is not
 * that of two networks standing still.
 */
const shape: NetworkShape = { inputSize: 2, hiddenSizes: [4, 2], activation: 'tanh', outputActivation: 'tanh' };

// Measured worst loss differences over the 100 epochs: SGD 4e-7, momentum 1.8e-7,
// RMSProp 1.2e-6, Adam 7e-8 (the losses fall from 0.53 to 0.001 .. 0.03).
const cases: Array<{ optimizer: Optimizer; learningRate: number; tolerance: number }> = [
  { optimizer: 'sgd', learningRate: 0.03, tolerance: 5e-6 },
  { optimizer: 'momentum', learningRate: 0.01, tolerance: 5e-6 },
  { optimizer: 'rmsprop', learningRate: 0.003, tolerance: 5e-6 },
  { optimizer: 'adam', learningRate: 0.003, tolerance: 5e-6 },
];

describe('optimizers: WASM core vs reference over 100 epochs', () => {
  let wasm: Engine;
  beforeAll(async () => {
    wasm = await loadWasmEngine();
  });

  it.each(cases)('$optimizer agrees on the losses every 10 epochs and trains', ({ optimizer, learningRate, tolerance }) => {
    const { train, test, rng } = generatePlaygroundData({ dataset: 'xor', noise: 10, trainRatio: 50, seed: '0.31337' });
    const init = initParameters(shape, () => rng.next());
    const settings: TrainSettings = { learningRate, batchSize: 10, regularization: 'none', regularizationRate: 0, optimizer: { ...DEFAULT_OPTIMIZER, optimizer } };
    const sides = [wasm, referenceEngine].map((engine) => {
      const net = engine.createNetwork(shape);
      net.setParameters(init);
      return { net, train: engine.createDataSet(toDataSet(train, ['x', 'y'])), test: engine.createDataSet(toDataSet(test, ['x', 'y'])) };
    });
    const start = sides[1]!.net.loss(sides[1]!.train);
    let worst = 0;
    for (let round = 0; round < 10; round++) {
      const losses = sides.map((s) => {
        s.net.trainEpochs(s.train, settings, 10);
        return [s.net.loss(s.train), s.net.loss(s.test)];
      });
      for (const k of [0, 1]) {
        const [w, r] = [losses[0]![k]!, losses[1]![k]!];
        worst = Math.max(worst, Math.abs(w - r) / Math.max(1, Math.abs(r)));
      }
    }
    expect(worst).toBeLessThanOrEqual(tolerance);
    expect(sides[1]!.net.loss(sides[1]!.train)).toBeLessThan(start / 2);
    expect(sides[0]!.net.optimizerState().steps).toBe(sides[1]!.net.optimizerState().steps);
    expect(sides[0]!.net.optimizerState().optimizer).toBe(optimizer);
    for (const s of sides) {
      s.net.free();
      s.train.free();
      s.test.free();
    }
  });
});
