/**
 * The network search (views/search/search.ts): which candidates it tries,
 * how it ranks what reached the target, that a result's link trains on the
 * page exactly as it trained in the search, and the teacher's hide flag.
 */
import { referenceEngine } from '@nn/engine';
import { Trainer } from '@nn/trainer';
import { describe, expect, it } from 'vitest';
import { parseHash, serializeHash, toTrainerConfig } from '../src/lib/state/hash.js';

/** Every test link here has its seed. */
const parse = (hash: string) => parseHash(hash, () => 'no-seed');
import { isHidden } from '../src/lib/state/hidden.js';
import {
  DEFAULT_SPACE,
  HOMEWORK_TARGET,
  LESSON_TARGET,
  UNLOCK_EPOCHS,
  bestSeed,
  candidateLink,
  candidateRequest,
  candidatesOf,
  median,
  nodesOf,
  outcomeOf,
  ranked,
  reaches,
  seedResult,
  seedsOf,
  shapesOf,
  smallest,
  unlockedBy,
  type Candidate,
  type SeedResult,
} from '../src/lib/views/search/search.js';

const run = (seed: string, testLoss: number, trainLoss = testLoss, diverged = false): SeedResult => ({
  seed,
  testLoss,
  trainLoss,
  diverged,
});
const candidate = (shape: number[], activation: Candidate['activation'] = 'tanh', learningRate = 0.03): Candidate => ({
  shape,
  activation,
  learningRate,
});

describe('candidates', () => {
  it('tries every shape up to two layers and equal widths deeper, smallest first', () => {
    const shapes = shapesOf(3, 3);
    // [] + 3 + 9 + the three equal-width 3-layer shapes.
    expect(shapes).toHaveLength(1 + 3 + 9 + 3);
    expect(shapes.slice(0, 5)).toEqual([[], [1], [2], [1, 1], [3]]);
    expect(shapes).toContainEqual([2, 2, 2]);
    expect(shapes).not.toContainEqual([1, 2, 3]);
    const nodes = shapes.map(nodesOf);
    expect(nodes).toEqual([...nodes].sort((a, b) => a - b));
    // At equal neurons, fewer layers first.
    expect(shapes.findIndex((s) => s.join() === '3')).toBeLessThan(shapes.findIndex((s) => s.join() === '1,2'));
    expect(shapesOf(0, 8)).toEqual([[]]);
    expect(shapesOf(6, 8).filter((s) => s.length === 6)).toHaveLength(8);
  });

  it('tries every activation and rate per shape, a network without hidden layers once per rate', () => {
    const space = { ...DEFAULT_SPACE, maxLayers: 1, maxNeurons: 2, activations: ['relu', 'tanh'] as const, learningRates: [0.03, 0.1] };
    const list = candidatesOf(space);
    expect(list).toHaveLength(2 + 2 * 2 * 2);
    expect(list.filter((c) => c.shape.length === 0).map((c) => c.activation)).toEqual(['relu', 'relu']);
    expect(list.slice(2, 6)).toEqual([
      candidate([1], 'relu', 0.03),
      candidate([1], 'relu', 0.1),
      candidate([1], 'tanh', 0.03),
      candidate([1], 'tanh', 0.1),
    ]);
    expect(candidatesOf({ ...space, activations: [] })).toEqual([]);
    // The default space: 21 shapes, four activations, three rates.
    expect(candidatesOf(DEFAULT_SPACE)).toHaveLength(3 + 20 * 4 * 3);
  });

  it('trains from the page seed first, then seeds made from it', () => {
    expect(seedsOf('0.20260', 3)).toEqual(['0.20260', '0.20260-2', '0.20260-3']);
    const long = 'a'.repeat(40);
    for (const seed of seedsOf(long, 5)) expect(seed.length).toBeLessThanOrEqual(40);
    expect(new Set(seedsOf(long, 5)).size).toBe(5);
  });
});

describe('ranking', () => {
  it('judges the lesson target on the test loss (at most) and the homework on both losses (under)', () => {
    expect(reaches(run('a', 0.177), LESSON_TARGET)).toBe(true);
    expect(reaches(run('a', 0.178), LESSON_TARGET)).toBe(false);
    expect(reaches(run('a', 0.05, 0.3), LESSON_TARGET)).toBe(true);
    expect(reaches(run('a', 0.05, 0.3), HOMEWORK_TARGET)).toBe(false);
    expect(reaches(run('a', 0.1, 0.05), HOMEWORK_TARGET)).toBe(false);
    expect(reaches(run('a', 0.09, 0.05), HOMEWORK_TARGET)).toBe(true);
    expect(reaches(run('a', 0.01, 0.01, true), LESSON_TARGET)).toBe(false);
    expect(reaches(run('a', Number.NaN), LESSON_TARGET)).toBe(false);
  });

  it('keeps the best and median test loss of the runs that did not diverge', () => {
    const o = outcomeOf(candidate([3]), [run('a', 0.3), run('b', 0.1), run('c', 0.2), run('d', 0.01, 0.01, true)], LESSON_TARGET);
    expect(o.best).toBeCloseTo(0.1);
    expect(o.median).toBeCloseTo(0.2);
    expect(o.reached).toEqual(['b']);
    expect(o.nodes).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBe(Infinity);
  });

  it('ranks what reached the target by neurons, then layers, then loss; the smallest are the answer', () => {
    const outcomes = [
      outcomeOf(candidate([4]), [run('a', 0.02)], LESSON_TARGET),
      outcomeOf(candidate([1, 2]), [run('a', 0.15)], LESSON_TARGET),
      outcomeOf(candidate([3], 'relu'), [run('a', 0.17), run('b', 0.16)], LESSON_TARGET),
      outcomeOf(candidate([3], 'tanh'), [run('a', 0.05)], LESSON_TARGET),
      outcomeOf(candidate([2]), [run('a', 0.3)], LESSON_TARGET),
      outcomeOf(candidate([]), [run('a', 0.5)], LESSON_TARGET),
    ];
    const order = ranked(outcomes).map((o) => `${o.candidate.shape}/${o.candidate.activation}`);
    expect(order).toEqual(['3/tanh', '3/relu', '1,2/tanh', '4/tanh']);
    expect(smallest(outcomes).map((o) => `${o.candidate.shape}/${o.candidate.activation}`)).toEqual(['3/tanh', '3/relu']);
    expect(bestSeed(outcomes[2]!)).toBe('b');
    expect(smallest(outcomes.slice(4))).toEqual([]);
  });
});

describe('availability', () => {
  it('opens after the student trained long enough or recorded a run', () => {
    expect(unlockedBy(0, 0)).toBe(false);
    expect(unlockedBy(UNLOCK_EPOCHS - 1, 0)).toBe(false);
    expect(unlockedBy(UNLOCK_EPOCHS, 0)).toBe(true);
    expect(unlockedBy(0, 1)).toBe(true);
  });

  it('a teacher link hides the search with search_hide=true, and the flag round-trips', () => {
    const { state } = parse('dataset=xor&seed=0.1&search_hide=true');
    expect(isHidden(state, 'search')).toBe(true);
    const written = serializeHash(state);
    expect(written).toContain('search_hide=true');
    expect(isHidden(parse(written).state, 'search')).toBe(true);
    expect(isHidden(parse('dataset=xor&seed=0.1').state, 'search')).toBe(false);
  });
});

describe('a result opens as it trained', () => {
  it('the link gives the page the same network, weights and losses as the search run', async () => {
    const page = parse('dataset=xor&noise=10&seed=0.20260&networkShape=4,2&learningRate=0.03&batchSize=10&engine=reference').state;
    const tried = candidate([3], 'relu', 0.1);
    const seeds = seedsOf(page.seed, 2);
    const epochs = 30;
    const trainer = new Trainer({ reference: async () => referenceEngine });
    await trainer.init();
    const { results } = trainer.runs(candidateRequest(page, tried, seeds, epochs));
    for (const [i, seed] of seeds.entries()) {
      const opened = parse(candidateLink(page, tried, seed).slice(1)).state;
      expect(opened.networkShape).toEqual([3]);
      expect(opened.activation).toBe('relu');
      expect(opened.learningRate).toBe(0.1);
      expect(opened.seed).toBe(seed);
      trainer.load(toTrainerConfig(opened), 'reference');
      trainer.step(epochs);
      const snapshot = trainer.frame()!;
      // The runs keep their curves as float32.
      const searched = seedResult(seed, results[i]!);
      expect(Math.fround(snapshot.testLoss)).toBe(searched.testLoss);
      expect(Math.fround(snapshot.trainLoss)).toBe(searched.trainLoss);
    }
    // Different seeds, different runs.
    expect(results[0]!.testLoss.at(-1)).not.toBe(results[1]!.testLoss.at(-1));
    trainer.dispose();
  });
});
