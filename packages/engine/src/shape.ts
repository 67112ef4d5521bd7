import type { NetworkShape } from './types.js';

/** Output nodes of a shape: `outputSize`, 1 when left out. */
export function outputSizeOf(shape: NetworkShape): number {
  return shape.outputSize ?? 1;
}

/** Layer sizes `[inputSize, ...hiddenSizes, outputSize]`. */
export function layerSizes(shape: NetworkShape): number[] {
  return [shape.inputSize, ...shape.hiddenSizes, outputSizeOf(shape)];
}

/** Where each layer's weights and biases start in the flat arrays. */
export interface ParameterLayout {
  readonly layerSizes: readonly number[];
  /** weightOffsets[l] for layer l = 1..L+1 (index 0 unused, 0). */
  readonly weightOffsets: readonly number[];
  /** biasOffsets[l] for layer l = 1..L+1; also the node number of the layer's first node. */
  readonly biasOffsets: readonly number[];
  readonly weightCount: number;
  readonly biasCount: number;
}

export function parameterLayout(shape: NetworkShape): ParameterLayout {
  const sizes = layerSizes(shape);
  const weightOffsets = [0];
  const biasOffsets = [0];
  let weightCount = 0;
  let biasCount = 0;
  for (let l = 1; l < sizes.length; l++) {
    weightOffsets.push(weightCount);
    biasOffsets.push(biasCount);
    weightCount += sizes[l]! * sizes[l - 1]!;
    biasCount += sizes[l]!;
  }
  return { layerSizes: sizes, weightOffsets, biasOffsets, weightCount, biasCount };
}
