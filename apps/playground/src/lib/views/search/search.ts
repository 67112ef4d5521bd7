/**
 * "Search networks": which networks the search tries, how it ranks what they
 * reached, and the link that opens one of them. No DOM, no workers: the
 * panel (SearchView.svelte) trains the candidates on a pool of workers.
 *
 * A candidate is one hidden-layer shape with one activation and one learning
 * rate, on the page's data settings (data set, noise, ratio, features,
 * problem, batch size, regularisation). It trains from several seeds: the
 * page's own seed first, then seeds made from it (`0.20260-2`, ...). A seed
 * sets both the points and the first weights, so a result opened as a link
 * with its seed trains exactly as it did in the search.
 */
import type { Activation } from '@nn/engine';
import type { RunResult, RunsRequest } from '@nn/trainer';
import { MAX_SEED_LENGTH } from '../../state/model.js';
import { serializeHash, toTrainerConfig, type PlaygroundState } from '../../state/hash.js';

/** The shapes, activations, learning rates, seeds and epochs to try. */
export interface SearchSpace {
  /** Most hidden layers, 0..6. */
  readonly maxLayers: number;
  /** Most neurons per hidden layer, 1..8. */
  readonly maxNeurons: number;
  readonly activations: readonly Activation[];
  readonly learningRates: readonly number[];
  /** Seeds (first weights and points) per candidate, 1..5. */
  readonly seeds: number;
  /** Epochs each run trains. */
  readonly epochs: number;
}

export const SEARCH_ACTIVATIONS: readonly Activation[] = ['relu', 'tanh', 'sigmoid', 'linear'];
export const SEARCH_LEARNING_RATES: readonly number[] = [0.003, 0.01, 0.03, 0.1, 0.3];
export const SEARCH_EPOCHS: readonly number[] = [100, 300, 500, 1000];
export const MAX_LAYERS = 6;
export const MAX_NEURONS = 8;
export const MAX_SEEDS = 5;
/** Deeper than this, only shapes with every layer equally wide are tried (a sample of the rest). */
export const ALL_SHAPES_UP_TO = 2;
/** Most runs (candidates times seeds) one search trains. */
export const MAX_SEARCH_RUNS = 6000;

export const DEFAULT_SPACE: SearchSpace = {
  maxLayers: 2,
  maxNeurons: 4,
  activations: ['relu', 'tanh', 'sigmoid', 'linear'],
  learningRates: [0.03, 0.1, 0.3],
  seeds: 3,
  epochs: 500,
};

/**
 * What counts as reaching the goal: the test loss at most `value` (lesson 7's
 * third task: "a test loss of 0.177 or lower"), or with `both` the training
 * and the test loss under `value` (the homework: "both losses under 0.1").
 */
export interface SearchTarget {
  readonly value: number;
  readonly both: boolean;
}

export const LESSON_TARGET: SearchTarget = { value: 0.177, both: false };
export const HOMEWORK_TARGET: SearchTarget = { value: 0.1, both: true };

export interface Candidate {
  /** Neurons per hidden layer, input side first. */
  readonly shape: readonly number[];
  readonly activation: Activation;
  readonly learningRate: number;
}

/** Total hidden neurons. */
export function nodesOf(shape: readonly number[]): number {
  return shape.reduce((sum, n) => sum + n, 0);
}

/** Smaller first: fewer neurons, then fewer layers, then the shape read left to right. */
function compareShapes(a: readonly number[], b: readonly number[]): number {
  const byNodes = nodesOf(a) - nodesOf(b);
  if (byNodes !== 0) return byNodes;
  if (a.length !== b.length) return a.length - b.length;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

/**
 * Hidden-layer shapes of 0..maxLayers layers of 1..maxNeurons neurons,
 * smallest first: every shape up to ALL_SHAPES_UP_TO layers, and deeper only
 * those with all layers equally wide (8^6 shapes would be far too many).
 */
export function shapesOf(maxLayers: number, maxNeurons: number): number[][] {
  const shapes: number[][] = [[]];
  let layer: number[][] = [[]];
  for (let depth = 1; depth <= Math.min(maxLayers, ALL_SHAPES_UP_TO); depth++) {
    layer = layer.flatMap((shape) => Array.from({ length: maxNeurons }, (_, i) => [...shape, i + 1]));
    shapes.push(...layer);
  }
  for (let depth = ALL_SHAPES_UP_TO + 1; depth <= maxLayers; depth++) {
    for (let n = 1; n <= maxNeurons; n++) shapes.push(Array.from({ length: depth }, () => n));
  }
  return shapes.sort(compareShapes);
}

/**
 * Every candidate of `space`, smallest network first. A network without
 * hidden layers has no hidden activation, so it is tried once per learning
 * rate (with the first activation asked for).
 */
export function candidatesOf(space: SearchSpace): Candidate[] {
  const candidates: Candidate[] = [];
  if (space.activations.length === 0) return candidates;
  for (const shape of shapesOf(space.maxLayers, space.maxNeurons)) {
    const activations = shape.length === 0 ? space.activations.slice(0, 1) : space.activations;
    for (const activation of activations) {
      for (const learningRate of space.learningRates) candidates.push({ shape, activation, learningRate });
    }
  }
  return candidates;
}

/** The seeds a candidate trains from: `base` itself, then `base-2`, `base-3`, ... (cut to fit the seed's length). */
export function seedsOf(base: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    if (i === 0) return base;
    const suffix = `-${i + 1}`;
    return base.slice(0, MAX_SEED_LENGTH - suffix.length) + suffix;
  });
}

/** The page's settings with the candidate's network and one seed: what an opened result shows. */
export function candidateState(state: PlaygroundState, candidate: Candidate, seed: string): PlaygroundState {
  return {
    ...state,
    networkShape: [...candidate.shape],
    activation: candidate.activation,
    learningRate: candidate.learningRate,
    seed,
  };
}

/** The link (a hash) that opens `candidate` trained from `seed` on the page's other settings. */
export function candidateLink(state: PlaygroundState, candidate: Candidate, seed: string): string {
  return `#${serializeHash(candidateState(state, candidate, seed))}`;
}

/** The runs() request that trains `candidate` once from each seed, with the page's settings otherwise. */
export function candidateRequest(state: PlaygroundState, candidate: Candidate, seeds: readonly string[], epochs: number): RunsRequest {
  return {
    runs: seeds.map((seed) => ({ config: toTrainerConfig(candidateState(state, candidate, seed)), resets: 0 })),
    epochs,
    engine: state.engine,
  };
}

/** One run's final losses. */
export interface SeedResult {
  readonly seed: string;
  readonly trainLoss: number;
  readonly testLoss: number;
  readonly diverged: boolean;
}

/** A candidate and how its runs ended. */
export interface Outcome {
  readonly candidate: Candidate;
  readonly nodes: number;
  readonly runs: readonly SeedResult[];
  /** Lowest and median final test loss of the runs that did not diverge (Infinity when all diverged). */
  readonly best: number;
  readonly median: number;
  /** Seeds whose run reached the target. */
  readonly reached: readonly string[];
  /** The lowest test loss among the runs that reached it (Infinity when none did). */
  readonly bestReached: number;
}

function last(curve: Float32Array): number {
  return curve.length > 0 ? curve[curve.length - 1]! : Number.NaN;
}

export function seedResult(seed: string, result: RunResult): SeedResult {
  return { seed, trainLoss: last(result.trainLoss), testLoss: last(result.testLoss), diverged: result.diverged };
}

/** Whether a run ended at the target. */
export function reaches(run: SeedResult, target: SearchTarget): boolean {
  if (run.diverged || !Number.isFinite(run.testLoss)) return false;
  if (target.both) return run.testLoss < target.value && run.trainLoss < target.value;
  return run.testLoss <= target.value;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Infinity;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function outcomeOf(candidate: Candidate, runs: readonly SeedResult[], target: SearchTarget): Outcome {
  const losses = runs.filter((r) => !r.diverged && Number.isFinite(r.testLoss)).map((r) => r.testLoss);
  const reachedRuns = runs.filter((r) => reaches(r, target));
  return {
    candidate,
    nodes: nodesOf(candidate.shape),
    runs,
    best: losses.length > 0 ? Math.min(...losses) : Infinity,
    median: median(losses),
    reached: reachedRuns.map((r) => r.seed),
    bestReached: reachedRuns.length > 0 ? Math.min(...reachedRuns.map((r) => r.testLoss)) : Infinity,
  };
}

/** The same outcome judged against another target. */
export function rejudge(outcome: Outcome, target: SearchTarget): Outcome {
  return outcomeOf(outcome.candidate, outcome.runs, target);
}

/**
 * The outcomes that reached the target, smallest first: fewest neurons, then
 * fewest layers, then the lowest test loss of a run that reached it.
 */
export function ranked(outcomes: readonly Outcome[]): Outcome[] {
  return outcomes
    .filter((o) => o.reached.length > 0)
    .sort((a, b) => a.nodes - b.nodes || a.candidate.shape.length - b.candidate.shape.length || a.bestReached - b.bestReached);
}

/** The outcomes that reached the target with the fewest neurons (and, among those, the fewest layers): the answer. */
export function smallest(outcomes: readonly Outcome[]): Outcome[] {
  const order = ranked(outcomes);
  const first = order[0];
  if (!first) return [];
  return order.filter((o) => o.nodes === first.nodes && o.candidate.shape.length === first.candidate.shape.length);
}

/** The seed of a reached run with the lowest test loss: the one "Open" opens. */
export function bestSeed(outcome: Outcome): string | undefined {
  const reached = outcome.runs.filter((r) => outcome.reached.includes(r.seed));
  reached.sort((a, b) => a.testLoss - b.testLoss);
  return reached[0]?.seed;
}

// ------------------------------------------------------------ availability

/** Epochs a student must have trained in this page (at one go) before the search is offered. */
export const UNLOCK_EPOCHS = 300;

/**
 * Whether the search is offered: it answers the homework, so only after the
 * student has tried: trained a network for UNLOCK_EPOCHS epochs or recorded a
 * run in the experiment log.
 */
export function unlockedBy(epochReached: number, records: number): boolean {
  return epochReached >= UNLOCK_EPOCHS || records > 0;
}
