/**
 * npm run bench -- [--json FILE] [--quick]
 * Runs both engines on the fixed-seed configurations, prints a table with
 * the reference/WASM ratios, then what the worker's frame adds to the raw
 * engine calls, then the course's multi-run tools on both engines and on a
 * pool of worker threads, and writes the JSON report when asked.
 */
import { writeFileSync } from 'node:fs';
import { referenceEngine } from '@nn/engine';
import { loadWasmEngine } from '@nn/engine-wasm';
import { benchCourse, formatCourse } from './course.js';
import { benchFrame, formatFrame } from './frame.js';
import { benchLandscape, formatLandscape } from './landscape.js';
import { benchPool, formatPool } from './pool.js';
import { runBench, formatReport } from './report.js';
import { benchTarget, formatTarget } from './target.js';

function parseArgs(argv: string[]): { json?: string; quick: boolean } {
  const out: { json?: string; quick: boolean } = { quick: false };
  for (let k = 0; k < argv.length; k++) {
    const arg = argv[k]!;
    if (arg === '--json') {
      const file = argv[++k];
      if (!file) throw new Error('--json needs a file name');
      out.json = file;
    } else if (arg === '--quick') {
      out.quick = true;
    } else {
      throw new Error(`unknown argument ${arg}; use --json FILE and/or --quick`);
    }
  }
  return out;
}

const args = parseArgs(process.argv.slice(2));
const wasm = await loadWasmEngine();
const report = runBench(wasm, referenceEngine, args.quick ? { samples: 3, minSampleMs: 5 } : { samples: 15, minSampleMs: 40 });
console.log(formatReport(report));
const frameOptions = args.quick ? { samples: 3, minSampleMs: 5 } : { samples: 15, minSampleMs: 40 };
const frames = [await benchFrame(wasm, frameOptions), await benchFrame(referenceEngine, frameOptions)];
console.log(`\n${formatFrame(frames)}`);
const target = [benchTarget(wasm, frameOptions), benchTarget(referenceEngine, frameOptions)];
console.log(`\n${formatTarget(target)}`);
const landscapeOptions = args.quick ? { samples: 3, minSampleMs: 5 } : { samples: 5, minSampleMs: 40 };
const landscape = [benchLandscape(wasm, landscapeOptions), benchLandscape(referenceEngine, landscapeOptions)];
console.log(`\n${formatLandscape(landscape)}`);
const course = await benchCourse({ wasm, reference: referenceEngine }, { samples: args.quick ? 3 : 9 });
console.log(`\n${formatCourse(course)}`);
const pool = await benchPool({ samples: args.quick ? 3 : 15 });
console.log(`\n${formatPool(pool)}`);
if (args.json) {
  writeFileSync(args.json, `${JSON.stringify({ ...report, frames, target, landscape, course, pool }, null, 2)}\n`);
  console.log(`\nwrote ${args.json}`);
}
