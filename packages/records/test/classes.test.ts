/**
 * Records of several classes and of two-class cross-entropy: model files keep
 * the softmax or sigmoid output (and read the number of classes back from it),
 * exact runs and hand-in rows carry `classes` and `loss` when not default and
 * replay bit for bit, and files made before them read as before. On the
 * reference engine (the WASM core's softmax comes with the core's branch).
 */
import { referenceEngine } from '@nn/engine';
import { Trainer, type TrainerConfig } from '@nn/trainer';
import * as v from 'valibot';
import { afterEach, describe, expect, it } from 'vitest';
import { ExactRunSchema, exactRunFrom, handInRowOf, modelFileFrom, parseModel, serializeModel, trainerModelOf } from '../src/index.js';

const ARMS: TrainerConfig = {
  dataset: 'arms',
  classes: 3,
  noise: 10,
  percTrainData: 60,
  seed: '0.2718',
  features: ['x', 'y', 'sinX', 'sinY'],
  networkShape: [6, 4],
  activation: 'tanh',
  regularization: 'none',
  regularizationRate: 0,
  learningRate: 0.01,
  batchSize: 7,
  initZero: false,
  optimizer: { optimizer: 'adam', momentum: 0.9, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 },
};

const XOR_CE: TrainerConfig = { ...ARMS, dataset: 'xor', classes: undefined, loss: 'cross-entropy', optimizer: undefined, learningRate: 0.03 };

const made: Trainer[] = [];
afterEach(() => {
  for (const t of made.splice(0)) t.dispose();
});

async function trainer(config: TrainerConfig): Promise<Trainer> {
  const t = new Trainer({ reference: async () => referenceEngine });
  made.push(t);
  await t.init();
  t.load(config, 'reference');
  return t;
}

function parsedModel(text: string) {
  const parsed = parseModel(text);
  if (!parsed.ok) throw new Error(parsed.reason.message);
  return parsed.model;
}

describe('a model file of three classes', () => {
  it('keeps the softmax of three nodes and cross-entropy, and opens to train on bit for bit', async () => {
    const saved = await trainer(ARMS);
    saved.step(6);
    const file = modelFileFrom(saved.model());
    expect(file.network).toMatchObject({ outputActivation: 'softmax', outputSize: 3 });
    expect(file.loss).toBe('cross-entropy');
    const model = trainerModelOf(parsedModel(serializeModel(file)));
    expect(model.config.classes).toBe(3);
    expect(model.config.loss).toBeUndefined();

    const opened = await trainer({ ...ARMS, dataset: 'xor', classes: undefined });
    opened.openModel(model);
    saved.step(5);
    opened.step(5);
    const [a, b] = [saved.journal(), opened.journal()];
    expect(b.weights).toEqual(a.weights);
    expect(b.trainLoss).toBe(a.trainLoss);
  });

  it('refuses an output that does not fit the data or the loss', async () => {
    const t = await trainer(ARMS);
    t.step(1);
    const text = serializeModel(modelFileFrom(t.model()));
    const issue = (change: (f: { network: Record<string, unknown>; loss: unknown; weights: unknown }) => void) => {
      const f = JSON.parse(text);
      change(f);
      const parsed = parseModel(JSON.stringify(f));
      if (parsed.ok) throw new Error('expected a refusal');
      return String(parsed.reason.params.issue);
    };
    expect(issue((f) => (f.network.outputActivation = 'tanh'))).toMatch(/output size is given for a softmax output/);
    expect(issue((f) => delete f.network.outputSize)).toMatch(/output size/);
    expect(issue((f) => (f.loss = 'squared'))).toMatch(/the loss must be cross-entropy with a softmax output/);
    expect(issue((f) => (f.network.outputSize = 4))).toMatch(/weights must have/);
  });
});

describe('a model file of two classes with cross-entropy', () => {
  it('keeps the sigmoid output and reads the loss back from it', async () => {
    const saved = await trainer(XOR_CE);
    saved.step(3);
    const file = modelFileFrom(saved.model());
    expect(file.network.outputActivation).toBe('sigmoid');
    expect('outputSize' in file.network).toBe(false);
    expect(file.loss).toBe('cross-entropy');
    const model = trainerModelOf(parsedModel(serializeModel(file)));
    expect(model.config.loss).toBe('cross-entropy');
    expect(model.config.classes).toBeUndefined();
    const f = JSON.parse(serializeModel(file));
    f.loss = 'squared';
    expect(parseModel(JSON.stringify(f)).ok).toBe(false);
  });

  it('a file before several classes (tanh, squared) still reads as TF’s network', async () => {
    const t = await trainer({ ...XOR_CE, loss: undefined });
    t.step(2);
    const file = modelFileFrom(t.model());
    expect(file.network).toEqual({ inputs: ARMS.features, hiddenSizes: [6, 4], activation: 'tanh', outputActivation: 'tanh' });
    expect(file.loss).toBe('squared');
    const config = trainerModelOf(parsedModel(serializeModel(file))).config;
    expect('classes' in config || 'loss' in config).toBe(false);
  });
});

describe('exact runs and hand-in rows', () => {
  it('carry classes and loss when not default, and replay bit for bit', async () => {
    for (const config of [ARMS, XOR_CE]) {
      const t = await trainer(config);
      t.step(8);
      const run = exactRunFrom(t.journal(), '#dataset=x');
      const read = v.parse(ExactRunSchema, JSON.parse(JSON.stringify(run)));
      expect(read.run.config.classes).toBe(config.classes);
      expect(read.run.config.loss).toBe(config.loss);
      const replayed = t.replay(read.run);
      expect(replayed.weights).toEqual(run.final.weights);
      const row = handInRowOf(read);
      expect(row.classes).toBe(config.classes);
      expect(row.loss).toBe(config.loss);
    }
  });

  it('rows of two-class squared runs have neither (as before), and bad values are refused', async () => {
    const t = await trainer({ ...XOR_CE, loss: 'squared', classes: 2 });
    t.step(1);
    const run = exactRunFrom(t.journal(), '#');
    const row = handInRowOf(run);
    expect('classes' in row || 'loss' in row).toBe(false);
    expect('classes' in run.run.config || 'loss' in run.run.config).toBe(false);
    const bad = (change: Record<string, unknown>) =>
      v.safeParse(ExactRunSchema, { ...run, run: { ...run.run, config: { ...run.run.config, ...change } } }).success;
    expect(bad({ classes: 7 })).toBe(false);
    expect(bad({ classes: 1 })).toBe(false);
    expect(bad({ loss: 'hinge' })).toBe(false);
    expect(bad({ classes: 4, loss: 'cross-entropy' })).toBe(true);
  });
});
