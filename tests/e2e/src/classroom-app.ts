/**
 * Hand-in files made in Node the way the playground makes them: the real
 * Trainer on the real engines trains each row (with a live learning-rate
 * change along the way, so a replay has events to follow), its journal
 * becomes an exact run (@nn/records), and the rows become a hand-in file.
 * The classroom app's tests and its benchmark load these into the built app.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatasetName, FeatureId } from '@nn/datasets';
import { referenceEngine, type Activation } from '@nn/engine';
import { loadWasmEngine } from '@nn/engine-wasm';
import {
  HANDIN_FORMAT,
  HANDIN_VERSION,
  PRODUCT_VERSION,
  exactRunFrom,
  handInRowOf,
  serializeHandIn,
  type HandIn,
  type HandInRow,
  type Student,
} from '@nn/records';
import { Trainer, type EngineName, type TrainerConfig } from '@nn/trainer';
import { defaultState, type PlaygroundState } from '../../../apps/playground/src/lib/state/model.js';
import { serializeHash } from '../../../apps/playground/src/lib/state/hash.js';
import type { Page } from './driver/index.js';

/** The classroom app inside the built site (apps/playground/dist/classroom). */
export const CLASSROOM_PATH = 'classroom/index.html';

/** One homework row to train. */
export interface RowSpec {
  readonly dataset: DatasetName;
  readonly networkShape: readonly number[];
  readonly activation: Activation;
  readonly batchSize: number;
  readonly learningRate: number;
  readonly features: readonly FeatureId[];
  readonly epochs: number;
  readonly seed: string;
  readonly engine?: EngineName;
  /** The homework's 70 % and noise 20 unless given. */
  readonly percTrainData?: number;
  readonly noise?: number;
  /** Halfway through, the learning rate becomes this (a live change the run record keeps). */
  readonly laterLearningRate?: number;
}

/** A trainer on both real engines (dispose it when done). */
export async function nodeTrainer(): Promise<Trainer> {
  const trainer = new Trainer({ wasm: () => loadWasmEngine(), reference: async () => referenceEngine });
  await trainer.init();
  return trainer;
}

function configOf(spec: RowSpec): TrainerConfig {
  return {
    dataset: spec.dataset,
    noise: spec.noise ?? 20,
    percTrainData: spec.percTrainData ?? 70,
    seed: spec.seed,
    features: spec.features,
    networkShape: spec.networkShape,
    activation: spec.activation,
    regularization: 'none',
    regularizationRate: 0,
    learningRate: spec.learningRate,
    batchSize: spec.batchSize,
    initZero: false,
  };
}

/** The playground's link for a row's settings (what "Open" there starts from). */
function hashOf(spec: RowSpec): string {
  const features = new Set<string>(spec.features);
  return serializeHash({
    ...defaultState(spec.seed),
    // The homework's data sets are all classification ones.
    dataset: spec.dataset as PlaygroundState['dataset'],
    noise: spec.noise ?? 20,
    percTrainData: spec.percTrainData ?? 70,
    networkShape: [...spec.networkShape],
    activation: spec.activation,
    learningRate: spec.learningRate,
    batchSize: spec.batchSize,
    engine: spec.engine ?? 'wasm',
    x: features.has('x'),
    y: features.has('y'),
    xSquared: features.has('xSquared'),
    ySquared: features.has('ySquared'),
    xTimesY: features.has('xTimesY'),
    sinX: features.has('sinX'),
    sinY: features.has('sinY'),
  });
}

/** Trains `spec` on `trainer` and returns its homework row with its exact run. */
export function trainRow(trainer: Trainer, spec: RowSpec): HandInRow {
  trainer.load(configOf(spec), spec.engine ?? 'wasm');
  const first = spec.laterLearningRate === undefined ? spec.epochs : Math.max(1, Math.floor(spec.epochs / 2));
  trainer.step(first);
  if (spec.laterLearningRate !== undefined && spec.epochs > first) {
    trainer.setLive({
      learningRate: spec.laterLearningRate,
      batchSize: spec.batchSize,
      regularization: 'none',
      regularizationRate: 0,
      stopBelow: null,
      pauseAt: null,
    });
    trainer.step(spec.epochs - first);
  }
  const run = exactRunFrom(trainer.journal(), hashOf(spec), new Date('2026-12-04T09:00:00Z'));
  // Through JSON, as a file carries it.
  return handInRowOf(JSON.parse(JSON.stringify(run)) as typeof run);
}

export function handInOf(student: Student, rows: readonly HandInRow[]): HandIn {
  return {
    format: HANDIN_FORMAT,
    version: HANDIN_VERSION,
    product: PRODUCT_VERSION,
    student,
    submittedAt: '2026-12-04T10:00:00.000Z',
    rows,
    notes: {},
  };
}

/** The homework's four data sets with settings that reach the target in a few hundred epochs. */
export function homeworkSpecs(seed: string, scale = 1): RowSpec[] {
  return [
    { dataset: 'gauss', networkShape: [2], activation: 'tanh', batchSize: 10, learningRate: 0.03, features: ['x', 'y'], epochs: Math.round(60 * scale), seed },
    { dataset: 'xor', networkShape: [4, 2], activation: 'tanh', batchSize: 10, learningRate: 0.03, features: ['x', 'y', 'xTimesY'], epochs: Math.round(120 * scale), seed, laterLearningRate: 0.01 },
    { dataset: 'circle', networkShape: [4], activation: 'relu', batchSize: 10, learningRate: 0.03, features: ['x', 'y', 'xSquared', 'ySquared'], epochs: Math.round(100 * scale), seed },
    { dataset: 'spiral', networkShape: [6, 6], activation: 'tanh', batchSize: 10, learningRate: 0.03, features: ['x', 'y', 'sinX', 'sinY'], epochs: Math.round(150 * scale), seed },
  ];
}

/** A fresh folder for files a test writes. */
export function tempFolder(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function writeHandIn(folder: string, name: string, handIn: HandIn): string {
  const path = join(folder, name);
  writeFileSync(path, serializeHandIn(handIn));
  return path;
}

/** How many rows of the class table have each status now. */
export async function statusCounts(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const counts: Record<string, number> = {};
    for (const row of document.querySelectorAll<HTMLElement>('[data-testid="class-row"]')) {
      const status = row.dataset.status ?? '?';
      counts[status] = (counts[status] ?? 0) + 1;
    }
    return counts;
  });
}

/** The progress bar's value and max (undefined before the first file). */
export async function progressOf(page: Page): Promise<{ done: number; total: number } | undefined> {
  return page.evaluate(() => {
    const bar = document.querySelector('progress');
    return bar ? { done: bar.value, total: bar.max } : undefined;
  });
}
