/**
 * Where the network diagram puts its nodes and links. Pure geometry, so the
 * component only draws.
 *
 * The diagram fits the width it is given, as TensorFlow Playground's does:
 * - horizontal (TF's picture): input features in the first column, hidden
 *   layers spread evenly, the output node at the right edge; nodes shrink
 *   from 32 px down to 24 px and columns move closer (down to 50 px apart)
 *   before anything is cut; layers of more than 8 neurons (beyond TF's
 *   limit) also shrink the nodes and the gaps between rows, so 16 neurons
 *   take about the height of 9 at full size;
 * - vertical, when even the smallest horizontal picture is too wide (a deep
 *   network on a phone): features in the top row, one row per hidden layer,
 *   the output node at the bottom, so the depth goes down the page and only
 *   the widest layer has to fit across; when even that is wider than the
 *   room (16 neurons on a phone), the diagram is wider than asked and its
 *   column scrolls sideways.
 * A softmax output has one node per class (the `outputs` of the input), each
 * labelled with its class; they keep TF's roomy spacing whatever the rows
 * beside them do, so every label has its gap.
 * Every length is in CSS pixels, relative to the diagram's top left corner.
 */
import type { FeatureId } from '@nn/datasets';

/** Side of a node's square map at full size (TF Playground uses 30). */
export const NODE_SIZE = 32;
/** The smallest node square: still a comfortable pointer and touch target. */
export const MIN_NODE_SIZE = 24;
/**
 * Horizontal: the smallest distance between two columns: room for a layer's
 * two 24 px "+ / -" buttons, and for a node's 24 px bias target between the
 * previous column's nodes (26 px with their borders) and its own.
 */
export const MIN_COLUMN_PITCH = 50;
/** The side of the square that takes the pointer for a bias (WCAG 2.2's minimum target). */
export const BIAS_TARGET = 24;
/** The drawn bias square, border included. */
const BIAS_SQUARE = 8;
/** Horizontal: columns closer than this get the compact "+ / -" controls. */
export const COMPACT_COLUMN_PITCH = 68;
/** Horizontal: room above the first node for the per-layer "+ / -" controls. */
export const HEADER_HEIGHT = 64;
/** Horizontal: room on the left for the feature labels (full size, compact). */
const LABEL_WIDTH = 54;
const COMPACT_LABEL_WIDTH = 44;
/** Horizontal: free space under a node before the next one (the bias square sits in it). */
const ROW_GAP = 22;
/** Horizontal: up to this many rows (TF's 8 neurons) keep TF's spacing; each further row takes 1 px off the nodes and 2 px off the gaps. */
export const ROOMY_ROWS = 8;
/**
 * Horizontal: the smallest gap between two rows. A bias target (24 px, centred
 * on its node's lower edge) stays clear of the next node's target while the
 * row pitch is at least 24 px: 24 px nodes with 8 px gaps are 32 px apart.
 */
export const MIN_ROW_GAP = 8;
/** Room above each output node of a softmax output for its class's label. */
const CLASS_LABEL_HEIGHT = 14;
/** Room on the right of the last column (the selection outline). */
const RIGHT_PAD = 4;
/** Vertical: the column on the left with each layer's "+ / -" controls (48 px of it used, the rest keeps the first bias target clear). */
export const VERTICAL_CONTROLS_WIDTH = 60;
/** Vertical: the smallest and largest distance between two nodes of a row. */
const MIN_ITEM_PITCH = 29.5;
const MAX_ITEM_PITCH = 64;
/** Vertical: room above the features for their labels, and between two layers for their links. */
const VERTICAL_LABEL_HEIGHT = 18;
const VERTICAL_LINK_ROOM = 60;

export type Orientation = 'horizontal' | 'vertical';

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
  /** Layer 1..L for hidden layers, L+1 for the output layer. */
  readonly layer: number;
  /** Position inside its layer (for an output node of a softmax output: its class). */
  readonly index: number;
  /** The node's number in grids and biases: hidden nodes layer by layer, the output nodes last in class order. */
  readonly node: number;
  /**
   * The node as a link end: `n<node>` for a hidden node, `output` for a
   * single output node, `output<c>` for class c's node of a softmax output.
   */
  readonly name: string;
}

export interface LinkPath {
  /** Index of the weight in the engine layout. */
  readonly weight: number;
  /** The destination's layer: 1..L for hidden layers, L+1 for the output node. */
  readonly layer: number;
  /** SVG path data of the link's curve. */
  readonly d: string;
  /** The source: a feature id, `n<node>` for a hidden node. */
  readonly from: string;
  /** The destination: `n<node>` for a hidden node, `output` or `output<c>` for an output node. */
  readonly to: string;
  /** The middle of the curve (where a value card is anchored). */
  readonly midX: number;
  readonly midY: number;
}

/** Where a hidden layer's "+ / -" controls and neuron count go. */
export interface ControlsBox {
  readonly x: number;
  readonly y: number;
  readonly width: number;
}

export interface NetworkLayout {
  readonly orientation: Orientation;
  /** Side of every node square. */
  readonly nodeSize: number;
  /** Small type and buttons for the layer controls (columns or rows are close together). */
  readonly compact: boolean;
  /** The diagram's size: its width is the width asked for unless even the smallest picture needs more. */
  readonly width: number;
  readonly height: number;
  readonly features: readonly FeatureNode[];
  /** Hidden nodes, layer by layer. */
  readonly hidden: readonly NetworkNode[];
  /** The output layer's nodes in class order: one, or one per class of a softmax output. */
  readonly outputs: readonly NetworkNode[];
  /** The first output node (the only one unless softmax). */
  readonly output: NetworkNode;
  /**
   * Where each output node's class label goes (softmax only, else empty): the
   * bottom of the label, at the node's right edge above it (horizontal) or
   * centred below it (vertical).
   */
  readonly classLabels: readonly { readonly x: number; readonly y: number }[];
  /** Each hidden layer's controls, layer 1 first. */
  readonly controls: readonly ControlsBox[];
  /** Links into hidden layer 1 first, then layer by layer, the output's last; inside a layer, node by node. */
  readonly links: readonly LinkPath[];
}

export interface LayoutInput {
  /** Every feature the page shows (hidden controls excluded), in TF's order. */
  readonly shown: readonly FeatureId[];
  /** The features the network uses as inputs, in input order. */
  readonly active: readonly FeatureId[];
  readonly networkShape: readonly number[];
  /** Output nodes: 1 (left out), or the classes of a softmax output. */
  readonly outputs?: number;
  /** Width available for the diagram. */
  readonly width: number;
}

const clamp = (value: number, low: number, high: number): number => Math.min(high, Math.max(low, value));

/**
 * The narrowest width at which the horizontal picture of a network with
 * `layers` hidden layers keeps its minimum node size and column distance.
 * The page uses it to decide how much room to give the diagram.
 */
export function minHorizontalWidth(layers: number): number {
  return COMPACT_LABEL_WIDTH + MIN_NODE_SIZE + (layers + 1) * MIN_COLUMN_PITCH + RIGHT_PAD;
}

/** The narrowest width of the vertical picture whose widest row holds `items` nodes. */
export function minVerticalWidth(items: number, outputs = 1, features = 0): number {
  return (
    VERTICAL_CONTROLS_WIDTH +
    Math.max(1, items * MIN_ITEM_PITCH, outputs > 1 ? outputs * VERTICAL_OUTPUT_PITCH : 0, features * MIN_FEATURE_PITCH)
  );
}

/**
 * Vertical: the smallest distance between two features of the top row, so
 * their labels ("sin(X₁)" at 10 px) stay apart when wide layers pack the
 * other rows closer.
 */
const MIN_FEATURE_PITCH = 33;

/** Vertical: the smallest distance between two output nodes of a softmax output (their labels side by side). */
const VERTICAL_OUTPUT_PITCH = 46;

/** Horizontal: the largest node square `rows` rows allow (TF's 32 px up to 8 rows, 1 px less per further row, at least 24). */
export function nodeCapFor(rows: number): number {
  return clamp(NODE_SIZE - Math.max(0, rows - ROOMY_ROWS), MIN_NODE_SIZE, NODE_SIZE);
}

/** Horizontal: the gap under each node with `rows` rows (TF's 22 px up to 8 rows, 2 px less per further row, at least 8). */
export function rowGapFor(rows: number): number {
  return clamp(ROW_GAP - 2 * Math.max(0, rows - ROOMY_ROWS), MIN_ROW_GAP, ROW_GAP);
}

/** A horizontal S-curve from (x1, y1) to (x2, y2), TF's link shape. */
function horizontalCurve(x1: number, y1: number, x2: number, y2: number): string {
  const mid = (x1 + x2) / 2;
  return `M${x1.toFixed(1)},${y1.toFixed(1)} C${mid.toFixed(1)},${y1.toFixed(1)} ${mid.toFixed(1)},${y2.toFixed(1)} ${x2.toFixed(1)},${y2.toFixed(1)}`;
}

/** The same curve turned a quarter: leaves downwards, arrives from above. */
function verticalCurve(x1: number, y1: number, x2: number, y2: number): string {
  const mid = (y1 + y2) / 2;
  return `M${x1.toFixed(1)},${y1.toFixed(1)} C${x1.toFixed(1)},${mid.toFixed(1)} ${x2.toFixed(1)},${mid.toFixed(1)} ${x2.toFixed(1)},${y2.toFixed(1)}`;
}

interface Placement {
  readonly orientation: Orientation;
  readonly nodeSize: number;
  readonly compact: boolean;
  readonly width: number;
  /** Top left of node `index` of column `column` (0 = features, 1..L hidden, L+1 output) holding `count` nodes. */
  readonly at: (column: number, index: number, count: number) => NodeBox;
  readonly controls: (layer: number) => ControlsBox;
  readonly height: number;
}

function horizontal(input: LayoutInput, rows: number, outputs: number): Placement | undefined {
  const layers = input.networkShape.length;
  const pitchFor = (label: number, node: number): number => (input.width - label - node - RIGHT_PAD) / (layers + 1);
  // First guess at full size, then the node size that pitch (and the rows) allow, then the pitch again.
  const guess = pitchFor(LABEL_WIDTH, NODE_SIZE);
  const nodeSize = clamp(Math.floor(guess * 0.45), MIN_NODE_SIZE, nodeCapFor(rows));
  const label = nodeSize >= 28 ? LABEL_WIDTH : COMPACT_LABEL_WIDTH;
  const pitch = pitchFor(label, nodeSize);
  if (pitch < MIN_COLUMN_PITCH) return undefined;
  const compact = pitch < COMPACT_COLUMN_PITCH;
  const rowPitch = nodeSize + rowGapFor(rows);
  // Several output nodes keep TF's gap, with room for a class label above each.
  const outputPitch = nodeSize + ROW_GAP;
  const outputHeight = outputs > 1 ? (outputs - 1) * outputPitch + nodeSize : 0;
  // Compact controls are two 24 px buttons side by side: 48 px, and 2 px to the next layer's at the smallest pitch.
  const controlsWidth = Math.min(68, Math.floor(pitch) - 2);
  return {
    orientation: 'horizontal',
    nodeSize,
    compact,
    width: input.width,
    at: (column, index) => ({
      x: label + column * pitch,
      y: HEADER_HEIGHT + index * (column === layers + 1 && outputs > 1 ? outputPitch : rowPitch),
    }),
    controls: (layer) => ({
      x: label + layer * pitch + nodeSize / 2 - controlsWidth / 2,
      y: HEADER_HEIGHT - 56,
      width: controlsWidth,
    }),
    height: HEADER_HEIGHT + Math.max((rows - 1) * rowPitch + nodeSize, outputHeight) + 12,
  };
}

function vertical(input: LayoutInput, items: number, outputs: number): Placement {
  const layers = input.networkShape.length;
  const width = Math.max(input.width, minVerticalWidth(items, outputs, input.shown.length));
  const pitch = Math.min(MAX_ITEM_PITCH, (width - VERTICAL_CONTROLS_WIDTH) / items);
  const nodeSize = clamp(Math.floor(pitch * 0.72), MIN_NODE_SIZE, NODE_SIZE);
  const outputPitch = Math.max(pitch, VERTICAL_OUTPUT_PITCH);
  const featurePitch = Math.max(pitch, MIN_FEATURE_PITCH);
  // Deep networks (beyond TF's 6 layers) draw their links in less room, down to 44 px.
  const rowPitch = nodeSize + Math.max(44, VERTICAL_LINK_ROOM - 4 * Math.max(0, layers - 6));
  // Rows are centred in the room right of the controls.
  const centre = VERTICAL_CONTROLS_WIDTH + (width - VERTICAL_CONTROLS_WIDTH) / 2;
  const top = VERTICAL_LABEL_HEIGHT;
  return {
    orientation: 'vertical',
    nodeSize,
    compact: true,
    width,
    at: (column, index, count) => ({
      x:
        centre +
        (index - (count - 1) / 2) * (column === 0 ? featurePitch : column === layers + 1 && outputs > 1 ? outputPitch : pitch) -
        nodeSize / 2,
      y: top + column * rowPitch,
    }),
    controls: (layer) => ({ x: 0, y: top + layer * rowPitch + nodeSize / 2 - 22, width: 48 }),
    // Class labels go under the output row.
    height: top + (layers + 1) * rowPitch + nodeSize + 12 + (outputs > 1 ? CLASS_LABEL_HEIGHT : 0),
  };
}

export function layoutNetwork(input: LayoutInput): NetworkLayout {
  const { shown, active, networkShape } = input;
  const outputs = Math.max(1, Math.floor(input.outputs ?? 1));
  const layers = networkShape.length;
  const widest = Math.max(shown.length, ...networkShape, 1);
  const place = horizontal(input, widest, outputs) ?? vertical(input, widest, outputs);
  const { nodeSize, orientation } = place;

  const features: FeatureNode[] = shown.map((id, i) => ({ id, input: active.indexOf(id), ...place.at(0, i, shown.length) }));
  const hidden: NetworkNode[] = [];
  let node = 0;
  networkShape.forEach((size, l) => {
    for (let index = 0; index < size; index++) {
      hidden.push({ layer: l + 1, index, node, name: `n${node}`, ...place.at(l + 1, index, size) });
      node++;
    }
  });
  const outputNodes: NetworkNode[] = Array.from({ length: outputs }, (_, c) => ({
    layer: layers + 1,
    index: c,
    node: node + c,
    name: outputs > 1 ? `output${c}` : 'output',
    ...place.at(layers + 1, c, outputs),
  }));
  const output = outputNodes[0]!;
  const classLabels =
    outputs > 1
      ? outputNodes.map((o) =>
          orientation === 'horizontal'
            ? { x: o.x + nodeSize + 2, y: o.y - 2 }
            : { x: o.x + nodeSize / 2, y: o.y + nodeSize + 2 + CLASS_LABEL_HEIGHT },
        )
      : [];
  const controls = networkShape.map((_, l) => place.controls(l + 1));

  // Sources of each layer in input order (switched-off features have no links).
  const byInput = features.filter((f) => f.input >= 0).sort((a, b) => a.input - b.input);
  const columns: { box: NodeBox; name: string }[][] = [byInput.map((f) => ({ box: f, name: f.id }))];
  networkShape.forEach((_, l) => {
    columns.push(hidden.filter((h) => h.layer === l + 1).map((h) => ({ box: h, name: h.name })));
  });
  columns.push(outputNodes.map((o) => ({ box: o, name: o.name })));

  const links: LinkPath[] = [];
  let weight = 0;
  // Link ends spread over the destination's near edge, as TF does, by at most this much.
  const spreadRange = nodeSize * 0.375;
  for (let l = 1; l < columns.length; l++) {
    const sources = columns[l - 1]!;
    const dests = columns[l]!;
    for (const dest of dests) {
      sources.forEach((source, i) => {
        const spread = sources.length > 1 ? ((i - (sources.length - 1) / 2) / sources.length) * spreadRange : 0;
        const [x1, y1, x2, y2] =
          orientation === 'horizontal'
            ? [source.box.x + nodeSize + 2, source.box.y + nodeSize / 2, dest.box.x - 1, dest.box.y + nodeSize / 2 + spread]
            : [source.box.x + nodeSize / 2, source.box.y + nodeSize + 2, dest.box.x + nodeSize / 2 + spread, dest.box.y - 1];
        links.push({
          weight: weight++,
          layer: l,
          d: orientation === 'horizontal' ? horizontalCurve(x1, y1, x2, y2) : verticalCurve(x1, y1, x2, y2),
          from: source.name,
          to: dest.name,
          midX: (x1 + x2) / 2,
          midY: (y1 + y2) / 2,
        });
      });
    }
  }

  return {
    orientation,
    nodeSize,
    compact: place.compact,
    width: place.width,
    height: place.height,
    features,
    hidden,
    outputs: outputNodes,
    output,
    classLabels,
    controls,
    links,
  };
}

/** Where a node's bias goes: the 24 px square that takes the pointer, and the small square drawn inside it. */
export interface BiasBox {
  /** Top left of the target square, relative to the diagram. */
  readonly x: number;
  readonly y: number;
  /** Top left of the drawn square, relative to the target square. */
  readonly squareX: number;
  readonly squareY: number;
}

/**
 * A node's bias sits by the corner where its links come in, as in TF
 * Playground: horizontal, at the node's lower left corner, its target in
 * the gap left of the node; vertical, at the upper left corner, its target
 * above the node (the gap between two nodes of a row is narrower than a
 * target there). Either way the target touches no node and no other target.
 */
export function biasBox(node: NodeBox, layout: Pick<NetworkLayout, 'orientation' | 'nodeSize'>): BiasBox {
  const square = { x: node.x - BIAS_SQUARE - 1 };
  // The first node of a vertical row is at least 60 px in: its target starts right of the controls' 48 px.
  if (layout.orientation === 'horizontal') {
    const x = node.x - BIAS_TARGET;
    const y = node.y + layout.nodeSize - BIAS_TARGET / 2;
    return { x, y, squareX: square.x - x, squareY: BIAS_TARGET / 2 - BIAS_SQUARE / 2 };
  }
  const x = node.x - BIAS_TARGET / 2;
  const y = node.y - BIAS_TARGET;
  return { x, y, squareX: square.x - x, squareY: BIAS_TARGET - BIAS_SQUARE - 1 };
}

/** TF Playground's link width: |weight| 0..5 mapped to 1..10 px, clamped. */
export function linkWidth(weight: number): number {
  const w = Math.abs(weight);
  if (!Number.isFinite(w)) return 10;
  return 1 + (Math.min(w, 5) / 5) * 9;
}
