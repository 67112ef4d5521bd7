/**
 * "Export to Python": the generated NumPy script, run by a real python3,
 * trains a saved model on with the playground's rule. Its losses after each
 * of 5 epochs match the reference engine's (f64) to 1e-9 relative, from a
 * model saved with a batch in progress, with L1 and with L2. Python 3 with
 * NumPy must be installed (scripts/setup.sh installs python3-numpy): the
 * test fails, saying so, where it is not.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toDataSet, type Example2D, type FeatureId } from '@nn/datasets';
import { DEFAULT_OPTIMIZER, initParameters, referenceEngine, type NetworkShape, type Optimizer, type TrainSettings } from '@nn/engine';
import { Trainer, type TrainerConfig } from '@nn/trainer';
import { afterEach, describe, expect, it } from 'vitest';
import { modelFileFrom, modelPoints, pythonFileName, pythonScript, type ModelFile } from '../src/index.js';

const made: Trainer[] = [];
afterEach(() => {
  for (const t of made.splice(0)) t.dispose();
});

async function trainer(): Promise<Trainer> {
  const t = new Trainer({ reference: async () => referenceEngine });
  made.push(t);
  await t.init();
  return t;
}

const BASE: TrainerConfig = {
  dataset: 'xor',
  noise: 10,
  percTrainData: 50,
  seed: '0.1234',
  features: ['x', 'y', 'xTimesY', 'sinX'],
  networkShape: [4, 2],
  activation: 'tanh',
  regularization: 'l1',
  regularizationRate: 0.003,
  learningRate: 0.1,
  // 250 training points in batches of 7: a batch is in progress at every epoch's end.
  batchSize: 7,
  initZero: false,
};

/**
 * The first Python 3 with NumPy: $PYTHON if set, else python3 on the PATH,
 * else Debian's /usr/bin/python3 (where python3-numpy goes, when another
 * python3 such as pyenv's comes first on the PATH).
 */
function pythonWithNumpy(): string {
  const candidates = process.env.PYTHON ? [process.env.PYTHON] : ['python3', '/usr/bin/python3'];
  const tried: string[] = [];
  for (const python of candidates) {
    const check = spawnSync(python, ['-c', 'import numpy'], { encoding: 'utf8' });
    if (!check.error && check.status === 0) return python;
    tried.push(`${python}: ${check.error?.message ?? check.stderr.trim().split('\n').pop()}`);
  }
  throw new Error(
    'Python 3 with NumPy is needed to test "Export to Python": install them (Debian: apt-get install python3 python3-numpy; ' +
      `scripts/setup.sh does it) or set PYTHON. Tried ${tried.join('; ')}`,
  );
}

/** Runs a script with Python and returns what it printed. */
function runPython(script: string): string {
  const python = pythonWithNumpy();
  const dir = mkdtempSync(join(tmpdir(), 'nn-python-'));
  try {
    const file = join(dir, 'model.py');
    writeFileSync(file, script);
    return execFileSync(python, [file], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The losses the script printed, by epoch. */
function printedLosses(output: string): Map<number, { train: number; test: number }> {
  const losses = new Map<number, { train: number; test: number }>();
  for (const match of output.matchAll(/^epoch (\d+)(?: \([^)]*\))?: train loss (\S+), test loss (\S+)$/gm)) {
    losses.set(Number(match[1]), { train: Number(match[2]), test: Number(match[3]) });
  }
  return losses;
}

function relative(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);
}

/** A model saved after `epochs` epochs of `config`, and the reference engine's losses over 5 more epochs. */
async function savedAndReference(config: TrainerConfig, epochs: number): Promise<{ model: ModelFile; expected: { train: number; test: number }[] }> {
  const t = await trainer();
  t.load(config, 'reference');
  if (epochs > 0) t.step(epochs);
  const model = modelFileFrom(t.model());
  const expected: { train: number; test: number }[] = [];
  const start = t.journal();
  expected.push({ train: start.trainLoss, test: start.testLoss });
  for (let e = 0; e < 5; e++) {
    t.step(1);
    const j = t.journal();
    expected.push({ train: j.trainLoss, test: j.testLoss });
  }
  return { model, expected };
}

describe('the exported Python script', () => {
  it.each([
    ['L1, a batch in progress', BASE, 3],
    ['L2, relu, regression', { ...BASE, dataset: 'reg-plane', regularization: 'l2', activation: 'relu', features: ['x', 'y', 'ySquared', 'sinY'], batchSize: 10 } as TrainerConfig, 2],
    ['no hidden layer, sigmoid, batches of 1', { ...BASE, networkShape: [], activation: 'sigmoid', regularization: 'none', batchSize: 1, features: ['xSquared', 'ySquared'] } as TrainerConfig, 0],
    // Saved mid-run, so the optimizer's state is not zero (and L1 has killed links, whose state stays).
    ['momentum, L1, a batch in progress', { ...BASE, optimizer: { ...DEFAULT_OPTIMIZER, optimizer: 'momentum', momentum: 0.8 } } as TrainerConfig, 3],
    ['RMSProp, L2, leaky ReLU', { ...BASE, learningRate: 0.01, regularization: 'l2', activation: 'leakyrelu', optimizer: { ...DEFAULT_OPTIMIZER, optimizer: 'rmsprop', epsilon: 1e-6 } } as TrainerConfig, 3],
    ['Adam, L1, a batch in progress', { ...BASE, learningRate: 0.01, optimizer: { ...DEFAULT_OPTIMIZER, optimizer: 'adam', beta1: 0.85, beta2: 0.99 } } as TrainerConfig, 4],
    ['Adam, regression, swish', { ...BASE, dataset: 'reg-gauss', activation: 'swish', regularization: 'none', learningRate: 0.003, batchSize: 10, optimizer: { ...DEFAULT_OPTIMIZER, optimizer: 'adam' } } as TrainerConfig, 2],
  ])('trains as the reference engine does (%s)', async (_name, config, epochs) => {
    const { model, expected } = await savedAndReference(config, epochs);
    const script = pythonScript({ model, lang: 'en', epochs: 5 });
    const output = runPython(script);
    const printed = printedLosses(output);
    if (config.optimizer) {
      // The script continues from the saved state, which is not zero.
      expect(model.optimizer.state?.optimizer).toBe(config.optimizer.optimizer);
      expect(model.optimizer.state!.steps).toBeGreaterThan(0);
      expect(script).toContain(`OPTIMIZER = "${config.optimizer.optimizer}"`);
    }
    expect([...printed.keys()]).toEqual([epochs, epochs + 1, epochs + 2, epochs + 3, epochs + 4, epochs + 5]);
    expected.forEach((want, k) => {
      const got = printed.get(epochs + k)!;
      expect(relative(got.train, want.train), `train loss at epoch ${epochs + k}: ${got.train} vs ${want.train}`).toBeLessThan(1e-9);
      expect(relative(got.test, want.test), `test loss at epoch ${epochs + k}: ${got.test} vs ${want.test}`).toBeLessThan(1e-9);
    });
    // The losses move: a script that did not train would fail above.
    expect(printed.get(epochs + 5)!.train).not.toBe(printed.get(epochs)!.train);
  });

  it('is commented in the page’s language and names its file', async () => {
    const { model } = await savedAndReference(BASE, 1);
    const en = pythonScript({ model, lang: 'en' });
    const ko = pythonScript({ model, lang: 'ko' });
    expect(en).toContain('# Epochs to train');
    expect(en).toContain('EPOCHS = 100');
    expect(ko).toContain('학습할 에포크 수');
    expect(ko).not.toContain('Epochs to train');
    expect(pythonFileName(model)).toBe('model-xor-epoch-1.py');
    // The weights are written as the numbers they are.
    expect(en).toContain(String(model.weights[0]));
    // Korean comments run too (the file is UTF-8).
    expect(printedLosses(runPython(pythonScript({ model, lang: 'ko', epochs: 1 }))).size).toBe(2);
  });
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

/**
 * 120 own points in [-5, 5]^2: for a softmax of 3, the class is the third of the circle the
 * point's angle falls in (labels 0, 1, 2); for a sigmoid, TF's -1/+1 by the sign of x y.
 */
function ownPoints(output: 'sigmoid' | 'softmax'): Example2D[] {
  const random = prng(5);
  return Array.from({ length: 120 }, () => {
    const x = random() * 10 - 5;
    const y = random() * 10 - 5;
    const label = output === 'softmax' ? Math.min(2, Math.floor(((Math.atan2(y, x) + Math.PI) / (2 * Math.PI)) * 3)) : x * y >= 0 ? 1 : -1;
    return { x, y, label };
  });
}

/**
 * A model of a cross-entropy network on own points, trained `epochs` epochs on the reference
 * engine by hand (not through the trainer: its classes and loss settings come on another
 * branch), so it is saved with a batch in progress and the optimizer's state; and the
 * reference engine's losses over 5 more epochs.
 */
async function crossEntropyModel(
  output: 'sigmoid' | 'softmax',
  optimizer: Optimizer,
  regularization: 'none' | 'l1' | 'l2',
  epochs: number,
): Promise<{ model: ModelFile; expected: { train: number; test: number }[] }> {
  const t = await trainer();
  t.load(BASE, 'reference');
  const base = modelFileFrom(t.model());
  const features: FeatureId[] = ['x', 'y', 'xTimesY', 'sinX'];
  const data: ModelFile['data'] = {
    source: 'imported',
    dataset: 'xor',
    seed: '0.75',
    percTrainData: 60,
    id: 'own',
    name: output === 'softmax' ? 'three thirds' : 'quadrants',
    problem: 'classification',
    points: ownPoints(output),
  };
  const shape: NetworkShape = { inputSize: 4, hiddenSizes: [4, 3], activation: 'tanh', outputActivation: output, outputSize: output === 'softmax' ? 3 : 1 };
  const optimizerSettings = { ...DEFAULT_OPTIMIZER, optimizer, beta1: 0.85, momentum: 0.8 };
  const settings: TrainSettings = {
    learningRate: optimizer === 'sgd' || optimizer === 'momentum' ? 0.1 : 0.01,
    batchSize: 7,
    regularization,
    regularizationRate: 0.003,
    optimizer: optimizerSettings,
  };
  const network = referenceEngine.createNetwork(shape);
  network.setParameters(initParameters(shape, prng(3)));
  const { train, test } = modelPoints({ ...base, data });
  const trainSet = referenceEngine.createDataSet(toDataSet(train, features));
  const testSet = referenceEngine.createDataSet(toDataSet(test, features));
  network.trainEpochs(trainSet, settings, epochs);
  const state = network.optimizerState();
  const batch = network.batchState();
  const model: ModelFile = {
    ...base,
    network: { inputs: features, hiddenSizes: [4, 3], activation: 'tanh', outputActivation: output },
    optimizer: {
      name: optimizer,
      ...(optimizer === 'sgd' ? {} : { settings: { momentum: 0.8, beta1: 0.85, beta2: DEFAULT_OPTIMIZER.beta2, epsilon: DEFAULT_OPTIMIZER.epsilon } }),
      ...(optimizer === 'sgd'
        ? {}
        : {
            state: {
              optimizer: state.optimizer,
              steps: state.steps,
              weightMoment1: Array.from(state.weightMoment1),
              biasMoment1: Array.from(state.biasMoment1),
              weightMoment2: Array.from(state.weightMoment2),
              biasMoment2: Array.from(state.biasMoment2),
            },
          }),
    },
    settings: { learningRate: settings.learningRate, batchSize: 7, regularization, regularizationRate: 0.003, initZero: false },
    data,
    epoch: epochs,
    weights: Array.from(network.weights()),
    biases: Array.from(network.biases()),
    dead: Array.from(network.deadLinks()),
    batch: { weightGradients: Array.from(batch.weightGradients), biasGradients: Array.from(batch.biasGradients), count: batch.count },
  };
  const expected = [{ train: network.loss(trainSet), test: network.loss(testSet) }];
  for (let e = 0; e < 5; e++) {
    network.trainEpochs(trainSet, settings, 1);
    expected.push({ train: network.loss(trainSet), test: network.loss(testSet) });
  }
  network.free();
  trainSet.free();
  testSet.free();
  return { model, expected };
}

describe('the exported Python script with a cross-entropy output', () => {
  it.each([
    ['sigmoid, SGD, L1', 'sigmoid', 'sgd', 'l1', 3],
    ['sigmoid, Adam', 'sigmoid', 'adam', 'none', 2],
    ['softmax of 3, SGD, L2', 'softmax', 'sgd', 'l2', 3],
    ['softmax of 3, momentum, L1', 'softmax', 'momentum', 'l1', 2],
    ['softmax of 3, Adam', 'softmax', 'adam', 'none', 4],
  ] as const)('trains as the reference engine does (%s)', async (_name, output, optimizer, regularization, epochs) => {
    const { model, expected } = await crossEntropyModel(output, optimizer, regularization, epochs);
    expect(model.batch.count).toBeGreaterThan(0);
    const script = pythonScript({ model, lang: 'en', epochs: 5 });
    if (output === 'softmax') {
      expect(script).toContain('LAYER_SIZES = [4, 4, 3, 3]');
      expect(script).toContain('CLASSES = 3');
      // The labels are the class numbers.
      expect(script).toMatch(/^-?[\d.e-]+,-?[\d.e-]+,2$/m);
    } else {
      expect(script).toContain('LAYER_SIZES = [4, 4, 3, 1]');
    }
    expect(script).toContain('CE_EPSILON = 1e-7');
    const printed = printedLosses(runPython(script));
    expect([...printed.keys()]).toEqual([epochs, epochs + 1, epochs + 2, epochs + 3, epochs + 4, epochs + 5]);
    expected.forEach((want, k) => {
      const got = printed.get(epochs + k)!;
      expect(relative(got.train, want.train), `train loss at epoch ${epochs + k}: ${got.train} vs ${want.train}`).toBeLessThan(1e-9);
      expect(relative(got.test, want.test), `test loss at epoch ${epochs + k}: ${got.test} vs ${want.test}`).toBeLessThan(1e-9);
    });
    expect(printed.get(epochs + 5)!.train).not.toBe(printed.get(epochs)!.train);
  });

  it('clips a confidently wrong point at -ln(1e-7), as the engine does', async () => {
    const { model } = await crossEntropyModel('softmax', 'sgd', 'none', 0);
    // Output weights and biases huge and against every class: every p is 0 or 1.
    const hidden = 4 * 4 + 3 * 4;
    const weights = model.weights.map((w, k) => (k < hidden ? w : (k % 3) * 400 - 400));
    const biases = model.biases.map((b, n) => (n < 7 ? b : [900, -900, 0][n - 7]!));
    const clipped: ModelFile = { ...model, weights, biases };
    const network = referenceEngine.createNetwork({ inputSize: 4, hiddenSizes: [4, 3], activation: 'tanh', outputActivation: 'softmax', outputSize: 3 });
    network.setParameters({ weights, biases });
    const { train } = modelPoints(clipped);
    const set = referenceEngine.createDataSet(toDataSet(train, ['x', 'y', 'xTimesY', 'sinX']));
    const want = network.loss(set);
    // Most points get p = 0 for their class: the loss is near -ln(1e-7) times their share.
    expect(want).toBeGreaterThan(5);
    expect(Number.isFinite(want)).toBe(true);
    const printed = printedLosses(runPython(pythonScript({ model: clipped, lang: 'en', epochs: 1 })));
    expect(relative(printed.get(0)!.train, want)).toBeLessThan(1e-9);
    network.free();
    set.free();
  });

  it('is commented in Korean too, and runs', async () => {
    const { model } = await crossEntropyModel('softmax', 'adam', 'none', 1);
    const ko = pythonScript({ model, lang: 'ko', epochs: 1 });
    expect(ko).toContain('교차 엔트로피');
    expect(ko).toContain('클래스 번호, 0부터 2까지');
    expect(ko).not.toContain('cross-entropy');
    expect(printedLosses(runPython(ko)).size).toBe(2);
  });
});
