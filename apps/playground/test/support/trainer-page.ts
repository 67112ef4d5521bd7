/**
 * The page's Playground class in Node against a real trainer: the trainer is
 * served with Comlink over a MessageChannel, as the worker serves it, and
 * the "worker" the page starts is that channel. What a browser would add
 * (animation frames) is a timer here; Web Locks are absent, so a worker that
 * stops answering is caught by the page's silence check.
 *
 * Call `installFrames()` in a beforeAll and `closeAll()` in an afterEach.
 */
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { referenceEngine } from '@nn/engine';
import { loadWasmEngine } from '@nn/engine-wasm';
import type { EngineLoaders } from '@nn/trainer';
import { exposeTrainer } from '@nn/trainer/worker';
import { Playground } from '../../src/lib/playground.svelte.js';

export const ENGINES: EngineLoaders = { wasm: loadWasmEngine, reference: async () => referenceEngine };

/** The page asks for one frame per animation frame; about 60 a second here too. */
export function installFrames(): void {
  globalThis.requestAnimationFrame ??= (callback: FrameRequestCallback) =>
    setTimeout(() => callback(performance.now()), 16) as unknown as number;
  globalThis.cancelAnimationFrame ??= (handle: number) => clearTimeout(handle);
}

export interface FakeWorker {
  readonly worker: Worker;
  /** Ends the trainer's side without a word to the page, as a crashed worker would. */
  die(): void;
}

const open: { terminate(): void }[] = [];
const pages: Playground[] = [];

/** Stops every page and worker made since the last call. */
export function closeAll(): void {
  for (const page of pages.splice(0)) page.stop();
  for (const worker of open.splice(0)) worker.terminate();
}

/** A "worker": the real trainer served over a MessageChannel, ended by terminate() or die(). */
export function channelWorker(engines: EngineLoaders): FakeWorker {
  const { port1, port2 } = new MessageChannel();
  const trainer = exposeTrainer(engines, port1 as unknown as Parameters<typeof exposeTrainer>[1]);
  const ports: MessagePort[] = [port1, port2];
  const end = (): void => {
    trainer.dispose();
    port1.close();
  };
  const worker = {
    postMessage: (message: unknown, transfer?: Transferable[]) => port2.postMessage(message, transfer as never),
    addEventListener: port2.addEventListener.bind(port2),
    removeEventListener: port2.removeEventListener.bind(port2),
    terminate: () => {
      end();
      for (const port of ports) port.close();
    },
  };
  port2.start();
  open.push(worker);
  return { worker: worker as unknown as Worker, die: end };
}

export async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

/** A page started on `hash`, once its first snapshot arrived. */
export async function started(hash: string, engines: EngineLoaders = ENGINES, options = {}) {
  const page = new Playground(options);
  pages.push(page);
  const workers: FakeWorker[] = [];
  await page.start(hash, () => {
    const made = channelWorker(engines);
    workers.push(made);
    return made.worker;
  });
  await until(() => page.snapshot !== undefined);
  return { page, workers };
}

export function noticeKeys(page: Playground): string[] {
  return page.notices.map((notice) => notice.key);
}
