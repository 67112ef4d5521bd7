/**
 * The course's multi-run tools as the trainer runs them (`Trainer.runs`):
 * lesson 3's batch comparison and lesson 8's five runs from new weights, on
 * each engine, with the lessons' fixed seeds. Each figure is the median
 * wall-clock time of one whole `runs()` call (data, networks, every epoch
 * with both losses, the final map).
 */
import type { Engine } from '@nn/engine';
import { Trainer, type RunsRequest, type TrainerConfig } from '@nn/trainer';
import { median, type BenchOptions } from './bench.js';

export interface CourseTask {
  readonly name: string;
  readonly request: Omit<RunsRequest, 'engine'>;
}

const common: Omit<TrainerConfig, 'dataset' | 'networkShape' | 'seed' | 'noise'> = {
  percTrainData: 50,
  features: ['x', 'y'],
  activation: 'tanh',
  regularization: 'none',
  regularizationRate: 0,
  learningRate: 0.03,
  batchSize: 10,
  initZero: false,
};

/** The lessons' own setups (course/lessons.ts): lesson 3's network, lesson 8's small and larger models. */
export const COURSE_TASKS: readonly CourseTask[] = [
  {
    name: 'lesson 3: batch 1 / 10 / all x 100 epochs',
    request: {
      epochs: 100,
      runs: ([1, 10, 'all'] as const).map((batchSize) => ({
        config: { ...common, dataset: 'circle', noise: 0, seed: '0.12345', networkShape: [4], batchSize },
        resets: 0,
      })),
    },
  },
  {
    name: 'lesson 8: 5 runs x 500 epochs, [3]',
    request: {
      epochs: 500,
      runs: [0, 1, 2, 3, 4].map((resets) => ({
        config: { ...common, dataset: 'xor', noise: 20, seed: '0.71845', networkShape: [3] },
        resets,
      })),
    },
  },
  {
    name: 'lesson 8: 5 runs x 500 epochs, [6, 4]',
    request: {
      epochs: 500,
      runs: [0, 1, 2, 3, 4].map((resets) => ({
        config: { ...common, dataset: 'xor', noise: 20, seed: '0.71845', networkShape: [6, 4] },
        resets,
      })),
    },
  },
];

export interface CourseResult {
  readonly task: string;
  readonly engine: string;
  /** Median milliseconds of one runs() call. */
  readonly ms: number;
  /** Final test losses of the runs (the same on both engines, up to rounding). */
  readonly testLosses: number[];
}

export async function benchCourse(
  engines: { wasm: Engine; reference: Engine },
  options: Pick<BenchOptions, 'samples'>,
): Promise<CourseResult[]> {
  const trainer = new Trainer({ wasm: async () => engines.wasm, reference: async () => engines.reference });
  await trainer.init();
  const results: CourseResult[] = [];
  try {
    for (const task of COURSE_TASKS) {
      for (const engine of ['wasm', 'reference'] as const) {
        const request: RunsRequest = { ...task.request, engine };
        const first = trainer.runs(request);
        const times: number[] = [];
        for (let s = 0; s < options.samples; s++) {
          const start = performance.now();
          trainer.runs(request);
          times.push(performance.now() - start);
        }
        results.push({
          task: task.name,
          engine,
          ms: median(times),
          testLosses: first.results.map((r) => r.testLoss[r.testLoss.length - 1]!),
        });
      }
    }
  } finally {
    trainer.dispose();
  }
  return results;
}

/** A plain-text table: each task's time on both engines and reference / wasm. */
export function formatCourse(results: readonly CourseResult[]): string {
  const rows: string[][] = [['course tool (Trainer.runs)', 'wasm ms', 'reference ms', 'reference / wasm', 'final test losses (wasm)']];
  for (const task of [...new Set(results.map((r) => r.task))]) {
    const w = results.find((r) => r.task === task && r.engine === 'wasm');
    const t = results.find((r) => r.task === task && r.engine === 'reference');
    if (!w || !t) continue;
    rows.push([task, w.ms.toFixed(1), t.ms.toFixed(1), `${(t.ms / w.ms).toFixed(1)}x`, w.testLosses.map((l) => l.toFixed(3)).join(' ')]);
  }
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)));
  return rows.map((row) => row.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd()).join('\n');
}
