/**
 * Exact runs: whatever a student did to a run (resets, shape changes, live
 * learning-rate changes, Regenerate, weight and bias edits, a loss target, a
 * move to the other engine), its journal trains again to the same bits,
 * through `replay()` on separate handles and through `open()` into a trainer.
 */
import { describe, expect, it } from 'vitest';
import type { EngineName, RunJournal, RunReplay, Snapshot, TrainerConfig } from '../src/protocol.js';
import { isCheckpointEpoch } from '../src/protocol.js';
import type { Trainer } from '../src/trainer.js';
import { newTrainer, refusal, snap, trainerOn, until } from './support.js';

const BASE: TrainerConfig = {
  dataset: 'spiral',
  noise: 20,
  percTrainData: 70,
  seed: '0.42424',
  features: ['x', 'y', 'xSquared', 'ySquared', 'xTimesY', 'sinX', 'sinY'],
  networkShape: [6, 4],
  activation: 'tanh',
  regularization: 'none',
  regularizationRate: 0,
  learningRate: 0.03,
  batchSize: 10,
  initZero: false,
  stopBelow: null,
  pauseAt: null,
};

const ENGINES: EngineName[] = ['wasm', 'reference'];

/** The final numbers of a journal that must match bit for bit. */
function numbers(journal: RunJournal) {
  return {
    epochs: journal.run.epochs,
    trainLoss: journal.trainLoss,
    testLoss: journal.testLoss,
    weights: journal.weights,
    biases: journal.biases,
    checkpoints: journal.checkpoints,
    engine: journal.engine,
    diverged: journal.diverged,
  };
}

/** A run with everything a student may do to it, ending on `engine`. */
function eventfulRun(trainer: Trainer, engine: EngineName): void {
  const other: EngineName = engine === 'wasm' ? 'reference' : 'wasm';
  trainer.load(BASE, other);
  // Two resets before training; the second with another shape (more numbers drawn).
  trainer.reset();
  trainer.reset({ ...BASE, networkShape: [8, 6, 3] });
  trainer.step(7);
  trainer.setLive({ learningRate: 0.1, batchSize: 10, regularization: 'none', regularizationRate: 0, stopBelow: null, pauseAt: null });
  trainer.step(40);
  trainer.regenerate('0.77777');
  trainer.step(13);
  trainer.setWeight(5, 0.375);
  trainer.setBias(2, -0.25);
  // A loss target trains one epoch per engine call: the bits must not care.
  trainer.setLive({ learningRate: 0.1, batchSize: 10, regularization: 'l2', regularizationRate: 0.001, stopBelow: 0.001, pauseAt: null });
  trainer.step(30);
  trainer.setEngine(engine);
  trainer.setLive({ learningRate: 0.03, batchSize: 7, regularization: 'l2', regularizationRate: 0.001, stopBelow: null, pauseAt: null });
  trainer.step(150);
}

describe.each(ENGINES)('an exact run ending on %s', (engine) => {
  it('keeps its start, every event with its epoch, and checkpoints at powers of two', async () => {
    const trainer = newTrainer();
    await trainer.init();
    eventfulRun(trainer, engine);
    const journal = trainer.journal();
    expect(journal.run.draws).toBeGreaterThan(0);
    expect(journal.run.resets).toBe(2);
    expect(journal.run.config.networkShape).toEqual([8, 6, 3]);
    expect(journal.run.config).not.toHaveProperty('stopBelow');
    expect(journal.run.epochs).toBe(240);
    expect(journal.run.events.map((e) => [e.kind, e.epoch])).toEqual([
      ['live', 7],
      ['regenerate', 47],
      ['weight', 60],
      ['bias', 60],
      ['live', 60],
      ['engine', 90],
      ['live', 90],
    ]);
    expect(journal.checkpoints.map((c) => c.epoch)).toEqual([1, 2, 4, 8, 16, 32, 64, 128]);
    expect(journal.checkpoints.every((c) => isCheckpointEpoch(c.epoch) && typeof c.trainLoss === 'number')).toBe(true);
    expect(journal.engine).toBe(engine);
  });

  it('replays to the same bits on separate handles, leaving the loaded network alone', async () => {
    const trainer = newTrainer();
    await trainer.init();
    eventfulRun(trainer, engine);
    const journal = trainer.journal();
    const before = snap(trainer);
    const result = trainer.replay(journal.run);
    expect(numbers(result)).toEqual(numbers(journal));
    expect(result.run).toEqual(journal.run);
    expect(result.output.length).toBe(100 * 100);
    expect(result.problem).toBe('classification');
    // The loaded network was not touched.
    expect(trainer.frame()).toBeUndefined();
    expect(trainer.journal().weights).toEqual(Array.from(before.weights));
  });

  it('opens into another trainer with the same losses, weights and maps, and goes on exactly', async () => {
    const original = newTrainer();
    await original.init();
    eventfulRun(original, engine);
    const shown = snap(original);
    const opened = newTrainer();
    await opened.init();
    opened.load(BASE, 'reference');
    opened.open(original.journal().run);
    const reopened: Snapshot = snap(opened);
    expect(reopened.epoch).toBe(shown.epoch);
    expect(reopened.engine).toBe(engine);
    expect(reopened.trainLoss).toBe(shown.trainLoss);
    expect(reopened.testLoss).toBe(shown.testLoss);
    expect(Array.from(reopened.weights)).toEqual(Array.from(shown.weights));
    expect(Array.from(reopened.biases)).toEqual(Array.from(shown.biases));
    expect(Array.from(reopened.grid)).toEqual(Array.from(shown.grid));
    expect(reopened.train?.xs).toEqual(shown.train?.xs);
    expect(reopened.playing).toBe(false);
    // Training on from the opened run, and recording again, stays exact.
    for (const t of [original, opened]) {
      t.setWeight(0, 1.5);
      t.step(20);
    }
    const a = original.journal();
    const b = opened.journal();
    expect(numbers(b)).toEqual(numbers(a));
    expect(original.replay(b.run).weights).toEqual(a.weights);
  });
});

describe('a run trained in the background', () => {
  it.each(ENGINES)('replays exactly whatever slices the fastest speed cut it into (%s)', async (engine) => {
    const trainer = await trainerOn(engine, { ...BASE, networkShape: [4] });
    trainer.setSpeed('max');
    trainer.play();
    await until(() => trainer.journal().run.epochs >= 300);
    trainer.pause();
    trainer.setLive({ learningRate: 0.3, batchSize: 10, regularization: 'none', regularizationRate: 0, stopBelow: null, pauseAt: null });
    trainer.play();
    await until(() => trainer.journal().run.epochs >= 600);
    trainer.pause();
    const journal = trainer.journal();
    const replayed = trainer.replay(journal.run);
    expect(numbers(replayed)).toEqual(numbers(journal));
  });
});

describe('what a replay catches', () => {
  it('departs when the start is not the one recorded', async () => {
    const trainer = await trainerOn('wasm', BASE);
    trainer.reset();
    trainer.step(50);
    const journal = trainer.journal();
    const wrong = trainer.replay({ ...journal.run, draws: 0, resets: 0 });
    expect(wrong.weights).not.toEqual(journal.weights);
    expect(wrong.checkpoints[0]!.trainLoss).not.toBe(journal.checkpoints[0]!.trainLoss);
    const right = trainer.replay(journal.run);
    expect(right.weights).toEqual(journal.weights);
  });

  it('keeps the weights of a fresh load after a Regenerate, then draws resets from the new seed', async () => {
    const trainer = await trainerOn('reference', BASE);
    trainer.step(3);
    trainer.regenerate('0.5');
    trainer.reset();
    trainer.step(9);
    const journal = trainer.journal();
    expect(journal.run.config.seed).toBe('0.5');
    expect(journal.run.draws).toBe(0);
    expect(journal.run.resets).toBe(1);
    expect(trainer.replay(journal.run).weights).toEqual(journal.weights);
  });

  it('refuses a run that is not well formed, and changes nothing', async () => {
    const trainer = await trainerOn('wasm', BASE);
    trainer.step(5);
    const { run } = trainer.journal();
    snap(trainer);
    const bad: RunReplay[] = [
      { ...run, draws: -1 },
      { ...run, epochs: 1.5 },
      { ...run, engine: 'gpu' as EngineName },
      { ...run, events: [{ epoch: 9, kind: 'regenerate', seed: '1' }] },
      {
        ...run,
        epochs: 10,
        events: [
          { epoch: 4, kind: 'weight', index: 0, value: 1 },
          { epoch: 2, kind: 'weight', index: 0, value: 1 },
        ],
      },
      { ...run, epochs: 10, events: [{ epoch: 1, kind: 'nudge' } as never] },
    ];
    for (const r of bad) {
      expect(refusal(() => trainer.open(r)).code).toBe('runRecord');
    }
    // Well formed, but an edit no student could make: the ordinary refusals.
    expect(refusal(() => trainer.open({ ...run, epochs: 10, events: [{ epoch: 2, kind: 'weight', index: 10_000, value: 1 }] })).code).toBe(
      'weightIndex',
    );
    expect(refusal(() => trainer.replay({ ...run, config: { ...run.config, learningRate: -1 } })).code).toBe('learningRate');
    expect(trainer.frame()).toBeUndefined();
    expect(trainer.journal().run.epochs).toBe(5);
  });
});
