//! Errors returned by every fallible call of the core.
//!
//! Every state-changing call validates all of its arguments before it touches anything, so
//! a call that returns an error leaves the network (and data set) exactly as it was. The
//! `Display` text is meant for people: the JavaScript layer turns it into an `Error`
//! message as is.

use core::fmt;

/// Why a call was refused.
#[derive(Clone, Debug, PartialEq)]
pub enum CoreError {
    /// `layer_sizes` must hold at least the input layer and the output layer.
    TooFewLayers { layers: usize },
    /// At most [`crate::MAX_HIDDEN_LAYERS`] hidden layers.
    TooManyHiddenLayers { hidden: usize },
    /// The input layer must have 1..=[`crate::MAX_INPUTS`] nodes.
    BadInputCount { inputs: usize },
    /// A hidden layer must have 1..=[`crate::MAX_LAYER_WIDTH`] nodes.
    BadHiddenWidth { layer: usize, width: usize },
    /// The last layer of a tanh, sigmoid or linear output is a single node.
    BadOutputWidth { width: usize },
    /// A softmax output has one node per class, 2..=[`crate::MAX_OUTPUTS`].
    BadSoftmaxWidth { width: usize },
    /// Activation codes are 0 relu, 1 tanh, 2 sigmoid, 3 linear, 4 leaky ReLU, 5 ELU, 6 swish, 7 sine.
    BadActivation { code: u8 },
    /// Output activation codes are 1 tanh, 2 sigmoid, 3 linear or 8 softmax.
    BadOutputActivation { code: u8 },
    /// A parameter buffer of the wrong length.
    WrongLength {
        what: &'static str,
        expected: usize,
        got: usize,
    },
    /// A NaN or infinite value where a finite one is required.
    NotFinite { what: &'static str, index: usize },
    /// A dead-link flag other than 0 (alive) or 1 (dead).
    BadDeadFlag { index: usize, value: u8 },
    /// An index past the end of the weights or biases.
    IndexOutOfRange {
        what: &'static str,
        index: usize,
        len: usize,
    },
    /// A data set must hold at least one point.
    EmptyDataSet,
    /// A data set's features per point must be 1..=[`crate::MAX_INPUTS`].
    BadInputSize { input_size: usize },
    /// The flat inputs buffer is not a whole number of points.
    RaggedInputs { len: usize, input_size: usize },
    /// At most [`crate::MAX_POINTS`] points per data set.
    TooManyPoints { points: usize },
    /// Labels must be absent (grid-only data set) or one per point.
    WrongLabelCount { points: usize, labels: usize },
    /// The data set's feature count differs from the network's inputs.
    InputSizeMismatch { data: usize, network: usize },
    /// Training and loss need labels.
    NoLabels,
    /// A softmax network's labels must be class numbers 0..classes-1; point `point`
    /// (counted from 0) has another.
    BadClassLabel {
        point: usize,
        label: f32,
        classes: usize,
    },
    /// The learning rate must be finite and > 0.
    BadLearningRate { value: f32 },
    /// The batch size must be 1..=[`crate::MAX_BATCH_SIZE`].
    BadBatchSize { value: u32 },
    /// Regularization codes are 0 none, 1 L1, 2 L2.
    BadRegularization { code: u8 },
    /// The regularization rate must be finite and >= 0.
    BadRegularizationRate { value: f32 },
    /// The grid output would exceed [`crate::MAX_GRID_VALUES`] values.
    GridTooLarge { values: usize },
    /// A loss target must be finite and > 0.
    BadLossTarget { value: f64 },
    /// A loss plane may hold at most [`crate::MAX_PLANE_VALUES`] pairs.
    PlaneTooLarge { values: usize },
    /// Unknown optimizer code (0 SGD, 1 momentum, 2 RMSProp, 3 Adam).
    BadOptimizer { code: u8 },
    /// Momentum, beta1 and beta2 must lie in [0, 1) and epsilon be finite and > 0.
    BadOptimizerSetting,
    /// A saved mean square (second moment) must be finite and >= 0.
    BadOptimizerState { what: &'static str, index: usize },
}

impl fmt::Display for CoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use CoreError::*;
        match *self {
            TooFewLayers { layers } => write!(
                f,
                "A network needs at least an input layer and an output layer, but {} layer size(s) were given.",
                layers
            ),
            TooManyHiddenLayers { hidden } => write!(
                f,
                "A network can have at most {} hidden layers, but {} were given.",
                crate::MAX_HIDDEN_LAYERS,
                hidden
            ),
            BadInputCount { inputs } => write!(
                f,
                "The input layer must have between 1 and {} nodes, but it has {}.",
                crate::MAX_INPUTS,
                inputs
            ),
            BadHiddenWidth { layer, width } => write!(
                f,
                "Hidden layer {} must have between 1 and {} neurons, but it has {}.",
                layer,
                crate::MAX_LAYER_WIDTH,
                width
            ),
            BadOutputWidth { width } => write!(
                f,
                "The output layer must have exactly 1 node, but it has {} (only a softmax output has one node per class).",
                width
            ),
            BadSoftmaxWidth { width } => write!(
                f,
                "A softmax output needs one node per class, from 2 to {}, but it has {}.",
                crate::MAX_OUTPUTS,
                width
            ),
            BadActivation { code } => write!(
                f,
                "Unknown activation code {} (0 relu, 1 tanh, 2 sigmoid, 3 linear, 4 leaky ReLU, 5 ELU, 6 swish, 7 sine).",
                code
            ),
            BadOutputActivation { code } => write!(
                f,
                "Unknown output activation code {} (1 tanh or 2 sigmoid for two classes, 8 softmax for several classes, 3 linear for regression).",
                code
            ),
            WrongLength { what, expected, got } => write!(
                f,
                "Expected {} {} values, but got {}.",
                expected, what, got
            ),
            NotFinite { what, index } => write!(
                f,
                "The {} value at index {} is not a finite number.",
                what, index
            ),
            BadDeadFlag { index, value } => write!(
                f,
                "The dead-link flag at index {} is {}, but it must be 0 (alive) or 1 (dead).",
                index, value
            ),
            IndexOutOfRange { what, index, len } => write!(
                f,
                "The {} index {} is out of range (there are {}).",
                what, index, len
            ),
            EmptyDataSet => write!(f, "The data set has no points."),
            BadInputSize { input_size } => write!(
                f,
                "A data set must have between 1 and {} features per point, but {} were given.",
                crate::MAX_INPUTS,
                input_size
            ),
            RaggedInputs { len, input_size } => write!(
                f,
                "The data set has {} input values, which is not a whole number of points of {} features.",
                len, input_size
            ),
            TooManyPoints { points } => write!(
                f,
                "A data set can hold at most {} points, but {} were given.",
                crate::MAX_POINTS,
                points
            ),
            WrongLabelCount { points, labels } => write!(
                f,
                "The data set has {} points but {} labels (give none, or one per point).",
                points, labels
            ),
            InputSizeMismatch { data, network } => write!(
                f,
                "The data set has {} features per point but the network has {} inputs.",
                data, network
            ),
            NoLabels => write!(
                f,
                "The data set has no labels, so it cannot be used for training or loss."
            ),
            BadClassLabel {
                point,
                label,
                classes,
            } => write!(
                f,
                "Point {} has the label {}, but this network tells {} classes apart, so every label must be a class number from 0 to {}.",
                point + 1,
                label,
                classes,
                classes - 1
            ),
            BadLearningRate { value } => write!(
                f,
                "The learning rate must be a finite number greater than 0, but it is {}.",
                value
            ),
            BadBatchSize { value } => write!(
                f,
                "The batch size must be between 1 and {}, but it is {}.",
                crate::MAX_BATCH_SIZE,
                value
            ),
            BadRegularization { code } => write!(
                f,
                "Unknown regularization code {} (0 none, 1 L1, 2 L2).",
                code
            ),
            BadRegularizationRate { value } => write!(
                f,
                "The regularization rate must be a finite number of at least 0, but it is {}.",
                value
            ),
            BadLossTarget { value } => write!(
                f,
                "The loss target must be a finite number greater than 0, but it is {}.",
                value
            ),
            GridTooLarge { values } => write!(
                f,
                "The grid output would hold {} values, more than the limit of {}.",
                values,
                crate::MAX_GRID_VALUES
            ),
            PlaneTooLarge { values } => write!(
                f,
                "The loss plane would hold {} values, more than the limit of {}.",
                values,
                crate::MAX_PLANE_VALUES
            ),
            BadOptimizer { code } => write!(
                f,
                "Unknown optimizer code {} (0 SGD, 1 momentum, 2 RMSProp, 3 Adam).",
                code
            ),
            BadOptimizerSetting => write!(
                f,
                "Momentum, beta1 and beta2 must be at least 0 and less than 1, and epsilon a finite number greater than 0."
            ),
            BadOptimizerState { what, index } => write!(
                f,
                "Every {} of the optimizer state must be a finite number (a mean square at least 0); the one at index {} is not.",
                what, index
            ),
        }
    }
}

impl std::error::Error for CoreError {}
