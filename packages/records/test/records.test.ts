/**
 * Exact runs and hand-in files, with the real trainer on both engines: a
 * record survives JSON and replays to the same bits; any changed number is
 * found at the first checkpoint it touches; hand-in files that are empty, cut
 * short, damaged, foreign, from the future or wrong inside are refused with
 * a named reason.
 */
import { readFileSync } from 'node:fs';
import { referenceEngine } from '@nn/engine';
import { loadWasmEngine } from '@nn/engine-wasm';
import { Trainer, type EngineName, type ReplayResult, type RunReplay, type TrainerConfig } from '@nn/trainer';
import { afterEach, describe, expect, it } from 'vitest';
import {
  HANDIN_FORMAT,
  HANDIN_VERSION,
  PRODUCT_VERSION,
  compareReplay,
  exactRunFrom,
  handInFileName,
  handInRowOf,
  parseHandIn,
  readRunParam,
  runLinkHash,
  serializeHandIn,
  verifyRow,
  versionNote,
  type ExactRun,
  type HandIn,
} from '../src/index.js';

const HOMEWORK_RUN: TrainerConfig = {
  dataset: 'xor',
  noise: 20,
  percTrainData: 70,
  seed: '0.31415',
  features: ['x', 'y', 'xTimesY'],
  networkShape: [4, 2],
  activation: 'tanh',
  regularization: 'none',
  regularizationRate: 0,
  learningRate: 0.03,
  batchSize: 10,
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

/** A student's run: a reset, some training, a live learning-rate change, a Regenerate, more training. */
async function studentRun(engine: EngineName): Promise<{ run: ExactRun; replay: (r: RunReplay) => Promise<ReplayResult> }> {
  const t = await trainer();
  t.load(HOMEWORK_RUN, engine);
  t.reset();
  t.step(20);
  t.setLive({ learningRate: 0.1, batchSize: 10, regularization: 'none', regularizationRate: 0, stopBelow: null, pauseAt: null });
  t.step(20);
  t.regenerate('0.27182');
  t.step(30);
  const run = exactRunFrom(t.journal(), '#seed=0.27182&dataset=xor', new Date('2026-12-04T09:00:00Z'));
  // Through JSON, as a file carries it.
  return { run: JSON.parse(JSON.stringify(run)) as ExactRun, replay: async (r) => t.replay(r) };
}

function handIn(run: ExactRun, overrides: Partial<HandIn> = {}): HandIn {
  return {
    format: HANDIN_FORMAT,
    version: HANDIN_VERSION,
    product: PRODUCT_VERSION,
    student: { name: '김민지', number: '20261234' },
    submittedAt: '2026-12-04T10:00:00.000Z',
    rows: [handInRowOf(run)],
    notes: { 'overfitting.1': 'The test loss rose after epoch 300.' },
    ...overrides,
  };
}

describe.each(['wasm', 'reference'] as const)('an exact run on %s', (engine) => {
  it('keeps everything a replay needs and replays to the same bits', async () => {
    const { run, replay } = await studentRun(engine);
    expect(run.hash).toBe('seed=0.27182&dataset=xor');
    expect(run.run.resets).toBe(1);
    expect(run.run.events.map((e) => e.kind)).toEqual(['live', 'regenerate']);
    expect(run.checkpoints.map((c) => c.epoch)).toEqual([1, 2, 4, 8, 16, 32, 64]);
    const verdict = compareReplay(run, await replay(run.run));
    expect(verdict.status).toBe('verified');
    expect(versionNote(run)).toBe('exact');
  });

  it('finds a changed number at the first checkpoint it touches', async () => {
    const { run, replay } = await studentRun(engine);
    const result = await replay(run.run);
    const atEight = structuredClone(run) as { -readonly [K in keyof ExactRun]: ExactRun[K] } & { checkpoints: { epoch: number; trainLoss: number | null; testLoss: number | null }[] };
    atEight.checkpoints[3]!.testLoss = (atEight.checkpoints[3]!.testLoss ?? 0) + 1e-7;
    const first = compareReplay(atEight as ExactRun, result);
    expect(first.status).toBe('mismatch');
    if (first.status === 'mismatch') expect(first.departure).toMatchObject({ epoch: 8, what: 'testLoss' });

    const weight = structuredClone(run) as ExactRun & { final: { weights: number[] } };
    weight.final.weights[3] = 0.5;
    const second = compareReplay(weight, result);
    expect(second.status === 'mismatch' && second.departure).toMatchObject({ epoch: 70, what: 'weights', at: 3, claimed: 0.5 });

    // A run that claims more epochs than it had departs at the first checkpoint the replay lacks.
    const longer = { ...run, run: { ...run.run, epochs: 200 } };
    const third = compareReplay(longer, await replay(longer.run));
    expect(third.status === 'mismatch' && third.departure).toMatchObject({ what: 'trainLoss', epoch: 128, claimed: null });
  });
});

describe('a hand-in file', () => {
  it('round-trips and verifies its rows', async () => {
    const { run, replay } = await studentRun('wasm');
    const text = serializeHandIn(handIn(run));
    const parsed = parseHandIn(text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.handIn.student).toEqual({ name: '김민지', number: '20261234' });
    const row = parsed.handIn.rows[0]!;
    expect(row).toMatchObject({ dataset: 'xor', learningRate: 0.1, epochs: 70, features: ['x', 'y', 'xTimesY'], seed: '0.27182' });
    expect((await verifyRow(replay, row)).status).toBe('verified');
    // With a BOM, as some editors save it.
    expect(parseHandIn(`\uFEFF${text}`).ok).toBe(true);
  });

  it('does not match when the table claims another loss than its run', async () => {
    const { run, replay } = await studentRun('reference');
    const row = { ...handInRowOf(run), testLoss: 0.05 };
    const verdict = await verifyRow(replay, row);
    expect(verdict.status).toBe('mismatch');
    if (verdict.status === 'mismatch') expect(verdict.departure).toMatchObject({ what: 'testLoss', claimed: 0.05, epoch: 70 });
    const setting = await verifyRow(replay, { ...handInRowOf(run), activation: 'relu' });
    expect(setting.status === 'mismatch' && setting.departure).toMatchObject({ what: 'setting', at: 'activation' });
  });

  it('rejects a row with no run, or one the trainer refuses, with the reason', async () => {
    const { run, replay } = await studentRun('wasm');
    const { run: _dropped, ...old } = handInRowOf(run);
    const none = await verifyRow(replay, old);
    expect(none.status === 'rejected' && none.reason.code).toBe('no-run');
    const bad = { ...run, run: { ...run.run, config: { ...run.run.config, learningRate: 99 } } };
    const refused = await verifyRow(replay, handInRowOf(bad));
    expect(refused.status === 'rejected' && refused.reason).toMatchObject({ code: 'replay-failed', params: { code: 'learningRate' } });
  });

  it('is refused with a named reason when empty, cut short, damaged, foreign, newer or wrong inside', async () => {
    const { run } = await studentRun('wasm');
    const text = serializeHandIn(handIn(run));
    const code = (t: string) => {
      const parsed = parseHandIn(t);
      return parsed.ok ? 'ok' : parsed.reason.code;
    };
    expect(code('')).toBe('empty');
    expect(code('  \n')).toBe('empty');
    expect(code(text.slice(0, Math.floor(text.length / 2)))).toBe('truncated');
    expect(code('this is my homework')).toBe('damaged');
    expect(code(text.replace('"format"', 'format'))).toBe('damaged');
    expect(code('{"format":"nn-playground-log","version":2,"records":[]}')).toBe('foreign');
    expect(code('[1, 2, 3]')).toBe('foreign');
    expect(code(text.replace('"version": 1', '"version": 2'))).toBe('future');
    const future = parseHandIn(text.replace('"version": 1', '"version": 7'));
    expect(!future.ok && future.reason.params).toEqual({ version: 7, supported: 1 });
    const wrong = parseHandIn(text.replace('"batchSize": 10', '"batchSize": -3'));
    expect(!wrong.ok && wrong.reason).toMatchObject({ code: 'invalid', params: { path: 'rows.0.batchSize' } });
    const nameless = parseHandIn(serializeHandIn(handIn(run, { student: { name: ' ', number: '1' } })));
    expect(!nameless.ok && nameless.reason.params.path).toBe('student.name');
    const norows = parseHandIn(serializeHandIn(handIn(run, { rows: [] })));
    expect(!norows.ok && norows.reason.params.path).toBe('rows');
    expect(code(text)).toBe('ok');
  });

  it('is named after the student and the day', () => {
    expect(handInFileName({ name: '김 민지', number: '2026/1234' }, new Date('2026-12-04T10:00:00Z'))).toBe(
      'handin-2026-1234-김-민지-2026-12-04.nnhandin.json',
    );
  });
});

describe('a run in a link', () => {
  it('round-trips, and a damaged one is refused', async () => {
    const { run } = await studentRun('wasm');
    const hash = runLinkHash(run);
    expect(hash.startsWith('seed=0.27182&dataset=xor&run=')).toBe(true);
    const value = hash.slice(hash.indexOf('run=') + 4);
    const read = readRunParam(value);
    expect(read.ok && read.run).toEqual(run);
    const cut = readRunParam(value.slice(0, 40));
    expect(!cut.ok && cut.reason.code).toBe('damaged');
  });
});

describe('the product version', () => {
  it('is the root package.json version, and an older one is said to be so', async () => {
    const root = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(PRODUCT_VERSION).toBe(root.version);
    const { run } = await studentRun('wasm');
    expect(versionNote({ ...run, product: '0.1.0' })).toBe('other-version');
    expect(versionNote(undefined)).toBe('no-run');
  });
});

describe('a run with an optimizer', () => {
  it.each(['momentum', 'rmsprop', 'adam'] as const)('keeps %s and its settings through a hand-in file and replays to the same bits', async (optimizer) => {
    const t = await trainer();
    const settings = { optimizer, momentum: 0.8, beta1: 0.85, beta2: 0.99, epsilon: 1e-7 };
    t.load({ ...HOMEWORK_RUN, learningRate: 0.01, optimizer: settings }, 'wasm');
    t.step(12);
    t.setLive({ learningRate: 0.01, batchSize: 10, regularization: 'none', regularizationRate: 0, stopBelow: null, pauseAt: null, optimizer: { ...settings, optimizer: 'adam', beta1: 0.9 } });
    t.step(12);
    const run = JSON.parse(JSON.stringify(exactRunFrom(t.journal(), '#dataset=xor', new Date('2026-12-04T09:00:00Z')))) as ExactRun;
    expect(run.run.config.optimizer).toEqual(settings);
    const parsed = parseHandIn(serializeHandIn(handIn(run)));
    if (!parsed.ok) throw new Error(parsed.reason.message);
    const back = parsed.handIn.rows[0]!.run!;
    expect(back.run.config.optimizer).toEqual(settings);
    expect(compareReplay(back, await t.replay(back.run)).status).toBe('verified');
    // Without its optimizer the same record no longer verifies.
    const { optimizer: _gone, ...sgdConfig } = back.run.config;
    const stripped = { ...back, run: { ...back.run, config: sgdConfig, events: [] } };
    expect(compareReplay(stripped, await t.replay(stripped.run)).status).toBe('mismatch');
  });

  it('refuses a record naming an unknown optimizer, with the reason', async () => {
    const { run } = await studentRun('wasm');
    const bad = { ...run, run: { ...run.run, config: { ...run.run.config, optimizer: { optimizer: 'nesterov', momentum: 0.9, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 } } } };
    const parsed = parseHandIn(serializeHandIn(handIn(bad as unknown as ExactRun)));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason.message).toMatch(/optimizer/);
  });
});
