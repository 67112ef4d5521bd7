/**
 * Optimizers in the trainer: the configuration and the journal record the
 * optimizer and its settings, live changes are journalled events, a move to the
 * other engine keeps the optimizer's state, and `replay(journal())` is exact
 * for each optimizer. A plain SGD run's journal is what it was before.
 */
import { DEFAULT_OPTIMIZER, type Optimizer, type OptimizerSettings } from '@nn/engine';
import { describe, expect, it } from 'vitest';
import type { EngineName, RunJournal, TrainerConfig } from '../src/protocol.js';
import { refusal, trainerOn } from './support.js';

const BASE: TrainerConfig = {
  dataset: 'xor',
  noise: 10,
  percTrainData: 50,
  seed: '0.2468',
  features: ['x', 'y'],
  networkShape: [4, 2],
  activation: 'tanh',
  regularization: 'none',
  regularizationRate: 0,
  learningRate: 0.01,
  batchSize: 10,
  initZero: false,
  stopBelow: null,
  pauseAt: null,
};

const LIVE = { learningRate: 0.01, batchSize: 10, regularization: 'none', regularizationRate: 0, stopBelow: null, pauseAt: null } as const;

function numbers(journal: RunJournal) {
  const { trainLoss, testLoss, weights, biases, checkpoints, engine } = journal;
  return { epochs: journal.run.epochs, trainLoss, testLoss, weights, biases, checkpoints, engine };
}

function opt(optimizer: Optimizer, more: Partial<OptimizerSettings> = {}): OptimizerSettings {
  return { ...DEFAULT_OPTIMIZER, optimizer, ...more };
}

describe.each(['wasm', 'reference'] as EngineName[])('optimizers in the trainer (%s)', (engine) => {
  it.each(['momentum', 'rmsprop', 'adam'] as const)('records %s in the journal and replays it exactly, through live changes and an engine move', async (optimizer) => {
    const other: EngineName = engine === 'wasm' ? 'reference' : 'wasm';
    const trainer = await trainerOn(other, { ...BASE, optimizer: opt(optimizer, { beta2: 0.99 }) });
    trainer.step(20);
    // A change of settings only, then a change of optimizer, then back to SGD.
    trainer.setLive({ ...LIVE, optimizer: opt(optimizer, { momentum: 0.8, beta1: 0.85 }) });
    trainer.step(15);
    trainer.setEngine(engine);
    trainer.step(10);
    trainer.setLive({ ...LIVE, optimizer: opt(optimizer === 'adam' ? 'momentum' : 'adam') });
    trainer.step(10);
    trainer.setLive({ ...LIVE, learningRate: 0.03 });
    trainer.step(5);
    trainer.setLive({ ...LIVE, learningRate: 0.03, optimizer: DEFAULT_OPTIMIZER });
    trainer.step(5);
    const journal = trainer.journal();
    expect(journal.run.config.optimizer).toEqual(opt(optimizer, { beta2: 0.99 }));
    const live = journal.run.events.filter((e) => e.kind === 'live');
    expect(live.map((e) => [e.epoch, e.kind === 'live' ? e.settings.optimizer?.optimizer : undefined])).toEqual([
      [20, optimizer],
      [45, optimizer === 'adam' ? 'momentum' : 'adam'],
      [55, optimizer === 'adam' ? 'momentum' : 'adam'],
      [60, 'sgd'],
    ]);
    const replayed = trainer.replay(journal.run);
    expect(numbers(replayed)).toEqual(numbers(journal));
    // The optimizer matters: the same run under plain SGD ends elsewhere.
    const sgd = trainer.replay({ ...journal.run, config: { ...journal.run.config, optimizer: undefined }, events: [] });
    expect(sgd.weights).not.toEqual(journal.weights);
  });

  it('keeps the optimizer state through a move to the other engine (the next updates are the same)', async () => {
    const other: EngineName = engine === 'wasm' ? 'reference' : 'wasm';
    const config = { ...BASE, optimizer: opt('adam') };
    const moved = await trainerOn(engine, config);
    const stayed = await trainerOn(engine, config);
    for (const t of [moved, stayed]) t.step(12);
    // There and back: the state (Adam's moments and step count) travels both ways.
    moved.setEngine(other);
    moved.setEngine(engine);
    for (const t of [moved, stayed]) t.step(8);
    if (engine === 'reference') {
      // f64 -> f32 -> f64 rounds the numbers: close, not equal.
      const [a, b] = [moved.journal(), stayed.journal()];
      for (let k = 0; k < a.weights.length; k++) expect(Math.abs(a.weights[k]! - b.weights[k]!)).toBeLessThan(1e-5);
    } else {
      // f32 -> f64 -> f32 is exact.
      expect(moved.journal().weights).toEqual(stayed.journal().weights);
    }
  });
});

describe('optimizer settings in the trainer', () => {
  it('leaves a plain SGD run as it was: no optimizer in its config or events', async () => {
    const trainer = await trainerOn('wasm', { ...BASE, optimizer: DEFAULT_OPTIMIZER });
    trainer.step(3);
    trainer.setLive({ ...LIVE, learningRate: 0.1, optimizer: DEFAULT_OPTIMIZER });
    trainer.step(3);
    const journal = trainer.journal();
    expect(journal.run.config).not.toHaveProperty('optimizer');
    expect(journal.run.events).toEqual([{ epoch: 3, kind: 'live', settings: { learningRate: 0.1, batchSize: 10, regularization: 'none', regularizationRate: 0 } }]);
    const plain = await trainerOn('wasm', BASE);
    plain.step(3);
    plain.setLive({ ...LIVE, learningRate: 0.1 });
    plain.step(3);
    expect(plain.journal().weights).toEqual(journal.weights);
  });

  it('keeps the optimizer when live settings leave it out', async () => {
    const trainer = await trainerOn('reference', { ...BASE, optimizer: opt('rmsprop') });
    trainer.step(2);
    trainer.setLive({ ...LIVE, learningRate: 0.02 });
    const { run } = trainer.journal();
    expect(run.events).toEqual([{ epoch: 2, kind: 'live', settings: { learningRate: 0.02, batchSize: 10, regularization: 'none', regularizationRate: 0, optimizer: opt('rmsprop') } }]);
  });

  it('refuses bad optimizer settings, saying why', async () => {
    const trainer = await trainerOn('wasm', BASE);
    const error = refusal(() => trainer.setLive({ ...LIVE, optimizer: opt('adam', { beta1: 1 }) }));
    expect(error.code).toBe('optimizer');
    expect(error.message).toMatch(/beta1 must be at least 0 and less than 1/);
    expect(refusal(() => trainer.load({ ...BASE, optimizer: opt('nesterov' as Optimizer) })).code).toBe('optimizer');
    expect(trainer.journal().run.events).toEqual([]);
  });
});
