import { generatePlaygroundData, toDataSet, type DatasetName, type FeatureId } from '@nn/datasets';
import {
  EngineError,
  initParameters,
  referenceEngine,
  type Engine,
  type EngineDataSet,
  type Network,
  type NetworkShape,
  type TrainSettings,
} from '@nn/engine';
import { describe, expect, it } from 'vitest';
import { loadWasmEngine } from '../src/node.js';

/**
 * `trainUntil` on both engines: it stops at the same epoch as training one
 * epoch per call and checking both losses after each (what the trainer did),
 * with the same bits as `trainEpochs`, and computes the test loss only once
 * the training loss is below the target.
 */

const features: FeatureId[] = ['x', 'y'];
const tanhShape: NetworkShape = { inputSize: 2, hiddenSizes: [4, 2], activation: 'tanh', outputActivation: 'tanh' };
const settings: TrainSettings = { learningRate: 0.03, batchSize: 10, regularization: 'none', regularizationRate: 0 };

interface Setup {
  net: Network;
  train: EngineDataSet;
  test: EngineDataSet;
  free(): void;
}

function setup(engine: Engine, dataset: DatasetName = 'circle', flipTest = false, shape = tanhShape): Setup {
  const { train, test, rng } = generatePlaygroundData({ dataset, noise: 0, trainRatio: 50, seed: '0.4242' });
  const net = engine.createNetwork(shape);
  net.setParameters(initParameters(shape, () => rng.next()));
  const testPoints = flipTest ? train.map((p) => ({ ...p, label: -p.label })) : test;
  const trainSet = engine.createDataSet(toDataSet(train, features));
  const testSet = engine.createDataSet(toDataSet(testPoints, features));
  return {
    net,
    train: trainSet,
    test: testSet,
    free() {
      net.free();
      trainSet.free();
      testSet.free();
    },
  };
}

/** Both losses after each epoch, one epoch per call. */
function curve(engine: Engine, epochs: number, dataset: DatasetName = 'circle'): Array<[number, number]> {
  const s = setup(engine, dataset);
  const out: Array<[number, number]> = [];
  for (let e = 0; e < epochs; e++) {
    s.net.trainEpochs(s.train, settings, 1);
    out.push([s.net.loss(s.train), s.net.loss(s.test)]);
  }
  s.free();
  return out;
}

const engines: Array<[string, () => Promise<Engine>]> = [
  ['reference', async () => referenceEngine],
  ['wasm', loadWasmEngine],
];

describe.each(engines)('trainUntil on the %s engine', (_name, load) => {
  it('stops at the first epoch after which both losses are below the target, with trainEpochs bits', async () => {
    const engine = await load();
    const losses = curve(engine, 80);
    const target = Math.max(...losses[59]!) * 1.000001;
    const first = losses.findIndex(([a, b]) => a < target && b < target) + 1;
    expect(first).toBeGreaterThan(1);
    const s = setup(engine);
    const run = s.net.trainUntil(s.train, s.test, settings, 80, target);
    expect(run).toEqual({ epochs: first, reached: true, trainLoss: losses[first - 1]![0], testLoss: losses[first - 1]![1] });
    const twin = setup(engine);
    twin.net.trainEpochs(twin.train, settings, first);
    expect(Array.from(s.net.weights())).toEqual(Array.from(twin.net.weights()));
    expect(Array.from(s.net.biases())).toEqual(Array.from(twin.net.biases()));
    // Cut into several calls, the same epoch and bits.
    const cut = setup(engine);
    let trained = 0;
    let last;
    do {
      last = cut.net.trainUntil(cut.train, cut.test, settings, 7, target);
      trained += last.epochs;
    } while (!last.reached);
    expect(trained).toBe(first);
    expect(Array.from(cut.net.weights())).toEqual(Array.from(s.net.weights()));
    for (const x of [s, twin, cut]) x.free();
  });

  it('computes the test loss only when the training loss is below the target', async () => {
    const engine = await load();
    const s = setup(engine);
    const never = s.net.trainUntil(s.train, s.test, settings, 5, 1e-9);
    expect(never).toMatchObject({ epochs: 5, reached: false, testLoss: null });
    expect(never.trainLoss).toBe(s.net.loss(s.train));
    // A test set the network cannot fit (the training points, labels flipped):
    // the training loss goes below the target, the test loss never does.
    const flipped = setup(engine, 'gauss', true);
    const trainLoss = curve(engine, 60, 'gauss')[59]![0];
    expect(trainLoss).toBeLessThan(0.2);
    const run = flipped.net.trainUntil(flipped.train, flipped.test, settings, 60, trainLoss * 1.2);
    expect(run.epochs).toBe(60);
    expect(run.reached).toBe(false);
    expect(run.trainLoss).toBeLessThan(trainLoss * 1.2);
    expect(run.testLoss).toBeGreaterThanOrEqual(trainLoss * 1.2);
    const none = s.net.trainUntil(s.train, s.test, settings, 0, 0.5);
    expect(none.epochs).toBe(0);
    expect(none.trainLoss).toBeNaN();
    s.free();
    flipped.free();
  });

  it('refuses a bad target before training and stops when training diverges', async () => {
    const engine = await load();
    const s = setup(engine);
    const before = Array.from(s.net.weights());
    for (const bad of [0, -1, NaN, Infinity]) {
      expect(() => s.net.trainUntil(s.train, s.test, settings, 3, bad)).toThrow(EngineError);
    }
    expect(Array.from(s.net.weights())).toEqual(before);
    const wild = setup(engine, 'circle', false, { ...tanhShape, hiddenSizes: [8, 8], activation: 'relu', outputActivation: 'linear' });
    const run = wild.net.trainUntil(wild.train, wild.test, { ...settings, learningRate: 10, batchSize: 1 }, 300, 1e-9);
    wild.free();
    expect(run.epochs).toBeLessThan(300);
    expect(Number.isFinite(Math.fround(run.trainLoss))).toBe(false);
    s.free();
  });
});
