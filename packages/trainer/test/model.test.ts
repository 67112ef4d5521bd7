/**
 * Saved models: `model()` gives the network's whole state (weights, biases,
 * dead links, the batch in progress, the epoch) with its settings, and
 * `openModel()` restores it so that training on gives the same bits as never
 * having saved, on either engine, through JSON. The run's journal then starts
 * from the model, so `replay(journal())` stays exact.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIMIZER, type OptimizerSettings } from '@nn/engine';
import type { EngineName, TrainerConfig, TrainerModel } from '../src/protocol.js';
import { newTrainer, refusal } from './support.js';

const BASE: TrainerConfig = {
  dataset: 'xor',
  noise: 10,
  percTrainData: 50,
  seed: '0.31415',
  features: ['x', 'y', 'xTimesY'],
  networkShape: [4, 3],
  activation: 'tanh',
  regularization: 'l1',
  regularizationRate: 0.003,
  // Batches of 7 on 250 points: an unfinished batch carries over every epoch.
  learningRate: 0.1,
  batchSize: 7,
  initZero: false,
  stopBelow: null,
  pauseAt: null,
};

const ENGINES: EngineName[] = ['wasm', 'reference'];

/** A trainer with both engines loaded (disposed after the test). */
async function ready() {
  const trainer = newTrainer();
  await trainer.init();
  return trainer;
}

/**
 * The model as it comes back from a file: through JSON text, with -0 written
 * as "-0" (JSON.stringify writes "0"; the model file keeps the sign, as
 * @nn/records' serializeModel does, since the WASM core's L1 step tells them apart).
 */
function throughJson(model: TrainerModel): TrainerModel {
  const text = JSON.stringify(model, (_key, value: unknown) => (Object.is(value, -0) ? '\u0000-0' : value));
  return JSON.parse(text.replaceAll('"\\u0000-0"', '-0')) as TrainerModel;
}

describe.each(ENGINES)('saved models on %s', (engine) => {
  it('reopens bit for bit: training on gives the same numbers as never having saved', async () => {
    const saved = await ready();
    saved.load(BASE, engine);
    saved.step(9);
    const model = saved.model();
    expect(model.engine).toBe(engine);
    expect(model.state.epoch).toBe(9);
    // The batch in progress is part of the state (250 points, batches of 7).
    expect(model.state.batch.count).toBeGreaterThan(0);
    expect(model.state.dead.some((d) => d === 1)).toBe(true);
    const file = throughJson(model);
    // Every number comes back with the same bits (f32 values are exact as JSON numbers).
    expect(new Float64Array(file.state.weights)).toEqual(new Float64Array(model.state.weights));
    expect(file.state.batch.weightGradients).toEqual(model.state.batch.weightGradients);

    saved.step(5);
    const expected = saved.journal();

    const opened = await ready();
    opened.load({ ...BASE, seed: 'other', networkShape: [2], learningRate: 0.5 }, engine === 'wasm' ? 'reference' : 'wasm');
    opened.step(3);
    opened.openModel(file);
    const reopened = opened.journal();
    expect(reopened.run.epochs).toBe(9);
    expect(reopened.engine).toBe(engine);
    expect(reopened.weights).toEqual(model.state.weights);
    expect(reopened.run.config).toEqual(model.config);
    opened.step(5);
    const after = opened.journal();
    expect(after.trainLoss).toBe(expected.trainLoss);
    expect(after.testLoss).toBe(expected.testLoss);
    expect(after.weights).toEqual(expected.weights);
    expect(after.biases).toEqual(expected.biases);
    // The checkpoint at epoch 16 is not reached yet; the one at 8 was before the model.
    expect(after.checkpoints).toEqual([]);
    opened.step(3);
    saved.step(3);
    expect(opened.journal().checkpoints).toEqual(saved.journal().checkpoints.filter((c) => c.epoch > 9));
    saved.dispose();
    opened.dispose();
  });

  it('reopens bit for bit at every epoch of the first ten', async () => {
    const saved = await ready();
    saved.load(BASE, engine);
    for (let epoch = 1; epoch <= 10; epoch++) {
      saved.step(1);
      const opened = await ready();
      opened.openModel(throughJson(saved.model()));
      opened.step(2);
      const again = await ready();
      again.load(BASE, engine);
      again.step(epoch + 2);
      expect(opened.journal().weights, `saved at epoch ${epoch}`).toEqual(again.journal().weights);
      expect(opened.journal().biases).toEqual(again.journal().biases);
    }
  });

  it('keeps the journal honest: it starts from the model, and replay(journal()) gives the same bits', async () => {
    const saved = await ready();
    saved.load(BASE, engine);
    // A Reset first: the model's weights are not the ones the seed's first draw gives.
    saved.reset();
    saved.step(4);
    const model = throughJson(saved.model());
    saved.dispose();

    const trainer = await ready();
    trainer.openModel(model);
    trainer.step(6);
    trainer.setWeight(2, 0.5);
    trainer.setLive({ learningRate: 0.03, batchSize: 5, regularization: 'l2', regularizationRate: 0.01, stopBelow: null, pauseAt: null });
    trainer.step(7);
    const journal = trainer.journal();
    expect(journal.run.start?.epoch).toBe(4);
    expect(journal.run.start?.weights).toEqual(model.state.weights);
    expect(journal.run.epochs).toBe(17);
    const replayed = trainer.replay(journal.run);
    expect(replayed.weights).toEqual(journal.weights);
    expect(replayed.trainLoss).toBe(journal.trainLoss);
    expect(replayed.checkpoints).toEqual(journal.checkpoints);
    // Without its start the record would be a different run from the seed.
    const { start: _start, ...fromSeed } = journal.run;
    expect(trainer.replay(fromSeed).weights).not.toEqual(journal.weights);

    // A Reset after opening draws from the seed's stream: a run of its own, without a start.
    trainer.reset();
    const fresh = trainer.journal();
    expect(fresh.run.start).toBeUndefined();
    trainer.step(2);
    expect(trainer.replay(trainer.journal().run).weights).toEqual(trainer.journal().weights);
    trainer.dispose();
  });
});

describe('a saved model that does not fit', () => {
  it('is refused and changes nothing', async () => {
    const saved = await ready();
    saved.load(BASE, 'reference');
    saved.step(2);
    const model = throughJson(saved.model());
    saved.dispose();

    const trainer = await ready();
    trainer.load({ ...BASE, networkShape: [5] }, 'wasm');
    trainer.step(3);
    const before = trainer.journal();
    const bad: TrainerModel[] = [
      { ...model, state: { ...model.state, weights: model.state.weights.slice(1) } },
      { ...model, state: { ...model.state, biases: [...model.state.biases.slice(1), Number.NaN] } },
      { ...model, state: { ...model.state, dead: model.state.dead.map(() => 2) } },
      { ...model, config: { ...model.config, learningRate: -1 } },
      { ...model, engine: 'gpu' as EngineName },
    ];
    for (const m of bad) {
      expect(refusal(() => trainer.openModel(m))).toBeDefined();
      expect(trainer.journal()).toEqual(before);
    }
    trainer.dispose();
  });
});

/** The optimizers that keep a state, with settings other than their defaults. */
const OPTIMIZED: [string, OptimizerSettings][] = [
  ['adam', { ...DEFAULT_OPTIMIZER, optimizer: 'adam', beta1: 0.85, beta2: 0.99 }],
  ['momentum', { ...DEFAULT_OPTIMIZER, optimizer: 'momentum', momentum: 0.7 }],
];

describe.each(ENGINES)('saved models with an optimizer on %s', (engine) => {
  it.each(OPTIMIZED)('carry %s and its state: training on gives the same bits as never having saved', async (_name, optimizer) => {
    const config: TrainerConfig = { ...BASE, learningRate: 0.02, optimizer };
    const saved = await ready();
    saved.load(config, engine);
    saved.step(6);
    const model = saved.model();
    expect(model.config.optimizer).toEqual(optimizer);
    const state = model.state.optimizer!;
    expect(state.optimizer).toBe(optimizer.optimizer);
    // Updates so far: 6 epochs of 250 training points, an update every 7 from each epoch's start.
    expect(state.steps).toBe(6 * Math.floor(250 / 7));
    expect(state.weightMoment1.some((m) => m !== 0)).toBe(true);
    if (optimizer.optimizer === 'adam') expect(state.weightMoment2.some((m) => m > 0)).toBe(true);
    const file = throughJson(model);
    expect(file.state.optimizer).toEqual(state);
    saved.step(5);
    const expected = saved.journal();

    const opened = await ready();
    opened.load({ ...BASE, networkShape: [2] }, engine === 'wasm' ? 'reference' : 'wasm');
    opened.step(2);
    opened.openModel(file);
    expect(opened.model().state.optimizer).toEqual(state);
    expect(opened.journal().run.start?.optimizer).toEqual(state);
    opened.step(5);
    const after = opened.journal();
    expect(after.weights).toEqual(expected.weights);
    expect(after.biases).toEqual(expected.biases);
    expect(after.trainLoss).toBe(expected.trainLoss);
    expect(after.testLoss).toBe(expected.testLoss);

    // The journal carries the state: replay(journal()) gives the same bits, also after live changes.
    opened.setLive({ learningRate: 0.01, batchSize: 5, regularization: 'l2', regularizationRate: 0.01, optimizer, stopBelow: null, pauseAt: null });
    opened.setWeight(1, 0.25);
    opened.step(4);
    const journal = opened.journal();
    const replayed = opened.replay(journal.run);
    expect(replayed.weights).toEqual(journal.weights);
    expect(replayed.biases).toEqual(journal.biases);
    expect(replayed.trainLoss).toBe(journal.trainLoss);
    // Without the optimizer's state the start would be another run.
    const { optimizer: _state, ...withoutState } = journal.run.start!;
    expect(opened.replay({ ...journal.run, start: withoutState }).weights).not.toEqual(journal.weights);
    saved.dispose();
    opened.dispose();
  });
});

describe('a saved optimizer state that does not fit', () => {
  it('is refused and changes nothing', async () => {
    const saved = await ready();
    saved.load({ ...BASE, optimizer: { ...DEFAULT_OPTIMIZER, optimizer: 'adam' } }, 'reference');
    saved.step(2);
    const model = throughJson(saved.model());
    saved.dispose();
    const state = model.state.optimizer!;

    const trainer = await ready();
    trainer.load(BASE, 'wasm');
    trainer.step(3);
    const before = trainer.journal();
    const bad = [
      { ...state, weightMoment1: state.weightMoment1.slice(1) },
      { ...state, biasMoment2: state.biasMoment2.map((m, k) => (k === 0 ? -1 : m)) },
      { ...state, weightMoment1: state.weightMoment1.map((m, k) => (k === 0 ? Number.POSITIVE_INFINITY : m)) },
      { ...state, steps: 1.5 },
      { ...state, steps: -1 },
      { ...state, optimizer: 'lbfgs' as 'adam' },
    ];
    for (const optimizer of bad) {
      expect(refusal(() => trainer.openModel({ ...model, state: { ...model.state, optimizer } }))).toBeDefined();
      expect(trainer.journal()).toEqual(before);
    }
    trainer.dispose();
  });
});
