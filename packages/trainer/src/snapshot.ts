/**
 * What a snapshot is made of besides the numbers the trainer keeps: every
 * node's map, copied into a buffer the page gives back after drawing it, and
 * checked for values f32 cannot hold.
 */
import type { DataSet, EngineDataSet, Network } from '@nn/engine';
import { gridFinite } from './evaluate.js';

/** Grid buffers kept for reuse (the page returns each one a frame or two after drawing it). */
const POOL_SIZE = 4;

/** Buffers of maps the page gave back, reused for the next snapshots' maps. */
export class GridPool {
  private readonly buffers: ArrayBuffer[] = [];

  /** Keeps the buffers given back (up to POOL_SIZE); anything else is ignored. */
  give(buffers: unknown): void {
    if (!Array.isArray(buffers)) return;
    for (const buffer of buffers) {
      if (buffer instanceof ArrayBuffer && buffer.byteLength > 0 && this.buffers.length < POOL_SIZE) this.buffers.push(buffer);
    }
  }

  /** A grid array of `length` floats, from a recycled buffer when one fits. */
  take(length: number): Float32Array<ArrayBuffer> {
    const bytes = length * Float32Array.BYTES_PER_ELEMENT;
    const index = this.buffers.findIndex((buffer) => buffer.byteLength === bytes);
    if (index < 0) {
      // Buffers of another size belong to an older network shape.
      this.buffers.length = 0;
      return new Float32Array(length);
    }
    return new Float32Array(this.buffers.splice(index, 1)[0]!);
  }
}

/**
 * Every node's map over `gridSet` (the engine set of `points`) as f32, in a
 * buffer from `pool`; undefined when a value does not fit f32 (a network can
 * overflow on the grid's far points with finite weights and losses).
 */
export function mapsOf(network: Network, gridSet: EngineDataSet, points: Pick<DataSet, 'inputSize' | 'inputs'>, pool: GridPool): Float32Array<ArrayBuffer> | undefined {
  const view = network.grid(gridSet);
  const grid = pool.take(view.length);
  grid.set(view);
  return gridFinite(network, points, grid) ? grid : undefined;
}
