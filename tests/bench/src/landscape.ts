/**
 * The loss landscape on the heavy setup: one `Network.lossesOnPlane` call of
 * 41 x 41 pairs along two filter-normalised random directions (what the
 * page's "Loss landscape" draws), after 20 epochs of training, on each engine.
 * The target: under 500 ms on the WASM core.
 */
import { Prng, generatePlaygroundData, toDataSet } from '@nn/datasets';
import { initParameters, type Engine, type NetworkShape } from '@nn/engine';
import { filterNormalizedDirection, planeAxis } from '@nn/trainer';
import { CONFIGS, timePerCall, type BenchOptions } from './bench.js';

export interface LandscapeBenchResult {
  engine: string;
  /** Pairs per call (41 x 41). */
  values: number;
  /** One call. */
  ms: number;
}

export const LANDSCAPE_SIZE = 41;

export function benchLandscape(engine: Engine, options: BenchOptions): LandscapeBenchResult {
  const config = CONFIGS.find((c) => c.name === 'heavy')!;
  const shape: NetworkShape = { inputSize: config.features.length, hiddenSizes: config.hiddenSizes, activation: 'tanh', outputActivation: 'tanh' };
  const { train, rng } = generatePlaygroundData({ dataset: config.dataset, noise: 0, trainRatio: 50, seed: config.seed });
  const net = engine.createNetwork(shape);
  const trainSet = engine.createDataSet(toDataSet(train, config.features));
  try {
    net.setParameters(initParameters(shape, () => rng.next()));
    net.trainEpochs(trainSet, config.settings, 20);
    const weights = net.weights().slice();
    const dead = net.deadLinks().slice();
    const directions = new Prng(`${config.seed}:landscape`);
    const d1 = filterNormalizedDirection(net.layerSizes, weights, dead, directions);
    const d2 = filterNormalizedDirection(net.layerSizes, weights, dead, directions);
    const axis = planeAxis(LANDSCAPE_SIZE, 1);
    const ms = timePerCall(() => {
      net.lossesOnPlane(trainSet, { d1, d2, alphas: axis, betas: axis });
    }, options);
    return { engine: engine.name, values: LANDSCAPE_SIZE * LANDSCAPE_SIZE, ms };
  } finally {
    net.free();
    trainSet.free();
  }
}

export function formatLandscape(results: readonly LandscapeBenchResult[]): string {
  const [wasm, reference] = results as [LandscapeBenchResult, LandscapeBenchResult];
  return [
    `loss landscape ${LANDSCAPE_SIZE} x ${LANDSCAPE_SIZE}, heavy, ms per call (target: wasm under 500)`,
    `  wasm ${wasm.ms.toPrecision(3)}  reference ${reference.ms.toPrecision(3)}  ratio ${(reference.ms / wasm.ms).toFixed(1)}x`,
  ].join('\n');
}
