/**
 * Trains a search's candidates on a pool of training workers of its own
 * (`WorkerPool` from @nn/trainer, one worker per core and one more, as the
 * course tools' runs), one candidate (all its seeds) per task, so the
 * playground's own worker keeps training and the page stays free. Stopping
 * ends the pool's workers: what has finished stays, the rest is dropped.
 */
import { WorkerPool, type PoolMember } from '@nn/trainer';
import type { PlaygroundState } from '../../state/hash.js';
import type { RunsApi } from '../../playground/runs-pool.js';
import { candidateRequest, seedResult, seedsOf, type Candidate, type SeedResult } from './search.js';

export interface SearchCallbacks {
  /** A candidate finished (in the order they finish). */
  done(candidate: Candidate, runs: readonly SeedResult[]): void;
  /** A candidate could not train (its runs were refused). */
  failed(candidate: Candidate, error: unknown): void;
}

export class SearchRun {
  private readonly pool: WorkerPool<RunsApi>;
  private stopped = false;
  private finish: (() => void) | undefined;
  /** Resolves when every candidate has finished, or at once when stopped. */
  readonly finished: Promise<void>;

  constructor(
    size: number,
    start: () => PoolMember<RunsApi>,
    state: PlaygroundState,
    candidates: readonly Candidate[],
    seeds: number,
    epochs: number,
    callbacks: SearchCallbacks,
  ) {
    this.pool = new WorkerPool(size, start);
    const seedList = seedsOf(state.seed, seeds);
    const all = Promise.all(
      candidates.map((candidate) =>
        this.pool
          .run((api) => api.runs(candidateRequest(state, candidate, seedList, epochs)))
          .then(
            (result) => {
              if (!this.stopped) callbacks.done(candidate, result.results.map((r, i) => seedResult(seedList[i]!, r)));
            },
            (error: unknown) => {
              if (!this.stopped) callbacks.failed(candidate, error);
            },
          ),
      ),
    );
    const stop = new Promise<void>((resolve) => (this.finish = resolve));
    this.finished = Promise.race([all.then(() => undefined), stop]).finally(() => this.pool.dispose());
  }

  /** Ends the pool's workers and the search; finished candidates stay reported. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.pool.dispose();
    this.finish?.();
  }
}
