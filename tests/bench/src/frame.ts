/**
 * What the worker adds to a frame: `Trainer.frame()` at one epoch per frame
 * (the epoch, the divergence check and the snapshot with every node's map)
 * against the raw engine calls the snapshot needs (one epoch, both losses,
 * the grid) on the same configuration. The two are timed in alternating
 * samples, so both see the same machine.
 */
import type { Engine } from '@nn/engine';
import { featureGrid, generatePlaygroundData, toDataSet } from '@nn/datasets';
import { initParameters } from '@nn/engine';
import { Trainer, type TrainerConfig } from '@nn/trainer';
import { CONFIGS, GRID_DENSITY, median, type BenchOptions } from './bench.js';

export interface FrameResult {
  readonly config: string;
  readonly engine: string;
  /** Median milliseconds of one `Trainer.frame()` call that trains one epoch and returns a snapshot. */
  readonly frameMs: number;
  /** Median milliseconds of one epoch + train loss + test loss + grid pass, called on the engine directly. */
  readonly rawMs: number;
}

/** Times one block of `calls` calls, in milliseconds per call. */
function block(fn: () => void, calls: number): number {
  const start = performance.now();
  for (let k = 0; k < calls; k++) fn();
  return (performance.now() - start) / calls;
}

/** Calls per block so one block lasts at least `minSampleMs`. */
function blockSize(fn: () => void, minSampleMs: number): number {
  let calls = 1;
  for (;;) {
    const ms = block(fn, calls) * calls;
    if (ms >= minSampleMs) return calls;
    calls = Math.ceil(calls * Math.max(2, (minSampleMs * 1.2) / Math.max(ms, 1e-3)));
  }
}

export async function benchFrame(engine: Engine, options: BenchOptions, configName = 'heavy'): Promise<FrameResult> {
  const bench = CONFIGS.find((c) => c.name === configName)!;
  const config: TrainerConfig = {
    dataset: bench.dataset,
    noise: 0,
    percTrainData: 50,
    seed: bench.seed,
    features: bench.features,
    networkShape: bench.hiddenSizes,
    activation: 'tanh',
    regularization: bench.settings.regularization,
    regularizationRate: bench.settings.regularizationRate,
    learningRate: bench.settings.learningRate,
    batchSize: bench.settings.batchSize,
    initZero: false,
  };
  const name = engine.name === 'wasm' ? 'wasm' : 'reference';
  const trainer = new Trainer({ [name]: async () => engine });
  await trainer.init();
  trainer.load(config, name);
  trainer.setSpeed(1);
  trainer.play();
  const frame = (): void => {
    const snapshot = trainer.frame();
    // The page hands each map back after drawing it.
    if (snapshot) trainer.recycle([snapshot.grid.buffer as ArrayBuffer]);
  };

  const shape = { inputSize: bench.features.length, hiddenSizes: bench.hiddenSizes, activation: 'tanh', outputActivation: 'tanh' } as const;
  const { train, test, rng } = generatePlaygroundData({ dataset: bench.dataset, noise: 0, trainRatio: 50, seed: bench.seed });
  const net = engine.createNetwork(shape);
  net.setParameters(initParameters(shape, () => rng.next()));
  const trainSet = engine.createDataSet(toDataSet(train, bench.features));
  const testSet = engine.createDataSet(toDataSet(test, bench.features));
  const grid = engine.createDataSet(featureGrid(bench.features, GRID_DENSITY));
  const raw = (): void => {
    net.trainEpochs(trainSet, bench.settings);
    net.loss(trainSet);
    net.loss(testSet);
    net.grid(grid);
  };
  try {
    const frameCalls = blockSize(frame, options.minSampleMs);
    const rawCalls = blockSize(raw, options.minSampleMs);
    const frames: number[] = [];
    const raws: number[] = [];
    for (let s = 0; s < options.samples; s++) {
      frames.push(block(frame, frameCalls));
      raws.push(block(raw, rawCalls));
    }
    return { config: configName, engine: engine.name, frameMs: median(frames), rawMs: median(raws) };
  } finally {
    trainer.dispose();
    net.free();
    trainSet.free();
    testSet.free();
    grid.free();
  }
}

export function formatFrame(results: readonly FrameResult[]): string {
  const rows: string[][] = [['worker frame', 'engine', 'Trainer.frame() ms', 'epoch + losses + grid ms', 'frame / raw']];
  for (const r of results) {
    rows.push([r.config, r.engine, r.frameMs.toFixed(3), r.rawMs.toFixed(3), `${(r.frameMs / r.rawMs).toFixed(2)}x`]);
  }
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)));
  return rows.map((row) => row.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd()).join('\n');
}
