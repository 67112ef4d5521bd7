import { createHash } from 'node:crypto';
import { featureGrid, generatePlaygroundData, toDataSet, type FeatureId } from '@nn/datasets';
import { initParameters, type NetworkShape, type TrainSettings } from '@nn/engine';
import { expect, it } from 'vitest';
import { loadWasmEngine } from '../src/node.js';

/**
 * Golden bits of the WASM core on the heavy setup (spiral, 7 features, 6 x 8
 * tanh): the kernels may be rewritten for speed, but saved runs must replay
 * to the same bits, so the weights after training (plain, L1 with dead links,
 * L2), the grid and both losses must keep these hashes. Recorded with the
 * core before its kernels were blocked and its update vectorised; change
 * them only together with a change meant to alter the arithmetic (and the
 * product version that records carry).
 */
const features: FeatureId[] = ['x', 'y', 'xSquared', 'ySquared', 'xTimesY', 'sinX', 'sinY'];
const shape: NetworkShape = { inputSize: 7, hiddenSizes: [8, 8, 8, 8, 8, 8], activation: 'tanh', outputActivation: 'tanh' };

function sha(...arrays: ArrayLike<number>[]): string {
  const hash = createHash('sha1');
  for (const a of arrays) hash.update(new Uint8Array(Float32Array.from(a).buffer));
  return hash.digest('hex').slice(0, 12);
}

it('trains, maps and measures the heavy setup to the recorded bits', async () => {
  const engine = await loadWasmEngine();
  const { train, test, rng } = generatePlaygroundData({ dataset: 'spiral', noise: 0, trainRatio: 50, seed: '0.12345' });
  const init = initParameters(shape, () => rng.next());
  const net = engine.createNetwork(shape);
  const trainSet = engine.createDataSet(toDataSet(train, features));
  const testSet = engine.createDataSet(toDataSet(test, features));
  const grid = engine.createDataSet(featureGrid(features, 100));
  const run = (settings: TrainSettings, epochs: number[]): string => {
    net.setParameters(init);
    for (const n of epochs) net.trainEpochs(trainSet, settings, n);
    return sha(net.weights(), net.biases());
  };
  const plain: TrainSettings = { learningRate: 0.03, batchSize: 10, regularization: 'none', regularizationRate: 0 };
  expect(run(plain, [50])).toBe('27338a069ac8');
  expect(run(plain, [1, 2, 3, 44])).toBe('27338a069ac8');
  expect(run({ learningRate: 0.1, batchSize: 7, regularization: 'l1', regularizationRate: 0.01 }, [30])).toBe('f448a4d11f23');
  expect(Array.from(net.deadLinks()).some((d) => d === 1)).toBe(true);
  expect(run({ learningRate: 0.1, batchSize: 3, regularization: 'l2', regularizationRate: 0.01 }, [30])).toBe('1a844add2703');
  expect(sha(net.grid(grid))).toBe('a7c52f0067bd');
  expect([net.loss(trainSet), net.loss(testSet)]).toEqual([0.4529896080493927, 0.4896586239337921]);
  for (const x of [net, trainSet, testSet, grid]) x.free();
});
