/**
 * The training timeline: snapshots of the current run's network at spaced
 * epochs, so that the page can show an earlier epoch and training can go on
 * from it exactly.
 *
 * Spacing: an entry is due at every epoch that is a multiple of `spacing`
 * (1 at first). When a new entry makes more than `capacity` of them, every
 * entry whose epoch is not a multiple of twice the spacing is dropped and the
 * spacing doubles, so the entries stay evenly spread over the run and never
 * more than `capacity` are kept (plus epoch 0, a multiple of every spacing).
 * A run of n epochs keeps between capacity/2 and capacity entries once
 * n > capacity, and at most log2(n / capacity) thinnings happen in all.
 *
 * Memory: an entry holds the weights, biases, dead links, the batch in
 * progress (one gradient per weight and bias, and on the WASM core its four
 * partial sums), the optimizer's state (two moments per weight and bias, for
 * the optimizers that keep any) and both losses, in the engine's own precision
 * (f32 on the WASM core, f64 on the reference). With P = weights + biases, an
 * entry takes at most 32 P + W + ENTRY_OVERHEAD bytes (the reference's f64
 * arrays take 32 P with Adam, the core's f32 arrays and partial sums 32 P;
 * W = weights, one byte each for dead links), so a timeline holds at most
 * (capacity + 1) of them: `timelineBound(W, B)`. For the heavy network (433
 * parameters) that is about 3.8 MB whatever the length of the run; a kept
 * branch (see Trainer.continueFrom) at most doubles it.
 */
import type { Network, Optimizer } from '@nn/engine';

/** Most entries one timeline keeps. */
export const TIMELINE_CAPACITY = 256;

/** Bytes counted per entry besides its typed arrays (the objects, the array headers, the losses). */
export const ENTRY_OVERHEAD = 512;

/** The network of a run at one epoch: enough to show it and to train on from it exactly. */
export interface TimelineEntry {
  readonly epoch: number;
  /** Copies in the engine's own precision, engine layout. */
  readonly weights: Float32Array | Float64Array;
  readonly biases: Float32Array | Float64Array;
  /** 1 where L1 killed a link. */
  readonly dead: Uint8Array;
  /** The batch in progress after this epoch (a batch may span epochs). */
  readonly batch: {
    readonly weightGradients: Float32Array | Float64Array;
    readonly biasGradients: Float32Array | Float64Array;
    readonly count: number;
    /**
     * The WASM core's partial sums of the same gradients (four per weight and
     * bias), which its next update adds in its own order: restoring the total
     * alone could round that update differently.
     */
    readonly lanes?: { readonly weights: Float32Array; readonly biases: Float32Array };
  };
  /**
   * The optimizer's state after this epoch (momentum's velocity, RMSProp's or
   * Adam's moments and step count), left out for SGD, which keeps none.
   */
  readonly optimizer?: {
    readonly optimizer: Optimizer;
    readonly steps: number;
    readonly weightMoment1: Float32Array | Float64Array;
    readonly biasMoment1: Float32Array | Float64Array;
    readonly weightMoment2: Float32Array | Float64Array;
    readonly biasMoment2: Float32Array | Float64Array;
  };
  /**
   * Mean 0.5 * (output - label)^2 over the training / test points at this
   * epoch, on the data of then. Kept when training computed them anyway
   * (checkpoints), else computed when first asked for (Trainer's
   * lossesOfEntry), at the latest before the data or the engine change.
   */
  losses?: { readonly trainLoss: number; readonly testLoss: number };
}

/** The bytes an entry's typed arrays take, plus ENTRY_OVERHEAD. */
export function entryBytes(entry: TimelineEntry): number {
  return (
    entry.weights.byteLength +
    entry.biases.byteLength +
    entry.dead.byteLength +
    entry.batch.weightGradients.byteLength +
    entry.batch.biasGradients.byteLength +
    (entry.batch.lanes ? entry.batch.lanes.weights.byteLength + entry.batch.lanes.biases.byteLength : 0) +
    (entry.optimizer
      ? entry.optimizer.weightMoment1.byteLength +
        entry.optimizer.biasMoment1.byteLength +
        entry.optimizer.weightMoment2.byteLength +
        entry.optimizer.biasMoment2.byteLength
      : 0) +
    ENTRY_OVERHEAD
  );
}

/** The most bytes a timeline of a network with `weights` weights and `biases` biases holds (f64 arrays). */
export function timelineBound(weights: number, biases: number, capacity = TIMELINE_CAPACITY): number {
  return (capacity + 1) * (32 * (weights + biases) + weights + ENTRY_OVERHEAD);
}

/** A copy of a batch state, in the precision it came in. */
export function copyBatch(batch: ReturnType<Network['batchState']>): TimelineEntry['batch'] {
  const { lanes } = batch;
  return {
    weightGradients: batch.weightGradients.slice(),
    biasGradients: batch.biasGradients.slice(),
    count: batch.count,
    ...(lanes ? { lanes: { weights: lanes.weights.slice(), biases: lanes.biases.slice() } } : {}),
  };
}

/** A copy of `network`'s optimizer state as an entry keeps it (nothing for SGD). */
export function optimizerOf(network: Network): Pick<TimelineEntry, 'optimizer'> {
  const state = network.optimizerState();
  if (state.optimizer === 'sgd') return {};
  return {
    optimizer: {
      optimizer: state.optimizer,
      steps: state.steps,
      weightMoment1: state.weightMoment1.slice(),
      biasMoment1: state.biasMoment1.slice(),
      weightMoment2: state.weightMoment2.slice(),
      biasMoment2: state.biasMoment2.slice(),
    },
  };
}

export class Timeline {
  readonly capacity: number;
  private list: TimelineEntry[] = [];
  private step = 1;

  constructor(capacity = TIMELINE_CAPACITY) {
    if (!Number.isInteger(capacity) || capacity < 2) throw new RangeError(`A timeline keeps at least 2 entries; got ${capacity}.`);
    this.capacity = capacity;
  }

  /** Epochs between two entries (a power of two). */
  get spacing(): number {
    return this.step;
  }

  get length(): number {
    return this.list.length;
  }

  /** The entries, oldest first. */
  entries(): readonly TimelineEntry[] {
    return this.list;
  }

  /** The training path: each entry's epoch, weights and biases, oldest first (the loss landscape projects it). */
  path(): readonly { epoch: number; weights: ArrayLike<number>; biases: ArrayLike<number> }[] {
    return this.list;
  }

  /** True when an entry at `epoch` would be kept: a multiple of the spacing after the last entry. */
  due(epoch: number): boolean {
    const last = this.list[this.list.length - 1];
    return epoch % this.step === 0 && (last === undefined || epoch > last.epoch);
  }

  /** The first epoch after `epoch` at which an entry is due. */
  nextDue(epoch: number): number {
    return (Math.floor(epoch / this.step) + 1) * this.step;
  }

  /** Keeps `entry` if it is due (see due()); thins the entries when there are too many. */
  add(entry: TimelineEntry): boolean {
    if (!this.due(entry.epoch)) return false;
    this.list.push(entry);
    while (this.list.length > this.capacity) this.thin();
    return true;
  }

  /** The entry at exactly `epoch`, if one is kept. */
  at(epoch: number): TimelineEntry | undefined {
    return this.list.find((entry) => entry.epoch === epoch);
  }

  /** Removes and returns the entries after `epoch` (a branch's history). */
  cutAfter(epoch: number): TimelineEntry[] {
    const index = this.list.findIndex((entry) => entry.epoch > epoch);
    return index < 0 ? [] : this.list.splice(index);
  }

  /**
   * Puts `entries` (all after the last kept entry, oldest first, at multiples
   * of `spacing`) back after the kept ones, at the larger of both spacings.
   */
  restore(entries: readonly TimelineEntry[], spacing: number): void {
    this.step = Math.max(this.step, spacing);
    this.list = [...this.list, ...entries].filter((entry) => entry.epoch % this.step === 0);
    while (this.list.length > this.capacity) this.thin();
  }

  clear(): void {
    this.list = [];
    this.step = 1;
  }

  /** Bytes held by the entries (see entryBytes). */
  bytes(): number {
    let sum = 0;
    for (const entry of this.list) sum += entryBytes(entry);
    return sum;
  }

  private thin(): void {
    this.step *= 2;
    this.list = this.list.filter((entry) => entry.epoch % this.step === 0);
  }
}
