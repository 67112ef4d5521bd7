/**
 * The conformance suite every engine must pass, run with `describe.each`
 * over the engines (see packages/engine-wasm/test/conformance.test.ts).
 * The expected numbers are computed here from the formulas written out by
 * hand, independently of any engine's code.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { EngineError } from '../src/errors.js';
import { initParameters } from '../src/init.js';
import { DEFAULT_OPTIMIZER, MAX_EPOCHS_PER_CALL, type Activation, type DataSet, type Engine, type Network, type NetworkShape, type TrainSettings } from '../src/types.js';

export interface EngineUnderTest {
  readonly name: string;
  readonly load: () => Promise<Engine>;
  /**
   * Absolute tolerance for values computed in one step (the WASM core
   * computes in f32, the reference in f64).
   */
  readonly tolerance: number;
}

/** A small deterministic generator for test data (xorshift32), so the suite needs no other package. */
export function testRandom(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296;
  };
}

/** A data set of f64 values (the engines' own input type; the WASM core rounds them to f32). */
export function dataSet(inputSize: number, points: number[][], labels: number[]): DataSet {
  return { inputSize, inputs: Float64Array.from(points.flat()), labels: Float64Array.from(labels) };
}

/** Random points in [-6, 6]^n with labels -1/+1 from a simple rule. */
export function randomData(inputSize: number, count: number, random: () => number): DataSet {
  const inputs = new Float32Array(count * inputSize);
  const labels = new Float32Array(count);
  for (let p = 0; p < count; p++) {
    let s = 0;
    for (let f = 0; f < inputSize; f++) {
      const v = random() * 12 - 6;
      inputs[p * inputSize + f] = v;
      s += f % 2 === 0 ? v : -0.5 * v;
    }
    labels[p] = s >= 0 ? 1 : -1;
  }
  return { inputSize, inputs, labels };
}

/**
 * `engine`, made to fail the way a broken core would: from its (after + 1)th
 * training call on, every network's trainEpochs throws an internal
 * EngineError. For tests of what the layers above do with such a failure.
 */
export function failingAfter(engine: Engine, after: number): Engine {
  let calls = 0;
  return {
    name: engine.name,
    createDataSet: (data) => engine.createDataSet(data),
    createNetwork: (shape) => {
      const network = engine.createNetwork(shape);
      const trainEpochs = network.trainEpochs.bind(network);
      network.trainEpochs = (data, settings, epochs) => {
        if (++calls > after) throw new EngineError('internal', 'The WebAssembly core stopped unexpectedly: unreachable');
        trainEpochs(data, settings, epochs);
      };
      return network;
    },
  };
}

const sig = (x: number): number => 1 / (1 + Math.exp(-x));
/** Every activation's f, written out from its definition (leaky slope 0.01, ELU alpha 1). */
const f: Record<Activation, (x: number) => number> = {
  relu: (x) => Math.max(0, x),
  tanh: Math.tanh,
  sigmoid: sig,
  linear: (x) => x,
  leakyrelu: (x) => (x < 0 ? 0.01 * x : x),
  elu: (x) => (x < 0 ? Math.exp(x) - 1 : x),
  swish: (x) => x * sig(x),
  sine: Math.sin,
};
/** And f', by hand: at z = 0 the ReLU family takes its left slope, as TF's ReLU does. */
const df: Record<Activation, (x: number) => number> = {
  relu: (x) => (x <= 0 ? 0 : 1),
  tanh: (x) => 1 - Math.tanh(x) ** 2,
  sigmoid: (x) => sig(x) * (1 - sig(x)),
  linear: () => 1,
  leakyrelu: (x) => (x <= 0 ? 0.01 : 1),
  elu: (x) => (x <= 0 ? Math.exp(x) : 1),
  swish: (x) => sig(x) + x * sig(x) * (1 - sig(x)),
  sine: Math.cos,
};
/** Every activation, TF's four first. */
const ALL_ACTIVATIONS = ['relu', 'tanh', 'sigmoid', 'linear', 'leakyrelu', 'elu', 'swish', 'sine'] as const;

const plain: TrainSettings = { learningRate: 0.1, batchSize: 1, regularization: 'none', regularizationRate: 0 };

function copy(a: ArrayLike<number>): number[] {
  return Array.from(a);
}

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance: number): void {
  expect(actual.length).toBe(expected.length);
  for (let k = 0; k < expected.length; k++) {
    const scale = Math.max(1, Math.abs(expected[k]!));
    if (!(Math.abs(actual[k]! - expected[k]!) <= tolerance * scale)) {
      expect.fail(`value ${k}: got ${actual[k]}, expected ${expected[k]} (tolerance ${tolerance})`);
    }
  }
}

function expectEngineError(fn: () => unknown, code: EngineError['code'], message: RegExp): void {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(EngineError);
    expect((error as EngineError).code).toBe(code);
    expect((error as EngineError).message).toMatch(message);
    return;
  }
  expect.fail('expected an EngineError');
}

export function describeConformance(engines: readonly EngineUnderTest[]): void {
  describe.each(engines)('conformance: $name engine', ({ load, tolerance }) => {
    let engine: Engine;
    beforeAll(async () => {
      engine = await load();
    });

    function net(shape: NetworkShape, weights: number[], biases: number[]): Network {
      const n = engine.createNetwork(shape);
      n.setParameters({ weights, biases });
      return n;
    }

    // 2 inputs -> 1 hidden node (act) -> tanh output; one point, batch 1.
    // z1 = w1 x1 + w2 x2 + b1, a1 = f(z1), z2 = v a1 + c, out = tanh(z2)
    // d2 = (out - y) (1 - out^2)      dE/dz2
    // d1 = v d2 f'(z1)                 dE/dz1
    // each parameter moves by -lr * (its d times its input).
    // With w1 = 0.25, w2 = 0.5, b1 = 0.625 the three points give z1 > 0, z1 < 0 and
    // z1 = 0 exactly (every value here is exact in f32 and f64), where ReLU's
    // derivative is TF's `x <= 0 ? 0 : 1`: ReLU, linear, and a ReLU with `x < 0`
    // all move differently.
    const goldenPoints = [
      { name: 'positive pre-activation', x1: 1, x2: 0.5, z1: 1.125 },
      { name: 'negative pre-activation', x1: -2, x2: -1.5, z1: -0.625 },
      { name: 'pre-activation exactly 0', x1: 0.5, x2: -1.5, z1: 0 },
    ];
    describe.each(ALL_ACTIVATIONS)('golden update step, %s hidden', (act) => {
      it.each(goldenPoints)('matches the hand-derived formulas at a point with $name', ({ x1, x2, z1: exactZ1 }) => {
        const y = 1;
        const [w1, w2, b1, v, c] = [0.25, 0.5, 0.625, -0.4, 0.1];
        const lr = 0.1;
        const z1 = b1 + w1 * x1 + w2 * x2;
        expect(z1).toBe(exactZ1);
        const a1 = f[act](z1);
        const z2 = v * a1 + c;
        const out = Math.tanh(z2);
        const d2 = (out - y) * (1 - out * out);
        const d1 = v * d2 * df[act](z1);
        const expectedWeights = [w1 - lr * d1 * x1, w2 - lr * d1 * x2, v - lr * d2 * a1];
        const expectedBiases = [b1 - lr * d1, c - lr * d2];

        const n = net({ inputSize: 2, hiddenSizes: [1], activation: act, outputActivation: 'tanh' }, [w1, w2, v], [b1, c]);
        const data = engine.createDataSet(dataSet(2, [[x1, x2]], [y]));
        expect(n.loss(data)).toBeCloseTo(0.5 * (out - y) ** 2, 6);
        const before = { weights: copy(n.weights()), biases: copy(n.biases()) };
        n.trainEpochs(data, { ...plain, learningRate: lr });
        expectClose(n.weights(), expectedWeights, tolerance);
        expectClose(n.biases(), expectedBiases, tolerance);
        if (act === 'relu' && z1 <= 0) {
          // A ReLU that is off (z <= 0, as TF: at 0 too) passes nothing forward and
          // nothing back: its weights, its bias and the weight out of it stay exactly.
          expect(copy(n.weights())).toEqual(before.weights);
          expect(n.biases()[0]).toBe(before.biases[0]);
          expect(n.biases()[1]).not.toBe(before.biases[1]);
        }
        n.free();
        data.free();
      });
    });

    // out = w x + b (no hidden layer, linear output): dE/dw = (out - y) x, dE/db = out - y.
    const linear1: NetworkShape = { inputSize: 1, hiddenSizes: [], activation: 'linear', outputActivation: 'linear' };
    const xs = [1, -2, 0.5, 3, -1];
    // Labels as the engines store them (f32).
    const ys = [0.5, -1, 0.2, 1, -0.3].map(Math.fround);
    function meanGrad(w: number, b: number, idx: number[]): [number, number] {
      let gw = 0;
      let gb = 0;
      for (const p of idx) {
        const e = w * xs[p]! + b - ys[p]!;
        gw += e * xs[p]!;
        gb += e;
      }
      return [gw / idx.length, gb / idx.length];
    }

    it('carries an unfinished batch over into the next epoch', () => {
      const lr = 0.05;
      const n = net(linear1, [0.3], [0.1]);
      const data = engine.createDataSet(dataSet(1, xs.map((x) => [x]), ys));
      const settings = { ...plain, learningRate: lr, batchSize: 3 };
      // Epoch 1: one update after points 0..2; points 3, 4 accumulate at w1.
      let [w, b] = [0.3, 0.1];
      let [gw, gb] = meanGrad(w, b, [0, 1, 2]);
      [w, b] = [w - lr * gw, b - lr * gb];
      n.trainEpochs(data, settings);
      expectClose(n.weights(), [w], tolerance);
      expectClose(n.biases(), [b], tolerance);
      // Epoch 2: points 0..2 join the carried 3, 4; the update averages all five.
      [gw, gb] = meanGrad(w, b, [3, 4, 0, 1, 2]);
      [w, b] = [w - lr * gw, b - lr * gb];
      n.trainEpochs(data, settings);
      expectClose(n.weights(), [w], tolerance);
      expectClose(n.biases(), [b], tolerance);
      // setParameters starts a fresh batch: the leftover is dropped.
      n.setParameters({ weights: [0.3], biases: [0.1] });
      n.trainEpochs(data, { ...settings, batchSize: 5 });
      [gw, gb] = meanGrad(0.3, 0.1, [0, 1, 2, 3, 4]);
      expectClose(n.weights(), [0.3 - lr * gw], tolerance);
      n.free();
      data.free();
    });

    it('reports the batch in progress and takes one back, as a move to another engine needs', () => {
      const lr = 0.05;
      const n = net(linear1, [0.3], [0.1]);
      const data = engine.createDataSet(dataSet(1, xs.map((x) => [x]), ys));
      const settings = { ...plain, learningRate: lr, batchSize: 3 };
      expect(n.batchState().count).toBe(0);
      n.trainEpochs(data, settings);
      // After epoch 1: one update from points 0..2, then points 3 and 4 accumulated at (w1, b1).
      const [gw, gb] = meanGrad(0.3, 0.1, [0, 1, 2]);
      const [w1, b1] = [0.3 - lr * gw, 0.1 - lr * gb];
      const [mw, mb] = meanGrad(w1, b1, [3, 4]);
      const state = n.batchState();
      expect(state.count).toBe(2);
      expectClose(state.weightGradients, [2 * mw], tolerance);
      expectClose(state.biasGradients, [2 * mb], tolerance);
      // A copy: training on does not change it.
      const copied = { weightGradients: copy(state.weightGradients), biasGradients: copy(state.biasGradients), count: state.count };

      const moved = engine.createNetwork(linear1);
      moved.setParameters({ weights: n.weights(), biases: n.biases() });
      moved.setBatchState(copied);
      n.trainEpochs(data, settings);
      moved.trainEpochs(data, settings);
      expect(copy(state.weightGradients)).toEqual(copied.weightGradients);
      expect(copy(moved.weights())).toEqual(copy(n.weights()));
      expect(copy(moved.biases())).toEqual(copy(n.biases()));
      expect(moved.batchState().count).toBe(2);

      // Refusals change nothing.
      const kept = moved.batchState();
      expectEngineError(() => moved.setBatchState({ ...copied, weightGradients: [1, 2] }), 'parameters', /1 weight and 1 bias gradients; got 2 and 1/);
      expectEngineError(() => moved.setBatchState({ ...copied, biasGradients: [NaN] }), 'parameters', /bias gradient 0 is NaN/);
      expectEngineError(() => moved.setBatchState({ ...copied, weightGradients: [1e39] }), 'parameters', /within ±3\.4e38/);
      expectEngineError(() => moved.setBatchState({ ...copied, count: -1 }), 'parameters', /whole number of points/);
      expectEngineError(() => moved.setBatchState({ ...copied, count: 0 }), 'parameters', /0 points has no gradients/);
      expect(moved.batchState()).toEqual(kept);
      // setParameters starts afresh.
      moved.setParameters({ weights: [0.3], biases: [0.1] });
      // (An engine may add its own form of the sums: the WASM core's lanes.)
      expect(moved.batchState()).toMatchObject({ weightGradients: expect.anything(), biasGradients: expect.anything(), count: 0 });
      expect(copy(moved.batchState().weightGradients)).toEqual([0]);
      n.free();
      moved.free();
      data.free();
    });

    it('applies L2 regularisation to weights only, from the weight before the step', () => {
      const [lr, rate] = [0.1, 0.5];
      const n = net(linear1, [0.8], [0.1]);
      const data = engine.createDataSet(dataSet(1, [[1], [-2]], [0.5, -1]));
      n.trainEpochs(data, { learningRate: lr, batchSize: 2, regularization: 'l2', regularizationRate: rate });
      // Two points (1, 0.5) and (-2, -1): e_p = 0.8 x_p + 0.1 - y_p.
      const e = [0.8 * 1 + 0.1 - 0.5, 0.8 * -2 + 0.1 + 1];
      const gW = (e[0]! * 1 + e[1]! * -2) / 2;
      const gB = (e[0]! + e[1]!) / 2;
      expectClose(n.weights(), [0.8 - lr * gW - lr * rate * 0.8], tolerance);
      expectClose(n.biases(), [0.1 - lr * gB], tolerance);
      n.free();
      data.free();
    });

    it('kills a link under L1 when regularisation pushes it across zero, for good', () => {
      // One weight starts at 0.01; L1 with lr * rate = 0.1 pushes it past 0.
      const shape: NetworkShape = { inputSize: 2, hiddenSizes: [], activation: 'tanh', outputActivation: 'tanh' };
      const n = net(shape, [0.01, 0.6], [0]);
      const data = engine.createDataSet(dataSet(2, [[0.001, 1], [-0.001, -1]], [1, -1]));
      const l1: TrainSettings = { learningRate: 0.1, batchSize: 2, regularization: 'l1', regularizationRate: 1 };
      n.trainEpochs(data, l1);
      expect(copy(n.deadLinks())).toEqual([1, 0]);
      expect(n.weights()[0]).toBe(0);
      // It stays dead and 0 whatever the gradient says, even with L1 off.
      n.trainEpochs(data, { ...l1, regularization: 'none' }, 20);
      expect(n.weights()[0]).toBe(0);
      expect(n.deadLinks()[0]).toBe(1);
      // Editing a dead weight sets it, but it stays dead and untrained (as in TF Playground).
      n.setWeight(0, 0.5);
      n.trainEpochs(data, { ...l1, regularization: 'none' }, 5);
      expect(n.weights()[0]).toBe(0.5);
      expect(n.deadLinks()[0]).toBe(1);
      // setParameters replaces the dead flags.
      n.setParameters({ weights: [0.2, 0.6], biases: [0] });
      expect(copy(n.deadLinks())).toEqual([0, 0]);
      n.free();
      data.free();
    });

    it('keeps the L1 step when the weight does not cross zero', () => {
      const n = net(linear1, [0.8], [0]);
      const data = engine.createDataSet(dataSet(1, [[0]], [0]));
      // x = 0 and label 0 at b = 0: the data gradient of w is 0, only L1 acts.
      n.trainEpochs(data, { learningRate: 0.1, batchSize: 1, regularization: 'l1', regularizationRate: 0.5 });
      expectClose(n.weights(), [0.8 - 0.1 * 0.5], tolerance);
      n.free();
      data.free();
    });

    // Optimizers on out = w x + b with one point (x = 2, y = 0) from w = 0.5, b = 0,
    // lr = 0.1, batch 1. Step 1: out = 1, dE/dw = (out - y) x = 2, dE/db = 1.
    // Step 2 starts from step 1's parameters. Numbers worked out from the formulas:
    //   momentum (mu 0.9): v_w = 2, w = 0.5 - 0.1 * 2 = 0.3; v_b = 1, b = -0.1.
    //     step 2: out = 0.5, g_w = 1, g_b = 0.5; v_w = 0.9 * 2 + 1 = 2.8,
    //     w = 0.3 - 0.28 = 0.02; v_b = 0.9 + 0.5 = 1.4, b = -0.1 - 0.14 = -0.24.
    //   RMSProp (rho 0.9, eps 1e-8): s_w = 0.1 * 4 = 0.4, w = 0.5 - 0.2 / sqrt(0.4)
    //     = 0.18377223898; s_b = 0.1, b = -0.1 / sqrt(0.1) = -0.31622775602.
    //     step 2: g_w = 2 out = 0.10263340392, s_w = 0.36 + 0.1 g_w^2, ... -> 0.16669163601,
    //     b -> -0.33330835871.
    //   Adam (0.9, 0.999, 1e-8): m_w = 0.2, v_w = 0.004, m^ = 2, v^ = 4,
    //     w = 0.5 - 0.1 * 2 / (2 + 1e-8) = 0.4000000005; b = -0.1 (+1e-9).
    //     step 2: out = 0.7, g_w = 1.4, m_w = 0.32, v_w = 0.005956, m^ = 0.32 / 0.19,
    //     v^ = 0.005956 / 0.001999, w = 0.30242795098; b -> -0.19757204795.
    const optimizerGolden = [
      { optimizer: 'momentum', steps: [[0.3, -0.1], [0.02, -0.24]] },
      { optimizer: 'rmsprop', steps: [[0.18377223898316203, -0.3162277560168383], [0.1666916360105172, -0.33330835870522196]] },
      { optimizer: 'adam', steps: [[0.4000000004999999, -0.09999999900000009], [0.302427950984895, -0.19757204794983685]] },
    ] as const;
    describe.each(optimizerGolden)('golden steps, $optimizer', ({ optimizer, steps }) => {
      it('takes the hand-computed first and second steps', () => {
        const n = net(linear1, [0.5], [0]);
        const data = engine.createDataSet(dataSet(1, [[2]], [0]));
        const settings: TrainSettings = { ...plain, optimizer: { ...DEFAULT_OPTIMIZER, optimizer } };
        for (const [w, b] of steps) {
          n.trainEpochs(data, settings);
          expectClose(n.weights(), [w], tolerance);
          expectClose(n.biases(), [b], tolerance);
        }
        const state = n.optimizerState();
        expect(state.optimizer).toBe(optimizer);
        expect(state.steps).toBe(2);
        if (optimizer === 'momentum') {
          expectClose(state.weightMoment1, [2.8], tolerance);
          expectClose(state.biasMoment1, [1.4], tolerance);
          expect(copy(state.weightMoment2)).toEqual([0]);
        }
        n.free();
        data.free();
      });
    });

    it('SGD as an explicit optimizer is TF Playground\'s rule, bit for bit', () => {
      const a = net(linear1, [0.3], [0.1]);
      const b = net(linear1, [0.3], [0.1]);
      const data = engine.createDataSet(dataSet(1, xs.map((x) => [x]), ys));
      a.trainEpochs(data, { ...plain, batchSize: 3 }, 4);
      b.trainEpochs(data, { ...plain, batchSize: 3, optimizer: DEFAULT_OPTIMIZER }, 4);
      expect(copy(b.weights())).toEqual(copy(a.weights()));
      expect(copy(b.biases())).toEqual(copy(a.biases()));
      a.free();
      b.free();
      data.free();
    });

    it('batches as TF does under Adam: an update every batchSize points, a partial batch carried over', () => {
      const lr = 0.05;
      const n = net(linear1, [0.3], [0.1]);
      const data = engine.createDataSet(dataSet(1, xs.map((x) => [x]), ys));
      const adam = { ...DEFAULT_OPTIMIZER, optimizer: 'adam' as const };
      const settings: TrainSettings = { ...plain, learningRate: lr, batchSize: 3, optimizer: adam };
      // Adam by hand on (w, b); g from meanGrad (the batch's mean gradient).
      let [w, b] = [0.3, 0.1];
      const m = [0, 0];
      const v = [0, 0];
      let t = 0;
      const adamStep = (g: [number, number]) => {
        t++;
        const p = [w, b];
        for (let k = 0; k < 2; k++) {
          m[k] = 0.9 * m[k]! + 0.1 * g[k]!;
          v[k] = 0.999 * v[k]! + 0.001 * g[k]! ** 2;
          p[k] = p[k]! - (lr * (m[k]! / (1 - 0.9 ** t))) / (Math.sqrt(v[k]! / (1 - 0.999 ** t)) + 1e-8);
        }
        [w, b] = p as [number, number];
      };
      adamStep(meanGrad(w, b, [0, 1, 2]));
      n.trainEpochs(data, settings);
      expectClose(n.weights(), [w], tolerance);
      expectClose(n.biases(), [b], tolerance);
      adamStep(meanGrad(w, b, [3, 4, 0, 1, 2]));
      n.trainEpochs(data, settings);
      expectClose(n.weights(), [w], tolerance);
      expectClose(n.biases(), [b], tolerance);
      expect(n.optimizerState().steps).toBe(2);
      n.free();
      data.free();
    });

    it('regularises after the optimizer step, from the weight before it (L2 under momentum)', () => {
      const [lr, rate] = [0.1, 0.5];
      const n = net(linear1, [0.5], [0]);
      const data = engine.createDataSet(dataSet(1, [[2]], [0]));
      n.trainEpochs(data, { learningRate: lr, batchSize: 1, regularization: 'l2', regularizationRate: rate, optimizer: { ...DEFAULT_OPTIMIZER, optimizer: 'momentum' } });
      // v = 2 (g = 2, as in the golden step); w = 0.5 - 0.1 * 2 - 0.1 * 0.5 * 0.5 = 0.275.
      expectClose(n.weights(), [0.275], tolerance);
      expectClose(n.biases(), [-0.1], tolerance);
      n.free();
      data.free();
    });

    it('never changes a dead link, nor its optimizer state', () => {
      const shape: NetworkShape = { inputSize: 2, hiddenSizes: [], activation: 'tanh', outputActivation: 'tanh' };
      const n = engine.createNetwork(shape);
      n.setParameters({ weights: [0.7, 0.6], biases: [0], dead: [1, 0] });
      const data = engine.createDataSet(dataSet(2, [[1, 1], [-1, -0.5]], [1, -1]));
      const before = n.weights()[0];
      n.trainEpochs(data, { ...plain, optimizer: { ...DEFAULT_OPTIMIZER, optimizer: 'adam' } }, 3);
      expect(n.weights()[0]).toBe(before);
      const state = n.optimizerState();
      expect([state.weightMoment1[0], state.weightMoment2[0]]).toEqual([0, 0]);
      expect(state.weightMoment1[1]).not.toBe(0);
      n.free();
      data.free();
    });

    it.each(['momentum', 'rmsprop', 'adam'] as const)('hands its %s state over, so a moved network takes the same next update', (optimizer) => {
      const n = net(linear1, [0.3], [0.1]);
      const data = engine.createDataSet(dataSet(1, xs.map((x) => [x]), ys));
      const settings: TrainSettings = { ...plain, learningRate: 0.05, batchSize: 3, optimizer: { ...DEFAULT_OPTIMIZER, optimizer } };
      n.trainEpochs(data, settings, 3);
      const moved = engine.createNetwork(linear1);
      moved.setParameters({ weights: n.weights(), biases: n.biases() });
      moved.setBatchState(n.batchState());
      moved.setOptimizerState(n.optimizerState());
      // Without the state the next update differs (the test can fail).
      const fresh = engine.createNetwork(linear1);
      fresh.setParameters({ weights: n.weights(), biases: n.biases() });
      fresh.setBatchState(n.batchState());
      n.trainEpochs(data, settings);
      moved.trainEpochs(data, settings);
      fresh.trainEpochs(data, settings);
      expect(copy(moved.weights())).toEqual(copy(n.weights()));
      expect(copy(moved.biases())).toEqual(copy(n.biases()));
      expect(copy(fresh.weights())).not.toEqual(copy(n.weights()));
      expect(moved.optimizerState().steps).toBe(n.optimizerState().steps);
      for (const x of [n, moved, fresh]) x.free();
      data.free();
    });

    it('starts a fresh state on a change of optimizer or of parameters, keeps it on a change of settings', () => {
      const n = net(linear1, [0.5], [0]);
      const data = engine.createDataSet(dataSet(1, [[2]], [0]));
      const momentum = { ...DEFAULT_OPTIMIZER, optimizer: 'momentum' as const };
      n.trainEpochs(data, { ...plain, optimizer: momentum });
      // A new momentum keeps the velocity: v = 0.5 * 2 + g (g = 2 out = 2 * 0.5 = 1) = 2.
      n.trainEpochs(data, { ...plain, optimizer: { ...momentum, momentum: 0.5 } });
      expectClose(n.optimizerState().weightMoment1, [2], tolerance);
      expect(n.optimizerState().steps).toBe(2);
      // Adam starts from nothing: its step equals that of a network that never had a state.
      const twin = net(linear1, copy(n.weights()), copy(n.biases()));
      const adam: TrainSettings = { ...plain, optimizer: { ...DEFAULT_OPTIMIZER, optimizer: 'adam' } };
      n.trainEpochs(data, adam);
      twin.trainEpochs(data, adam);
      expect(n.optimizerState().optimizer).toBe('adam');
      expect(n.optimizerState().steps).toBe(1);
      expect(copy(n.weights())).toEqual(copy(twin.weights()));
      twin.free();
      n.setParameters({ weights: [0.5], biases: [0] });
      expect(n.optimizerState().steps).toBe(0);
      expect(copy(n.optimizerState().weightMoment2)).toEqual([0]);
      n.free();
      data.free();
    });

    it('refuses bad optimizer settings and states, changing nothing', () => {
      const n = net(linear1, [0.5], [0]);
      const data = engine.createDataSet(dataSet(1, [[2]], [0]));
      const adam = { ...DEFAULT_OPTIMIZER, optimizer: 'adam' as const };
      n.trainEpochs(data, { ...plain, optimizer: adam });
      const kept = n.optimizerState();
      const weights = copy(n.weights());
      expectEngineError(() => n.trainEpochs(data, { ...plain, optimizer: { ...adam, beta2: 1 } }), 'settings', /beta2 must be at least 0 and less than 1/);
      expectEngineError(() => n.trainEpochs(data, { ...plain, optimizer: { ...adam, momentum: -0.1 } }), 'settings', /momentum must be/);
      expectEngineError(() => n.trainEpochs(data, { ...plain, optimizer: { ...adam, epsilon: 0 } }), 'settings', /Epsilon must be a positive number/);
      expectEngineError(() => n.trainEpochs(data, { ...plain, optimizer: { ...adam, optimizer: 'lbfgs' as never } }), 'settings', /Unknown optimizer "lbfgs"/);
      expectEngineError(() => n.setOptimizerState({ ...kept, weightMoment2: [-1] }), 'parameters', /weight second moment 0 is -1/);
      expectEngineError(() => n.setOptimizerState({ ...kept, biasMoment1: [1, 2] }), 'parameters', /keeps 1 values per bias first moment; got 2/);
      expectEngineError(() => n.setOptimizerState({ ...kept, steps: 1.5 }), 'parameters', /step count must be a whole number/);
      expect(n.optimizerState()).toEqual(kept);
      expect(copy(n.weights())).toEqual(weights);
      n.free();
      data.free();
    });

    describe.each(ALL_ACTIVATIONS)('gradients vs finite differences, %s', (act) => {
      it('one full-batch step moves every parameter by -lr times dLoss/dparameter', () => {
        const shape: NetworkShape = { inputSize: 3, hiddenSizes: [4, 3], activation: act, outputActivation: 'tanh' };
        const random = testRandom(7);
        const params = initParameters(shape, random);
        const raw = randomData(3, 12, random);
        // Keep the inputs small so the output is not saturated.
        const data = engine.createDataSet({ ...raw, inputs: raw.inputs.map((v) => v / 6) });
        const n = engine.createNetwork(shape);
        const weights = copy(params.weights);
        const biases = copy(params.biases);
        const lossAt = (w: number[], b: number[]): number => {
          n.setParameters({ weights: w, biases: b });
          return n.loss(data);
        };
        // The engine's gradient: one update of the whole set with lr = 1.
        n.setParameters({ weights, biases });
        n.trainEpochs(data, { learningRate: 1, batchSize: 12, regularization: 'none', regularizationRate: 0 });
        const gradW = copy(n.weights()).map((w, k) => weights[k]! - w);
        const gradB = copy(n.biases()).map((b, k) => biases[k]! - b);
        // Central differences, step suited to the engine's precision.
        // (f32: small enough to rarely straddle a ReLU kink, large enough for f32 round-off.)
        const h = tolerance < 1e-9 ? 1e-6 : 3e-3;
        const fdTolerance = tolerance < 1e-9 ? 1e-7 : 2e-4;
        for (let k = 0; k < weights.length; k++) {
          const up = weights.slice();
          const down = weights.slice();
          up[k]! += h;
          down[k]! -= h;
          const fd = (lossAt(up, biases) - lossAt(down, biases)) / (2 * h);
          expect(Math.abs(fd - gradW[k]!), `weight ${k}: fd ${fd}, engine ${gradW[k]}`).toBeLessThan(fdTolerance);
        }
        for (let k = 0; k < biases.length; k++) {
          const up = biases.slice();
          const down = biases.slice();
          up[k]! += h;
          down[k]! -= h;
          const fd = (lossAt(weights, up) - lossAt(weights, down)) / (2 * h);
          expect(Math.abs(fd - gradB[k]!), `bias ${k}: fd ${fd}, engine ${gradB[k]}`).toBeLessThan(fdTolerance);
        }
        n.free();
        data.free();
      });
    });

    it("with zero initialisation and tanh, only the output bias learns, by exactly TF's amount", () => {
      // Every hidden output is tanh(0) = 0, so every weight's gradient (a dE/dz times a
      // source node's output) is 0, and every hidden dE/dz (a sum of weights times dE/dz)
      // is 0: hidden weights, hidden biases and output weights stay exactly 0. The output
      // is tanh(c) for the output bias c, whose gradient at a point is
      // (tanh(c) - y)(1 - tanh(c)^2); each update subtracts lr times the batch's mean.
      const shape: NetworkShape = { inputSize: 2, hiddenSizes: [3, 2], activation: 'tanh', outputActivation: 'tanh' };
      const zero = initParameters(shape, () => {
        throw new Error('zero init must not draw random numbers');
      }, { zero: true });
      expect(copy(zero.weights).every((w) => w === 0)).toBe(true);
      expect(copy(zero.biases).every((b) => b === 0)).toBe(true);
      const n = engine.createNetwork(shape);
      n.setParameters(zero);
      // Mostly positive labels, so the bias has somewhere to go.
      const raw = randomData(2, 40, testRandom(3));
      const labels = Array.from(raw.labels, (y, p) => (p % 4 === 0 ? y : 1));
      const data = engine.createDataSet({ ...raw, labels: Float64Array.from(labels) });
      const [lr, batch, epochs] = [0.3, 10, 5];
      n.trainEpochs(data, { ...plain, learningRate: lr, batchSize: batch }, epochs);
      let c = 0;
      for (let e = 0; e < epochs; e++) {
        for (let start = 0; start < labels.length; start += batch) {
          const t = Math.tanh(c);
          let sum = 0;
          for (let p = start; p < start + batch; p++) sum += (t - labels[p]!) * (1 - t * t);
          c -= (lr * sum) / batch;
        }
      }
      expect(Math.abs(c), 'the hand-computed bias must move for this test to mean anything').toBeGreaterThan(0.1);
      expect(copy(n.weights()).every((w) => w === 0)).toBe(true);
      const biases = copy(n.biases());
      expect(biases.slice(0, -1).every((b) => b === 0)).toBe(true);
      expectClose([biases[biases.length - 1]!], [c], tolerance);
      n.free();
      data.free();
    });

    it('with zero initialisation and sigmoid, the neurons of a layer learn, and stay identical', () => {
      // sigmoid(0) = 0.5, so zero init is not a fixed point here: the output weights get
      // gradients, then the hidden ones. Every neuron of a layer sees the same numbers,
      // so they move together: symmetry is never broken (why TF starts from random weights).
      const shape: NetworkShape = { inputSize: 2, hiddenSizes: [3, 2], activation: 'sigmoid', outputActivation: 'tanh' };
      const n = engine.createNetwork(shape);
      n.setParameters(initParameters(shape, Math.random, { zero: true }));
      const data = engine.createDataSet(randomData(2, 40, testRandom(3)));
      const lossBefore = n.loss(data);
      n.trainEpochs(data, { ...plain, learningRate: 0.3, batchSize: 10 }, 20);
      const w = copy(n.weights());
      // Layer 1: three rows of 2 weights; layer 2: two rows of 3; the output: one row of 2.
      expect(w.some((v) => Math.abs(v) > 1e-3), 'the weights must have moved').toBe(true);
      for (const k of [0, 1]) {
        expect(w[2 + k]).toBe(w[k]);
        expect(w[4 + k]).toBe(w[k]);
      }
      for (const k of [0, 1, 2]) expect(w[9 + k]).toBe(w[6 + k]);
      expect(w[13]).toBe(w[12]);
      expect(n.loss(data)).toBeLessThan(lossBefore);
      const pts = engine.createDataSet({ inputSize: 2, inputs: Float64Array.from([1, 2, -3, 0.5]), labels: new Float64Array(0) });
      const grid = copy(n.grid(pts));
      // Nodes 0, 1, 2 (layer 1) draw the same map; so do nodes 3 and 4 (layer 2).
      expect(grid.slice(2, 4)).toEqual(grid.slice(0, 2));
      expect(grid.slice(4, 6)).toEqual(grid.slice(0, 2));
      expect(grid.slice(8, 10)).toEqual(grid.slice(6, 8));
      n.free();
      data.free();
      pts.free();
    });

    it('lays the grid out node-major and agrees with predict', () => {
      const shape: NetworkShape = { inputSize: 2, hiddenSizes: [3, 2], activation: 'relu', outputActivation: 'tanh' };
      const n = engine.createNetwork(shape);
      n.setParameters(initParameters(shape, testRandom(11)));
      const raw = randomData(2, 7, testRandom(5));
      const pts = engine.createDataSet({ ...raw, labels: new Float32Array(0) });
      const predicted = copy(n.predict(pts));
      const grid = copy(n.grid(pts));
      expect(grid.length).toBe(n.nodeCount * 7);
      expect(n.nodeCount).toBe(6);
      // The output node is last: its row of the grid is the prediction.
      expectClose(grid.slice(5 * 7, 6 * 7), predicted, tolerance);
      // Hidden node 0 of layer 1 at point 2, by hand: relu(w . x + b).
      const w = n.weights();
      const b = n.biases();
      const x = [raw.inputs[4]!, raw.inputs[5]!];
      const node1 = Math.max(0, w[2]! * x[0]! + w[3]! * x[1]! + b[1]!);
      expect(grid[1 * 7 + 2]).toBeCloseTo(node1, 5);
      n.free();
      pts.free();
    });

    it('computes the mean loss 0.5 (out - y)^2', () => {
      const n = net(linear1, [2], [0.5]);
      const data = engine.createDataSet(dataSet(1, [[1], [0], [-1]], [1, 1, 1]));
      // outputs 2.5, 0.5, -1.5 -> errors 1.5, -0.5, -2.5
      expect(n.loss(data)).toBeCloseTo((0.5 * (2.25 + 0.25 + 6.25)) / 3, 6);
      n.free();
      data.free();
    });

    describe('bad input', () => {
      const good: NetworkShape = { inputSize: 2, hiddenSizes: [3], activation: 'tanh', outputActivation: 'tanh' };

      it('refuses shapes out of range with a clear message', () => {
        expectEngineError(() => engine.createNetwork({ ...good, inputSize: 0 }), 'shape', /between 1 and \d+ inputs/);
        expectEngineError(() => engine.createNetwork({ ...good, hiddenSizes: [3, 0] }), 'shape', /Hidden layer 2/);
        expectEngineError(() => engine.createNetwork({ ...good, hiddenSizes: new Array(40).fill(2) }), 'shape', /at most \d+ hidden layers/);
        expectEngineError(() => engine.createNetwork({ ...good, hiddenSizes: [2.5] }), 'shape', /Hidden layer 1/);
        expectEngineError(() => engine.createNetwork({ ...good, activation: 'gelu' as Activation }), 'shape', /Unknown activation/);
        // The output layer: one node, except a softmax's one per class (2..16).
        const softmax: NetworkShape = { ...good, outputActivation: 'softmax', outputSize: 3 };
        expectEngineError(() => engine.createNetwork({ ...softmax, outputSize: 1 }), 'shape', /A softmax output needs one node per class, from 2 to 16; got 1\./);
        expectEngineError(() => engine.createNetwork({ ...softmax, outputSize: 17 }), 'shape', /from 2 to 16; got 17\./);
        expectEngineError(() => engine.createNetwork({ ...good, outputSize: 3 }), 'shape', /A tanh output has exactly 1 node; got 3/);
        expectEngineError(() => engine.createNetwork({ ...good, outputActivation: 'sigmoid', outputSize: 2 }), 'shape', /A sigmoid output has exactly 1 node; got 2/);
        for (const [shape, sizes] of [[softmax, [2, 3, 3]], [{ ...good, outputSize: 1 }, [2, 3, 1]]] as const) {
          const n = engine.createNetwork(shape);
          expect(n.layerSizes).toEqual(sizes);
          expect(n.outputSize).toBe(sizes[2]);
          n.free();
        }
      });

      it('refuses bad data sets and data that does not fit, and stays usable', () => {
        const n = engine.createNetwork(good);
        n.setParameters(initParameters(good, testRandom(1)));
        const before = copy(n.weights());
        expectEngineError(() => engine.createDataSet(dataSet(2, [], [])), 'data', /empty/);
        expectEngineError(() => engine.createDataSet(dataSet(2, [[1, NaN]], [1])), 'data', /Point 1 .*invalid value/);
        expectEngineError(() => engine.createDataSet(dataSet(2, [[1, 2]], [Infinity])), 'data', /invalid label/);
        expectEngineError(() => engine.createDataSet({ inputSize: 2, inputs: Float32Array.from([1, 2, 3]), labels: new Float32Array(0) }), 'data', /not a whole number of points/);
        expectEngineError(() => engine.createDataSet(dataSet(2, [[1, 2], [3, 4]], [1])), 'data', /2 points but 1 labels/);
        const wide = engine.createDataSet(dataSet(3, [[1, 2, 3]], [1]));
        expectEngineError(() => n.trainEpochs(wide, plain), 'data', /3 features per point but the network has 2 inputs/);
        expectEngineError(() => n.loss(wide), 'data', /3 features/);
        expectEngineError(() => n.grid(wide), 'data', /3 features/);
        const unlabeled = engine.createDataSet({ inputSize: 2, inputs: Float32Array.from([1, 2]), labels: new Float32Array(0) });
        expectEngineError(() => n.trainEpochs(unlabeled, plain), 'data', /no labels/);
        const data = engine.createDataSet(dataSet(2, [[1, 2]], [1]));
        expectEngineError(() => n.trainEpochs(data, { ...plain, learningRate: NaN }), 'settings', /learning rate/);
        expectEngineError(() => n.trainEpochs(data, { ...plain, batchSize: 0 }), 'settings', /batch size/);
        expectEngineError(() => n.trainEpochs(data, { ...plain, regularizationRate: -1 }), 'settings', /regularisation rate/);
        expect(copy(n.weights())).toEqual(before);
        // Still trains.
        n.trainEpochs(data, plain);
        expect(copy(n.weights())).not.toEqual(before);
        n.free();
        for (const d of [wide, unlabeled, data]) d.free();
      });

      it('refuses bad parameters and keeps the old ones', () => {
        const n = engine.createNetwork(good);
        const init = initParameters(good, testRandom(2));
        n.setParameters(init);
        const before = copy(n.weights());
        const w = copy(init.weights);
        expectEngineError(() => n.setParameters({ weights: w.slice(1), biases: init.biases }), 'parameters', /has 9 weights; got 8/);
        expectEngineError(() => n.setParameters({ weights: w.map((v, k) => (k === 4 ? NaN : v)), biases: init.biases }), 'parameters', /Weight 4 is NaN/);
        expectEngineError(() => n.setParameters({ weights: w, biases: [0, 0, Infinity, 0] }), 'parameters', /Bias 2 is Infinity/);
        expectEngineError(() => n.setWeight(99, 1), 'parameters', /no weight number 99/);
        expectEngineError(() => n.setBias(0, NaN), 'parameters', /finite/);
        expect(copy(n.weights())).toEqual(before);
        n.setWeight(3, 0.25);
        expect(n.weights()[3]).toBe(0.25);
        n.setBias(1, -0.5);
        expect(n.biases()[1]).toBe(-0.5);
        n.free();
      });

      it('refuses values a 32-bit float cannot hold, with the same words on every engine', () => {
        const n = engine.createNetwork(good);
        const init = initParameters(good, testRandom(5));
        n.setParameters(init);
        const before = { weights: copy(n.weights()), biases: copy(n.biases()) };
        const w = copy(init.weights);
        expectEngineError(() => n.setParameters({ weights: w.map((v, k) => (k === 4 ? 1e39 : v)), biases: init.biases }), 'parameters', /Weight 4 is 1e\+39; weights must be finite numbers within ±3\.4e38/);
        expectEngineError(() => n.setParameters({ weights: w, biases: [0, 0, -4e38, 0] }), 'parameters', /Bias 2 is -4e\+38/);
        expectEngineError(() => n.setWeight(0, 3.5e38), 'parameters', /weight must be a finite number within ±3\.4e38; got 3\.5e\+38/);
        expectEngineError(() => n.setBias(0, -1e300), 'parameters', /bias must be a finite number within ±3\.4e38/);
        const data = engine.createDataSet(dataSet(2, [[1, 2], [-1, 0.5]], [1, -1]));
        for (const learningRate of [1e-46, 7e-46, 1e39]) {
          expectEngineError(() => n.trainEpochs(data, { ...plain, learningRate }), 'settings', /learning rate must be a positive number that a 32-bit float can hold \(from 1\.4e-45 to 3\.4e38\)/);
        }
        expectEngineError(() => n.trainEpochs(data, { ...plain, regularization: 'l2', regularizationRate: 1e-46 }), 'settings', /regularisation rate must be zero or a positive number that a 32-bit float can hold/);
        expectEngineError(() => n.trainEpochs(data, plain, 2 ** 32), 'settings', /epochs must be a whole number from 0 to 4294967295/);
        expectEngineError(() => n.trainEpochs(data, plain, MAX_EPOCHS_PER_CALL + 0.5), 'settings', /epochs/);
        expectEngineError(() => engine.createDataSet(dataSet(2, [[1, 4e38]], [1])), 'data', /Point 1 has an invalid value \(4e\+38\) in feature 2/);
        expectEngineError(() => engine.createDataSet(dataSet(2, [[1, 2]], [-1e39])), 'data', /Point 1 has an invalid label/);
        expect(copy(n.weights())).toEqual(before.weights);
        expect(copy(n.biases())).toEqual(before.biases);
        // The edges of the range are accepted: the smallest positive f32 as a learning rate,
        // the largest f32 as a weight, and 0 epochs.
        n.trainEpochs(data, { ...plain, learningRate: 1.5e-45 }, 0);
        n.trainEpochs(data, { ...plain, learningRate: 1.5e-45 });
        n.setWeight(0, 3.4e38);
        expect(n.weights()[0]).toBeCloseTo(3.4e38, -32);
        n.free();
        data.free();
      });

      it('refuses use after free', () => {
        const n = engine.createNetwork(good);
        const data = engine.createDataSet(dataSet(2, [[1, 2]], [1]));
        n.free();
        expectEngineError(() => n.weights(), 'freed', /freed/);
        expectEngineError(() => n.trainEpochs(data, plain), 'freed', /freed/);
        const n2 = engine.createNetwork(good);
        data.free();
        expectEngineError(() => n2.loss(data), 'freed', /freed/);
        n2.free();
      });
    });

    it('diverges to NaN or Infinity at learning rate 10 without crashing, and can be reset', () => {
      const shape: NetworkShape = { inputSize: 2, hiddenSizes: [8, 8], activation: 'relu', outputActivation: 'linear' };
      const n = engine.createNetwork(shape);
      const init = initParameters(shape, testRandom(9));
      n.setParameters(init);
      const raw = randomData(2, 100, testRandom(4));
      const data = engine.createDataSet(raw);
      let diverged = false;
      for (let e = 0; e < 200 && !diverged; e++) {
        n.trainEpochs(data, { learningRate: 10, batchSize: 1, regularization: 'none', regularizationRate: 0 });
        diverged = !Number.isFinite(n.loss(data)) || copy(n.weights()).some((w) => !Number.isFinite(w));
      }
      expect(diverged).toBe(true);
      n.grid(data); // no crash on a broken network
      n.setParameters(init);
      expect(Number.isFinite(n.loss(data))).toBe(true);
      n.trainEpochs(data, { ...plain, learningRate: 0.03, batchSize: 10 }, 5);
      expect(Number.isFinite(n.loss(data))).toBe(true);
      n.free();
      data.free();
    });

    // ---- Cross-entropy outputs: a sigmoid (two classes) and a softmax (k classes). ----

    // Sigmoid + binary cross-entropy, no hidden layer: z = w1 x1 + w2 x2 + b, p = 1 / (1 + e^-z),
    // y = (label + 1) / 2, E = -ln p (y = 1) or -ln(1 - p) (y = 0), dE/dz = p - y.
    // From w = (0.5, -0.25), b = 0 at x = (1, 2), label +1, lr 0.1, batch 1:
    //   step 1: z = 0.5 - 0.5 + 0 = 0, p = 0.5, loss = ln 2 = 0.6931471805599453,
    //     d = p - y = -0.5: w1 = 0.5 + 0.05 * 1 = 0.55, w2 = -0.25 + 0.05 * 2 = -0.15, b = 0.05.
    //   step 2: z = 0.55 - 0.3 + 0.05 = 0.3, p = sigmoid(0.3) = 0.574442516811659,
    //     loss = -ln p = 0.554355244468527, d = -0.425557483188341:
    //     w1 = 0.55 + 0.0425557483188341 = 0.5925557483188342,
    //     w2 = -0.15 + 0.0851114966376682 = -0.06488850336233179, b = 0.0925557483188341.
    //   A label -1 at step 1 instead: y = 0, d = +0.5: w = (0.45, -0.35), b = -0.05.
    const sigmoid1: NetworkShape = { inputSize: 2, hiddenSizes: [], activation: 'tanh', outputActivation: 'sigmoid' };
    it('sigmoid cross-entropy: takes the hand-computed golden steps', () => {
      const n = net(sigmoid1, [0.5, -0.25], [0]);
      const blue = engine.createDataSet(dataSet(2, [[1, 2]], [1]));
      const settings = { ...plain, learningRate: 0.1 };
      expect(n.loss(blue)).toBeCloseTo(Math.LN2, 6);
      expectClose(n.predict(blue), [0.5], tolerance);
      n.trainEpochs(blue, settings);
      expectClose(n.weights(), [0.55, -0.15], tolerance);
      expectClose(n.biases(), [0.05], tolerance);
      expect(n.loss(blue)).toBeCloseTo(0.554355244468527, 6);
      n.trainEpochs(blue, settings);
      expectClose(n.weights(), [0.5925557483188342, -0.06488850336233179], tolerance);
      expectClose(n.biases(), [0.0925557483188341], tolerance);
      const orange = engine.createDataSet(dataSet(2, [[1, 2]], [-1]));
      n.setParameters({ weights: [0.5, -0.25], biases: [0] });
      n.trainEpochs(orange, settings);
      expectClose(n.weights(), [0.45, -0.35], tolerance);
      expectClose(n.biases(), [-0.05], tolerance);
      for (const x of [n, blue, orange]) x.free();
    });

    // Softmax + categorical cross-entropy, k = 3, one input, no hidden layer:
    // z_c = w_c x + b_c, p_c = e^(z_c - m) / sum_j e^(z_j - m), E = -ln p_label,
    // dE/dz_c = p_c - [c = label]. From all weights and biases 0 at x = 1, label 2, lr 0.3:
    //   step 1: z = (0, 0, 0), p = (1/3, 1/3, 1/3), loss = ln 3 = 1.0986122886681098,
    //     d = (1/3, 1/3, -2/3): w = b = (-0.1, -0.1, 0.2).
    //   step 2: z = w + b = (-0.2, -0.2, 0.4); e^z = (0.8187307530779818, 0.8187307530779818,
    //     1.4918246976412703), sum 3.1292862037972338, p = (0.26163498630598014,
    //     0.26163498630598014, 0.4767300273880398), loss = -ln p_2 = 0.7408049286396909;
    //     d = (p_0, p_1, p_2 - 1): w_0 = -0.1 - 0.3 * 0.26163498630598014 = -0.17849049589179405,
    //     w_2 = 0.2 + 0.3 * 0.5232699726119602 = 0.35698099178358805 (b the same, x = 1).
    const softmax1: NetworkShape = { inputSize: 1, hiddenSizes: [], activation: 'tanh', outputActivation: 'softmax', outputSize: 3 };
    it('softmax cross-entropy (3 classes): takes the hand-computed golden steps', () => {
      const n = net(softmax1, [0, 0, 0], [0, 0, 0]);
      const data = engine.createDataSet(dataSet(1, [[1]], [2]));
      const settings = { ...plain, learningRate: 0.3 };
      expect(n.outputSize).toBe(3);
      expect(n.loss(data)).toBeCloseTo(Math.log(3), 6);
      n.trainEpochs(data, settings);
      expectClose(n.weights(), [-0.1, -0.1, 0.2], tolerance);
      expectClose(n.biases(), [-0.1, -0.1, 0.2], tolerance);
      expectClose(n.predict(data), [0.26163498630598014, 0.26163498630598014, 0.4767300273880398], tolerance);
      expect(n.loss(data)).toBeCloseTo(0.7408049286396909, 6);
      n.trainEpochs(data, settings);
      const w2 = [-0.17849049589179405, -0.17849049589179405, 0.35698099178358805];
      expectClose(n.weights(), w2, tolerance);
      expectClose(n.biases(), w2, tolerance);
      n.free();
      data.free();
    });

    // 2 inputs -> 1 hidden node (act) -> a softmax of 3; one point, batch 1.
    // z1 = w1 x1 + w2 x2 + b1, a1 = f(z1), z_c = v_c a1 + c_c, p = softmax(z),
    // d_c = p_c - [c = label]          dE/dz_c
    // d1 = (sum_c v_c d_c) f'(z1)      dE/dz1
    describe.each(ALL_ACTIVATIONS)('golden softmax step through a hidden %s node', (act) => {
      it.each(goldenPoints)('matches the hand-derived formulas at a point with $name', ({ x1, x2 }) => {
        const label = 1;
        const [w1, w2, b1] = [0.25, 0.5, 0.625];
        const v = [-0.4, 0.75, 0.3];
        const c = [0.1, -0.2, 0.05];
        const lr = 0.1;
        const z1 = b1 + w1 * x1 + w2 * x2;
        const a1 = f[act](z1);
        const z = v.map((vc, k) => vc * a1 + c[k]!);
        const m = Math.max(...z);
        const e = z.map((zc) => Math.exp(zc - m));
        const p = e.map((ec) => ec / (e[0]! + e[1]! + e[2]!));
        const d = p.map((pc, k) => pc - (k === label ? 1 : 0));
        const d1 = (v[0]! * d[0]! + v[1]! * d[1]! + v[2]! * d[2]!) * df[act](z1);
        const expectedWeights = [w1 - lr * d1 * x1, w2 - lr * d1 * x2, ...v.map((vc, k) => vc - lr * d[k]! * a1)];
        const expectedBiases = [b1 - lr * d1, ...c.map((cc, k) => cc - lr * d[k]!)];

        const n = net({ inputSize: 2, hiddenSizes: [1], activation: act, outputActivation: 'softmax', outputSize: 3 }, [w1, w2, ...v], [b1, ...c]);
        const data = engine.createDataSet(dataSet(2, [[x1, x2]], [label]));
        expect(n.loss(data)).toBeCloseTo(-Math.log(p[label]!), 6);
        n.trainEpochs(data, { ...plain, learningRate: lr });
        expectClose(n.weights(), expectedWeights, tolerance);
        expectClose(n.biases(), expectedBiases, tolerance);
        n.free();
        data.free();
      });
    });

    it('clips cross-entropy at 1e-7 in the loss only: the gradient stays exact', () => {
      const clipped = -Math.log(1e-7); // 16.11809565095832
      // Sigmoid: z = -20 for a +1 point gives p = 2.06e-9 < 1e-7; z = +20 for a -1 point
      // gives 1 - p = 2.06e-9 too; z = -ln(1e6 - 1) for a +1 point gives p = 1e-6 exactly
      // (not clipped): loss 13.815510557964274.
      const s = net({ ...sigmoid1, inputSize: 1 }, [1], [0]);
      const far = engine.createDataSet(dataSet(1, [[-20], [20]], [1, -1]));
      expect(s.loss(far)).toBeCloseTo(clipped, 4);
      const near = engine.createDataSet(dataSet(1, [[-Math.log(1e6 - 1)]], [1]));
      expect(s.loss(near)).toBeCloseTo(-Math.log(1e-6), 4);
      // One step on the +1 point at z = -20: dE/dz = p - 1 = -(1 - 2.06e-9), unclipped,
      // so w moves by lr * (p - 1) * x = -0.1 * 20 * (1 - 2e-9) and b by 0.1 (1 - 2e-9).
      const one = engine.createDataSet(dataSet(1, [[-20]], [1]));
      s.trainEpochs(one, plain);
      const p = 1 / (1 + Math.exp(20));
      expectClose(s.weights(), [1 - 0.1 * (p - 1) * -20], tolerance);
      expectClose(s.biases(), [-0.1 * (p - 1)], tolerance);
      // Softmax: z = (30, 0, 0) with label 1 gives p_1 = e^-30 / (1 + 2 e^-30) = 9.4e-14: clipped.
      const k = net(softmax1, [30, 0, 0], [0, 0, 0]);
      const wrong = engine.createDataSet(dataSet(1, [[1]], [1]));
      expect(k.loss(wrong)).toBeCloseTo(clipped, 4);
      const q = Math.exp(-30) / (1 + 2 * Math.exp(-30));
      k.trainEpochs(wrong, plain);
      // d = (p_0, p_1 - 1, p_2) = (1 - 2q, q - 1, q): the class-1 node gains 0.1 (1 - q).
      expectClose(k.weights(), [30 - 0.1 * (1 - 2 * q), 0.1 * (1 - q), -0.1 * q], tolerance);
      for (const x of [s, far, near, one, k, wrong]) x.free();
    });

    it('softmax subtracts the maximum: huge z stay finite', () => {
      // z = (1000, 1000, 0): e^1000 overflows, e^(z - 1000) = (1, 1, e^-1000 = 0).
      const n = net(softmax1, [1000, 1000, 0], [0, 0, 0]);
      const data = engine.createDataSet(dataSet(1, [[1]], [0]));
      expectClose(n.predict(data), [0.5, 0.5, 0], tolerance);
      expect(n.loss(data)).toBeCloseTo(Math.LN2, 6);
      n.trainEpochs(data, plain);
      expect(copy(n.weights()).every(Number.isFinite)).toBe(true);
      n.free();
      data.free();
    });

    describe.each([
      { name: 'sigmoid', outputActivation: 'sigmoid', outputSize: 1, labelOf: (y: number) => y },
      { name: 'softmax of 3', outputActivation: 'softmax', outputSize: 3, labelOf: (y: number, p: number) => (y > 0 ? 2 : p % 2) },
    ] as const)('cross-entropy gradients vs finite differences, $name output', ({ outputActivation, outputSize, labelOf }) => {
      // The same step under each optimizer. The first full-batch step of each, from a fresh
      // state, with mean gradient g: SGD and momentum move by lr g; RMSProp (rho 0.9) by
      // lr g / (sqrt(0.1 g^2) + eps); Adam by lr g / (|g| + eps) (m^ = g, v^ = g^2). With eps = 1
      // the last two are smooth in g, so they can be checked against a finite-difference g.
      const rules = {
        sgd: (g: number) => g,
        momentum: (g: number) => g,
        rmsprop: (g: number) => g / (Math.sqrt(0.1 * g * g) + 1),
        adam: (g: number) => g / (Math.abs(g) + 1),
      } as const;
      it.each(['sgd', 'momentum', 'rmsprop', 'adam'] as const)('one full-batch %s step is its rule on dLoss/dparameter', (optimizer) => {
        const shape: NetworkShape = { inputSize: 3, hiddenSizes: [4, 3], activation: 'tanh', outputActivation, outputSize };
        const random = testRandom(17);
        const params = initParameters(shape, random);
        const raw = randomData(3, 12, random);
        const labels = Float64Array.from(raw.labels, (y, p) => labelOf(y, p));
        const data = engine.createDataSet({ ...raw, inputs: raw.inputs.map((v) => v / 6), labels });
        const n = engine.createNetwork(shape);
        const weights = copy(params.weights);
        const biases = copy(params.biases);
        const lossAt = (w: number[], b: number[]): number => {
          n.setParameters({ weights: w, biases: b });
          return n.loss(data);
        };
        n.setParameters({ weights, biases });
        n.trainEpochs(data, {
          learningRate: 1,
          batchSize: 12,
          regularization: 'none',
          regularizationRate: 0,
          optimizer: { ...DEFAULT_OPTIMIZER, optimizer, epsilon: 1 },
        });
        const moveW = copy(n.weights()).map((w, k) => weights[k]! - w);
        const moveB = copy(n.biases()).map((b, k) => biases[k]! - b);
        const h = tolerance < 1e-9 ? 1e-6 : 3e-3;
        const fdTolerance = tolerance < 1e-9 ? 1e-7 : 2e-4;
        const rule = rules[optimizer];
        let largest = 0;
        for (const [values, moves, what] of [[weights, moveW, 'weight'], [biases, moveB, 'bias']] as const) {
          for (let k = 0; k < values.length; k++) {
            const up = values.slice();
            const down = values.slice();
            up[k]! += h;
            down[k]! -= h;
            const fd =
              what === 'weight'
                ? (lossAt(up, biases) - lossAt(down, biases)) / (2 * h)
                : (lossAt(weights, up) - lossAt(weights, down)) / (2 * h);
            largest = Math.max(largest, Math.abs(fd));
            expect(Math.abs(rule(fd) - moves[k]!), `${what} ${k}: fd ${fd}, engine moved ${moves[k]}`).toBeLessThan(fdTolerance);
          }
        }
        expect(largest, 'the gradient must not vanish for this test to mean anything').toBeGreaterThan(0.01);
        n.free();
        data.free();
      });
    });

    it('lays out predict point-major and the grid node-major with the class nodes last', () => {
      const shape: NetworkShape = { inputSize: 2, hiddenSizes: [3], activation: 'relu', outputActivation: 'softmax', outputSize: 3 };
      const n = engine.createNetwork(shape);
      n.setParameters(initParameters(shape, testRandom(21)));
      const raw = randomData(2, 5, testRandom(8));
      const pts = engine.createDataSet({ ...raw, labels: new Float32Array(0) });
      expect(n.layerSizes).toEqual([2, 3, 3]);
      expect(n.nodeCount).toBe(6);
      const predicted = copy(n.predict(pts));
      expect(predicted.length).toBe(5 * 3);
      // By hand at every point: the hidden ReLUs, then the softmax of the three output nodes.
      const w = copy(n.weights());
      const b = copy(n.biases());
      for (let p = 0; p < 5; p++) {
        const x = [raw.inputs[2 * p]!, raw.inputs[2 * p + 1]!];
        const hidden = [0, 1, 2].map((j) => Math.max(0, w[2 * j]! * x[0]! + w[2 * j + 1]! * x[1]! + b[j]!));
        const z = [0, 1, 2].map((c) => b[3 + c]! + hidden.reduce((s, a, i) => s + w[6 + 3 * c + i]! * a, 0));
        const e = z.map((v) => Math.exp(v - Math.max(...z)));
        const sum = e[0]! + e[1]! + e[2]!;
        expectClose(predicted.slice(3 * p, 3 * p + 3), e.map((v) => v / sum), 1e-5);
      }
      const grid = copy(n.grid(pts));
      expect(grid.length).toBe(6 * 5);
      for (let c = 0; c < 3; c++) {
        expectClose(grid.slice((3 + c) * 5, (4 + c) * 5), [0, 1, 2, 3, 4].map((p) => predicted[3 * p + c]!), tolerance);
      }
      // A sigmoid output: one node, p in (0, 1), the grid's last row.
      const sShape: NetworkShape = { inputSize: 2, hiddenSizes: [3], activation: 'relu', outputActivation: 'sigmoid' };
      const s = engine.createNetwork(sShape);
      s.setParameters(initParameters(sShape, testRandom(21)));
      const sp = copy(s.predict(pts));
      expect(sp.length).toBe(5);
      expectClose(copy(s.grid(pts)).slice(3 * 5), sp, tolerance);
      const sw = copy(s.weights());
      const sb = copy(s.biases());
      const x0 = [raw.inputs[0]!, raw.inputs[1]!];
      const h0 = [0, 1, 2].map((j) => Math.max(0, sw[2 * j]! * x0[0]! + sw[2 * j + 1]! * x0[1]! + sb[j]!));
      const z0 = sb[3]! + sw[6]! * h0[0]! + sw[7]! * h0[1]! + sw[8]! * h0[2]!;
      expect(sp[0]).toBeCloseTo(1 / (1 + Math.exp(-z0)), 5);
      for (const x of [n, s, pts]) x.free();
    });

    it('a softmax network refuses labels that are no class numbers, and changes nothing', () => {
      const shape: NetworkShape = { inputSize: 1, hiddenSizes: [2], activation: 'tanh', outputActivation: 'softmax', outputSize: 3 };
      const n = engine.createNetwork(shape);
      n.setParameters(initParameters(shape, testRandom(4)));
      const good = engine.createDataSet(dataSet(1, [[0.5], [-1], [2]], [0, 1, 2]));
      n.trainEpochs(good, { ...plain, batchSize: 2 });
      const before = { weights: copy(n.weights()), biases: copy(n.biases()), batch: n.batchState() };
      const plane = {
        d1: { weights: new Float64Array(n.weightCount).fill(0.1), biases: new Float64Array(n.biasCount) },
        d2: { weights: new Float64Array(n.weightCount), biases: new Float64Array(n.biasCount).fill(0.1) },
        alphas: [0, 1],
        betas: [0],
      };
      for (const [labels, shown] of [[[0, 3, 1], '3'], [[0, 1, -1], '-1'], [[1.5, 0, 1], '1.5']] as const) {
        const bad = engine.createDataSet(dataSet(1, [[0.5], [-1], [2]], [...labels]));
        const point = labels.findIndex((y) => !(Number.isInteger(y) && y >= 0 && y < 3)) + 1;
        const message = new RegExp(`Point ${point} has the label ${shown.replace('.', '\\.')}, but this network tells 3 classes apart, so every label must be a class number from 0 to 2`);
        expectEngineError(() => n.trainEpochs(bad, plain), 'labels', message);
        expectEngineError(() => n.loss(bad), 'labels', message);
        expectEngineError(() => n.trainUntil(good, bad, plain, 10, 0.01), 'labels', message);
        expectEngineError(() => n.trainUntil(bad, good, plain, 10, 0.01), 'labels', message);
        expectEngineError(() => n.lossesOnPlane(bad, plane), 'labels', message);
        // Predictions need no labels: they are given.
        expect(copy(n.predict(bad)).length).toBe(9);
        bad.free();
      }
      expect(copy(n.weights())).toEqual(before.weights);
      expect(copy(n.biases())).toEqual(before.biases);
      expect(n.batchState().count).toBe(before.batch.count);
      // A sigmoid network takes TF's -1/+1 labels, and a two-node softmax takes 0 and 1.
      const s = engine.createNetwork({ ...shape, outputActivation: 'sigmoid', outputSize: 1 });
      const pm = engine.createDataSet(dataSet(1, [[0.5], [-1]], [1, -1]));
      expect(Number.isFinite(s.loss(pm))).toBe(true);
      const two = engine.createNetwork({ ...shape, outputSize: 2 });
      expectEngineError(() => two.loss(good), 'labels', /Point 3 has the label 2, but this network tells 2 classes apart/);
      for (const x of [n, s, two, good, pm]) x.free();
    });

    it('a softmax network trains until a target, walks a loss plane, and hands over its batch and optimizer state', () => {
      const shape: NetworkShape = { inputSize: 2, hiddenSizes: [4], activation: 'tanh', outputActivation: 'softmax', outputSize: 3 };
      // Three clusters, class = the nearest of three centres.
      const random = testRandom(31);
      const centres = [[-3, -3], [3, -3], [0, 3]];
      const points: number[][] = [];
      const labels: number[] = [];
      for (let p = 0; p < 30; p++) {
        const c = p % 3;
        points.push([centres[c]![0]! + random() - 0.5, centres[c]![1]! + random() - 0.5]);
        labels.push(c);
      }
      const data = engine.createDataSet(dataSet(2, points, labels));
      const n = engine.createNetwork(shape);
      const init = initParameters(shape, testRandom(3));
      n.setParameters(init);
      const settings: TrainSettings = { ...plain, learningRate: 0.1, batchSize: 7, optimizer: { ...DEFAULT_OPTIMIZER, optimizer: 'adam' } };
      const run = n.trainUntil(data, data, settings, 500, 0.05);
      expect(run.reached).toBe(true);
      expect(run.trainLoss).toBe(n.loss(data));
      expect(run.testLoss).toBe(n.loss(data));
      expect(run.trainLoss).toBeLessThan(0.05);
      // The plane's origin is the network; one step along d1 is the network moved by d1.
      const d1 = { weights: Float64Array.from({ length: n.weightCount }, (_, k) => (k % 2 ? 0.5 : -0.5)), biases: new Float64Array(n.biasCount).fill(-0.05) };
      const d2 = { weights: new Float64Array(n.weightCount), biases: new Float64Array(n.biasCount) };
      const losses = copy(n.lossesOnPlane(data, { d1, d2, alphas: [0, 1], betas: [0] }));
      expect(losses[0]).toBe(n.loss(data));
      const moved = engine.createNetwork(shape);
      moved.setParameters({ weights: copy(n.weights()).map((w, k) => w + d1.weights[k]!), biases: copy(n.biases()).map((b) => b - 0.05) });
      expect(losses[1]).toBeCloseTo(moved.loss(data), 5);
      expect(losses[1]).not.toBeCloseTo(losses[0]!, 3);
      // Hand over in the middle of a batch: the twin takes the same next updates.
      n.trainEpochs(data, settings);
      moved.setParameters({ weights: n.weights(), biases: n.biases(), dead: n.deadLinks() });
      moved.setBatchState(n.batchState());
      moved.setOptimizerState(n.optimizerState());
      expect(n.batchState().count).toBeGreaterThan(0);
      n.trainEpochs(data, settings, 2);
      moved.trainEpochs(data, settings, 2);
      expect(copy(moved.weights())).toEqual(copy(n.weights()));
      expect(copy(moved.biases())).toEqual(copy(n.biases()));
      for (const x of [n, moved, data]) x.free();
    });
  });
}
