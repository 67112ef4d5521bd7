/**
 * Two runs side by side: run A, pinned from the playground (or replayed from
 * a record of the experiment log), against the run the playground trains now
 * (B). A keeps its settings, its output map, its loss curves and its final
 * numbers; nothing of it lives in the worker.
 */
import { GRID_DENSITY, type PointsSnapshot, type ReplayResult } from '@nn/trainer';
import type { LossHistory } from '../../playground/loss-history.svelte.js';
import type { Playground } from '../../playground.svelte.js';
import type { RunRecord } from '../../course/log/records.js';
import { activeFeatures, datasetOf, parseHash, type PlaygroundState } from '../../state/hash.js';
import type { LossName } from '@nn/trainer';
import type { MapScale } from '@nn/ui';
import { outputNodesOf, outputScaleOf } from '../../components/outputScale.js';

/** The pinned run A. */
export interface PinnedRun {
  readonly settings: PlaygroundState;
  /** The output nodes' GRID_DENSITY² maps, node-major (one map, or one per class of a softmax; empty if the run diverged). */
  readonly output: Float32Array;
  /** Classes of the run (snapshot's `classes`: 0 regression, 2, or 3..6 with a softmax output). */
  readonly classes: number;
  /** How `output` is drawn (the winning class, a sigmoid's p, or TF's scale). */
  readonly scale: MapScale;
  readonly train: PointsSnapshot | undefined;
  readonly test: PointsSnapshot | undefined;
  readonly history: LossHistory;
  readonly epoch: number;
  readonly trainLoss: number;
  readonly testLoss: number;
  /** The experiment log's record number it was replayed from, if any. */
  readonly record?: number;
}

const MAP_POINTS = GRID_DENSITY * GRID_DENSITY;

/** The output nodes' maps of a snapshot grid: the last `outputs` maps (one, or a softmax's k). */
export function outputOf(grid: Float32Array, outputs = 1): Float32Array {
  const size = outputs * MAP_POINTS;
  return grid.length >= size ? grid.slice(grid.length - size) : new Float32Array(0);
}

/** The two-class loss of a page's settings. */
export function lossOf(settings: PlaygroundState): LossName {
  return settings.loss;
}

/** Classes of a run from its settings, for a replayed record (whose result has no snapshot). */
export function classesOf(settings: PlaygroundState): number {
  if (settings.problem !== 'classification') return 0;
  return settings.classes >= 3 ? settings.classes : 2;
}

export class Comparison {
  pinned = $state.raw<PinnedRun | undefined>(undefined);

  /** Pins the playground's run as it is shown now; false when there is nothing to pin yet. */
  pin(playground: Playground): boolean {
    const snapshot = playground.snapshot;
    if (!snapshot) return false;
    const { epochs, train, test } = playground.history;
    const classes = snapshot.classes ?? classesOf(playground.state);
    this.pinned = {
      settings: playground.state,
      output: outputOf(snapshot.grid, outputNodesOf(classes)),
      classes,
      scale: outputScaleOf(classes, lossOf(playground.state)),
      train: playground.train,
      test: playground.test,
      history: { epochs: [...epochs], train: [...train], test: [...test] },
      epoch: snapshot.epoch,
      trainLoss: snapshot.trainLoss,
      testLoss: snapshot.testLoss,
    };
    return true;
  }

  /** Pins a replayed record: its settings, its map and its losses at the checkpoints and at the end. */
  pinReplay(settings: PlaygroundState, result: ReplayResult, record: number): void {
    const points = result.checkpoints.filter((c) => c.epoch < result.run.epochs && c.trainLoss !== null && c.testLoss !== null);
    const classes = classesOf(settings);
    // A softmax run's replay may hand back every class's map, or only the last node's (the last class's probability).
    const whole = result.output.length === outputNodesOf(classes) * MAP_POINTS;
    this.pinned = {
      settings,
      output: result.output,
      classes,
      scale: whole ? outputScaleOf(classes, lossOf(settings)) : { kind: 'class', class: classes - 1 },
      train: result.train,
      test: result.test,
      history: {
        epochs: [...points.map((c) => c.epoch), result.run.epochs],
        train: [...points.map((c) => c.trainLoss!), result.trainLoss],
        test: [...points.map((c) => c.testLoss!), result.testLoss],
      },
      epoch: result.run.epochs,
      trainLoss: result.trainLoss,
      testLoss: result.testLoss,
      record,
    };
  }

  unpin(): void {
    this.pinned = undefined;
  }
}

/** The page's one comparison (the output panel shows it; the experiment log pins into it). */
export const comparison = new Comparison();

/** Settings compared between A and B, by the key of their name (timeline:compare.settings.*). */
export const COMPARED = [
  'dataset',
  'noise',
  'percTrainData',
  'seed',
  'features',
  'networkShape',
  'classes',
  'loss',
  'activation',
  'optimizer',
  'learningRate',
  'batchSize',
  'regularization',
  'regularizationRate',
  'initZero',
  'engine',
] as const;
export type ComparedSetting = (typeof COMPARED)[number];

/** A setting's value as the table shows it. */
export function settingValue(state: PlaygroundState, key: ComparedSetting): string {
  switch (key) {
    case 'dataset':
      return datasetOf(state);
    case 'features':
      return activeFeatures(state).join(', ');
    case 'networkShape':
      return state.networkShape.length === 0 ? '–' : state.networkShape.join(', ');
    default:
      return String(state[key]);
  }
}

/** The settings whose values differ between A and B, with both values. */
export function differences(a: PlaygroundState, b: PlaygroundState): { key: ComparedSetting; a: string; b: string }[] {
  return COMPARED.map((key) => ({ key, a: settingValue(a, key), b: settingValue(b, key) })).filter((row) => row.a !== row.b);
}

/**
 * Pins a record of the experiment log as A: its run replayed in the worker
 * (the playground's own run is not touched). 'noRun' for a record kept
 * without its exact run; 'failed' when the worker refused (a notice says why).
 */
export async function pinRecord(playground: Playground, record: RunRecord): Promise<'pinned' | 'noRun' | 'failed'> {
  if (!record.run) return 'noRun';
  const settings = parseHash(record.hash, () => record.seed).state;
  const result = await playground.replay(record.run.run);
  if (!result) return 'failed';
  comparison.pinReplay(settings, result, record.id);
  return 'pinned';
}
