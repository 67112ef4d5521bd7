/**
 * A layer's weights and biases in the order the keyboard visits them: node
 * by node, each node's bias first, then the weights of its incoming links
 * in input order (the order of the neuron editor).
 */
import type { LinkPath, NetworkNode } from './layout.js';

export type Param =
  | { readonly kind: 'bias'; readonly index: number; readonly node: NetworkNode }
  | { readonly kind: 'weight'; readonly index: number; readonly node: NetworkNode; readonly link: LinkPath };

/** `nodes` are one layer's nodes; `links` the links into that layer. */
export function layerParams(nodes: readonly NetworkNode[], links: readonly LinkPath[]): Param[] {
  const params: Param[] = [];
  for (const node of nodes) {
    params.push({ kind: 'bias', index: node.node, node });
    for (const link of links) {
      if (link.to === node.name) params.push({ kind: 'weight', index: link.weight, node, link });
    }
  }
  return params;
}

/**
 * Where an arrow key moves the focus among `count` items from `position`:
 * down or right to the next, up or left to the previous (stopping at the
 * ends), Home and End to the first and last; undefined for any other key.
 */
export function moveWithin(key: string, position: number, count: number): number | undefined {
  if (count === 0) return undefined;
  switch (key) {
    case 'ArrowDown':
    case 'ArrowRight':
      return Math.min(count - 1, position + 1);
    case 'ArrowUp':
    case 'ArrowLeft':
      return Math.max(0, position - 1);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return undefined;
  }
}
