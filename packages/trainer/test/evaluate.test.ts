import { featureGrid } from '@nn/datasets';
import { initParameters, referenceEngine, type Activation, type NetworkShape } from '@nn/engine';
import { describe, expect, it } from 'vitest';
import { forwardBound, gridFinite } from '../src/evaluate.js';

/** A reference network of `shape` with weights drawn from a fixed sequence, scaled by `scale`. */
function network(shape: NetworkShape, scale: number) {
  let k = 0;
  const random = () => ((k++ * 0.618034) % 1);
  const init = initParameters(shape, random);
  const net = referenceEngine.createNetwork(shape);
  net.setParameters({ weights: Array.from(init.weights, (w) => w * scale), biases: Array.from(init.biases, (b) => b * scale) });
  return net;
}

describe('forwardBound', () => {
  const points = featureGrid(['x', 'y', 'xSquared', 'sinX'], 20);

  it.each<Activation>(['tanh', 'relu', 'sigmoid', 'linear'])('bounds every value of a %s network on the grid', (activation) => {
    const shape: NetworkShape = { inputSize: 4, hiddenSizes: [5, 3], activation, outputActivation: 'linear' };
    const net = network(shape, 3);
    const set = referenceEngine.createDataSet(points);
    const bound = forwardBound(net, points);
    const values = net.grid(set);
    const largest = Math.max(...Array.from(values, Math.abs));
    expect(largest).toBeGreaterThan(0);
    expect(largest).toBeLessThanOrEqual(bound);
    // Bounded activations keep the bound near the first layer's sums.
    if (activation === 'tanh' || activation === 'sigmoid') expect(bound).toBeLessThan(1e3);
    net.free();
    set.free();
  });

  it('proves a grid finite without reading it, and reads it when the weights are too large to prove anything', () => {
    const shape: NetworkShape = { inputSize: 4, hiddenSizes: [3], activation: 'relu', outputActivation: 'tanh' };
    const small = network(shape, 1);
    const poisoned = new Float32Array(10).fill(Number.NaN);
    // A proof does not look at the values (here deliberately wrong ones).
    expect(gridFinite(small, points, poisoned)).toBe(true);
    const huge = network(shape, 1e36);
    expect(forwardBound(huge, points)).toBeGreaterThan(1e30);
    expect(gridFinite(huge, points, poisoned)).toBe(false);
    expect(gridFinite(huge, points, new Float32Array(10).fill(1))).toBe(true);
    small.free();
    huge.free();
  });
});
