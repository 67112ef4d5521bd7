/**
 * Training with a loss target watched, per epoch, on the heavy setup: the
 * loop the trainer ran (one epoch per call, then both losses) against
 * `Network.trainUntil` (epochs in one call, the test loss only once the
 * training loss is below the target). The target is never reached here, so
 * every epoch pays the check. Each timed block starts from the same weights
 * and trains the same epochs, so both ways compute on the same numbers.
 */
import { generatePlaygroundData, toDataSet } from '@nn/datasets';
import { initParameters, type Engine, type NetworkShape } from '@nn/engine';
import { CONFIGS, timePerCall, type BenchOptions } from './bench.js';

export interface TargetResult {
  engine: string;
  /** One epoch, then `loss(train)` and `loss(test)`. */
  loopEpochMs: number;
  /** One epoch of `trainUntil` (EPOCHS epochs per call). */
  untilEpochMs: number;
}

/** Epochs per timed block, each block from the same first weights. */
const EPOCHS = 20;

export function benchTarget(engine: Engine, options: BenchOptions): TargetResult {
  const config = CONFIGS.find((c) => c.name === 'heavy')!;
  const shape: NetworkShape = {
    inputSize: config.features.length,
    hiddenSizes: config.hiddenSizes,
    activation: 'tanh',
    outputActivation: 'tanh',
  };
  const { train, test, rng } = generatePlaygroundData({ dataset: config.dataset, noise: 0, trainRatio: 50, seed: config.seed });
  const net = engine.createNetwork(shape);
  const init = initParameters(shape, () => rng.next());
  const trainSet = engine.createDataSet(toDataSet(train, config.features));
  const testSet = engine.createDataSet(toDataSet(test, config.features));
  const target = 1e-9;
  try {
    const loopEpochMs =
      timePerCall(() => {
        net.setParameters(init);
        for (let e = 0; e < EPOCHS; e++) {
          net.trainEpochs(trainSet, config.settings, 1);
          if (net.loss(trainSet) < target && net.loss(testSet) < target) throw new Error('unexpectedly reached');
        }
      }, options) / EPOCHS;
    const untilEpochMs =
      timePerCall(() => {
        net.setParameters(init);
        if (net.trainUntil(trainSet, testSet, config.settings, EPOCHS, target).reached) throw new Error('unexpectedly reached');
      }, options) / EPOCHS;
    return { engine: engine.name, loopEpochMs, untilEpochMs };
  } finally {
    net.free();
    trainSet.free();
    testSet.free();
  }
}

export function formatTarget(results: readonly TargetResult[]): string {
  const lines = ['heavy, loss target watched, ms per epoch: epoch + both losses / trainUntil'];
  for (const r of results) {
    lines.push(`  ${r.engine.padEnd(10)} ${r.loopEpochMs.toPrecision(3)} / ${r.untilEpochMs.toPrecision(3)} (${(r.loopEpochMs / r.untilEpochMs).toFixed(2)}x)`);
  }
  return lines.join('\n');
}
