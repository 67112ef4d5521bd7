/**
 * The course tools' runs on the pool of workers (playground/runs-pool.ts):
 * the page spreads a request's runs over its pool and gets what one worker
 * training them all gives; a refused run is worded by the page's one worker,
 * numbered within the whole request; a pool that cannot start hands every
 * request back to that worker.
 */
import { Trainer, type RunResult, type RunsRequest, type TrainerConfig } from '@nn/trainer';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RunsPool, pagePoolSize, type RunsApi } from '../src/lib/playground/runs-pool.js';
import { repeatRequest } from '../src/lib/course/runs.js';
import { ENGINES, closeAll, installFrames, noticeKeys, started } from './support/trainer-page.js';

beforeAll(installFrames);
afterEach(closeAll);

const HASH = '#dataset=xor&noise=20&seed=0.71845&networkShape=6,4&percTrainData=50&batchSize=10&learningRate=0.03&engine=wasm';

/** A result without its timing, which is the only thing allowed to differ. */
function untimed(result: RunResult): Omit<RunResult, 'ms'> {
  const { ms: _ms, ...rest } = result;
  return rest;
}

/** What one trainer gives for `request`, all runs in one call. */
async function inOneCall(request: RunsRequest): Promise<Omit<RunResult, 'ms'>[]> {
  const trainer = new Trainer(ENGINES);
  try {
    await trainer.init();
    return trainer.runs(request).results.map(untimed);
  } finally {
    trainer.dispose();
  }
}

describe('the course tools on a pool of workers', () => {
  it('spread the runs over the pool, started on first use, and give what one call gives', async () => {
    const { page, workers } = await started(HASH, ENGINES, { runsWorkers: 2 });
    expect(workers).toHaveLength(1);
    const request = repeatRequest(page.state, 60);
    expect(request.runs).toHaveLength(5);
    const pooled = await page.runs(request);
    // The page's worker and the pool's two.
    expect(workers).toHaveLength(3);
    expect(pooled?.engine).toBe('wasm');
    expect(pooled?.results.map(untimed)).toEqual(await inOneCall(request));
    // Again, on the same workers; warming a started pool starts none.
    page.prepareRuns();
    expect((await page.runs(request))?.results.map(untimed)).toEqual(await inOneCall(request));
    expect(workers).toHaveLength(3);
  });

  it('start loading their workers when the run button is about to be pressed', async () => {
    const { page, workers } = await started(HASH, ENGINES, { runsWorkers: 2 });
    page.prepareRuns();
    expect(workers).toHaveLength(3);
    const request = repeatRequest(page.state, 20);
    expect((await page.runs(request))?.results.map(untimed)).toEqual(await inOneCall(request));
    expect(workers).toHaveLength(3);
  });

  it('train in the page\'s one worker on one core, with the same results', async () => {
    const { page, workers } = await started(HASH, ENGINES, { runsWorkers: 1 });
    page.prepareRuns();
    const request = repeatRequest(page.state, 30);
    const alone = await page.runs(request);
    expect(workers).toHaveLength(1);
    expect(alone?.results.map(untimed)).toEqual(await inOneCall(request));
  });

  it('say which run of the request was refused, as the one worker numbers it', async () => {
    const { page, workers } = await started(HASH, ENGINES, { runsWorkers: 2 });
    const request = repeatRequest(page.state, 10);
    const bad: RunsRequest = {
      ...request,
      runs: request.runs.map((run, i) => (i === 2 ? { ...run, config: { ...run.config, learningRate: 0 } } : run)),
    };
    expect(await page.runs(bad)).toBeUndefined();
    // A pool worker, given run 3 alone, would have called it run 1.
    expect(noticeKeys(page)).toEqual(['notices.trainerRefused']);
    expect(page.notices[0]?.params?.message).toMatch(/^Run 3: The learning rate/);
    // The pool still trains the next request.
    expect((await page.runs(request))?.results).toHaveLength(5);
    expect(workers).toHaveLength(3);
  });
});

describe('the runs pool', () => {
  const config: TrainerConfig = {
    dataset: 'circle',
    noise: 0,
    percTrainData: 50,
    seed: 'runs-pool',
    features: ['x', 'y'],
    networkShape: [3],
    activation: 'tanh',
    regularization: 'none',
    regularizationRate: 0,
    learningRate: 0.03,
    batchSize: 10,
    initZero: false,
  };
  const request: RunsRequest = { engine: 'wasm', epochs: 5, runs: [0, 1, 2].map((resets) => ({ config, resets })) };

  it('has one worker per core and one more, none on one core, unless the address forces a size', () => {
    expect(pagePoolSize('', 2)).toBe(3);
    expect(pagePoolSize('', 1)).toBe(1);
    expect(pagePoolSize('', undefined)).toBe(1);
    expect(pagePoolSize('?workers=1', 4)).toBe(1);
    expect(pagePoolSize('?workers=2', 4)).toBe(2);
    expect(pagePoolSize('?workers=x', 2)).toBe(3);
    expect(pagePoolSize('?workers=0', 2)).toBe(3);
  });

  it('takes several runs on a named engine when it has more than one worker', () => {
    const pool = new RunsPool(2, () => {
      throw new Error('not started');
    });
    expect(pool.takes(request)).toBe(true);
    expect(pool.takes({ ...request, runs: request.runs.slice(0, 1) })).toBe(false);
    expect(pool.takes({ ...request, engine: undefined })).toBe(false);
    expect(new RunsPool(1, () => undefined as never).takes(request)).toBe(false);
  });

  it('hands every request back once a worker did not start, and starts no more', async () => {
    let starts = 0;
    const pool = new RunsPool(2, () => {
      starts++;
      const ready = Promise.reject(new Error('the training worker did not load'));
      ready.catch(() => undefined);
      return { api: {} as RunsApi, ready, terminate: () => undefined };
    });
    expect(await pool.runs(request)).toBeUndefined();
    expect(starts).toBeGreaterThan(0);
    const before = starts;
    expect(pool.takes(request)).toBe(false);
    expect(await pool.runs(request)).toBeUndefined();
    expect(starts).toBe(before);
  });
});
