import { featureGrid, generatePlaygroundData, toDataSet } from '@nn/datasets';
import { fitsF32, initParameters, referenceEngine, type Engine, type Network, type NetworkShape, type TrainSettings } from '@nn/engine';
import { failingAfter } from '@nn/engine/conformance';
import { loadWasmEngine } from '@nn/engine-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { GRID_DENSITY, type EngineName, type Snapshot, type TrainerConfig } from '../src/protocol.js';
import { Trainer } from '../src/trainer.js';
import { maxAbsDiff, newTrainer, refusal, snap, trainerOn as sharedTrainerOn, turns, until } from './support.js';

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

let engines: Record<EngineName, Engine>;

beforeAll(async () => {
  engines = { reference: referenceEngine, wasm: await loadWasmEngine() };
});

function trainerOn(engine: EngineName, config: TrainerConfig = BASE, now?: () => number): Promise<Trainer> {
  return sharedTrainerOn(engine, config, now ? { now } : {});
}

/** `values` in the precision `engine` holds them: f32 on the WASM core, f64 on the reference. */
function held(engine: EngineName, values: ArrayLike<number>): Float32Array | Float64Array {
  return engine === 'wasm' ? Float32Array.from(values) : Float64Array.from(values);
}

function shapeOf(config: TrainerConfig): NetworkShape {
  return {
    inputSize: config.features.length,
    hiddenSizes: config.networkShape,
    activation: config.activation,
    outputActivation: config.dataset.startsWith('reg') ? 'linear' : 'tanh',
  };
}

function settingsOf(config: TrainerConfig): TrainSettings {
  const { learningRate, batchSize, regularization, regularizationRate } = config;
  return { learningRate, batchSize, regularization, regularizationRate };
}

/** The start TF Playground makes for `config`: the data, then weights from the same stream. */
function tfStart(config: TrainerConfig) {
  const data = generatePlaygroundData({
    dataset: config.dataset,
    noise: config.noise,
    trainRatio: config.percTrainData,
    seed: config.seed,
  });
  const first = initParameters(shapeOf(config), () => data.rng.next(), { zero: config.initZero });
  return { data, first };
}

/** A network trained by hand on `engine`, without the trainer. */
function trainedByHand(engine: Engine, config: TrainerConfig, epochs: number) {
  const { data, first } = tfStart(config);
  const network = engine.createNetwork(shapeOf(config));
  network.setParameters(first);
  const train = engine.createDataSet(toDataSet(data.train, config.features));
  const test = engine.createDataSet(toDataSet(data.test, config.features));
  network.trainEpochs(train, settingsOf(config), epochs);
  const result = {
    weights: network.weights().slice(),
    biases: network.biases().slice(),
    trainLoss: network.loss(train),
    testLoss: network.loss(test),
  };
  network.free();
  train.free();
  test.free();
  return result;
}

describe.each(['reference', 'wasm'] as const)('Trainer on %s', (engineName) => {
  it("load reproduces TF Playground's start exactly", async () => {
    const trainer = await trainerOn(engineName);
    const s = snap(trainer);
    const { data, first } = tfStart(BASE);
    expect(s.engine).toBe(engineName);
    expect(s.epoch).toBe(0);
    expect(s.playing).toBe(false);
    expect(s.diverged).toBe(false);
    expect(s.layerSizes).toEqual([2, 4, 2, 1]);
    // Exactly TF's first weights, in the engine's precision (f64 on the reference).
    expect(s.weights).toEqual(held(engineName, first.weights));
    expect(s.biases).toEqual(held(engineName, first.biases));
    expect(s.dead).toEqual(new Uint8Array(first.weights.length));
    expect(s.grid.length).toBe((4 + 2 + 1) * CELLS);
    expect(s.train?.xs).toEqual(Float32Array.from(data.train.map((p) => p.x)));
    expect(s.test?.labels).toEqual(Float32Array.from(data.test.map((p) => p.label)));
    expect(Number.isFinite(s.trainLoss) && Number.isFinite(s.testLoss)).toBe(true);
    expect(s.trainAccuracy).toBeGreaterThanOrEqual(0);
    expect(s.trainAccuracy).toBeLessThanOrEqual(1);

    const again = snap(await trainerOn(engineName));
    const strip = ({ stats: _stats, ...rest }: Snapshot) => rest;
    expect(strip(again)).toEqual(strip(s));
  });

  it('step trains exactly one epoch (or n), as training by hand does', async () => {
    const trainer = await trainerOn(engineName);
    trainer.step();
    const one = snap(trainer);
    const byHand = trainedByHand(engines[engineName], BASE, 1);
    expect(one.epoch).toBe(1);
    expect(one.weights).toEqual(byHand.weights);
    expect(one.biases).toEqual(byHand.biases);
    expect(one.trainLoss).toBe(byHand.trainLoss);
    expect(one.testLoss).toBe(byHand.testLoss);

    const five = await trainerOn(engineName);
    five.step(5);
    const s5 = snap(five);
    expect(s5.epoch).toBe(5);
    expect(s5.weights).toEqual(trainedByHand(engines[engineName], BASE, 5).weights);
  });

  it('trains speed epochs per frame while playing; frame() is undefined when nothing changed', async () => {
    const trainer = await trainerOn(engineName);
    snap(trainer);
    expect(trainer.frame()).toBeUndefined();
    trainer.play();
    snap(trainer);
    snap(trainer);
    const third = snap(trainer);
    expect(third.epoch).toBe(3);
    expect(third.playing).toBe(true);
    expect(third.speed).toBe(1);
    expect(third.train).toBeUndefined();

    trainer.setSpeed(10);
    expect(snap(trainer).epoch).toBe(13);
    expect(snap(trainer).epoch).toBe(23);
    trainer.pause();
    const paused = snap(trainer);
    expect(paused.playing).toBe(false);
    expect(paused.epoch).toBe(23);
    expect(trainer.frame()).toBeUndefined();
    expect(paused.stats.find((st) => st.engine === engineName)?.epochMs).toBeGreaterThan(0);
    expect(paused.stats.find((st) => st.engine === engineName)?.frameMs).toBeGreaterThan(0);
  });

  it('measures epochs per second on its clock: 10 epochs per 16 ms frame is 625 per second', async () => {
    let t = 1000;
    const trainer = await trainerOn(engineName, BASE, () => t);
    trainer.setSpeed(10);
    trainer.play();
    for (let frame = 0; frame < 100; frame++) {
      t += 16;
      snap(trainer);
    }
    trainer.pause();
    const stats = snap(trainer).stats.find((st) => st.engine === engineName);
    expect(stats?.epochsPerSecond).toBe(625);
    // Training takes no time on this clock: the epoch's own time is 0.
    expect(stats?.epochMs).toBe(0);
  });

  it("measures an epoch's time on a clock of whole milliseconds (as Firefox's) by summing before dividing", async () => {
    // Each reading of this clock moves √2/4 ms (0.354) on, and shows whole milliseconds
    // only; √2 keeps the readings from falling into a pattern with the milliseconds.
    const step = Math.SQRT2 / 4;
    let fine = 0;
    const trainer = await trainerOn(engineName, BASE, () => Math.floor((fine += step)));
    trainer.play();
    for (let frame = 0; frame < 300; frame++) snap(trainer);
    trainer.pause();
    const epochMs = snap(trainer).stats.find((st) => st.engine === engineName)?.epochMs ?? 0;
    // One epoch per call, 0.354 ms between the readings around it: most calls read 0 ms, some 1.
    expect(Math.abs(epochMs - step)).toBeLessThan(0.03);
  });

  it("'max' trains in the background until paused", async () => {
    const trainer = await trainerOn(engineName);
    trainer.setSpeed('max');
    trainer.play();
    let last = snap(trainer);
    const latest = (): Snapshot => (last = trainer.frame() ?? last);
    // The loop yields to other tasks: this timer-driven wait gets its turns while it trains.
    await until(() => latest().epoch > 0);
    const a = last.epoch;
    await until(() => latest().epoch > a);
    // frame() at 'max' only snapshots: it does not train, and nothing trains once paused.
    trainer.pause();
    const c = latest().epoch;
    expect(last.playing).toBe(false);
    await turns(20);
    expect(trainer.frame()).toBeUndefined();
    trainer.play();
    const rate = () => last.stats.find((st) => st.engine === engineName)?.epochsPerSecond ?? 0;
    await until(() => latest().epoch > c && rate() > 0);
    trainer.pause();
    const s = latest();
    expect(s.epoch).toBeGreaterThan(c);
    const stats = s.stats.find((st) => st.engine === engineName);
    expect(stats?.epochsPerSecond).toBeGreaterThan(0);
    expect(stats?.epochMs).toBeGreaterThan(0);
  });

  it('reset draws new weights from the continuing stream, epoch 0', async () => {
    const trainer = await trainerOn(engineName);
    const first = snap(trainer);
    trainer.step(3);
    trainer.play();
    trainer.reset();
    const s = snap(trainer);
    const { data, first: tfFirst } = tfStart(BASE);
    const second = initParameters(shapeOf(BASE), () => data.rng.next());
    expect(s.epoch).toBe(0);
    expect(s.playing).toBe(false);
    expect(s.networkVersion).toBe(first.networkVersion + 1);
    expect(s.dataVersion).toBe(first.dataVersion);
    expect(s.train).toBeUndefined();
    expect(first.weights).toEqual(held(engineName, tfFirst.weights));
    expect(s.weights).toEqual(held(engineName, second.weights));
    expect(s.weights).not.toEqual(first.weights);

    trainer.reset({ ...BASE, networkShape: [5], features: ['x', 'y', 'xTimesY'], activation: 'relu' });
    const reshaped = snap(trainer);
    expect(reshaped.layerSizes).toEqual([3, 5, 1]);
    expect(reshaped.grid.length).toBe(6 * CELLS);
    expect(reshaped.weights.length).toBe(3 * 5 + 5);
    expect(reshaped.dataVersion).toBe(first.dataVersion);
    trainer.step(2);
    expect(snap(trainer).epoch).toBe(2);

    trainer.reset({ ...BASE, networkShape: [] });
    expect(snap(trainer).grid.length).toBe(CELLS);

    // Changed data settings make it a load: new points, TF's start for them.
    trainer.reset({ ...BASE, seed: 'other' });
    const reloaded = snap(trainer);
    expect(reloaded.dataVersion).toBe(first.dataVersion + 1);
    expect(reloaded.train).toBeDefined();
    expect(reloaded.weights).toEqual(held(engineName, tfStart({ ...BASE, seed: 'other' }).first.weights));
  });

  it('regenerate keeps the weights and epoch but changes the points', async () => {
    const trainer = await trainerOn(engineName);
    const first = snap(trainer);
    trainer.step(2);
    const before = snap(trainer);
    trainer.regenerate('fresh');
    const s = snap(trainer);
    expect(s.epoch).toBe(2);
    expect(s.weights).toEqual(before.weights);
    expect(s.networkVersion).toBe(before.networkVersion);
    expect(s.dataVersion).toBe(first.dataVersion + 1);
    const fresh = generatePlaygroundData({ dataset: 'circle', noise: 0, trainRatio: 50, seed: 'fresh' });
    expect(s.train?.xs).toEqual(Float32Array.from(fresh.train.map((p) => p.x)));
    expect(s.train?.xs).not.toEqual(first.train?.xs);
    expect(s.trainLoss).not.toBe(before.trainLoss);
    trainer.step();
    expect(snap(trainer).train).toBeUndefined();

    // The next reset continues the new data's stream.
    trainer.reset();
    const next = initParameters(shapeOf(BASE), () => fresh.rng.next());
    expect(snap(trainer).weights).toEqual(held(engineName, next.weights));
  });

  it('setLive changes the learning rate without touching the weights', async () => {
    const trainer = await trainerOn(engineName);
    const before = snap(trainer);
    trainer.setLive({ learningRate: 0.3, batchSize: 5, regularization: 'l2', regularizationRate: 0.001 });
    expect(trainer.frame()).toBeUndefined();
    trainer.step();
    const s = snap(trainer);
    const live = { ...BASE, learningRate: 0.3, batchSize: 5, regularization: 'l2', regularizationRate: 0.001 } as const;
    expect(s.weights).toEqual(trainedByHand(engines[engineName], live, 1).weights);
    expect(s.weights).not.toEqual(trainedByHand(engines[engineName], BASE, 1).weights);
    expect(s.networkVersion).toBe(before.networkVersion);
  });

  it('setWeight and setBias edit the running network', async () => {
    const trainer = await trainerOn(engineName);
    snap(trainer);
    trainer.setWeight(3, 0.75);
    trainer.setBias(6, -0.25);
    const s = snap(trainer);
    expect(s.weights[3]).toBe(0.75);
    expect(s.biases[6]).toBe(-0.25);
    expect(s.epoch).toBe(0);
  });

  it('diverges at a huge learning rate, refuses to train, and recovers on reset', async () => {
    const config: TrainerConfig = { ...BASE, dataset: 'reg-plane', learningRate: 10, networkShape: [8, 8] };
    const trainer = await trainerOn(engineName, config);
    trainer.play();
    let s = snap(trainer);
    for (let k = 0; k < 20 && !s.diverged; k++) s = snap(trainer);
    expect(s.diverged).toBe(true);
    expect(s.playing).toBe(false);
    expect(s.grid.length).toBe(0);
    // A loss, a weight or a bias went past what f32 holds, on either engine (a saturated
    // tanh can hide huge first-layer weights).
    const fit = (values: ArrayLike<number>) => Array.from(values).every((v) => fitsF32(v));
    expect(fitsF32(s.trainLoss) && fitsF32(s.testLoss) && fit(s.weights) && fit(s.biases)).toBe(false);
    expect(Number.isNaN(s.trainAccuracy)).toBe(true); // regression
    expect(() => trainer.step()).toThrow(/diverged.*[Rr]eset/);
    expect(() => trainer.play()).toThrow(/diverged/);
    expect(trainer.frame()).toBeUndefined();

    trainer.reset({ ...config, learningRate: 0.01 });
    const recovered = snap(trainer);
    expect(recovered.diverged).toBe(false);
    expect(recovered.epoch).toBe(0);
    expect(recovered.grid.length).toBe(17 * CELLS);
    trainer.step(3);
    expect(snap(trainer).diverged).toBe(false);
  });

  it('marks the network diverged when an edit makes a map overflow while both losses stay finite', async () => {
    // ReLU hidden nodes pass a huge value on unchanged; the tanh output saturates, so the
    // losses stay finite and only the maps (x reaches 6 on the grid) show the overflow.
    const config: TrainerConfig = { ...BASE, activation: 'relu', networkShape: [2] };
    const trainer = await trainerOn(engineName, config);
    trainer.setWeight(0, 1e20);
    const large = snap(trainer);
    expect(large.diverged).toBe(false);
    expect(large.grid.length).toBe(3 * CELLS);
    expect(Array.from(large.grid).every((v) => fitsF32(v))).toBe(true);
    trainer.setWeight(0, 1e38);
    const s = snap(trainer);
    expect(fitsF32(s.trainLoss) && fitsF32(s.testLoss)).toBe(true);
    expect(s.diverged).toBe(true);
    expect(s.playing).toBe(false);
    expect(s.grid.length).toBe(0);
    expect(() => trainer.play()).toThrow(/diverged/);
  });

  it('refuses bad input with a readable message and changes nothing', async () => {
    const trainer = await trainerOn(engineName);
    trainer.step();
    const before = snap(trainer);
    const refusals: [() => void, RegExp, string][] = [
      [() => trainer.load({ ...BASE, networkShape: [0] }), /Hidden layer 1 needs from 1 to 16 neurons; got 0/, 'layerSize'],
      [() => trainer.load({ ...BASE, networkShape: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] }), /0 to 10 hidden layers/, 'hiddenLayers'],
      [() => trainer.load({ ...BASE, networkShape: [2.5] }), /Hidden layer 1/, 'layerSize'],
      [() => trainer.load({ ...BASE, features: [] }), /at least one input feature/, 'featuresNone'],
      [() => trainer.load({ ...BASE, features: ['x', 'z' as never] }), /Unknown input feature "z"/, 'feature'],
      [() => trainer.load({ ...BASE, features: ['x', 'x'] }), /listed twice/, 'featureTwice'],
      [() => trainer.load({ ...BASE, dataset: 'moons' as never }), /Unknown data set "moons"/, 'dataset'],
      [() => trainer.load({ ...BASE, learningRate: NaN }), /learning rate.*NaN/, 'learningRate'],
      [() => trainer.load({ ...BASE, learningRate: 0 }), /learning rate/, 'learningRate'],
      [() => trainer.load({ ...BASE, learningRate: 11 }), /learning rate/, 'learningRate'],
      [() => trainer.load({ ...BASE, batchSize: 31 }), /batch size/, 'batchSize'],
      [() => trainer.load({ ...BASE, regularizationRate: -1 }), /regularisation rate/, 'regularizationRate'],
      [() => trainer.load({ ...BASE, noise: 51 }), /noise/, 'noise'],
      [() => trainer.load({ ...BASE, percTrainData: 95 }), /training data/, 'percTrainData'],
      [() => trainer.load({ ...BASE, seed: '' }), /seed/, 'seed'],
      [() => trainer.load({ ...BASE, stopBelow: 0 }), /loss target.*greater than 0 and at most 10.*got 0/, 'stopBelow'],
      [() => trainer.load({ ...BASE, stopBelow: 11 }), /loss target/, 'stopBelow'],
      [() => trainer.reset({ ...BASE, networkShape: [17] }), /Hidden layer 1/, 'layerSize'],
      [() => trainer.regenerate(''), /seed/, 'seed'],
      [
        () => trainer.setLive({ learningRate: Infinity, batchSize: 10, regularization: 'none', regularizationRate: 0 }),
        /learning rate/,
        'learningRate',
      ],
      [
        () => trainer.setLive({ ...settingsOf(BASE), stopBelow: NaN }),
        /loss target.*NaN/,
        'stopBelow',
      ],
      [() => trainer.setWeight(before.weights.length, 1), /no weight number 18: this network has 18 weights \(0 to 17\)/, 'weightIndex'],
      [() => trainer.setWeight(-1, 1), /no weight/, 'weightIndex'],
      [() => trainer.setWeight(0, NaN), /finite number/, 'weightValue'],
      // Finite, but more than the WASM core's f32 can hold: refused on both engines.
      [() => trainer.setWeight(0, 1e39), /within ±3\.4e38; got 1e\+39/, 'weightValue'],
      [() => trainer.setBias(0, -4e38), /within ±3\.4e38/, 'biasValue'],
      [() => trainer.load({ ...BASE, learningRate: 1e-46 }), /at least 1\.4e-45/, 'learningRate'],
      [() => trainer.load({ ...BASE, regularizationRate: 1e-46 }), /regularisation rate must be 0 or a number from 1\.4e-45/, 'regularizationRate'],
      [() => trainer.setBias(7, 1), /no bias number 7/, 'biasIndex'],
      [() => trainer.setEngine('gpu' as never), /Unknown engine "gpu"/, 'engine'],
      [() => trainer.setSpeed(3 as never), /Unknown speed 3/, 'speed'],
      [() => trainer.step(0), /whole number of epochs/, 'stepEpochs'],
      [() => trainer.step(1.5), /whole number of epochs/, 'stepEpochs'],
    ];
    for (const [command, message, code] of refusals) {
      expect(command).toThrow(message);
      expect(refusal(command).code).toBe(code);
      expect(trainer.frame()).toBeUndefined();
    }
    // The params are the values the message names, for a page that words it in another language.
    expect(refusal(() => trainer.setWeight(18, 1)).params).toEqual({ got: '18', count: 18, last: 17 });
    expect(refusal(() => trainer.load({ ...BASE, learningRate: 11 })).params).toEqual({ max: 10, got: '11' });
    expect(refusal(() => trainer.load({ ...BASE, dataset: 'moons' as never })).params.got).toBe('"moons"');
    trainer.step();
    const after = snap(trainer);
    expect(after.epoch).toBe(2);
    expect(after.weights).toEqual(trainedByHand(engines[engineName], BASE, 2).weights);
  });
});

describe.each(['reference', 'wasm'] as const)('Trainer loss target (stopBelow) on %s', (engineName) => {
  const TARGET = 0.02;
  const LIVE = {
    learningRate: BASE.learningRate,
    batchSize: BASE.batchSize,
    regularization: BASE.regularization,
    regularizationRate: BASE.regularizationRate,
  };

  /**
   * By hand on the engine, without the trainer, one epoch at a time: the first
   * epoch after which both losses are below `target` (and the first where the
   * training loss alone is), from the weights after `resets` resets.
   */
  function firstBelow(target: number, resets = 0) {
    const engine = engines[engineName];
    const data = generatePlaygroundData({ dataset: BASE.dataset, noise: BASE.noise, trainRatio: BASE.percTrainData, seed: BASE.seed });
    const shape = shapeOf(BASE);
    let start = initParameters(shape, () => data.rng.next());
    for (let k = 0; k < resets; k++) start = initParameters(shape, () => data.rng.next());
    const network: Network = engine.createNetwork(shape);
    network.setParameters(start);
    const train = engine.createDataSet(toDataSet(data.train, BASE.features));
    const test = engine.createDataSet(toDataSet(data.test, BASE.features));
    try {
      let trainFirst = 0;
      for (let epoch = 1; epoch <= 2000; epoch++) {
        network.trainEpochs(train, settingsOf(BASE), 1);
        const trainLoss = network.loss(train);
        const testLoss = network.loss(test);
        if (trainFirst === 0 && trainLoss < target) trainFirst = epoch;
        if (trainLoss < target && testLoss < target) {
          const weights = network.weights().slice();
          return { epoch, trainFirst, weights, trainLoss, testLoss, stop: { epoch, target, trainLoss, testLoss } };
        }
      }
    } finally {
      network.free();
      train.free();
      test.free();
    }
    throw new Error(`the losses did not go below ${target} within 2000 epochs`);
  }

  /** Plays at 'max' until training pauses by itself. */
  async function playMaxUntilPaused(trainer: Trainer): Promise<Snapshot> {
    trainer.setSpeed('max');
    trainer.play();
    let last = snap(trainer);
    await until(() => {
      last = trainer.frame() ?? last;
      return !last.playing;
    });
    return last;
  }

  it('pauses at the first epoch where both the training and the test loss are below it', async () => {
    const expected = firstBelow(TARGET);
    // The training loss gets below first: the stop waits for the test loss too.
    expect(expected.trainFirst).toBeLessThan(expected.epoch);
    // Not at a frame's boundary at speed 10, so a check per frame would stop later.
    expect(expected.epoch % 10).not.toBe(0);

    // Playing at speed 10: the check runs after every epoch, not every frame's 10.
    const playing = await trainerOn(engineName, { ...BASE, stopBelow: TARGET });
    expect(snap(playing).stopped).toBeUndefined();
    playing.setSpeed(10);
    playing.play();
    let s = snap(playing);
    for (let k = 0; k < 300 && s.playing; k++) s = snap(playing);
    expect(s.playing).toBe(false);
    expect(s.epoch).toBe(expected.epoch);
    expect(s.stopped).toEqual(expected.stop);
    expect(s.trainLoss).toBe(expected.trainLoss);
    expect(s.testLoss).toBe(expected.testLoss);
    expect(s.weights).toEqual(expected.weights);

    // step(n) stops early at the same epoch.
    const stepped = await trainerOn(engineName, { ...BASE, stopBelow: TARGET });
    stepped.step(1000);
    const afterStep = snap(stepped);
    expect(afterStep.epoch).toBe(expected.epoch);
    expect(afterStep.stopped).toEqual(expected.stop);

    // 'max' checks every epoch inside its slices too.
    const fast = await trainerOn(engineName, { ...BASE, stopBelow: TARGET });
    const paused = await playMaxUntilPaused(fast);
    expect(paused.playing).toBe(false);
    expect(paused.epoch).toBe(expected.epoch);
    expect(paused.stopped).toEqual(expected.stop);
    expect(paused.weights).toEqual(expected.weights);
  });

  it('fires once per target: playing on continues; a new target, reset or regenerate arm it again', async () => {
    const expected = firstBelow(TARGET);
    const deeper = firstBelow(0.01);
    expect(deeper.epoch).toBeGreaterThan(expected.epoch);
    const trainer = await trainerOn(engineName, { ...BASE, stopBelow: TARGET });
    trainer.step(1000);
    expect(snap(trainer).stopped).toEqual(expected.stop);

    // Both losses are already below the target: play goes on (and the stop stays on show).
    trainer.play();
    const on = snap(trainer);
    expect(on.playing).toBe(true);
    expect(on.epoch).toBe(expected.epoch + 1);
    expect(on.stopped).toEqual(expected.stop);
    trainer.pause();
    snap(trainer);

    // The same target again changes nothing; a new one clears the stop and can be reached.
    trainer.setLive({ ...LIVE, stopBelow: TARGET });
    expect(trainer.frame()).toBeUndefined();
    trainer.setLive({ ...LIVE, stopBelow: 0.01 });
    expect(snap(trainer).stopped).toBeUndefined();
    trainer.step(1000);
    const deeperStop = snap(trainer);
    expect(deeperStop.epoch).toBe(deeper.epoch);
    expect(deeperStop.stopped).toEqual(deeper.stop);

    // Off: nothing stops training.
    trainer.setLive({ ...LIVE, stopBelow: null });
    expect(snap(trainer).stopped).toBeUndefined();
    trainer.step(5);
    expect(snap(trainer).epoch).toBe(deeper.epoch + 5);

    // A target the losses are already below stops after the next epoch: its first time.
    trainer.setLive({ ...LIVE, stopBelow: TARGET });
    trainer.step(5);
    const first = snap(trainer);
    expect(first.epoch).toBe(deeper.epoch + 6);
    expect(first.stopped?.epoch).toBe(deeper.epoch + 6);

    // reset clears the stop and arms the target (here the config's new one) for the new weights.
    trainer.reset({ ...BASE, stopBelow: 0.2 });
    const reset = snap(trainer);
    expect(reset.stopped).toBeUndefined();
    trainer.step(1000);
    expect(snap(trainer).stopped).toEqual(firstBelow(0.2, 1).stop);

    // regenerate clears the stop as well.
    trainer.regenerate('fresh');
    expect(snap(trainer).stopped).toBeUndefined();
  });
});

describe('Trainer with imported points', () => {
  // A user's file: two clusters, labels -1 and +1.
  const points = Array.from({ length: 60 }, (_, i) => ({
    x: i < 30 ? -3 + (i % 5) * 0.2 : 3 - (i % 5) * 0.2,
    y: (i % 7) - 3,
    label: i < 30 ? -1 : 1,
  }));
  const imported = { id: 'clusters.csv:60', name: 'clusters.csv', problem: 'classification' as const, points };

  it('trains on them, shuffled with the seed and split at the ratio; reset keeps them, regenerate reshuffles', async () => {
    const trainer = await trainerOn('wasm', { ...BASE, percTrainData: 70, imported });
    const first = snap(trainer);
    expect(first.train?.xs.length).toBe(42);
    expect(first.test?.xs.length).toBe(18);
    const xs = [...(first.train?.xs ?? []), ...(first.test?.xs ?? [])].sort((a, b) => a - b);
    expect(xs).toEqual(Array.from(Float32Array.from(points.map((p) => p.x)).sort()));
    trainer.step(20);
    expect(snap(trainer).trainLoss).toBeLessThan(first.trainLoss);

    // Same import, same seed: reset keeps the data (no new points sent).
    trainer.reset({ ...BASE, percTrainData: 70, imported, networkShape: [3] });
    const afterReset = snap(trainer);
    expect(afterReset.train).toBeUndefined();
    expect(afterReset.layerSizes).toEqual([2, 3, 1]);

    trainer.regenerate('another seed');
    const regenerated = snap(trainer);
    expect(regenerated.train?.xs.length).toBe(42);
    expect(Array.from(regenerated.train?.xs ?? [])).not.toEqual(Array.from(first.train?.xs ?? []));
  });

  it('refuses a broken import and keeps the current data', async () => {
    const trainer = await trainerOn('reference');
    const before = snap(trainer);
    const broken = { ...imported, points: [...points.slice(0, 10), { x: 9, y: 0, label: 1 }] };
    expect(() => trainer.load({ ...BASE, imported: broken })).toThrow(/point 11/);
    expect(() => trainer.load({ ...BASE, imported: { ...imported, points: points.slice(0, 1) } })).toThrow(/from 2/);
    // Two points at 10 % leave none to train on.
    const two = { ...imported, points: points.slice(0, 2) };
    const none = refusal(() => trainer.load({ ...BASE, percTrainData: 10, imported: two }));
    expect(none.code).toBe('noTrainingPoints');
    expect(none.message).toMatch(/no training points/);
    expect(trainer.frame()).toBeUndefined();
    trainer.step();
    expect(snap(trainer).layerSizes).toEqual(before.layerSizes);
  });
});

/** `engine`, counting the passes its networks make over a data set, by kind. */
function counting(engine: Engine): { engine: Engine; calls: Record<'loss' | 'predict' | 'grid' | 'trainUntil', number> } {
  const calls = { loss: 0, predict: 0, grid: 0, trainUntil: 0 };
  const wrapped: Engine = {
    name: engine.name,
    createDataSet: (data) => engine.createDataSet(data),
    createNetwork(shape) {
      const network = engine.createNetwork(shape);
      return new Proxy(network, {
        get(target, key) {
          const value = Reflect.get(target, key, target) as unknown;
          if (typeof value !== 'function') return value;
          if (key === 'loss' || key === 'predict' || key === 'grid' || key === 'trainUntil') {
            return (...args: unknown[]) => {
              calls[key]++;
              return (value as (...a: unknown[]) => unknown).apply(target, args);
            };
          }
          return (value as (...a: unknown[]) => unknown).bind(target);
        },
      });
    },
  };
  return { engine: wrapped, calls };
}

describe('Trainer frame', () => {
  it('makes each pass once per frame: both losses, the accuracy predictions and one grid', async () => {
    const { engine, calls } = counting(referenceEngine);
    const trainer = newTrainer({ reference: async () => engine });
    await trainer.init();
    trainer.load(BASE, 'reference');
    trainer.setSpeed(1);
    trainer.play();
    snap(trainer);
    for (let k = 0; k < 3; k++) {
      calls.loss = calls.predict = calls.grid = 0;
      const s = snap(trainer);
      expect(s.epoch).toBe(k + 2);
      expect(calls).toEqual({ loss: 2, predict: 2, grid: 1, trainUntil: 0 });
    }
  });

  it('leaves a loss target to the engine, in one call between checkpoints', async () => {
    const { engine, calls } = counting(referenceEngine);
    const trainer = newTrainer({ reference: async () => engine });
    await trainer.init();
    trainer.load({ ...BASE, stopBelow: 1e-9 }, 'reference');
    trainer.step(16);
    calls.loss = 0;
    calls.trainUntil = 0;
    // Epochs 17 to 31: no checkpoint, the training loss never below 1e-9: one engine call,
    // then both losses once for the divergence check.
    trainer.step(15);
    expect(calls.trainUntil).toBe(1);
    expect(calls.loss).toBe(2);
    calls.loss = 0;
    trainer.step(1);
    // Epoch 32 is a checkpoint: the engine gave the training loss, the test loss is added,
    // and both serve the divergence check too.
    expect(calls.loss).toBe(1);
    expect(trainer.journal().checkpoints.map((c) => c.epoch)).toEqual([1, 2, 4, 8, 16, 32]);
  });
});

describe('Trainer grid buffers', () => {
  it('fills a recycled buffer instead of allocating one, and drops buffers of another size', async () => {
    const trainer = await trainerOn('wasm');
    const first = snap(trainer);
    const buffer = first.grid.buffer as ArrayBuffer;
    trainer.recycle([buffer]);
    trainer.step();
    const second = snap(trainer);
    expect(second.grid.buffer).toBe(buffer);
    expect(second.grid.length).toBe(first.grid.length);

    // A recycled buffer of an old shape is not used for a new one.
    trainer.recycle([second.grid.buffer as ArrayBuffer]);
    trainer.reset({ ...BASE, networkShape: [3] });
    const third = snap(trainer);
    expect(third.grid.buffer).not.toBe(second.grid.buffer);
    expect(third.grid.length).toBe(4 * CELLS);
  });
});

describe('Trainer across engines', () => {
  it('setEngine moves the network between wasm and reference', async () => {
    const trainer = await trainerOn('wasm');
    trainer.step(7);
    const onWasm = snap(trainer);
    trainer.setEngine('reference');
    const onRef = snap(trainer);
    expect(onRef.engine).toBe('reference');
    expect(onRef.epoch).toBe(7);
    expect(onRef.networkVersion).toBe(onWasm.networkVersion);
    expect(maxAbsDiff(onRef.weights, onWasm.weights)).toBeLessThan(1e-6);
    expect(maxAbsDiff(onRef.biases, onWasm.biases)).toBeLessThan(1e-6);
    expect(Math.abs(onRef.trainLoss - onWasm.trainLoss)).toBeLessThan(1e-5);
    expect(Math.abs(onRef.testLoss - onWasm.testLoss)).toBeLessThan(1e-5);
    expect(maxAbsDiff(onRef.grid, onWasm.grid)).toBeLessThan(1e-5);
    expect(onRef.stats.map((st) => st.engine)).toEqual(['wasm', 'reference']);

    trainer.step(2);
    const stepped = snap(trainer);
    trainer.setEngine('wasm');
    const back = snap(trainer);
    expect(back.engine).toBe('wasm');
    expect(back.epoch).toBe(9);
    expect(maxAbsDiff(back.weights, stepped.weights)).toBeLessThan(1e-6);
    expect(Math.abs(back.trainLoss - stepped.trainLoss)).toBeLessThan(1e-5);
    trainer.setEngine('wasm');
    expect(trainer.frame()).toBeUndefined();
  });

  it('loads on the engine it is asked for: the reference starts from exactly TF\'s f64 weights', async () => {
    const trainer = newTrainer();
    await trainer.init();
    // The trainer starts on the WASM core; a link that says engine=reference loads there directly.
    trainer.load(BASE, 'reference');
    const s = snap(trainer);
    const { first } = tfStart(BASE);
    expect(s.engine).toBe('reference');
    expect(s.weights).toBeInstanceOf(Float64Array);
    expect(Array.from(s.weights)).toEqual(Array.from(first.weights));
    // Through the WASM core first, they would have been rounded to f32 (as they were once).
    expect(Array.from(s.weights)).not.toEqual(Array.from(Float32Array.from(first.weights)));
    trainer.load(BASE, 'wasm');
    expect(snap(trainer).weights).toEqual(Float32Array.from(first.weights));
    // An engine that is not there is refused before anything changes.
    expect(refusal(() => trainer.load({ ...BASE, seed: 'x' }, 'gpu' as never)).code).toBe('engine');
    expect(trainer.frame()).toBeUndefined();
  });

  it('setEngine carries a batch in progress over, so the next update is the one it would have been', async () => {
    // 250 training points in batches of 30: each epoch leaves 10 points accumulated.
    const config = { ...BASE, batchSize: 30 };
    const stayed = await trainerOn('wasm', config);
    stayed.step(2);
    const continuous = snap(stayed);

    const moved = await trainerOn('wasm', config);
    moved.step(1);
    moved.setEngine('reference');
    moved.step(1);
    const switched = snap(moved);
    expect(switched.engine).toBe('reference');
    // Within f32 round-off of never having moved...
    expect(maxAbsDiff(switched.weights, continuous.weights)).toBeLessThan(1e-6);
    // ...where dropping the 10 carried points would be far off: the same by hand.
    const dropped = trainedByHand(referenceEngine, config, 1);
    const network = referenceEngine.createNetwork(shapeOf(config));
    network.setParameters({ weights: dropped.weights, biases: dropped.biases });
    const { data } = tfStart(config);
    const train = referenceEngine.createDataSet(toDataSet(data.train, config.features));
    network.trainEpochs(train, settingsOf(config), 1);
    expect(maxAbsDiff(network.weights(), continuous.weights)).toBeGreaterThan(1e-4);
    network.free();
    train.free();
  });

  it('an error inside the full-speed loop stops training and reaches the page in the next snapshot', async () => {
    // The reference engine, made to fail the way a broken core would, after 40 calls.
    const failing = failingAfter(referenceEngine, 40);
    const trainer = newTrainer({ reference: async () => failing });
    await trainer.init();
    trainer.load(BASE);
    trainer.setSpeed('max');
    trainer.play();
    let last = snap(trainer);
    await until(() => !(last = trainer.frame() ?? last).playing);
    expect(last.failure).toEqual({
      id: 1,
      name: 'EngineError',
      code: 'internal',
      message: 'The WebAssembly core stopped unexpectedly: unreachable',
      params: {},
    });
    expect(last.epoch).toBeGreaterThan(0);
    // It stays on show until the next command that trains, which clears it.
    trainer.setSpeed(1);
    expect(snap(trainer).failure?.id).toBe(1);
    expect(() => trainer.step()).toThrow(/unreachable/);
  });

  it('uses the engines that load and explains the missing one', async () => {
    const trainer = newTrainer({
      reference: async () => referenceEngine,
      wasm: async () => {
        throw new Error('no WebAssembly here');
      },
    });
    expect(() => trainer.load(BASE)).toThrow(/init/);
    expect(await trainer.init()).toEqual(['reference']);
    trainer.load(BASE);
    expect(snap(trainer).engine).toBe('reference');
    expect(() => trainer.setEngine('wasm')).toThrow(/wasm engine is not available \(no WebAssembly here\)/);
  });

  it('uses the grid of featureGrid for every node', async () => {
    const trainer = await trainerOn('reference', { ...BASE, networkShape: [3] });
    const s = snap(trainer);
    const network = referenceEngine.createNetwork(shapeOf({ ...BASE, networkShape: [3] }));
    network.setParameters(tfStart({ ...BASE, networkShape: [3] }).first);
    const grid = referenceEngine.createDataSet(featureGrid(BASE.features, GRID_DENSITY));
    const expected = Float32Array.from(network.grid(grid));
    expect(s.grid.length).toBe(4 * CELLS);
    // Compared as a whole (a failing toEqual on 40 000 numbers would print them all).
    expect(s.grid.every((v, k) => v === expected[k])).toBe(true);
    network.free();
    grid.free();
  });
});
