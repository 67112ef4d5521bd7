/**
 * What the classroom app's tests share: hand-in files made as the playground
 * makes them (the real Trainer on the real WASM engine, an exact run per row),
 * and training workers on MessageChannels (the real trainer host, as in a Web
 * Worker), so the pool and the page's state run against the real thing.
 */
import { MessageChannel } from 'node:worker_threads';
import { referenceEngine } from '@nn/engine';
import { loadWasmEngine } from '@nn/engine-wasm';
import {
  HANDIN_FORMAT,
  HANDIN_VERSION,
  PRODUCT_VERSION,
  exactRunFrom,
  handInRowOf,
  serializeHandIn,
  type HandIn,
  type HandInRow,
  type Student,
} from '@nn/records';
import { Trainer, connectTrainer, type TrainerConfig } from '@nn/trainer';
import { exposeTrainer } from '@nn/trainer/worker';
import type * as Comlink from 'comlink';
import type { PoolMember } from '@nn/trainer';
import type { Replayer } from '../src/lib/classroom.svelte.js';

export const loaders = { wasm: () => loadWasmEngine(), reference: async () => referenceEngine };

export const XOR: TrainerConfig = {
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

/** Trains `config` for `epochs` on the WASM engine and returns its homework row (through JSON, as a file carries it). */
export async function trainedRow(config: Partial<TrainerConfig>, epochs: number): Promise<HandInRow> {
  const trainer = new Trainer(loaders);
  try {
    await trainer.init();
    trainer.load({ ...XOR, ...config }, 'wasm');
    trainer.step(epochs);
    const run = exactRunFrom(trainer.journal(), `seed=${config.seed ?? XOR.seed}&dataset=${config.dataset ?? XOR.dataset}`);
    return JSON.parse(JSON.stringify(handInRowOf(run))) as HandInRow;
  } finally {
    trainer.dispose();
  }
}

export function handIn(student: Student, rows: readonly HandInRow[]): HandIn {
  return {
    format: HANDIN_FORMAT,
    version: HANDIN_VERSION,
    product: PRODUCT_VERSION,
    student,
    submittedAt: '2026-12-04T10:00:00.000Z',
    rows,
    notes: {},
  };
}

export function fileText(student: Student, rows: readonly HandInRow[]): string {
  return serializeHandIn(handIn(student, rows));
}

/** A copy of `row` whose claimed test loss (in the table and in its run) is a little better than it was. */
export function tampered(row: HandInRow): HandInRow {
  const copy = JSON.parse(JSON.stringify(row)) as { testLoss: number; run: { final: { testLoss: number } } };
  copy.testLoss -= 0.001;
  copy.run.final.testLoss = copy.testLoss;
  return copy as unknown as HandInRow;
}

/** A training worker as the page starts one, on a MessageChannel: the real trainer host behind a Comlink proxy. */
export function channelWorker(): PoolMember<Replayer> & { port: MessageChannel } {
  const port = new MessageChannel();
  const trainer = exposeTrainer(loaders, port.port1 as unknown as Comlink.Endpoint);
  const api = connectTrainer(port.port2 as unknown as Comlink.Endpoint);
  return {
    api,
    ready: api.init(),
    port,
    terminate: () => {
      trainer.dispose();
      port.port1.close();
      port.port2.close();
    },
  };
}
