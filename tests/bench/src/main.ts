/**
 * npm run bench -- [--json FILE] [--quick]
 * Runs both engines on the fixed-seed configurations, prints a table with
 * the reference/WASM ratios, then the course's multi-run tools on both
 * engines, and writes the JSON report when asked.
 */
import { writeFileSync } from 'node:fs';
import { referenceEngine } from '@nn/engine';
import { loadWasmEngine } from '@nn/engine-wasm';
import { benchCourse, formatCourse } from './course.js';
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
const options = args.quick ? { samples: 3, minSampleMs: 5 } : { samples: 15, minSampleMs: 40 };
const target = [benchTarget(wasm, options), benchTarget(referenceEngine, options)];
console.log(`\n${formatTarget(target)}`);
const course = await benchCourse({ wasm, reference: referenceEngine }, { samples: args.quick ? 3 : 9 });
console.log(`\n${formatCourse(course)}`);
if (args.json) {
  writeFileSync(args.json, `${JSON.stringify({ ...report, target, course }, null, 2)}\n`);
  console.log(`\nwrote ${args.json}`);
}
