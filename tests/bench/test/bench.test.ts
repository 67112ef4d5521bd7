import { referenceEngine } from '@nn/engine';
import { loadWasmEngine } from '@nn/engine-wasm';
import { describe, expect, it } from 'vitest';
import { flopsPerEpoch, flopsPerGrid, median } from '../src/bench.js';
import { COURSE_TASKS, benchCourse, formatCourse } from '../src/course.js';
import { benchFrame, formatFrame } from '../src/frame.js';
import { benchPool, formatPool } from '../src/pool.js';
import { formatReport, runBench } from '../src/report.js';

describe('benchmark', () => {
  it('counts flops from the shape', () => {
    // [2, 4, 2, 1]: W = 8 + 8 + 2 = 18, W1 = 8.
    const shape = { inputSize: 2, hiddenSizes: [4, 2], activation: 'tanh', outputActivation: 'tanh' } as const;
    expect(flopsPerEpoch(shape, 10)).toBe(10 * (36 + 36 + 20));
    expect(flopsPerGrid(shape, 100)).toBe(100 * 36);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
  });

  it('produces a complete report for both engines in one run', async () => {
    const wasm = await loadWasmEngine();
    const report = runBench(wasm, referenceEngine, { samples: 1, minSampleMs: 1 });
    expect(report.peakGflops).toBeGreaterThan(0);
    expect(report.results.map((r) => `${r.config}/${r.engine}`)).toEqual([
      'default/wasm',
      'default/reference',
      'heavy/wasm',
      'heavy/reference',
      'heavy-sigmoid/wasm',
      'heavy-sigmoid/reference',
      'heavy-softmax3/wasm',
      'heavy-softmax3/reference',
    ]);
    for (const r of report.results) {
      for (const key of ['epochMs', 'lossMs', 'gridMs', 'frameMs', 'epochGflops', 'gridGflops'] as const) {
        expect(Number.isFinite(r[key]) && r[key] > 0, `${r.config}/${r.engine} ${key}`).toBe(true);
      }
    }
    const table = formatReport(report);
    expect(table).toMatch(/reference \/ wasm/);
    expect(table).toMatch(/calibrated wasm SIMD peak/);
  });

  it('times the course tools on both engines, which agree on the results', async () => {
    const wasm = await loadWasmEngine();
    const results = await benchCourse({ wasm, reference: referenceEngine }, { samples: 1 });
    expect(results).toHaveLength(COURSE_TASKS.length * 2);
    for (const task of COURSE_TASKS) {
      const [w, t] = ['wasm', 'reference'].map((engine) => results.find((r) => r.task === task.name && r.engine === engine)!);
      expect(w!.ms).toBeGreaterThan(0);
      expect(t!.ms).toBeGreaterThan(0);
      expect(w!.testLosses).toHaveLength(task.request.runs.length);
      w!.testLosses.forEach((loss, i) => expect(loss).toBeCloseTo(t!.testLosses[i]!, 3));
    }
    expect(formatCourse(results)).toMatch(/reference \/ wasm/);
  });

  it('times the worker frame against the raw engine calls it needs', async () => {
    const wasm = await loadWasmEngine();
    const result = await benchFrame(wasm, { samples: 1, minSampleMs: 1 });
    expect(result).toMatchObject({ config: 'heavy', engine: 'wasm' });
    expect(result.frameMs).toBeGreaterThan(0);
    expect(result.rawMs).toBeGreaterThan(0);
    expect(formatFrame([result])).toMatch(/Trainer\.frame\(\).*\n.*heavy\s+wasm/);
  });
});

describe('the pool benchmark', () => {
  it('times the course tools on one worker thread and on pools, which give the same results', async () => {
    const bench = await benchPool({ samples: 1, sizes: [2] });
    expect(bench.threads).toBeGreaterThan(0);
    expect(bench.results.map((r) => r.task)).toEqual(COURSE_TASKS.map((t) => t.name));
    for (const r of bench.results) {
      expect(r.oneMs).toBeGreaterThan(0);
      expect(r.pools).toEqual([{ workers: 2, ms: expect.any(Number), same: true }]);
    }
    expect(formatPool(bench)).toMatch(/pool of 2 ms/);
  });
});
