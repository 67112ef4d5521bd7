/**
 * The inspector's numbers against the engines: each point's gradients equal
 * central finite differences of the point's loss (and the engine's own
 * accumulated gradients), and the predicted update equals one engine update
 * from the same weights and batch in progress.
 */
import {
  DEFAULT_OPTIMIZER,
  referenceEngine,
  type Activation,
  type Engine,
  type Network,
  type Optimizer,
  type Regularization,
  type TrainSettings,
} from '@nn/engine';
import { loadWasmEngine } from '@nn/engine-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { inspect, type InspectInput } from '../src/inspect.js';
import type { TrainerConfig } from '../src/protocol.js';
import { maxAbsDiff, refusal, snap, trainerOn } from './support.js';

let engines: Record<'reference' | 'wasm', Engine>;
beforeAll(async () => {
  engines = { reference: referenceEngine, wasm: await loadWasmEngine() };
});

/** A seeded generator of numbers in [0, 1) (mulberry32). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SIZE = 13;
/** 13 points in [-3, 3]^2, labels -1/+1 (values f32 can hold exactly, so both engines see the same points). */
function points(random: () => number): { inputs: Float64Array; labels: Float64Array } {
  const inputs = Float64Array.from({ length: SIZE * 2 }, () => Math.fround(random() * 6 - 3));
  const labels = Float64Array.from({ length: SIZE }, () => (random() < 0.5 ? -1 : 1));
  return { inputs, labels };
}

interface Case {
  activation: Activation;
  regularization: Regularization;
  regularizationRate: number;
  /** Weights to mark dead before training. */
  dead: number[];
  /** Weights set tiny (so that L1 may kill them). */
  tiny: number[];
}

/** A network of 2 -> 3 -> 2 -> 1 on `engine` with seeded weights, and its data set. */
function setup(engine: Engine, c: Case, seed = 7) {
  const random = prng(seed);
  const network = engine.createNetwork({ inputSize: 2, hiddenSizes: [3, 2], activation: c.activation, outputActivation: 'tanh' });
  const weights = Float64Array.from({ length: network.weightCount }, () => Math.fround((random() - 0.5) * 2));
  for (const k of c.tiny) weights[k] = Math.fround((k % 2 ? -1 : 1) * 1e-4);
  const biases = Float64Array.from({ length: network.biasCount }, () => Math.fround((random() - 0.5) * 0.4));
  const dead = new Uint8Array(network.weightCount);
  for (const k of c.dead) dead[k] = 1;
  network.setParameters({ weights, biases, dead });
  const data = points(random);
  return { network, data };
}

function inputOf(network: Network, data: { inputs: Float64Array; labels: Float64Array }, settings: TrainSettings): InspectInput {
  return {
    layerSizes: network.layerSizes,
    activation: network.shape.activation,
    outputActivation: network.shape.outputActivation,
    weights: network.weights().slice(),
    biases: network.biases().slice(),
    dead: network.deadLinks().slice(),
    batch: network.batchState(),
    settings,
    optimizerState: network.optimizerState(),
    inputs: data.inputs,
    labels: data.labels,
  };
}

/** The loss of point p alone on `network` (the engine's own forward pass). */
function pointLoss(engine: Engine, network: Network, data: { inputs: Float64Array; labels: Float64Array }, p: number): number {
  const set = engine.createDataSet({ inputSize: 2, inputs: data.inputs.slice(2 * p, 2 * p + 2), labels: data.labels.slice(p, p + 1) });
  try {
    return network.loss(set);
  } finally {
    set.free();
  }
}

const PLAIN: Case = { activation: 'tanh', regularization: 'none', regularizationRate: 0, dead: [], tiny: [] };

describe.each(['reference', 'wasm'] as const)('the inspector on the %s engine', (name) => {
  // f64 differences are tight; the WASM core's f32 loss needs a wider step and tolerance.
  const h = name === 'reference' ? 1e-6 : 1e-2;
  const tolerance = name === 'reference' ? 1e-7 : 2e-3;

  it.each([
    ['tanh', PLAIN],
    ['relu with a dead link', { ...PLAIN, activation: 'relu', dead: [4] } satisfies Case],
    ['sigmoid', { ...PLAIN, activation: 'sigmoid' } satisfies Case],
    ['leaky ReLU', { ...PLAIN, activation: 'leakyrelu' } satisfies Case],
    ['ELU', { ...PLAIN, activation: 'elu' } satisfies Case],
    ['swish', { ...PLAIN, activation: 'swish' } satisfies Case],
    ['sine', { ...PLAIN, activation: 'sine' } satisfies Case],
  ])('gives the gradients of the point loss (%s), as finite differences do', (_label, c) => {
    const engine = engines[name];
    const { network, data } = setup(engine, c);
    const settings: TrainSettings = { learningRate: 0.03, batchSize: 5, regularization: 'none', regularizationRate: 0 };
    try {
      for (const p of [0, 6, 12]) {
        const seen = inspect(inputOf(network, data, settings), { point: p });
        expect(seen.loss).toBeCloseTo(pointLoss(engine, network, data, p), name === 'reference' ? 12 : 6);
        const w = Float64Array.from(network.weights());
        const b = Float64Array.from(network.biases());
        const dead = Uint8Array.from(network.deadLinks());
        const lossAt = (weights: Float64Array, biases: Float64Array): number => {
          network.setParameters({ weights, biases, dead });
          return pointLoss(engine, network, data, p);
        };
        for (let k = 0; k < w.length; k++) {
          const plus = w.slice();
          plus[k]! += h;
          const minus = w.slice();
          minus[k]! -= h;
          const numeric = (lossAt(plus, b) - lossAt(minus, b)) / (2 * h);
          // A dead link's weight moves the loss, but it is never trained: its gradient is 0.
          expect(Math.abs(seen.weightGradients[k]! - (dead[k] ? 0 : numeric))).toBeLessThan(tolerance);
        }
        for (let n = 0; n < b.length; n++) {
          const plus = b.slice();
          plus[n]! += h;
          const minus = b.slice();
          minus[n]! -= h;
          const numeric = (lossAt(w, plus) - lossAt(w, minus)) / (2 * h);
          expect(Math.abs(seen.biasGradients[n]! - numeric)).toBeLessThan(tolerance);
        }
        network.setParameters({ weights: w, biases: b, dead });
        for (const k of c.dead) expect(seen.weightGradients[k]).toBe(0);
      }
    } finally {
      network.free();
    }
  });

  it("sums the batch's gradients as the engine accumulates them", () => {
    const engine = engines[name];
    const { network, data } = setup(engine, PLAIN);
    // A batch larger than the set never updates: the engine keeps summing every point.
    const settings: TrainSettings = { learningRate: 0.03, batchSize: 20, regularization: 'none', regularizationRate: 0 };
    const input = inputOf(network, data, settings);
    const seen = inspect(input, { point: 0, through: SIZE });
    const set = engine.createDataSet({ inputSize: 2, ...data });
    try {
      network.trainEpochs(set, settings, 1);
      const state = network.batchState();
      expect(state.count).toBe(SIZE);
      expect(seen.batch.updates).toBe(false);
      expect(seen.batch.complete).toBe(false);
      expect(maxAbsDiff(seen.batch.weightSums, state.weightGradients)).toBeLessThan(name === 'reference' ? 1e-12 : 1e-5);
      expect(maxAbsDiff(seen.batch.biasSums, state.biasGradients)).toBeLessThan(name === 'reference' ? 1e-12 : 1e-5);
    } finally {
      set.free();
      network.free();
    }
  });

  it('shows a ReLU node with a negative total input passing back no error', () => {
    const engine = engines[name];
    const { network, data } = setup(engine, { ...PLAIN, activation: 'relu' });
    const settings: TrainSettings = { learningRate: 0.03, batchSize: 5, regularization: 'none', regularizationRate: 0 };
    try {
      let found = 0;
      for (let p = 0; p < SIZE; p++) {
        const seen = inspect(inputOf(network, data, settings), { point: p });
        // Hidden nodes 0..4; node j of the first layer takes weights 2j, 2j+1.
        for (let j = 0; j < 3; j++) {
          if (seen.totals[j]! > 0) continue;
          found++;
          expect(seen.outputs[j]).toBe(0);
          expect(seen.inputDerivatives[j]).toBe(0);
          expect(seen.weightGradients[2 * j]).toBe(0);
          expect(seen.weightGradients[2 * j + 1]).toBe(0);
        }
      }
      expect(found).toBeGreaterThan(0);
    } finally {
      network.free();
    }
  });

  it.each([
    ['no regularisation', { ...PLAIN, dead: [3] } satisfies Case],
    ['L2', { ...PLAIN, regularization: 'l2', regularizationRate: 0.3, dead: [3] } satisfies Case],
    ['L1, killing links', { ...PLAIN, activation: 'relu', regularization: 'l1', regularizationRate: 1, tiny: [0, 1, 5, 8, 9, 12, 13] } satisfies Case],
  ])('predicts the update one engine step makes (%s), with gradients carried from the last epoch', (_label, c) => {
    const engine = engines[name];
    const { network, data } = setup(engine, c);
    const settings: TrainSettings = {
      learningRate: 0.1,
      batchSize: 5,
      regularization: c.regularization,
      regularizationRate: c.regularizationRate,
    };
    const all = engine.createDataSet({ inputSize: 2, ...data });
    // The first batch: points 0..4, as one data set, trained as one batch.
    const first = engine.createDataSet({ inputSize: 2, inputs: data.inputs.slice(0, 10), labels: data.labels.slice(0, 5) });
    try {
      // Two epochs with a carried batch of 3 points, no regularisation yet (the links stay as set).
      network.trainEpochs(all, { ...settings, regularization: 'none' }, 2);
      const before = inputOf(network, data, settings);
      expect(before.batch.count).toBe(3);
      let seen = inspect(before, { point: 0 });
      expect(seen.batch.added).toBe(1);
      expect(seen.batch.complete).toBe(false);
      for (let through = 2; through <= 5; through++) seen = inspect(before, { point: through - 1 });
      expect(seen.batch.count).toBe(8);
      expect(seen.batch.complete).toBe(true);
      network.trainEpochs(first, settings, 1);
      expect(network.batchState().count).toBe(0);
      const f = name === 'reference' ? 1e-12 : 2e-6;
      expect(maxAbsDiff(seen.batch.weightsAfter, network.weights())).toBeLessThan(f);
      expect(maxAbsDiff(seen.batch.biasesAfter, network.biases())).toBeLessThan(f);
      expect(seen.batch.deadAfter).toEqual(Array.from(network.deadLinks()));
      for (const k of c.dead) expect(seen.batch.weightsAfter[k]).toBe(before.weights[k]);
      if (c.regularization === 'l1') {
        expect(seen.batch.deadAfter.filter((d, k) => d && !before.dead[k]).length).toBeGreaterThan(0);
      }
    } finally {
      all.free();
      first.free();
      network.free();
    }
  });

  it.each([
    ['momentum', 'momentum', 'none', 0],
    ['RMSProp', 'rmsprop', 'l2', 0.3],
    ['Adam', 'adam', 'none', 0],
    ['Adam with L1', 'adam', 'l1', 0.05],
  ] as const)(
    'predicts the update one engine step makes with %s, from a state several epochs old',
    (_label, optimizer: Optimizer, regularization: Regularization, regularizationRate: number) => {
      const engine = engines[name];
      const c: Case = { ...PLAIN, activation: 'swish', regularization, regularizationRate, dead: [3], tiny: [0, 5, 9] };
      const { network, data } = setup(engine, c);
      const settings: TrainSettings = {
        learningRate: 0.02,
        batchSize: 5,
        regularization,
        regularizationRate,
        optimizer: { ...DEFAULT_OPTIMIZER, optimizer, momentum: 0.8, beta1: 0.85, beta2: 0.99, epsilon: 1e-6 },
      };
      const all = engine.createDataSet({ inputSize: 2, ...data });
      const first = engine.createDataSet({ inputSize: 2, inputs: data.inputs.slice(0, 10), labels: data.labels.slice(0, 5) });
      try {
        // Four epochs (two updates each, 3 points carried): the state has moved away from 0.
        network.trainEpochs(all, { ...settings, regularization: 'none' }, 4);
        const before = inputOf(network, data, settings);
        expect(before.batch.count).toBe(3);
        expect(before.optimizerState!.optimizer).toBe(optimizer);
        expect(before.optimizerState!.steps).toBe(8);
        const moments = optimizer === 'rmsprop' ? before.optimizerState!.weightMoment2 : before.optimizerState!.weightMoment1;
        expect(Math.max(...Array.from(moments, Math.abs))).toBeGreaterThan(1e-3);
        const partial = inspect(before, { point: 3 });
        expect(partial.batch.complete).toBe(false);
        const seen = inspect(before, { point: 1, through: 5 });
        expect(seen.batch.complete).toBe(true);
        expect(seen.batch.optimizer).toBe(optimizer);
        expect(seen.batch.step).toBe(9);
        network.trainEpochs(first, settings, 1);
        const after = network.optimizerState();
        expect(after.steps).toBe(9);
        // The WASM core keeps its state in f32 and divides by sqrt(s): a wider tolerance.
        const f = name === 'reference' ? 1e-12 : 1e-5;
        expect(maxAbsDiff(seen.batch.weightsAfter, network.weights())).toBeLessThan(f);
        expect(maxAbsDiff(seen.batch.biasesAfter, network.biases())).toBeLessThan(f);
        expect(seen.batch.deadAfter).toEqual(Array.from(network.deadLinks()));
        const relative = (a: number[], b: ArrayLike<number>): number =>
          Math.max(...a.map((x, k) => Math.abs(x - b[k]!) / Math.max(1e-6, Math.abs(b[k]!))));
        const r = name === 'reference' ? 1e-12 : 1e-5;
        expect(relative(seen.batch.weightMoment1After, after.weightMoment1)).toBeLessThan(r);
        expect(relative(seen.batch.biasMoment1After, after.biasMoment1)).toBeLessThan(r);
        expect(relative(seen.batch.weightMoment2After, after.weightMoment2)).toBeLessThan(r);
        expect(relative(seen.batch.biasMoment2After, after.biasMoment2)).toBeLessThan(r);
        // The optimizer's step is not plain SGD's: lr times the mean would miss the engine.
        const sgd = Array.from(before.weights, (w, k) => (before.dead[k] ? w : Number(w) - 0.02 * seen.batch.weightMeans[k]!));
        if (regularization === 'none') expect(maxAbsDiff(sgd, network.weights())).toBeGreaterThan(1e-4);
        // A dead link's weight and state never change.
        expect(seen.batch.weightsAfter[3]).toBe(before.weights[3]);
        expect(seen.batch.weightMoment1After[3]).toBe(Number(before.optimizerState!.weightMoment1[3]));
      } finally {
        all.free();
        first.free();
        network.free();
      }
    },
  );

  it('starts a fresh state when the optimizer differs from the one the state belongs to', () => {
    const engine = engines[name];
    const { network, data } = setup(engine, PLAIN);
    const momentum: TrainSettings = {
      learningRate: 0.05,
      batchSize: 13,
      regularization: 'none',
      regularizationRate: 0,
      optimizer: { ...DEFAULT_OPTIMIZER, optimizer: 'momentum' },
    };
    const adam: TrainSettings = { ...momentum, optimizer: { ...DEFAULT_OPTIMIZER, optimizer: 'adam' } };
    const all = engine.createDataSet({ inputSize: 2, ...data });
    try {
      network.trainEpochs(all, momentum, 3);
      expect(network.optimizerState().optimizer).toBe('momentum');
      const seen = inspect(inputOf(network, data, adam), { point: 0, through: SIZE });
      expect(seen.batch.step).toBe(1);
      network.trainEpochs(all, adam, 1);
      const f = name === 'reference' ? 1e-12 : 1e-5;
      expect(maxAbsDiff(seen.batch.weightsAfter, network.weights())).toBeLessThan(f);
      expect(maxAbsDiff(seen.batch.biasesAfter, network.biases())).toBeLessThan(f);
      expect(network.optimizerState().steps).toBe(1);
    } finally {
      all.free();
      network.free();
    }
  });

  it('changes nothing while no point is in the batch (the engines skip an empty update)', () => {
    const engine = engines[name];
    const { network, data } = setup(engine, { ...PLAIN, regularization: 'l2', regularizationRate: 0.5 });
    const settings: TrainSettings = {
      learningRate: 0.05,
      batchSize: 13,
      regularization: 'l2',
      regularizationRate: 0.5,
      optimizer: { ...DEFAULT_OPTIMIZER, optimizer: 'momentum' },
    };
    const all = engine.createDataSet({ inputSize: 2, ...data });
    try {
      network.trainEpochs(all, settings, 2);
      const input = inputOf(network, data, settings);
      const seen = inspect(input, { point: 0, through: 0 });
      expect(seen.batch.count).toBe(0);
      expect(seen.batch.step).toBe(0);
      expect(seen.batch.weightsAfter).toEqual(Array.from(input.weights, Number));
      expect(seen.batch.biasesAfter).toEqual(Array.from(input.biases, Number));
      expect(seen.batch.weightMoment1After).toEqual(Array.from(input.optimizerState!.weightMoment1, Number));
    } finally {
      all.free();
      network.free();
    }
  });
});

const CONFIG: TrainerConfig = {
  dataset: 'xor',
  noise: 0,
  percTrainData: 50,
  seed: '0.5',
  features: ['x', 'y'],
  networkShape: [3],
  activation: 'relu',
  regularization: 'l2',
  regularizationRate: 0.01,
  learningRate: 0.03,
  batchSize: 7,
  initZero: false,
};

describe.each(['reference', 'wasm'] as const)('Trainer.inspect on the %s engine', (name) => {
  it('reads the network without changing it or the journal, and refuses a point that is not there', async () => {
    const trainer = await trainerOn(name, CONFIG);
    trainer.step(3);
    const before = snap(trainer);
    const journal = trainer.journal();
    const seen = trainer.inspect({ point: 2 });
    expect(seen.batch.length).toBe(7);
    expect(seen.batch.added).toBe(3);
    expect(seen.outputs.length).toBe(4);
    expect(seen.weightGradients.length).toBe(before.weights.length);
    // Outside the first batch: the point alone.
    expect(trainer.inspect({ point: 100 }).batch.added).toBe(0);
    expect(trainer.inspect({ point: 2, through: 7 }).batch.complete).toBe(true);
    expect(trainer.frame()).toBeUndefined();
    expect(trainer.journal()).toEqual(journal);
    const count = before.train!.xs.length;
    const bad = refusal(() => trainer.inspect({ point: count }));
    expect(bad.code).toBe('inspectPoint');
    expect(bad.message).toContain(`${count - 1}`);
    expect(refusal(() => trainer.inspect({ point: 1.5 })).code).toBe('inspectPoint');
    expect(refusal(() => trainer.inspect({ point: 0, through: 8 })).code).toBe('inspectThrough');
  });
});

/**
 * Cross-entropy outputs: a sigmoid (labels -1/+1) and a softmax of 3 (labels 0..2), through
 * 2 -> 3 -> 2 hidden nodes. The WASM core gains these outputs on its own branch: until it
 * can build such a network, its cases are skipped (the reference engine's always run).
 */
const CROSS_ENTROPY = [
  { output: 'sigmoid', outputSize: 1, labelOf: (y: number) => y },
  { output: 'softmax', outputSize: 3, labelOf: (y: number, p: number) => (y > 0 ? 2 : p % 2) },
] as const;

function crossEntropySetup(engine: Engine, output: 'sigmoid' | 'softmax', outputSize: number, labelOf: (y: number, p: number) => number) {
  const random = prng(11);
  const network = engine.createNetwork({ inputSize: 2, hiddenSizes: [3, 2], activation: 'tanh', outputActivation: output, outputSize });
  const weights = Float64Array.from({ length: network.weightCount }, () => Math.fround((random() - 0.5) * 2));
  const biases = Float64Array.from({ length: network.biasCount }, () => Math.fround((random() - 0.5) * 0.4));
  network.setParameters({ weights, biases, dead: Uint8Array.from({ length: network.weightCount }, (_, k) => (k === 4 ? 1 : 0)) });
  const raw = points(random);
  const data = { inputs: raw.inputs, labels: Float64Array.from(raw.labels, (y, p) => labelOf(y, p)) };
  return { network, data };
}

function canBuild(engine: Engine, output: 'sigmoid' | 'softmax', outputSize: number): boolean {
  try {
    engine.createNetwork({ inputSize: 2, hiddenSizes: [], activation: 'tanh', outputActivation: output, outputSize }).free();
    return true;
  } catch {
    return false;
  }
}

describe.each(['reference', 'wasm'] as const)('the inspector with a cross-entropy output on the %s engine', (name) => {
  const h = name === 'reference' ? 1e-6 : 1e-2;
  const tolerance = name === 'reference' ? 1e-7 : 2e-3;

  describe.each(CROSS_ENTROPY)('$output output', ({ output, outputSize, labelOf }) => {
    it('gives the loss and the gradients of the point, as finite differences do', (ctx) => {
      const engine = engines[name];
      if (!canBuild(engine, output, outputSize)) ctx.skip();
      const { network, data } = crossEntropySetup(engine, output, outputSize, labelOf);
      const settings: TrainSettings = { learningRate: 0.03, batchSize: 5, regularization: 'none', regularizationRate: 0 };
      try {
        for (const p of [0, 5, 12]) {
          const seen = inspect(inputOf(network, data, settings), { point: p });
          expect(seen.output).toBe(output);
          expect(seen.loss).toBeCloseTo(pointLoss(engine, network, data, p), name === 'reference' ? 12 : 6);
          // The output nodes: p in (0, 1) (summing to 1 for a softmax), dE/dz = p - y.
          const probabilities = seen.outputs.slice(-outputSize);
          const label = data.labels[p]!;
          const ys = output === 'sigmoid' ? [(label + 1) / 2] : [0, 1, 2].map((c) => (c === label ? 1 : 0));
          const q = output === 'sigmoid' ? (ys[0] === 1 ? probabilities[0]! : 1 - probabilities[0]!) : probabilities[label]!;
          expect(seen.loss).toBeCloseTo(-Math.log(q), 12);
          if (output === 'softmax') expect(probabilities.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
          expect(seen.inputDerivatives.slice(-outputSize)).toEqual(probabilities.map((v, c) => v - ys[c]! + 0));
          if (output === 'sigmoid') {
            const [a] = probabilities as [number];
            expect(seen.outputDerivatives.at(-1)! * a * (1 - a)).toBeCloseTo(seen.inputDerivatives.at(-1)!, 12);
          } else {
            expect(seen.outputDerivatives.slice(-3)).toEqual([0, 1, 2].map((c) => (c === label ? -1 / probabilities[c]! : 0)));
          }
          const w = Float64Array.from(network.weights());
          const b = Float64Array.from(network.biases());
          const dead = Uint8Array.from(network.deadLinks());
          const lossAt = (weights: Float64Array, biases: Float64Array): number => {
            network.setParameters({ weights, biases, dead });
            return pointLoss(engine, network, data, p);
          };
          let largest = 0;
          for (let k = 0; k < w.length; k++) {
            const plus = w.slice();
            plus[k]! += h;
            const minus = w.slice();
            minus[k]! -= h;
            const numeric = (lossAt(plus, b) - lossAt(minus, b)) / (2 * h);
            largest = Math.max(largest, Math.abs(numeric));
            expect(Math.abs(seen.weightGradients[k]! - (dead[k] ? 0 : numeric)), `weight ${k}`).toBeLessThan(tolerance);
          }
          for (let n = 0; n < b.length; n++) {
            const plus = b.slice();
            plus[n]! += h;
            const minus = b.slice();
            minus[n]! -= h;
            const numeric = (lossAt(w, plus) - lossAt(w, minus)) / (2 * h);
            expect(Math.abs(seen.biasGradients[n]! - numeric), `bias ${n}`).toBeLessThan(tolerance);
          }
          expect(largest).toBeGreaterThan(0.01);
          network.setParameters({ weights: w, biases: b, dead });
        }
      } finally {
        network.free();
      }
    });

    it.for(['sgd', 'adam'] as const)('predicts the update one %s engine step makes, with gradients carried from the last epoch', (optimizer, ctx) => {
      const engine = engines[name];
      if (!canBuild(engine, output, outputSize)) ctx.skip();
      const { network, data } = crossEntropySetup(engine, output, outputSize, labelOf);
      const settings: TrainSettings = {
        learningRate: 0.1,
        batchSize: 5,
        regularization: 'l2',
        regularizationRate: 0.01,
        optimizer: { ...DEFAULT_OPTIMIZER, optimizer },
      };
      const all = engine.createDataSet({ inputSize: 2, ...data });
      const first = engine.createDataSet({ inputSize: 2, inputs: data.inputs.slice(0, 10), labels: data.labels.slice(0, 5) });
      try {
        network.trainEpochs(all, settings, 2);
        const before = inputOf(network, data, settings);
        expect(before.batch.count).toBe(3);
        const seen = inspect(before, { point: 4 });
        expect(seen.batch.complete).toBe(true);
        network.trainEpochs(first, settings, 1);
        const f = name === 'reference' ? 1e-12 : 2e-6;
        expect(maxAbsDiff(seen.batch.weightsAfter, network.weights())).toBeLessThan(f);
        expect(maxAbsDiff(seen.batch.biasesAfter, network.biases())).toBeLessThan(f);
        expect(maxAbsDiff(seen.batch.weightsAfter, before.weights)).toBeGreaterThan(1e-4);
      } finally {
        all.free();
        first.free();
        network.free();
      }
    });
  });

  it('clips the loss of a confidently wrong point at -ln(1e-7), and keeps dE/dz exact', () => {
    // No engine needed: the inspector's own numbers for a 1 -> sigmoid network at z = -20.
    const seen = inspect(
      {
        layerSizes: [1, 1],
        activation: 'tanh',
        outputActivation: 'sigmoid',
        weights: [1],
        biases: [0],
        dead: [0],
        batch: { weightGradients: [0], biasGradients: [0], count: 0 },
        settings: { learningRate: 0.1, batchSize: 1, regularization: 'none', regularizationRate: 0 },
        inputs: [-20],
        labels: [1],
      },
      { point: 0 },
    );
    const p = 1 / (1 + Math.exp(20));
    expect(seen.loss).toBe(-Math.log(1e-7));
    expect(seen.inputDerivatives).toEqual([p - 1]);
    expect(seen.batch.biasesAfter[0]).toBeCloseTo(0.1 * (1 - p), 15);
  });
});
