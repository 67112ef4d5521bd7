/**
 * The page's connection to the training worker: starting it, sending
 * commands (a refusal becomes a notice and changes nothing else), the frame
 * loop that asks for a snapshot once per animation frame, and noticing when
 * the worker died or stopped answering (Reset or the notice's Restart starts
 * a new one).
 */
import { connectTrainer, type EngineName, type Snapshot, type WorkerApi } from '@nn/trainer';
import { transfer, type Remote } from 'comlink';
import { randomSeed } from '@nn/datasets';
import type { Message, MessageParam } from '../panels/message.js';
import { describeError, describeFailure } from './failures.js';

/**
 * How long a frame request may go unanswered, while no other command keeps
 * the worker busy, before the page says the worker has stopped responding.
 * The worker answers between training slices of about 5 ms, so only a dead or
 * hung worker comes near this.
 */
export const WORKER_SILENCE_MS = 8000;

export interface WorkerClientHooks {
  /** A snapshot arrived from the current worker. */
  readonly snapshot: (snapshot: Snapshot) => void;
  /** A command or a frame was refused (the message to show). */
  readonly refused: (message: Message) => void;
  /** The worker died or stopped answering; nothing trains any more. */
  readonly lost: () => void;
  /** How long a frame request may go unanswered (see WORKER_SILENCE_MS). */
  readonly silenceMs: number;
}

export class WorkerClient {
  /** Engines the worker could load. */
  engines = $state.raw<EngineName[]>([]);
  /** Set when the worker could not start at all, or stopped. */
  fatal = $state.raw<Message | undefined>(undefined);
  /**
   * True when the training worker died or stopped answering: Reset (or the
   * notice's Restart) starts a new one with the current settings.
   */
  lost = $state(false);

  private remote: Remote<WorkerApi> | undefined;
  private worker: Worker | undefined;
  private createWorker: (() => Worker) | undefined;
  /** Aborts the wait on the current worker's lifeline lock (see watch). */
  private lifeline: AbortController | undefined;
  private frameHandle = 0;
  private inFlight = false;
  /** When the frame request in flight was sent (performance.now()). */
  private frameSentAt = 0;
  /** Commands other than frame() waiting for the worker (a long one may keep it busy). */
  private pending = 0;
  /** Grid buffers of replaced snapshots, oldest first, waiting to go back to the worker. */
  private retired: ArrayBuffer[] = [];

  constructor(private readonly hooks: WorkerClientHooks) {}

  /** Starts a training worker; false when it could not start (`fatal` says why). */
  async open(createWorker: () => Worker = this.createWorker!): Promise<boolean> {
    this.createWorker = createWorker;
    let worker: Worker;
    try {
      worker = createWorker();
      this.worker = worker;
      worker.addEventListener('error', (event) => {
        if (this.worker !== worker) return;
        const reason: MessageParam = event.message || { key: 'notices.workerNotLoaded' };
        this.stopped(reason);
      });
      const remote = connectTrainer(worker);
      this.remote = remote;
      this.engines = await remote.init();
    } catch (error) {
      this.fatal = { key: 'notices.workerNotStarted', params: { reason: describeError(error) } };
      return false;
    }
    this.watch(worker);
    return true;
  }

  /** Replaces a lost worker with a new one (its settings are the caller's to load). */
  async reopen(): Promise<boolean> {
    this.close();
    this.inFlight = false;
    this.pending = 0;
    this.lost = false;
    this.fatal = undefined;
    return this.open();
  }

  close(): void {
    this.lifeline?.abort();
    this.worker?.terminate();
    this.worker = undefined;
    this.remote = undefined;
  }

  /** Stops the frame loop and the worker. */
  stop(): void {
    cancelAnimationFrame(this.frameHandle);
    this.close();
  }

  /**
   * Learns of the worker's death at once where the browser has Web Locks: the
   * worker holds a lock for as long as it lives, and the page asks for the
   * same lock, which it gets only when the worker is gone. (Elsewhere the
   * frame loop's silence check catches it.)
   */
  private watch(worker: Worker): void {
    this.lifeline?.abort();
    const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
    const remote = this.remote;
    if (!locks || !remote) return;
    const name = `nn-playground-trainer-${randomSeed()}-${Date.now()}`;
    const lifeline = new AbortController();
    this.lifeline = lifeline;
    void remote
      .lifeline(name)
      .then((held) => {
        if (!held || lifeline.signal.aborted) return;
        return locks.request(name, { signal: lifeline.signal }, () => {
          if (this.worker === worker) this.stopped({ key: 'notices.workerDied' });
        });
      })
      .catch(() => undefined);
  }

  /** The worker died or stopped answering: say so, and let Reset start a new one. */
  private stopped(reason: MessageParam): void {
    if (this.lost) return;
    this.lost = true;
    this.fatal = { key: 'notices.workerStopped', params: { reason } };
    this.hooks.lost();
  }

  /** Sends one command; a refusal becomes a notice and changes nothing else. */
  async send(command: (remote: Remote<WorkerApi>) => Promise<unknown>): Promise<boolean> {
    const done = await this.ask(async (remote) => {
      await command(remote);
      return true;
    });
    return done === true;
  }

  /** Sends one command and returns its answer; undefined when refused (a notice says why) or no worker runs. */
  async ask<T>(command: (remote: Remote<WorkerApi>) => Promise<T>): Promise<T | undefined> {
    const remote = this.remote;
    // A lost worker would never answer; Reset starts a new one.
    if (!remote || this.lost) return undefined;
    this.pending++;
    try {
      return await command(remote);
    } catch (error) {
      this.hooks.refused(describeFailure(error));
      return undefined;
    } finally {
      if (this.remote === remote) this.pending--;
    }
  }

  /** Asks for a snapshot once per animation frame, one request at a time. */
  loop = (): void => {
    this.frameHandle = requestAnimationFrame(this.loop);
    const remote = this.remote;
    if (!remote || this.lost) return;
    if (this.inFlight) {
      // A frame request unanswered for long while no other command keeps the worker busy.
      if (this.pending > 0) this.frameSentAt = performance.now();
      else if (performance.now() - this.frameSentAt > this.hooks.silenceMs) this.stopped({ key: 'notices.workerSilent' });
      return;
    }
    this.inFlight = true;
    this.frameSentAt = performance.now();
    remote
      .frame()
      .then((snapshot) => {
        if (snapshot && this.remote === remote) this.hooks.snapshot(snapshot);
      })
      .catch((error: unknown) => this.hooks.refused(describeFailure(error)))
      .finally(() => {
        if (this.remote === remote) this.inFlight = false;
      });
  };

  /**
   * Gives a replaced snapshot's grid buffer back to the worker for reuse, one
   * snapshot later (by then nothing on the page reads it any more).
   */
  retire(snapshot: Snapshot): void {
    const buffer = snapshot.grid.buffer;
    if (buffer instanceof ArrayBuffer && buffer.byteLength > 0) this.retired.push(buffer);
    if (this.retired.length > 1) {
      const giveBack = this.retired.splice(0, this.retired.length - 1);
      void this.remote?.recycle(transfer(giveBack, giveBack)).catch(() => undefined);
    }
  }
}
