/**
 * @nn/datasets: TensorFlow Playground's data — a seedrandom-compatible PRNG,
 * the six data sets and four of several classes, shuffle and train/test split, the seven input features,
 * the decision-map grid, and CSV/JSON import of a user's own points.
 */
export { DatasetError } from './errors.js';
export type { DatasetErrorCode, DatasetErrorParams } from './errors.js';
export { Prng, randUniform, normalRandom, randomSeed } from './prng.js';
export type { RandomSource } from './prng.js';
export {
  classifyCircleData,
  classifyXorData,
  classifyTwoGaussData,
  classifySpiralData,
  regressPlane,
  regressGaussian,
  classifyBlobsData,
  classifyArmsData,
  classifyRingsData,
  classifySectorsData,
  classCount,
  blobCentre,
  ringLabel,
  sectorLabel,
  BLOB_RADIUS,
  MIN_DATASET_CLASSES,
  MAX_DATASET_CLASSES,
  MULTI_CLASS_DATASET_NAMES,
  isMultiClass,
  circleLabel,
  xorLabel,
  planeLabel,
  regGaussLabel,
  REG_GAUSSIANS,
  linearScale,
  DATASETS,
  DATASET_NAMES,
  isDatasetName,
  problemOf,
  cleanLabel,
} from './generators.js';
export type {
  Example2D,
  DataGenerator,
  Problem,
  DatasetName,
  TwoClassDatasetName,
  MultiClassDatasetName,
  DatasetInfo,
} from './generators.js';
export { shuffle, splitTrainTest } from './split.js';
export {
  generatePlaygroundData,
  splitPlaygroundPoints,
  validatePlaygroundDataOptions,
  NUM_SAMPLES_CLASSIFY,
  NUM_SAMPLES_REGRESS,
  MAX_SAMPLES,
} from './playground-data.js';
export type { PlaygroundDataOptions, PlaygroundData } from './playground-data.js';
export {
  FEATURES,
  FEATURE_IDS,
  DEFAULT_FEATURES,
  MAX_DENSITY,
  isFeatureId,
  getFeature,
  resolveFeatures,
  toDataSet,
  featureGrid,
  featureMap,
  gridX,
  gridY,
} from './features.js';
export type { FeatureId, Feature, FeatureDataSet } from './features.js';
export {
  parsePointsCsv,
  parsePointsJson,
  parsePoints,
  formatPointsCsv,
  MAX_IMPORT_POINTS,
  MIN_IMPORT_POINTS,
  COORD_LIMIT,
  HEADER_NAMES,
} from './csv.js';
export type { ParsedPoints, ParseOptions } from './csv.js';
