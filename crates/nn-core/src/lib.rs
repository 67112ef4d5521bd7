//! nn-core: the training core of the neural-network playground.
//!
//! A TensorFlow-Playground-exact multilayer perceptron (see [`network`]) whose hot loops
//! run four points per SIMD vector ([`simd::F32x4`]: wasm simd128 on wasm32, a plain
//! `[f32; 4]` elsewhere, so native tests run the shipped kernels).
//!
//! The maths modules know nothing of JavaScript; `bindings` (wasm32 only) is the thin
//! wasm-bindgen layer the TypeScript engine talks to.

pub mod activation;
pub mod calibrate;
pub mod dataset;
pub mod error;
pub mod network;
pub mod optimizer;
pub mod simd;

#[cfg(target_arch = "wasm32")]
mod bindings;

pub use activation::Activation;
pub use calibrate::{calibrate, CALIBRATE_FLOPS_PER_ITERATION};
pub use dataset::DataSet;
pub use error::CoreError;
pub use network::{Network, Regularization, TargetRun};
pub use optimizer::{Optimizer, OptimizerKind, RMSPROP_RHO};

/// Most features per point (input nodes).
pub const MAX_INPUTS: usize = 32;
/// Most hidden layers.
pub const MAX_HIDDEN_LAYERS: usize = 16;
/// Most neurons per hidden layer.
pub const MAX_LAYER_WIDTH: usize = 128;
/// Most output nodes (classes) of a softmax output.
pub const MAX_OUTPUTS: usize = 16;
/// Cross-entropy's floor of the probability inside its logarithm: the loss of a point is
/// `-ln(max(q, CE_EPSILON))`, q the probability given to the right answer.
pub const CE_EPSILON: f64 = 1e-7;
/// Largest batch size.
pub const MAX_BATCH_SIZE: usize = 1024;
/// Most points per data set (2^20).
pub const MAX_POINTS: usize = 1 << 20;
/// Most values one `grid` call may produce (node count x points, 2^25 = 128 MiB of f32).
pub const MAX_GRID_VALUES: usize = 1 << 25;
/// Most (alpha, beta) pairs one `losses_on_plane` call may evaluate (2^16).
pub const MAX_PLANE_VALUES: usize = 1 << 16;
