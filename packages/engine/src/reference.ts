import { EngineError } from './errors.js';
import { parameterLayout } from './shape.js';
import type {
  Activation,
  BatchState,
  DataSet,
  Engine,
  EngineDataSet,
  LossPlane,
  Network,
  NetworkShape,
  Parameters,
  TargetTraining,
  TrainSettings,
} from './types.js';
import {
  fitsF32,
  validateBatchState,
  validateDataFitsNetwork,
  validateDataSet,
  validateEpochs,
  validateIndexedValue,
  validateLossTarget,
  validateParameters,
  validatePlane,
  validateSettings,
  validateShape,
} from './validate.js';

/**
 * The reference engine: TensorFlow Playground's nn.ts semantics in plain
 * TypeScript over Float64Arrays. It is the oracle the WASM core is checked
 * against, so it favours obvious code, one point at a time, written without
 * per-point allocation.
 */

type ActivationFn = (x: number) => number;

/** f(z) for each activation. */
const OUTPUT: Record<Activation, ActivationFn> = {
  relu: (x) => Math.max(0, x),
  tanh: (x) => Math.tanh(x),
  sigmoid: (x) => 1 / (1 + Math.exp(-x)),
  linear: (x) => x,
};

/** f'(z) given z and f(z) (tanh and sigmoid reuse the output, as nn.ts does). */
const DERIVATIVE: Record<Activation, (z: number, out: number) => number> = {
  relu: (z) => (z <= 0 ? 0 : 1),
  tanh: (_z, out) => 1 - out * out,
  sigmoid: (_z, out) => out * (1 - out),
  linear: () => 1,
};

const REG_NONE = 0;
const REG_L1 = 1;
const REG_L2 = 2;

class ReferenceDataSet implements EngineDataSet {
  readonly size: number;
  readonly inputSize: number;
  readonly hasLabels: boolean;
  /** Point-major inputs, as given (f64 values stay f64; f32 ones widen exactly). */
  inputs: Float64Array;
  labels: Float64Array;
  freed = false;

  constructor(data: DataSet) {
    validateDataSet(data);
    this.inputSize = data.inputSize;
    this.size = data.inputs.length / data.inputSize;
    this.hasLabels = data.labels.length > 0;
    this.inputs = Float64Array.from(data.inputs);
    this.labels = Float64Array.from(data.labels);
  }

  free(): void {
    this.freed = true;
    this.inputs = new Float64Array(0);
    this.labels = new Float64Array(0);
  }
}

function checkData(data: EngineDataSet): ReferenceDataSet {
  if (!(data instanceof ReferenceDataSet)) {
    throw new EngineError('data', 'This data set was made by another engine; create it with this engine.');
  }
  if (data.freed) {
    throw new EngineError('freed', 'This data set has been freed and can no longer be used.');
  }
  return data;
}

class ReferenceNetwork implements Network {
  readonly shape: NetworkShape;
  readonly layerSizes: readonly number[];
  readonly weightCount: number;
  readonly biasCount: number;
  readonly nodeCount: number;

  private readonly weightOffsets: readonly number[];
  private readonly hiddenAct: ActivationFn;
  private readonly hiddenDer: (z: number, out: number) => number;
  private readonly outAct: ActivationFn;
  private readonly outDer: (z: number, out: number) => number;

  private w: Float64Array;
  private b: Float64Array;
  private dead: Uint8Array;
  /** Sum over the current batch of dE/dw for each link (accErrorDer in nn.ts). */
  private accW: Float64Array;
  /** Sum over the current batch of dE/dz for each node (accInputDer, which is dE/db). */
  private accB: Float64Array;
  /** Points accumulated since the last update (numAccumulatedDers). */
  private accCount = 0;
  /** Total input z of each non-input node for the current point. */
  private z: Float64Array;
  /** Output f(z) of every node, inputs first: slot inputSize + node. */
  private a: Float64Array;
  /** dE/d(output) of each non-input node. */
  private outputDer: Float64Array;
  /** dE/dz of each non-input node. */
  private inputDer: Float64Array;
  private gridOut = new Float64Array(0);
  private freed = false;

  constructor(shape: NetworkShape) {
    validateShape(shape);
    this.shape = { ...shape, hiddenSizes: [...shape.hiddenSizes] };
    const layout = parameterLayout(shape);
    this.layerSizes = layout.layerSizes;
    this.weightOffsets = layout.weightOffsets;
    this.weightCount = layout.weightCount;
    this.biasCount = layout.biasCount;
    this.nodeCount = layout.biasCount;
    this.hiddenAct = OUTPUT[shape.activation];
    this.hiddenDer = DERIVATIVE[shape.activation];
    this.outAct = OUTPUT[shape.outputActivation];
    this.outDer = DERIVATIVE[shape.outputActivation];
    this.w = new Float64Array(this.weightCount);
    this.b = new Float64Array(this.biasCount);
    this.dead = new Uint8Array(this.weightCount);
    this.accW = new Float64Array(this.weightCount);
    this.accB = new Float64Array(this.biasCount);
    this.z = new Float64Array(this.biasCount);
    this.a = new Float64Array(shape.inputSize + this.biasCount);
    this.outputDer = new Float64Array(this.biasCount);
    this.inputDer = new Float64Array(this.biasCount);
  }

  private alive(): void {
    if (this.freed) throw new EngineError('freed', 'This network has been freed and can no longer be used.');
  }

  weights(): Float64Array {
    this.alive();
    return this.w;
  }

  biases(): Float64Array {
    this.alive();
    return this.b;
  }

  deadLinks(): Uint8Array {
    this.alive();
    return this.dead;
  }

  setParameters(parameters: Parameters): void {
    this.alive();
    validateParameters(parameters, this.weightCount, this.biasCount);
    this.w.set(parameters.weights);
    this.b.set(parameters.biases);
    if (parameters.dead) {
      for (let k = 0; k < this.weightCount; k++) this.dead[k] = parameters.dead[k] ? 1 : 0;
    } else {
      this.dead.fill(0);
    }
    this.clearBatch();
  }

  batchState(): { weightGradients: Float64Array; biasGradients: Float64Array; count: number } {
    this.alive();
    return { weightGradients: this.accW.slice(), biasGradients: this.accB.slice(), count: this.accCount };
  }

  setBatchState(state: BatchState): void {
    this.alive();
    validateBatchState(state, this.weightCount, this.biasCount);
    this.accW.set(state.weightGradients);
    this.accB.set(state.biasGradients);
    this.accCount = state.count;
  }

  setWeight(index: number, value: number): void {
    this.alive();
    validateIndexedValue('weight', index, this.weightCount, value);
    // As in TF Playground, an edited dead link takes the value but is never trained again.
    this.w[index] = value;
  }

  setBias(index: number, value: number): void {
    this.alive();
    validateIndexedValue('bias', index, this.biasCount, value);
    this.b[index] = value;
  }

  private clearBatch(): void {
    this.accW.fill(0);
    this.accB.fill(0);
    this.accCount = 0;
  }

  /** Forward pass for point p; leaves z and a filled, returns the output. */
  private forward(inputs: Float64Array, p: number): number {
    const sizes = this.layerSizes;
    const { w, b, z, a } = this;
    const n0 = sizes[0]!;
    const base = p * n0;
    for (let i = 0; i < n0; i++) a[i] = inputs[base + i]!;
    const last = sizes.length - 1;
    let prevStart = 0; // slot of layer l-1's first node in a
    let node = 0; // index of layer l's first node (bias index)
    for (let l = 1; l <= last; l++) {
      const nIn = sizes[l - 1]!;
      const nOut = sizes[l]!;
      const act = l === last ? this.outAct : this.hiddenAct;
      let k = this.weightOffsets[l]!;
      for (let j = 0; j < nOut; j++) {
        let total = b[node + j]!;
        for (let i = 0; i < nIn; i++) total += w[k++]! * a[prevStart + i]!;
        z[node + j] = total;
        a[n0 + node + j] = act(total);
      }
      prevStart = n0 + node; // layer l feeds layer l+1
      node += nOut;
    }
    return a[n0 + node - 1]!;
  }

  /** Backward pass for the point last run forward; adds its gradients to the batch. */
  private backward(label: number): void {
    const sizes = this.layerSizes;
    const { w, z, a, dead, accW, accB, outputDer, inputDer } = this;
    const n0 = sizes[0]!;
    const last = sizes.length - 1;
    const outNode = this.biasCount - 1;
    // dE/d(output) for E = 0.5 (output - label)^2.
    outputDer[outNode] = a[n0 + outNode]! - label;
    let node = this.biasCount; // one past layer l's last node
    for (let l = last; l >= 1; l--) {
      const nIn = sizes[l - 1]!;
      const nOut = sizes[l]!;
      node -= nOut;
      const der = l === last ? this.outDer : this.hiddenDer;
      const prevStart = l === 1 ? 0 : n0 + node - nIn;
      for (let j = 0; j < nOut; j++) {
        const d = outputDer[node + j]! * der(z[node + j]!, a[n0 + node + j]!);
        inputDer[node + j] = d;
        accB[node + j]! += d;
      }
      let k = this.weightOffsets[l]!;
      for (let j = 0; j < nOut; j++) {
        const d = inputDer[node + j]!;
        for (let i = 0; i < nIn; i++, k++) {
          if (!dead[k]) accW[k]! += d * a[prevStart + i]!;
        }
      }
      if (l > 1) {
        const prevNode = node - nIn;
        for (let i = 0; i < nIn; i++) {
          let sum = 0;
          let k2 = this.weightOffsets[l]! + i;
          for (let j = 0; j < nOut; j++, k2 += nIn) sum += w[k2]! * inputDer[node + j]!;
          outputDer[prevNode + i] = sum;
        }
      }
    }
    this.accCount++;
  }

  /** Applies the mean of the accumulated gradients, then regularisation (nn.ts updateWeights). */
  private update(learningRate: number, regularization: number, regularizationRate: number): void {
    const { w, b, dead, accW, accB } = this;
    const count = this.accCount;
    if (count === 0) return;
    for (let n = 0; n < this.biasCount; n++) {
      b[n]! -= (learningRate * accB[n]!) / count;
      accB[n] = 0;
    }
    const step = learningRate / count;
    const regStep = learningRate * regularizationRate;
    for (let k = 0; k < this.weightCount; k++) {
      if (dead[k]) continue;
      const before = w[k]!;
      const regDer =
        regularization === REG_L1 ? (before < 0 ? -1 : before > 0 ? 1 : 0) : regularization === REG_L2 ? before : 0;
      const stepped = before - step * accW[k]!;
      const regularized = stepped - regStep * regDer;
      if (regularization === REG_L1 && stepped * regularized < 0) {
        // The regularisation term pushed the weight across zero: it dies.
        w[k] = 0;
        dead[k] = 1;
      } else {
        w[k] = regularized;
      }
      accW[k] = 0;
    }
    this.accCount = 0;
  }

  trainEpochs(data: EngineDataSet, settings: TrainSettings, epochs = 1): void {
    this.alive();
    const set = checkData(data);
    validateDataFitsNetwork(set, this.shape, true);
    validateSettings(settings);
    validateEpochs(epochs);
    const { learningRate, batchSize, regularizationRate } = settings;
    const reg =
      settings.regularization === 'l1' ? REG_L1 : settings.regularization === 'l2' ? REG_L2 : REG_NONE;
    const { inputs, labels, size } = set;
    for (let e = 0; e < epochs; e++) {
      for (let p = 0; p < size; p++) {
        this.forward(inputs, p);
        this.backward(labels[p]!);
        if ((p + 1) % batchSize === 0) this.update(learningRate, reg, regularizationRate);
      }
    }
  }

  trainUntil(
    train: EngineDataSet,
    test: EngineDataSet,
    settings: TrainSettings,
    maxEpochs: number,
    target: number,
  ): TargetTraining {
    this.alive();
    validateDataFitsNetwork(checkData(train), this.shape, true);
    validateDataFitsNetwork(checkData(test), this.shape, true);
    validateSettings(settings);
    validateEpochs(maxEpochs);
    validateLossTarget(target);
    let run: TargetTraining = { epochs: 0, reached: false, trainLoss: NaN, testLoss: null };
    for (let epoch = 1; epoch <= maxEpochs; epoch++) {
      this.trainEpochs(train, settings, 1);
      const trainLoss = this.loss(train);
      run = { epochs: epoch, reached: false, trainLoss, testLoss: null };
      if (!fitsF32(trainLoss)) break;
      if (trainLoss < target) {
        const testLoss = this.loss(test);
        const reached = fitsF32(testLoss) && testLoss < target;
        run = { epochs: epoch, reached, trainLoss, testLoss };
        if (reached || !fitsF32(testLoss)) break;
      }
    }
    return run;
  }

  loss(data: EngineDataSet): number {
    this.alive();
    const set = checkData(data);
    validateDataFitsNetwork(set, this.shape, true);
    let sum = 0;
    for (let p = 0; p < set.size; p++) {
      const diff = this.forward(set.inputs, p) - set.labels[p]!;
      sum += 0.5 * diff * diff;
    }
    return sum / set.size;
  }

  lossesOnPlane(data: EngineDataSet, plane: LossPlane): Float64Array {
    this.alive();
    const set = checkData(data);
    validateDataFitsNetwork(set, this.shape, true);
    validatePlane(plane, this.weightCount, this.biasCount);
    const { d1, d2, alphas, betas } = plane;
    const w0 = this.w.slice();
    const b0 = this.b.slice();
    const out = new Float64Array(alphas.length * betas.length);
    try {
      for (let j = 0; j < betas.length; j++) {
        const beta = betas[j]!;
        for (let i = 0; i < alphas.length; i++) {
          const alpha = alphas[i]!;
          if (alpha === 0 && beta === 0) {
            this.w.set(w0);
            this.b.set(b0);
          } else {
            for (let k = 0; k < w0.length; k++) this.w[k] = w0[k]! + alpha * d1.weights[k]! + beta * d2.weights[k]!;
            for (let k = 0; k < b0.length; k++) this.b[k] = b0[k]! + alpha * d1.biases[k]! + beta * d2.biases[k]!;
          }
          out[j * alphas.length + i] = this.loss(set);
        }
      }
    } finally {
      this.w.set(w0);
      this.b.set(b0);
    }
    return out;
  }

  predict(data: EngineDataSet): Float64Array {
    this.alive();
    const set = checkData(data);
    validateDataFitsNetwork(set, this.shape, false);
    const out = new Float64Array(set.size);
    for (let p = 0; p < set.size; p++) out[p] = this.forward(set.inputs, p);
    return out;
  }

  grid(points: EngineDataSet): Float64Array {
    this.alive();
    const set = checkData(points);
    validateDataFitsNetwork(set, this.shape, false);
    const size = set.size;
    const nodes = this.nodeCount;
    if (this.gridOut.length !== nodes * size) this.gridOut = new Float64Array(nodes * size);
    const out = this.gridOut;
    const n0 = this.shape.inputSize;
    for (let p = 0; p < size; p++) {
      this.forward(set.inputs, p);
      for (let n = 0; n < nodes; n++) out[n * size + p] = this.a[n0 + n]!;
    }
    return out;
  }

  free(): void {
    this.freed = true;
    this.w = this.b = this.accW = this.accB = this.z = this.a = new Float64Array(0);
    this.outputDer = this.inputDer = this.gridOut = new Float64Array(0);
    this.dead = new Uint8Array(0);
  }
}

/** The TypeScript reference engine. */
export const referenceEngine: Engine = {
  name: 'reference',
  createNetwork: (shape) => new ReferenceNetwork(shape),
  createDataSet: (data) => new ReferenceDataSet(data),
};
