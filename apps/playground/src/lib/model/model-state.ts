/**
 * A saved model's settings as the page's state: what the controls show after
 * "Open model" (the data set and seed, the features, the network's shape,
 * every training setting and the engine). The session's settings (speed,
 * lesson, hidden controls, ...) stay as they are.
 */
import { FEATURE_IDS, problemOf } from '@nn/datasets';
import type { TrainerModel } from '@nn/trainer';
import { classesOfConfig, type ClassDataset, type PlaygroundState, type RegressionDataset } from '../state/hash.js';

export function stateOfModel(current: PlaygroundState, model: TrainerModel): PlaygroundState {
  const { config } = model;
  const problem = config.imported?.problem ?? problemOf(config.dataset);
  const features: Record<string, boolean> = { cosX: false, cosY: false };
  for (const id of FEATURE_IDS) features[id] = config.features.includes(id);
  const dataset: Partial<Pick<PlaygroundState, 'dataset' | 'regDataset'>> =
    problemOf(config.dataset) === 'regression'
      ? { regDataset: config.dataset as RegressionDataset }
      : { dataset: config.dataset as ClassDataset };
  return {
    ...current,
    ...features,
    ...dataset,
    problem,
    noise: config.noise,
    percTrainData: config.percTrainData,
    seed: config.seed,
    networkShape: [...config.networkShape],
    activation: config.activation,
    regularization: config.regularization,
    regularizationRate: config.regularizationRate,
    learningRate: config.learningRate,
    batchSize: config.batchSize,
    initZero: config.initZero,
    engine: model.engine,
    ...classesOfConfig(config),
  };
}
