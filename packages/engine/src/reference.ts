import { EngineError } from './errors.js';
import { outputSizeOf, parameterLayout } from './shape.js';
import type {
  Activation,
  BatchState,
  DataSet,
  Engine,
  EngineDataSet,
  LossPlane,
  Network,
  NetworkShape,
  Optimizer,
  OptimizerSettings,
  OptimizerState,
  Parameters,
  TargetTraining,
  TrainSettings,
} from './types.js';
import { CE_EPSILON, DEFAULT_OPTIMIZER, LEAKY_SLOPE, RMSPROP_RHO } from './types.js';
import {
  fitsF32,
  validateBatchState,
  validateClassLabels,
  validateDataFitsNetwork,
  validateDataSet,
  validateEpochs,
  validateIndexedValue,
  validateLossTarget,
  validateOptimizerState,
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
  leakyrelu: (x) => (x < 0 ? LEAKY_SLOPE * x : x),
  elu: (x) => (x < 0 ? Math.expm1(x) : x),
  swish: (x) => x / (1 + Math.exp(-x)),
  sine: (x) => Math.sin(x),
};

/** f'(z) given z and f(z) (tanh and sigmoid reuse the output, as nn.ts does). */
const DERIVATIVE: Record<Activation, (z: number, out: number) => number> = {
  relu: (z) => (z <= 0 ? 0 : 1),
  tanh: (_z, out) => 1 - out * out,
  sigmoid: (_z, out) => out * (1 - out),
  linear: () => 1,
  leakyrelu: (z) => (z <= 0 ? LEAKY_SLOPE : 1),
  elu: (z, out) => (z <= 0 ? out + 1 : 1),
  swish: (z) => {
    const s = 1 / (1 + Math.exp(-z));
    return s * (1 + z * (1 - s));
  },
  sine: (z) => Math.cos(z),
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
  /** The fewest classes whose numbers 0..k-1 cover every label (Infinity if a label is no class number); computed once. */
  private classes: number | undefined;

  constructor(data: DataSet) {
    validateDataSet(data);
    this.inputSize = data.inputSize;
    this.size = data.inputs.length / data.inputSize;
    this.hasLabels = data.labels.length > 0;
    this.inputs = Float64Array.from(data.inputs);
    this.labels = Float64Array.from(data.labels);
  }

  /** The fewest softmax classes this set's labels fit (see `classes`). */
  classesNeeded(): number {
    if (this.classes === undefined) {
      let k = 0;
      for (const label of this.labels) {
        k = Number.isInteger(label) && label >= 0 ? Math.max(k, label + 1) : Infinity;
        if (k === Infinity) break;
      }
      this.classes = k;
    }
    return this.classes;
  }

  free(): void {
    this.freed = true;
    this.inputs = new Float64Array(0);
    this.labels = new Float64Array(0);
  }
}

/** How the output layer turns into a loss: TF's squared error, or cross-entropy on a sigmoid or a softmax. */
type OutputKind = 'squared' | 'sigmoid' | 'softmax';

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
  readonly outputSize: number;
  readonly weightCount: number;
  readonly biasCount: number;
  readonly nodeCount: number;

  private readonly weightOffsets: readonly number[];
  private readonly hiddenAct: ActivationFn;
  private readonly hiddenDer: (z: number, out: number) => number;
  private readonly outAct: ActivationFn;
  private readonly outDer: (z: number, out: number) => number;
  private readonly outKind: OutputKind;
  /** Node number of the first output node (the output nodes are the last `outputSize`). */
  private readonly outStart: number;

  private w: Float64Array;
  private b: Float64Array;
  private dead: Uint8Array;
  /** Sum over the current batch of dE/dw for each link (accErrorDer in nn.ts). */
  private accW: Float64Array;
  /** Sum over the current batch of dE/dz for each node (accInputDer, which is dE/db). */
  private accB: Float64Array;
  /** Points accumulated since the last update (numAccumulatedDers). */
  private accCount = 0;
  /** The optimizer of the next updates, and the one its state belongs to. */
  private optimizer: OptimizerSettings = DEFAULT_OPTIMIZER;
  private stateOptimizer: Optimizer = 'sgd';
  /** Updates applied since the optimizer state was reset (Adam's t). */
  private steps = 0;
  /** Momentum's velocity or Adam's first moment, per weight and per bias. */
  private m1W: Float64Array;
  private m1B: Float64Array;
  /** RMSProp's or Adam's mean square, per weight and per bias. */
  private m2W: Float64Array;
  private m2B: Float64Array;
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
    this.outputSize = outputSizeOf(shape);
    this.outStart = this.biasCount - this.outputSize;
    const out = shape.outputActivation;
    this.outKind = out === 'softmax' ? 'softmax' : out === 'sigmoid' ? 'sigmoid' : 'squared';
    // A softmax layer keeps z in a until `forward` normalises it; cross-entropy's dE/dz needs no f'.
    this.outAct = OUTPUT[out === 'softmax' ? 'linear' : out];
    this.outDer = DERIVATIVE[out === 'softmax' ? 'linear' : out];
    this.w = new Float64Array(this.weightCount);
    this.b = new Float64Array(this.biasCount);
    this.dead = new Uint8Array(this.weightCount);
    this.accW = new Float64Array(this.weightCount);
    this.accB = new Float64Array(this.biasCount);
    this.m1W = new Float64Array(this.weightCount);
    this.m2W = new Float64Array(this.weightCount);
    this.m1B = new Float64Array(this.biasCount);
    this.m2B = new Float64Array(this.biasCount);
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
    this.resetOptimizerState(this.optimizer.optimizer);
  }

  private resetOptimizerState(optimizer: Optimizer): void {
    this.stateOptimizer = optimizer;
    this.steps = 0;
    this.m1W.fill(0);
    this.m1B.fill(0);
    this.m2W.fill(0);
    this.m2B.fill(0);
  }

  /** Sets the optimizer of the next updates; another optimizer than the state's starts afresh. */
  private useOptimizer(settings: OptimizerSettings): void {
    this.optimizer = settings;
    if (settings.optimizer !== this.stateOptimizer) this.resetOptimizerState(settings.optimizer);
  }

  optimizerState(): {
    optimizer: Optimizer;
    steps: number;
    weightMoment1: Float64Array;
    biasMoment1: Float64Array;
    weightMoment2: Float64Array;
    biasMoment2: Float64Array;
  } {
    this.alive();
    return {
      optimizer: this.stateOptimizer,
      steps: this.steps,
      weightMoment1: this.m1W.slice(),
      biasMoment1: this.m1B.slice(),
      weightMoment2: this.m2W.slice(),
      biasMoment2: this.m2B.slice(),
    };
  }

  setOptimizerState(state: OptimizerState): void {
    this.alive();
    validateOptimizerState(state, this.weightCount, this.biasCount);
    this.optimizer = { ...this.optimizer, optimizer: state.optimizer };
    this.stateOptimizer = state.optimizer;
    this.steps = state.steps;
    this.m1W.set(state.weightMoment1);
    this.m1B.set(state.biasMoment1);
    this.m2W.set(state.weightMoment2);
    this.m2B.set(state.biasMoment2);
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
    if (this.outKind === 'softmax') this.softmax();
    return a[n0 + node - 1]!;
  }

  /** Turns the output layer's z into probabilities: e^(z_c - m) / sum_j e^(z_j - m), m = max_j z_j. */
  private softmax(): void {
    const { z, a } = this;
    const first = this.outStart;
    const slot = this.shape.inputSize + first;
    const k = this.outputSize;
    let m = -Infinity;
    for (let c = 0; c < k; c++) m = Math.max(m, z[first + c]!);
    let sum = 0;
    for (let c = 0; c < k; c++) {
      const e = Math.exp(z[first + c]! - m);
      a[slot + c] = e;
      sum += e;
    }
    for (let c = 0; c < k; c++) a[slot + c]! /= sum;
  }

  /** The loss of the point last run forward (see OutputActivation). */
  private pointLoss(label: number): number {
    const a = this.a;
    const slot = this.shape.inputSize + this.outStart;
    if (this.outKind === 'squared') {
      const diff = a[slot]! - label;
      return 0.5 * diff * diff;
    }
    if (this.outKind === 'sigmoid') {
      const p = a[slot]!;
      const y = (label + 1) / 2;
      if (y === 1) return -Math.log(Math.max(p, CE_EPSILON));
      if (y === 0) return -Math.log(Math.max(1 - p, CE_EPSILON));
      return -(y * Math.log(Math.max(p, CE_EPSILON)) + (1 - y) * Math.log(Math.max(1 - p, CE_EPSILON)));
    }
    return -Math.log(Math.max(a[slot + label]!, CE_EPSILON));
  }

  /** A softmax network refuses labels that are no class numbers (checked before anything changes). */
  private checkLabels(set: ReferenceDataSet): void {
    if (this.outKind === 'softmax' && set.classesNeeded() > this.outputSize) {
      validateClassLabels(set.labels, this.outputSize);
    }
  }

  /** Backward pass for the point last run forward; adds its gradients to the batch. */
  private backward(label: number): void {
    const sizes = this.layerSizes;
    const { w, z, a, dead, accW, accB, outputDer, inputDer } = this;
    const n0 = sizes[0]!;
    const last = sizes.length - 1;
    const outNode = this.biasCount - 1;
    const kind = this.outKind;
    // dE/d(output) for E = 0.5 (output - label)^2.
    if (kind === 'squared') outputDer[outNode] = a[n0 + outNode]! - label;
    let node = this.biasCount; // one past layer l's last node
    for (let l = last; l >= 1; l--) {
      const nIn = sizes[l - 1]!;
      const nOut = sizes[l]!;
      node -= nOut;
      const der = l === last ? this.outDer : this.hiddenDer;
      const prevStart = l === 1 ? 0 : n0 + node - nIn;
      if (l === last && kind !== 'squared') {
        // Cross-entropy on a sigmoid or softmax: dE/dz = p - y, exact (the clip is only in the loss).
        for (let j = 0; j < nOut; j++) {
          const y = kind === 'sigmoid' ? (label + 1) / 2 : j === label ? 1 : 0;
          const d = a[n0 + node + j]! - y;
          inputDer[node + j] = d;
          accB[node + j]! += d;
        }
      } else {
        for (let j = 0; j < nOut; j++) {
          const d = outputDer[node + j]! * der(z[node + j]!, a[n0 + node + j]!);
          inputDer[node + j] = d;
          accB[node + j]! += d;
        }
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
    if (this.optimizer.optimizer !== 'sgd') {
      this.optimizerUpdate(learningRate, regularization, regularizationRate);
      return;
    }
    this.steps++;
    for (let n = 0; n < this.biasCount; n++) {
      b[n]! -= (learningRate * accB[n]!) / count;
      accB[n] = 0;
    }
    const step = learningRate / count;
    const regStep = learningRate * regularizationRate;
    for (let k = 0; k < this.weightCount; k++) {
      if (!dead[k]) this.regularize(k, w[k]! - step * accW[k]!, regularization, regStep);
      accW[k] = 0;
    }
    this.accCount = 0;
  }

  /**
   * TF's regularisation of live weight k after its gradient step (`stepped`): the
   * penalty's derivative at the weight before the step (L1 sign(w), sign(0) = 0;
   * L2 w) times `regStep`; under L1 a weight pushed across zero dies.
   */
  private regularize(k: number, stepped: number, regularization: number, regStep: number): void {
    const { w, dead } = this;
    const before = w[k]!;
    const regDer =
      regularization === REG_L1 ? (before < 0 ? -1 : before > 0 ? 1 : 0) : regularization === REG_L2 ? before : 0;
    const regularized = stepped - regStep * regDer;
    if (regularization === REG_L1 && stepped * regularized < 0) {
      w[k] = 0;
      dead[k] = 1;
    } else {
      w[k] = regularized;
    }
  }

  /**
   * The update of momentum, RMSProp and Adam (formulas at `Optimizer` in types.ts):
   * each parameter's mean gradient g gives the optimizer's step; biases move by it;
   * each live weight moves by it, then gets the regularisation step as in `update`
   * (derivative at the weight before the step). Dead links and their state stay.
   */
  private optimizerUpdate(learningRate: number, regularization: number, regularizationRate: number): void {
    const { w, b, dead, accW, accB, m1W, m1B, m2W, m2B } = this;
    const count = this.accCount;
    const { optimizer, momentum, beta1, beta2, epsilon } = this.optimizer;
    const t = ++this.steps;
    const correction1 = 1 - Math.pow(beta1, t);
    const correction2 = 1 - Math.pow(beta2, t);
    // The step for mean gradient g of parameter k of (m1, m2), updating its state.
    const step = (g: number, m1: Float64Array, m2: Float64Array, k: number): number => {
      if (optimizer === 'momentum') {
        m1[k] = momentum * m1[k]! + g;
        return learningRate * m1[k]!;
      }
      if (optimizer === 'rmsprop') {
        m2[k] = RMSPROP_RHO * m2[k]! + (1 - RMSPROP_RHO) * g * g;
        return (learningRate * g) / (Math.sqrt(m2[k]!) + epsilon);
      }
      m1[k] = beta1 * m1[k]! + (1 - beta1) * g;
      m2[k] = beta2 * m2[k]! + (1 - beta2) * g * g;
      return (learningRate * (m1[k]! / correction1)) / (Math.sqrt(m2[k]! / correction2) + epsilon);
    };
    for (let n = 0; n < this.biasCount; n++) {
      b[n]! -= step(accB[n]! / count, m1B, m2B, n);
      accB[n] = 0;
    }
    const regStep = learningRate * regularizationRate;
    for (let k = 0; k < this.weightCount; k++) {
      if (!dead[k]) this.regularize(k, w[k]! - step(accW[k]! / count, m1W, m2W, k), regularization, regStep);
      accW[k] = 0;
    }
    this.accCount = 0;
  }

  trainEpochs(data: EngineDataSet, settings: TrainSettings, epochs = 1): void {
    this.alive();
    const set = checkData(data);
    validateDataFitsNetwork(set, this.shape, true);
    this.checkLabels(set);
    validateSettings(settings);
    validateEpochs(epochs);
    this.useOptimizer(settings.optimizer ?? DEFAULT_OPTIMIZER);
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
    this.checkLabels(checkData(train));
    this.checkLabels(checkData(test));
    validateSettings(settings);
    validateEpochs(maxEpochs);
    validateLossTarget(target);
    this.useOptimizer(settings.optimizer ?? DEFAULT_OPTIMIZER);
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
    this.checkLabels(set);
    let sum = 0;
    for (let p = 0; p < set.size; p++) {
      this.forward(set.inputs, p);
      sum += this.pointLoss(set.labels[p]!);
    }
    return sum / set.size;
  }

  lossesOnPlane(data: EngineDataSet, plane: LossPlane): Float64Array {
    this.alive();
    const set = checkData(data);
    validateDataFitsNetwork(set, this.shape, true);
    this.checkLabels(set);
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
    const k = this.outputSize;
    const out = new Float64Array(set.size * k);
    if (k === 1) {
      for (let p = 0; p < set.size; p++) out[p] = this.forward(set.inputs, p);
      return out;
    }
    const slot = this.shape.inputSize + this.outStart;
    for (let p = 0; p < set.size; p++) {
      this.forward(set.inputs, p);
      for (let c = 0; c < k; c++) out[p * k + c] = this.a[slot + c]!;
    }
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
    this.m1W = this.m1B = this.m2W = this.m2B = new Float64Array(0);
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
