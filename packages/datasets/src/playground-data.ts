/**
 * TF Playground's `generateData`: seed the generator, make the points, shuffle
 * them and split them into training and test data — with the same random
 * stream, so a TF Playground link (dataset, noise, percTrainData, seed)
 * reproduces its exact points here.
 */
import { DatasetError } from './errors.js';
import { DATASET_NAMES, DATASETS, MAX_DATASET_CLASSES, MIN_DATASET_CLASSES, isDatasetName } from './generators.js';
import type { DatasetName, Example2D, Problem } from './generators.js';
import { Prng } from './prng.js';
import { shuffle, splitTrainTest } from './split.js';

/** Points TF makes for a classification data set. */
export const NUM_SAMPLES_CLASSIFY = 500;
/** Points TF makes for a regression data set. */
export const NUM_SAMPLES_REGRESS = 1200;
/** Most points `generatePlaygroundData` makes when asked for a count. */
export const MAX_SAMPLES = 1_000_000;

export interface PlaygroundDataOptions {
  /** TF's hash name: circle | xor | gauss | spiral | reg-plane | reg-gauss, or blobs | arms | rings | sectors. */
  readonly dataset: DatasetName;
  /** The noise slider, 0..50 (percent); the generators get noise / 100. */
  readonly noise: number;
  /** Percentage of points used for training: the slider's 10..90 (1..99 accepted). */
  readonly trainRatio: number;
  /** The seed string, e.g. "0.12345" (TF's `seed=` in the URL hash). */
  readonly seed: string;
  /** Points to make; default 500 for classification, 1200 for regression, as TF. */
  readonly numSamples?: number;
  /**
   * Classes of a classification set: 2 (left out; TF's sets) or 3..6 for a
   * multi-class set (blobs, arms, rings, sectors), which needs it.
   */
  readonly classes?: number;
}

export interface PlaygroundData {
  readonly train: Example2D[];
  readonly test: Example2D[];
  readonly problem: Problem;
  /**
   * The generator after generating and shuffling. TF draws the network's
   * initial weights next from this same stream (`Math.random`), so pass it on
   * to reproduce a TF link's initial network too.
   */
  readonly rng: Prng;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return `"${value}"`;
  if (typeof value === 'number') return String(value);
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  return `a ${typeof value}`;
}

function trainRatioError(trainRatio: unknown): DatasetError {
  return new DatasetError(
    'trainRatio',
    `The ratio of training to test data must be a percentage from 10 to 90; got ${describe(trainRatio)}.`,
    { got: describe(trainRatio) },
  );
}

/** Throws a DatasetError explaining the first thing wrong with `opts`. */
export function validatePlaygroundDataOptions(opts: PlaygroundDataOptions): void {
  const { dataset, noise, trainRatio, seed, numSamples } = opts;
  if (!isDatasetName(dataset)) {
    const classify = DATASET_NAMES.filter((n) => DATASETS[n].problem === 'classification').join(', ');
    const regress = DATASET_NAMES.filter((n) => DATASETS[n].problem === 'regression').join(', ');
    throw new DatasetError(
      'unknownDataset',
      `Unknown data set ${describe(dataset)}. Choose one of ${classify} (classification) or ${regress} (regression).`,
      { got: describe(dataset), classification: classify, regression: regress },
    );
  }
  if (typeof noise !== 'number' || !Number.isFinite(noise) || noise < 0 || noise > 50) {
    throw new DatasetError('noise', `Noise must be a number from 0 to 50 (percent); got ${describe(noise)}.`, {
      got: describe(noise),
    });
  }
  if (typeof trainRatio !== 'number' || !Number.isFinite(trainRatio) || trainRatio < 1 || trainRatio > 99) {
    throw trainRatioError(trainRatio);
  }
  if (typeof seed !== 'string') {
    throw new DatasetError(
      'seed',
      `The seed must be a string such as "0.12345" (as in a TensorFlow Playground link); got ${describe(seed)}.`,
      { got: describe(seed) },
    );
  }
  if (
    numSamples !== undefined &&
    (typeof numSamples !== 'number' || !Number.isInteger(numSamples) || numSamples < 1 || numSamples > MAX_SAMPLES)
  ) {
    throw new DatasetError(
      'numSamples',
      `The number of points must be a whole number from 1 to ${MAX_SAMPLES.toLocaleString('en-US')}; got ${describe(numSamples)}.`,
      { max: MAX_SAMPLES, got: describe(numSamples) },
    );
  }
  checkClasses(dataset, opts.classes);
}

/**
 * A multi-class set needs 3..6 classes; TF's sets have two (a regression set
 * takes none but 2 or nothing is accepted, as the page's default).
 */
function checkClasses(dataset: DatasetName, classes: unknown): void {
  const info = DATASETS[dataset];
  const k = classes ?? 2;
  if (info.classes === 'many') {
    if (typeof k !== 'number' || !Number.isInteger(k) || k < MIN_DATASET_CLASSES || k > MAX_DATASET_CLASSES) {
      throw new DatasetError(
        'classesMany',
        `The data set "${dataset}" has from ${MIN_DATASET_CLASSES} to ${MAX_DATASET_CLASSES} classes; got ${describe(classes)}. ` +
          'For two classes choose circle, xor, gauss or spiral.',
        { dataset, min: MIN_DATASET_CLASSES, max: MAX_DATASET_CLASSES, got: describe(classes) },
      );
    }
  } else if (k !== 2) {
    throw new DatasetError(
      'classesTwo',
      `The data set "${dataset}" has two classes; got ${describe(classes)}. ` +
        'For more classes choose blobs, arms, rings or sectors.',
      { dataset, got: describe(classes) },
    );
  }
}

/**
 * TF Playground's `generateData` step by step (the multi-class sets the same way):
 *   rng = seeded with `seed`           (TF: Math.seedrandom(state.seed))
 *   points = generator(numSamples, noise / 100, classes)
 *   shuffle(points)                    (Fisher–Yates, `points.length` draws)
 *   splitIndex = floor(length * trainRatio / 100)
 *   train = points[0 .. splitIndex), test = points[splitIndex ..]
 * E.g. 500 points at 70% give 350 training and 150 test points.
 * Throws a DatasetError for a bad option.
 */
export function generatePlaygroundData(opts: PlaygroundDataOptions): PlaygroundData {
  validatePlaygroundDataOptions(opts);
  const info = DATASETS[opts.dataset];
  const rng = new Prng(opts.seed);
  const numSamples =
    opts.numSamples ?? (info.problem === 'regression' ? NUM_SAMPLES_REGRESS : NUM_SAMPLES_CLASSIFY);
  const points = info.generate(numSamples, opts.noise / 100, rng, opts.classes);
  shuffle(points, rng);
  const { train, test } = splitTrainTest(points, opts.trainRatio);
  return { train, test, problem: info.problem, rng };
}

/**
 * The same shuffle-then-split for points that were not generated (a user's
 * imported file): a copy of `points` is shuffled with a generator seeded with
 * `seed`, then split at `trainRatio` percent. The returned `rng` continues
 * the stream, for the first weights, as with generated data.
 */
export function splitPlaygroundPoints(
  points: readonly Example2D[],
  problem: Problem,
  opts: { readonly trainRatio: number; readonly seed: string },
): PlaygroundData {
  if (points.length === 0) throw new DatasetError('noPoints', 'There are no points to train on.');
  const { trainRatio, seed } = opts;
  if (typeof trainRatio !== 'number' || !Number.isFinite(trainRatio) || trainRatio < 1 || trainRatio > 99) {
    throw trainRatioError(trainRatio);
  }
  if (typeof seed !== 'string') {
    throw new DatasetError('seedString', `The seed must be a string; got ${describe(seed)}.`, { got: describe(seed) });
  }
  const rng = new Prng(seed);
  const shuffled = points.map((p) => ({ x: p.x, y: p.y, label: p.label }));
  shuffle(shuffled, rng);
  const { train, test } = splitTrainTest(shuffled, trainRatio);
  return { train, test, problem, rng };
}
