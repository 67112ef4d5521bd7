import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { referenceEngine } from '@nn/engine';
import { failingAfter } from '@nn/engine/conformance';
import { loadWasmEngine } from '@nn/engine-wasm';
import * as Comlink from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import { connectTrainer } from '../src/client.js';
import { installErrorTransfer, isTrainerFailure } from '../src/errors.js';
import type { RunsProgress, RunsRequest, Snapshot, TrainerConfig } from '../src/protocol.js';
import { Trainer, type EngineLoaders } from '../src/trainer.js';
import { until } from './support.js';
import { exposeTrainer } from '../src/worker.js';

const CONFIG: TrainerConfig = {
  dataset: 'xor',
  noise: 10,
  percTrainData: 70,
  seed: 'comlink',
  features: ['x', 'y'],
  networkShape: [3],
  activation: 'tanh',
  regularization: 'none',
  regularizationRate: 0,
  learningRate: 0.03,
  batchSize: 10,
  initZero: false,
};

/**
 * Node's MessagePort is an EventTarget with `message` events carrying `data`
 * (Node >= 15), so Comlink can use it as it is; comlink's node adapter is not
 * needed. This wrapper also records the transfer lists the trainer posts.
 */
function endpoint(port: MessagePort, transfers: ArrayBuffer[][] = []): Comlink.Endpoint {
  const target = port as unknown as Comlink.Endpoint;
  return {
    postMessage(message: unknown, transfer?: Transferable[]) {
      transfers.push((transfer ?? []) as ArrayBuffer[]);
      target.postMessage(message, transfer);
    },
    addEventListener: target.addEventListener.bind(target),
    removeEventListener: target.removeEventListener.bind(target),
    start: () => port.start(),
  };
}

const open: { ports: MessagePort[]; trainer: Trainer }[] = [];
const engines = { wasm: () => loadWasmEngine(), reference: async () => referenceEngine };
afterEach(() => {
  for (const { ports, trainer } of open.splice(0)) {
    trainer.dispose();
    for (const port of ports) port.close();
  }
});

/** The rejection of `promise`, which must reject. */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to be refused');
}

function connect(transfers: ArrayBuffer[][], loaders: EngineLoaders = engines) {
  const { port1, port2 } = new MessageChannel();
  const trainer = exposeTrainer(loaders, endpoint(port1, transfers));
  open.push({ ports: [port1, port2], trainer });
  return connectTrainer(port2 as unknown as Comlink.Endpoint);
}

describe('Comlink protocol', () => {
  it('serves the trainer end to end and transfers the snapshot buffers', async () => {
    const transfers: ArrayBuffer[][] = [];
    const remote = connect(transfers);
    expect(await remote.init()).toEqual(['wasm', 'reference']);
    await remote.load(CONFIG);
    await remote.step(3);

    const sent = transfers.length;
    const snapshot = (await remote.frame()) as Snapshot;
    expect(snapshot.epoch).toBe(3);
    expect(snapshot.engine).toBe('wasm');
    expect(snapshot.weights).toBeInstanceOf(Float32Array);
    expect(snapshot.weights.length).toBe(2 * 3 + 3);
    expect(snapshot.biases.length).toBe(4);
    expect(snapshot.dead).toBeInstanceOf(Uint8Array);
    expect(snapshot.grid).toBeInstanceOf(Float32Array);
    expect(snapshot.grid.length).toBe(4 * 100 * 100);
    expect(snapshot.train?.xs.length).toBe(350);
    expect(snapshot.test?.labels.length).toBe(150);
    expect(snapshot.layerSizes).toEqual([2, 3, 1]);

    // The reply to frame() carried 4 + 6 buffers, now detached on the sending side.
    const list = transfers[sent];
    expect(list).toHaveLength(10);
    for (const buffer of list ?? []) expect(buffer.byteLength).toBe(0);

    expect(await remote.frame()).toBeUndefined();
    await remote.setEngine('reference');
    const moved = (await remote.frame()) as Snapshot;
    expect(moved.engine).toBe('reference');
    expect(moved.train).toBeUndefined();
  });

  it('serves a run\'s journal, replays it across the boundary and opens it', async () => {
    const transfers: ArrayBuffer[][] = [];
    const remote = connect(transfers);
    await remote.init();
    await remote.load(CONFIG);
    await remote.reset();
    await remote.step(9);
    await remote.setWeight(1, 0.25);
    await remote.step(4);
    const journal = await remote.journal();
    expect(journal.run.epochs).toBe(13);
    expect(journal.run.resets).toBe(1);
    const sent = transfers.length;
    const result = await remote.replay(journal.run);
    expect(result.weights).toEqual(journal.weights);
    expect(result.checkpoints).toEqual(journal.checkpoints);
    expect(result.output).toBeInstanceOf(Float32Array);
    // The output map and the points were handed over, not copied.
    expect(transfers[sent]).toHaveLength(7);
    await remote.load(CONFIG);
    await remote.open(journal.run);
    const opened = (await remote.frame()) as Snapshot;
    expect(opened.epoch).toBe(13);
    expect(Array.from(opened.weights)).toEqual(journal.weights);
    await expect(remote.open({ ...journal.run, draws: -1 })).rejects.toMatchObject({ code: 'runRecord' });
  });

  it('rejects a refused command with its message', async () => {
    const remote = connect([]);
    await remote.init();
    await expect(remote.load({ ...CONFIG, networkShape: [0] })).rejects.toThrow(/Hidden layer 1 needs from 1 to 16 neurons/);
    await expect(remote.step()).rejects.toThrow(/load\(\)/);
    await remote.load(CONFIG);
    await expect(remote.setWeight(99, 1)).rejects.toThrow(/no weight number 99/);
  });

  it("serves frame() while 'max' trains in the background", async () => {
    const remote = connect([]);
    await remote.init();
    await remote.load(CONFIG);
    await remote.setSpeed('max');
    await remote.play();
    const first = (await remote.frame()) as Snapshot;
    // frame() keeps being answered while the worker trains: wait for a later epoch, on no clock.
    let later = first;
    await until(async () => {
      later = (await remote.frame()) ?? later;
      return later.epoch > first.epoch;
    });
    expect(later.playing).toBe(true);
    await remote.pause();
    const paused = (await remote.frame()) as Snapshot;
    expect(paused.playing).toBe(false);
    expect(await remote.frame()).toBeUndefined();
  });

  it('serves runs() and transfers the results\' buffers, shared points once', async () => {
    const transfers: ArrayBuffer[][] = [];
    const remote = connect(transfers);
    await remote.init();
    await remote.load(CONFIG);
    const request: RunsRequest = {
      runs: [
        { config: { ...CONFIG, batchSize: 'all' }, resets: 0 },
        { config: CONFIG, resets: 1 },
      ],
      epochs: 20,
    };
    const sent = transfers.length;
    const { results, engine } = await remote.runs(request);
    expect(engine).toBe('wasm');
    expect(results).toHaveLength(2);
    const [all, ten] = results;
    expect(all!.batchSize).toBe(350);
    expect(ten!.batchSize).toBe(10);
    for (const result of results) {
      expect(result.trainLoss).toBeInstanceOf(Float32Array);
      expect(result.trainLoss).toHaveLength(21);
      expect(result.output).toHaveLength(100 * 100);
      expect(result.train.xs).toHaveLength(350);
      expect(result.test.labels).toHaveLength(150);
    }
    // Sent once, the shared points stay one object on the page.
    expect(ten!.train).toBe(all!.train);

    // 3 arrays per run plus the 6 of the one shared data set, each buffer once, now detached in the worker.
    const list = transfers[sent] ?? [];
    expect(list).toHaveLength(2 * 3 + 6);
    expect(new Set(list).size).toBe(list.length);
    for (const buffer of list) expect(buffer.byteLength).toBe(0);

    // The same as running them in this thread.
    const local = new Trainer(engines);
    await local.init();
    try {
      const direct = local.runs(request);
      expect(results.map((r) => Array.from(r.testLoss))).toEqual(direct.results.map((r) => Array.from(r.testLoss)));
    } finally {
      local.dispose();
    }

    // The loaded network did not move.
    expect(((await remote.frame()) as Snapshot).epoch).toBe(0);
  });

  it('reports the progress of runs() to a proxied callback and cancels them on cancelRuns()', async () => {
    const remote = connect([]);
    await remote.init();
    await remote.load(CONFIG);
    // Far more than one slice: the first progress report comes long before the end.
    const long: RunsRequest = { runs: [0, 1, 2, 3, 4].map((resets) => ({ config: CONFIG, resets })), epochs: 20_000, engine: 'reference' };
    const seen: RunsProgress[] = [];
    const running = rejection(remote.runs(long, Comlink.proxy((progress: RunsProgress) => void seen.push(progress))));
    await until(() => seen.length > 0);
    expect(seen[0]).toMatchObject({ totalEpochs: 100_000, totalRuns: 5, runs: 0 });
    // Other commands are served while the runs go on.
    expect(((await remote.frame()) as Snapshot).epoch).toBe(0);
    await remote.cancelRuns();
    expect(await running).toMatchObject({ name: 'TrainerError', code: 'runsCancelled' });
    const short = await remote.runs({ runs: [{ config: CONFIG, resets: 0 }], epochs: 5 });
    expect(short.results[0]!.epochs).toBe(5);
  });

  it("refusals reach the page with their code and params, not just Comlink's message", async () => {
    const remote = connect([]);
    await remote.init();

    const notLoaded = await rejection(remote.step());
    expect(isTrainerFailure(notLoaded)).toBe(true);
    expect(notLoaded).toMatchObject({ name: 'TrainerError', code: 'notLoaded', params: {} });
    expect((notLoaded as Error).message).toMatch(/load\(\)/);

    const rate = await rejection(remote.load({ ...CONFIG, learningRate: 0 }));
    expect(isTrainerFailure(rate)).toBe(true);
    expect(rate).toBeInstanceOf(Error);
    expect(rate).toMatchObject({ code: 'learningRate', params: { max: 10, got: '0' } });
    expect((rate as Error).message).toBe('The learning rate must be a number greater than 0 (at least 1.4e-45) and at most 10; got 0.');

    const tooBig = { config: { ...CONFIG, batchSize: 351 }, resets: 0 };
    const run = await rejection(remote.runs({ runs: [{ config: CONFIG, resets: 0 }, tooBig], epochs: 5 }));
    expect(run).toMatchObject({ code: 'runBatchSize', params: { run: 2, max: 350, count: 350, got: '351' } });
    expect(await rejection(remote.runs({ runs: [], epochs: 5 }))).toMatchObject({ code: 'runsNone' });

    // A network that diverged refuses to step, with a code per action.
    await remote.load({ ...CONFIG, dataset: 'reg-plane', learningRate: 10, networkShape: [8, 8] });
    await remote.step(50);
    expect(((await remote.frame()) as Snapshot).diverged).toBe(true);
    expect(await rejection(remote.step())).toMatchObject({ code: 'diverged-step' });
    expect(await rejection(remote.play())).toMatchObject({ code: 'diverged-play' });
  });

  it("an engine's error keeps its code across the worker, and one that stops 'max' arrives in a snapshot", async () => {
    // The reference engine, failing as a broken core would, from its 31st training call on.
    const failing = failingAfter(referenceEngine, 30);
    const remote = connect([], { reference: async () => failing });
    await remote.init();
    await remote.load(CONFIG);
    await remote.setSpeed('max');
    await remote.play();
    let last = (await remote.frame()) as Snapshot;
    await until(async () => {
      last = (await remote.frame()) ?? last;
      return !last.playing;
    });
    expect(last.failure).toMatchObject({ name: 'EngineError', code: 'internal', message: expect.stringMatching(/unreachable/) });
    // The same error from a command rejects with its name and code.
    const stepped = await rejection(remote.step());
    expect(isTrainerFailure(stepped)).toBe(true);
    expect(stepped).toMatchObject({ name: 'EngineError', code: 'internal', params: {} });
  });

  it('leaves other thrown values as Comlink sends them, and installs once', async () => {
    installErrorTransfer();
    const handler = Comlink.transferHandlers.get('throw');
    installErrorTransfer();
    expect(Comlink.transferHandlers.get('throw')).toBe(handler);

    const { port1, port2 } = new MessageChannel();
    const api = {
      plain: () => {
        throw new RangeError('not a refusal');
      },
      value: () => {
        throw 'a string';
      },
    };
    Comlink.expose(api, port1 as unknown as Comlink.Endpoint);
    const remote = Comlink.wrap<typeof api>(port2 as unknown as Comlink.Endpoint);
    try {
      const plain = await rejection(remote.plain());
      expect(plain).toBeInstanceOf(Error);
      expect(plain).toMatchObject({ name: 'RangeError', message: 'not a refusal' });
      expect(isTrainerFailure(plain)).toBe(false);
      expect(await rejection(remote.value())).toBe('a string');
    } finally {
      port1.close();
      port2.close();
    }
  });
});
