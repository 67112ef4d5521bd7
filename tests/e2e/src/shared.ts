/**
 * What the browser tests of every driver share (tests/e2e over puppeteer,
 * tests/webkit over WebDriver): reading a URL hash, and looking at a canvas's
 * pixels with a function that runs inside the page. Nothing here knows a
 * driver, so both import it.
 */

/** The URL hash as key -> value (the last value of a repeated key). */
export function parseHashText(hash: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const pair of hash.replace(/^#/, '').split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    out.set(eq < 0 ? pair : pair.slice(0, eq), eq < 0 ? '' : pair.slice(eq + 1));
  }
  return out;
}

/** The settings a preset's hash gives, as the page's controls show them. */
export function settingsOfHash(hash: string): Record<string, string> {
  const params = parseHashText(hash);
  const get = (key: string): string => {
    const v = params.get(key);
    if (v === undefined) throw new Error(`the hash has no ${key}`);
    return v;
  };
  return {
    learningRate: get('learningRate'),
    activation: get('activation'),
    regularization: params.get('regularization') ?? 'none',
    problem: get('problem'),
    speed: get('speed'),
    percTrainData: get('percTrainData'),
    noise: get('noise'),
    batchSize: get('batchSize'),
    networkShape: get('networkShape'),
    dataset: get('dataset'),
  };
}

export interface CanvasStats {
  width: number;
  height: number;
  /** Distinct RGB colours among the sampled pixels. */
  colours: number;
  /** Pixels whose alpha is 0 (never painted). */
  transparent: number;
  /** A cheap fingerprint of every pixel, to tell whether the picture changed. */
  fingerprint: string;
}

/**
 * Looks at every pixel of a canvas (these canvases are small). Runs inside the
 * page: a driver sends its source, so it uses nothing from outside itself.
 */
export function canvasStatsInPage(element: Element): CanvasStats {
  const c = element as HTMLCanvasElement;
  const context = c.getContext('2d');
  if (!context || c.width === 0 || c.height === 0) {
    return { width: c.width, height: c.height, colours: 0, transparent: 0, fingerprint: '' };
  }
  const data = context.getImageData(0, 0, c.width, c.height).data;
  const seen = new Set<number>();
  let transparent = 0;
  // Two FNV-1a style running hashes over the bytes.
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let k = 0; k < data.length; k += 4) {
    seen.add((data[k]! << 16) | (data[k + 1]! << 8) | data[k + 2]!);
    if (data[k + 3] === 0) transparent++;
    for (let j = 0; j < 4; j++) {
      h1 = Math.imul(h1 ^ data[k + j]!, 0x01000193) >>> 0;
      h2 = Math.imul(h2 ^ data[k + j]!, 0x5bd1e995) >>> 0;
    }
  }
  return { width: c.width, height: c.height, colours: seen.size, transparent, fingerprint: `${h1}:${h2}` };
}
