/**
 * The playground's speed in a headless browser (Chromium by default, or
 * Firefox), WASM core and TypeScript
 * reference side by side: the heavy setup (spiral, all seven features, six
 * hidden layers of 8, batch 10, fixed seed) trained as fast as the engine goes
 * and at TF Playground's pace of one epoch per frame, while the page redraws
 * every node's map.
 *
 *   npm run bench:browser [-- --browser chromium|firefox|all] [-- --engine wasm|reference|all]
 *                         [-- --json FILE] [-- --seconds N]
 *
 * Figures per run: epochs per second trained by the worker, snapshots the page
 * drew per second, animation frames per second of the page, and the worker's
 * milliseconds per epoch and per snapshot (grid pass over every node plus
 * losses). "p90 ms" is the 90th percentile of the time between animation
 * frames: 16.7 at 60 frames per second, larger when the page misses frames.
 * `--browser all` measures Chromium, then Firefox, and prints one table each.
 */
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { BROWSER_NAMES, launchBrowser, serveBuiltApp, type BrowserName } from './browser.js';
import type { Browser, Page } from './driver/index.js';

const HEAVY =
  'dataset=spiral&networkShape=8,8,8,8,8,8&batchSize=10&learningRate=0.03&activation=tanh' +
  '&x=true&y=true&xSquared=true&ySquared=true&xTimesY=true&sinX=true&sinY=true&seed=0.12345';

type EngineName = 'wasm' | 'reference';
type Pace = 'max' | '1';

export interface SpeedResult {
  engine: EngineName;
  speed: Pace;
  /** Epochs trained per second, from the epoch counter over the measured window. */
  epochsPerSecond: number;
  /** Snapshots drawn per second (every node's map redrawn each time). */
  drawsPerSecond: number;
  /** requestAnimationFrame callbacks per second. */
  framesPerSecond: number;
  /** 90th percentile of the interval between animation frames, ms. */
  frameP90Ms: number;
  /** The worker's own figures for this engine (smoothed). */
  epochMs: number;
  snapshotMs: number;
}

function numberIn(text: string | null): number {
  const match = (text ?? '').replace(/,/g, '').match(/-?[\d.]+/);
  return match ? Number(match[0]) : NaN;
}

async function readEpoch(page: Page): Promise<number> {
  return numberIn(await page.getByTestId('epoch').textContent());
}

/**
 * Counts animation frames and snapshots for `ms` milliseconds inside the page.
 * A string, not a function: tsx (which runs this file) names functions with a
 * helper that does not exist in the page.
 */
const MEASURE = (ms: number) => `new Promise((resolve) => {
  const stamps = [];
  const epochEl = document.querySelector('[data-testid="epoch"]');
  let draws = 0; let lastText = epochEl.textContent;
  const observer = new MutationObserver(() => { if (epochEl.textContent !== lastText) { lastText = epochEl.textContent; draws++; } });
  observer.observe(epochEl, { childList: true, characterData: true, subtree: true });
  const start = performance.now();
  const tick = (t) => { stamps.push(t); if (t - start < ${ms}) requestAnimationFrame(tick); else { observer.disconnect(); resolve({ stamps, draws, elapsed: performance.now() - start }); } };
  requestAnimationFrame(tick);
})`;

async function measure(browser: Browser, url: string, engine: EngineName, speed: Pace, seconds: number): Promise<SpeedResult> {
  // The measuring script is evaluated over the protocol, which the site's CSP does not govern.
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  try {
    await page.goto(`${url}#${HEAVY}&engine=${engine}&speed=${speed}`);
    // Waits until Play is there and enabled (the worker has loaded the setup).
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    // Warm-up: 1.5 s of the page's time before the measured window.
    await page.evaluate('new Promise((resolve) => setTimeout(resolve, 1500))');
    const epoch0 = await readEpoch(page);
    const t0 = Date.now();
    const { stamps, draws, elapsed } = (await page.evaluate(MEASURE(seconds * 1000))) as {
      stamps: number[];
      draws: number;
      elapsed: number;
    };
    const epoch1 = await readEpoch(page);
    const wall = (Date.now() - t0) / 1000;
    const intervals = stamps.slice(1).map((t, i) => t - stamps[i]!).sort((a, b) => a - b);
    const stats = page.getByTestId(`stats-${engine}`).locator('td');
    const epochMs = numberIn(await stats.nth(1).textContent());
    const snapshotMs = numberIn(await stats.nth(2).textContent());
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    return {
      engine,
      speed,
      epochsPerSecond: (epoch1 - epoch0) / wall,
      drawsPerSecond: (draws * 1000) / elapsed,
      framesPerSecond: ((stamps.length - 1) * 1000) / (stamps[stamps.length - 1]! - stamps[0]!),
      frameP90Ms: intervals[Math.floor(intervals.length * 0.9)] ?? NaN,
      epochMs,
      snapshotMs,
    };
  } finally {
    await page.close();
  }
}

function row(cells: string[], widths: number[]): string {
  return cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
}

export function formatSpeed(results: readonly SpeedResult[]): string {
  const widths = [22, 10, 9, 9, 9, 9, 11];
  const lines = [
    row(['heavy setup', 'epochs/s', 'draws/s', 'frames/s', 'p90 ms', 'ms/epoch', 'ms/snapshot'], widths),
  ];
  for (const r of results) {
    lines.push(
      row(
        [
          `${r.engine} @ ${r.speed === 'max' ? 'max' : '1 epoch/frame'}`,
          r.epochsPerSecond.toFixed(0),
          r.drawsPerSecond.toFixed(1),
          r.framesPerSecond.toFixed(1),
          r.frameP90Ms.toFixed(1),
          r.epochMs.toFixed(2),
          r.snapshotMs.toFixed(2),
        ],
        widths,
      ),
    );
  }
  const at = (engine: EngineName, speed: Pace) => results.find((r) => r.engine === engine && r.speed === speed);
  const wasm = at('wasm', 'max');
  const ref = at('reference', 'max');
  if (wasm && ref) {
    lines.push('');
    lines.push(
      `wasm / reference at max speed: ${(wasm.epochsPerSecond / ref.epochsPerSecond).toFixed(1)}x epochs per second, ` +
        `${(ref.snapshotMs / wasm.snapshotMs).toFixed(1)}x faster snapshots`,
    );
  }
  return lines.join('\n');
}

async function measureBrowser(name: BrowserName, engines: readonly EngineName[], seconds: number): Promise<{ version: string; results: SpeedResult[] }> {
  const { server, url } = await serveBuiltApp();
  const browser = await launchBrowser(name);
  const version = await browser.version();
  const results: SpeedResult[] = [];
  try {
    for (const engine of engines) {
      for (const speed of ['max', '1'] as const) results.push(await measure(browser, url, engine, speed, seconds));
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return { version, results };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const option = (flag: string): string | undefined => {
    const at = args.indexOf(flag);
    return at >= 0 ? args[at + 1] : undefined;
  };
  const seconds = Number(option('--seconds') ?? 5);
  const browserArg = option('--browser') ?? 'chromium';
  const names: BrowserName[] = browserArg === 'all' ? [...BROWSER_NAMES] : [browserArg as BrowserName];
  if (!names.every((name) => BROWSER_NAMES.includes(name))) {
    throw new Error(`--browser takes ${BROWSER_NAMES.join(', ')} or all`);
  }
  const engineArg = option('--engine') ?? 'all';
  const engines: EngineName[] = engineArg === 'all' ? ['wasm', 'reference'] : [engineArg as EngineName];
  if (!engines.every((engine) => engine === 'wasm' || engine === 'reference')) {
    throw new Error('--engine takes wasm, reference or all');
  }
  const runs: { browser: BrowserName; version: string; results: SpeedResult[] }[] = [];
  for (const name of names) {
    const { version, results } = await measureBrowser(name, engines, seconds);
    runs.push({ browser: name, version, results });
    if (runs.length > 1) console.log('');
    console.log(`${version}, ${cpus().length} cores, ${seconds} s per run, seed 0.12345\n`);
    console.log(formatSpeed(results));
  }
  const jsonFile = option('--json');
  if (args.includes('--json')) {
    if (!jsonFile) throw new Error('--json needs a file name');
    const meta = (run: (typeof runs)[number]) => ({ browser: run.browser, version: run.version, cores: cpus().length, seconds });
    // One browser: the same shape as before; several: one entry per browser.
    const body = runs.length === 1 ? { results: runs[0]!.results, meta: meta(runs[0]!) } : { runs: runs.map((run) => ({ results: run.results, meta: meta(run) })) };
    writeFileSync(jsonFile, JSON.stringify(body, null, 2));
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
