/**
 * A pool of training workers: at most `size` workers, started when first
 * needed, each initialised once; every task runs on a free worker, the
 * others wait in order. Written against any endpoint, so the tests run it on
 * MessageChannels in Node. The classroom app checks hand-ins on it; the
 * playground's course tools train their runs on it (`poolRuns`).
 */
import type { RunsRequest, RunsResult } from './protocol.js';

/** One worker of the pool: its API (a Comlink proxy) and how to end it. */
export interface PoolMember<Api> {
  readonly api: Api;
  /** Resolves once the worker can take tasks (e.g. its engines are loaded). */
  readonly ready: Promise<unknown>;
  terminate(): void;
}

/** The pool size for this browser: one worker per core, at least 1, at most `max`; `forced` (e.g. `?workers=1`) wins when it is a whole number from 1 to `max`. */
export function poolSize(hardwareConcurrency: number | undefined, forced?: string | null, max = 8): number {
  const asked = forced === null || forced === undefined || forced.trim() === '' ? Number.NaN : Number(forced);
  if (Number.isInteger(asked) && asked >= 1 && asked <= max) return asked;
  const cores = Number.isInteger(hardwareConcurrency) && hardwareConcurrency! > 0 ? hardwareConcurrency! : 1;
  return Math.min(max, Math.max(1, cores));
}

/**
 * The pool size for spreading runs (`poolRuns`) over `cores` cores: one
 * worker per core and one more, at most 8; no pool (1) on one core. A run is
 * the smallest task, and equal runs do not divide evenly over the cores: five
 * runs on two workers leave a core idle while the fifth trains alone (at best
 * 5/3 = 1.67x faster than one worker), while on three workers the system
 * shares the two cores among the last runs (at best 2x).
 */
export function runsPoolSize(cores: number): number {
  return cores > 1 ? Math.min(8, cores + 1) : 1;
}

/**
 * Tasks each worker holds at once: one it runs and one queued behind it, so a
 * worker starts its next task the moment it finishes one instead of idling
 * while the page hears of the result and sends the next (with two workers
 * and the page on two cores, that round trip cost a sixth of the speed-up).
 */
export const TASKS_PER_WORKER = 2;

export class WorkerPool<Api> {
  private readonly members: PoolMember<Api>[] = [];
  /** Tasks each started worker holds (running or queued in it). */
  private readonly load = new Map<PoolMember<Api>, number>();
  private readonly waiting: { resolve: (member: PoolMember<Api>) => void; reject: (error: Error) => void }[] = [];
  private disposed = false;

  constructor(
    /** How many workers at most. */
    readonly size: number,
    private readonly start: () => PoolMember<Api>,
    /** Tasks a worker holds at once (see TASKS_PER_WORKER). */
    private readonly depth = TASKS_PER_WORKER,
  ) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`a pool needs at least one worker, not ${size}`);
    if (!Number.isInteger(depth) || depth < 1) throw new RangeError(`a worker holds at least one task, not ${depth}`);
  }

  /** Workers started so far. */
  get started(): number {
    return this.members.length;
  }

  /** Runs `task` on a worker with room (starting one if the pool is not full yet), in the order asked. */
  async run<R>(task: (api: Api) => Promise<R>): Promise<R> {
    const member = await this.acquire();
    try {
      await member.ready;
      return await task(member.api);
    } finally {
      this.release(member);
    }
  }

  /** The started worker holding the fewest tasks, if it has room. */
  private leastLoaded(): PoolMember<Api> | undefined {
    let best: PoolMember<Api> | undefined;
    for (const member of this.members) {
      if (best === undefined || this.load.get(member)! < this.load.get(best)!) best = member;
    }
    return best !== undefined && this.load.get(best)! < this.depth ? best : undefined;
  }

  private take(member: PoolMember<Api>): PoolMember<Api> {
    this.load.set(member, (this.load.get(member) ?? 0) + 1);
    return member;
  }

  private acquire(): Promise<PoolMember<Api>> {
    if (this.disposed) return Promise.reject(new Error('the worker pool was closed'));
    const free = this.leastLoaded();
    // A new worker before a second task for a busy one.
    if (this.members.length < this.size && (free === undefined || this.load.get(free)! > 0)) {
      const member = this.start();
      this.members.push(member);
      return Promise.resolve(this.take(member));
    }
    if (free) return Promise.resolve(this.take(free));
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  private release(member: PoolMember<Api>): void {
    if (this.disposed) return;
    this.load.set(member, this.load.get(member)! - 1);
    const next = this.waiting.shift();
    if (next) next.resolve(this.take(member));
  }

  /**
   * Starts every worker not started yet, without a task (when tasks are
   * about to come: their workers are then loading already).
   */
  warm(): void {
    if (this.disposed) return;
    while (this.members.length < this.size) {
      const member = this.start();
      this.members.push(member);
      this.load.set(member, 0);
    }
  }

  /** Ends every worker; tasks still waiting are refused. */
  dispose(): void {
    this.disposed = true;
    for (const waiter of this.waiting) waiter.reject(new Error('the worker pool was closed'));
    for (const member of this.members) member.terminate();
    this.members.length = 0;
    this.load.clear();
    this.waiting.length = 0;
  }
}

/** What `poolRuns` needs of a worker (a Comlink proxy of the training worker has it). */
export interface RunsTrainer {
  runs(request: RunsRequest): Promise<RunsResult> | RunsResult;
}

/**
 * Trains every run of `request` as its own task on `pool` and joins the
 * results in the request's order: the same results as one `runs(request)`
 * call, since each run draws its own first weights from its own `resets` and
 * trains alone (only each run's `ms` differs). `request.engine` must be set
 * (a pool worker has no loaded network to take the engine from), and a
 * refused run refuses the whole call, numbered as its own one-run request;
 * the caller can ask one worker for the whole request to hear the refusal
 * numbered within it.
 */
export async function poolRuns<Api extends RunsTrainer>(pool: WorkerPool<Api>, request: RunsRequest): Promise<RunsResult> {
  const { runs, engine } = request;
  if (engine === undefined) throw new TypeError('poolRuns needs the engine in the request');
  const parts = await Promise.all(runs.map((run) => pool.run(async (api) => api.runs({ ...request, runs: [run] }))));
  return { engine, results: parts.map((part) => part.results[0]!) };
}
