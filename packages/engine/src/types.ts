/**
 * The types every engine shares. An engine (the WASM core or the TypeScript
 * reference) trains one multilayer perceptron at a time per `Network` handle.
 *
 * Layout conventions (the same in Rust, in TypeScript and in the UI):
 * - Layers are numbered 0 (inputs) .. L+1 (the output layer); the layer
 *   sizes are `[inputSize, ...hiddenSizes, outputSize]` (outputSize 1 except
 *   for a softmax output, which has one node per class).
 * - Weights are one flat array, layer after layer. Layer l (1..L+1) holds
 *   `size[l] * size[l-1]` weights, row-major by destination node:
 *   the weight of the link from node i of layer l-1 into node j of layer l
 *   is at `weightOffset(l) + j * size[l-1] + i`. This is also the order in
 *   which TensorFlow Playground draws its initial weights.
 * - Biases are one flat array, layer after layer, one per non-input node.
 * - Nodes that have an output map are numbered the same way: hidden nodes
 *   layer after layer, then the output nodes last, in class order
 *   (`nodeCount - outputSize .. nodeCount - 1`).
 */

/** The largest finite f32, 3.4028234663852886e38: the WASM core computes in f32. */
export const F32_MAX = 3.4028234663852886e38;
/** The smallest positive f32 (a subnormal), 1.4e-45. */
export const F32_MIN_POSITIVE = 1.401298464324817e-45;
/** The largest number of epochs one call trains: the core counts them in a u32. */
export const MAX_EPOCHS_PER_CALL = 0xffff_ffff;

/**
 * Activation of a hidden node: TF's four, then leaky ReLU (z < 0 ? 0.01 z : z),
 * ELU (alpha 1: z < 0 ? e^z - 1 : z), swish / SiLU (z sigmoid(z)) and sine.
 */
export type Activation = 'relu' | 'tanh' | 'sigmoid' | 'linear' | 'leakyrelu' | 'elu' | 'swish' | 'sine';
/**
 * Activation of the output layer, which also decides the loss:
 * - `tanh` (TF's classification): one node, squared error 0.5 (a - y)^2, labels -1/+1.
 * - `linear` (TF's regression): one node, squared error 0.5 (a - y)^2.
 * - `sigmoid`: one node, p = 1 / (1 + e^-z), binary cross-entropy
 *   -(y ln p + (1 - y) ln(1 - p)) with y = (label + 1) / 2 (labels -1/+1, as TF's).
 * - `softmax`: `outputSize` nodes (2..LIMITS.maxOutputs), p_c = e^(z_c - m) / sum_j e^(z_j - m)
 *   with m = max_j z_j, categorical cross-entropy -ln p_label; a label is the class's
 *   index 0..outputSize-1.
 * Cross-entropy per point is computed as -ln(max(q, CE_EPSILON)), q being the
 * probability given to the right answer (p or 1 - p for sigmoid, p_label for softmax),
 * so a confident wrong answer costs at most -ln(1e-7) = 16.1 instead of Infinity.
 * Its derivative by the output's z is exact and unclipped: p - y for sigmoid,
 * p_c - [c = label] for softmax (the clip is only in the loss's value).
 */
export type OutputActivation = 'tanh' | 'linear' | 'sigmoid' | 'softmax';
/** The floor of the probability inside cross-entropy's logarithm (as Keras's epsilon). */
export const CE_EPSILON = 1e-7;
/** Output activation codes shared with the core: tanh 1, linear 3, sigmoid 2, softmax 8. */
export const OUTPUT_ACTIVATION_CODES: Readonly<Record<OutputActivation, number>> = {
  tanh: 1,
  linear: 3,
  sigmoid: 2,
  softmax: 8,
};
export type Regularization = 'none' | 'l1' | 'l2';

/** In the order of the codes shared with the core (0 relu .. 7 sine). */
export const ACTIVATIONS: readonly Activation[] = ['relu', 'tanh', 'sigmoid', 'linear', 'leakyrelu', 'elu', 'swish', 'sine'];
/** Leaky ReLU's slope for z < 0. */
export const LEAKY_SLOPE = 0.01;
export const OUTPUT_ACTIVATIONS: readonly OutputActivation[] = ['tanh', 'linear', 'sigmoid', 'softmax'];
export const REGULARIZATIONS: readonly Regularization[] = ['none', 'l1', 'l2'];

/** What every engine accepts. The UI shows less (6 layers of 8 neurons). */
export const LIMITS = {
  maxInputs: 32,
  maxHiddenLayers: 16,
  maxNeurons: 128,
  /** Most output nodes (classes) of a softmax output. */
  maxOutputs: 16,
  maxBatchSize: 1024,
  /** Largest data set (points) an engine accepts. */
  maxPoints: 1 << 20,
  /** Most (alpha, beta) pairs one `Network.lossesOnPlane` call evaluates. */
  maxPlaneValues: 1 << 16,
} as const;

export interface NetworkShape {
  /** Number of input features, 1..LIMITS.maxInputs. */
  readonly inputSize: number;
  /** Neurons per hidden layer, 0..LIMITS.maxHiddenLayers entries of 1..LIMITS.maxNeurons. */
  readonly hiddenSizes: readonly number[];
  readonly activation: Activation;
  readonly outputActivation: OutputActivation;
  /**
   * Output nodes: 1 (the default when left out) for tanh, linear and sigmoid;
   * 2..LIMITS.maxOutputs (the number of classes) for softmax.
   */
  readonly outputSize?: number;
}

/**
 * How a batch's mean gradient g moves each parameter p (learning rate lr):
 * - `sgd` (TensorFlow Playground's): p -= lr g.
 * - `momentum` (classical): v = momentum v + g; p -= lr v.
 * - `rmsprop`: s = rho s + (1 - rho) g^2; p -= lr g / (sqrt(s) + epsilon), rho = RMSPROP_RHO (0.9).
 * - `adam`: t += 1; m = beta1 m + (1 - beta1) g; v = beta2 v + (1 - beta2) g^2;
 *   p -= lr (m / (1 - beta1^t)) / (sqrt(v / (1 - beta2^t)) + epsilon).
 * The regularisation step follows unchanged, its derivative taken at the weight
 * before the optimizer's step. A dead link's weight and state never change.
 */
export type Optimizer = 'sgd' | 'momentum' | 'rmsprop' | 'adam';
/** In the order of the codes shared with the core (0 sgd .. 3 adam). */
export const OPTIMIZERS: readonly Optimizer[] = ['sgd', 'momentum', 'rmsprop', 'adam'];
/** RMSProp's decay of the mean square (fixed; Hinton's lecture, Keras's default). */
export const RMSPROP_RHO = 0.9;

export interface OptimizerSettings {
  readonly optimizer: Optimizer;
  /** Momentum's decay of the velocity, in [0, 1). */
  readonly momentum: number;
  /** Adam's decay of the first moment, in [0, 1). */
  readonly beta1: number;
  /** Adam's decay of the mean square, in [0, 1). */
  readonly beta2: number;
  /** RMSProp's and Adam's guard against dividing by 0, > 0. */
  readonly epsilon: number;
}

/** SGD, and the other optimizers' usual settings. */
export const DEFAULT_OPTIMIZER: OptimizerSettings = {
  optimizer: 'sgd',
  momentum: 0.9,
  beta1: 0.9,
  beta2: 0.999,
  epsilon: 1e-8,
};

/**
 * The optimizer's state, which the network keeps beside its weights. Moments are
 * in the weights' and biases' layouts; unused ones (all of SGD's) are 0.
 */
export interface OptimizerState {
  /** The optimizer this state belongs to. */
  readonly optimizer: Optimizer;
  /** Updates applied since the state was reset (Adam's t). */
  readonly steps: number;
  /** Momentum's velocity v or Adam's first moment m, per weight. */
  readonly weightMoment1: ArrayLike<number>;
  readonly biasMoment1: ArrayLike<number>;
  /** RMSProp's mean square s or Adam's v, per weight (>= 0). */
  readonly weightMoment2: ArrayLike<number>;
  readonly biasMoment2: ArrayLike<number>;
}

export interface TrainSettings {
  /** Step size of gradient descent, > 0 (the UI offers 0.00001 .. 10). */
  readonly learningRate: number;
  /** Points whose gradients are averaged into one update, 1..LIMITS.maxBatchSize. */
  readonly batchSize: number;
  readonly regularization: Regularization;
  /** Multiplies the regularisation derivative (and the learning rate), >= 0. */
  readonly regularizationRate: number;
  /**
   * The optimizer; omitted means SGD. It is a training setting, like the learning
   * rate, rather than part of the shape: it may change between two calls on the same
   * network. Training with a different optimizer than the network's state belongs to
   * starts a fresh state; a change of its settings only keeps the state.
   */
  readonly optimizer?: OptimizerSettings;
}

/**
 * A data set as flat typed arrays, point-major:
 * `inputs[p * inputSize + f]` is feature f of point p and `labels[p]` its
 * label (-1/+1 for classification, [-1, 1] for regression, the class index
 * 0..outputSize-1 for a softmax output). A set used only for the grid pass
 * may have empty `labels`. A softmax network refuses to train on or take the
 * loss of a set with a label that is not one of its class indices.
 *
 * Values are f64 or f32, as the caller has them: the reference engine keeps
 * f64 values as they are (as TensorFlow Playground computes), the WASM core
 * rounds every value to f32 when it copies the set. Every value must be one
 * that f32 can hold (|v| <= 3.4e38), so both engines accept the same sets.
 */
export interface DataSet {
  readonly inputSize: number;
  readonly inputs: Float64Array | Float32Array;
  readonly labels: Float64Array | Float32Array;
}

/** Initial (or edited) parameters in the layout described above. */
export interface Parameters {
  readonly weights: ArrayLike<number>;
  readonly biases: ArrayLike<number>;
  /** 1 where a link is dead (L1 set it to zero); omitted means all alive. */
  readonly dead?: ArrayLike<number>;
}

/**
 * The gradients of a batch in progress: what TensorFlow Playground keeps in
 * `link.accErrorDer`, `node.accInputDer` and `numAccumulatedDers` between
 * two updates (an unfinished batch carries over into the next epoch).
 */
export interface BatchState {
  /** Sum over the batch's points so far of dE/dw, one per weight (weights' layout). */
  readonly weightGradients: ArrayLike<number>;
  /** Sum over the batch's points so far of dE/db = dE/dz, one per bias. */
  readonly biasGradients: ArrayLike<number>;
  /** Points accumulated since the last update; 0 = no batch in progress. */
  readonly count: number;
  /**
   * The WASM core's own form of the same sums, when the batch comes from it:
   * four lane-partial sums per gradient (`weights[4 * k + lane]`), which add
   * up to the sums above. With them the WASM core resumes a saved batch bit
   * for bit (from the sums alone its next update may round differently);
   * the reference engine ignores them.
   */
  readonly lanes?: { readonly weights: ArrayLike<number>; readonly biases: ArrayLike<number> };
}

/** What `Network.trainUntil` did. */
export interface TargetTraining {
  /** Epochs trained by the call (0 only when it was asked for 0). */
  readonly epochs: number;
  /** True when both losses were below the target after the last epoch trained. */
  readonly reached: boolean;
  /** Loss over the training set after the last epoch trained (NaN if none was). */
  readonly trainLoss: number;
  /**
   * Loss over the test set after the last epoch trained, or null when it was not
   * computed (the training loss was not below the target).
   */
  readonly testLoss: number | null;
}

/** A direction in parameter space: one value per weight and per bias (their layouts). */
export interface Direction {
  readonly weights: ArrayLike<number>;
  readonly biases: ArrayLike<number>;
}

/**
 * A plane through the current parameters p: the points p + alpha * d1 + beta * d2
 * for every alpha of `alphas` and beta of `betas` (at most LIMITS.maxPlaneValues pairs).
 */
export interface LossPlane {
  readonly d1: Direction;
  readonly d2: Direction;
  readonly alphas: ArrayLike<number>;
  readonly betas: ArrayLike<number>;
}

/** A data set copied into an engine once, so training and loss do not copy it again. */
export interface EngineDataSet {
  readonly size: number;
  readonly inputSize: number;
  readonly hasLabels: boolean;
  /** Releases the engine's copy; the handle must not be used afterwards. */
  free(): void;
}

export interface Network {
  readonly shape: NetworkShape;
  /** Layer sizes `[inputSize, ...hiddenSizes, outputSize]`. */
  readonly layerSizes: readonly number[];
  /** Nodes of the output layer: 1, or the classes of a softmax output. */
  readonly outputSize: number;
  readonly weightCount: number;
  readonly biasCount: number;
  /** Hidden nodes plus the output nodes: the number of maps a grid pass returns. */
  readonly nodeCount: number;

  /** Current weights. A view that is valid until the next call on this network; copy it to keep it. */
  weights(): Float32Array | Float64Array;
  biases(): Float32Array | Float64Array;
  /** 1 for each link that L1 regularisation has killed, else 0 (same layout as weights). */
  deadLinks(): Uint8Array;

  /** Replaces every parameter and clears any batch in progress and the optimizer state. */
  setParameters(parameters: Parameters): void;
  /**
   * The batch in progress (a copy): the gradients accumulated since the last
   * update and how many points they sum. Moving a network to another engine
   * carries it over with `setBatchState`, so the next update is the same.
   */
  batchState(): {
    weightGradients: Float32Array | Float64Array;
    biasGradients: Float32Array | Float64Array;
    count: number;
    lanes?: { weights: Float32Array; biases: Float32Array };
  };
  /** Replaces the batch in progress (after `setParameters`, which clears it). */
  setBatchState(state: BatchState): void;
  /**
   * The optimizer's state (a copy): moments and steps. Moving a network to another
   * engine, or saving it, carries it with `setOptimizerState`, so the next update is
   * the same.
   */
  optimizerState(): {
    optimizer: Optimizer;
    steps: number;
    weightMoment1: Float32Array | Float64Array;
    biasMoment1: Float32Array | Float64Array;
    weightMoment2: Float32Array | Float64Array;
    biasMoment2: Float32Array | Float64Array;
  };
  /** Replaces the optimizer's state (after `setParameters`, which clears it). */
  setOptimizerState(state: OptimizerState): void;
  /**
   * Edits one weight. A dead link takes the value but stays dead: it is used
   * in the forward pass and never updated again (as in TensorFlow Playground).
   */
  setWeight(index: number, value: number): void;
  setBias(index: number, value: number): void;

  /**
   * Trains `epochs` epochs with TensorFlow Playground's semantics: every point
   * in order, forward and backward; every `batchSize` points (counted from the
   * start of each epoch) the summed gradients are applied as their mean; an
   * unfinished batch carries over into the next epoch.
   */
  trainEpochs(data: EngineDataSet, settings: TrainSettings, epochs?: number): void;
  /**
   * Trains up to `maxEpochs` epochs one at a time (the same weights as
   * `trainEpochs` over as many epochs) and stops after the first epoch at
   * which `loss(train)` and `loss(test)` are both below `target`. The test
   * loss is computed only after an epoch whose training loss is already below
   * the target. Also stops after an epoch whose training loss, or computed
   * test loss, a 32-bit float cannot hold (training diverged). `target` is a
   * finite number greater than 0.
   */
  trainUntil(
    train: EngineDataSet,
    test: EngineDataSet,
    settings: TrainSettings,
    maxEpochs: number,
    target: number,
  ): TargetTraining;
  /**
   * Mean over the set of the output activation's loss (see OutputActivation):
   * 0.5 * (output - label)^2 for tanh and linear, cross-entropy for sigmoid and
   * softmax. NaN or Infinity once training diverged.
   */
  loss(data: EngineDataSet): number;
  /**
   * The loss over `data` (as `loss`) of the network moved to p + alpha * d1 + beta * d2
   * (weights and biases; p the current parameters) for every pair of the plane, in one
   * call: the loss landscape of Li et al. 2018. Row-major by beta:
   * `out[j * alphas.length + i]` is the loss at (alphas[i], betas[j]). Each parameter is
   * summed as `(p + alpha * d1) + beta * d2` in the engine's precision; dead links are
   * moved like any weight (give them direction 0 to keep them still) and used in the
   * forward pass as always. At (0, 0) the parameters are used unchanged, so that value
   * equals `loss(data)` exactly. Parameters, dead links and the batch in progress are
   * unchanged afterwards. A new array the caller owns.
   */
  lossesOnPlane(data: EngineDataSet, plane: LossPlane): Float32Array | Float64Array;
  /**
   * Output of the network for every point of the set, point-major:
   * `out[p * outputSize + c]` (one value per point unless softmax; for softmax
   * the probability of class c; for sigmoid p in [0, 1]).
   */
  predict(data: EngineDataSet): Float32Array | Float64Array;
  /**
   * Output of every hidden node and of every output node at every point of the
   * set, node-major: `out[node * size + p]`. For a grid from `featureGrid`
   * point p is `row * density + col`, row 0 at y = +6, col 0 at x = -6.
   * A view valid until the next call on this network.
   */
  grid(points: EngineDataSet): Float32Array | Float64Array;
  /** Releases the network; the handle must not be used afterwards. */
  free(): void;
}

export interface Engine {
  /** 'wasm' or 'reference'. */
  readonly name: string;
  /** A network with all weights 0 and biases 0; call `setParameters` with `initParameters(...)`. */
  createNetwork(shape: NetworkShape): Network;
  createDataSet(data: DataSet): EngineDataSet;
}
