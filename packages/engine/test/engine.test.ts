import { describe, expect, it } from 'vitest';
import { EngineError, initParameters, layerSizes, parameterLayout, referenceEngine, type NetworkShape } from '../src/index.js';
import { testRandom } from '../conformance/index.js';

const shape: NetworkShape = { inputSize: 3, hiddenSizes: [4, 2], activation: 'tanh', outputActivation: 'tanh' };

describe('parameter layout', () => {
  it('stores layers one after another, rows by destination node', () => {
    const layout = parameterLayout(shape);
    expect(layerSizes(shape)).toEqual([3, 4, 2, 1]);
    expect(layout.weightOffsets).toEqual([0, 0, 12, 20]);
    expect(layout.biasOffsets).toEqual([0, 0, 4, 6]);
    expect(layout.weightCount).toBe(22);
    expect(layout.biasCount).toBe(7);
  });

  it('handles a network without hidden layers', () => {
    const layout = parameterLayout({ ...shape, hiddenSizes: [] });
    expect(layout.weightCount).toBe(3);
    expect(layout.biasCount).toBe(1);
  });
});

describe('initParameters', () => {
  it('draws weights uniform in [-0.5, 0.5) in flat order and sets biases to 0.1', () => {
    const draws: number[] = [];
    const random = testRandom(42);
    const init = initParameters(shape, () => {
      const r = random();
      draws.push(r);
      return r;
    });
    expect(draws.length).toBe(22);
    expect(Array.from(init.weights)).toEqual(draws.map((r) => r - 0.5));
    expect(Array.from(init.biases)).toEqual(new Array(7).fill(0.1));
    expect(Math.min(...init.weights)).toBeGreaterThanOrEqual(-0.5);
    expect(Math.max(...init.weights)).toBeLessThan(0.5);
  });

  it('is reproducible from the generator and differs for another seed', () => {
    const a = initParameters(shape, testRandom(1));
    const b = initParameters(shape, testRandom(1));
    const c = initParameters(shape, testRandom(2));
    expect(Array.from(a.weights)).toEqual(Array.from(b.weights));
    expect(Array.from(a.weights)).not.toEqual(Array.from(c.weights));
  });

  it('refuses a bad shape', () => {
    expect(() => initParameters({ ...shape, hiddenSizes: [0] }, Math.random)).toThrow(EngineError);
  });
});

describe('reference engine handles', () => {
  it('refuses a data set made by another engine', () => {
    const n = referenceEngine.createNetwork(shape);
    const foreign = { size: 1, inputSize: 3, hasLabels: true, free() {} };
    expect(() => n.loss(foreign)).toThrow(/another engine/);
  });
});

describe('reference engine data', () => {
  it('computes on f64 data as given, as TensorFlow Playground does', () => {
    // 0.1 is not an f32: the loss must use 0.1 itself, not Math.fround(0.1).
    const shape1: NetworkShape = { inputSize: 1, hiddenSizes: [], activation: 'linear', outputActivation: 'linear' };
    const n = referenceEngine.createNetwork(shape1);
    n.setParameters({ weights: [1], biases: [0] });
    const data = referenceEngine.createDataSet({ inputSize: 1, inputs: Float64Array.from([0.1]), labels: Float64Array.from([0]) });
    expect(n.loss(data)).toBe(0.5 * 0.1 * 0.1);
    expect(n.loss(data)).not.toBe(0.5 * Math.fround(0.1) * Math.fround(0.1));
    // f32 input widens exactly.
    const f32 = referenceEngine.createDataSet({ inputSize: 1, inputs: Float32Array.from([0.1]), labels: Float32Array.from([0]) });
    expect(n.loss(f32)).toBe(0.5 * Math.fround(0.1) * Math.fround(0.1));
  });
});

describe('output layers of several nodes', () => {
  const softmax: NetworkShape = { inputSize: 2, hiddenSizes: [3], activation: 'tanh', outputActivation: 'softmax', outputSize: 4 };

  it('ends the layout in one node per class', () => {
    const layout = parameterLayout(softmax);
    expect(layout.layerSizes).toEqual([2, 3, 4]);
    expect(layout.weightOffsets).toEqual([0, 0, 6]);
    expect(layout.biasOffsets).toEqual([0, 0, 3]);
    expect(layout.weightCount).toBe(18);
    expect(layout.biasCount).toBe(7);
    const n = referenceEngine.createNetwork(softmax);
    expect(n.outputSize).toBe(4);
    expect(n.nodeCount).toBe(7);
    expect(referenceEngine.createNetwork(shape).outputSize).toBe(1);
  });

  it('draws the output nodes in flat order, so one output node draws as before', () => {
    const one = initParameters(shape, testRandom(7));
    const explicit = initParameters({ ...shape, outputSize: 1 }, testRandom(7));
    expect(Array.from(explicit.weights)).toEqual(Array.from(one.weights));
    const draws: number[] = [];
    const random = testRandom(9);
    const many = initParameters(softmax, () => {
      const r = random();
      draws.push(r);
      return r;
    });
    expect(Array.from(many.weights)).toEqual(draws.map((r) => r - 0.5));
    expect(draws.length).toBe(18);
    expect(Array.from(many.biases)).toEqual(new Array(7).fill(0.1));
  });

  it('refuses an output size that does not fit the output activation', () => {
    const refused = (s: NetworkShape, message: RegExp) => {
      expect(() => referenceEngine.createNetwork(s)).toThrow(message);
      expect(() => initParameters(s, Math.random)).toThrow(EngineError);
    };
    refused({ ...softmax, outputSize: 1 }, /softmax output needs one node per class, from 2 to 16; got 1/);
    refused({ ...softmax, outputSize: 17 }, /from 2 to 16; got 17/);
    refused({ ...softmax, outputSize: 2.5 }, /got 2.5/);
    refused({ ...softmax, outputSize: undefined }, /got undefined/);
    refused({ ...shape, outputSize: 3 }, /A tanh output has exactly 1 node; got 3/);
    refused({ ...shape, outputActivation: 'sigmoid', outputSize: 2 }, /A sigmoid output has exactly 1 node/);
    expect(referenceEngine.createNetwork({ ...softmax, outputSize: 2 }).layerSizes).toEqual([2, 3, 2]);
    expect(referenceEngine.createNetwork({ ...softmax, outputSize: 16 }).layerSizes).toEqual([2, 3, 16]);
  });
});
