/**
 * The loss landscape: the centre is the current training loss, random
 * directions are filter-normalised, path directions come from the path, and
 * a landscape changes nothing of the run (weights, batch in progress,
 * journal: a replay afterwards still matches).
 */
import { Prng, generatePlaygroundData, toDataSet, type FeatureId } from '@nn/datasets';
import { initParameters, referenceEngine } from '@nn/engine';
import { loadWasmEngine } from '@nn/engine-wasm';
import { describe, expect, it } from 'vitest';
import {
  checkLandscapeRequest,
  computeLandscape,
  filterNormalizedDirection,
  pathDirections,
  planeAxis,
  projectPath,
  type PathPoint,
} from '../src/landscape.js';
import type { EngineName, TrainerConfig } from '../src/protocol.js';
import { refusal, snap, trainerOn } from './support.js';

const BASE: TrainerConfig = {
  dataset: 'spiral',
  noise: 10,
  percTrainData: 50,
  seed: '0.42424',
  features: ['x', 'y', 'sinX', 'sinY'],
  networkShape: [6, 4],
  activation: 'tanh',
  regularization: 'none',
  regularizationRate: 0,
  learningRate: 0.03,
  batchSize: 7,
  initZero: false,
  stopBelow: null,
  pauseAt: null,
};

const ENGINES: EngineName[] = ['wasm', 'reference'];

function norm(values: ArrayLike<number>, from = 0, to = values.length): number {
  let s = 0;
  for (let k = from; k < to; k++) s += values[k]! * values[k]!;
  return Math.sqrt(s);
}

describe('random directions', () => {
  it('are filter-normalised: each node row has the norm of its incoming weights; biases and dead links get 0', () => {
    const layerSizes = [3, 4, 2, 1];
    const rng = new Prng('weights');
    const weights = Array.from({ length: 3 * 4 + 4 * 2 + 2 }, () => rng.next() * 2 - 1);
    const dead = weights.map((_, k) => (k === 5 ? 1 : 0));
    const d = filterNormalizedDirection(layerSizes, weights, dead, new Prng('d'));
    expect(d.biases.length).toBe(4 + 2 + 1);
    expect(Array.from(d.biases).every((b) => b === 0)).toBe(true);
    expect(d.weights[5]).toBe(0);
    let offset = 0;
    let rows = 0;
    for (let l = 1; l < layerSizes.length; l++) {
      for (let j = 0; j < layerSizes[l]!; j++, offset += layerSizes[l - 1]!, rows++) {
        const end = offset + layerSizes[l - 1]!;
        expect(norm(d.weights, offset, end)).toBeCloseTo(norm(weights, offset, end), 12);
      }
    }
    expect(rows).toBe(7);
    // The same seed gives the same direction, another seed another one.
    const again = filterNormalizedDirection(layerSizes, weights, dead, new Prng('d'));
    expect(Array.from(again.weights)).toEqual(Array.from(d.weights));
    const other = filterNormalizedDirection(layerSizes, weights, dead, new Prng('e'));
    expect(Array.from(other.weights)).not.toEqual(Array.from(d.weights));
  });
});

describe('path directions', () => {
  it('find the plane a synthetic path lies in, scaled to its farthest point, and project it back exactly', () => {
    // A path in 6 parameters (4 weights, 2 biases) that lies in the plane of u and v through p.
    const p = [0.5, -0.25, 1, 0, 0.125, -1];
    const u = [1, 0, 0, 1, 0, 0];
    const v = [0, 2, 0, 0, 0, 1];
    const coords: [number, number][] = [
      [3, 1],
      [2, -1],
      [1.5, 0.5],
      [0.5, 0.25],
    ];
    const at = (a: number, b: number) => p.map((x, k) => x + a * u[k]! + b * v[k]!);
    const path: PathPoint[] = coords.map(([a, b], i) => {
      const x = at(a, b);
      return { epoch: (i + 1) * 10, weights: x.slice(0, 4), biases: x.slice(4) };
    });
    const found = pathDirections(path, p.slice(0, 4), p.slice(4));
    expect(found).toBeDefined();
    const { d1, d2, explained } = found!;
    const flat = (d: { weights: ArrayLike<number>; biases: ArrayLike<number> }) => [...Array.from(d.weights), ...Array.from(d.biases)];
    const reach = Math.max(...coords.map(([a, b]) => norm(at(a, b).map((x, k) => x - p[k]!))));
    expect(norm(flat(d1))).toBeCloseTo(reach, 9);
    expect(norm(flat(d2))).toBeCloseTo(reach, 9);
    expect(explained[0]! + explained[1]!).toBeCloseTo(1, 9);
    expect(explained[0]).toBeGreaterThan(explained[1]!);
    // Every path point is back exactly from its projection: the plane holds the path.
    const projected = projectPath(path, p.slice(0, 4), p.slice(4), d1, d2);
    projected.forEach((point, i) => {
      const x = flat(path[i]!);
      const back = p.map((q, k) => q + point.alpha * flat(d1)[k]! + point.beta * flat(d2)[k]!);
      back.forEach((value, k) => expect(value).toBeCloseTo(x[k]!, 9));
      expect(Math.hypot(point.alpha, point.beta)).toBeLessThanOrEqual(1 + 1e-9);
      expect(point.epoch).toBe(path[i]!.epoch);
    });
    // No path (or one that never left p): no directions.
    expect(pathDirections([], p.slice(0, 4), p.slice(4))).toBeUndefined();
    expect(pathDirections([path[0]!], p.slice(0, 4), p.slice(4))).toBeUndefined();
  });
});

describe('requests', () => {
  it('have an odd size from 41 to 101, a span in (0, 10], a known kind; the axis is symmetric with 0 exactly in the middle', () => {
    expect(() => checkLandscapeRequest({ size: 41, span: 1, directions: 'random' })).not.toThrow();
    for (const bad of [
      { size: 40, span: 1, directions: 'random' },
      { size: 39, span: 1, directions: 'random' },
      { size: 103, span: 1, directions: 'random' },
      { size: 41.5, span: 1, directions: 'random' },
      { size: 41, span: 0, directions: 'random' },
      { size: 41, span: Number.NaN, directions: 'random' },
      { size: 41, span: 11, directions: 'random' },
      { size: 41, span: 1, directions: 'sideways' },
      { size: 41, span: 1, directions: 'random', seed: '' },
    ]) {
      expect(refusal(() => checkLandscapeRequest(bad as never)).code).toBe('landscape');
    }
    const axis = planeAxis(41, 0.8);
    expect(axis[20]).toBe(0);
    expect(axis[0]).toBe(-0.8);
    expect(axis[40]).toBe(0.8);
    for (let i = 0; i < 41; i++) expect(axis[i]! + axis[40 - i]!).toBe(0);
  });
});

describe.each(ENGINES)('the landscape on %s', (engine) => {
  it('has the current training loss at its centre, and changes neither the network, its batch, nor the journal', async () => {
    const trainer = await trainerOn(engine, BASE);
    trainer.step(13); // 13 epochs of batch 7 leave a batch in progress
    const shown = snap(trainer);
    const before = trainer.journal();
    const result = trainer.landscape({ size: 41, span: 1, directions: 'random' });
    expect(result.losses.length).toBe(41 * 41);
    expect(result.centreLoss).toBe(shown.trainLoss);
    expect(result.losses[20 * 41 + 20]).toBe(shown.trainLoss);
    expect(result.epoch).toBe(13);
    expect(result.seed).toBe('0.42424:landscape');
    const finite = Array.from(result.losses).filter(Number.isFinite);
    expect(Math.max(...finite)).toBeGreaterThan(Math.min(...finite));
    // The slice: t = 0 is the current loss, t = learning rate is the step.
    const { slice } = result;
    expect(slice.losses[slice.t.indexOf(0)]).toBe(shown.trainLoss);
    expect(slice.losses[slice.t.indexOf(0.03)]).toBe(slice.stepLoss);
    expect(slice.gradientNorm).toBeGreaterThan(0);
    // A small step down the gradient lowers the loss; the real update (no regularisation here) is that step.
    expect(slice.stepLoss).toBeLessThan(shown.trainLoss);
    expect(slice.realStepLoss).not.toBeNull();
    expect(Math.abs(slice.realStepLoss! - slice.stepLoss)).toBeLessThan(1e-5);
    // The same request draws the same picture.
    const again = trainer.landscape({ size: 41, span: 1, directions: 'random' });
    expect(Array.from(again.losses)).toEqual(Array.from(result.losses));
    // Nothing changed: no new snapshot, same journal, and training on stays exact.
    expect(trainer.frame()).toBeUndefined();
    expect(trainer.journal()).toEqual(before);
    trainer.step(11);
    const after = trainer.journal();
    expect(trainer.replay(after.run).weights).toEqual(after.weights);
    // Path directions come from the training timeline: drawn once the run has a path,
    // refused on a fresh run (one point, at epoch 0).
    expect(trainer.landscape({ size: 41, span: 1, directions: 'path' }).directions).toBe('path');
    trainer.reset();
    expect(refusal(() => trainer.landscape({ size: 41, span: 1, directions: 'path' })).code).toBe('landscapePath');
    expect(refusal(() => trainer.landscape({ size: 42, span: 1, directions: 'random' })).code).toBe('landscape');
  });

  it('is refused, saying why, once the network has diverged', async () => {
    const trainer = await trainerOn(engine, { ...BASE, dataset: 'reg-plane', learningRate: 10, networkShape: [8, 8] });
    trainer.play();
    let s = snap(trainer);
    for (let k = 0; k < 20 && !s.diverged; k++) s = snap(trainer);
    expect(s.diverged).toBe(true);
    const refused = refusal(() => trainer.landscape({ size: 41, span: 1, directions: 'random' }));
    expect(refused.code).toBe('landscape');
    expect(refused.params.what).toBe('network');
  });
});

describe.each(ENGINES)('path directions on %s', (engineName) => {
  it('put a real training path on the plane: within [-1, 1], ending at the centre, mostly in two directions', async () => {
    const engine = engineName === 'wasm' ? await loadWasmEngine() : referenceEngine;
    const features: FeatureId[] = ['x', 'y', 'sinX', 'sinY'];
    const shape = { inputSize: 4, hiddenSizes: [6, 4], activation: 'tanh', outputActivation: 'tanh' } as const;
    const { train, rng } = generatePlaygroundData({ dataset: 'spiral', noise: 10, trainRatio: 50, seed: '0.42424' });
    const data = toDataSet(train, features);
    const network = engine.createNetwork(shape);
    const trainSet = engine.createDataSet(data);
    const settings = { learningRate: 0.03, batchSize: 10, regularization: 'none', regularizationRate: 0 } as const;
    try {
      network.setParameters(initParameters(shape, () => rng.next()));
      const path: PathPoint[] = [];
      for (let epoch = 1; epoch <= 16; epoch *= 2) {
        network.trainEpochs(trainSet, settings, epoch - (path.at(-1)?.epoch ?? 0));
        path.push({ epoch, weights: network.weights().slice(), biases: network.biases().slice() });
      }
      network.trainEpochs(trainSet, settings, 16);
      const weights = Array.from(network.weights());
      const result = computeLandscape(
        { engine, network, trainSet, train: data, settings, epoch: 32, runSeed: '0.42424' },
        { size: 41, span: 1, directions: 'path' },
        path,
      );
      expect(Array.from(network.weights())).toEqual(weights);
      expect(result.centreLoss).toBe(network.loss(trainSet));
      expect(result.pathPoints).toBe(5);
      expect(result.seed).toBe('');
      expect(result.path.map((p) => p.epoch)).toEqual([1, 2, 4, 8, 16, 32]);
      expect(result.path.at(-1)).toEqual({ epoch: 32, alpha: 0, beta: 0 });
      for (const point of result.path) {
        expect(Math.abs(point.alpha)).toBeLessThanOrEqual(1 + 1e-9);
        expect(Math.abs(point.beta)).toBeLessThanOrEqual(1 + 1e-9);
      }
      // The oldest point is the farthest: it reaches the plane's edge along some direction.
      expect(Math.hypot(result.path[0]!.alpha, result.path[0]!.beta)).toBeGreaterThan(0.5);
      const [first, second] = result.explained as [number, number];
      expect(first).toBeGreaterThanOrEqual(second);
      expect(first + second).toBeGreaterThan(0.9);
      expect(first + second).toBeLessThanOrEqual(1 + 1e-9);
    } finally {
      network.free();
      trainSet.free();
    }
  });
});
