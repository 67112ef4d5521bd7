/**
 * How the page makes room for the network: which column arrangement the
 * playground uses at a given width, and how far the embed mode zooms the
 * whole playground out to fit its frame.
 *
 * The arrangements (App.svelte draws them):
 * - `three`: data | network | output, TensorFlow Playground's screen;
 * - `narrow`: the same with slimmer data and output columns (a smaller
 *   decision map), when a deep network needs the room;
 * - `two`: data | network, the output below them (tablets);
 * - `one`: everything in one column (phones).
 */
import { minHorizontalWidth } from './layout.js';

export type ColumnsMode = 'three' | 'narrow' | 'two' | 'one' | 'embed';

/**
 * Widths in CSS px of the columns beside the network and of the gaps between
 * columns (App.svelte's grid must agree). `narrow` still fits a six-layer
 * network beside the output at 1280 px with the lessons open and a classic
 * 17 px scrollbar (a playground about 900 px wide).
 */
export const COLUMN_WIDTHS = {
  three: { data: 170, output: 330, gap: 24 },
  narrow: { data: 140, output: 260, gap: 20 },
  two: { data: 170, gap: 24 },
  // The output's figures and its map side by side (see OutputPanel's embedded rules): wide and short.
  embed: { data: 150, output: 670, gap: 16 },
} as const;

/**
 * In projector mode app.css zooms the data and output columns (by
 * --projector-zoom, 1.25) but not the network, so those two columns take
 * more room (App.svelte's `.projector` grids).
 */
export const PROJECTOR_COLUMN_WIDTHS = {
  three: { data: 200, output: 412, gap: 24 },
  narrow: { data: 175, output: 325, gap: 20 },
  two: { data: 200, gap: 24 },
} as const;
/** Left and right padding of the columns (embedded: less). */
const PADDING = 20;
const EMBED_PADDING = 16;
/** At or below this playground width the output goes under the data and the network (as before). */
const TWO_COLUMNS_BELOW = 880;
/** At or below this, one column. */
const ONE_COLUMN_BELOW = 640;

/** The width the network column gets in each three-column arrangement of a playground `width` wide. */
export function networkRoom(width: number, mode: 'three' | 'narrow', projector = false): number {
  const sides = (projector ? PROJECTOR_COLUMN_WIDTHS : COLUMN_WIDTHS)[mode];
  return width - 2 * PADDING - 2 * sides.gap - sides.data - sides.output;
}

/**
 * The arrangement for a playground `width` px wide showing `layers` hidden
 * layers: three columns when the whole network fits between the other two
 * (first at full size, else with the side columns slimmed), else the output
 * below. (An embedded playground has its own arrangement: `embed`.)
 */
export function chooseColumns(width: number, layers: number, projector = false): ColumnsMode {
  const need = minHorizontalWidth(layers);
  if (width <= ONE_COLUMN_BELOW) return 'one';
  if (width <= TWO_COLUMNS_BELOW) return 'two';
  if (networkRoom(width, 'three', projector) >= need) return 'three';
  if (networkRoom(width, 'narrow', projector) >= need) return 'narrow';
  return 'two';
}

/**
 * Frames narrower than this (a phone, a portrait column) get the ordinary
 * page, which scrolls: zooming three columns into them would leave nothing
 * legible.
 */
export const EMBED_MIN_FRAME_WIDTH = 600;
/** The smallest zoom of an embedded playground; below it the frame scrolls rather than shrink text further. */
export const MIN_EMBED_ZOOM = 0.5;

/** The narrowest embedded playground that keeps the whole network of `layers` hidden layers beside the other columns. */
export function embedMinWidth(layers: number): number {
  const sides = COLUMN_WIDTHS.embed;
  return 2 * EMBED_PADDING + 2 * sides.gap + sides.data + sides.output + minHorizontalWidth(layers);
}

/** The largest zoom an embedded playground can have in a frame `frameWidth` wide: 1, or less when its columns need more room. */
export function embedStartZoom(frameWidth: number, layers: number): number {
  return Math.max(MIN_EMBED_ZOOM, Math.min(1, floor3(frameWidth / embedMinWidth(layers))));
}

/**
 * The search for the largest zoom at which the playground fits its frame's
 * height. The page re-lays itself out after every zoom (a wider layout
 * wraps less), so the search measures, proposes, and measures again:
 * `fits` is the largest zoom seen to fit, `tooBig` the smallest seen not to.
 * Each step narrows that interval by at least STEP, so it settles.
 */
export interface ZoomSearch {
  readonly zoom: number;
  readonly fits: number;
  readonly tooBig: number;
}

const STEP = 0.01;

export function startZoomSearch(frameWidth: number, layers: number): ZoomSearch {
  const zoom = embedStartZoom(frameWidth, layers);
  return { zoom, fits: MIN_EMBED_ZOOM, tooBig: zoom + STEP };
}

/**
 * The next step after measuring the playground drawn at `search.zoom`:
 * `layoutHeight` is its height before zooming, `frameHeight` the frame's.
 */
export function nextZoom(search: ZoomSearch, frameHeight: number, layoutHeight: number): ZoomSearch {
  const { zoom } = search;
  if (layoutHeight <= 0) return search;
  const proposal = floor3(frameHeight / layoutHeight);
  if (layoutHeight * zoom <= frameHeight + 0.5) {
    const fits = Math.max(search.fits, zoom);
    // Room to spare: try a larger zoom, short of the smallest one that did not fit.
    const larger = Math.min(proposal, search.tooBig - STEP);
    return larger >= zoom + STEP ? { zoom: larger, fits, tooBig: search.tooBig } : { zoom, fits, tooBig: search.tooBig };
  }
  const tooBig = Math.min(search.tooBig, zoom);
  // What fitted before may not fit any more (a notice appeared): forget it.
  const fits = search.fits < zoom ? search.fits : MIN_EMBED_ZOOM;
  const smaller = Math.max(MIN_EMBED_ZOOM, fits, Math.min(zoom - STEP, proposal));
  return { zoom: floor3(smaller), fits, tooBig };
}

function floor3(value: number): number {
  return Math.floor(value * 1000) / 1000;
}
