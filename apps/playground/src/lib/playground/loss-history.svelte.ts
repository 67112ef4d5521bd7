/**
 * The loss curves since the last reset, and what they say about the run: a
 * loss rising well above its best (steps that overshoot) or a classification
 * run that blew up without overflowing.
 */
import type { Snapshot } from '@nn/trainer';

/** Loss curves since the last reset, one point per snapshot in which the epoch moved. */
export interface LossHistory {
  readonly epochs: number[];
  readonly train: number[];
  readonly test: number[];
}

/** Points kept in the loss history before every other one is dropped. */
const HISTORY_LIMIT = 4000;

export class LossWatch {
  history = $state.raw<LossHistory>({ epochs: [], train: [], test: [] });
  /** Increases whenever `history` changed (the loss chart redraws on it). */
  version = $state(0);
  /**
   * Set while the training loss is well above the lowest it reached since the
   * last reset: the steps overshoot (typically a learning rate too high).
   */
  lossRise = $state<{ from: number; to: number } | undefined>(undefined);
  /**
   * Set when a classification run blew up without overflowing: the loss jumped
   * far above its best and stayed there (the outputs saturate, often at the
   * wrong sign, typically at learning rate 10). Play pauses once when it happens;
   * training may go on, unlike a run whose numbers overflowed.
   */
  blownUp = $state<{ from: number; to: number; epoch: number } | undefined>(undefined);

  private bestTrainLoss = Infinity;
  /** Consecutive snapshots (with the epoch moving) whose loss was far above its best. */
  private highStreak = 0;
  private pausedForBlowUp = false;

  clear(): void {
    this.history = { epochs: [], train: [], test: [] };
    this.version++;
    this.bestTrainLoss = Infinity;
    this.lossRise = undefined;
    this.blownUp = undefined;
    this.highStreak = 0;
    this.pausedForBlowUp = false;
  }

  /**
   * Starts the curves from a replayed run's checkpoints (epochs 1, 2, 4, 8,
   * ...; see @nn/trainer's isCheckpointEpoch), so a run opened from a record
   * shows how its losses fell, at those epochs, instead of one point.
   */
  startFrom(points: readonly { readonly epoch: number; readonly trainLoss: number | null; readonly testLoss: number | null }[]): void {
    this.clear();
    const kept = points.filter((p) => p.trainLoss !== null && p.testLoss !== null);
    this.history = {
      epochs: kept.map((p) => p.epoch),
      train: kept.map((p) => p.trainLoss!),
      test: kept.map((p) => p.testLoss!),
    };
    this.bestTrainLoss = Math.min(Infinity, ...this.history.train);
    this.version++;
  }

  /**
   * Takes a new snapshot into the curves and the watch. Returns true once
   * when play should pause because the run blew up.
   */
  add(snapshot: Snapshot, previousEpoch: number | undefined): boolean {
    this.record(snapshot);
    return this.watch(snapshot, previousEpoch);
  }

  /**
   * Watches the training loss against the lowest it reached since the reset:
   * - 25% and 0.03 above it: a warning (the steps overshoot);
   * - for classification, above both 0.75 and 1.5 times the best for 5
   *   snapshots in a row: the run blew up (an output of 0 everywhere scores
   *   0.5; a constant output of +1 or -1 on balanced data scores 1), so
   *   play pauses once and the page says why.
   */
  private watch(snapshot: Snapshot, previousEpoch: number | undefined): boolean {
    const loss = snapshot.trainLoss;
    if (!Number.isFinite(loss) || snapshot.diverged) {
      this.lossRise = undefined;
      this.blownUp = undefined;
      return false;
    }
    this.bestTrainLoss = Math.min(this.bestTrainLoss, loss);
    const best = this.bestTrainLoss;
    this.lossRise = snapshot.epoch > 0 && loss > best * 1.25 + 0.03 ? { from: best, to: loss } : undefined;

    const classification = Number.isFinite(snapshot.trainAccuracy);
    const high = classification && snapshot.epoch > 0 && loss > Math.max(0.75, best * 1.5);
    if (snapshot.epoch !== previousEpoch) this.highStreak = high ? this.highStreak + 1 : 0;
    if (this.highStreak >= 5) {
      this.blownUp = { from: best, to: loss, epoch: snapshot.epoch };
      if (snapshot.playing && !this.pausedForBlowUp) {
        this.pausedForBlowUp = true;
        return true;
      }
    } else if (!high) {
      this.blownUp = undefined;
    }
    return false;
  }

  /** Adds a point to the loss chart when training moved (or the chart is empty). */
  private record(snapshot: Snapshot): void {
    const { epochs, train, test } = this.history;
    const last = epochs[epochs.length - 1];
    if (last !== undefined && last === snapshot.epoch) {
      // An edit or new data at the same epoch: replace the last point.
      train[train.length - 1] = snapshot.trainLoss;
      test[test.length - 1] = snapshot.testLoss;
    } else {
      if (last !== undefined && snapshot.epoch < last) {
        epochs.length = train.length = test.length = 0;
      }
      epochs.push(snapshot.epoch);
      train.push(snapshot.trainLoss);
      test.push(snapshot.testLoss);
      if (epochs.length > HISTORY_LIMIT) this.thin();
    }
    this.version++;
  }

  /** Keeps every other point (the first and last stay), so long runs stay cheap to draw. */
  private thin(): void {
    const keep = (values: number[]) => values.filter((_, i) => i % 2 === 0 || i === values.length - 1);
    this.history = {
      epochs: keep(this.history.epochs),
      train: keep(this.history.train),
      test: keep(this.history.test),
    };
  }
}
