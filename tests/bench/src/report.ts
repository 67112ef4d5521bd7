import type { Engine } from '@nn/engine';
import type { WasmEngine } from '@nn/engine-wasm';
import { benchConfig, calibratePeak, CONFIGS, FLOP_MODEL, type BenchOptions, type BenchReport } from './bench.js';

export function runBench(wasm: WasmEngine, reference: Engine, options: BenchOptions): BenchReport {
  const peakGflops = calibratePeak((iterations) => wasm.calibrate(iterations), options);
  const results = [];
  for (const config of CONFIGS) {
    // Side by side: both engines on the same configuration, one after the other.
    results.push(benchConfig(wasm, config, options));
    results.push(benchConfig(reference, config, options));
  }
  return {
    peakGflops,
    results,
    meta: {
      date: new Date().toISOString(),
      node: process.version,
      samples: options.samples,
      flopModel: FLOP_MODEL,
    },
  };
}

function fmt(value: number, digits = 3): string {
  return value >= 100 ? value.toFixed(1) : value.toPrecision(digits);
}

/** A plain-text table: each engine's medians, then reference / wasm as a speed-up. */
export function formatReport(report: BenchReport): string {
  const lines: string[] = [];
  lines.push(`calibrated wasm SIMD peak: ${fmt(report.peakGflops)} GFLOP/s (${report.meta.node}, ${report.meta.samples} samples per median)`);
  lines.push('');
  const header = ['config', 'engine', 'epoch ms', 'loss ms', 'grid ms', 'frame ms', 'epoch GFLOP/s', 'grid GFLOP/s', '% peak (epoch/grid)'];
  const rows: string[][] = [header];
  for (const r of report.results) {
    rows.push([
      r.config,
      r.engine,
      fmt(r.epochMs),
      fmt(r.lossMs),
      fmt(r.gridMs),
      fmt(r.frameMs),
      fmt(r.epochGflops),
      fmt(r.gridGflops),
      `${((100 * r.epochGflops) / report.peakGflops).toFixed(0)}% / ${((100 * r.gridGflops) / report.peakGflops).toFixed(0)}%`,
    ]);
  }
  const configs = [...new Set(report.results.map((r) => r.config))];
  for (const config of configs) {
    const w = report.results.find((r) => r.config === config && r.engine === 'wasm');
    const t = report.results.find((r) => r.config === config && r.engine === 'reference');
    if (!w || !t) continue;
    rows.push([
      config,
      'reference / wasm',
      `${(t.epochMs / w.epochMs).toFixed(1)}x`,
      `${(t.lossMs / w.lossMs).toFixed(1)}x`,
      `${(t.gridMs / w.gridMs).toFixed(1)}x`,
      `${(t.frameMs / w.frameMs).toFixed(1)}x`,
      '',
      '',
      '',
    ]);
  }
  const widths = header.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)));
  for (const row of rows) lines.push(row.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd());
  return lines.join('\n');
}
