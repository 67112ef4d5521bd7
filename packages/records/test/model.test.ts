/**
 * The model file, with the real trainer on both engines: a model written to
 * text and read back opens to the same bits and trains on as if never saved;
 * a hand-in of a run opened from a model replays exactly; files that are
 * empty, cut short, damaged, foreign, from the future or wrong inside are
 * refused with a named reason.
 */
import { DEFAULT_OPTIMIZER, referenceEngine, type OptimizerSettings } from '@nn/engine';
import { loadWasmEngine } from '@nn/engine-wasm';
import { Trainer, type EngineName, type TrainerConfig } from '@nn/trainer';
import { afterEach, describe, expect, it } from 'vitest';
import * as v from 'valibot';
import {
  ExactRunSchema,
  MODEL_FORMAT,
  exactRunFrom,
  handInRowOf,
  modelFileFrom,
  modelFileName,
  parseModel,
  serializeHandIn,
  serializeModel,
  trainerModelOf,
  type ModelFile,
} from '../src/index.js';

const RUN: TrainerConfig = {
  dataset: 'circle',
  noise: 15,
  percTrainData: 60,
  seed: '0.5772',
  features: ['x', 'y', 'xSquared', 'ySquared'],
  networkShape: [5, 3],
  activation: 'relu',
  regularization: 'l1',
  regularizationRate: 0.001,
  learningRate: 0.05,
  // 300 training points in batches of 7: a batch is always in progress at an epoch's end.
  batchSize: 7,
  initZero: false,
};

const made: Trainer[] = [];
afterEach(() => {
  for (const t of made.splice(0)) t.dispose();
});

async function trainer(): Promise<Trainer> {
  const t = new Trainer({ reference: async () => referenceEngine, wasm: () => loadWasmEngine() });
  made.push(t);
  await t.init();
  return t;
}

/** Every number the same, -0 told from 0. */
function sameBits(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => Object.is(x, b[i]));
}

describe.each(['wasm', 'reference'] as const)('a model file on %s', (engine: EngineName) => {
  it('reads back to the same bits and trains on as if never saved', async () => {
    const saved = await trainer();
    saved.load(RUN, engine);
    saved.step(11);
    const file = modelFileFrom(saved.model(), new Date('2026-12-04T09:00:00Z'));
    expect(file.network).toEqual({ inputs: RUN.features, hiddenSizes: [5, 3], activation: 'relu', outputActivation: 'tanh' });
    expect(file.data).toEqual({ source: 'generated', dataset: 'circle', noise: 15, seed: '0.5772', percTrainData: 60 });
    expect(file.optimizer).toEqual({ name: 'sgd' });
    expect(file.batch.count).toBeGreaterThan(0);
    expect(file.batch.lanes !== undefined).toBe(engine === 'wasm');
    expect(modelFileName(file, new Date('2026-12-04T09:00:00Z'))).toBe('model-circle-epoch-11-2026-12-04.nnmodel.json');

    const text = serializeModel(file);
    const parsed = parseModel(text);
    if (!parsed.ok) throw new Error(parsed.reason.message);
    expect(sameBits(parsed.model.weights, file.weights)).toBe(true);
    expect(sameBits(parsed.model.biases, file.biases)).toBe(true);
    expect(sameBits(parsed.model.batch.weightGradients, file.batch.weightGradients)).toBe(true);
    expect(parsed.model).toEqual(file);

    const opened = await trainer();
    opened.load({ ...RUN, dataset: 'xor', networkShape: [2] }, engine === 'wasm' ? 'reference' : 'wasm');
    opened.openModel(trainerModelOf(parsed.model));
    saved.step(9);
    opened.step(9);
    const a = saved.journal();
    const b = opened.journal();
    expect(b.run.epochs).toBe(20);
    expect(b.engine).toBe(engine);
    expect(b.trainLoss).toBe(a.trainLoss);
    expect(b.testLoss).toBe(a.testLoss);
    expect(sameBits(b.weights, a.weights)).toBe(true);

    // A hand-in row of the run opened from the model replays exactly: its record carries the start.
    const run = exactRunFrom(b, '#dataset=circle');
    const row = JSON.parse(serializeHandIn({
      format: 'nn-playground-handin', version: 1, product: run.product, student: { name: 'Kim', number: '1' },
      submittedAt: '2026-12-04T10:00:00.000Z', rows: [handInRowOf(run)], notes: {},
    })).rows[0];
    const record = v.parse(ExactRunSchema, row.run);
    expect(record.run.start?.epoch).toBe(11);
    const replayed = opened.replay(record.run);
    expect(replayed.weights).toEqual(b.weights);
    expect(replayed.testLoss).toBe(b.testLoss);
  });
});

describe('the model file', () => {
  it('keeps imported points and -0', async () => {
    const t = await trainer();
    const points = Array.from({ length: 40 }, (_, i) => ({ x: (i % 7) - 3, y: Math.floor(i / 7) - 3, label: i % 3 === 0 ? 1 : -1 }));
    t.load({ ...RUN, imported: { id: 'p1', name: 'my points.csv', problem: 'classification', points } }, 'reference');
    t.step(2);
    const file = modelFileFrom(t.model());
    expect(file.data).toMatchObject({ source: 'imported', name: 'my points.csv', problem: 'classification' });
    const withSign = { ...file, weights: file.weights.map((w, i) => (i === 0 ? -0 : w)) } as ModelFile;
    const parsed = parseModel(serializeModel(withSign));
    if (!parsed.ok) throw new Error(parsed.reason.message);
    expect(Object.is(parsed.model.weights[0], -0)).toBe(true);
    expect(trainerModelOf(parsed.model).config.imported?.points).toEqual(points);
  });

  it('refuses what is not a model, saying why', async () => {
    const t = await trainer();
    t.load(RUN, 'reference');
    t.step(1);
    const file = modelFileFrom(t.model());
    const text = serializeModel(file);
    const reason = (s: string) => {
      const parsed = parseModel(s);
      return parsed.ok ? 'ok' : parsed.reason.code;
    };
    expect(reason('')).toBe('empty');
    expect(reason('  \n')).toBe('empty');
    expect(reason(text.slice(0, text.length / 2))).toBe('truncated');
    expect(reason('PK\u0003\u0004 not json')).toBe('damaged');
    expect(reason(JSON.stringify({ format: 'nn-playground-handin', version: 1 }))).toBe('foreign');
    expect(reason('[1, 2, 3]')).toBe('foreign');
    expect(reason(text.replace(`"format": "${MODEL_FORMAT}"`, '"format": "keras"'))).toBe('foreign');
    expect(reason(text.replace('"version": 1', '"version": 2'))).toBe('future');
    expect(reason('x'.repeat(21 * 1024 * 1024))).toBe('too-large');

    const wrong = (change: (f: Record<string, unknown>) => void) => {
      const f = JSON.parse(text) as Record<string, unknown>;
      change(f);
      const parsed = parseModel(JSON.stringify(f));
      if (parsed.ok) throw new Error('expected a refusal');
      expect(parsed.reason.code).toBe('invalid');
      return parsed.reason.params;
    };
    expect(wrong((f) => ((f.settings as Record<string, unknown>).batchSize = 0))).toMatchObject({ path: 'settings.batchSize' });
    expect(wrong((f) => (f.weights as number[]).pop()).issue).toMatch(/weights must have 38 numbers for this network, not 37/);
    expect(wrong((f) => ((f.network as Record<string, unknown>).outputActivation = 'linear')).issue).toMatch(/output activation/);
    expect(wrong((f) => ((f.dead as number[])[0] = 2))).toMatchObject({ path: 'dead.0' });
    expect(wrong((f) => ((f.data as Record<string, unknown>).dataset = 'mnist'))).toMatchObject({ path: 'data.dataset' });
    expect(wrong((f) => (f.extra = 1))).toMatchObject({ path: 'extra' });
  });
});

describe.each(['wasm', 'reference'] as const)('a model file with an optimizer on %s', (engine: EngineName) => {
  it.each([
    ['adam', { ...DEFAULT_OPTIMIZER, optimizer: 'adam', beta1: 0.8, epsilon: 1e-7 }],
    ['rmsprop', { ...DEFAULT_OPTIMIZER, optimizer: 'rmsprop' }],
  ] as [string, OptimizerSettings][])('keeps %s, its settings and its state to the bit', async (_name, optimizer) => {
    const config: TrainerConfig = { ...RUN, learningRate: 0.01, optimizer };
    const saved = await trainer();
    saved.load(config, engine);
    saved.step(7);
    const file = modelFileFrom(saved.model());
    const { momentum, beta1, beta2, epsilon } = optimizer;
    expect(file.optimizer.name).toBe(optimizer.optimizer);
    expect(file.optimizer.settings).toEqual({ momentum, beta1, beta2, epsilon });
    const state = file.optimizer.state!;
    expect(state.optimizer).toBe(optimizer.optimizer);
    expect(state.steps).toBeGreaterThan(0);
    expect(state.weightMoment2.length).toBe(file.weights.length);
    expect(state.weightMoment2.some((m) => m > 0)).toBe(true);

    const parsed = parseModel(serializeModel(file));
    if (!parsed.ok) throw new Error(parsed.reason.message);
    expect(parsed.model).toEqual(file);
    for (const key of ['weightMoment1', 'biasMoment1', 'weightMoment2', 'biasMoment2'] as const) {
      expect(sameBits(parsed.model.optimizer.state![key], state[key]), key).toBe(true);
    }
    const model = trainerModelOf(parsed.model);
    expect(model.config.optimizer).toEqual(optimizer);

    const opened = await trainer();
    opened.load(RUN, engine === 'wasm' ? 'reference' : 'wasm');
    opened.openModel(model);
    saved.step(6);
    opened.step(6);
    const a = saved.journal();
    const b = opened.journal();
    expect(sameBits(b.weights, a.weights)).toBe(true);
    expect(sameBits(b.biases, a.biases)).toBe(true);
    expect(b.testLoss).toBe(a.testLoss);

    // The record of the run opened from the model carries the state and replays exactly.
    const record = v.parse(ExactRunSchema, JSON.parse(JSON.stringify(exactRunFrom(b, '#dataset=circle'))));
    expect(record.run.start?.optimizer).toEqual(state);
    const replayed = opened.replay(record.run);
    expect(sameBits(replayed.weights, b.weights)).toBe(true);
    expect(replayed.trainLoss).toBe(b.trainLoss);
  });
});

describe('a model file’s optimizer', () => {
  it('is refused with the path when it is wrong, and old files without a state still read', async () => {
    const t = await trainer();
    t.load({ ...RUN, optimizer: { ...DEFAULT_OPTIMIZER, optimizer: 'adam' } }, 'reference');
    t.step(2);
    const file = modelFileFrom(t.model());
    const text = serializeModel(file);
    const wrong = (change: (o: Record<string, any>) => void) => {
      const f = JSON.parse(text) as { optimizer: Record<string, any> };
      change(f.optimizer);
      const parsed = parseModel(JSON.stringify(f));
      if (parsed.ok) throw new Error('expected a refusal');
      expect(parsed.reason.code).toBe('invalid');
      return parsed.reason.params;
    };
    expect(wrong((o) => (o.name = 'lbfgs'))).toMatchObject({ path: 'optimizer.name' });
    expect(wrong((o) => (o.settings.beta2 = 1))).toMatchObject({ path: 'optimizer.settings.beta2' });
    expect(wrong((o) => (o.settings.epsilon = 0))).toMatchObject({ path: 'optimizer.settings.epsilon' });
    expect(wrong((o) => (o.state.steps = 2.5))).toMatchObject({ path: 'optimizer.state.steps' });
    expect(wrong((o) => (o.state.steps = -1))).toMatchObject({ path: 'optimizer.state.steps' });
    expect(wrong((o) => (o.state.biasMoment2[1] = -0.5))).toMatchObject({ path: 'optimizer.state.biasMoment2.1' });
    expect(wrong((o) => (o.state.weightMoment1[0] = 'x'))).toMatchObject({ path: 'optimizer.state.weightMoment1.0' });
    expect(wrong((o) => (o.state.extra = []))).toMatchObject({ path: 'optimizer.state.extra' });
    expect(wrong((o) => o.state.weightMoment1.pop()).issue).toMatch(/optimizer\.state\.weightMoment1 must have 38 numbers for this network, not 37/);
    expect(wrong((o) => o.state.biasMoment2.push(0)).issue).toMatch(/optimizer\.state\.biasMoment2 must have 9 numbers/);

    // A file of SGD, as every file before optimizers: { "name": "sgd" }, and it opens as SGD.
    const sgd = JSON.parse(text) as Record<string, unknown>;
    sgd.optimizer = { name: 'sgd' };
    const parsed = parseModel(JSON.stringify(sgd));
    if (!parsed.ok) throw new Error(parsed.reason.message);
    expect(trainerModelOf(parsed.model).config.optimizer).toBeUndefined();
    expect(trainerModelOf(parsed.model).state.optimizer).toBeUndefined();
  });
});
