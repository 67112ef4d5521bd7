/**
 * TensorFlow Playground's own numbers as the oracle (fixtures/README.md says
 * where they come from). For each link and seed: the points and the first
 * weights must be TF's bit for bit; the reference engine must reproduce TF's
 * losses and every parameter after 1, 10 and 100 epochs (to 1e-12), the
 * chaotic spiral included; the WASM core must stay within f32 round-off of
 * TF where training is not chaotic; and the trainer must open the link on
 * either engine from TF's exact start.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatePlaygroundData, toDataSet } from '@nn/datasets';
import { initParameters, referenceEngine, type Engine, type NetworkShape, type TrainSettings } from '@nn/engine';
import { loadWasmEngine } from '@nn/engine-wasm';
import { Trainer, type EngineName, type Snapshot, type TrainerConfig } from '@nn/trainer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseHash, toTrainerConfig } from '../../../apps/playground/src/lib/state/hash.js';

interface Checkpoint {
  readonly trainLoss: number;
  readonly testLoss: number;
  readonly weights?: number[];
  readonly biases?: number[];
  readonly deadLinks?: number;
}

interface Case {
  readonly name: string;
  readonly what: string;
  readonly seed: string;
  readonly hash: string;
  readonly train: [number, number, number][];
  readonly test: [number, number, number][];
  readonly initial: { readonly weights: number[]; readonly biases: number[] };
  readonly epochs: Record<'0' | '1' | '10' | '100', Checkpoint>;
}

const fixture = JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/tf-playground-runs.json'), 'utf8')) as {
  about: string;
  cases: Case[];
};

const CHECKPOINTS = [1, 10, 100] as const;
/** The reference engine computes in f64 like TF: what it may differ by. */
const REFERENCE_TOLERANCE = 1e-12;
/** The WASM core computes in f32: its losses after 100 epochs, where training is not chaotic. */
const WASM_LOSS_TOLERANCE = 1e-6;
/**
 * The spiral on six layers of 8 is chaotic: f32 round-off grows with every
 * epoch, so the core is held to TF only after one epoch there (measured: the
 * differences at 10 and 100 epochs are reported below, not asserted).
 */
const CHAOTIC = new Set(['spiral7']);

/** The link's configuration, as the app reads it. */
function configOf(c: Case): TrainerConfig {
  const { state, notices } = parseHash(c.hash, () => {
    throw new Error('the link has its own seed');
  });
  expect(notices, 'a TF link opens without a notice').toEqual([]);
  return toTrainerConfig(state);
}

function shapeOf(config: TrainerConfig): NetworkShape {
  return {
    inputSize: config.features.length,
    hiddenSizes: [...config.networkShape],
    activation: config.activation,
    outputActivation: config.dataset.startsWith('reg') ? 'linear' : 'tanh',
  };
}

function settingsOf(config: TrainerConfig): TrainSettings {
  const { learningRate, batchSize, regularization, regularizationRate } = config;
  return { learningRate, batchSize, regularization, regularizationRate };
}

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let k = 0; k < a.length; k++) max = Math.max(max, Math.abs(a[k]! - b[k]!));
  return max;
}

function deadCount(dead: Uint8Array): number {
  return dead.reduce((sum, d) => sum + d, 0);
}

/** Worst differences from TF per engine, case and epoch, printed at the end. */
const report: { engine: string; case: string; epoch: number; loss: number; parameter: number; dead: string }[] = [];

/** Trains `c` on `engine` from TF's data and first weights, checkpoint by checkpoint. */
function trainAgainstTf(engine: Engine, c: Case, check: (epoch: number, diff: { loss: number; parameter: number }, dead: number) => void): void {
  const config = configOf(c);
  const { train, test, rng } = generatePlaygroundData({
    dataset: config.dataset,
    noise: config.noise,
    trainRatio: config.percTrainData,
    seed: config.seed,
  });
  const shape = shapeOf(config);
  const network = engine.createNetwork(shape);
  network.setParameters(initParameters(shape, () => rng.next(), { zero: config.initZero }));
  const trainSet = engine.createDataSet(toDataSet(train, config.features));
  const testSet = engine.createDataSet(toDataSet(test, config.features));
  try {
    const at0 = c.epochs['0'];
    const loss0 = Math.max(Math.abs(network.loss(trainSet) - at0.trainLoss), Math.abs(network.loss(testSet) - at0.testLoss));
    check(0, { loss: loss0, parameter: 0 }, 0);
    let trained = 0;
    for (const epoch of CHECKPOINTS) {
      network.trainEpochs(trainSet, settingsOf(config), epoch - trained);
      trained = epoch;
      const tf = c.epochs[String(epoch) as '1' | '10' | '100'];
      const loss = Math.max(Math.abs(network.loss(trainSet) - tf.trainLoss), Math.abs(network.loss(testSet) - tf.testLoss));
      const parameter = Math.max(maxDiff(network.weights(), tf.weights!), maxDiff(network.biases(), tf.biases!));
      const dead = deadCount(network.deadLinks());
      report.push({ engine: engine.name, case: `${c.name} ${c.seed}`, epoch, loss, parameter, dead: `${dead}/${tf.deadLinks}` });
      check(epoch, { loss, parameter }, dead);
    }
  } finally {
    network.free();
    trainSet.free();
    testSet.free();
  }
}

let wasm: Engine;
beforeAll(async () => {
  wasm = await loadWasmEngine();
});

afterAll(() => {
  const lines = report.map(
    (r) =>
      `${r.engine.padEnd(9)} ${r.case.padEnd(20)} epoch ${String(r.epoch).padStart(3)}: loss ${r.loss.toExponential(2)}, parameters ${r.parameter.toExponential(2)}, dead ${r.dead}`,
  );
  console.log(`Largest differences from TensorFlow Playground's numbers:\n${lines.join('\n')}`);
});

it('has the eight runs it is made of', () => {
  expect(fixture.about).toMatch(/TensorFlow Playground's own code/);
  expect(fixture.cases.map((c) => `${c.name} ${c.seed}`)).toEqual([
    'circle 0.12345',
    'circle 0.59957',
    'spiral7 0.12345',
    'spiral7 0.59957',
    'plane-L1 0.12345',
    'plane-L1 0.59957',
    'xor-sigmoid 0.12345',
    'xor-sigmoid 0.59957',
  ]);
});

describe.each(fixture.cases)('$name, seed $seed ($what)', (c) => {
  it("makes TF's points, shuffled and split, bit for bit", () => {
    const config = configOf(c);
    const { train, test } = generatePlaygroundData({
      dataset: config.dataset,
      noise: config.noise,
      trainRatio: config.percTrainData,
      seed: config.seed,
    });
    // JSON writes -0 as 0 (the spiral's first point is at 0 * cos(π) = -0 in TF
    // too), so zeros are compared without their sign; every other value bit for
    // bit (toEqual compares numbers with Object.is).
    const unsigned = (v: number) => (v === 0 ? 0 : v);
    const flat = (points: { x: number; y: number; label: number }[]) =>
      points.map((p) => [unsigned(p.x), unsigned(p.y), unsigned(p.label)]);
    expect(flat(train)).toEqual(c.train);
    expect(flat(test)).toEqual(c.test);
  });

  it("draws TF's first weights and biases from the same stream, bit for bit", () => {
    const config = configOf(c);
    const { rng } = generatePlaygroundData({
      dataset: config.dataset,
      noise: config.noise,
      trainRatio: config.percTrainData,
      seed: config.seed,
    });
    const first = initParameters(shapeOf(config), () => rng.next(), { zero: config.initZero });
    expect(Array.from(first.weights)).toEqual(c.initial.weights);
    expect(Array.from(first.biases)).toEqual(c.initial.biases);
  });

  it("the reference engine reproduces TF's losses and every parameter after 1, 10 and 100 epochs", () => {
    trainAgainstTf(referenceEngine, c, (epoch, diff, dead) => {
      expect(diff.loss, `losses at epoch ${epoch}`).toBeLessThanOrEqual(REFERENCE_TOLERANCE);
      expect(diff.parameter, `parameters at epoch ${epoch}`).toBeLessThanOrEqual(REFERENCE_TOLERANCE);
      if (epoch > 0) expect(dead).toBe(c.epochs[String(epoch) as '1'].deadLinks);
    });
  });

  it('the WASM core stays within f32 round-off of TF', () => {
    trainAgainstTf(wasm, c, (epoch, diff, dead) => {
      if (epoch === 0) {
        expect(diff.loss, 'losses before training').toBeLessThanOrEqual(WASM_LOSS_TOLERANCE);
      } else if (epoch === 1) {
        expect(diff.parameter, 'parameters after one epoch').toBeLessThanOrEqual(1e-6);
      }
      if (!CHAOTIC.has(c.name)) {
        expect(diff.loss, `losses at epoch ${epoch}`).toBeLessThanOrEqual(WASM_LOSS_TOLERANCE);
        if (epoch > 0) expect(dead, `dead links at epoch ${epoch}`).toBe(c.epochs[String(epoch) as '1'].deadLinks);
      }
    });
  });

  describe.each(['reference', 'wasm'] as const)('the trainer on %s', (engine: EngineName) => {
    it('opens the link from exactly TF\'s first weights and steps to its numbers', async () => {
      const trainer = new Trainer({ wasm: loadWasmEngine, reference: async () => referenceEngine });
      try {
        await trainer.init();
        trainer.load(configOf(c), engine);
        const start = trainer.frame() as Snapshot;
        expect(start.engine).toBe(engine);
        // The reference holds TF's f64 weights themselves; the core their f32 rounding.
        const expectWeights = engine === 'reference' ? c.initial.weights : c.initial.weights.map(Math.fround);
        expect(Array.from(start.weights)).toEqual(expectWeights);
        const tolerance = engine === 'reference' ? REFERENCE_TOLERANCE : WASM_LOSS_TOLERANCE;
        expect(Math.abs(start.trainLoss - c.epochs['0'].trainLoss)).toBeLessThanOrEqual(tolerance);
        expect(Math.abs(start.testLoss - c.epochs['0'].testLoss)).toBeLessThanOrEqual(tolerance);
        trainer.step();
        const one = trainer.frame() as Snapshot;
        expect(one.epoch).toBe(1);
        expect(Math.abs(one.trainLoss - c.epochs['1'].trainLoss)).toBeLessThanOrEqual(tolerance);
        expect(maxDiff(one.weights, c.epochs['1'].weights!)).toBeLessThanOrEqual(engine === 'reference' ? REFERENCE_TOLERANCE : 1e-6);
      } finally {
        trainer.dispose();
      }
    });
  });
});
