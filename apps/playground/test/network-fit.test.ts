/**
 * The network diagram's geometry and the page's room for it: every node of
 * every network the controls allow lies inside the width it is given, at a
 * usable size; the page picks columns that leave the network that width; the
 * embed zoom search settles on the largest zoom that fits.
 */
import { describe, expect, it } from 'vitest';
import type { FeatureId } from '@nn/datasets';
import {
  biasBox,
  BIAS_TARGET,
  layoutNetwork,
  minHorizontalWidth,
  minVerticalWidth,
  MIN_COLUMN_PITCH,
  MIN_NODE_SIZE,
  NODE_SIZE,
  type NetworkLayout,
  type NodeBox,
} from '../src/lib/network/layout.js';
import {
  chooseColumns,
  COLUMN_WIDTHS,
  PROJECTOR_COLUMN_WIDTHS,
  embedMinWidth,
  embedStartZoom,
  MIN_EMBED_ZOOM,
  networkRoom,
  nextZoom,
  startZoomSearch,
  type ZoomSearch,
} from '../src/lib/network/fit.js';
import { layerParams, moveWithin } from '../src/lib/network/params.js';
import { FEATURE_ORDER } from '../src/lib/network/features.js';

const ALL: readonly FeatureId[] = FEATURE_ORDER;

function layout(networkShape: number[], width: number, active: readonly FeatureId[] = ['x', 'y']): NetworkLayout {
  return layoutNetwork({ shown: ALL, active, networkShape, width });
}

interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

function boxes(l: NetworkLayout): NodeBox[] {
  return [...l.features, ...l.hidden, l.output];
}

/** Generous: the sweep of every network and width takes a few seconds on a busy machine; this only stops a runaway. */
const RUNAWAY = 120_000;

/** The width a phone's one column leaves the diagram (390 px screen, 12 px padding each side). */
const PHONE = 390 - 24;

describe('layoutNetwork', () => {
  it('keeps TF Playground’s picture at full size when there is room', () => {
    const l = layout([4, 2], 520);
    expect(l.orientation).toBe('horizontal');
    expect(l.nodeSize).toBe(NODE_SIZE);
    expect(l.compact).toBe(false);
    // Features, layers and the output in columns from left to right, the output at the right edge.
    const columns = [l.features[0]!.x, l.hidden[0]!.x, l.hidden[4]!.x, l.output.x];
    expect([...columns].sort((a, b) => a - b)).toEqual(columns);
    expect(l.output.x + l.nodeSize).toBeLessThanOrEqual(520);
    expect(l.output.x + l.nodeSize).toBeGreaterThan(500);
  });

  it('puts every node of every network inside the width, at 24 to 32 px, without overlaps', () => {
    for (let layers = 0; layers <= 6; layers++) {
      for (const neurons of [1, 3, 8]) {
        const shape = Array.from({ length: layers }, () => neurons);
        for (const width of [296, 320, PHONE, 412, 452, 534, 686, 900, 1200]) {
          const l = layout(shape, width);
          const where = `${layers}x${neurons} at ${width}`;
          expect(l.width, where).toBe(width);
          expect(l.nodeSize, where).toBeGreaterThanOrEqual(MIN_NODE_SIZE);
          expect(l.nodeSize, where).toBeLessThanOrEqual(NODE_SIZE);
          const all = boxes(l);
          expect(all.length, where).toBe(ALL.length + layers * neurons + 1);
          for (const box of all) {
            expect(box.x, where).toBeGreaterThanOrEqual(0);
            expect(box.x + l.nodeSize, where).toBeLessThanOrEqual(width);
            expect(box.y + l.nodeSize, where).toBeLessThanOrEqual(l.height);
          }
          // At least 4 px between any two nodes' squares (room for borders and outlines).
          for (let i = 0; i < all.length; i++) {
            for (let j = i + 1; j < all.length; j++) {
              const a = all[i]!;
              const b = all[j]!;
              const apart = Math.max(Math.abs(a.x - b.x), Math.abs(a.y - b.y)) - l.nodeSize;
              expect(apart, `${where}: nodes ${i} and ${j}`).toBeGreaterThanOrEqual(4);
            }
          }
          // Each bias has a whole 24 px target that touches no node, no other bias target and no "+ / -" button.
          const overlap = (a: Rect, b: Rect): boolean =>
            a.x < b.x + b.w - 1e-9 && b.x < a.x + a.w - 1e-9 && a.y < b.y + b.h - 1e-9 && b.y < a.y + a.h - 1e-9;
          const targets: Rect[] = [...l.hidden, l.output].map((node) => {
            const box = biasBox(node, l);
            expect(box.squareX, where).toBeGreaterThanOrEqual(0);
            expect(box.squareX + 8, where).toBeLessThanOrEqual(BIAS_TARGET);
            expect(box.squareY + 8, where).toBeLessThanOrEqual(BIAS_TARGET);
            return { x: box.x, y: box.y, w: BIAS_TARGET, h: BIAS_TARGET };
          });
          // Nodes with their 1 px borders; the controls' row of two 24 px buttons.
          const nodes: Rect[] = all.map((b) => ({ x: b.x, y: b.y, w: l.nodeSize + 2, h: l.nodeSize + 2 }));
          const buttons: Rect[] = l.controls.map((c) => ({ x: c.x + c.width / 2 - 24, y: c.y, w: 48, h: 24 }));
          targets.forEach((target, k) => {
            expect(target.x, where).toBeGreaterThanOrEqual(0);
            expect(target.y, where).toBeGreaterThanOrEqual(0);
            expect(target.x + target.w, where).toBeLessThanOrEqual(width);
            for (const other of [...nodes, ...buttons, ...targets.filter((_, j) => j !== k)]) {
              expect(overlap(target, other), `${where}: bias target ${k} overlaps ${JSON.stringify(other)}`).toBe(false);
            }
          });
          // Each layer's "+ / -" controls stay inside the diagram and clear of the next layer's.
          l.controls.forEach((box, k) => {
            expect(box.x, where).toBeGreaterThanOrEqual(0);
            expect(box.x + box.width, where).toBeLessThanOrEqual(width);
            const next = l.controls[k + 1];
            if (next && l.orientation === 'horizontal') expect(next.x - (box.x + box.width), where).toBeGreaterThanOrEqual(2);
          });
        }
      }
    }
  }, RUNAWAY);

  it('stays horizontal down to its minimum width, then turns to run downwards', () => {
    for (let layers = 0; layers <= 6; layers++) {
      const shape = Array.from({ length: layers }, () => 8);
      const min = minHorizontalWidth(layers);
      const at = layout(shape, min);
      expect(at.orientation, `${layers} layers at ${min}`).toBe('horizontal');
      expect(at.nodeSize).toBe(MIN_NODE_SIZE);
      // Columns (features, hidden layers, output) at least the minimum distance apart.
      const xs = [at.features[0]!.x, ...at.hidden.filter((h) => h.index === 0).map((h) => h.x), at.output.x];
      for (let k = 1; k < xs.length; k++) expect(xs[k]! - xs[k - 1]!).toBeGreaterThanOrEqual(MIN_COLUMN_PITCH - 1e-9);
      expect(layout(shape, min - 1).orientation, `${layers} layers at ${min - 1}`).toBe('vertical');
    }
    // The deepest, widest network on a phone: every layer one row, the output at the bottom.
    const phone = layout([8, 8, 8, 8, 8, 8], PHONE);
    expect(phone.orientation).toBe('vertical');
    const rows = new Set([...phone.hidden, phone.output].map((n) => n.y));
    expect(rows.size).toBe(7);
    expect(phone.output.y).toBe(Math.max(...boxes(phone).map((b) => b.y)));
    expect(Math.min(...phone.features.map((f) => f.y))).toBe(Math.min(...boxes(phone).map((b) => b.y)));
  });

  it('only needs more than its width below the narrowest phone', () => {
    const narrowest = minVerticalWidth(8);
    expect(narrowest).toBeLessThanOrEqual(320 - 24);
    expect(layout([8, 8, 8, 8, 8, 8], narrowest - 10).width).toBe(narrowest);
  });

  it('draws one link per weight, in the engine’s order, each into the layer it names', () => {
    for (const width of [700, 412, PHONE]) {
      const l = layout([3, 2], width, ['x', 'y', 'sinX']);
      expect(l.links.map((link) => link.weight)).toEqual([...Array(3 * 3 + 3 * 2 + 2 * 1).keys()]);
      expect(l.links.filter((link) => link.layer === 1).every((link) => ['x', 'y', 'sinX'].includes(link.from))).toBe(true);
      expect(l.links.filter((link) => link.layer === 3).every((link) => link.to === 'output')).toBe(true);
      // A link starts at its source and ends at its destination, and its middle lies between them.
      for (const link of l.links) {
        const start = link.d.match(/^M([\d.-]+),([\d.-]+)/)!;
        const end = link.d.match(/ ([\d.-]+),([\d.-]+)$/)!;
        expect(link.midX).toBeCloseTo((Number(start[1]) + Number(end[1])) / 2, 0);
        expect(link.midY).toBeCloseTo((Number(start[2]) + Number(end[2])) / 2, 0);
      }
    }
  });
});

describe('the keyboard order of a layer’s weights and biases', () => {
  it('visits each node’s bias, then its incoming weights in input order', () => {
    const l = layout([2, 1], 600, ['x', 'y']);
    const layer1 = l.hidden.filter((h) => h.layer === 1);
    const params = layerParams(
      layer1,
      l.links.filter((link) => link.layer === 1),
    );
    expect(params.map((p) => `${p.kind}${p.index}`)).toEqual(['bias0', 'weight0', 'weight1', 'bias1', 'weight2', 'weight3']);
    const out = layerParams([l.output], l.links.filter((link) => link.layer === 3));
    expect(out.map((p) => `${p.kind}${p.index}`)).toEqual([`bias${l.output.node}`, 'weight6']);
  });

  it('moves with the arrow keys, Home and End, and stops at the ends', () => {
    expect(moveWithin('ArrowDown', 0, 3)).toBe(1);
    expect(moveWithin('ArrowRight', 2, 3)).toBe(2);
    expect(moveWithin('ArrowUp', 0, 3)).toBe(0);
    expect(moveWithin('ArrowLeft', 2, 3)).toBe(1);
    expect(moveWithin('Home', 2, 3)).toBe(0);
    expect(moveWithin('End', 0, 3)).toBe(2);
    expect(moveWithin('Tab', 0, 3)).toBeUndefined();
    expect(moveWithin('ArrowDown', 0, 0)).toBeUndefined();
  });
});

describe('the page’s columns', () => {
  /**
   * The playground's width: the window, less a classic scrollbar (17 px on
   * Windows, none with overlay scrollbars) and the lesson panel beside it
   * (360 px from 1280 px wide).
   */
  const playground = (window: number, lessons: boolean, scrollbar = 0): number =>
    window - scrollbar - (lessons && window >= 1280 ? 360 : 0);

  it('leave every network its minimum width at the widths a class uses, in projector mode too', () => {
    for (const projector of [false, true]) {
      for (const window of [1024, 1280, 1400, 1920]) {
        for (const [lessons, scrollbar] of [[true, 0], [false, 0], [true, 17], [false, 17]] as const) {
          for (let layers = 0; layers <= 6; layers++) {
            const width = playground(window, lessons, scrollbar);
            const mode = chooseColumns(width, layers, projector);
            const where = `${window} px, lessons ${lessons ? 'open' : 'closed'}, scrollbar ${scrollbar}, projector ${projector}, ${layers} layers: ${mode}`;
            if (mode === 'three' || mode === 'narrow') {
              expect(networkRoom(width, mode, projector), where).toBeGreaterThanOrEqual(minHorizontalWidth(layers));
            } else {
              const data = (projector ? PROJECTOR_COLUMN_WIDTHS : COLUMN_WIDTHS).two.data;
              expect(width - 40 - 24 - data, where).toBeGreaterThanOrEqual(minHorizontalWidth(layers));
            }
          }
        }
      }
    }
  });

  it('keep the output beside the network at 1280 and 1400 px with the lessons open, even for six layers', () => {
    expect(chooseColumns(playground(1280, true), 2)).toBe('three');
    expect(chooseColumns(playground(1280, true), 6)).toBe('narrow');
    expect(chooseColumns(playground(1280, true, 17), 6)).toBe('narrow');
    expect(chooseColumns(playground(1400, true, 17), 6)).toBe('three');
    expect(chooseColumns(playground(1400, true), 6)).toBe('three');
    expect(chooseColumns(playground(1024, false), 6)).toBe('three');
    expect(chooseColumns(768, 6)).toBe('two');
    expect(chooseColumns(390, 6)).toBe('one');
    // Projector mode: the larger side columns leave the default network beside the output at 1400 px.
    expect(chooseColumns(playground(1400, true), 2, true)).toBe('three');
  });
});

describe('the embed zoom', () => {
  /**
   * A stand-in for the page: its height before zooming at a given zoom. The
   * layout is `width / zoom` wide; the top bar wraps to three rows below
   * 1000 px and two above, so the height steps as the zoom changes.
   */
  const page = (frameWidth: number) => (zoom: number) => (frameWidth / zoom < 1000 ? 740 : 650);

  function settle(frame: { width: number; height: number }, layers: number, heightAt: (zoom: number) => number): { search: ZoomSearch; steps: number } {
    let search = startZoomSearch(frame.width, layers);
    for (let steps = 0; steps < 50; steps++) {
      const next = nextZoom(search, frame.height, heightAt(search.zoom));
      if (next.zoom === search.zoom) return { search, steps };
      search = next;
    }
    throw new Error('the zoom search did not settle');
  }

  it('starts from the zoom the frame’s width allows', () => {
    expect(embedStartZoom(2000, 2)).toBe(1);
    expect(embedStartZoom(800, 6)).toBeCloseTo(800 / embedMinWidth(6), 2);
    expect(embedStartZoom(100, 6)).toBe(MIN_EMBED_ZOOM);
  });

  it('settles on the largest zoom that fits the height, within a few steps', () => {
    for (const frame of [
      { width: 800, height: 500 },
      { width: 1024, height: 640 },
      { width: 1280, height: 720 },
    ]) {
      const heightAt = page(frame.width);
      const { search, steps } = settle(frame, 2, heightAt);
      expect(steps).toBeLessThan(12);
      const zoom = search.zoom;
      expect(heightAt(zoom) * zoom, `${frame.width}x${frame.height}`).toBeLessThanOrEqual(frame.height + 0.5);
      // Nothing much larger would fit (within the search's step).
      for (let larger = zoom + 0.02; larger <= embedStartZoom(frame.width, 2); larger += 0.01) {
        expect(heightAt(larger) * larger, `${frame.width}x${frame.height} at ${larger}`).toBeGreaterThan(frame.height);
      }
    }
  });

  it('shrinks again when the content grows, and never goes below its minimum', () => {
    const frame = { width: 1024, height: 640 };
    let { search } = settle(frame, 2, () => 600);
    expect(search.zoom).toBe(embedStartZoom(1024, 2));
    // A notice appears: 200 px more.
    ({ search } = { search: nextZoom(search, frame.height, 800) });
    expect(800 * search.zoom).toBeLessThanOrEqual(frame.height + 0.5);
    search = nextZoom(search, frame.height, 5000);
    expect(search.zoom).toBe(MIN_EMBED_ZOOM);
  });
});
