//! The wasm-bindgen layer (compiled for wasm32 only): thin wrappers that turn
//! [`CoreError`]s into JavaScript `Error`s and expose buffers as pointers into the
//! module's memory.
//!
//! Ownership: every `Network` and `DataSet` object JavaScript creates owns Rust memory
//! that the garbage collector never frees: JavaScript must call `.free()` on each one
//! exactly once when it is done with it (and must not use it afterwards). Buffers behind
//! the `*_ptr` getters belong to the `Network`; they stay valid until the next call on
//! that network that may reallocate (`predict`, `grid`, `set_*`, `train_epochs`, ...) or
//! any call that may grow memory, so TypeScript rebuilds its typed-array views over
//! `memory.buffer` after every call. `JsError` is only ever created here (creating one
//! natively panics).

use wasm_bindgen::prelude::*;

use crate::dataset::DataSet as CoreDataSet;
use crate::error::CoreError;
use crate::network::Network as CoreNetwork;
use crate::optimizer::{Optimizer, OptimizerKind};

fn js(e: CoreError) -> JsError {
    JsError::new(&e.to_string())
}

/// A multilayer perceptron. JavaScript owns it and must call `.free()` when done.
#[wasm_bindgen(js_name = Network)]
pub struct WasmNetwork {
    inner: CoreNetwork,
}

#[wasm_bindgen(js_class = Network)]
impl WasmNetwork {
    /// `layer_sizes` = `[inputs (1..=32), hidden (0..=16 layers of 1..=128).., outputs]`;
    /// `activation` 0 relu, 1 tanh, 2 sigmoid, 3 linear, 4 leaky ReLU, 5 ELU, 6 swish,
    /// 7 sine (hidden nodes);
    /// `output_activation` (which also decides the loss) 1 tanh or 3 linear (squared
    /// error), 2 sigmoid (binary cross-entropy), each with 1 output node, or 8 softmax
    /// (categorical cross-entropy, 2..=16 output nodes, one per class).
    /// All weights and biases are 0 until `set_parameters`.
    #[wasm_bindgen(constructor)]
    pub fn new(
        layer_sizes: &[u32],
        activation: u8,
        output_activation: u8,
    ) -> Result<WasmNetwork, JsError> {
        let sizes: Vec<usize> = layer_sizes.iter().map(|&s| s as usize).collect();
        CoreNetwork::new(&sizes, activation, output_activation)
            .map(|inner| WasmNetwork { inner })
            .map_err(js)
    }

    /// Number of weights (= links = dead flags).
    pub fn weight_count(&self) -> usize {
        self.inner.weight_count()
    }
    /// Number of biases (= non-input nodes).
    pub fn bias_count(&self) -> usize {
        self.inner.bias_count()
    }
    /// Non-input nodes: sum of hidden widths + output nodes (the output nodes last).
    pub fn node_count(&self) -> usize {
        self.inner.node_count()
    }
    /// `weight_count()` f32: layer after layer, row-major by destination
    /// (`woff[l] + j * size[l-1] + i` for the link i -> j into layer l).
    pub fn weights_ptr(&self) -> *const f32 {
        self.inner.weights().as_ptr()
    }
    /// `bias_count()` f32, layer after layer.
    pub fn biases_ptr(&self) -> *const f32 {
        self.inner.biases().as_ptr()
    }
    /// `weight_count()` u8 dead-link flags (1 = dead).
    pub fn dead_ptr(&self) -> *const u8 {
        self.inner.dead().as_ptr()
    }

    /// Replaces all parameters (`dead` may be empty = all alive); clears the gradient
    /// accumulators. Refused (nothing changed) on wrong lengths, non-finite values or
    /// flags other than 0/1.
    pub fn set_parameters(
        &mut self,
        weights: &[f32],
        biases: &[f32],
        dead: &[u8],
    ) -> Result<(), JsError> {
        self.inner.set_parameters(weights, biases, dead).map_err(js)
    }
    /// The batch in progress: summed dE/dw per weight (a copy).
    pub fn batch_weight_gradients(&self) -> Vec<f32> {
        self.inner.accumulated_weight_gradients()
    }
    /// The batch in progress: summed dE/db per bias (a copy).
    pub fn batch_bias_gradients(&self) -> Vec<f32> {
        self.inner.accumulated_bias_gradients()
    }
    /// Points accumulated since the last update.
    pub fn batch_count(&self) -> u32 {
        self.inner.accumulated_count().min(u32::MAX as u64) as u32
    }
    /// Replaces the batch in progress (gradient sums of `count` points). Refused (nothing
    /// changed) on wrong lengths or non-finite values.
    pub fn set_batch(
        &mut self,
        weight_gradients: &[f32],
        bias_gradients: &[f32],
        count: u32,
    ) -> Result<(), JsError> {
        self.inner
            .set_accumulated(weight_gradients, bias_gradients, count as u64)
            .map_err(js)
    }
    /// The batch in progress as four lane-partial sums per weight (a copy; see
    /// `Network::accumulated_weight_lanes`).
    pub fn batch_weight_lanes(&self) -> Vec<f32> {
        self.inner.accumulated_weight_lanes()
    }
    /// The batch in progress as four lane-partial sums per bias (a copy).
    pub fn batch_bias_lanes(&self) -> Vec<f32> {
        self.inner.accumulated_bias_lanes()
    }
    /// Replaces the batch in progress with lane-partial sums (a batch saved from this
    /// core resumes bit for bit). Refused (nothing changed) on wrong lengths or
    /// non-finite values.
    pub fn set_batch_lanes(
        &mut self,
        weight_lanes: &[f32],
        bias_lanes: &[f32],
        count: u32,
    ) -> Result<(), JsError> {
        self.inner
            .set_accumulated_lanes(weight_lanes, bias_lanes, count as u64)
            .map_err(js)
    }

    /// Sets the optimizer of the next updates: `kind` 0 SGD, 1 momentum, 2 RMSProp,
    /// 3 Adam, with its settings. A different optimizer than the state's starts a fresh
    /// state. Refused (nothing changed) on an unknown code or settings out of range.
    pub fn set_optimizer(
        &mut self,
        kind: u8,
        momentum: f32,
        beta1: f32,
        beta2: f32,
        epsilon: f32,
    ) -> Result<(), JsError> {
        let kind = OptimizerKind::from_code(kind).ok_or(CoreError::BadOptimizer { code: kind });
        let kind = kind.map_err(js)?;
        self.inner
            .set_optimizer(Optimizer {
                kind,
                momentum,
                beta1,
                beta2,
                epsilon,
            })
            .map_err(js)
    }
    /// The optimizer code the state belongs to.
    pub fn optimizer_state_kind(&self) -> u8 {
        self.inner.optimizer_state_kind().code()
    }
    /// Updates applied since the optimizer state was reset (Adam's t), as f64 (exact
    /// up to 2^53).
    pub fn optimizer_steps(&self) -> f64 {
        self.inner.optimizer_steps() as f64
    }
    /// Momentum's velocity or Adam's first moment: weights then biases (a copy).
    pub fn optimizer_moment1(&self) -> Vec<f32> {
        [self.inner.moment1_weights(), self.inner.moment1_biases()].concat()
    }
    /// RMSProp's or Adam's mean square: weights then biases (a copy).
    pub fn optimizer_moment2(&self) -> Vec<f32> {
        [self.inner.moment2_weights(), self.inner.moment2_biases()].concat()
    }
    /// Replaces the optimizer state; `moment1` and `moment2` hold the weights' values
    /// then the biases'. Refused (nothing changed) on an unknown code, wrong lengths or
    /// bad values.
    pub fn set_optimizer_state(
        &mut self,
        kind: u8,
        steps: f64,
        moment1: &[f32],
        moment2: &[f32],
    ) -> Result<(), JsError> {
        let kind = OptimizerKind::from_code(kind)
            .ok_or(CoreError::BadOptimizer { code: kind })
            .map_err(js)?;
        let wc = self.inner.weight_count();
        let split = |v: &'static str, m: &[f32]| -> Result<usize, JsError> {
            if m.len() != wc + self.inner.bias_count() {
                return Err(js(CoreError::WrongLength {
                    what: v,
                    expected: wc + self.inner.bias_count(),
                    got: m.len(),
                }));
            }
            Ok(wc)
        };
        split("first-moment value", moment1)?;
        split("second-moment value", moment2)?;
        self.inner
            .set_optimizer_state(
                kind,
                steps as u64,
                &moment1[..wc],
                &moment1[wc..],
                &moment2[..wc],
                &moment2[wc..],
            )
            .map_err(js)
    }

    /// Sets one weight (a dead link stays dead).
    pub fn set_weight(&mut self, index: usize, value: f32) -> Result<(), JsError> {
        self.inner.set_weight(index, value).map_err(js)
    }
    /// Sets one bias.
    pub fn set_bias(&mut self, index: usize, value: f32) -> Result<(), JsError> {
        self.inner.set_bias(index, value).map_err(js)
    }

    /// Trains `epochs` epochs over `data` (TensorFlow Playground semantics).
    /// `regularization` 0 none, 1 L1, 2 L2. `data` stays owned by JavaScript.
    pub fn train_epochs(
        &mut self,
        data: &WasmDataSet,
        epochs: u32,
        learning_rate: f32,
        batch_size: u32,
        regularization: u8,
        regularization_rate: f32,
    ) -> Result<(), JsError> {
        self.inner
            .train_epochs(
                &data.inner,
                epochs,
                learning_rate,
                batch_size,
                regularization,
                regularization_rate,
            )
            .map_err(js)
    }

    /// Trains up to `max_epochs` epochs over `train`, stopping after the first epoch at
    /// which the losses over `train` and `test` are both below `target` (the test loss is
    /// computed only when the training loss is below it) or a loss is not finite.
    /// Returns `[epochs trained, 1 if the target was reached else 0, training loss,
    /// 1 if the test loss was computed else 0, test loss (NaN if not computed)]`.
    #[allow(clippy::too_many_arguments)]
    pub fn train_until(
        &mut self,
        train: &WasmDataSet,
        test: &WasmDataSet,
        max_epochs: u32,
        learning_rate: f32,
        batch_size: u32,
        regularization: u8,
        regularization_rate: f32,
        target: f64,
    ) -> Result<Vec<f64>, JsError> {
        let run = self
            .inner
            .train_until(
                &train.inner,
                &test.inner,
                max_epochs,
                learning_rate,
                batch_size,
                regularization,
                regularization_rate,
                target,
            )
            .map_err(js)?;
        Ok(vec![
            run.epochs as f64,
            if run.reached { 1.0 } else { 0.0 },
            run.train_loss as f64,
            if run.test_loss.is_some() { 1.0 } else { 0.0 },
            run.test_loss.map_or(f64::NAN, |v| v as f64),
        ])
    }

    /// Mean over `data` (which needs labels) of 0.5 * (output - label)^2 for tanh and
    /// linear outputs, of cross-entropy for sigmoid and softmax.
    pub fn loss(&mut self, data: &WasmDataSet) -> Result<f32, JsError> {
        self.inner.loss(&data.inner).map_err(js)
    }

    /// The loss over `data` at `w + alpha * d1 + beta * d2` (weights and biases) for every
    /// pair of `alphas` x `betas`, row-major by beta: `[j * alphas.len() + i]` (a copy that
    /// JavaScript owns). The network is unchanged afterwards; at (0, 0) the value is
    /// `loss(data)` exactly.
    #[allow(clippy::too_many_arguments)]
    pub fn losses_on_plane(
        &mut self,
        data: &WasmDataSet,
        d1_weights: &[f32],
        d1_biases: &[f32],
        d2_weights: &[f32],
        d2_biases: &[f32],
        alphas: &[f32],
        betas: &[f32],
    ) -> Result<Vec<f32>, JsError> {
        self.inner
            .losses_on_plane(
                &data.inner,
                d1_weights,
                d1_biases,
                d2_weights,
                d2_biases,
                alphas,
                betas,
            )
            .map_err(js)
    }

    /// Computes the output nodes' values at every point of `data`, point-major
    /// (`[p * outputs + c]`); read them with `predict_ptr()` / `predict_len()`.
    pub fn predict(&mut self, data: &WasmDataSet) -> Result<(), JsError> {
        self.inner.predict(&data.inner).map_err(js)
    }
    /// `predict_len()` f32 written by the last `predict`.
    pub fn predict_ptr(&self) -> *const f32 {
        self.inner.predictions().as_ptr()
    }
    /// Values of the last `predict`: points x output nodes (0 before the first).
    pub fn predict_len(&self) -> usize {
        self.inner.predictions().len()
    }

    /// Computes every non-input node's output at every point of `points`, node-major:
    /// value `[node * points.len() + p]`; read them with `grid_ptr()` / `grid_len()`.
    pub fn grid(&mut self, points: &WasmDataSet) -> Result<(), JsError> {
        self.inner.grid(&points.inner).map_err(js)
    }
    /// `grid_len()` f32 written by the last `grid`.
    pub fn grid_ptr(&self) -> *const f32 {
        self.inner.grid_values().as_ptr()
    }
    /// `node_count() * points` of the last `grid` (0 before the first).
    pub fn grid_len(&self) -> usize {
        self.inner.grid_values().len()
    }
}

/// An immutable set of points (and optional labels), copied into Rust memory in a
/// SIMD-friendly layout. JavaScript owns it and must call `.free()` when done.
#[wasm_bindgen(js_name = DataSet)]
pub struct WasmDataSet {
    inner: CoreDataSet,
}

#[wasm_bindgen(js_class = DataSet)]
impl WasmDataSet {
    /// `inputs` point-major (`inputs[p * input_size + f]`), `labels` empty (grid-only set)
    /// or one per point; all finite, at least one point, `input_size` 1..=32.
    #[wasm_bindgen(constructor)]
    pub fn new(inputs: &[f32], labels: &[f32], input_size: u32) -> Result<WasmDataSet, JsError> {
        CoreDataSet::new(inputs, labels, input_size as usize)
            .map(|inner| WasmDataSet { inner })
            .map_err(js)
    }
    /// Number of points.
    pub fn len(&self) -> usize {
        self.inner.len()
    }
    /// Features per point.
    pub fn input_size(&self) -> usize {
        self.inner.input_size()
    }
    /// Whether the set has one label per point.
    pub fn has_labels(&self) -> bool {
        self.inner.has_labels()
    }
}

/// Runs the peak-arithmetic kernel for `iterations` rounds and returns a checksum; each
/// round is `calibrate_flops_per_iteration()` f32 flops.
#[wasm_bindgen]
pub fn calibrate(iterations: u32) -> f32 {
    crate::calibrate::calibrate(iterations)
}

/// Flops of one `calibrate` iteration (12 chains x 4 lanes x (mul + add) = 96).
#[wasm_bindgen]
pub fn calibrate_flops_per_iteration() -> u32 {
    crate::calibrate::CALIBRATE_FLOPS_PER_ITERATION
}
