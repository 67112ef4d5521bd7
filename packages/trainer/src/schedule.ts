/**
 * When a trainer trains: the background loop of 'max' speed (slices of about
 * SLICE_MS with an event-loop hop between them, so that commands and
 * `frame()` calls queued by the page are served in between), and the timing
 * figures the page shows (milliseconds per epoch, epochs per second).
 */
import type { EngineStats, EngineName, TrainingFailure } from './protocol.js';

/** Target length of one training slice at 'max' speed, in milliseconds. */
export const SLICE_MS = 5;

/**
 * Most epochs one slice may grow to while the clock reads 0 ms for it. A
 * coarse clock (1 ms, or 100 ms where timers are clamped hard) reads 0 for
 * many fast slices in a row; without a cap the slice would double on each
 * and one slice could then hold the worker for seconds.
 */
export const MAX_BLIND_SLICE_EPOCHS = 1024;

/**
 * Epochs of the next slice after `epochs` took `elapsed` milliseconds: aimed
 * at SLICE_MS, but at most double the last one so one fast reading cannot
 * overshoot, and at most MAX_BLIND_SLICE_EPOCHS when the clock saw nothing.
 */
export function nextSliceEpochs(epochs: number, elapsed: number): number {
  const perEpoch = elapsed / epochs;
  const target = perEpoch > 0 ? Math.floor(SLICE_MS / perEpoch) : Math.min(2 * epochs, Math.max(epochs, MAX_BLIND_SLICE_EPOCHS));
  return Math.max(1, Math.min(2 * epochs, target));
}

/** Epochs of a first slice for an engine whose epochs take `epochMs` (0 = not measured yet). */
export function firstSliceEpochs(epochMs: number): number {
  return epochMs > 0 ? Math.max(1, Math.floor(SLICE_MS / epochMs)) : 1;
}

/**
 * A zero-delay hop through the event loop. The two ports of one channel take
 * turns receiving, because a port drains its own queue before others get a
 * turn in Node (a port that keeps posting to itself would starve every other
 * message source there); in browsers every message is its own task anyway.
 */
export interface Hop {
  post(): void;
  close(): void;
}

export function createHop(run: () => void): Hop {
  const channel = new MessageChannel();
  const { port1, port2 } = channel;
  let closed = false;
  let sender = port1;
  const receive = (): void => {
    if (!closed) run();
  };
  port1.onmessage = receive;
  port2.onmessage = receive;
  return {
    post() {
      if (closed) return;
      sender.postMessage(null);
      sender = sender === port1 ? port2 : port1;
    },
    close() {
      closed = true;
      port1.onmessage = null;
      port2.onmessage = null;
      port1.close();
      port2.close();
    },
  };
}

/** Resolves after one hop through the event loop (no timer clamping), when commands queued before it have run. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => {
    const hop = createHop(() => {
      hop.close();
      resolve();
    });
    hop.post();
  });
}

/** The background loop of 'max' speed. */
export interface Loop {
  readonly hop: Hop;
  epochsPerSlice: number;
}

/** What an error that stopped background training tells the page (nobody awaits a slice). */
export function failureOf(error: unknown, id: number): TrainingFailure {
  if (error instanceof Error) {
    const { code, params } = error as { code?: unknown; params?: unknown };
    const plainParams =
      params !== null && typeof params === 'object'
        ? Object.fromEntries(
            Object.entries(params).filter((entry): entry is [string, string | number] => typeof entry[1] === 'string' || typeof entry[1] === 'number'),
          )
        : {};
    return { id, name: error.name, code: typeof code === 'string' ? code : 'unknown', message: error.message, params: plainParams };
  }
  return { id, name: 'Error', code: 'unknown', message: String(error), params: {} };
}

/**
 * How much of the timing sums each new training call keeps: about the last
 * 100 calls count, i.e. a couple of seconds at one call per frame.
 */
const TIMING_DECAY = 0.99;

/** Exponential smoothing; the first figure is taken as it is. */
function smooth(previous: number, value: number, weight = 0.2): number {
  return previous === 0 ? value : previous + (value - previous) * weight;
}

/** One engine's measured speed, as the page is shown it (EngineStats) and as it is kept. */
class Timing {
  epochsPerSecond = 0;
  epochMs = 0;
  frameMs = 0;
  /**
   * Milliseconds and epochs of training, summed with a decay (see
   * TIMING_DECAY): epochMs is their ratio. Summing first matters where the
   * clock is coarse (1 ms in Firefox without cross-origin isolation), where
   * one call of a few fast epochs mostly reads 0 ms and now and then 1.
   */
  private trainMs = 0;
  private trainEpochs = 0;

  addTraining(ms: number, epochs: number): void {
    this.trainMs = this.trainMs * TIMING_DECAY + Math.max(ms, 0);
    this.trainEpochs = this.trainEpochs * TIMING_DECAY + epochs;
    this.epochMs = this.trainMs / this.trainEpochs;
  }

  addFrame(ms: number): void {
    this.frameMs = smooth(this.frameMs, Math.max(ms, 0));
  }
}

/** The speed figures of every engine a trainer has run, and the epochs-per-second meter of play. */
export class Timings {
  private readonly engines = new Map<EngineName, Timing>();
  /** (time, epochs trained since play) pairs covering about the last second of play. */
  private rateSamples: { t: number; total: number }[] = [];
  private rateTotal = 0;

  of(name: EngineName): Timing {
    let timing = this.engines.get(name);
    if (!timing) {
      timing = new Timing();
      this.engines.set(name, timing);
    }
    return timing;
  }

  /** Milliseconds per epoch measured on `name` so far (0 = none yet). */
  epochMs(name: EngineName): number {
    return this.engines.get(name)?.epochMs ?? 0;
  }

  /** Starts counting epochs per second again from `t` (on play, and after a move to another engine). */
  restartRate(t: number): void {
    this.rateSamples = [{ t, total: 0 }];
    this.rateTotal = 0;
  }

  /** Epochs per wall-clock second over about the last second of play, counted into `name`'s figures. */
  countRate(name: EngineName, epochs: number, t: number): void {
    this.rateTotal += epochs;
    const samples = this.rateSamples;
    samples.push({ t, total: this.rateTotal });
    while (samples.length > 2 && samples[1]!.t <= t - 1000) samples.shift();
    const first = samples[0]!;
    const span = t - first.t;
    if (span >= 200) this.of(name).epochsPerSecond = ((this.rateTotal - first.total) * 1000) / span;
  }

  list(): EngineStats[] {
    return [...this.engines].map(([engine, s]) => ({ engine, epochsPerSecond: s.epochsPerSecond, epochMs: s.epochMs, frameMs: s.frameMs }));
  }
}
