/**
 * The pool of training workers (pool.ts): its size, how it spreads tasks
 * over its workers, and `poolRuns`, which trains each run of a `runs()`
 * request as its own task on real trainers hosted on MessageChannels (as in
 * Web Workers) and must give what one `runs()` call gives.
 */
import { MessageChannel } from 'node:worker_threads';
import type * as Comlink from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import { connectTrainer } from '../src/client.js';
import { TASKS_PER_WORKER, WorkerPool, poolRuns, poolSize, runsPoolSize, type PoolMember } from '../src/pool.js';
import type { RunResult, RunSpec, RunsRequest, TrainerConfig, WorkerApi } from '../src/protocol.js';
import type { Remote } from 'comlink';
import { exposeTrainer } from '../src/worker.js';
import { loaders, newTrainer } from './support.js';

const BASE: TrainerConfig = {
  dataset: 'xor',
  noise: 20,
  percTrainData: 50,
  seed: 'pool',
  features: ['x', 'y'],
  networkShape: [6, 4],
  activation: 'tanh',
  regularization: 'none',
  regularizationRate: 0,
  learningRate: 0.03,
  batchSize: 10,
  initZero: false,
};

const pools: WorkerPool<unknown>[] = [];
afterEach(() => {
  for (const pool of pools.splice(0)) pool.dispose();
});

/** A pool of `size` real training workers, each on its own MessageChannel; `started` counts them. */
function trainerPool(size: number): { pool: WorkerPool<Remote<WorkerApi>>; started: () => number } {
  let count = 0;
  const pool = new WorkerPool<Remote<WorkerApi>>(size, (): PoolMember<Remote<WorkerApi>> => {
    count++;
    const { port1, port2 } = new MessageChannel();
    const trainer = exposeTrainer(loaders, port1 as unknown as Comlink.Endpoint);
    const api = connectTrainer(port2 as unknown as Comlink.Endpoint);
    return {
      api,
      ready: api.init(),
      terminate: () => {
        trainer.dispose();
        port1.close();
        port2.close();
      },
    };
  });
  pools.push(pool as WorkerPool<unknown>);
  return { pool, started: () => count };
}

/** A result without its timing, which is the only thing allowed to differ. */
function untimed(result: RunResult): Omit<RunResult, 'ms'> {
  const { ms: _ms, ...rest } = result;
  return rest;
}

describe('the pool of training workers', () => {
  it('has one worker per core, at least 1 and at most 8, unless a size is forced', () => {
    expect(poolSize(2)).toBe(2);
    expect(poolSize(undefined)).toBe(1);
    expect(poolSize(0)).toBe(1);
    expect(poolSize(64)).toBe(8);
    expect(poolSize(4, '1')).toBe(1);
    expect(poolSize(4, '3')).toBe(3);
    expect(poolSize(4, 'x')).toBe(4);
    expect(poolSize(4, '0')).toBe(4);
  });

  it('spreads runs over one worker per core and one more, and over none on one core', () => {
    expect([1, 2, 4, 7, 8].map(runsPoolSize)).toEqual([1, 3, 5, 8, 8]);
  });

  /** Runs 7 tasks on a pool of 2 workers holding `depth` tasks each; the most any worker held at once. */
  async function runSeven(depth: number): Promise<{ most: number; started: number; firstTwo: number[] }> {
    let started = 0;
    const held = new Map<number, number>();
    let most = 0;
    const firstTwo: number[] = [];
    const pool = new WorkerPool<{ id: number }>(
      2,
      () => {
        const id = started++;
        return { api: { id }, ready: Promise.resolve(), terminate: () => undefined };
      },
      depth,
    );
    const order: number[] = [];
    const results = await Promise.all(
      Array.from({ length: 7 }, (_, k) =>
        pool.run(async ({ id }) => {
          if (k < 2) firstTwo.push(id);
          held.set(id, (held.get(id) ?? 0) + 1);
          most = Math.max(most, held.get(id)!);
          await new Promise<void>((done) => queueMicrotask(done));
          held.set(id, held.get(id)! - 1);
          order.push(k);
          return k * 10;
        }),
      ),
    );
    expect(results).toEqual([0, 10, 20, 30, 40, 50, 60]);
    expect(order.sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
    pool.dispose();
    await expect(pool.run(async () => 1)).rejects.toThrow('closed');
    return { most, started, firstTwo };
  }

  it('runs every task on at most its size of workers, one at a time per worker when asked', async () => {
    const one = await runSeven(1);
    expect(one.started).toBe(2);
    expect(one.most).toBe(1);
  });

  it('gives each worker a second task to queue, but starts a new worker before doubling up', async () => {
    const two = await runSeven(TASKS_PER_WORKER);
    expect(TASKS_PER_WORKER).toBe(2);
    expect(two.started).toBe(2);
    expect(two.firstTwo.sort()).toEqual([0, 1]);
    expect(two.most).toBe(2);
  });
});


describe('warming the pool', () => {
  it('starts every worker before any task, and the tasks then run on them', async () => {
    let started = 0;
    const ran: number[] = [];
    const pool = new WorkerPool<{ id: number }>(3, () => {
      const id = started++;
      return { api: { id }, ready: Promise.resolve(), terminate: () => undefined };
    });
    pool.warm();
    expect([started, pool.started]).toEqual([3, 3]);
    pool.warm();
    expect(started).toBe(3);
    await Promise.all([0, 1, 2].map(() => pool.run(async ({ id }) => ran.push(id))));
    expect(ran.sort()).toEqual([0, 1, 2]);
    expect(started).toBe(3);
    pool.dispose();
    pool.warm();
    expect(started).toBe(3);
  });
});

describe('runs on the pool', () => {
  const run = (config: Partial<TrainerConfig>, resets: number, batchSize: RunSpec['config']['batchSize'] = 10): RunSpec => ({
    config: { ...BASE, ...config, batchSize },
    resets,
  });

  describe.each(['wasm', 'reference'] as const)('on %s', (engine) => {
    it('gives what one runs() call gives, in the order asked, each run as its own task', async () => {
      const request: RunsRequest = {
        engine,
        epochs: 200,
        runs: [
          run({}, 0),
          run({}, 1),
          run({}, 2, 1),
          run({}, 3, 'all'),
          run({ seed: 'other', networkShape: [3] }, 4),
          // Diverges: its curves stop early and it has no map.
          run({ dataset: 'reg-plane', learningRate: 10, networkShape: [8, 8] }, 0),
        ],
      };
      const one = newTrainer();
      await one.init();
      const expected = one.runs(request);
      expect(expected.results.some((r) => r.diverged)).toBe(true);

      const { pool, started } = trainerPool(2);
      const pooled = await poolRuns(pool, request);
      expect(started()).toBe(2);
      expect(pooled.engine).toBe(engine);
      expect(pooled.results.map(untimed)).toEqual(expected.results.map(untimed));
      // Asked again, the started workers give the same again.
      expect((await poolRuns(pool, request)).results.map(untimed)).toEqual(expected.results.map(untimed));
      expect(started()).toBe(2);
    });
  });

  it('refuses as a worker refuses, and needs the engine named', async () => {
    const { pool } = trainerPool(2);
    await expect(
      poolRuns(pool, { engine: 'wasm', epochs: 5, runs: [run({}, 0), run({ learningRate: 0 }, 0)] }),
    ).rejects.toMatchObject({ code: 'learningRate' });
    await expect(poolRuns(pool, { epochs: 5, runs: [run({}, 0)] })).rejects.toThrow('engine');
  });
});
