import {
  featureGrid,
  generatePlaygroundData,
  toDataSet,
  type DatasetName,
  type Example2D,
  type FeatureId,
} from '@nn/datasets';
import { initParameters, type Engine, type EngineDataSet, type Network, type NetworkShape, type TrainSettings } from '@nn/engine';

export const GRID_DENSITY = 100;

export interface SessionConfig {
  dataset: DatasetName;
  features: FeatureId[];
  hiddenSizes: number[];
  seed: string;
  settings: TrainSettings;
}

/**
 * One training session in the page: the data, the network and its handles in
 * the engine. Rune state holds what the page shows; the engine's buffers are
 * read once per frame.
 */
export class Session {
  epoch = $state(0);
  trainLoss = $state(NaN);
  testLoss = $state(NaN);
  /** Output-node map over the grid, row 0 at y = +6 (copied from the engine each frame). */
  outputMap = $state.raw(new Float32Array(0));
  train = $state.raw<Example2D[]>([]);
  test = $state.raw<Example2D[]>([]);
  epochsPerSecond = $state(0);
  diverged = $state(false);

  private network: Network | undefined;
  private trainSet: EngineDataSet | undefined;
  private testSet: EngineDataSet | undefined;
  private gridSet: EngineDataSet | undefined;

  constructor(
    readonly engine: Engine,
    readonly config: SessionConfig,
  ) {
    this.reset();
  }

  reset(): void {
    this.dispose();
    const { dataset, features, hiddenSizes, seed } = this.config;
    const data = generatePlaygroundData({ dataset, noise: 0, trainRatio: 50, seed });
    const shape: NetworkShape = {
      inputSize: features.length,
      hiddenSizes,
      activation: 'tanh',
      outputActivation: dataset.startsWith('reg') ? 'linear' : 'tanh',
    };
    this.network = this.engine.createNetwork(shape);
    this.network.setParameters(initParameters(shape, () => data.rng.next()));
    this.trainSet = this.engine.createDataSet(toDataSet(data.train, features));
    this.testSet = this.engine.createDataSet(toDataSet(data.test, features));
    this.gridSet = this.engine.createDataSet(featureGrid(features, GRID_DENSITY));
    this.train = data.train;
    this.test = data.test;
    this.epoch = 0;
    this.diverged = false;
    this.epochsPerSecond = 0;
    this.refresh();
  }

  /** Trains for about `budgetMs` milliseconds (at least one epoch), then refreshes the view. */
  trainFor(budgetMs: number): void {
    const { network, trainSet } = this;
    if (!network || !trainSet || this.diverged) return;
    const start = performance.now();
    let epochs = 0;
    do {
      network.trainEpochs(trainSet, this.config.settings);
      epochs++;
    } while (performance.now() - start < budgetMs);
    const elapsed = performance.now() - start;
    this.epoch += epochs;
    this.epochsPerSecond = (epochs * 1000) / Math.max(elapsed, 1e-3);
    this.refresh();
  }

  private refresh(): void {
    const { network, trainSet, testSet, gridSet } = this;
    if (!network || !trainSet || !testSet || !gridSet) return;
    this.trainLoss = network.loss(trainSet);
    this.testLoss = network.loss(testSet);
    this.diverged = !Number.isFinite(this.trainLoss) || !Number.isFinite(this.testLoss);
    const grid = network.grid(gridSet);
    const points = GRID_DENSITY * GRID_DENSITY;
    // The output node is the last map; copy it out of the engine's memory.
    this.outputMap = Float32Array.from(grid.subarray((network.nodeCount - 1) * points, network.nodeCount * points));
  }

  dispose(): void {
    this.network?.free();
    this.trainSet?.free();
    this.testSet?.free();
    this.gridSet?.free();
    this.network = this.trainSet = this.testSet = this.gridSet = undefined;
  }
}
