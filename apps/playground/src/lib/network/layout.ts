/**
 * Where the network diagram puts its nodes and links. Pure geometry, so the
 * component only draws: input features in the first column, hidden layers
 * spread evenly, the output node at the right edge.
 */
import type { FeatureId } from '@nn/datasets';

/** Side of a node's square map, in CSS pixels (TF Playground uses 30). */
export const NODE_SIZE = 32;
/** Vertical distance between the tops of two nodes of one column. */
export const NODE_PITCH = 54;
/** Room on the left for the feature labels. */
export const LABEL_WIDTH = 54;
/** Room above the first node for the per-layer "+ / -" controls. */
export const HEADER_HEIGHT = 64;

export interface NodeBox {
  /** Left and top of the node's square, relative to the diagram. */
  readonly x: number;
  readonly y: number;
}

export interface FeatureNode extends NodeBox {
  readonly id: FeatureId;
  /** Index among the network's inputs, or -1 when the feature is switched off. */
  readonly input: number;
}

export interface NetworkNode extends NodeBox {
  /** Layer 1..L for hidden layers, L+1 for the output node. */
  readonly layer: number;
  /** Position inside its layer. */
  readonly index: number;
  /** The node's number in grids and biases: hidden nodes layer by layer, the output last. */
  readonly node: number;
}

export interface LinkPath {
  /** Index of the weight in the engine layout. */
  readonly weight: number;
  /** SVG path data of the link's curve. */
  readonly d: string;
  readonly from: string;
  readonly to: string;
}

export interface NetworkLayout {
  readonly width: number;
  readonly height: number;
  readonly features: readonly FeatureNode[];
  /** Hidden nodes, layer by layer. */
  readonly hidden: readonly NetworkNode[];
  readonly output: NetworkNode;
  /** Left edge of each hidden layer's column. */
  readonly layerX: readonly number[];
  readonly links: readonly LinkPath[];
}

export interface LayoutInput {
  /** Every feature the page shows (hidden controls excluded), in TF's order. */
  readonly shown: readonly FeatureId[];
  /** The features the network uses as inputs, in input order. */
  readonly active: readonly FeatureId[];
  readonly featureLabels: Readonly<Record<FeatureId, string>>;
  readonly networkShape: readonly number[];
  /** Width available for the diagram. */
  readonly width: number;
}

function curve(x1: number, y1: number, x2: number, y2: number): string {
  const mid = (x1 + x2) / 2;
  return `M${x1.toFixed(1)},${y1.toFixed(1)} C${mid.toFixed(1)},${y1.toFixed(1)} ${mid.toFixed(1)},${y2.toFixed(1)} ${x2.toFixed(1)},${y2.toFixed(1)}`;
}

export function layoutNetwork(input: LayoutInput): NetworkLayout {
  const { shown, active, networkShape } = input;
  const layers = networkShape.length;
  // Each column needs room for its "8 neurons" label and +/- buttons.
  const minWidth = LABEL_WIDTH + NODE_SIZE + (layers + 1) * 76;
  const width = Math.max(input.width, minWidth);
  const featureX = LABEL_WIDTH;
  const outputX = width - NODE_SIZE - 4;
  const span = outputX - (featureX + NODE_SIZE);
  const layerX = networkShape.map((_, l) => featureX + NODE_SIZE + ((l + 0.5) * span) / (layers + 0.5) - NODE_SIZE / 2);
  const rowY = (i: number) => HEADER_HEIGHT + i * NODE_PITCH;

  const features: FeatureNode[] = shown.map((id, i) => ({ id, input: active.indexOf(id), x: featureX, y: rowY(i) }));
  const hidden: NetworkNode[] = [];
  let node = 0;
  networkShape.forEach((size, l) => {
    for (let index = 0; index < size; index++) {
      hidden.push({ layer: l + 1, index, node: node++, x: layerX[l]!, y: rowY(index) });
    }
  });
  const output: NetworkNode = { layer: layers + 1, index: 0, node, x: outputX, y: rowY(0) };

  // Sources of each layer in input order (switched-off features have no links).
  const byInput = features.filter((f) => f.input >= 0).sort((a, b) => a.input - b.input);
  const columns: { box: NodeBox; name: string }[][] = [byInput.map((f) => ({ box: f, name: f.id }))];
  networkShape.forEach((_, l) => {
    columns.push(hidden.filter((h) => h.layer === l + 1).map((h) => ({ box: h, name: `n${h.node}` })));
  });
  columns.push([{ box: output, name: 'output' }]);

  const links: LinkPath[] = [];
  let weight = 0;
  for (let l = 1; l < columns.length; l++) {
    const sources = columns[l - 1]!;
    const dests = columns[l]!;
    for (const dest of dests) {
      sources.forEach((source, i) => {
        // Spread the link ends over the destination's left edge, as TF does.
        const spread = sources.length > 1 ? ((i - (sources.length - 1) / 2) / sources.length) * 12 : 0;
        links.push({
          weight: weight++,
          d: curve(
            source.box.x + NODE_SIZE + 2,
            source.box.y + NODE_SIZE / 2,
            dest.box.x - 1,
            dest.box.y + NODE_SIZE / 2 + spread,
          ),
          from: source.name,
          to: dest.name,
        });
      });
    }
  }

  const rows = Math.max(shown.length, ...networkShape, 1);
  const height = rowY(rows - 1) + NODE_SIZE + 12;
  return { width, height, features, hidden, output, layerX, links };
}

/** TF Playground's link width: |weight| 0..5 mapped to 1..10 px, clamped. */
export function linkWidth(weight: number): number {
  const w = Math.abs(weight);
  if (!Number.isFinite(w)) return 10;
  return 1 + (Math.min(w, 5) / 5) * 9;
}
