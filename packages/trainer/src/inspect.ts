/**
 * The backpropagation inspector's numbers: one training point's forward and
 * backward pass through the current network, the batch in progress with that
 * point's batch-mates added, and the update the batch's end will make, all in
 * f64 from the engine's own numbers (its f32 weights, for the WASM core).
 *
 * It only reads: nothing here changes the network or its batch, so a run's
 * journal stays exact.
 *
 * Which points make "the next batch": TensorFlow Playground trains the points
 * in order and applies an update after point p of an epoch whenever
 * (p + 1) % batchSize == 0, counted from the start of each epoch; gradients of
 * points after the last update of an epoch carry over into the next epoch's
 * first batch (the engine's `batchState()`). The trainer trains whole epochs,
 * so the next update comes after points 0 .. batchSize - 1 of the next epoch,
 * on top of the carried gradients. If batchSize is larger than the training
 * set, no epoch ever reaches an update (as in TF Playground).
 *
 * Layouts are the engines' (see @nn/engine types.ts): weights row-major by
 * destination node, layer after layer; non-input nodes numbered layer after
 * layer, the output nodes last (one per class for a softmax output, in class
 * order).
 *
 * The output layer decides the loss (see @nn/engine's OutputActivation): TF's
 * squared error on a tanh or linear output, binary cross-entropy on a sigmoid
 * (y = (label + 1) / 2), categorical cross-entropy on a softmax (the label is
 * the class number). Cross-entropy's dE/dz of an output node is p - y, exact;
 * its loss is -ln(max(q, CE_EPSILON)).
 */
import {
  CE_EPSILON,
  DEFAULT_OPTIMIZER,
  LEAKY_SLOPE,
  RMSPROP_RHO,
  type Activation,
  type BatchState,
  type Optimizer,
  type OptimizerState,
  type OutputActivation,
  type TrainSettings,
} from '@nn/engine';

/** What the inspector reads from the trainer's session. */
export interface InspectInput {
  /** `[inputSize, ...hiddenSizes, outputSize]` (outputSize: the classes of a softmax output, else 1). */
  readonly layerSizes: readonly number[];
  readonly activation: Activation;
  readonly outputActivation: OutputActivation;
  readonly weights: ArrayLike<number>;
  readonly biases: ArrayLike<number>;
  /** 1 where a link is dead. */
  readonly dead: ArrayLike<number>;
  /** The batch in progress, carried from the previous epoch. */
  readonly batch: BatchState;
  readonly settings: TrainSettings;
  /**
   * The network's optimizer state (`Network.optimizerState()`); omitted means a
   * fresh one. A state of another optimizer than `settings.optimizer`'s starts
   * afresh at the next update, as in the engines.
   */
  readonly optimizerState?: OptimizerState;
  /** The training points' features, point-major, and their labels: as the engine holds them. */
  readonly inputs: ArrayLike<number>;
  readonly labels: ArrayLike<number>;
}

/** Which point to inspect and how far through the next batch. */
export interface InspectRequest {
  /** Index of a training point (the order in which they are trained). */
  readonly point: number;
  /**
   * How many points of the next batch (points 0 .. through - 1 of the next
   * epoch) are added to the carried gradients, 0 .. `batchLength`. Default:
   * point + 1 when the point is in the next batch, else 0.
   */
  readonly through?: number;
}

/** One point's pass, and the batch up to `through`. Every array is a plain number[]. */
export interface Inspection {
  readonly point: number;
  /** The network's output activation, which decides the loss (squared error or cross-entropy). */
  readonly output: OutputActivation;
  /** The point's features (the input nodes' outputs) and its label (-1/+1, a value, or a softmax's class number). */
  readonly inputs: number[];
  readonly label: number;
  /** Total input z_j = sum_i w_ij a_i + b_j of each non-input node. */
  readonly totals: number[];
  /**
   * Output a_j = f(z_j) of each non-input node (the output node's is the prediction;
   * a softmax's output nodes hold p_c = e^(z_c - m) / sum_k e^(z_k - m), m = max_k z_k).
   */
  readonly outputs: number[];
  /**
   * This point's loss: E = 0.5 (a_out - y)^2 (tanh, linear); -ln(max(q, 1e-7)) with q = p
   * for y = 1 and 1 - p for y = 0 (sigmoid, y = (label + 1) / 2); -ln(max(p_label, 1e-7)) (softmax).
   */
  readonly loss: number;
  /**
   * dE/da_j of each non-input node. For cross-entropy's output nodes, of the unclipped loss:
   * (p - y) / (p (1 - p)) for a sigmoid, -[c = label] / p_c for a softmax's node c.
   */
  readonly outputDerivatives: number[];
  /**
   * dE/dz_j = dE/da_j f'(z_j) of each non-input node; also dE/db_j. A cross-entropy
   * output node's is p - y (sigmoid) or p_c - [c = label] (softmax: z_c moves every p_k).
   */
  readonly inputDerivatives: number[];
  /** dE/dw_ij = dE/dz_j a_i for this point, 0 for a dead link (weights' layout). */
  readonly weightGradients: number[];
  /** dE/db_j = dE/dz_j for this point. */
  readonly biasGradients: number[];
  readonly batch: InspectedBatch;
}

export interface InspectedBatch {
  /** Training points in the next batch: min(batchSize, size). */
  readonly length: number;
  /** Number of training points. */
  readonly size: number;
  /** Points whose gradients carried over from the previous epoch. */
  readonly carried: number;
  /** Points of the next batch added so far (points 0 .. added - 1). */
  readonly added: number;
  /** carried + added: what the sums are divided by. */
  readonly count: number;
  /** True when every point of the batch is added and the batch's end applies an update. */
  readonly complete: boolean;
  /** False when batchSize > size: no epoch reaches an update. */
  readonly updates: boolean;
  /** Sums of dE/dw and dE/db over the batch so far, and their means (0 while count is 0). */
  readonly weightSums: number[];
  readonly biasSums: number[];
  readonly weightMeans: number[];
  readonly biasMeans: number[];
  /** The optimizer of the update (`settings.optimizer`, SGD when omitted). */
  readonly optimizer: Optimizer;
  /**
   * The update's number t since the optimizer's state was reset (Adam's bias
   * correction uses it): the state's steps + 1, or 1 when the state belongs to
   * another optimizer; 0 while count is 0 (no update).
   */
  readonly step: number;
  /**
   * The optimizer's state after the update, in the weights' and biases'
   * layouts: moment 1 is momentum's velocity v or Adam's m, moment 2 RMSProp's
   * mean square s or Adam's v. Unused moments, dead links' and everything while
   * count is 0 stay as they were (0 for SGD).
   */
  readonly weightMoment1After: number[];
  readonly biasMoment1After: number[];
  readonly weightMoment2After: number[];
  readonly biasMoment2After: number[];
  /**
   * The update from the mean so far g (the predicted update once `complete`),
   * as the engines make it: the optimizer's step d(g) (sgd: lr g; momentum:
   * lr v', v' = momentum v + g; rmsprop: lr g / (sqrt(s') + epsilon),
   * s' = rho s + (1 - rho) g^2; adam: lr m'' / (sqrt(v'') + epsilon) with the
   * moments bias-corrected at t), then w' = w - d(g) - lr * rate * R'(w),
   * R'(w) = sign(w) (L1) or w (L2), taken from w before the step; with L1 a
   * weight that the regularisation term pushes across zero becomes 0 and its
   * link dies. Dead links never change. b' = b - d(g). While count is 0 there
   * is no update: nothing changes.
   */
  readonly gradientSteps: number[];
  /** -d(g) of each bias. */
  readonly biasSteps: number[];
  readonly regularizationSteps: number[];
  readonly weightsAfter: number[];
  readonly biasesAfter: number[];
  readonly deadAfter: number[];
}

type Fn = (z: number) => number;
const ACT: Record<Activation, Fn> = {
  relu: (z) => Math.max(0, z),
  tanh: (z) => Math.tanh(z),
  sigmoid: (z) => 1 / (1 + Math.exp(-z)),
  linear: (z) => z,
  leakyrelu: (z) => (z < 0 ? LEAKY_SLOPE * z : z),
  elu: (z) => (z < 0 ? Math.expm1(z) : z),
  swish: (z) => z / (1 + Math.exp(-z)),
  sine: (z) => Math.sin(z),
};
/** f'(z) from z and a = f(z), as TF Playground computes it (relu: 0 at z <= 0). */
const DER: Record<Activation, (z: number, a: number) => number> = {
  relu: (z) => (z <= 0 ? 0 : 1),
  tanh: (_z, a) => 1 - a * a,
  sigmoid: (_z, a) => a * (1 - a),
  linear: () => 1,
  leakyrelu: (z) => (z <= 0 ? LEAKY_SLOPE : 1),
  elu: (z, a) => (z <= 0 ? a + 1 : 1),
  swish: (z) => {
    const s = 1 / (1 + Math.exp(-z));
    return s * (1 + z * (1 - s));
  },
  sine: (z) => Math.cos(z),
};

/** The number of training points in `input`. */
export function pointCount(input: Pick<InspectInput, 'layerSizes' | 'inputs'>): number {
  return input.inputs.length / input.layerSizes[0]!;
}

/** min(batchSize, points): the points of the next batch. */
export function batchLength(input: Pick<InspectInput, 'layerSizes' | 'inputs' | 'settings'>): number {
  return Math.min(input.settings.batchSize, pointCount(input));
}

interface Pass {
  inputs: number[];
  totals: number[];
  outputs: number[];
  loss: number;
  outputDerivatives: number[];
  inputDerivatives: number[];
  weightGradients: number[];
}

/** Forward and backward pass of point p, in f64. */
function passOf(input: InspectInput, p: number): Pass {
  const sizes = input.layerSizes;
  const n0 = sizes[0]!;
  const last = sizes.length - 1;
  const nodes = input.biases.length;
  const { weights: w, biases: b, dead } = input;
  const x = Array.from({ length: n0 }, (_, i) => Number(input.inputs[p * n0 + i]));
  const totals = new Array<number>(nodes).fill(0);
  const outputs = new Array<number>(nodes).fill(0);
  // Offsets of each layer's first weight and first node.
  const wOff = [0, 0];
  const nOff = [0, 0];
  for (let l = 1; l <= last; l++) {
    wOff[l + 1] = wOff[l]! + sizes[l]! * sizes[l - 1]!;
    nOff[l + 1] = nOff[l]! + sizes[l]!;
  }
  const prevOut = (l: number, i: number): number => (l === 1 ? x[i]! : outputs[nOff[l - 1]! + i]!);
  const outKind = input.outputActivation;
  const outSize = sizes[last]!;
  const outStart = nodes - outSize;
  for (let l = 1; l <= last; l++) {
    // A softmax layer's z first; the normalisation follows below.
    const act = ACT[l < last ? input.activation : outKind === 'softmax' ? 'linear' : outKind];
    for (let j = 0; j < sizes[l]!; j++) {
      let z = b[nOff[l]! + j]!;
      for (let i = 0; i < sizes[l - 1]!; i++) z += w[wOff[l]! + j * sizes[l - 1]! + i]! * prevOut(l, i);
      totals[nOff[l]! + j] = z;
      outputs[nOff[l]! + j] = act(z);
    }
  }
  if (outKind === 'softmax') {
    let m = -Infinity;
    for (let c = 0; c < outSize; c++) m = Math.max(m, totals[outStart + c]!);
    let sum = 0;
    for (let c = 0; c < outSize; c++) sum += outputs[outStart + c] = Math.exp(totals[outStart + c]! - m);
    for (let c = 0; c < outSize; c++) outputs[outStart + c]! /= sum;
  }
  const label = Number(input.labels[p]);
  const out = outputs[nodes - 1]!;
  const outputDerivatives = new Array<number>(nodes).fill(0);
  const inputDerivatives = new Array<number>(nodes).fill(0);
  const weightGradients = new Array<number>(w.length).fill(0);
  let loss: number;
  /** dE/dz of the output nodes for cross-entropy, exact: p - y. */
  let crossEntropy: number[] | undefined;
  if (outKind === 'sigmoid') {
    const y = (label + 1) / 2;
    loss =
      y === 1
        ? -Math.log(Math.max(out, CE_EPSILON))
        : y === 0
          ? -Math.log(Math.max(1 - out, CE_EPSILON))
          : -(y * Math.log(Math.max(out, CE_EPSILON)) + (1 - y) * Math.log(Math.max(1 - out, CE_EPSILON)));
    outputDerivatives[nodes - 1] = (out - y) / (out * (1 - out));
    crossEntropy = [out - y];
  } else if (outKind === 'softmax') {
    loss = -Math.log(Math.max(outputs[outStart + label]!, CE_EPSILON));
    crossEntropy = [];
    for (let c = 0; c < outSize; c++) {
      const pc = outputs[outStart + c]!;
      outputDerivatives[outStart + c] = c === label ? -1 / pc : 0;
      crossEntropy.push(pc - (c === label ? 1 : 0));
    }
  } else {
    loss = 0.5 * (out - label) ** 2;
    outputDerivatives[nodes - 1] = out - label;
  }
  for (let l = last; l >= 1; l--) {
    const der = DER[l === last ? (outKind === 'softmax' ? 'linear' : outKind) : input.activation];
    const nIn = sizes[l - 1]!;
    for (let j = 0; j < sizes[l]!; j++) {
      const n = nOff[l]! + j;
      // + 0 turns -0 (0 times a negative number) into 0 for display.
      const d = (l === last && crossEntropy ? crossEntropy[j]! : outputDerivatives[n]! * der(totals[n]!, outputs[n]!)) + 0;
      inputDerivatives[n] = d;
      for (let i = 0; i < nIn; i++) {
        const k = wOff[l]! + j * nIn + i;
        if (!dead[k]) weightGradients[k] = d * prevOut(l, i) + 0;
      }
    }
    if (l > 1) {
      // dE/da_i = sum_j w_ij dE/dz_j (dead links still carry the error back, as in TF).
      for (let i = 0; i < nIn; i++) {
        let sum = 0;
        for (let j = 0; j < sizes[l]!; j++) sum += w[wOff[l]! + j * nIn + i]! * inputDerivatives[nOff[l]! + j]!;
        outputDerivatives[nOff[l - 1]! + i] = sum;
      }
    }
  }
  return { inputs: x, totals, outputs, loss, outputDerivatives, inputDerivatives, weightGradients };
}

/**
 * The inspector's numbers for `request` (already checked: the point is a
 * training point, `through` within 0 .. batchLength).
 */
export function inspect(input: InspectInput, request: InspectRequest): Inspection {
  const size = pointCount(input);
  const length = batchLength(input);
  const { point } = request;
  const through = request.through ?? (point < length ? point + 1 : 0);
  const pass = passOf(input, point);
  const weightSums = Array.from(input.batch.weightGradients, Number);
  const biasSums = Array.from(input.batch.biasGradients, Number);
  for (let q = 0; q < through; q++) {
    const other = q === point ? pass : passOf(input, q);
    for (let k = 0; k < weightSums.length; k++) weightSums[k]! += other.weightGradients[k]!;
    for (let n = 0; n < biasSums.length; n++) biasSums[n]! += other.inputDerivatives[n]!;
  }
  const count = input.batch.count + through;
  const { learningRate: lr, regularization, regularizationRate } = input.settings;
  const settings = input.settings.optimizer ?? DEFAULT_OPTIMIZER;
  const { optimizer, momentum, beta1, beta2, epsilon } = settings;
  const weightMeans = weightSums.map((s) => (count === 0 ? 0 : s / count));
  const biasMeans = biasSums.map((s) => (count === 0 ? 0 : s / count));
  const weights = Array.from(input.weights, Number);
  const biases = Array.from(input.biases, Number);
  const dead = Array.from(input.dead, (d) => (d ? 1 : 0));
  // The state the update starts from: the network's, or a fresh one for another optimizer.
  const state = input.optimizerState?.optimizer === optimizer ? input.optimizerState : undefined;
  const from = (values: ArrayLike<number> | undefined, length: number): number[] =>
    values ? Array.from(values, Number) : new Array<number>(length).fill(0);
  const weightMoment1After = from(state?.weightMoment1, weights.length);
  const weightMoment2After = from(state?.weightMoment2, weights.length);
  const biasMoment1After = from(state?.biasMoment1, biases.length);
  const biasMoment2After = from(state?.biasMoment2, biases.length);
  const step = count === 0 ? 0 : (state?.steps ?? 0) + 1;
  const correction1 = 1 - Math.pow(beta1, step);
  const correction2 = 1 - Math.pow(beta2, step);
  // The optimizer's step d(g) for mean gradient g of parameter k, updating (m1, m2) at k (reference.ts).
  const stepOf = (g: number, m1: number[], m2: number[], k: number): number => {
    if (optimizer === 'sgd') return lr * g;
    if (optimizer === 'momentum') {
      m1[k] = momentum * m1[k]! + g;
      return lr * m1[k]!;
    }
    if (optimizer === 'rmsprop') {
      m2[k] = RMSPROP_RHO * m2[k]! + (1 - RMSPROP_RHO) * g * g;
      return (lr * g) / (Math.sqrt(m2[k]!) + epsilon);
    }
    m1[k] = beta1 * m1[k]! + (1 - beta1) * g;
    m2[k] = beta2 * m2[k]! + (1 - beta2) * g * g;
    return (lr * (m1[k]! / correction1)) / (Math.sqrt(m2[k]! / correction2) + epsilon);
  };
  const none = count === 0;
  // + 0 turns -0 into 0 for display.
  const biasSteps = biases.map((_, n) => (none ? 0 : -stepOf(biasMeans[n]!, biasMoment1After, biasMoment2After, n) + 0));
  const gradientSteps = weights.map((_, k) =>
    none || dead[k] ? 0 : -stepOf(weightMeans[k]!, weightMoment1After, weightMoment2After, k) + 0,
  );
  const regularizationSteps = weights.map((wk, k) => {
    if (none || dead[k] || regularization === 'none') return 0;
    const der = regularization === 'l1' ? Math.sign(wk) || 0 : wk;
    return -lr * regularizationRate * der;
  });
  const deadAfter = [...dead];
  const weightsAfter = weights.map((wk, k) => {
    if (none || dead[k]) return wk;
    const stepped = wk + gradientSteps[k]!;
    const regularized = stepped + regularizationSteps[k]!;
    if (regularization === 'l1' && stepped * regularized < 0) {
      deadAfter[k] = 1;
      return 0;
    }
    return regularized;
  });
  const biasesAfter = biases.map((bn, n) => bn + biasSteps[n]!);
  const updates = input.settings.batchSize <= size;
  return {
    point,
    output: input.outputActivation,
    inputs: pass.inputs,
    label: Number(input.labels[point]),
    totals: pass.totals,
    outputs: pass.outputs,
    loss: pass.loss,
    outputDerivatives: pass.outputDerivatives,
    inputDerivatives: pass.inputDerivatives,
    weightGradients: pass.weightGradients,
    biasGradients: [...pass.inputDerivatives],
    batch: {
      length,
      size,
      carried: input.batch.count,
      added: through,
      count,
      complete: updates && through === length,
      updates,
      weightSums,
      biasSums,
      weightMeans,
      biasMeans,
      optimizer,
      step,
      weightMoment1After,
      biasMoment1After,
      weightMoment2After,
      biasMoment2After,
      gradientSteps,
      biasSteps,
      regularizationSteps,
      weightsAfter,
      biasesAfter,
      deadAfter,
    },
  };
}
