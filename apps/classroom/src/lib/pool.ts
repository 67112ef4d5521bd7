/**
 * A pool of training workers: at most `size` workers, started when first
 * needed, each initialised once; every task runs on a free worker, the
 * others wait in order. One small module with one job (DESIGN.md), written
 * against any endpoint, so the tests run it on MessageChannels in Node.
 */

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

export class WorkerPool<Api> {
  private readonly members: PoolMember<Api>[] = [];
  private readonly idle: PoolMember<Api>[] = [];
  private readonly waiting: { resolve: (member: PoolMember<Api>) => void; reject: (error: Error) => void }[] = [];
  private disposed = false;

  constructor(
    /** How many workers at most. */
    readonly size: number,
    private readonly start: () => PoolMember<Api>,
  ) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`a pool needs at least one worker, not ${size}`);
  }

  /** Workers started so far. */
  get started(): number {
    return this.members.length;
  }

  /** Runs `task` on a free worker (starting one if the pool is not full yet) and frees it after. */
  async run<R>(task: (api: Api) => Promise<R>): Promise<R> {
    const member = await this.acquire();
    try {
      await member.ready;
      return await task(member.api);
    } finally {
      this.release(member);
    }
  }

  private acquire(): Promise<PoolMember<Api>> {
    if (this.disposed) return Promise.reject(new Error('the worker pool was closed'));
    const free = this.idle.pop();
    if (free) return Promise.resolve(free);
    if (this.members.length < this.size) {
      const member = this.start();
      this.members.push(member);
      return Promise.resolve(member);
    }
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  private release(member: PoolMember<Api>): void {
    if (this.disposed) return;
    const next = this.waiting.shift();
    if (next) next.resolve(member);
    else this.idle.push(member);
  }

  /** Ends every worker; tasks still waiting are refused. */
  dispose(): void {
    this.disposed = true;
    for (const waiter of this.waiting) waiter.reject(new Error('the worker pool was closed'));
    for (const member of this.members) member.terminate();
    this.members.length = 0;
    this.idle.length = 0;
    this.waiting.length = 0;
  }
}
