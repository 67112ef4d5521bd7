import {
  DEFAULT_OPTIMIZER,
  EngineError,
  OPTIMIZERS,
  OUTPUT_ACTIVATION_CODES,
  outputSizeOf,
  parameterLayout,
  validateOptimizerState,
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
  type Activation,
  type BatchState,
  type DataSet,
  type Engine,
  type EngineDataSet,
  type LossPlane,
  type Network,
  type NetworkShape,
  type Optimizer,
  type OptimizerState,
  type Parameters,
  type TargetTraining,
  type TrainSettings,
} from '@nn/engine';
import {
  calibrate,
  calibrate_flops_per_iteration,
  DataSet as RawDataSet,
  Network as RawNetwork,
} from '../pkg/nn_core_bg.js';

/**
 * The Engine interface over the Rust core. Parameters, grid output and data
 * live in the module's linear memory; this file reads them through typed-array
 * views that are rebuilt after every call (a call may grow memory, which
 * detaches older views). Every handle made here owns Rust memory and must be
 * freed with `free()`.
 */

/** Activation codes of the core (crates/nn-core/src/activation.rs). */
const ACTIVATION_CODE: Record<Activation, number> = { relu: 0, tanh: 1, sigmoid: 2, linear: 3, leakyrelu: 4, elu: 5, swish: 6, sine: 7 };
const REGULARIZATION_CODE = { none: 0, l1: 1, l2: 2 } as const;
/** Optimizer codes shared with the core (crates/nn-core/src/optimizer.rs). */
const OPTIMIZER_CODE = { sgd: 0, momentum: 1, rmsprop: 2, adam: 3 } as const;

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/**
 * The core's refusal of a label that is no class number of a softmax network
 * (CoreError::BadClassLabel in crates/nn-core/src/error.rs): the 'labels'
 * code, whichever call it came from.
 */
const CLASS_LABEL_REFUSAL = /^Point \d+ has the label .*, but this network tells \d+ classes apart/;

/**
 * Runs a call into the core and turns what it throws into an EngineError.
 * The TypeScript checks run first, so this only sees the core's own refusals
 * (same rules, stated again in Rust) or a trap, which would be a bug.
 */
function call<T>(code: EngineError['code'], fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof EngineError) throw error;
    if (error instanceof WebAssembly.RuntimeError) {
      throw new EngineError('internal', `The WebAssembly core stopped unexpectedly: ${messageOf(error)}`);
    }
    const message = messageOf(error);
    throw new EngineError(CLASS_LABEL_REFUSAL.test(message) ? 'labels' : code, message);
  }
}

function toF32(values: Float64Array | Float32Array): Float32Array {
  return values instanceof Float32Array ? values : Float32Array.from(values);
}

class WasmDataSet implements EngineDataSet {
  readonly size: number;
  readonly inputSize: number;
  readonly hasLabels: boolean;
  raw: RawDataSet | undefined;

  constructor(
    readonly engine: WasmEngine,
    data: DataSet,
  ) {
    validateDataSet(data);
    // The core stores f32: f64 values are rounded to nearest here, once.
    this.raw = call('data', () => new RawDataSet(toF32(data.inputs), toF32(data.labels), data.inputSize));
    this.size = data.inputs.length / data.inputSize;
    this.inputSize = data.inputSize;
    this.hasLabels = data.labels.length > 0;
  }

  free(): void {
    this.raw?.free();
    this.raw = undefined;
  }
}

class WasmNetwork implements Network {
  readonly shape: NetworkShape;
  readonly layerSizes: readonly number[];
  readonly outputSize: number;
  readonly weightCount: number;
  readonly biasCount: number;
  readonly nodeCount: number;
  private raw: RawNetwork | undefined;

  constructor(
    private readonly engine: WasmEngine,
    shape: NetworkShape,
  ) {
    validateShape(shape);
    this.shape = { ...shape, hiddenSizes: [...shape.hiddenSizes] };
    const layout = parameterLayout(shape);
    this.layerSizes = layout.layerSizes;
    this.outputSize = outputSizeOf(shape);
    this.weightCount = layout.weightCount;
    this.biasCount = layout.biasCount;
    this.nodeCount = layout.biasCount;
    this.raw = call(
      'shape',
      () =>
        new RawNetwork(
          Uint32Array.from(layout.layerSizes),
          ACTIVATION_CODE[shape.activation],
          OUTPUT_ACTIVATION_CODES[shape.outputActivation],
        ),
    );
  }

  private handle(): RawNetwork {
    if (!this.raw) throw new EngineError('freed', 'This network has been freed and can no longer be used.');
    return this.raw;
  }

  private dataHandle(data: EngineDataSet, needsLabels: boolean): RawDataSet {
    if (!(data instanceof WasmDataSet)) {
      throw new EngineError('data', 'This data set was made by another engine; create it with this engine.');
    }
    if (!data.raw) throw new EngineError('freed', 'This data set has been freed and can no longer be used.');
    validateDataFitsNetwork(data, this.shape, needsLabels);
    return data.raw;
  }

  weights(): Float32Array {
    const raw = this.handle();
    return new Float32Array(this.engine.memory.buffer, raw.weights_ptr(), this.weightCount);
  }

  biases(): Float32Array {
    const raw = this.handle();
    return new Float32Array(this.engine.memory.buffer, raw.biases_ptr(), this.biasCount);
  }

  deadLinks(): Uint8Array {
    const raw = this.handle();
    return new Uint8Array(this.engine.memory.buffer, raw.dead_ptr(), this.weightCount);
  }

  setParameters(parameters: Parameters): void {
    const raw = this.handle();
    validateParameters(parameters, this.weightCount, this.biasCount);
    const dead = parameters.dead ? Uint8Array.from(parameters.dead, (d) => (d ? 1 : 0)) : new Uint8Array(0);
    call('parameters', () =>
      raw.set_parameters(Float32Array.from(parameters.weights), Float32Array.from(parameters.biases), dead),
    );
  }

  batchState(): {
    weightGradients: Float32Array;
    biasGradients: Float32Array;
    count: number;
    lanes: { weights: Float32Array; biases: Float32Array };
  } {
    const raw = this.handle();
    return {
      weightGradients: raw.batch_weight_gradients(),
      biasGradients: raw.batch_bias_gradients(),
      count: raw.batch_count(),
      lanes: { weights: raw.batch_weight_lanes(), biases: raw.batch_bias_lanes() },
    };
  }

  setBatchState(state: BatchState): void {
    const raw = this.handle();
    validateBatchState(state, this.weightCount, this.biasCount);
    const lanes = state.lanes;
    if (lanes && lanes.weights.length === 4 * this.weightCount && lanes.biases.length === 4 * this.biasCount) {
      // This core's own lane-partial sums: the batch resumes bit for bit.
      call('parameters', () => raw.set_batch_lanes(Float32Array.from(lanes.weights), Float32Array.from(lanes.biases), state.count));
    } else {
      call('parameters', () =>
        raw.set_batch(Float32Array.from(state.weightGradients), Float32Array.from(state.biasGradients), state.count),
      );
    }
  }

  optimizerState(): {
    optimizer: Optimizer;
    steps: number;
    weightMoment1: Float32Array;
    biasMoment1: Float32Array;
    weightMoment2: Float32Array;
    biasMoment2: Float32Array;
  } {
    const raw = this.handle();
    const m1 = raw.optimizer_moment1();
    const m2 = raw.optimizer_moment2();
    const wc = this.weightCount;
    return {
      optimizer: OPTIMIZERS[raw.optimizer_state_kind()]!,
      steps: raw.optimizer_steps(),
      weightMoment1: m1.slice(0, wc),
      biasMoment1: m1.slice(wc),
      weightMoment2: m2.slice(0, wc),
      biasMoment2: m2.slice(wc),
    };
  }

  setOptimizerState(state: OptimizerState): void {
    const raw = this.handle();
    validateOptimizerState(state, this.weightCount, this.biasCount);
    const joined = (w: ArrayLike<number>, b: ArrayLike<number>) => {
      const out = new Float32Array(w.length + b.length);
      out.set(Array.from(w));
      out.set(Array.from(b), w.length);
      return out;
    };
    call('parameters', () =>
      raw.set_optimizer_state(
        OPTIMIZER_CODE[state.optimizer],
        state.steps,
        joined(state.weightMoment1, state.biasMoment1),
        joined(state.weightMoment2, state.biasMoment2),
      ),
    );
  }

  /** Hands the settings' optimizer (SGD when omitted) to the core before training. */
  private useOptimizer(raw: RawNetwork, settings: TrainSettings): void {
    const o = settings.optimizer ?? DEFAULT_OPTIMIZER;
    call('settings', () => raw.set_optimizer(OPTIMIZER_CODE[o.optimizer], o.momentum, o.beta1, o.beta2, o.epsilon));
  }

  setWeight(index: number, value: number): void {
    const raw = this.handle();
    validateIndexedValue('weight', index, this.weightCount, value);
    call('parameters', () => raw.set_weight(index, value));
  }

  setBias(index: number, value: number): void {
    const raw = this.handle();
    validateIndexedValue('bias', index, this.biasCount, value);
    call('parameters', () => raw.set_bias(index, value));
  }

  trainEpochs(data: EngineDataSet, settings: TrainSettings, epochs = 1): void {
    const raw = this.handle();
    const set = this.dataHandle(data, true);
    validateSettings(settings);
    validateEpochs(epochs);
    this.useOptimizer(raw, settings);
    call('settings', () =>
      raw.train_epochs(
        set,
        epochs,
        settings.learningRate,
        settings.batchSize,
        REGULARIZATION_CODE[settings.regularization],
        settings.regularizationRate,
      ),
    );
  }

  trainUntil(
    train: EngineDataSet,
    test: EngineDataSet,
    settings: TrainSettings,
    maxEpochs: number,
    target: number,
  ): TargetTraining {
    const raw = this.handle();
    const trainSet = this.dataHandle(train, true);
    const testSet = this.dataHandle(test, true);
    validateSettings(settings);
    validateEpochs(maxEpochs);
    validateLossTarget(target);
    this.useOptimizer(raw, settings);
    // [epochs, reached (0/1), training loss, test loss computed (0/1), test loss]
    const out = call('settings', () =>
      raw.train_until(
        trainSet,
        testSet,
        maxEpochs,
        settings.learningRate,
        settings.batchSize,
        REGULARIZATION_CODE[settings.regularization],
        settings.regularizationRate,
        target,
      ),
    );
    return { epochs: out[0]!, reached: out[1] === 1, trainLoss: out[2]!, testLoss: out[3] === 1 ? out[4]! : null };
  }

  loss(data: EngineDataSet): number {
    const raw = this.handle();
    const set = this.dataHandle(data, true);
    return call('data', () => raw.loss(set));
  }

  lossesOnPlane(data: EngineDataSet, plane: LossPlane): Float32Array {
    const raw = this.handle();
    const set = this.dataHandle(data, true);
    validatePlane(plane, this.weightCount, this.biasCount);
    const f32 = (values: ArrayLike<number>) => (values instanceof Float32Array ? values : Float32Array.from(values));
    return call('parameters', () =>
      raw.losses_on_plane(
        set,
        f32(plane.d1.weights),
        f32(plane.d1.biases),
        f32(plane.d2.weights),
        f32(plane.d2.biases),
        f32(plane.alphas),
        f32(plane.betas),
      ),
    );
  }

  /** Point-major: `out[p * outputSize + c]`. */
  predict(data: EngineDataSet): Float32Array {
    const raw = this.handle();
    const set = this.dataHandle(data, false);
    call('data', () => raw.predict(set));
    return new Float32Array(this.engine.memory.buffer, raw.predict_ptr(), raw.predict_len());
  }

  grid(points: EngineDataSet): Float32Array {
    const raw = this.handle();
    const set = this.dataHandle(points, false);
    call('data', () => raw.grid(set));
    return new Float32Array(this.engine.memory.buffer, raw.grid_ptr(), raw.grid_len());
  }

  free(): void {
    this.raw?.free();
    this.raw = undefined;
  }
}

export class WasmEngine implements Engine {
  readonly name = 'wasm';

  constructor(
    /** The core's linear memory; views into it are rebuilt after each call. */
    readonly memory: WebAssembly.Memory,
  ) {}

  createNetwork(shape: NetworkShape): Network {
    return new WasmNetwork(this, shape);
  }

  createDataSet(data: DataSet): EngineDataSet {
    return new WasmDataSet(this, data);
  }

  /** Current size of the core's linear memory in bytes. */
  memoryBytes(): number {
    return this.memory.buffer.byteLength;
  }

  /**
   * Runs the core's calibration kernel (independent SIMD multiply-add chains)
   * and returns the floating-point operations it performed; the caller times it.
   */
  calibrate(iterations: number): { flops: number; checksum: number } {
    const checksum = calibrate(iterations);
    return { flops: iterations * calibrate_flops_per_iteration(), checksum };
  }
}
