/**
 * The diagram beyond TF's 6 x 8 and with several output nodes: every network
 * the controls allow (up to 10 layers of 16 neurons) keeps every node and
 * every bias target apart at a legible size, inside the diagram's width; a
 * softmax output has one node per class, with the engine's weight and node
 * numbering; a sigmoid output's map goes on TF's scale; a class's map runs
 * from the neutral grey to its colour.
 */
import { describe, expect, it } from 'vitest';
import type { FeatureId } from '@nn/datasets';
import { CLASS_COLORS, NEUTRAL_RGB } from '@nn/ui';
import { MAX_HIDDEN_LAYERS, MAX_NEURONS } from '../src/lib/state/model.js';
import {
  biasBox,
  BIAS_TARGET,
  layoutNetwork,
  minHorizontalWidth,
  minVerticalWidth,
  MIN_NODE_SIZE,
  NODE_SIZE,
  nodeCapFor,
  rowGapFor,
  type NetworkLayout,
} from '../src/lib/network/layout.js';
import { chooseColumns } from '../src/lib/network/fit.js';
import { FEATURE_ORDER } from '../src/lib/network/features.js';
import { fillClassMap, outputLayerOf, sigmoidOnTfScale } from '../src/lib/network/outputs.js';

const ALL: readonly FeatureId[] = FEATURE_ORDER;
/** Generous: the sweeps over every large network take a second or so; this only stops a runaway on a busy machine. */
const RUNAWAY = 120_000;

/** The width a phone's one column leaves the diagram (390 px screen, 12 px padding each side). */
const PHONE = 390 - 24;

function layout(networkShape: number[], width: number, outputs = 1, active: readonly FeatureId[] = ['x', 'y']): NetworkLayout {
  return layoutNetwork({ shown: ALL, active, networkShape, outputs, width });
}

interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}
const overlap = (a: Rect, b: Rect): boolean =>
  a.x < b.x + b.w - 1e-9 && b.x < a.x + a.w - 1e-9 && a.y < b.y + b.h - 1e-9 && b.y < a.y + a.h - 1e-9;

/**
 * What network-fit's checks ask of TF's sizes, for the large ones: nodes of 24
 * to 32 px inside the diagram, no two nodes closer than 4 px, each bias's
 * 24 px target clear of every node, "+ / -" button and other target, each
 * layer's controls inside the diagram and clear of the next layer's. The
 * problems are collected and compared once (some 30,000 pairs per layout).
 */
function problemsOf(l: NetworkLayout): string[] {
  const problems: string[] = [];
  const all = [...l.features, ...l.hidden, ...l.outputs];
  if (l.nodeSize < MIN_NODE_SIZE || l.nodeSize > NODE_SIZE) problems.push(`node size ${l.nodeSize}`);
  all.forEach((box, i) => {
    if (box.x < 0 || box.y < 0 || box.x + l.nodeSize > l.width || box.y + l.nodeSize > l.height) problems.push(`node ${i} outside`);
  });
  for (let i = 0; i < all.length; i++) {
    for (let j = i + 1; j < all.length; j++) {
      const apart = Math.max(Math.abs(all[i]!.x - all[j]!.x), Math.abs(all[i]!.y - all[j]!.y)) - l.nodeSize;
      if (apart < 4) problems.push(`nodes ${i} and ${j} ${apart} px apart`);
    }
  }
  const nodes: Rect[] = all.map((b) => ({ x: b.x, y: b.y, w: l.nodeSize + 2, h: l.nodeSize + 2 }));
  const buttons: Rect[] = l.controls.map((c) => ({ x: c.x + c.width / 2 - 24, y: c.y, w: 48, h: 24 }));
  const targets: Rect[] = [...l.hidden, ...l.outputs].map((node) => {
    const box = biasBox(node, l);
    return { x: box.x, y: box.y, w: BIAS_TARGET, h: BIAS_TARGET };
  });
  targets.forEach((target, k) => {
    if (target.x < 0 || target.y < 0 || target.x + target.w > l.width) problems.push(`bias target ${k} outside`);
    for (const other of [...nodes, ...buttons]) {
      if (overlap(target, other)) problems.push(`bias target ${k} overlaps ${JSON.stringify(other)}`);
    }
    for (let j = k + 1; j < targets.length; j++) {
      if (overlap(target, targets[j]!)) problems.push(`bias targets ${k} and ${j} overlap`);
    }
  });
  l.controls.forEach((box, k) => {
    if (box.x < 0 || box.x + box.width > l.width) problems.push(`controls ${k} outside`);
    const next = l.controls[k + 1];
    if (next && l.orientation === 'horizontal' && next.x - (box.x + box.width) < 2) problems.push(`controls ${k} touch the next`);
  });
  return problems;
}

function expectReadable(l: NetworkLayout, where: string): void {
  expect(problemsOf(l).slice(0, 5), where).toEqual([]);
}

describe('the lifted limits', () => {
  it('are 10 hidden layers of 16 neurons', () => {
    expect(MAX_HIDDEN_LAYERS).toBe(10);
    expect(MAX_NEURONS).toBe(16);
  });

  it('keep TF’s spacing up to 8 rows and shrink nodes and gaps beyond, to 24 px nodes 8 px apart at 16', () => {
    for (let rows = 1; rows <= 8; rows++) {
      expect(nodeCapFor(rows)).toBe(NODE_SIZE);
      expect(rowGapFor(rows)).toBe(22);
    }
    expect(nodeCapFor(12)).toBe(28);
    expect(rowGapFor(12)).toBe(14);
    expect(nodeCapFor(16)).toBe(MIN_NODE_SIZE);
    expect(rowGapFor(16)).toBe(8);
    // A 6 x 8 network is drawn exactly as before the limits were lifted.
    const tf = layout([8, 8, 8, 8, 8, 8], 700);
    expect(tf.hidden[1]!.y - tf.hidden[0]!.y).toBe(tf.nodeSize + 22);
    expect(layout([4, 2], 520).hidden[1]!.y - layout([4, 2], 520).hidden[0]!.y).toBe(NODE_SIZE + 22);
  });

  it('draw 10 x 16 readably at every width, horizontal where it fits and downwards where not', () => {
    const deep = Array.from({ length: MAX_HIDDEN_LAYERS }, () => MAX_NEURONS);
    for (const outputs of [1, 4, 6]) {
      for (const width of [296, 320, PHONE, 412, 534, 622, 686, 790, 1200]) {
        const l = layout(deep, width, outputs);
        const where = `10x16, ${outputs} outputs, at ${width}`;
        expect(l.hidden, where).toHaveLength(160);
        expectReadable(l, where);
        if (width >= minHorizontalWidth(10)) {
          expect(l.orientation, where).toBe('horizontal');
          expect(l.width, where).toBe(width);
          // 16 rows in about the height of 9 at full size.
          expect(l.height, where).toBeLessThanOrEqual(64 + 16 * 32 + 12);
        } else {
          expect(l.orientation, where).toBe('vertical');
          // Wider than the phone's column only by what 16 nodes side by side need: the column scrolls.
          expect(l.width, where).toBe(Math.max(width, minVerticalWidth(16, outputs)));
          // The features' labels keep their room although the 16-wide rows pack closer.
          const xs = l.features.map((f) => f.x);
          for (let i = 1; i < xs.length; i++) expect(xs[i]! - xs[i - 1]!, where).toBeGreaterThanOrEqual(33);
        }
      }
    }
  }, RUNAWAY);

  it('draw every shape up to 10 x 16 readably on a desktop, a tablet and a phone', () => {
    for (let layers = 0; layers <= MAX_HIDDEN_LAYERS; layers += 1) {
      for (const neurons of [1, 9, 12, 16]) {
        const shape = Array.from({ length: layers }, (_, l) => (l % 2 === 0 ? neurons : Math.max(1, neurons - 5)));
        for (const width of [PHONE, 700, 900]) expectReadable(layout(shape, width), `${shape.join(',')} at ${width}`);
      }
    }
  }, RUNAWAY);

  it('leave a 10-layer network its minimum width in the two-column page of a 1024 px screen', () => {
    for (let layers = 7; layers <= MAX_HIDDEN_LAYERS; layers++) {
      const mode = chooseColumns(1024, layers);
      expect(['two', 'narrow', 'three']).toContain(mode);
      if (mode === 'two') expect(1024 - 40 - 24 - 170).toBeGreaterThanOrEqual(minHorizontalWidth(layers));
    }
    expect(chooseColumns(1920, MAX_HIDDEN_LAYERS)).toBe('three');
  });
});

describe('several output nodes', () => {
  it('puts one node per class in the output column, numbered after the hidden nodes in class order', () => {
    for (const width of [700, PHONE]) {
      const l = layout([3, 2], width, 4, ['x', 'y']);
      expect(l.outputs.map((o) => o.node)).toEqual([5, 6, 7, 8]);
      expect(l.outputs.map((o) => o.index)).toEqual([0, 1, 2, 3]);
      expect(l.outputs.map((o) => o.name)).toEqual(['output0', 'output1', 'output2', 'output3']);
      expect(l.output).toBe(l.outputs[0]);
      expect(new Set(l.outputs.map((o) => o.layer))).toEqual(new Set([3]));
      // Weights in the engine layout: layer by layer, row-major by destination node.
      expect(l.links.map((link) => link.weight)).toEqual([...Array(2 * 3 + 3 * 2 + 2 * 4).keys()]);
      const last = l.links.filter((link) => link.layer === 3);
      expect(last.map((link) => `${link.from}>${link.to}`)).toEqual(
        [0, 1, 2, 3].flatMap((c) => [`n3>output${c}`, `n4>output${c}`]),
      );
      expect(last[0]!.weight).toBe(12);
      // One label per class, each by its own node and clear of the others.
      expect(l.classLabels).toHaveLength(4);
      l.classLabels.forEach((at, c) => {
        const node = l.outputs[c]!;
        expect(at.x).toBeGreaterThanOrEqual(node.x);
        expect(at.x).toBeLessThanOrEqual(node.x + l.nodeSize + 2);
        expect(at.y).toBeGreaterThanOrEqual(0);
        expect(at.y).toBeLessThanOrEqual(l.height);
      });
      expectReadable(l, `3,2 with 4 outputs at ${width}`);
    }
  });

  it('keeps a single output named and placed as TF’s', () => {
    const l = layout([3, 2], 700, 1);
    expect(l.outputs).toHaveLength(1);
    expect(l.output.name).toBe('output');
    expect(l.classLabels).toEqual([]);
    expect(l).toEqual(layoutNetwork({ shown: ALL, active: ['x', 'y'], networkShape: [3, 2], width: 700 }));
  });

  it('gives each class label its gap above the node even between dense rows', () => {
    const l = layout([16, 16], 700, 6);
    expect(l.orientation).toBe('horizontal');
    const [a, b] = [l.outputs[0]!, l.outputs[1]!];
    expect(b.y - a.y - l.nodeSize).toBe(22);
  });
});

describe('the output layer and its maps', () => {
  it('follows the problem, the classes and the loss', () => {
    expect(outputLayerOf({ problem: 'classification' })).toEqual({ activation: 'tanh', count: 1 });
    expect(outputLayerOf({ problem: 'classification', classes: 2, loss: 'squared' })).toEqual({ activation: 'tanh', count: 1 });
    expect(outputLayerOf({ problem: 'classification', classes: 2, loss: 'cross-entropy' })).toEqual({ activation: 'sigmoid', count: 1 });
    expect(outputLayerOf({ problem: 'classification', classes: 5, loss: 'squared' })).toEqual({ activation: 'softmax', count: 5 });
    expect(outputLayerOf({ problem: 'regression', classes: 5, loss: 'cross-entropy' })).toEqual({ activation: 'linear', count: 1 });
  });

  it('draws a sigmoid output as 2p - 1', () => {
    const grid = new Float32Array([9, 9, 0, 0.25, 0.5, 1]);
    expect([...sigmoidOnTfScale(grid, 2, 4)]).toEqual([-1, -0.5, 0, 1]);
  });

  it('colours a class’s map from the neutral grey (p = 0) to the class’s colour (p = 1)', () => {
    // Two points per side (density 2), three classes: node-major maps.
    const grid = new Float32Array([
      // class 0
      0, 1, 0.5, 0.2,
      // class 1
      1, 0, 0.25, 0.7,
      // class 2
      0, 0, 0.25, 0.1,
    ]);
    const pixel = (out: Uint8ClampedArray, p: number): number[] => [...out.slice(4 * p, 4 * p + 4)];
    for (const c of [0, 1, 2]) {
      const out = new Uint8ClampedArray(16);
      fillClassMap(grid, 0, 3, c, 2, 2, out, false);
      const colour = CLASS_COLORS[c]!;
      for (let p = 0; p < 4; p++) {
        const t = grid[c * 4 + p]!;
        const expected = [0, 1, 2].map((k) => Math.round(NEUTRAL_RGB[k]! + (colour[k]! - NEUTRAL_RGB[k]!) * t));
        pixel(out, p)
          .slice(0, 3)
          .forEach((v, k) => expect(Math.abs(v - expected[k]!), `class ${c} point ${p}`).toBeLessThanOrEqual(1));
        expect(pixel(out, p)[3]).toBe(255);
      }
    }
    // Discretized: the class's colour where it is the most probable, grey elsewhere.
    const out = new Uint8ClampedArray(16);
    fillClassMap(grid, 0, 3, 1, 2, 2, out, true);
    expect(pixel(out, 0)).toEqual([...CLASS_COLORS[1]!, 255]);
    expect(pixel(out, 1)).toEqual([...NEUTRAL_RGB, 255]);
    expect(pixel(out, 2)).toEqual([...NEUTRAL_RGB, 255]);
    expect(pixel(out, 3)).toEqual([...CLASS_COLORS[1]!, 255]);
    // No map yet: grey.
    fillClassMap(undefined, 0, 3, 2, 2, 2, out, false);
    expect(pixel(out, 0)).toEqual([...NEUTRAL_RGB, 255]);
  });
});
