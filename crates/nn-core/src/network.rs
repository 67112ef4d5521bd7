//! The multilayer perceptron: shape, parameters, gradient accumulators, SIMD kernels.
//!
//! Semantics follow TensorFlow Playground's nn.ts exactly (forwardProp, backProp,
//! updateWeights, and the training loop of playground.ts `oneStep`); only the evaluation
//! order differs: all the points between two weight updates share the same weights, so
//! they are pushed through the network together, four points per `F32x4` lane group.
//!
//! # Shapes and layouts (shared with TypeScript, which reads the buffers through views)
//!
//! * Layer sizes `[inputs, hidden_1, .., hidden_H, outputs]`; layer `l` runs `0..=L`,
//!   `L = H + 1`; layer 0 is the input layer, layer `L` the output layer: one node (tanh,
//!   linear or sigmoid output) or one per class (softmax).
//! * **Weights**, one flat array, layer after layer (l = 1..=L). Layer `l` holds
//!   `size[l] * size[l-1]` weights, row-major *by destination*: the weight of the link from
//!   node `i` of layer `l-1` into node `j` of layer `l` is `weights[woff[l] + j*size[l-1] + i]`.
//! * **Biases**, one per non-input node, layer after layer: node `j` of layer `l` has
//!   `biases[boff[l] + j]`.
//! * **Dead flags**, one u8 per weight (same index), 1 = the link was killed by L1
//!   regularization: its weight is 0 and is never updated again.
//! * **Node numbers** (grid output): the non-input nodes, hidden layer after hidden layer,
//!   output nodes last in class order, i.e. the bias index;
//!   `node_count = sum(hidden) + outputs`.
//!
//! Inside the kernels every node *including the inputs* has a **row**:
//! `row = roff[l] + j` with `roff[0] = 0`, `roff[l] = inputs + boff[l]`.
//!
//! # Scratch tiles
//!
//! A kernel handles a tile of `T` chunks of 4 points (up to 16 points) at a time. Per-point
//! values of the tile are kept as `[row][t]` (`act[row * T + t]`, lane k = point
//! `p0 + 4t + k`), and node derivatives as `[node][t]`. Lanes past the last point of a
//! segment are computed on zero inputs and masked out of every sum.

// Kernels index several same-length tiles by lane-group `t`; plain index loops read best.
#![allow(clippy::needless_range_loop)]

use crate::activation::{scale_by_derivative_from_input, Activation, Consts};
use crate::dataset::DataSet;
use crate::error::CoreError;
use crate::optimizer::{Optimizer, OptimizerKind, UpdateRule};
use crate::simd::F32x4;
use crate::{
    CE_EPSILON, MAX_BATCH_SIZE, MAX_GRID_VALUES, MAX_HIDDEN_LAYERS, MAX_INPUTS, MAX_LAYER_WIDTH,
    MAX_OUTPUTS,
};

/// Chunks (of 4 points) per tile in grid / predict / loss passes.
const TILE: usize = 4;
/// Most chunks per tile in training (`accumulate` dispatches tiles of 1..=4 chunks).
const TRAIN_TILE: usize = 4;
/// Chunks of tile scratch to allocate.
const MAX_TILE: usize = if TILE > TRAIN_TILE { TILE } else { TRAIN_TILE };

/// Regularization of the weights (codes shared with TypeScript).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Regularization {
    None = 0,
    L1 = 1,
    L2 = 2,
}

impl Regularization {
    /// The regularization for a code, or `None` if unknown.
    pub fn from_code(code: u8) -> Option<Regularization> {
        match code {
            0 => Some(Regularization::None),
            1 => Some(Regularization::L1),
            2 => Some(Regularization::L2),
            _ => None,
        }
    }

    /// d(penalty)/dw as nn.ts's `RegularizationFunction.der`: L1 `sign(w)` (sign(0) = 0),
    /// L2 `w` (penalty 0.5 w^2), none 0.
    #[inline(always)]
    fn der(self, w: f32) -> f32 {
        match self {
            Regularization::None => 0.0,
            Regularization::L1 => {
                if w < 0.0 {
                    -1.0
                } else if w > 0.0 {
                    1.0
                } else {
                    0.0
                }
            }
            Regularization::L2 => w,
        }
    }
}

/// How the output layer turns into a loss (the output activation codes shared with
/// TypeScript: 1 tanh and 3 linear squared error, 2 sigmoid, 8 softmax).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum OutputKind {
    /// TF's: one tanh or linear node, E = 0.5 (a - label)^2.
    Squared,
    /// One sigmoid node p, binary cross-entropy with y = (label + 1) / 2: dE/dz = p - y.
    Sigmoid,
    /// k nodes, p_c = e^(z_c - m) / sum_j e^(z_j - m) with m = max_j z_j, categorical
    /// cross-entropy on class-number labels: dE/dz_c = p_c - [c = label].
    Softmax,
}

/// The kernels' const-generic parameter for the loss: TF's squared error gets its own
/// copy of them, which carries no trace of cross-entropy; sigmoid and softmax share the
/// other (telling themselves apart once per tile).
const OUT_SQUARED: u8 = 0;
const OUT_CE: u8 = 1;

/// The network's shape and the offsets derived from it (see the module docs).
#[derive(Clone, Debug)]
struct Shape {
    /// `[inputs, hidden.., outputs]`.
    sizes: Vec<usize>,
    hidden: Activation,
    /// The output layer's activation before the loss: tanh or linear; linear for sigmoid
    /// and softmax, whose probabilities follow it (see [`forward_tile`]).
    output: Activation,
    out_kind: OutputKind,
    /// `woff[l]`: first weight of layer `l` (index 0 unused); `woff[L + 1]` = weight count.
    woff: Vec<usize>,
    /// `boff[l]`: first bias / node number of layer `l` (index 0 unused);
    /// `boff[L + 1]` = node count.
    boff: Vec<usize>,
    /// `roff[l]`: first row of layer `l`; `roff[L + 1]` = row count.
    roff: Vec<usize>,
}

impl Shape {
    fn layers(&self) -> usize {
        self.sizes.len() - 1
    }
    fn inputs(&self) -> usize {
        self.sizes[0]
    }
    /// Output nodes: 1, or the classes of a softmax output.
    fn outputs(&self) -> usize {
        self.sizes[self.layers()]
    }
    fn weight_count(&self) -> usize {
        self.woff[self.layers() + 1]
    }
    fn node_count(&self) -> usize {
        self.boff[self.layers() + 1]
    }
    fn rows(&self) -> usize {
        self.roff[self.layers() + 1]
    }
    fn activation(&self, l: usize) -> Activation {
        if l == self.layers() {
            self.output
        } else {
            self.hidden
        }
    }
}

/// What [`Network::train_until`] did.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TargetRun {
    /// Epochs trained (0 only if `max_epochs` was 0).
    pub epochs: u32,
    /// Whether both losses were below the target after the last epoch.
    pub reached: bool,
    /// Loss over the training set after the last epoch (NaN if none was trained).
    pub train_loss: f32,
    /// Loss over the test set after the last epoch, if it was computed (only when the
    /// training loss was below the target).
    pub test_loss: Option<f32>,
}

/// A TensorFlow-Playground multilayer perceptron: one output node with TF's squared
/// error (tanh, linear) or cross-entropy (sigmoid), or a softmax layer of one node per
/// class with cross-entropy.
#[derive(Clone, Debug)]
pub struct Network {
    shape: Shape,
    /// See the module docs for the layout.
    weights: Vec<f32>,
    biases: Vec<f32>,
    dead: Vec<u8>,
    /// dE/dw summed over the points seen since the last update (nn.ts `link.accErrorDer`),
    /// as four lane-partial sums; the update adds the lanes.
    acc_w: Vec<F32x4>,
    /// dE/db = dE/dz summed likewise (nn.ts `node.accInputDer`).
    acc_b: Vec<F32x4>,
    /// Points accumulated since the last update (nn.ts `numAccumulatedDers`, which is the
    /// same for every node and link).
    acc_count: u64,
    /// Tile scratch: node outputs `act[row * T + t]`.
    act: Vec<F32x4>,
    /// Tile scratch: total inputs `z` of the hidden rows, laid out as `act`, kept only when
    /// the hidden activation's derivative needs them (swish, sine); else empty.
    pre: Vec<F32x4>,
    /// Tile scratch: dE/dz of every non-input node, `delta[node * T + t]`.
    delta: Vec<F32x4>,
    /// The optimizer the next updates use (see [`crate::optimizer`]); SGD by default.
    optimizer: Optimizer,
    /// The optimizer state below belongs to (a change of optimizer starts it afresh).
    state_kind: OptimizerKind,
    /// Updates applied since the state was last reset (Adam's `t`).
    steps: u64,
    /// Per-parameter optimizer state, weights' and biases' layouts: `moment1` is
    /// momentum's velocity or Adam's first moment, `moment2` RMSProp's or Adam's mean
    /// square. Zero for SGD.
    moment1_w: Vec<f32>,
    moment1_b: Vec<f32>,
    moment2_w: Vec<f32>,
    moment2_b: Vec<f32>,
    /// Output of the last `predict`: one value per point and output node, point-major.
    predictions: Vec<f32>,
    /// Output of the last `grid`: `grid_out[node * points + p]`.
    grid_out: Vec<f32>,
}

/// Masks for a tile holding `count` valid points: lane k of chunk t is set iff
/// `4t + k < count`.
#[inline(always)]
fn tile_masks<const T: usize>(count: usize) -> [F32x4; T] {
    let mut m = [F32x4::zero(); T];
    for (t, v) in m.iter_mut().enumerate() {
        *v = F32x4::first_lanes_mask(count.saturating_sub(4 * t).min(4));
    }
    m
}

/// Destination nodes computed together in a forward pass (register blocking): their
/// sums are independent, so the adds of several nodes overlap instead of each waiting
/// for the previous add of the same node. Every node's own sum keeps its order.
const FORWARD_BLOCK: usize = 4;
/// Source nodes whose dE/da are computed together in a backward pass (same idea).
const BACKWARD_BLOCK: usize = 2;

/// Forward pass of one tile (nn.ts `forwardProp`): for every layer l = 1..=L and node j,
/// `z_j = b_j + sum_i w_ji a_i` (in that order), `a_j = f(z_j)`. The input rows of `act`
/// must be filled; all other rows are written. If `pre` is not empty (training with an
/// activation whose derivative needs `z`), the hidden rows' `z` go there too, laid out as
/// `act`.
///
/// With `OUT == OUT_CE`, the output layer's z then become probabilities: sigmoid's
/// 1 / (1 + e^-z) or softmax's normalisation across the layer.
#[inline(always)]
fn forward_tile<const T: usize, const OUT: u8>(
    shape: &Shape,
    weights: &[f32],
    biases: &[f32],
    act: &mut [F32x4],
    pre: &mut [F32x4],
    c: &Consts,
) {
    let layers = shape.layers();
    for l in 1..=layers {
        let n_prev = shape.sizes[l - 1];
        let n = shape.sizes[l];
        let (before, after) = act.split_at_mut(shape.roff[l] * T);
        let prev = &before[shape.roff[l - 1] * T..shape.roff[l - 1] * T + n_prev * T];
        let w_layer = &weights[shape.woff[l]..shape.woff[l] + n * n_prev];
        let b_layer = &biases[shape.boff[l]..shape.boff[l] + n];
        let out = &mut after[..n * T];
        let mut j = 0;
        while j + FORWARD_BLOCK <= n {
            forward_nodes::<T, FORWARD_BLOCK>(w_layer, b_layer, n_prev, j, prev, out);
            j += FORWARD_BLOCK;
        }
        while j < n {
            forward_nodes::<T, 1>(w_layer, b_layer, n_prev, j, prev, out);
            j += 1;
        }
        if !pre.is_empty() && l < layers {
            pre[shape.roff[l] * T..(shape.roff[l] + n) * T].copy_from_slice(out);
        }
        shape.activation(l).apply_slice(c, out);
    }
    if OUT == OUT_CE {
        let r = shape.roff[layers];
        let rows = &mut act[r * T..(r + shape.outputs()) * T];
        if shape.out_kind == OutputKind::Softmax {
            softmax_tile::<T>(rows, shape.outputs());
        } else {
            sigmoid_tile(rows);
        }
    }
}

/// The sigmoid output's p = 1 / (1 + e^-z), with an `exp` of its own rather than the
/// hidden nodes' fast tanh: cross-entropy takes the logarithm of p (and of 1 - p), so a
/// small p must keep its relative precision (0.5 + 0.5 tanh(z / 2) would round it away).
// Out of line: only sigmoid outputs call it.
#[inline(never)]
fn sigmoid_tile(rows: &mut [F32x4]) {
    let one = F32x4::splat(1.0);
    for v in rows.iter_mut() {
        *v = one / (one + (F32x4::zero() - *v).exp());
    }
}

/// Softmax across the `k` output rows of a tile (`rows[c * T + t]`), four lanes at once:
/// m = max_c z_c, e_c = e^(z_c - m), s = e_0 + e_1 + .. (in class order), p_c = e_c / s.
// Out of line: only softmax networks call it.
#[inline(never)]
fn softmax_tile<const T: usize>(rows: &mut [F32x4], k: usize) {
    for t in 0..T {
        let mut m = rows[t];
        for c in 1..k {
            m = m.pmax(rows[c * T + t]);
        }
        let mut sum = F32x4::zero();
        for c in 0..k {
            let e = (rows[c * T + t] - m).exp();
            rows[c * T + t] = e;
            sum = sum + e;
        }
        for c in 0..k {
            rows[c * T + t] = rows[c * T + t] / sum;
        }
    }
}

/// Total inputs `z` of the `B` nodes `j0..j0 + B` of a layer, into `out` (before the
/// activation): `z_j = b_j + w_j0 a_0 + w_j1 a_1 + ...`, left to right.
#[inline(always)]
fn forward_nodes<const T: usize, const B: usize>(
    w_layer: &[f32],
    b_layer: &[f32],
    n_prev: usize,
    j0: usize,
    prev: &[F32x4],
    out: &mut [F32x4],
) {
    let w_rows = &w_layer[j0 * n_prev..(j0 + B) * n_prev];
    let mut z = [[F32x4::zero(); T]; B];
    for r in 0..B {
        z[r] = [F32x4::load_splat(b_layer, j0 + r); T];
    }
    for (i, a) in prev[..n_prev * T].chunks_exact(T).enumerate() {
        let mut av = [F32x4::zero(); T];
        av.copy_from_slice(a);
        for r in 0..B {
            let w = F32x4::load_splat(w_rows, r * n_prev + i);
            for t in 0..T {
                z[r][t] = z[r][t] + w * av[t];
            }
        }
    }
    for r in 0..B {
        out[(j0 + r) * T..(j0 + r + 1) * T].copy_from_slice(&z[r]);
    }
}

/// Backward pass of one tile (nn.ts `backProp`), adding this tile's gradients to the
/// accumulators. `act` holds the forward outputs, `labels`/`masks` the tile's labels and
/// valid-lane masks.
///
/// * Output node (`OUT_SQUARED`): dE/da = a - label (of E = 0.5 (a - label)^2),
///   dE/dz = dE/da * f'(z). Cross-entropy (`OUT_CE`): sigmoid dE/dz = p - (label + 1) / 2,
///   softmax dE/dz_c = p_c - [c = label] for each output node c.
/// * For layer l = L..1 and node j: dE/db_j += dE/dz_j; for each link i -> j:
///   dE/dw_ji += dE/dz_j * a_i; and (l > 1) dE/da_i = sum_j w_ji dE/dz_j,
///   dE/dz_i = dE/da_i * f'(z_i).
///
/// Every dE/dz is masked to 0 in lanes that hold no point of the segment.
#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn backward_tile<const T: usize, const OUT: u8>(
    shape: &Shape,
    weights: &[f32],
    act: &[F32x4],
    pre: &[F32x4],
    delta: &mut [F32x4],
    acc_w: &mut [F32x4],
    acc_b: &mut [F32x4],
    labels: &[F32x4; T],
    masks: &[F32x4; T],
    c: &Consts,
) {
    let layers = shape.layers();
    if OUT == OUT_SQUARED {
        let out_row = shape.rows() - 1;
        let out_node = shape.node_count() - 1;
        let a_out = &act[out_row * T..out_row * T + T];
        let d_out = &mut delta[out_node * T..out_node * T + T];
        for t in 0..T {
            let a = a_out[t];
            d_out[t] = ((a - labels[t]) * shape.output.derivative_with(c, a)).and(masks[t]);
        }
    } else {
        output_deltas_ce::<T>(shape, act, delta, labels, masks);
    }
    for l in (1..=layers).rev() {
        let n_prev = shape.sizes[l - 1];
        let n = shape.sizes[l];
        let (d_before, d_after) = delta.split_at_mut(shape.boff[l] * T);
        let d_layer = &d_after[..n * T];
        for (ab, d) in acc_b[shape.boff[l]..shape.boff[l] + n]
            .iter_mut()
            .zip(d_layer.chunks_exact(T))
        {
            let mut s = *ab;
            for t in 0..T {
                s = s + d[t];
            }
            *ab = s;
        }
        let a_prev = &act[shape.roff[l - 1] * T..(shape.roff[l - 1] + n_prev) * T];
        let w_layer = &weights[shape.woff[l]..shape.woff[l] + n * n_prev];
        let acc_layer = &mut acc_w[shape.woff[l]..shape.woff[l] + n * n_prev];
        let d_prev = if l > 1 {
            Some(&mut d_before[shape.boff[l - 1] * T..(shape.boff[l - 1] + n_prev) * T])
        } else {
            None
        };
        let mut d_prev = d_prev;
        // Hidden sources' z, for the activations whose derivative needs it (else empty).
        let z_prev = if l > 1 && !pre.is_empty() {
            &pre[shape.roff[l - 1] * T..(shape.roff[l - 1] + n_prev) * T]
        } else {
            &[]
        };
        let mut i = 0;
        while i + BACKWARD_BLOCK <= n_prev {
            backward_sources::<T, BACKWARD_BLOCK>(
                shape.hidden,
                n_prev,
                i,
                a_prev,
                z_prev,
                d_layer,
                w_layer,
                acc_layer,
                d_prev.as_deref_mut(),
                masks,
                c,
            );
            i += BACKWARD_BLOCK;
        }
        while i < n_prev {
            backward_sources::<T, 1>(
                shape.hidden,
                n_prev,
                i,
                a_prev,
                z_prev,
                d_layer,
                w_layer,
                acc_layer,
                d_prev.as_deref_mut(),
                masks,
                c,
            );
            i += 1;
        }
    }
}

/// The output nodes' dE/dz under cross-entropy (see [`backward_tile`]), masked to 0 in
/// lanes that hold no point.
#[inline(always)]
fn output_deltas_ce<const T: usize>(
    shape: &Shape,
    act: &[F32x4],
    delta: &mut [F32x4],
    labels: &[F32x4; T],
    masks: &[F32x4; T],
) {
    let layers = shape.layers();
    let row0 = shape.roff[layers];
    let node0 = shape.boff[layers];
    let zero = F32x4::zero();
    let one = F32x4::splat(1.0);
    if shape.out_kind == OutputKind::Sigmoid {
        let half = F32x4::splat(0.5);
        for t in 0..T {
            let y = (labels[t] + one) * half;
            delta[node0 * T + t] = (act[row0 * T + t] - y).and(masks[t]);
        }
    } else {
        for cls in 0..shape.outputs() {
            let cv = F32x4::splat(cls as f32);
            for t in 0..T {
                let l = labels[t];
                let y = F32x4::select(l.lt(cv), zero, F32x4::select(l.gt(cv), zero, one));
                delta[(node0 + cls) * T + t] = (act[(row0 + cls) * T + t] - y).and(masks[t]);
            }
        }
    }
}

/// For the `B` source nodes `i0..i0 + B` of layer l-1: adds `dE/dz_j * a_i` to the
/// accumulator of every link i -> j, and (if `d_prev` is given, i.e. l > 1) writes
/// `dE/dz_i = (sum_j w_ji dE/dz_j) * f'(z_i)`, the sum over j left to right from 0;
/// `f'` from the sources' `z` in `z_prev` when it is given (not empty), else from `a`.
#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn backward_sources<const T: usize, const B: usize>(
    f: Activation,
    n_prev: usize,
    i0: usize,
    a_prev: &[F32x4],
    z_prev: &[F32x4],
    d_layer: &[F32x4],
    w_layer: &[f32],
    acc_layer: &mut [F32x4],
    d_prev: Option<&mut [F32x4]>,
    masks: &[F32x4; T],
    c: &Consts,
) {
    let mut a = [[F32x4::zero(); T]; B];
    for r in 0..B {
        a[r].copy_from_slice(&a_prev[(i0 + r) * T..(i0 + r + 1) * T]);
    }
    match d_prev {
        Some(dp) => {
            let mut g = [[F32x4::zero(); T]; B];
            for (j, d) in d_layer.chunks_exact(T).enumerate() {
                let k0 = j * n_prev + i0;
                let acc = &mut acc_layer[k0..k0 + B];
                let w_row = &w_layer[k0..k0 + B];
                for r in 0..B {
                    let w = F32x4::load_splat(w_row, r);
                    let mut s = acc[r];
                    for t in 0..T {
                        g[r][t] = g[r][t] + w * d[t];
                        s = s + d[t] * a[r][t];
                    }
                    acc[r] = s;
                }
            }
            if z_prev.is_empty() {
                for r in 0..B {
                    let out = &mut dp[(i0 + r) * T..(i0 + r + 1) * T];
                    for t in 0..T {
                        out[t] = (g[r][t] * f.derivative_with(c, a[r][t])).and(masks[t]);
                    }
                }
            } else {
                for r in 0..B {
                    let out = &mut dp[(i0 + r) * T..(i0 + r + 1) * T];
                    let z = &z_prev[(i0 + r) * T..(i0 + r + 1) * T];
                    scale_by_derivative_from_input(f, c, &g[r], z, out);
                    for t in 0..T {
                        out[t] = out[t].and(masks[t]);
                    }
                }
            }
        }
        None => {
            for (j, d) in d_layer.chunks_exact(T).enumerate() {
                let k0 = j * n_prev + i0;
                let acc = &mut acc_layer[k0..k0 + B];
                for r in 0..B {
                    let mut s = acc[r];
                    for t in 0..T {
                        s = s + d[t] * a[r][t];
                    }
                    acc[r] = s;
                }
            }
        }
    }
}

/// TF's regularisation after a weight's gradient step, for four links at once: `w` is
/// the weight before the step and `updated` after it; the penalty's derivative is taken
/// at `w` (L1 `sign(w)` with sign(0) = sign(NaN) = 0, L2 `w`) and scaled by `reg_stepv`.
/// Under L1 a live link (lane not set in `dead`) whose weight crosses zero dies: its
/// weight becomes 0 and its flag in `dead_flags` (the four links' flags) is set. Dead
/// lanes' results are the caller's to discard.
#[inline(always)]
fn regularize4(
    reg: Regularization,
    reg_stepv: F32x4,
    w: F32x4,
    updated: F32x4,
    dead: F32x4,
    dead_flags: &mut [u8],
) -> F32x4 {
    let zero = F32x4::zero();
    let one = F32x4::splat(1.0);
    match reg {
        // No penalty: skip `- reg_step * 0` (it would be NaN if reg_step is inf).
        Regularization::None => updated,
        Regularization::L2 => updated - reg_stepv * w,
        Regularization::L1 => {
            let reg_der =
                F32x4::select(w.lt(zero), zero - one, F32x4::select(w.gt(zero), one, zero));
            let new_w = updated - reg_stepv * reg_der;
            let crossed = (updated * new_w).lt(zero);
            let kill = F32x4::select(dead, zero, crossed);
            if kill.any() {
                for (lane, v) in kill.to_array().iter().enumerate() {
                    if v.to_bits() != 0 {
                        dead_flags[lane] = 1;
                    }
                }
            }
            F32x4::select(crossed, zero, new_w)
        }
    }
}

/// [`regularize4`] for one live link: its new weight, `dead` set to 1 if L1 killed it.
#[inline(always)]
fn regularize(reg: Regularization, reg_step: f32, w: f32, updated: f32, dead: &mut u8) -> f32 {
    let reg_der = reg.der(w);
    match reg {
        Regularization::None => updated,
        Regularization::L2 => updated - reg_step * reg_der,
        Regularization::L1 => {
            let new_w = updated - reg_step * reg_der;
            if updated * new_w < 0.0 {
                *dead = 1;
                0.0
            } else {
                new_w
            }
        }
    }
}

/// `values` must have `expected` entries, else `WrongLength` naming `what`.
fn check_len<T>(what: &'static str, values: &[T], expected: usize) -> Result<(), CoreError> {
    if values.len() == expected {
        Ok(())
    } else {
        Err(CoreError::WrongLength {
            what,
            expected,
            got: values.len(),
        })
    }
}

/// Every value must be finite, else `NotFinite` naming `what` and the first bad index.
fn check_finite(what: &'static str, values: &[f32]) -> Result<(), CoreError> {
    match values.iter().position(|v| !v.is_finite()) {
        None => Ok(()),
        Some(index) => Err(CoreError::NotFinite { what, index }),
    }
}

impl Network {
    /// A network with layer sizes `[inputs, hidden.., outputs]`, hidden activation code
    /// `activation` (0 relu, 1 tanh, 2 sigmoid, 3 linear, 4 leaky ReLU, 5 ELU, 6 swish, 7 sine)
    /// and output activation code `output_activation`, which also decides the loss:
    /// 1 tanh (TF's classification) or 3 linear (regression) with squared error, 2 sigmoid
    /// with binary cross-entropy (one output node each), or 8 softmax with categorical
    /// cross-entropy (2..=[`MAX_OUTPUTS`] output nodes, one per class). All weights and
    /// biases are 0 and no link is dead until `set_parameters`.
    pub fn new(
        layer_sizes: &[usize],
        activation: u8,
        output_activation: u8,
    ) -> Result<Network, CoreError> {
        if layer_sizes.len() < 2 {
            return Err(CoreError::TooFewLayers {
                layers: layer_sizes.len(),
            });
        }
        let hidden_layers = layer_sizes.len() - 2;
        if hidden_layers > MAX_HIDDEN_LAYERS {
            return Err(CoreError::TooManyHiddenLayers {
                hidden: hidden_layers,
            });
        }
        let inputs = layer_sizes[0];
        if inputs == 0 || inputs > MAX_INPUTS {
            return Err(CoreError::BadInputCount { inputs });
        }
        for (k, &width) in layer_sizes[1..layer_sizes.len() - 1].iter().enumerate() {
            if width == 0 || width > MAX_LAYER_WIDTH {
                return Err(CoreError::BadHiddenWidth {
                    layer: k + 1,
                    width,
                });
            }
        }
        let hidden = Activation::from_code(activation)
            .ok_or(CoreError::BadActivation { code: activation })?;
        let (output, out_kind) = match output_activation {
            1 => (Activation::Tanh, OutputKind::Squared),
            // Sigmoid's and softmax's probabilities are taken after the linear layer.
            2 => (Activation::Linear, OutputKind::Sigmoid),
            3 => (Activation::Linear, OutputKind::Squared),
            8 => (Activation::Linear, OutputKind::Softmax),
            code => return Err(CoreError::BadOutputActivation { code }),
        };
        let out_width = layer_sizes[layer_sizes.len() - 1];
        if out_kind == OutputKind::Softmax {
            if !(2..=MAX_OUTPUTS).contains(&out_width) {
                return Err(CoreError::BadSoftmaxWidth { width: out_width });
            }
        } else if out_width != 1 {
            return Err(CoreError::BadOutputWidth { width: out_width });
        }
        let layers = layer_sizes.len() - 1;
        let mut woff = vec![0usize; layers + 2];
        let mut boff = vec![0usize; layers + 2];
        let mut roff = vec![0usize; layers + 2];
        roff[1] = inputs;
        for l in 1..=layers {
            woff[l + 1] = woff[l] + layer_sizes[l] * layer_sizes[l - 1];
            boff[l + 1] = boff[l] + layer_sizes[l];
            roff[l + 1] = roff[l] + layer_sizes[l];
        }
        let shape = Shape {
            sizes: layer_sizes.to_vec(),
            hidden,
            output,
            out_kind,
            woff,
            boff,
            roff,
        };
        let wc = shape.weight_count();
        let nc = shape.node_count();
        let rows = shape.rows();
        Ok(Network {
            weights: vec![0.0; wc],
            biases: vec![0.0; nc],
            dead: vec![0; wc],
            acc_w: vec![F32x4::zero(); wc],
            acc_b: vec![F32x4::zero(); nc],
            acc_count: 0,
            optimizer: Optimizer::SGD,
            state_kind: OptimizerKind::Sgd,
            steps: 0,
            moment1_w: vec![0.0; wc],
            moment1_b: vec![0.0; nc],
            moment2_w: vec![0.0; wc],
            moment2_b: vec![0.0; nc],
            act: vec![F32x4::zero(); rows * MAX_TILE],
            pre: if hidden.needs_input() {
                vec![F32x4::zero(); rows * MAX_TILE]
            } else {
                Vec::new()
            },
            delta: vec![F32x4::zero(); nc * TRAIN_TILE],
            predictions: Vec::new(),
            grid_out: Vec::new(),
            shape,
        })
    }

    /// `[inputs, hidden.., outputs]`.
    pub fn layer_sizes(&self) -> &[usize] {
        &self.shape.sizes
    }
    /// Output nodes: 1, or the classes of a softmax output.
    pub fn output_size(&self) -> usize {
        self.shape.outputs()
    }
    /// Number of inputs (features per point).
    pub fn inputs(&self) -> usize {
        self.shape.inputs()
    }
    /// Number of weights (= links = dead flags).
    pub fn weight_count(&self) -> usize {
        self.weights.len()
    }
    /// Number of biases (= non-input nodes).
    pub fn bias_count(&self) -> usize {
        self.biases.len()
    }
    /// Number of non-input nodes: sum of hidden widths + output nodes.
    pub fn node_count(&self) -> usize {
        self.shape.node_count()
    }
    /// The weights (layout in the module docs).
    pub fn weights(&self) -> &[f32] {
        &self.weights
    }
    /// The biases, one per non-input node.
    pub fn biases(&self) -> &[f32] {
        &self.biases
    }
    /// Dead-link flags, one per weight (1 = dead).
    pub fn dead(&self) -> &[u8] {
        &self.dead
    }
    /// Values of the last `predict`, point-major: `predictions()[p * output_size() + c]`.
    pub fn predictions(&self) -> &[f32] {
        &self.predictions
    }
    /// Values of the last `grid`, node-major: `grid_values()[node * points + p]`.
    pub fn grid_values(&self) -> &[f32] {
        &self.grid_out
    }
    /// Points whose gradients are accumulated but not yet applied (an unfinished batch).
    pub fn accumulated_count(&self) -> u64 {
        self.acc_count
    }
    /// The accumulated dE/dw per weight (sum over the accumulated points).
    pub fn accumulated_weight_gradients(&self) -> Vec<f32> {
        self.acc_w.iter().map(|v| v.sum()).collect()
    }
    /// The accumulated dE/db per non-input node.
    pub fn accumulated_bias_gradients(&self) -> Vec<f32> {
        self.acc_b.iter().map(|v| v.sum()).collect()
    }

    /// Replaces the batch in progress: `weight_gradients` and `bias_gradients` are the
    /// summed dE/dw and dE/db of `count` points (as the `accumulated_*` getters return
    /// them), e.g. a batch carried over from another engine. Refused, changing nothing,
    /// on wrong lengths or non-finite values.
    pub fn set_accumulated(
        &mut self,
        weight_gradients: &[f32],
        bias_gradients: &[f32],
        count: u64,
    ) -> Result<(), CoreError> {
        check_len("weight gradient", weight_gradients, self.acc_w.len())?;
        check_len("bias gradient", bias_gradients, self.acc_b.len())?;
        check_finite("weight gradient", weight_gradients)?;
        check_finite("bias gradient", bias_gradients)?;
        // The whole sum goes into lane 0; the update adds the lanes.
        for (acc, &g) in self.acc_w.iter_mut().zip(weight_gradients) {
            *acc = F32x4::from_array([g, 0.0, 0.0, 0.0]);
        }
        for (acc, &g) in self.acc_b.iter_mut().zip(bias_gradients) {
            *acc = F32x4::from_array([g, 0.0, 0.0, 0.0]);
        }
        self.acc_count = count;
        Ok(())
    }

    /// The batch in progress as the core holds it: four lane-partial sums per weight
    /// (`lanes[4 * k + lane]`), whose sum is `accumulated_weight_gradients()[k]`.
    pub fn accumulated_weight_lanes(&self) -> Vec<f32> {
        self.acc_w.iter().flat_map(|v| v.to_array()).collect()
    }
    /// The same four lane-partial sums per non-input node's dE/db.
    pub fn accumulated_bias_lanes(&self) -> Vec<f32> {
        self.acc_b.iter().flat_map(|v| v.to_array()).collect()
    }

    /// Replaces the batch in progress with lane-partial sums as `accumulated_*_lanes`
    /// return them: a batch saved from this core resumes bit for bit (the sums alone
    /// would round differently at the next update). Refused, changing nothing, on wrong
    /// lengths or non-finite values.
    pub fn set_accumulated_lanes(
        &mut self,
        weight_lanes: &[f32],
        bias_lanes: &[f32],
        count: u64,
    ) -> Result<(), CoreError> {
        check_len("weight gradient lane", weight_lanes, 4 * self.acc_w.len())?;
        check_len("bias gradient lane", bias_lanes, 4 * self.acc_b.len())?;
        check_finite("weight gradient lane", weight_lanes)?;
        check_finite("bias gradient lane", bias_lanes)?;
        for (acc, lanes) in self.acc_w.iter_mut().zip(weight_lanes.chunks_exact(4)) {
            *acc = F32x4::from_array([lanes[0], lanes[1], lanes[2], lanes[3]]);
        }
        for (acc, lanes) in self.acc_b.iter_mut().zip(bias_lanes.chunks_exact(4)) {
            *acc = F32x4::from_array([lanes[0], lanes[1], lanes[2], lanes[3]]);
        }
        self.acc_count = count;
        Ok(())
    }

    fn clear_accumulators(&mut self) {
        for v in self.acc_w.iter_mut().chain(self.acc_b.iter_mut()) {
            *v = F32x4::zero();
        }
        self.acc_count = 0;
    }

    /// Replaces all parameters. `dead` may be empty (all links alive) or hold one flag
    /// (0 or 1) per weight. Clears the gradient accumulators and their point counter.
    pub fn set_parameters(
        &mut self,
        weights: &[f32],
        biases: &[f32],
        dead: &[u8],
    ) -> Result<(), CoreError> {
        check_len("weight", weights, self.weights.len())?;
        check_len("bias", biases, self.biases.len())?;
        if !dead.is_empty() && dead.len() != self.dead.len() {
            return Err(CoreError::WrongLength {
                what: "dead-link flag",
                expected: self.dead.len(),
                got: dead.len(),
            });
        }
        check_finite("weight", weights)?;
        check_finite("bias", biases)?;
        if let Some(index) = dead.iter().position(|&v| v > 1) {
            return Err(CoreError::BadDeadFlag {
                index,
                value: dead[index],
            });
        }
        self.weights.copy_from_slice(weights);
        self.biases.copy_from_slice(biases);
        if dead.is_empty() {
            for d in self.dead.iter_mut() {
                *d = 0;
            }
        } else {
            self.dead.copy_from_slice(dead);
        }
        self.clear_accumulators();
        self.reset_optimizer_state(self.optimizer.kind);
        Ok(())
    }

    /// Sets the optimizer of the next updates. A different optimizer than the one the
    /// state belongs to starts from a fresh state (zero moments, no steps); a change of
    /// settings only (e.g. the momentum) keeps the state, as a change of learning rate
    /// does. Refused, changing nothing, on settings out of range.
    pub fn set_optimizer(&mut self, optimizer: Optimizer) -> Result<(), CoreError> {
        if !optimizer.is_valid() {
            return Err(CoreError::BadOptimizerSetting);
        }
        self.optimizer = optimizer;
        if optimizer.kind != self.state_kind {
            self.reset_optimizer_state(optimizer.kind);
        }
        Ok(())
    }

    /// The optimizer of the next updates.
    pub fn optimizer(&self) -> Optimizer {
        self.optimizer
    }

    fn reset_optimizer_state(&mut self, kind: OptimizerKind) {
        self.state_kind = kind;
        self.steps = 0;
        for v in self
            .moment1_w
            .iter_mut()
            .chain(self.moment1_b.iter_mut())
            .chain(self.moment2_w.iter_mut())
            .chain(self.moment2_b.iter_mut())
        {
            *v = 0.0;
        }
    }

    /// The optimizer the state belongs to.
    pub fn optimizer_state_kind(&self) -> OptimizerKind {
        self.state_kind
    }
    /// Updates applied since the optimizer state was reset (Adam's `t`).
    pub fn optimizer_steps(&self) -> u64 {
        self.steps
    }
    /// Momentum's velocity or Adam's first moment, per weight.
    pub fn moment1_weights(&self) -> &[f32] {
        &self.moment1_w
    }
    /// Momentum's velocity or Adam's first moment, per bias.
    pub fn moment1_biases(&self) -> &[f32] {
        &self.moment1_b
    }
    /// RMSProp's or Adam's mean square, per weight.
    pub fn moment2_weights(&self) -> &[f32] {
        &self.moment2_w
    }
    /// RMSProp's or Adam's mean square, per bias.
    pub fn moment2_biases(&self) -> &[f32] {
        &self.moment2_b
    }

    /// Replaces the optimizer state (e.g. carried over from another engine or a saved
    /// model): the optimizer `kind` it belongs to, the steps taken and the moments in
    /// the weights' and biases' layouts. The configured optimizer becomes `kind` (its
    /// settings unchanged). Refused, changing nothing, on wrong lengths or non-finite
    /// values (or a negative mean square).
    pub fn set_optimizer_state(
        &mut self,
        kind: OptimizerKind,
        steps: u64,
        moment1_w: &[f32],
        moment1_b: &[f32],
        moment2_w: &[f32],
        moment2_b: &[f32],
    ) -> Result<(), CoreError> {
        let wc = self.weights.len();
        let bc = self.biases.len();
        for (what, v, expected, nonneg) in [
            ("first-moment weight", moment1_w, wc, false),
            ("first-moment bias", moment1_b, bc, false),
            ("second-moment weight", moment2_w, wc, true),
            ("second-moment bias", moment2_b, bc, true),
        ] {
            if v.len() != expected {
                return Err(CoreError::WrongLength {
                    what,
                    expected,
                    got: v.len(),
                });
            }
            if let Some(index) = v
                .iter()
                .position(|x| !x.is_finite() || (nonneg && *x < 0.0))
            {
                return Err(CoreError::BadOptimizerState { what, index });
            }
        }
        self.optimizer.kind = kind;
        self.state_kind = kind;
        self.steps = steps;
        self.moment1_w.copy_from_slice(moment1_w);
        self.moment1_b.copy_from_slice(moment1_b);
        self.moment2_w.copy_from_slice(moment2_w);
        self.moment2_b.copy_from_slice(moment2_b);
        Ok(())
    }

    /// Sets one weight (a dead link stays dead; it keeps whatever weight it is given).
    pub fn set_weight(&mut self, index: usize, value: f32) -> Result<(), CoreError> {
        if index >= self.weights.len() {
            return Err(CoreError::IndexOutOfRange {
                what: "weight",
                index,
                len: self.weights.len(),
            });
        }
        if !value.is_finite() {
            return Err(CoreError::NotFinite {
                what: "weight",
                index,
            });
        }
        self.weights[index] = value;
        Ok(())
    }

    /// Sets one bias.
    pub fn set_bias(&mut self, index: usize, value: f32) -> Result<(), CoreError> {
        if index >= self.biases.len() {
            return Err(CoreError::IndexOutOfRange {
                what: "bias",
                index,
                len: self.biases.len(),
            });
        }
        if !value.is_finite() {
            return Err(CoreError::NotFinite {
                what: "bias",
                index,
            });
        }
        self.biases[index] = value;
        Ok(())
    }

    fn check_data(&self, data: &DataSet, need_labels: bool) -> Result<(), CoreError> {
        if data.input_size() != self.inputs() {
            return Err(CoreError::InputSizeMismatch {
                data: data.input_size(),
                network: self.inputs(),
            });
        }
        if need_labels && !data.has_labels() {
            return Err(CoreError::NoLabels);
        }
        Ok(())
    }

    /// A softmax network's labels must be class numbers 0..k-1 (checked before anything
    /// changes); other outputs take any finite label.
    fn check_class_labels(&self, data: &DataSet) -> Result<(), CoreError> {
        let classes = self.shape.outputs();
        if self.shape.out_kind != OutputKind::Softmax || data.classes_needed() <= classes {
            return Ok(());
        }
        for point in 0..data.len() {
            let label = data.label(point).unwrap_or(0.0);
            if !(label >= 0.0 && label.fract() == 0.0 && label < classes as f32) {
                return Err(CoreError::BadClassLabel {
                    point,
                    label,
                    classes,
                });
            }
        }
        Ok(())
    }

    /// Trains `epochs` epochs as TensorFlow Playground's `oneStep` does, once per epoch:
    /// every point i = 0..n-1 in order is propagated forward and backward, its gradients
    /// are added to the accumulators, and after point i, if `(i + 1) % batch_size == 0`
    /// (i counted from the start of each epoch), the accumulated update is applied (see
    /// `apply_update`). An unfinished batch at the end of an epoch is not applied; it
    /// carries over into the next epoch's first update.
    pub fn train_epochs(
        &mut self,
        data: &DataSet,
        epochs: u32,
        learning_rate: f32,
        batch_size: u32,
        regularization: u8,
        regularization_rate: f32,
    ) -> Result<(), CoreError> {
        self.check_data(data, true)?;
        self.check_class_labels(data)?;
        if !(learning_rate.is_finite() && learning_rate > 0.0) {
            return Err(CoreError::BadLearningRate {
                value: learning_rate,
            });
        }
        if batch_size == 0 || batch_size as usize > MAX_BATCH_SIZE {
            return Err(CoreError::BadBatchSize { value: batch_size });
        }
        let reg =
            Regularization::from_code(regularization).ok_or(CoreError::BadRegularization {
                code: regularization,
            })?;
        if !(regularization_rate.is_finite() && regularization_rate >= 0.0) {
            return Err(CoreError::BadRegularizationRate {
                value: regularization_rate,
            });
        }
        let n = data.len();
        let batch = batch_size as usize;
        let c = Consts::opaque();
        for _ in 0..epochs {
            // Segments of points that share the same weights: they end at the next
            // multiple of the batch size or at the end of the epoch.
            let mut s = 0;
            while s < n {
                let e = ((s / batch + 1) * batch).min(n);
                self.accumulate(data, s, e, &c);
                self.acc_count += (e - s) as u64;
                if e % batch == 0 {
                    self.apply_update(learning_rate, reg, regularization_rate);
                }
                s = e;
            }
        }
        Ok(())
    }

    /// Trains up to `max_epochs` epochs (settings as [`Network::train_epochs`]), one at a
    /// time, and stops after the first epoch at which both the loss over `train` and the
    /// loss over `test` are below `target`; the test loss is computed only after an epoch
    /// whose training loss is already below it. Also stops after an epoch whose training
    /// loss (or computed test loss) is not finite: training has diverged. The weights are
    /// exactly those of `train_epochs` over the same number of epochs.
    #[allow(clippy::too_many_arguments)]
    pub fn train_until(
        &mut self,
        train: &DataSet,
        test: &DataSet,
        max_epochs: u32,
        learning_rate: f32,
        batch_size: u32,
        regularization: u8,
        regularization_rate: f32,
        target: f64,
    ) -> Result<TargetRun, CoreError> {
        self.check_data(test, true)?;
        self.check_class_labels(test)?;
        if !(target.is_finite() && target > 0.0) {
            return Err(CoreError::BadLossTarget { value: target });
        }
        // Zero epochs: checks the data and settings, trains nothing.
        self.train_epochs(
            train,
            0,
            learning_rate,
            batch_size,
            regularization,
            regularization_rate,
        )?;
        let mut run = TargetRun {
            epochs: 0,
            reached: false,
            train_loss: f32::NAN,
            test_loss: None,
        };
        for epoch in 1..=max_epochs {
            self.train_epochs(
                train,
                1,
                learning_rate,
                batch_size,
                regularization,
                regularization_rate,
            )?;
            let train_loss = self.loss(train)?;
            run = TargetRun {
                epochs: epoch,
                reached: false,
                train_loss,
                test_loss: None,
            };
            if !train_loss.is_finite() {
                break;
            }
            if (train_loss as f64) < target {
                let test_loss = self.loss(test)?;
                run.test_loss = Some(test_loss);
                if !test_loss.is_finite() {
                    break;
                }
                if (test_loss as f64) < target {
                    run.reached = true;
                    break;
                }
            }
        }
        Ok(run)
    }

    /// Forward + backward for points `s..e` (same weights), gradients into the
    /// accumulators, tile by tile.
    fn accumulate(&mut self, data: &DataSet, s: usize, e: usize, c: &Consts) {
        // Whether the hidden rows' z are kept (swish, sine) is decided here, once: as a
        // constant, the kernels of TF's four activations carry no trace of it (tested in
        // the loop, it cost them about 8% of an epoch in the browser's compiled code).
        // The loss likewise: cross-entropy outputs get their own kernels.
        match (
            self.pre.is_empty(),
            self.shape.out_kind == OutputKind::Squared,
        ) {
            (true, true) => self.accumulate_tiles::<false, OUT_SQUARED>(data, s, e, c),
            (false, true) => self.accumulate_tiles::<true, OUT_SQUARED>(data, s, e, c),
            (no_z, false) => self.accumulate_tiles_ce(!no_z, data, s, e, c),
        }
    }

    /// `accumulate` for the cross-entropy outputs (out of line, away from TF's kernels).
    #[inline(never)]
    fn accumulate_tiles_ce(
        &mut self,
        keep_z: bool,
        data: &DataSet,
        s: usize,
        e: usize,
        c: &Consts,
    ) {
        if keep_z {
            self.accumulate_tiles::<true, OUT_CE>(data, s, e, c);
        } else {
            self.accumulate_tiles::<false, OUT_CE>(data, s, e, c);
        }
    }

    fn accumulate_tiles<const KEEP_Z: bool, const OUT: u8>(
        &mut self,
        data: &DataSet,
        s: usize,
        e: usize,
        c: &Consts,
    ) {
        let mut p = s;
        while p < e {
            let count = (e - p).min(4 * TRAIN_TILE);
            match (count + 3) / 4 {
                1 => self.train_tile::<1, KEEP_Z, OUT>(data, p, count, c),
                2 => self.train_tile::<2, KEEP_Z, OUT>(data, p, count, c),
                3 => self.train_tile::<3, KEEP_Z, OUT>(data, p, count, c),
                _ => self.train_tile::<4, KEEP_Z, OUT>(data, p, count, c),
            }
            p += count;
        }
    }

    /// One tile of `count` (1..=4T) points starting at point `p0`: forward, backward;
    /// with `KEEP_Z`, the hidden rows' z go to `pre` for the backward pass.
    fn train_tile<const T: usize, const KEEP_Z: bool, const OUT: u8>(
        &mut self,
        data: &DataSet,
        p0: usize,
        count: usize,
        c: &Consts,
    ) {
        let masks = tile_masks::<T>(count);
        let inputs = self.shape.inputs();
        // Input rows, padded lanes zeroed (they are not points of this segment). Every
        // load starts at a point < len, which the data set's padding allows.
        for f in 0..inputs {
            for t in 0..T {
                self.act[f * T + t] = data.load_feature(f, p0 + 4 * t).and(masks[t]);
            }
        }
        let mut labels = [F32x4::zero(); T];
        for t in 0..T {
            labels[t] = data.load_label(p0 + 4 * t).and(masks[t]);
        }
        let pre: &mut [F32x4] = if KEEP_Z { &mut self.pre } else { &mut [] };
        forward_tile::<T, OUT>(
            &self.shape,
            &self.weights,
            &self.biases,
            &mut self.act,
            pre,
            c,
        );
        let pre: &[F32x4] = if KEEP_Z { &self.pre } else { &[] };
        backward_tile::<T, OUT>(
            &self.shape,
            &self.weights,
            &self.act,
            pre,
            &mut self.delta,
            &mut self.acc_w,
            &mut self.acc_b,
            &labels,
            &masks,
            c,
        );
    }

    /// nn.ts `updateWeights` with the shared point counter `count` (> 0):
    /// * bias: `b -= lr * accB / count`;
    /// * each link that is not dead: `regDer` from the weight before the update
    ///   (L1 sign(w), L2 w, none 0); `w -= (lr / count) * accW`;
    ///   `newW = w - (lr * regRate) * regDer`; with L1, if `w * newW < 0` the weight
    ///   crossed zero because of the penalty: `w = 0` and the link is dead forever;
    ///   otherwise `w = newW`.
    ///
    /// Then all accumulators and the counter are reset.
    fn apply_update(&mut self, learning_rate: f32, reg: Regularization, reg_rate: f32) {
        if self.acc_count == 0 {
            return;
        }
        if self.optimizer.kind != OptimizerKind::Sgd {
            self.apply_optimizer_update(learning_rate, reg, reg_rate);
            return;
        }
        self.steps += 1;
        let count = self.acc_count as f32;
        // Four parameters per vector; `F32x4::sum4` adds each accumulator's lanes exactly
        // as `F32x4::sum` does, so every parameter gets the scalar rule's bits.
        let lr = F32x4::splat(learning_rate);
        let countv = F32x4::splat(count);
        let bias_body = self.biases.len() / 4 * 4;
        for k in (0..bias_body).step_by(4) {
            let acc = &mut self.acc_b[k..k + 4];
            let g = F32x4::sum4(acc[0], acc[1], acc[2], acc[3]);
            let b = F32x4::load(&self.biases, k);
            (b - lr * g / countv).store(&mut self.biases, k);
            acc.fill(F32x4::zero());
        }
        for (b, acc) in self.biases[bias_body..]
            .iter_mut()
            .zip(self.acc_b[bias_body..].iter_mut())
        {
            *b -= learning_rate * acc.sum() / count;
            *acc = F32x4::zero();
        }
        let step = learning_rate / count;
        let reg_step = learning_rate * reg_rate;
        let stepv = F32x4::splat(step);
        let reg_stepv = F32x4::splat(reg_step);
        let zero = F32x4::zero();
        let weight_body = self.weights.len() / 4 * 4;
        for k in (0..weight_body).step_by(4) {
            let acc = &mut self.acc_w[k..k + 4];
            let g = F32x4::sum4(acc[0], acc[1], acc[2], acc[3]);
            acc.fill(zero);
            let w = F32x4::load(&self.weights, k);
            let dead = F32x4::mask_from_bytes(&self.dead, k);
            let updated = w - stepv * g;
            let new_w = regularize4(reg, reg_stepv, w, updated, dead, &mut self.dead[k..k + 4]);
            // Dead links keep their weight.
            F32x4::select(dead, w, new_w).store(&mut self.weights, k);
        }
        for ((w, acc), dead) in self.weights[weight_body..]
            .iter_mut()
            .zip(self.acc_w[weight_body..].iter_mut())
            .zip(self.dead[weight_body..].iter_mut())
        {
            let g = acc.sum();
            *acc = F32x4::zero();
            if *dead != 0 {
                continue;
            }
            let updated = *w - step * g;
            *w = regularize(reg, reg_step, *w, updated, dead);
        }
        self.acc_count = 0;
    }

    /// `apply_update` for momentum, RMSProp and Adam (see [`crate::optimizer`]): each
    /// parameter's mean gradient `g = acc / count` gives the optimizer's step `delta`
    /// (updating its state); biases `b -= delta`; each live link `stepped = w - delta`,
    /// then the regularisation exactly as in the SGD rule (derivative at the weight
    /// before the step, L1 kills a weight that crosses zero). A dead link's weight and
    /// state stay as they are. Four parameters per vector, the rest one at a time; both
    /// take the same operations in the same order, so every parameter gets the same bits.
    // Out of line: SGD's training loop stays as small as it was (see apply_slice_beyond_tf).
    #[inline(never)]
    fn apply_optimizer_update(&mut self, learning_rate: f32, reg: Regularization, reg_rate: f32) {
        let count = self.acc_count as f32;
        self.steps += 1;
        let rule = UpdateRule::new(&self.optimizer, learning_rate, self.steps);
        let countv = F32x4::splat(count);
        let zero = F32x4::zero();
        let bias_body = self.biases.len() / 4 * 4;
        for k in (0..bias_body).step_by(4) {
            let acc = &mut self.acc_b[k..k + 4];
            let g = F32x4::sum4(acc[0], acc[1], acc[2], acc[3]) / countv;
            acc.fill(zero);
            let mut m1 = F32x4::load(&self.moment1_b, k);
            let mut m2 = F32x4::load(&self.moment2_b, k);
            let b = F32x4::load(&self.biases, k);
            (b - rule.step4(g, &mut m1, &mut m2)).store(&mut self.biases, k);
            m1.store(&mut self.moment1_b, k);
            m2.store(&mut self.moment2_b, k);
        }
        for k in bias_body..self.biases.len() {
            let g = self.acc_b[k].sum() / count;
            self.acc_b[k] = zero;
            self.biases[k] -= rule.step(g, &mut self.moment1_b[k], &mut self.moment2_b[k]);
        }
        let reg_step = learning_rate * reg_rate;
        let reg_stepv = F32x4::splat(reg_step);
        let weight_body = self.weights.len() / 4 * 4;
        for k in (0..weight_body).step_by(4) {
            let acc = &mut self.acc_w[k..k + 4];
            let g = F32x4::sum4(acc[0], acc[1], acc[2], acc[3]) / countv;
            acc.fill(zero);
            let w = F32x4::load(&self.weights, k);
            let dead = F32x4::mask_from_bytes(&self.dead, k);
            let (old1, old2) = (
                F32x4::load(&self.moment1_w, k),
                F32x4::load(&self.moment2_w, k),
            );
            let (mut m1, mut m2) = (old1, old2);
            let updated = w - rule.step4(g, &mut m1, &mut m2);
            let new_w = regularize4(reg, reg_stepv, w, updated, dead, &mut self.dead[k..k + 4]);
            // Dead links keep their weight and their state.
            F32x4::select(dead, w, new_w).store(&mut self.weights, k);
            F32x4::select(dead, old1, m1).store(&mut self.moment1_w, k);
            F32x4::select(dead, old2, m2).store(&mut self.moment2_w, k);
        }
        for k in weight_body..self.weights.len() {
            let g = self.acc_w[k].sum() / count;
            self.acc_w[k] = zero;
            if self.dead[k] != 0 {
                continue;
            }
            let w = self.weights[k];
            let updated = w - rule.step(g, &mut self.moment1_w[k], &mut self.moment2_w[k]);
            self.weights[k] = regularize(reg, reg_step, w, updated, &mut self.dead[k]);
        }
        self.acc_count = 0;
    }

    /// Loads tile `p0..p0 + 4*TILE` of `data` into the input rows (chunks past the end of
    /// the data set are zeros) and runs the forward pass.
    fn forward_data_tile(&mut self, data: &DataSet, p0: usize, c: &Consts) {
        let inputs = self.shape.inputs();
        let len = data.len();
        for f in 0..inputs {
            for t in 0..TILE {
                let p = p0 + 4 * t;
                self.act[f * TILE + t] = if p < len {
                    data.load_feature(f, p)
                } else {
                    F32x4::zero()
                };
            }
        }
        if self.shape.out_kind != OutputKind::Squared {
            forward_tile::<TILE, OUT_CE>(
                &self.shape,
                &self.weights,
                &self.biases,
                &mut self.act,
                &mut [],
                c,
            );
        } else {
            forward_tile::<TILE, OUT_SQUARED>(
                &self.shape,
                &self.weights,
                &self.biases,
                &mut self.act,
                &mut [],
                c,
            );
        }
    }

    /// Mean over the data set of the loss per point: `0.5 * (output - label)^2` for tanh
    /// and linear outputs, cross-entropy for sigmoid and softmax (see [`Network::loss_ce`]).
    pub fn loss(&mut self, data: &DataSet) -> Result<f32, CoreError> {
        self.check_data(data, true)?;
        if self.shape.out_kind != OutputKind::Squared {
            return self.loss_ce(data);
        }
        let len = data.len();
        let out_row = self.shape.rows() - 1;
        let half = F32x4::splat(0.5);
        let mut total = 0.0f64;
        // Not `Consts::opaque()` here: with it, the wasm build (rustc's LLVM, run in
        // Node 20's V8) returned losses 1 ulp away from the same arithmetic done on the
        // predictions whenever the second tile was partly filled (17..31 points), although
        // the predictions themselves were exact; the native build was right. Root cause
        // not found; packages/engine-wasm/test/loss-bits.test.ts guards it.
        let c = Consts::new();
        let mut p0 = 0;
        while p0 < len {
            self.forward_data_tile(data, p0, &c);
            let masks = tile_masks::<TILE>(len - p0);
            let mut s = F32x4::zero();
            for t in 0..TILE {
                if p0 + 4 * t < len {
                    let e = self.act[out_row * TILE + t] - data.load_label(p0 + 4 * t);
                    s = s + (half * e * e).and(masks[t]);
                }
            }
            total += s.sum() as f64;
            p0 += 4 * TILE;
        }
        Ok((total / len as f64) as f32)
    }

    /// Mean cross-entropy over the data set, each point's `-ln(max(q, CE_EPSILON))` taken
    /// in f64 from the f32 probabilities and summed in point order; q is the probability
    /// given to the right answer: p_label for softmax; for sigmoid p if y = (label + 1) / 2
    /// is 1, 1 - p if it is 0, and -(y ln max(p, eps) + (1 - y) ln max(1 - p, eps)) for a
    /// label between.
    #[inline(never)]
    fn loss_ce(&mut self, data: &DataSet) -> Result<f32, CoreError> {
        self.check_class_labels(data)?;
        let len = data.len();
        let row0 = self.shape.roff[self.shape.layers()];
        let softmax = self.shape.out_kind == OutputKind::Softmax;
        let ln = |q: f64| -q.max(CE_EPSILON).ln();
        let mut total = 0.0f64;
        let c = Consts::opaque();
        let mut p0 = 0;
        while p0 < len {
            self.forward_data_tile(data, p0, &c);
            for p in p0..len.min(p0 + 4 * TILE) {
                let (t, lane) = ((p - p0) / 4, (p - p0) % 4);
                let label = data.label(p).unwrap_or(0.0);
                let prob = |cls: usize| self.act[(row0 + cls) * TILE + t].to_array()[lane] as f64;
                total += if softmax {
                    ln(prob(label as usize))
                } else {
                    let a = prob(0);
                    let y = (label as f64 + 1.0) / 2.0;
                    if y == 1.0 {
                        ln(a)
                    } else if y == 0.0 {
                        ln(1.0 - a)
                    } else {
                        y * ln(a) + (1.0 - y) * ln(1.0 - a)
                    }
                };
            }
            p0 += 4 * TILE;
        }
        Ok((total / len as f64) as f32)
    }

    /// The training loss on a plane through the current parameters: for every pair
    /// `(alphas[i], betas[j])` the loss over `data` (as [`Network::loss`]) of the network
    /// with weights `w + alpha * d1_w + beta * d2_w` and biases `b + alpha * d1_b +
    /// beta * d2_b`, each sum taken as `(p + alpha * d1) + beta * d2` in f32. The result is
    /// row-major by beta: `out[j * alphas.len() + i]`. Dead links are treated as in the
    /// forward pass (their weight is used as it is, here moved along the directions too;
    /// give them direction 0 to keep them still). At `(0, 0)` the parameters are used
    /// unchanged, so that value equals `loss(data)` bit for bit.
    ///
    /// The network's parameters, dead flags and batch in progress are unchanged afterwards;
    /// the call is refused (nothing computed) on wrong lengths, non-finite values, or more
    /// than [`crate::MAX_PLANE_VALUES`] pairs.
    #[allow(clippy::too_many_arguments)]
    pub fn losses_on_plane(
        &mut self,
        data: &DataSet,
        d1_w: &[f32],
        d1_b: &[f32],
        d2_w: &[f32],
        d2_b: &[f32],
        alphas: &[f32],
        betas: &[f32],
    ) -> Result<Vec<f32>, CoreError> {
        self.check_data(data, true)?;
        self.check_class_labels(data)?;
        let wc = self.weights.len();
        let bc = self.biases.len();
        for (what, v, expected) in [
            ("first direction weight", d1_w, wc),
            ("first direction bias", d1_b, bc),
            ("second direction weight", d2_w, wc),
            ("second direction bias", d2_b, bc),
        ] {
            if v.len() != expected {
                return Err(CoreError::WrongLength {
                    what,
                    expected,
                    got: v.len(),
                });
            }
            if let Some(index) = v.iter().position(|x| !x.is_finite()) {
                return Err(CoreError::NotFinite { what, index });
            }
        }
        for (what, v) in [("alpha", alphas), ("beta", betas)] {
            if let Some(index) = v.iter().position(|x| !x.is_finite()) {
                return Err(CoreError::NotFinite { what, index });
            }
        }
        let values = alphas.len().saturating_mul(betas.len());
        if values > crate::MAX_PLANE_VALUES {
            return Err(CoreError::PlaneTooLarge { values });
        }
        let origin_w = self.weights.clone();
        let origin_b = self.biases.clone();
        let mut out = Vec::with_capacity(values);
        let mut result = Ok(());
        'grid: for &beta in betas {
            for &alpha in alphas {
                if alpha == 0.0 && beta == 0.0 {
                    self.weights.copy_from_slice(&origin_w);
                    self.biases.copy_from_slice(&origin_b);
                } else {
                    for k in 0..wc {
                        self.weights[k] = (origin_w[k] + alpha * d1_w[k]) + beta * d2_w[k];
                    }
                    for k in 0..bc {
                        self.biases[k] = (origin_b[k] + alpha * d1_b[k]) + beta * d2_b[k];
                    }
                }
                match self.loss(data) {
                    Ok(v) => out.push(v),
                    Err(e) => {
                        result = Err(e);
                        break 'grid;
                    }
                }
            }
        }
        self.weights.copy_from_slice(&origin_w);
        self.biases.copy_from_slice(&origin_b);
        result.map(|()| out)
    }

    /// The output nodes' values for every point of `data` (labels are not needed), kept
    /// in the network point-major: see [`Network::predictions`].
    pub fn predict(&mut self, data: &DataSet) -> Result<(), CoreError> {
        self.check_data(data, false)?;
        let len = data.len();
        let k = self.shape.outputs();
        if k > 1 {
            return self.predict_classes(data);
        }
        if self.predictions.len() != len {
            self.predictions = vec![0.0; len];
        }
        let out_row = self.shape.rows() - 1;
        let c = Consts::opaque();
        let mut p0 = 0;
        while p0 < len {
            self.forward_data_tile(data, p0, &c);
            for t in 0..TILE {
                let p = p0 + 4 * t;
                if p >= len {
                    break;
                }
                store_prefix(&mut self.predictions, p, len, self.act[out_row * TILE + t]);
            }
            p0 += 4 * TILE;
        }
        Ok(())
    }

    /// `predict` for a softmax output: `predictions[p * k + c]` = p_c at point p.
    #[inline(never)]
    fn predict_classes(&mut self, data: &DataSet) -> Result<(), CoreError> {
        let len = data.len();
        let k = self.shape.outputs();
        if self.predictions.len() != len * k {
            self.predictions = vec![0.0; len * k];
        }
        let row0 = self.shape.roff[self.shape.layers()];
        let c = Consts::opaque();
        let mut p0 = 0;
        while p0 < len {
            self.forward_data_tile(data, p0, &c);
            for p in p0..len.min(p0 + 4 * TILE) {
                let (t, lane) = ((p - p0) / 4, (p - p0) % 4);
                for cls in 0..k {
                    self.predictions[p * k + cls] =
                        self.act[(row0 + cls) * TILE + t].to_array()[lane];
                }
            }
            p0 += 4 * TILE;
        }
        Ok(())
    }

    /// The output of every non-input node (hidden nodes and the output nodes) at every
    /// point of `points`, node-major: [`Network::grid_values`]`[node * points + p]`.
    pub fn grid(&mut self, points: &DataSet) -> Result<(), CoreError> {
        self.check_data(points, false)?;
        let len = points.len();
        let nodes = self.shape.node_count();
        let values = nodes.saturating_mul(len);
        if values > MAX_GRID_VALUES {
            return Err(CoreError::GridTooLarge { values });
        }
        if self.grid_out.len() != values {
            self.grid_out = vec![0.0; values];
        }
        let first_row = self.shape.inputs();
        let c = Consts::opaque();
        let mut p0 = 0;
        while p0 < len {
            self.forward_data_tile(points, p0, &c);
            let tile_act = &self.act[first_row * TILE..self.shape.rows() * TILE];
            let out = &mut self.grid_out;
            if p0 + 4 * TILE <= len {
                for (node, a) in tile_act.chunks_exact(TILE).enumerate() {
                    let base = node * len + p0;
                    for t in 0..TILE {
                        a[t].store(out, base + 4 * t);
                    }
                }
            } else {
                for (node, a) in tile_act.chunks_exact(TILE).enumerate() {
                    let row = &mut out[node * len..(node + 1) * len];
                    for t in 0..TILE {
                        let p = p0 + 4 * t;
                        if p >= len {
                            break;
                        }
                        store_prefix(row, p, len, a[t]);
                    }
                }
            }
            p0 += 4 * TILE;
        }
        Ok(())
    }
}

/// Stores the lanes of `v` that fall below `len` into `out[p..]`.
#[inline(always)]
fn store_prefix(out: &mut [f32], p: usize, len: usize, v: F32x4) {
    if p + 4 <= len {
        v.store(out, p);
    } else {
        let a = v.to_array();
        out[p..len].copy_from_slice(&a[..len - p]);
    }
}
