import { generatePlaygroundData, toDataSet } from '@nn/datasets';
import { initParameters, type NetworkShape } from '@nn/engine';
import { expect, it } from 'vitest';
import { loadWasmEngine } from '../src/node.js';

/**
 * The core's loss is, bit for bit, its documented f32 arithmetic on its own
 * predictions: per tile of 16 points, lane k of four sums adds
 * 0.5 (out - label)^2 of points k, k + 4, k + 8, k + 12 in order; the tile
 * adds its lanes as (l0 + l1) + (l2 + l3); the tiles add up in f64, divided
 * by the count and rounded to f32. Every size from 1 to 50 points exercises
 * every partly filled tile (a build of the core once got 1 ulp wrong on
 * some of them while its predictions were right).
 */
it('computes the loss exactly as the f32 sum of its predictions, for every tile filling', async () => {
  const engine = await loadWasmEngine();
  const shape: NetworkShape = { inputSize: 2, hiddenSizes: [4], activation: 'tanh', outputActivation: 'tanh' };
  const { train, test, rng } = generatePlaygroundData({ dataset: 'circle', noise: 0, trainRatio: 50, seed: '0.12345' });
  const net = engine.createNetwork(shape);
  net.setParameters(initParameters(shape, () => rng.next()));
  const trainSet = engine.createDataSet(toDataSet(train, ['x', 'y']));
  net.trainEpochs(trainSet, { learningRate: 0.03, batchSize: 10, regularization: 'none', regularizationRate: 0 }, 100);
  const all = toDataSet(test, ['x', 'y']);
  const f = Math.fround;
  const wrong: number[] = [];
  for (let m = 1; m <= 50; m++) {
    const data = engine.createDataSet({ inputs: all.inputs.slice(0, 2 * m), labels: all.labels.slice(0, m), inputSize: 2 });
    const loss = net.loss(data);
    const out = Array.from(net.predict(data));
    let total = 0;
    for (let p0 = 0; p0 < m; p0 += 16) {
      const lanes = [0, 0, 0, 0];
      for (let t = 0; t < 4; t++) {
        for (let k = 0; k < 4; k++) {
          const p = p0 + 4 * t + k;
          if (p >= m) continue;
          const e = f(out[p]! - f(all.labels[p]!));
          lanes[k] = f(lanes[k]! + f(f(0.5 * e) * e));
        }
      }
      total += f(f(lanes[0]! + lanes[1]!) + f(lanes[2]! + lanes[3]!));
    }
    if (loss !== f(total / m)) wrong.push(m);
    data.free();
  }
  expect(wrong).toEqual([]);
  net.free();
  trainSet.free();
});
