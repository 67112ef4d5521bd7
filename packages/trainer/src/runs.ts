/**
 * Several networks trained side by side (`Trainer.runs()`): each from its own
 * settings and first weights, on its own engine handles, with the loaded
 * network left alone. Runs with the same data settings share one data set.
 */
import { featureGrid, type FeatureDataSet, type Prng } from '@nn/datasets';
import { LIMITS, fitsF32, initParameters, type Engine, type EngineDataSet, type TrainSettings } from '@nn/engine';
import { TrainerError } from './errors.js';
import {
  GRID_DENSITY,
  type EngineName,
  type PointsSnapshot,
  type RunResult,
  type RunSpec,
  type RunsProgress,
  type RunsRequest,
  type RunsResult,
  type TrainerConfig,
} from './protocol.js';
import { allFitF32, classesOf, dataOf, freeAll, outputsOf, inputsOf, pointsOf, shapeOf, type Data, type DataSettings, type Handles, type Inputs } from './data.js';
import { accuraciesOf, lossesFinite, lossesOf, parametersFinite } from './evaluate.js';
import { CONFIG_LIMITS, checkConfig, describe } from './validate.js';

/** The points shared by every run with the same data settings. */
interface RunData {
  readonly data: Data;
  /** The stream right after the data, where load() draws the first weights. */
  readonly rng: Prng;
  /** Numbers drawn from `rng` so far, in order: load()'s weights, then each reset's. */
  readonly draws: number[];
  readonly points: { readonly train: PointsSnapshot; readonly test: PointsSnapshot };
}

interface RunPlan {
  readonly spec: RunSpec;
  readonly group: RunData;
  /** The batch size to train with ('all' resolved to the number of training points). */
  readonly batchSize: number;
}

function dataKey(config: DataSettings): string {
  return JSON.stringify([config.dataset, config.noise, config.percTrainData, config.seed, config.imported?.id ?? null, classesOf(config)]);
}

/**
 * The random source for the weights `load()` and then `resets` resets with the
 * same shape would draw: each draws `weightCount` numbers in turn (none with
 * initZero), so the run takes the numbers after `resets * weightCount`.
 */
function drawsAfterResets(group: RunData, resets: number, weightCount: number, zero: boolean): () => number {
  let next = zero ? 0 : resets * weightCount;
  const end = zero ? 0 : next + weightCount;
  while (group.draws.length < end) group.draws.push(group.rng.next());
  return () => group.draws[next++]!;
}

/** The same refusal, said about run `run` (numbered from 1). */
function aboutRun(run: number, error: unknown): unknown {
  if (!(error instanceof TrainerError)) return error;
  return new TrainerError(error.code, `Run ${run}: ${error.message}`, { ...error.params, run });
}

export function checkRunsRequest(request: RunsRequest): void {
  if (request === null || typeof request !== 'object') {
    throw new TrainerError('runsMissing', 'The runs request is missing.');
  }
  const { runs, epochs } = request;
  if (!Array.isArray(runs) || runs.length === 0) {
    throw new TrainerError('runsNone', 'There is nothing to train: add at least one run.');
  }
  if (runs.length > CONFIG_LIMITS.maxRuns) {
    const max = CONFIG_LIMITS.maxRuns;
    throw new TrainerError('runsTooMany', `At most ${max} runs can train at once; got ${runs.length}.`, {
      max,
      got: runs.length,
    });
  }
  if (!Number.isInteger(epochs) || epochs < 1 || epochs > CONFIG_LIMITS.maxRunEpochs) {
    const max = CONFIG_LIMITS.maxRunEpochs;
    throw new TrainerError(
      'runsEpochs',
      `Each run trains a whole number of epochs from 1 to ${max}; got ${describe(epochs)}.`,
      { max, got: describe(epochs) },
    );
  }
}

function checkRunSpec(spec: RunSpec, run: number): void {
  if (spec === null || typeof spec !== 'object' || spec.config === null || typeof spec.config !== 'object') {
    throw new TrainerError('runMissing', `Run ${run} has no settings.`, { run });
  }
  try {
    checkConfig(spec.config, false);
  } catch (error) {
    throw aboutRun(run, error);
  }
  const { resets } = spec;
  if (!Number.isInteger(resets) || resets < 0 || resets > CONFIG_LIMITS.maxRunResets) {
    const max = CONFIG_LIMITS.maxRunResets;
    throw new TrainerError(
      'runResets',
      `Run ${run}: the number of resets must be a whole number from 0 to ${max}; got ${describe(resets)}.`,
      { run, max, got: describe(resets) },
    );
  }
}

/** The batch size a run trains with: 1..training points (and the engine's limit), or 'all' of them. */
function runBatchSize(run: number, batchSize: unknown, count: number): number {
  if (count === 0) {
    throw new TrainerError(
      'runNoTrainingPoints',
      `Run ${run} has no training points: raise the share of training data or import more points.`,
      { run },
    );
  }
  const limit = LIMITS.maxBatchSize;
  if (batchSize === 'all') {
    if (count > limit) {
      throw new TrainerError(
        'runBatchAll',
        `Run ${run}: full-batch training ('all') can use at most ${limit} training points, but this run has ${count}; lower the share of training data or choose a batch size.`,
        { run, max: limit, count },
      );
    }
    return count;
  }
  const max = Math.min(count, limit);
  if (typeof batchSize !== 'number' || !Number.isInteger(batchSize) || batchSize < 1 || batchSize > max) {
    throw new TrainerError(
      'runBatchSize',
      `Run ${run}: the batch size must be 'all' or a whole number from 1 to ${max} (this run has ${count} training points); got ${describe(batchSize)}.`,
      { run, max, count, got: describe(batchSize) },
    );
  }
  return batchSize;
}

/**
 * The engine data sets of one `runs()` call, each made once when a run first
 * needs it: training and test sets per data set and feature list, grid sets
 * per feature list. `free()` releases them all.
 */
class RunSets {
  private readonly made: EngineDataSet[] = [];
  private readonly inputs = new Map<RunData, Map<string, Inputs>>();
  private readonly points = new Map<RunData, Map<string, { trainSet: EngineDataSet; testSet: EngineDataSet }>>();
  private readonly grids = new Map<string, { grid: FeatureDataSet; gridSet?: EngineDataSet }>();

  constructor(private readonly engine: Engine) {}

  /** The engine inputs of `group`'s points under `features`. */
  inputsOf(group: RunData, features: TrainerConfig['features']): Inputs {
    const key = features.join(',');
    let byFeatures = this.inputs.get(group);
    if (!byFeatures) this.inputs.set(group, (byFeatures = new Map()));
    let inputs = byFeatures.get(key);
    if (!inputs) {
      let grid = this.grids.get(key);
      if (!grid) this.grids.set(key, (grid = { grid: featureGrid(features, GRID_DENSITY) }));
      inputs = inputsOf(group.data, features, grid.grid);
      byFeatures.set(key, inputs);
    }
    return inputs;
  }

  of(group: RunData, features: TrainerConfig['features']): Pick<Handles, 'trainSet' | 'testSet' | 'gridSet'> {
    const key = features.join(',');
    const inputs = this.inputsOf(group, features);
    let byFeatures = this.points.get(group);
    if (!byFeatures) this.points.set(group, (byFeatures = new Map()));
    let sets = byFeatures.get(key);
    if (!sets) {
      const trainSet = this.make(inputs.train);
      sets = { trainSet, testSet: this.make(inputs.test) };
      byFeatures.set(key, sets);
    }
    const grid = this.grids.get(key)!;
    grid.gridSet ??= this.make(grid.grid);
    return { ...sets, gridSet: grid.gridSet };
  }

  free(): void {
    freeAll(this.made.splice(0));
  }

  private make(data: FeatureDataSet): EngineDataSet {
    const set = this.engine.createDataSet(data);
    this.made.push(set);
    return set;
  }
}

/**
 * Trains every run of `request` on `engine` (called `name`) and returns their
 * results; `now` is the clock each run is timed with. Every run is checked and
 * its data made first, so a refused run trains nothing; every engine handle
 * made here is freed again.
 */
export function trainRuns(engine: Engine, name: EngineName, request: RunsRequest, now: () => number): RunsResult {
  const steps = runsInSteps(engine, name, request, now);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * trainRuns() one epoch at a time: the generator yields how far it has got
 * after every epoch of every run and returns the results. Nothing is checked
 * or made before the first `next()`; returning or throwing into it early
 * (`return()`) frees every engine handle it made.
 */
export function* runsInSteps(
  engine: Engine,
  name: EngineName,
  request: RunsRequest,
  now: () => number,
): Generator<RunsProgress, RunsResult, void> {
  // Check every run and make the data (no engine handles yet), so a refused run trains nothing.
  const groups = new Map<string, RunData>();
  const plans = request.runs.map((spec, i): RunPlan => {
    const run = i + 1;
    checkRunSpec(spec, run);
    const key = dataKey(spec.config);
    let group = groups.get(key);
    if (!group) {
      const generated = dataOf(spec.config);
      const data: Data = { train: generated.train, test: generated.test, problem: generated.problem };
      const points = { train: pointsOf(data.train), test: pointsOf(data.test) };
      group = { data, rng: generated.rng, draws: [], points };
      groups.set(key, group);
    }
    return { spec, group, batchSize: runBatchSize(run, spec.config.batchSize, group.data.train.length) };
  });
  const sets = new RunSets(engine);
  const totalEpochs = plans.length * request.epochs;
  try {
    const results: RunResult[] = [];
    for (const plan of plans) {
      const done = results.length * request.epochs;
      const run = trainRun(engine, sets, plan, request.epochs, now);
      try {
        for (;;) {
          const step = run.next();
          if (step.done) {
            results.push(step.value);
            break;
          }
          yield { epochs: done + step.value, totalEpochs, runs: results.length, totalRuns: plans.length };
        }
      } finally {
        // Closed early: frees the run's network.
        run.return(undefined as never);
      }
    }
    return { results, engine: name };
  } finally {
    sets.free();
  }
}

/**
 * Trains one run of `runs()` on its own network, which is freed again (also
 * when the generator is closed early). Yields the epochs trained so far after
 * each epoch; the run's `ms` counts only the time spent in it, not between yields.
 */
function* trainRun(
  engine: Engine,
  sets: RunSets,
  plan: RunPlan,
  epochs: number,
  now: () => number,
): Generator<number, RunResult, void> {
  const { spec, group, batchSize } = plan;
  const { config } = spec;
  const { trainSet, testSet, gridSet } = sets.of(group, config.features);
  let ms = 0;
  let start = now();
  const shape = shapeOf(config, group.data.problem);
  const network = engine.createNetwork(shape);
  try {
    network.setParameters(
      initParameters(shape, drawsAfterResets(group, spec.resets, network.weightCount, config.initZero), {
        zero: config.initZero,
      }),
    );
    const settings: TrainSettings = {
      learningRate: config.learningRate,
      batchSize,
      regularization: config.regularization,
      regularizationRate: config.regularizationRate,
    };
    let trainLoss = new Float32Array(epochs + 1);
    let testLoss = new Float32Array(epochs + 1);
    const finiteAt = (epoch: number): boolean => {
      const losses = lossesOf(network, trainSet, testSet);
      trainLoss[epoch] = losses.trainLoss;
      testLoss[epoch] = losses.testLoss;
      return lossesFinite(losses) && parametersFinite(network);
    };
    let stop = 0;
    let diverged = !finiteAt(0);
    while (!diverged && stop < epochs) {
      network.trainEpochs(trainSet, settings, 1);
      stop++;
      diverged = !finiteAt(stop);
      if (!diverged && stop < epochs) {
        ms += now() - start;
        yield stop;
        start = now();
      }
    }
    if (stop < epochs) {
      trainLoss = trainLoss.slice(0, stop + 1);
      testLoss = testLoss.slice(0, stop + 1);
    }
    const inputs = sets.inputsOf(group, config.features);
    const { trainAccuracy, testAccuracy } = accuraciesOf(network, group.data.problem, { trainSet, testSet }, {
      train: inputs.train.labels,
      test: inputs.test.labels,
    });
    let output = new Float32Array(0);
    if (!diverged) {
      const grid = network.grid(gridSet);
      // The output nodes' maps: one, or one per class of a softmax output.
      const cells = GRID_DENSITY * GRID_DENSITY * outputsOf(network);
      output = Float32Array.from(grid.subarray(grid.length - cells));
      if (!allFitF32(output)) {
        diverged = true;
        output = new Float32Array(0);
      }
    }
    return {
      trainLoss,
      testLoss,
      trainAccuracy,
      testAccuracy,
      output,
      diverged,
      epochs: stop,
      batchSize,
      train: group.points.train,
      test: group.points.test,
      ms: Math.max(ms + now() - start, 0),
    };
  } finally {
    freeAll([network]);
  }
}
