/**
 * "Open" on a record, in Node against a real trainer: a run with a Reset, a
 * live learning-rate change and a Regenerate is recorded, and opening it on
 * another page replays it to the same numbers; a changed record says where
 * it departs; an old record and one from another version say what they can
 * reproduce; a link with `run=` opens the run, and a bad one says why.
 */
import { PRODUCT_VERSION, exactRunFrom, runLinkHash, type ExactRun } from '@nn/records';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { recordFrom, type RunRecord } from '../src/lib/course/log.js';
import { openRecord } from '../src/lib/course/log-store.svelte.js';
import type { Message } from '../src/lib/panels/message.js';
import type { Playground } from '../src/lib/playground.svelte.js';
import { openMessages } from '../src/lib/playground/replay.js';
import { closeAll, installFrames, noticeKeys, started, until } from './support/trainer-page.js';

beforeAll(installFrames);
afterEach(closeAll);

const HOMEWORK_LINK = '#seed=0.4242&dataset=xor&noise=20&percTrainData=70&networkShape=4,2&activation=tanh&learningRate=0.03&batchSize=10';

async function steps(page: Playground, n: number): Promise<void> {
  for (let k = 0; k < n; k++) await page.step();
}

/** A run as a student makes one: Reset before training, a live learning-rate change, Regenerate; then Record. */
async function recordedRun(engine: 'wasm' | 'reference' = 'wasm'): Promise<{ record: RunRecord; page: Playground }> {
  const { page } = await started(`${HOMEWORK_LINK}&engine=${engine}`);
  await page.reset();
  await steps(page, 6);
  await page.setLearningRate(0.3);
  await steps(page, 5);
  await page.regenerate();
  await steps(page, 9);
  const journal = (await page.journal())!;
  expect(journal.run.resets).toBe(1);
  expect(journal.run.events.map((e) => e.kind)).toEqual(['live', 'regenerate']);
  const run = exactRunFrom(journal, page.hash);
  const record = { ...recordFrom(page.state, { epoch: 0, trainLoss: 0, testLoss: 0 }, page.hash, new Date(), run), id: 1 };
  expect(record.epochs).toBe(20);
  return { record, page };
}

function keysOf(messages: readonly Message[]): string[] {
  return messages.map((m) => m.key);
}

describe('opening a record replays its run exactly', () => {
  it.each(['wasm', 'reference'] as const)('after a Reset, a live learning-rate change and Regenerate (%s)', async (engine) => {
    const { record } = await recordedRun(engine);
    // Another page, elsewhere: other settings, another seed.
    const { page } = await started('#seed=0.9&dataset=circle&networkShape=2');
    const report = await openRecord(page, record);
    expect(report.note).toBe('exact');
    expect(report.outcome).toEqual({ kind: 'exact', epoch: 20 });
    expect(keysOf(openMessages(report))).toEqual(['replay.exact']);
    // The page shows the run: its settings (the last learning rate, the regenerated seed), epoch and losses.
    expect(page.state.learningRate).toBe(0.3);
    expect(page.state.seed).toBe(record.seed);
    expect(page.state.dataset).toBe('xor');
    expect(page.state.engine).toBe(engine);
    await until(() => page.snapshot?.epoch === 20);
    expect(page.snapshot!.trainLoss).toBe(record.trainLoss);
    expect(page.snapshot!.testLoss).toBe(record.testLoss);
    expect(Array.from(page.snapshot!.weights)).toEqual(record.run!.final.weights);
    // The loss curves start from the run's checkpoints, then its last epoch.
    await until(() => page.history.epochs.at(-1) === 20);
    expect(page.history.epochs).toEqual([1, 2, 4, 8, 16, 20]);
    expect(page.history.train.slice(0, 5)).toEqual(record.run!.checkpoints.map((c) => c.trainLoss));
    // Paused; the journal goes on from the replayed run, so recording again stays exact.
    expect(page.snapshot!.playing).toBe(false);
    await page.step();
    const journal = (await page.journal())!;
    expect(journal.run.epochs).toBe(21);
    expect(journal.run.events).toEqual(record.run!.run.events);
  });

  it('a record whose numbers were changed: replayed, and says where it departs', async () => {
    const { record } = await recordedRun();
    const run = record.run!;
    const tampered: ExactRun = {
      ...run,
      checkpoints: run.checkpoints.map((c) => (c.epoch === 8 ? { ...c, testLoss: (c.testLoss ?? 0) + 1e-9 } : c)),
    };
    const { page } = await started('#seed=0.9');
    const report = await openRecord(page, { ...record, run: tampered });
    expect(report.outcome).toMatchObject({ kind: 'departed', departure: { epoch: 8, what: 'testLoss' } });
    const [message] = openMessages(report);
    expect(message!.key).toBe('replay.departed');
    expect(message!.params).toMatchObject({ epoch: 8, what: { key: 'replay.what.testLoss' } });

    const weight: ExactRun = { ...run, final: { ...run.final, weights: run.final.weights.map((w, i) => (i === 3 ? (w ?? 0) + 0.5 : w)) } };
    const second = await openRecord(page, { ...record, run: weight });
    expect(second.outcome).toMatchObject({ kind: 'departed', departure: { epoch: 20, what: 'weights', at: 3 } });
  });

  it('an old record (no run) reopens its settings and seed from epoch 0, and says what it cannot reproduce', async () => {
    const { record } = await recordedRun();
    const { run: _run, ...old } = record;
    const { page } = await started('#seed=0.9');
    const report = await openRecord(page, old);
    expect(report).toEqual({ note: 'no-run', outcome: { kind: 'settings-only' } });
    expect(keysOf(openMessages(report))).toEqual(['replay.noRun']);
    await until(() => page.snapshot?.epoch === 0 && page.state.seed === record.seed);
    expect(page.snapshot!.trainLoss).not.toBe(record.trainLoss);
  });

  it('a record from another version is replayed as recorded, and says so first', async () => {
    const { record } = await recordedRun();
    const older = { ...record, run: { ...record.run!, product: '0.1.0' } };
    const { page } = await started('#seed=0.9');
    const report = await openRecord(page, older);
    expect(report.note).toBe('other-version');
    const messages = openMessages(report);
    expect(keysOf(messages)).toEqual(['replay.otherVersion', 'replay.exact']);
    expect(messages[0]!.params).toEqual({ recorded: '0.1.0', current: PRODUCT_VERSION });
  });
});

describe('a link with run=', () => {
  it('opens the run exactly, and the page’s own hash has no run= afterwards', async () => {
    const { record } = await recordedRun();
    const { page } = await started(`#${runLinkHash(record.run!)}`);
    await until(() => noticeKeys(page).includes('replay.exact'));
    expect(noticeKeys(page)).toEqual(['replay.fromLink', 'replay.exact']);
    await until(() => page.snapshot?.epoch === 20);
    expect(page.snapshot!.testLoss).toBe(record.testLoss);
    expect(page.hash).not.toContain('run=');
    expect(page.state.learningRate).toBe(0.3);
  });

  it('a bad value says why, in a notice, and keeps the link’s settings', async () => {
    const { page } = await started(`${HOMEWORK_LINK}&run=not-a-run`);
    await until(() => noticeKeys(page).includes('replay.badLink'));
    expect(noticeKeys(page)).toEqual(['replay.badLink']);
    const reason = page.notices[0]!.params?.['reason'] as Message;
    expect(reason.key).toMatch(/^replay\.reasons\./);
    expect(page.state.dataset).toBe('xor');
    expect(page.snapshot!.epoch).toBe(0);
  });
});
