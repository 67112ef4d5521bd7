import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { referenceEngine } from '@nn/engine';
import { loadWasmEngine } from '@nn/engine-wasm';
import type * as Comlink from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import { connectTrainer } from '../src/client.js';
import type { Snapshot, TrainerConfig } from '../src/protocol.js';
import type { Trainer } from '../src/trainer.js';
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
afterEach(() => {
  for (const { ports, trainer } of open.splice(0)) {
    trainer.dispose();
    for (const port of ports) port.close();
  }
});

function connect(transfers: ArrayBuffer[][]) {
  const { port1, port2 } = new MessageChannel();
  const trainer = exposeTrainer({ wasm: () => loadWasmEngine(), reference: async () => referenceEngine }, endpoint(port1, transfers));
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

  it('rejects a refused command with its message', async () => {
    const remote = connect([]);
    await remote.init();
    await expect(remote.load({ ...CONFIG, networkShape: [0] })).rejects.toThrow(/Hidden layer 1 needs from 1 to 8 neurons/);
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
    await new Promise((resolve) => setTimeout(resolve, 40));
    const later = (await remote.frame()) as Snapshot;
    expect(later.epoch).toBeGreaterThan(first.epoch);
    await remote.pause();
    const paused = (await remote.frame()) as Snapshot;
    expect(paused.playing).toBe(false);
    expect(await remote.frame()).toBeUndefined();
  });
});
