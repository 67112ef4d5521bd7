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
import { DEFAULT_OPTIMIZER, referenceEngine } from '@nn/engine';
import { Trainer, type TrainerConfig } from '@nn/trainer';
import { afterEach, describe, expect, it } from 'vitest';
import { modelFileFrom, pythonFileName, pythonScript, type ModelFile } from '../src/index.js';

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
