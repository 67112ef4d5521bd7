/**
 * The course tools on real threads: one training worker given the whole
 * `runs()` request (as the playground did before its pool), against a pool of
 * training workers, one per core, each run of the request its own task
 * (`poolRuns`, as the playground's course tools now do). Each worker is a Node
 * worker thread hosting the trainer over a MessagePort, with its own WASM
 * instance, as a Web Worker hosts it in the browser. The two are timed in
 * alternation, each figure the median wall-clock time of one whole request
 * (started workers, engines loaded).
 */
import { availableParallelism } from 'node:os';
import { MessageChannel, Worker } from 'node:worker_threads';
import { WorkerPool, connectTrainer, poolRuns, poolSize, runsPoolSize, type PoolMember, type RunsRequest } from '@nn/trainer';
import { median } from './bench.js';
import { COURSE_TASKS } from './course.js';

type TrainerProxy = ReturnType<typeof connectTrainer>;

/** Starts one training worker thread (its TypeScript loaded through tsx, as `npm run bench` itself is). */
export function threadWorker(): PoolMember<TrainerProxy> {
  const { port1, port2 } = new MessageChannel();
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./pool-worker.ts', import.meta.url).href;
  const thread = new Worker(
    `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`,
    { eval: true, workerData: { port: port1 }, transferList: [port1] },
  );
  const api = connectTrainer(port2 as unknown as Parameters<typeof connectTrainer>[0]);
  const failed = new Promise<never>((_, reject) => thread.once('error', reject));
  return {
    api,
    ready: Promise.race([api.init(), failed]),
    terminate: () => {
      port2.close();
      void thread.terminate();
    },
  };
}

export interface PoolBenchResult {
  readonly task: string;
  /** Median ms of the whole request on one worker. */
  readonly oneMs: number;
  /** Median ms of the same request spread over a pool, per pool size. */
  readonly pools: readonly { readonly workers: number; readonly ms: number; readonly same: boolean }[];
}

export interface PoolBench {
  /**
   * How much faster two threads do two equal pieces of plain arithmetic than
   * one thread does both, measured just before: about 2 on an idle 2-core
   * machine, less when something else runs (the pool cannot beat it).
   */
  readonly threads: number;
  readonly results: readonly PoolBenchResult[];
}

/** The final test loss of every run. */
function finals(result: { results: readonly { testLoss: Float32Array }[] }): number[] {
  return result.results.map((r) => r.testLoss[r.testLoss.length - 1]!);
}

const SPIN = `const { parentPort } = require('node:worker_threads');
parentPort.on('message', (n) => { let x = 0; for (let i = 0; i < n; i++) x += Math.sqrt(i); parentPort.postMessage(x); });`;

/** See PoolBench.threads: the median over `samples` of one thread twice / two threads at once. */
export async function threadSpeedUp(samples: number): Promise<number> {
  const threads = [new Worker(SPIN, { eval: true }), new Worker(SPIN, { eval: true })];
  const spin = (thread: Worker, n: number) =>
    new Promise<unknown>((resolve) => {
      thread.once('message', resolve);
      thread.postMessage(n);
    });
  try {
    const n = 2e7;
    await Promise.all(threads.map((thread) => spin(thread, n)));
    const ratios: number[] = [];
    for (let s = 0; s < samples; s++) {
      let start = performance.now();
      await spin(threads[0]!, n);
      await spin(threads[0]!, n);
      const alone = performance.now() - start;
      start = performance.now();
      await Promise.all(threads.map((thread) => spin(thread, n)));
      ratios.push(alone / (performance.now() - start));
    }
    return median(ratios);
  } finally {
    for (const thread of threads) void thread.terminate();
  }
}

/**
 * Times each course task on one worker and on pools of each size in `sizes`
 * (by default one per core, and the playground's size: one more), on the WASM engine, `samples` times each in
 * alternation, so a machine busy with something else slows all alike.
 */
export async function benchPool(options: { samples: number; sizes?: readonly number[] }): Promise<PoolBench> {
  const cores = poolSize(availableParallelism());
  const sizes = options.sizes ?? (cores > 1 ? [cores, runsPoolSize(cores)] : [cores]);
  const threads = await threadSpeedUp(options.samples);
  const one = threadWorker();
  const pools = sizes.map((size) => new WorkerPool(size, threadWorker));
  const results: PoolBenchResult[] = [];
  try {
    await one.ready;
    for (const task of COURSE_TASKS) {
      const request: RunsRequest = { ...task.request, engine: 'wasm' };
      // Warm up all (starts the pools' workers) and check that they agree.
      const alone = finals(await one.api.runs(request));
      const same: boolean[] = [];
      for (const pool of pools) {
        const pooled = finals(await poolRuns(pool, request));
        same.push(alone.every((loss, i) => Object.is(loss, pooled[i])));
      }
      const oneTimes: number[] = [];
      const poolTimes: number[][] = pools.map(() => []);
      for (let s = 0; s < options.samples; s++) {
        let start = performance.now();
        await one.api.runs(request);
        oneTimes.push(performance.now() - start);
        for (const [k, pool] of pools.entries()) {
          start = performance.now();
          await poolRuns(pool, request);
          poolTimes[k]!.push(performance.now() - start);
        }
      }
      results.push({
        task: task.name,
        oneMs: median(oneTimes),
        pools: sizes.map((workers, k) => ({ workers, ms: median(poolTimes[k]!), same: same[k]! })),
      });
    }
  } finally {
    one.terminate();
    for (const pool of pools) pool.dispose();
  }
  return { threads, results };
}

/** A plain-text table: each task on one worker and on each pool, with the speed-ups. */
export function formatPool(bench: PoolBench): string {
  const sizes = bench.results[0]?.pools.map((p) => p.workers) ?? [];
  const rows: string[][] = [
    ['course tool on worker threads (wasm)', '1 worker ms', ...sizes.flatMap((n) => [`pool of ${n} ms`, 'speed-up']), 'same results'],
  ];
  for (const r of bench.results) {
    rows.push([
      r.task,
      r.oneMs.toFixed(1),
      ...r.pools.flatMap((p) => [p.ms.toFixed(1), `${(r.oneMs / p.ms).toFixed(2)}x`]),
      r.pools.every((p) => p.same) ? 'yes' : 'NO',
    ]);
  }
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)));
  const table = rows.map((row) => row.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd()).join('\n');
  return `${table}\ntwo threads vs one on plain arithmetic just before: ${bench.threads.toFixed(2)}x (the most a pool can gain here)`;
}
