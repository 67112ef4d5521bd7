import { validateShape } from './validate.js';
import { parameterLayout } from './shape.js';
import type { NetworkShape } from './types.js';

export interface InitOptions {
  /** TensorFlow Playground's "initZero": every weight and bias 0. */
  readonly zero?: boolean;
}

/**
 * Initial parameters as TensorFlow Playground makes them: each weight
 * `random() - 0.5`, uniform in [-0.5, 0.5), drawn layer by layer, destination
 * node by destination node, source node by source node (the flat weight
 * order); every bias 0.1. With `zero`, everything is 0 and `random` is not
 * called. `random` returns numbers in [0, 1), e.g. a seeded `Prng`.
 */
export function initParameters(
  shape: NetworkShape,
  random: () => number,
  options: InitOptions = {},
): { weights: Float64Array; biases: Float64Array } {
  validateShape(shape);
  const { weightCount, biasCount } = parameterLayout(shape);
  const weights = new Float64Array(weightCount);
  const biases = new Float64Array(biasCount);
  if (!options.zero) {
    for (let k = 0; k < weightCount; k++) weights[k] = random() - 0.5;
    biases.fill(0.1);
  }
  return { weights, biases };
}
