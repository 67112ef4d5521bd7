/**
 * Several classes and cross-entropy in the trainer: the network each
 * configuration builds (softmax over k classes, a sigmoid for two-class
 * cross-entropy), accuracy and confusion matrices from the same predictions,
 * runs that replay bit for bit, and refusals of settings that do not fit the
 * data. On the reference engine (the WASM core's softmax and sigmoid come with
 * the core's branch; see `ENGINES`).
 */
import { referenceEngine } from '@nn/engine';
import { describe, expect, it } from 'vitest';
import type { ImportedData, RunJournal, Snapshot, TrainerConfig } from '../src/protocol.js';
import { GRID_DENSITY } from '../src/protocol.js';
import { classified } from '../src/data.js';
import { runConfigOf } from '../src/session.js';
import { refusal, snap, trainerOn } from './support.js';

const reference = { reference: async () => referenceEngine };

/** A 3-arm spiral with Adam, TF's other defaults. */
const ARMS: TrainerConfig = {
  dataset: 'arms',
  classes: 3,
  noise: 0,
  percTrainData: 70,
  seed: '0.31415',
  features: ['x', 'y', 'xSquared', 'ySquared', 'xTimesY', 'sinX', 'sinY'],
  networkShape: [8, 8],
  activation: 'tanh',
  regularization: 'none',
  regularizationRate: 0,
  learningRate: 0.003,
  batchSize: 10,
  initZero: false,
  stopBelow: null,
  pauseAt: null,
  optimizer: { optimizer: 'adam', momentum: 0.9, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 },
};

const XOR: TrainerConfig = {
  ...ARMS,
  dataset: 'xor',
  classes: undefined,
  features: ['x', 'y'],
  networkShape: [4],
  learningRate: 0.03,
  optimizer: undefined,
};

const CELLS = GRID_DENSITY * GRID_DENSITY;

function sum(values: ArrayLike<number>): number {
  let s = 0;
  for (let k = 0; k < values.length; k++) s += values[k]!;
  return s;
}

function diagonal(m: Uint32Array, k: number): number {
  let s = 0;
  for (let c = 0; c < k; c++) s += m[c * k + c]!;
  return s;
}

/** Confusion matrices that hold every point and whose diagonals are the accuracies. */
function expectConsistent(s: Snapshot, k: number): void {
  expect(s.classes).toBe(k);
  const train = s.trainConfusion!;
  const test = s.testConfusion!;
  expect(train).toBeInstanceOf(Uint32Array);
  expect(train).toHaveLength(k * k);
  expect(test).toHaveLength(k * k);
  const [trainSize, testSize] = [s.train!.labels.length, s.test!.labels.length];
  expect(sum(train)).toBe(trainSize);
  expect(sum(test)).toBe(testSize);
  expect(diagonal(train, k) / trainSize).toBe(s.trainAccuracy);
  expect(diagonal(test, k) / testSize).toBe(s.testAccuracy);
  // Row c holds exactly the points of class c.
  const labels = Array.from(s.train!.labels);
  for (let c = 0; c < k; c++) {
    const row = sum(train.subarray(c * k, (c + 1) * k));
    const label = k === 2 ? (c === 0 ? -1 : 1) : c;
    expect(row).toBe(labels.filter((l) => l === label).length);
  }
}

function bits(journal: RunJournal) {
  const { trainLoss, testLoss, weights, biases, checkpoints, engine, diverged } = journal;
  return { epochs: journal.run.epochs, trainLoss, testLoss, weights, biases, checkpoints, engine, diverged };
}

describe('three classes: a softmax over three output nodes', () => {
  it('an arms spiral with Adam trains well below ln 3, and its confusion matrices fill', async () => {
    const trainer = await trainerOn('reference', ARMS, { engines: reference });
    const first = snap(trainer);
    expect(first.layerSizes).toEqual([7, 8, 8, 3]);
    expect(first.grid).toHaveLength((8 + 8 + 3) * CELLS);
    expect(new Set(Array.from(first.train!.labels))).toEqual(new Set([0, 1, 2]));
    // Random weights: about ln 3 per point.
    expect(first.trainLoss).toBeGreaterThan(0.8);
    expect(first.trainLoss).toBeLessThan(1.6);
    expectConsistent(first, 3);
    // Each output map is its class's probability: the three sum to 1 at every cell.
    const out = first.grid.subarray(16 * CELLS);
    for (const cell of [0, 4321, CELLS - 1]) {
      expect(out[cell]! + out[CELLS + cell]! + out[2 * CELLS + cell]!).toBeCloseTo(1, 5);
    }

    trainer.step(200);
    const trained = snap(trainer);
    // ln 3 = 1.0986 is a guess among three; a fifth of it is a network that has learned the arms.
    expect(trained.trainLoss).toBeLessThan(Math.log(3) / 5);
    expect(trained.testLoss).toBeLessThan(Math.log(3) / 2);
    expect(trained.trainAccuracy).toBeGreaterThan(0.9);
    expectConsistentAfter(trained, first);
  });

  it('a journal of a three-class run replays bit for bit (replay and open)', async () => {
    const trainer = await trainerOn('reference', ARMS, { engines: reference });
    trainer.reset();
    trainer.step(9);
    trainer.setLive({ learningRate: 0.02, batchSize: 7, regularization: 'l2', regularizationRate: 0.001, stopBelow: null, pauseAt: null });
    trainer.step(14);
    trainer.setWeight(3, 0.5);
    trainer.step(3);
    const journal = trainer.journal();
    expect(journal.run.config.classes).toBe(3);
    expect(journal.run.config.loss).toBeUndefined();
    const replayed = trainer.replay(journal.run);
    expect(bits(replayed)).toEqual(bits(journal));
    expect(replayed.output).toHaveLength(3 * CELLS);

    const other = await trainerOn('reference', XOR, { engines: reference });
    other.open(journal.run);
    expect(bits(other.journal())).toEqual(bits(journal));
    expect(snap(other).layerSizes).toEqual([7, 8, 8, 3]);
  });

  it('a change of classes makes new data and a new network; runs() train k classes too', async () => {
    const trainer = await trainerOn('reference', ARMS, { engines: reference });
    const before = snap(trainer);
    trainer.reset({ ...ARMS, classes: 5 });
    const after = snap(trainer);
    expect(after.layerSizes).toEqual([7, 8, 8, 5]);
    expect(after.dataVersion).toBe(before.dataVersion + 1);
    expect(new Set(Array.from(after.train!.labels)).size).toBe(5);
    expectConsistent(after, 5);

    const { results } = trainer.runs({ runs: [{ config: { ...ARMS, classes: 4 }, resets: 0 }, { config: XOR, resets: 0 }], epochs: 3 });
    expect(results[0]!.output).toHaveLength(4 * CELLS);
    expect(results[0]!.trainLoss).toHaveLength(4);
    expect(results[1]!.output).toHaveLength(CELLS);
  });
});

/** The same consistency, for a later snapshot without points (they came with `first`). */
function expectConsistentAfter(s: Snapshot, first: Snapshot): void {
  expectConsistent({ ...s, train: first.train!, test: first.test! }, s.classes);
}

describe('two classes with cross-entropy: a sigmoid output', () => {
  it('trains, keeps TF labels and maps p in [0, 1], and replays bit for bit', async () => {
    const config: TrainerConfig = { ...XOR, loss: 'cross-entropy' };
    const trainer = await trainerOn('reference', config, { engines: reference });
    const first = snap(trainer);
    expect(first.layerSizes).toEqual([2, 4, 1]);
    expectConsistent(first, 2);
    const output = first.grid.subarray(4 * CELLS);
    expect(Math.min(...output)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...output)).toBeLessThanOrEqual(1);
    trainer.step(60);
    const trained = snap(trainer);
    expect(trained.trainLoss).toBeLessThan(first.trainLoss);
    expectConsistentAfter(trained, first);

    const journal = trainer.journal();
    expect(journal.run.config.loss).toBe('cross-entropy');
    expect(journal.run.config.classes).toBeUndefined();
    expect(bits(trainer.replay(journal.run))).toEqual(bits(journal));
  });

  it('a change of loss builds a new network on the same data, as a shape change does', async () => {
    const trainer = await trainerOn('reference', XOR, { engines: reference });
    const squared = snap(trainer);
    trainer.step(5);
    snap(trainer);
    trainer.reset({ ...XOR, loss: 'cross-entropy' });
    const ce = snap(trainer);
    expect(ce.networkVersion).toBe(squared.networkVersion + 1);
    expect(ce.dataVersion).toBe(squared.dataVersion);
    expect(ce.epoch).toBe(0);
    // Squared error of tanh at random weights is about 0.5; cross-entropy of a sigmoid about ln 2.
    expect(ce.trainLoss).not.toBe(squared.trainLoss);
    const journal = trainer.journal();
    expect(journal.run.resets).toBe(1);
    expect(bits(trainer.replay(journal.run))).toEqual(bits(journal));
  });
});

describe('records of runs before classes are unchanged', () => {
  it('leaves classes and loss out of the run config at their defaults', async () => {
    const trainer = await trainerOn('reference', XOR, { engines: reference });
    const config = trainer.journal().run.config;
    expect('classes' in config).toBe(false);
    expect('loss' in config).toBe(false);
    const explicit = runConfigOf({ ...XOR, classes: 2, loss: 'squared' });
    expect('classes' in explicit).toBe(false);
    expect('loss' in explicit).toBe(false);
    expect(runConfigOf({ ...ARMS, loss: 'cross-entropy' })).toMatchObject({ classes: 3, loss: 'cross-entropy' });
  });

  it('an old journal (no classes, no loss) still opens as TF’s tanh network', async () => {
    const trainer = await trainerOn('reference', XOR, { engines: reference });
    trainer.step(4);
    const journal = trainer.journal();
    const { classes: _c, loss: _l, ...old } = journal.run.config;
    const other = await trainerOn('reference', ARMS, { engines: reference });
    other.open({ ...journal.run, config: old });
    expect(bits(other.journal())).toEqual(bits(journal));
    expect(snap(other).classes).toBe(2);
  });
});

describe('accuracy and confusion from one set of predictions', () => {
  it('sorts tanh, sigmoid and softmax outputs as documented (NaN counts as wrong)', () => {
    const tanh = classified([0.2, -0.1, 0, NaN], [1, 1, -1, -1], 'tanh', 1);
    // Rows: true -1, true +1; columns: predicted -1, +1.
    expect(Array.from(tanh.confusion)).toEqual([0, 2, 1, 1]);
    expect(tanh.accuracy).toBe(0.25);
    const sigmoid = classified([0.5, 0.51, 0.2], [1, 1, -1], 'sigmoid', 1);
    expect(Array.from(sigmoid.confusion)).toEqual([1, 0, 1, 1]);
    const softmax = classified([0.2, 0.5, 0.3, 0.4, 0.4, 0.2, 0.1, 0.1, 0.8, NaN, 0.5, 0.5], [1, 1, 2, 2], 'softmax', 3);
    // A tie goes to the lower class; a NaN row to the next class's column.
    expect(Array.from(softmax.confusion)).toEqual([0, 0, 0, 1, 1, 0, 1, 0, 1]);
    expect(softmax.accuracy).toBe(0.5);
  });
});

describe('refusals', () => {
  it('refuses classes, losses and data that do not fit, changing nothing', async () => {
    const trainer = await trainerOn('reference', XOR, { engines: reference });
    const version = snap(trainer).version;
    const cases: [TrainerConfig, string, RegExp][] = [
      [{ ...XOR, classes: 3 }, 'classesData', /"xor" has two classes, but 3 classes are chosen: for 3 or more classes choose blobs/],
      [{ ...ARMS, classes: undefined }, 'classesData', /"arms" has from 3 to 6 classes, but 2 classes are chosen/],
      [{ ...XOR, dataset: 'reg-plane', classes: 4 }, 'classesData', /no classes \(regression\)/],
      [{ ...ARMS, classes: 7 }, 'classes', /whole number from 2 to 6; got 7/],
      [{ ...ARMS, classes: 2.5 }, 'classes', /got 2\.5/],
      [{ ...XOR, loss: 'hinge' as never }, 'loss', /Unknown loss "hinge"; use one of squared, cross-entropy/],
    ];
    for (const [config, code, message] of cases) {
      const error = refusal(() => trainer.load(config));
      expect(error.code).toBe(code);
      expect(error.message).toMatch(message);
      expect(refusal(() => trainer.reset(config)).code).toBe(code);
    }
    expect(trainer.frame()?.version ?? version).toBe(version);
  });

  it('refuses imported points of another number of classes, or labels that are not classes', async () => {
    const trainer = await trainerOn('reference', XOR, { engines: reference });
    const points = [
      { x: 1, y: 1, label: 0 },
      { x: -1, y: 1, label: 1 },
      { x: -1, y: -1, label: 2 },
      { x: 1, y: -1, label: 0 },
    ];
    const three: ImportedData = { id: 'three', name: 'three.csv', problem: 'classification', points, classes: 3 };
    const two: ImportedData = { id: 'two', name: 'two.csv', problem: 'classification', points: points.map((p) => ({ ...p, label: p.label === 1 ? 1 : -1 })) };
    expect(refusal(() => trainer.load({ ...XOR, imported: three })).message).toMatch(
      /The imported points have 3 classes, but 2 classes are chosen: choose 3 classes or import points of 2 classes\./,
    );
    expect(refusal(() => trainer.load({ ...ARMS, classes: 4, imported: three })).code).toBe('importClasses');
    expect(refusal(() => trainer.load({ ...ARMS, imported: two })).code).toBe('importClasses');
    const bad = { ...three, points: [...points, { x: 0, y: 0, label: 3 }] };
    expect(refusal(() => trainer.load({ ...ARMS, imported: bad })).code).toBe('importPoint');
    expect(refusal(() => trainer.load({ ...ARMS, imported: { ...three, classes: 9 } })).code).toBe('importClassCount');
    // Points of three classes train with three classes chosen.
    trainer.load({ ...ARMS, imported: three, percTrainData: 50 });
    const s = snap(trainer);
    expect(s.layerSizes.at(-1)).toBe(3);
    expectConsistent(s, 3);
  });
});
