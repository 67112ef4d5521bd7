import { referenceEngine, type Engine } from '@nn/engine';
import { describe, expect, it } from 'vitest';
import {
  GRID_DENSITY,
  type EngineName,
  type RunResult,
  type RunSpec,
  type RunsProgress,
  type RunsRequest,
  type Snapshot,
  type TrainerConfig,
} from '../src/protocol.js';
import type { EngineLoaders, Trainer } from '../src/trainer.js';
import { maxAbsDiff, newTrainer, refusal, snap, trainerOn as sharedTrainerOn, until } from './support.js';

const CELLS = GRID_DENSITY * GRID_DENSITY;

const BASE: TrainerConfig = {
  dataset: 'circle',
  noise: 0,
  percTrainData: 50,
  seed: '0.12345',
  features: ['x', 'y'],
  networkShape: [4, 2],
  activation: 'tanh',
  regularization: 'none',
  regularizationRate: 0,
  learningRate: 0.03,
  batchSize: 10,
  initZero: false,
};

/** The course's lesson: one network's start against four others, on xor. */
const LESSON: TrainerConfig = {
  ...BASE,
  dataset: 'xor',
  noise: 0,
  percTrainData: 50,
  networkShape: [4, 2],
  activation: 'relu',
  learningRate: 0.03,
};

function trainerOn(engine: EngineName, config: TrainerConfig = BASE, engines?: EngineLoaders): Promise<Trainer> {
  return sharedTrainerOn(engine, config, engines ? { engines } : {});
}

function run(config: TrainerConfig, resets: number, batchSize: number | 'all' = config.batchSize): RunSpec {
  return { config: { ...config, batchSize }, resets };
}

/**
 * The real reference engine, counting the handles it makes and frees. With
 * `failAtNetwork` set, the network of that number (counted from 1) is not
 * made: the call throws as an engine out of memory would.
 */
function countingEngine() {
  const counts = { made: 0, freed: 0, networks: 0, failAtNetwork: 0 };
  const track = <T extends { free(): void }>(handle: T): T => {
    counts.made++;
    const free = handle.free.bind(handle);
    return Object.assign(handle, {
      free: () => {
        counts.freed++;
        free();
      },
    });
  };
  const engine: Engine = {
    name: referenceEngine.name,
    createNetwork(shape) {
      counts.networks++;
      if (counts.networks === counts.failAtNetwork) throw new Error('There is no memory left for another network.');
      return track(referenceEngine.createNetwork(shape));
    },
    createDataSet: (data) => track(referenceEngine.createDataSet(data)),
  };
  return { engine, counts, live: () => counts.made - counts.freed };
}

describe.each(['reference', 'wasm'] as const)('runs on %s', (engineName) => {
  it('a run with resets = k trains as a Trainer after load and k resets does', async () => {
    // The runs come from a trainer loaded with other data, which they must not use.
    const runner = await trainerOn(engineName, { ...BASE, dataset: 'gauss', seed: 'elsewhere' });
    const epochs = 40;
    const cases = [
      { resets: 0, batchSize: 10 },
      { resets: 1, batchSize: 1 },
      { resets: 3, batchSize: 10 },
      { resets: 3, batchSize: 30 },
    ];
    const { results, engine } = runner.runs({ runs: cases.map((c) => run(BASE, c.resets, c.batchSize)), epochs });
    expect(engine).toBe(engineName);
    expect(results).toHaveLength(cases.length);

    for (const [i, { resets, batchSize }] of cases.entries()) {
      const result = results[i]!;
      const trainer = await trainerOn(engineName);
      for (let k = 0; k < resets; k++) trainer.reset();
      trainer.setLive({ ...BASE, batchSize });
      const curve: Snapshot[] = [snap(trainer)];
      for (let epoch = 1; epoch <= epochs; epoch++) {
        trainer.step();
        curve.push(snap(trainer));
      }
      expect(result.diverged).toBe(false);
      expect(result.epochs).toBe(epochs);
      expect(result.batchSize).toBe(batchSize);
      expect(result.trainLoss).toHaveLength(epochs + 1);
      expect(maxAbsDiff(result.trainLoss, curve.map((s) => s.trainLoss))).toBeLessThan(1e-6);
      expect(maxAbsDiff(result.testLoss, curve.map((s) => s.testLoss))).toBeLessThan(1e-6);
      const last = curve[epochs]!;
      expect(result.trainAccuracy).toBe(last.trainAccuracy);
      expect(result.testAccuracy).toBe(last.testAccuracy);
      expect(result.output).toHaveLength(CELLS);
      expect(maxAbsDiff(result.output, last.grid.subarray(last.grid.length - CELLS))).toBeLessThan(1e-6);
      expect(result.train.xs).toEqual(curve[0]!.train?.xs);
      expect(result.test.labels).toEqual(curve[0]!.test?.labels);
      expect(result.ms).toBeGreaterThanOrEqual(0);
    }
  });

  it("trains with the run's optimizer, as a Trainer with that optimizer does", async () => {
    const adam: TrainerConfig = {
      ...BASE,
      optimizer: { optimizer: 'adam', momentum: 0.9, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 },
    };
    const runner = await trainerOn(engineName);
    const epochs = 20;
    const { results } = runner.runs({ runs: [run(adam, 0), run(BASE, 0)], epochs });
    const trainer = await trainerOn(engineName, adam);
    const curve: number[] = [snap(trainer).trainLoss];
    for (let epoch = 1; epoch <= epochs; epoch++) {
      trainer.step();
      curve.push(snap(trainer).trainLoss);
    }
    expect(maxAbsDiff(results[0]!.trainLoss, curve)).toBeLessThan(1e-6);
    // SGD's curve is another: the optimizer was not dropped on the way.
    expect(maxAbsDiff(results[1]!.trainLoss, curve)).toBeGreaterThan(1e-3);
  });

  it('the same resets give the same first weights whatever the batch size; runs on the same data share it', async () => {
    const runner = await trainerOn(engineName);
    const { results } = runner.runs({
      runs: [run(BASE, 2, 1), run(BASE, 2, 10), run(BASE, 2, 'all'), run(BASE, 0, 10), run({ ...BASE, seed: 'other' }, 2)],
      epochs: 3,
    });
    const at = (i: number): RunResult => results[i]!;
    const [one, ten, all, fresh, other] = [at(0), at(1), at(2), at(3), at(4)];
    // Before training (index 0) the losses depend only on the first weights and the data.
    for (const result of [ten, all]) {
      expect(result.trainLoss[0]).toBe(one.trainLoss[0]);
      expect(result.testLoss[0]).toBe(one.testLoss[0]);
    }
    // ...which are those of load() and two resets; without resets, those of load().
    const trainer = await trainerOn(engineName);
    const loaded = snap(trainer);
    trainer.reset();
    trainer.reset();
    expect(Math.abs(one.trainLoss[0]! - snap(trainer).trainLoss)).toBeLessThan(1e-6);
    expect(Math.abs(fresh.trainLoss[0]! - loaded.trainLoss)).toBeLessThan(1e-6);
    expect(fresh.trainLoss[0]).not.toBe(one.trainLoss[0]);
    // The batch size does change the training.
    expect(ten.trainLoss[3]).not.toBe(one.trainLoss[3]);
    expect(all.trainLoss[3]).not.toBe(ten.trainLoss[3]);
    // One data set per data settings: the same points, another seed other points.
    expect(ten.train).toBe(one.train);
    expect(fresh.test).toBe(one.test);
    expect(other.train).not.toBe(one.train);
    expect(other.train.xs).not.toEqual(one.train.xs);
  });

  it("batch 'all' trains on every training point at once", async () => {
    const runner = await trainerOn(engineName);
    const { results } = runner.runs({
      runs: [run(BASE, 0, 'all'), run(BASE, 0, 250), run({ ...BASE, percTrainData: 70 }, 0, 'all')],
      epochs: 5,
    });
    const [all, numeric, seventy] = results;
    expect(all!.batchSize).toBe(250);
    expect(all!.train.xs).toHaveLength(250);
    expect(all!.trainLoss).toEqual(numeric!.trainLoss);
    expect(all!.testLoss).toEqual(numeric!.testLoss);
    expect(seventy!.batchSize).toBe(350);
    expect(seventy!.train.xs).toHaveLength(350);
    expect(seventy!.test.xs).toHaveLength(150);
  });

  it('refuses a bad request with a readable message and a code, and trains nothing', async () => {
    const runner = await trainerOn(engineName);
    const one = [run(BASE, 0)];
    const twoPoints = {
      id: 'two.csv',
      name: 'two.csv',
      problem: 'classification' as const,
      points: [
        { x: 1, y: 1, label: 1 },
        { x: -1, y: -1, label: -1 },
      ],
    };
    const refusals: [RunsRequest, RegExp, string, Record<string, string | number>?][] = [
      [{ runs: [], epochs: 10 }, /nothing to train/, 'runsNone'],
      [
        { runs: Array.from({ length: 9 }, () => run(BASE, 0)), epochs: 10 },
        /At most 8 runs.*got 9/,
        'runsTooMany',
        { max: 8, got: 9 },
      ],
      [{ runs: one, epochs: 0 }, /from 1 to 20000; got 0/, 'runsEpochs'],
      [{ runs: one, epochs: 20_001 }, /epochs/, 'runsEpochs'],
      [{ runs: one, epochs: 2.5 }, /epochs/, 'runsEpochs'],
      [
        { runs: [run(BASE, 0), run({ ...BASE, learningRate: 0 }, 0)], epochs: 10 },
        /^Run 2: The learning rate must be a number greater than 0/,
        'learningRate',
        { run: 2, max: 10, got: '0' },
      ],
      [
        { runs: [run(BASE, 0, 251)], epochs: 10 },
        /Run 1: the batch size must be 'all' or a whole number from 1 to 250 \(this run has 250 training points\); got 251/,
        'runBatchSize',
        { run: 1, max: 250, count: 250, got: '251' },
      ],
      [{ runs: [run(BASE, 0, 0)], epochs: 10 }, /batch size/, 'runBatchSize'],
      [{ runs: [run(BASE, 0, 'most' as never)], epochs: 10 }, /batch size.*"most"/, 'runBatchSize'],
      [
        { runs: [run({ ...BASE, dataset: 'reg-plane', percTrainData: 90 }, 0, 'all')], epochs: 10 },
        /full-batch training \('all'\) can use at most 1024 training points, but this run has 1080/,
        'runBatchAll',
      ],
      [{ runs: [run(BASE, -1)], epochs: 10 }, /resets must be a whole number from 0 to 1000; got -1/, 'runResets'],
      [{ runs: [run({ ...BASE, networkShape: [17] }, 0)], epochs: 10 }, /Run 1: Hidden layer 1 needs/, 'layerSize'],
      [
        {
          runs: [run({ ...BASE, percTrainData: 10, imported: twoPoints }, 0)],
          epochs: 10,
        },
        /Run 1 has no training points/,
        'runNoTrainingPoints',
      ],
      [{ runs: one, epochs: 10, engine: 'gpu' as never }, /Unknown engine "gpu"/, 'engine'],
    ];
    snap(runner);
    for (const [request, message, code, params] of refusals) {
      const error = refusal(() => runner.runs(request));
      expect(error.message).toMatch(message);
      expect(error.code).toBe(code);
      if (params) expect(error.params).toEqual(params);
      expect(runner.frame()).toBeUndefined();
    }
  });

  it("leaves the loaded network alone; a trainer playing at 'max' goes on", async () => {
    const trainer = await trainerOn(engineName);
    trainer.step(3);
    const before = snap(trainer);
    const otherEngine = engineName === 'wasm' ? 'reference' : 'wasm';
    trainer.runs({ runs: [run(LESSON, 1), run(BASE, 0)], epochs: 20, engine: otherEngine });
    expect(trainer.frame()).toBeUndefined();
    trainer.step();
    const after = snap(trainer);
    const alone = await trainerOn(engineName);
    alone.step(4);
    expect(after.epoch).toBe(4);
    expect(after.engine).toBe(engineName);
    expect(after.networkVersion).toBe(before.networkVersion);
    expect(after.weights).toEqual(snap(alone).weights);

    trainer.setSpeed('max');
    trainer.play();
    let last = snap(trainer);
    const latest = (): Snapshot => (last = trainer.frame() ?? last);
    await until(() => latest().epoch > after.epoch);
    const playing = last;
    trainer.runs({ runs: [run(BASE, 0)], epochs: 50 });
    // Background training goes on after the runs: wait for it, on no clock.
    await until(() => latest().epoch > playing.epoch);
    expect(last.playing).toBe(true);
    trainer.pause();
  });
});

describe('runs, handles and engines', () => {
  it('frees every engine handle it makes, also when a run fails halfway', async () => {
    const counting = countingEngine();
    const trainer = await trainerOn('reference', BASE, { reference: async () => counting.engine });
    const live = counting.live();
    expect(live).toBe(4); // the loaded network and its three data sets
    const runs = [
      run(BASE, 0),
      run({ ...BASE, features: ['x', 'y', 'xSquared'] }, 1),
      run({ ...BASE, seed: 'b' }, 2, 'all'),
    ];
    trainer.runs({ runs, epochs: 5 });
    expect(counting.counts.made).toBeGreaterThan(live);
    expect(counting.live()).toBe(live);

    counting.counts.failAtNetwork = counting.counts.networks + 3;
    expect(() => trainer.runs({ runs, epochs: 5 })).toThrow(/no memory left/);
    expect(counting.live()).toBe(live);
    trainer.step();
    expect(snap(trainer).epoch).toBe(1);
  });

  it("uses the trainer's engine unless told otherwise, and explains a missing one", async () => {
    const trainer = newTrainer({
      reference: async () => referenceEngine,
      wasm: async () => {
        throw new Error('no WebAssembly here');
      },
    });
    expect(refusal(() => trainer.runs({ runs: [run(BASE, 0)], epochs: 1 })).code).toBe('notReady');
    await trainer.init();
    expect(trainer.runs({ runs: [run(BASE, 0)], epochs: 1 }).engine).toBe('reference');
    const missing = refusal(() => trainer.runs({ runs: [run(BASE, 0)], epochs: 1, engine: 'wasm' }));
    expect(missing.message).toMatch(/wasm engine is not available \(no WebAssembly here\)/);
    expect(missing.code).toBe('engineUnavailable');
    expect(missing.params).toEqual({ engine: 'wasm', reason: 'no WebAssembly here' });
  });

  it('marks a run that diverges and stops it there', async () => {
    const trainer = await trainerOn('wasm');
    const wild: TrainerConfig = { ...BASE, dataset: 'reg-plane', learningRate: 10, networkShape: [8, 8] };
    const { results } = trainer.runs({ runs: [run(wild, 0), run(BASE, 0)], epochs: 200 });
    const [diverged, fine] = results;
    expect(diverged!.diverged).toBe(true);
    expect(diverged!.epochs).toBeLessThan(200);
    expect(diverged!.trainLoss).toHaveLength(diverged!.epochs + 1);
    expect(diverged!.output).toHaveLength(0);
    expect(Number.isNaN(diverged!.trainAccuracy)).toBe(true); // regression
    expect(fine!.diverged).toBe(false);
    expect(fine!.epochs).toBe(200);
  });
});

describe('runs: the lesson (xor, ReLU [4, 2], five starts)', () => {
  it.each(['wasm', 'reference'] as const)('trains 5 runs x 500 epochs on %s', async (engineName) => {
    const trainer = await trainerOn(engineName, LESSON);
    const { results, engine } = trainer.runs({
      runs: [0, 1, 2, 3, 4].map((resets) => run(LESSON, resets)),
      epochs: 500,
    });
    expect(engine).toBe(engineName);
    expect(results).toHaveLength(5);
    for (const result of results) {
      expect(result.diverged).toBe(false);
      expect(result.epochs).toBe(500);
      expect(result.trainLoss).toHaveLength(501);
      expect(Array.from(result.trainLoss).every(Number.isFinite)).toBe(true);
      expect(Array.from(result.testLoss).every(Number.isFinite)).toBe(true);
      expect(result.output).toHaveLength(CELLS);
      expect(result.train).toBe(results[0]!.train);
    }
    // Five different starts.
    expect(new Set(results.map((r) => r.testLoss[0])).size).toBe(5);
    const testLosses = results.map((r) => r.testLoss[500]!.toFixed(4)).join(', ');
    const runMs = results.map((r) => r.ms.toFixed(1)).join(', ');
    console.log(`lesson on ${engineName}: final test losses ${testLosses}; ms per run ${runMs}`);
  });
});

describe('runs in slices (what the worker serves as runs)', () => {
  /** A clock that moves 1 ms each time it is read: slices of a fixed number of epochs. */
  function ticking(): () => number {
    let t = 0;
    return () => t++;
  }

  async function slicingTrainer() {
    const counting = countingEngine();
    const trainer = newTrainer({ reference: async () => counting.engine }, ticking());
    await trainer.init();
    trainer.load(BASE, 'reference');
    return { trainer, counting, loaded: counting.live() };
  }

  const request: RunsRequest = { runs: [run(BASE, 0), run(LESSON, 1, 1)], epochs: 60 };

  it('gives the numbers runs() gives, with progress after each slice, and frees what it made', async () => {
    const { trainer, counting, loaded } = await slicingTrainer();
    const direct = trainer.runs(request);
    const seen: RunsProgress[] = [];
    const sliced = await trainer.runsInSlices(request, (progress) => seen.push(progress));
    expect(sliced.results).toHaveLength(2);
    sliced.results.forEach((result, i) => {
      const expected = direct.results[i]!;
      expect(Array.from(result.trainLoss)).toEqual(Array.from(expected.trainLoss));
      expect(Array.from(result.testLoss)).toEqual(Array.from(expected.testLoss));
      expect(Array.from(result.output)).toEqual(Array.from(expected.output));
      expect([result.trainAccuracy, result.testAccuracy]).toEqual([expected.trainAccuracy, expected.testAccuracy]);
    });
    expect(seen.length).toBeGreaterThan(2);
    for (const [k, progress] of seen.entries()) {
      expect(progress).toMatchObject({ totalEpochs: 120, totalRuns: 2 });
      expect(progress.epochs).toBeGreaterThan(k === 0 ? 0 : seen[k - 1]!.epochs);
      expect(progress.epochs).toBeLessThan(120);
      expect(progress.runs).toBe(progress.epochs >= 60 ? 1 : 0);
    }
    expect(counting.live()).toBe(loaded);
  });

  it('stops at cancelRuns() with every handle it made freed; later runs are not cancelled', async () => {
    const { trainer, counting, loaded } = await slicingTrainer();
    const cancelled = trainer.runsInSlices(request);
    expect(counting.live()).toBeGreaterThan(loaded);
    trainer.cancelRuns();
    await expect(cancelled).rejects.toMatchObject({ code: 'runsCancelled' });
    expect(counting.live()).toBe(loaded);
    const after = await trainer.runsInSlices(request);
    expect(after.results).toHaveLength(2);
    expect(counting.live()).toBe(loaded);
    // A refused request is refused at once, as by runs().
    await expect(trainer.runsInSlices({ runs: [], epochs: 5 })).rejects.toMatchObject({ code: 'runsNone' });
  });
});
