/**
 * The training timeline: its memory stays within the stated bound over a run
 * of 10^6 epochs; the page can show an earlier epoch without changing the
 * run; and continuing from an entry is exactly training from that saved
 * state, with a journal that replays to the same bits.
 */
import { DEFAULT_OPTIMIZER } from '@nn/engine';
import { describe, expect, it } from 'vitest';
import type { EngineName, LiveSettings, RunJournal, TrainerConfig } from '../src/protocol.js';
import { TIMELINE_CAPACITY, Timeline, timelineBound, type TimelineEntry } from '../src/timeline.js';
import { refusal, snap, trainerOn } from './support.js';

const BASE: TrainerConfig = {
  dataset: 'spiral',
  noise: 20,
  percTrainData: 70,
  seed: '0.31337',
  features: ['x', 'y', 'xSquared', 'ySquared', 'xTimesY', 'sinX', 'sinY'],
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

function live(patch: Partial<LiveSettings>): LiveSettings {
  const { learningRate, batchSize, regularization, regularizationRate } = BASE;
  return { learningRate, batchSize, regularization, regularizationRate, stopBelow: null, pauseAt: null, ...patch };
}

/** The numbers of a journal that must match bit for bit. */
function numbers(journal: RunJournal) {
  const { trainLoss, testLoss, weights, biases, checkpoints, engine, diverged } = journal;
  return { epochs: journal.run.epochs, events: journal.run.events, trainLoss, testLoss, weights, biases, checkpoints, engine, diverged };
}

/** The heavy network: 7 inputs, six hidden layers of 8, one output. */
const HEAVY = { weights: 7 * 8 + 5 * 8 * 8 + 8, biases: 6 * 8 + 1 };

function heavyEntry(epoch: number): TimelineEntry {
  return {
    epoch,
    weights: new Float64Array(HEAVY.weights).fill(epoch),
    biases: new Float64Array(HEAVY.biases),
    dead: new Uint8Array(HEAVY.weights),
    batch: { weightGradients: new Float64Array(HEAVY.weights), biasGradients: new Float64Array(HEAVY.biases), count: 3 },
    // Adam's two moments: the most an optimizer keeps.
    optimizer: {
      optimizer: 'adam',
      steps: epoch,
      weightMoment1: new Float64Array(HEAVY.weights),
      biasMoment1: new Float64Array(HEAVY.biases),
      weightMoment2: new Float64Array(HEAVY.weights),
      biasMoment2: new Float64Array(HEAVY.biases),
    },
    losses: { trainLoss: 1 / (epoch + 1), testLoss: 1 / (epoch + 1) },
  };
}

describe('Timeline', () => {
  it('stays within its bound over 10^6 epochs of the heavy network, evenly spread', () => {
    expect(HEAVY.weights + HEAVY.biases).toBe(433);
    const bound = timelineBound(HEAVY.weights, HEAVY.biases);
    // "At most a few MB": the bound itself is under 4 MB.
    expect(bound).toBeLessThan(4 * 1024 * 1024);
    const line = new Timeline();
    let most = 0;
    let adds = 0;
    for (let epoch = 0; epoch <= 1_000_000; epoch = line.nextDue(epoch)) {
      // Every epoch the trainer reaches is offered; only due ones are kept.
      expect(line.add(heavyEntry(epoch))).toBe(true);
      adds++;
      most = Math.max(most, line.bytes());
      expect(line.length).toBeLessThanOrEqual(TIMELINE_CAPACITY);
    }
    expect(most).toBeLessThanOrEqual(bound);
    expect(most).toBeGreaterThan(bound / 2);
    // About capacity/2 new entries per doubling: copies are rare.
    expect(adds).toBeLessThan(TIMELINE_CAPACITY * 12);
    const epochs = line.entries().map((e) => e.epoch);
    expect(epochs[0]).toBe(0);
    expect(1_000_000 - epochs[epochs.length - 1]!).toBeLessThan(line.spacing);
    expect(epochs.every((epoch, i) => epoch === i * line.spacing)).toBe(true);
    expect(line.length).toBeGreaterThanOrEqual(TIMELINE_CAPACITY / 2);
    expect(line.path()[5]!.weights[0]).toBe(5 * line.spacing);
  });

  it('refuses entries that are not due and cuts its later entries off as a branch', () => {
    const line = new Timeline(4);
    for (let epoch = 0; epoch <= 8; epoch++) line.add(heavyEntry(epoch));
    expect(line.spacing).toBe(4);
    expect(line.entries().map((e) => e.epoch)).toEqual([0, 4, 8]);
    expect(line.add(heavyEntry(9))).toBe(false);
    expect(line.add(heavyEntry(8))).toBe(false);
    expect(line.cutAfter(4).map((e) => e.epoch)).toEqual([8]);
    expect(line.entries().map((e) => e.epoch)).toEqual([0, 4]);
  });
});

describe.each(ENGINES)('the timeline on %s', (engine) => {
  it('continuing from a snapshot equals training from a saved state', async () => {
    const trainer = await trainerOn(engine, BASE);
    trainer.step(30);
    trainer.setLive(live({ learningRate: 0.1 }));
    trainer.step(170);
    // Later events must not leak back: another learning rate and new data at 200.
    trainer.setLive(live({ learningRate: 0.3, batchSize: 3 }));
    trainer.regenerate('0.99');
    trainer.setWeight(0, 0.5);
    trainer.step(100);
    const before = trainer.journal();
    expect(trainer.timeline().points.some((p) => p.epoch === 100)).toBe(true);

    // Losses of the entries before the Regenerate are on the data of then.
    const fresh100 = await trainerOn(engine, BASE);
    fresh100.step(30);
    fresh100.setLive(live({ learningRate: 0.1 }));
    fresh100.step(70);
    const at100 = trainer.timeline().points.find((p) => p.epoch === 100)!;
    const snap100 = snap(fresh100);
    expect([at100.trainLoss, at100.testLoss]).toEqual([snap100.trainLoss, snap100.testLoss]);

    const move = trainer.continueFrom(100);
    expect(move).toEqual({ epoch: 100, settings: { learningRate: 0.1, batchSize: 7, regularization: 'none', regularizationRate: 0 }, seed: BASE.seed, engine });
    expect(trainer.timeline().branch).toEqual({ from: 100, epoch: 300 });
    expect(trainer.timeline().points.every((p) => p.epoch <= 100)).toBe(true);
    trainer.step(50);
    const continued = trainer.journal();

    const fresh = await trainerOn(engine, BASE);
    fresh.step(30);
    fresh.setLive(live({ learningRate: 0.1 }));
    fresh.step(120);
    expect(numbers(continued)).toEqual(numbers(fresh.journal()));
    expect(continued.run.events.map((e) => [e.kind, e.epoch])).toEqual([['live', 30]]);
    // The cut journal is an exact record: it trains again to the same bits.
    expect(numbers(trainer.replay(continued.run))).toEqual(numbers(continued));

    // Back to the branch: exactly where it was left, its journal whole again.
    const back = trainer.toBranch();
    expect(back).toEqual({ epoch: 300, settings: { learningRate: 0.3, batchSize: 3, regularization: 'none', regularizationRate: 0 }, seed: '0.99', engine });
    expect(numbers(trainer.journal())).toEqual(numbers(before));
    expect(trainer.timeline().branch).toEqual({ from: 100, epoch: 150 });
    trainer.discardBranch();
    expect(trainer.timeline().branch).toBeNull();
    expect(refusal(() => trainer.toBranch()).code).toBe('noBranch');
  });

  it('continues exactly from an epoch that ends inside a batch', async () => {
    // 350 training points in batches of 8: after epoch 101 (35,350 points) a batch holds 6 of them.
    const config = { ...BASE, batchSize: 8 };
    const trainer = await trainerOn(engine, config);
    trainer.step(101);
    expect(trainer.model().state.batch.count).toBe(6);
    trainer.step(50);
    const straight = trainer.journal();
    trainer.continueFrom(101);
    trainer.step(50);
    expect(numbers(trainer.journal())).toEqual(numbers(straight));
  });

  it.each(['momentum', 'adam'] as const)('continues a %s run with its optimizer state, and the cut journal replays', async (optimizer) => {
    const config: TrainerConfig = { ...BASE, batchSize: 8, optimizer: { ...DEFAULT_OPTIMIZER, optimizer } };
    const trainer = await trainerOn(engine, config);
    trainer.step(150);
    const straight = trainer.journal();
    trainer.continueFrom(101);
    trainer.step(49);
    const continued = trainer.journal();
    expect(numbers(continued)).toEqual(numbers(straight));
    expect(numbers(trainer.replay(continued.run))).toEqual(numbers(continued));
  });

  it('shows an earlier epoch without changing the run, and play returns to the present', async () => {
    const trainer = await trainerOn(engine, BASE);
    trainer.step(60);
    const present = snap(trainer);
    const kept = trainer.timeline().points.find((p) => p.epoch === 20)!;
    trainer.showEpoch(20);
    const shown = snap(trainer);
    expect(shown.viewing).toEqual({ epoch: 20, present: 60 });
    expect(shown.epoch).toBe(20);
    expect(shown.trainLoss).toBe(kept.trainLoss);
    expect(shown.testLoss).toBe(kept.testLoss);
    expect(shown.trainLoss).not.toBe(present.trainLoss);
    expect(Array.from(shown.weights)).not.toEqual(Array.from(present.weights));
    expect(shown.grid.length).toBe(present.grid.length);
    expect(Array.from(shown.grid)).not.toEqual(Array.from(present.grid));
    expect(trainer.journal().run.epochs).toBe(60);
    expect(refusal(() => trainer.showEpoch(61)).code).toBe('timelineEpoch');
    trainer.showEpoch(null);
    const again = snap(trainer);
    expect(again.viewing).toBeUndefined();
    expect(Array.from(again.weights)).toEqual(Array.from(present.weights));
    trainer.showEpoch(20);
    trainer.step(1);
    expect(snap(trainer).viewing).toBeUndefined();
    expect(trainer.journal().run.epochs).toBe(61);
  });

  it('keeps its memory within the bound while training, and a new run starts a new timeline', async () => {
    const trainer = await trainerOn(engine, BASE);
    trainer.step(3000);
    const info = trainer.timeline();
    // [7 inputs, 6, 4, 1]: 42 + 24 + 4 weights, 11 biases.
    expect(info.bytes).toBeLessThanOrEqual(timelineBound(70, 11));
    expect(info.points.length).toBeLessThanOrEqual(TIMELINE_CAPACITY);
    expect(info.points[0]!.epoch).toBe(0);
    expect(info.spacing).toBeGreaterThan(1);
    expect(trainer.timelinePath().length).toBe(info.points.length);
    trainer.reset();
    expect(trainer.timeline().points.map((p) => p.epoch)).toEqual([0]);
  });

  it('goes back before a run diverged and trains on from there', async () => {
    const trainer = await trainerOn(engine, { ...BASE, dataset: 'reg-plane', networkShape: [8, 8] });
    trainer.step(20);
    trainer.setLive(live({ learningRate: 10 }));
    let diverged = false;
    for (let k = 0; k < 200 && !diverged; k++) {
      trainer.step(1);
      diverged = snap(trainer).diverged;
    }
    expect(diverged).toBe(true);
    expect(refusal(() => trainer.step(1)).code).toBe('diverged-step');
    // Entries stop where the numbers stopped being finite: each kept one can be shown and continued from.
    const points = trainer.timeline().points;
    expect(points.every((p) => Number.isFinite(p.trainLoss) && Number.isFinite(p.testLoss))).toBe(true);
    trainer.showEpoch(20);
    expect(snap(trainer)).toMatchObject({ diverged: false, epoch: 20, viewing: { epoch: 20 } });
    expect(trainer.continueFrom(20).settings.learningRate).toBe(BASE.learningRate);
    trainer.step(5);
    const journal = trainer.journal();
    expect(journal.diverged).toBe(false);
    expect(journal.run.epochs).toBe(25);
    expect(journal.run.events).toEqual([]);
    expect(numbers(trainer.replay(journal.run))).toEqual(numbers(journal));
  });
});
