/**
 * The course tools' runs (lesson 3's batch comparison, the five repeat runs)
 * on a pool of training workers, one per core and one more (runsPoolSize),
 * started on first use or when a run button is about to be pressed: each run
 * of a `runs()` request is its own task (`poolRuns`), so on two cores two
 * runs train at once. Each worker comes from the page's own training worker
 * entry (its own WASM instance; in the offline build the inlined one) and is
 * used only for these runs; the playground's network stays in its one worker.
 *
 * The pool only speeds things up: a request it does not take (one run, one
 * core) or could not train (a refused run, a worker that did not start)
 * comes back undefined, and the caller's one worker trains it, as it did
 * before the pool; a refusal is then worded by that worker, with the run's
 * number within the whole request.
 */
import {
  MAX_RUNS,
  WorkerPool,
  connectTrainer,
  isTrainerFailure,
  poolRuns,
  poolSize,
  runsPoolSize,
  type PoolMember,
  type RunsRequest,
  type RunsResult,
  type WorkerApi,
} from '@nn/trainer';
import type { Remote } from 'comlink';

/** What the pool asks of a training worker. */
export type RunsApi = Pick<Remote<WorkerApi>, 'init' | 'runs'>;

/**
 * How many workers the pool may start: one per core and one more (see
 * runsPoolSize in @nn/trainer), none on one core; the page's address can
 * force it (`?workers=1` trains every run in the page's one worker, as a
 * speed comparison needs).
 */
export function pagePoolSize(
  search = (globalThis as { location?: { search?: string } }).location?.search ?? '',
  hardwareConcurrency = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency,
): number {
  const forced = new URLSearchParams(search).get('workers');
  const cores = poolSize(hardwareConcurrency);
  const asked = poolSize(cores, forced);
  // poolSize gives the forced size when it is one (1 to 8), else the cores.
  return forced !== null && asked === Number(forced) ? asked : runsPoolSize(cores);
}

/** A pool member on a worker from `createWorker`: ready once its engines are loaded; failing if the worker does not load. */
export function workerMember(createWorker: () => Worker): PoolMember<RunsApi> {
  const worker = createWorker();
  const api = connectTrainer(worker);
  const failed = new Promise<never>((_, reject) => {
    worker.addEventListener(
      'error',
      (event) => reject(new Error((event as ErrorEvent).message || 'the training worker did not load')),
      { once: true },
    );
  });
  const ready = Promise.race([api.init(), failed]);
  // A worker that fails with no task waiting (started by warm(), or between tasks) is no unhandled rejection.
  failed.catch(() => undefined);
  ready.catch(() => undefined);
  return { api, ready, terminate: () => worker.terminate() };
}

export class RunsPool {
  private pool: WorkerPool<RunsApi> | undefined;
  /** Set once the pool failed other than by refusing a run: from then on the caller's one worker trains. */
  private broken = false;

  constructor(
    /** Workers the pool may start. */
    readonly size: number,
    private readonly start: () => PoolMember<RunsApi>,
  ) {}

  /** Workers started so far. */
  get started(): number {
    return this.pool?.started ?? 0;
  }

  /** Whether the pool would train `request`: several runs, on a named engine, on more than one core. */
  takes(request: RunsRequest): boolean {
    const count = Array.isArray(request?.runs) ? request.runs.length : 0;
    return !this.broken && this.size > 1 && count > 1 && count <= MAX_RUNS && request.engine !== undefined;
  }

  /** The results of `request` trained on the pool, in its order; undefined when the caller's one worker must train it (see above). */
  async runs(request: RunsRequest): Promise<RunsResult | undefined> {
    if (!this.takes(request)) return undefined;
    this.pool ??= new WorkerPool(this.size, this.start);
    try {
      return await poolRuns(this.pool, request);
    } catch (error) {
      if (!isTrainerFailure(error)) {
        this.broken = true;
        this.dispose();
      }
      return undefined;
    }
  }

  /** Starts the pool's workers before the request comes (the course tool's button is about to be pressed). */
  warm(): void {
    if (this.broken || this.size < 2) return;
    this.pool ??= new WorkerPool(this.size, this.start);
    this.pool.warm();
  }

  /** Ends the pool's workers (a later request starts new ones, unless the pool broke). */
  dispose(): void {
    this.pool?.dispose();
    this.pool = undefined;
  }
}
