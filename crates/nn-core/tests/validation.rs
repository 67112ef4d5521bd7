//! Every refused call returns an error (never panics) and leaves the network exactly as it
//! was.

#![allow(clippy::type_complexity)]

mod common;

use common::*;
use nn_core::{CoreError, DataSet, Network};

type Snapshot = (
    Vec<f32>,
    Vec<f32>,
    Vec<u8>,
    Vec<f32>,
    Vec<f32>,
    u64,
    Vec<f32>,
    Vec<f32>,
);

fn snapshot(net: &Network) -> Snapshot {
    (
        net.weights().to_vec(),
        net.biases().to_vec(),
        net.dead().to_vec(),
        net.accumulated_weight_gradients(),
        net.accumulated_bias_gradients(),
        net.accumulated_count(),
        net.predictions().to_vec(),
        net.grid_values().to_vec(),
    )
}

fn same(a: &Snapshot, b: &Snapshot) -> bool {
    // Bitwise, so NaN == NaN and -0 != +0.
    fn bits(v: &[f32]) -> Vec<u32> {
        v.iter().map(|x| x.to_bits()).collect()
    }
    bits(&a.0) == bits(&b.0)
        && bits(&a.1) == bits(&b.1)
        && a.2 == b.2
        && bits(&a.3) == bits(&b.3)
        && bits(&a.4) == bits(&b.4)
        && a.5 == b.5
        && bits(&a.6) == bits(&b.6)
        && bits(&a.7) == bits(&b.7)
}

/// A network mid-batch (accumulators non-zero), with predictions and grid computed.
fn busy_network() -> (Network, DataSet) {
    let mut rng = Rng(42);
    let mut net = Network::new(&[2, 4, 2, 1], 1, 1).unwrap();
    let w: Vec<f32> = (0..net.weight_count())
        .map(|_| rng.range(-1.0, 1.0))
        .collect();
    let b: Vec<f32> = (0..net.bias_count())
        .map(|_| rng.range(-0.5, 0.5))
        .collect();
    let mut dead = vec![0u8; net.weight_count()];
    dead[3] = 1;
    net.set_parameters(&w, &b, &dead).unwrap();
    let (x, y) = random_data(&mut rng, 11, 2);
    let data = DataSet::new(&x, &y, 2).unwrap();
    net.train_epochs(&data, 1, 0.1, 4, 1, 0.01).unwrap();
    assert_eq!(net.accumulated_count(), 3);
    net.predict(&data).unwrap();
    net.grid(&data).unwrap();
    (net, data)
}

#[test]
fn constructor_refusals() {
    use CoreError::*;
    let e = |sizes: &[usize], a: u8, o: u8| Network::new(sizes, a, o).unwrap_err();
    assert_eq!(e(&[], 1, 1), TooFewLayers { layers: 0 });
    assert_eq!(e(&[2], 1, 1), TooFewLayers { layers: 1 });
    let mut deep = vec![2usize];
    deep.extend(std::iter::repeat(3).take(17));
    deep.push(1);
    assert_eq!(e(&deep, 1, 1), TooManyHiddenLayers { hidden: 17 });
    assert_eq!(e(&[0, 1], 1, 1), BadInputCount { inputs: 0 });
    assert_eq!(e(&[33, 1], 1, 1), BadInputCount { inputs: 33 });
    assert_eq!(e(&[2, 0, 1], 1, 1), BadHiddenWidth { layer: 1, width: 0 });
    assert_eq!(
        e(&[2, 4, 129, 1], 1, 1),
        BadHiddenWidth {
            layer: 2,
            width: 129
        }
    );
    assert_eq!(e(&[2, 4, 2], 1, 1), BadOutputWidth { width: 2 });
    assert_eq!(e(&[2, 4, 0], 1, 1), BadOutputWidth { width: 0 });
    assert_eq!(e(&[2, 4, 1], 8, 1), BadActivation { code: 8 });
    assert_eq!(e(&[2, 4, 1], 1, 0), BadOutputActivation { code: 0 });
    assert_eq!(e(&[2, 4, 1], 1, 4), BadOutputActivation { code: 4 });
    assert_eq!(e(&[2, 4, 1], 1, 9), BadOutputActivation { code: 9 });
    // Sigmoid has one output node; softmax 2..=16, one per class.
    assert_eq!(e(&[2, 4, 3], 1, 2), BadOutputWidth { width: 3 });
    assert_eq!(e(&[2, 4, 1], 1, 8), BadSoftmaxWidth { width: 1 });
    assert_eq!(e(&[2, 4, 17], 1, 8), BadSoftmaxWidth { width: 17 });
    assert!(Network::new(&[2, 4, 1], 1, 2).is_ok());
    assert!(Network::new(&[2, 2], 1, 8).is_ok());
    assert!(Network::new(&[2, 4, 16], 1, 8).is_ok());
    // The limits themselves are fine.
    let mut widest = vec![32usize];
    widest.extend(std::iter::repeat(128).take(16));
    widest.push(1);
    assert!(Network::new(&widest, 0, 3).is_ok());
    assert!(Network::new(&[1, 1], 3, 1).is_ok());
    // Messages are readable.
    let msg = e(&[2, 4, 129, 1], 1, 1).to_string();
    assert_eq!(
        msg,
        "Hidden layer 2 must have between 1 and 128 neurons, but it has 129."
    );
}

#[test]
fn parameter_refusals_change_nothing() {
    use CoreError::*;
    let (mut net, _) = busy_network();
    let before = snapshot(&net);
    let (wc, bc) = (net.weight_count(), net.bias_count());
    let w = vec![0.5f32; wc];
    let b = vec![0.5f32; bc];
    let cases: Vec<(Vec<f32>, Vec<f32>, Vec<u8>, CoreError)> = vec![
        (
            vec![0.5; wc - 1],
            b.clone(),
            vec![],
            WrongLength {
                what: "weight",
                expected: wc,
                got: wc - 1,
            },
        ),
        (
            vec![0.5; wc + 1],
            b.clone(),
            vec![],
            WrongLength {
                what: "weight",
                expected: wc,
                got: wc + 1,
            },
        ),
        (
            w.clone(),
            vec![0.5; bc + 1],
            vec![],
            WrongLength {
                what: "bias",
                expected: bc,
                got: bc + 1,
            },
        ),
        (
            w.clone(),
            b.clone(),
            vec![0; 3],
            WrongLength {
                what: "dead-link flag",
                expected: wc,
                got: 3,
            },
        ),
        (
            {
                let mut v = w.clone();
                v[5] = f32::NAN;
                v
            },
            b.clone(),
            vec![],
            NotFinite {
                what: "weight",
                index: 5,
            },
        ),
        (
            w.clone(),
            {
                let mut v = b.clone();
                v[1] = f32::NEG_INFINITY;
                v
            },
            vec![],
            NotFinite {
                what: "bias",
                index: 1,
            },
        ),
        (
            w.clone(),
            b.clone(),
            {
                let mut v = vec![0u8; wc];
                v[7] = 2;
                v
            },
            BadDeadFlag { index: 7, value: 2 },
        ),
    ];
    for (w, b, d, want) in cases {
        assert_eq!(net.set_parameters(&w, &b, &d).unwrap_err(), want);
        assert!(
            same(&before, &snapshot(&net)),
            "state changed after {:?}",
            want
        );
    }
    assert_eq!(
        net.set_weight(wc, 1.0).unwrap_err(),
        IndexOutOfRange {
            what: "weight",
            index: wc,
            len: wc
        }
    );
    assert_eq!(
        net.set_weight(0, f32::NAN).unwrap_err(),
        NotFinite {
            what: "weight",
            index: 0
        }
    );
    assert_eq!(
        net.set_bias(bc, 1.0).unwrap_err(),
        IndexOutOfRange {
            what: "bias",
            index: bc,
            len: bc
        }
    );
    assert_eq!(
        net.set_bias(2, f32::INFINITY).unwrap_err(),
        NotFinite {
            what: "bias",
            index: 2
        }
    );
    assert!(same(&before, &snapshot(&net)));
    // Accepted single edits.
    net.set_weight(3, 0.75).unwrap();
    net.set_bias(6, -0.25).unwrap();
    assert_eq!(
        (net.weights()[3], net.dead()[3], net.biases()[6]),
        (0.75, 1, -0.25)
    );
    // Accumulators are kept by single edits.
    assert_eq!(net.accumulated_count(), 3);
}

#[test]
fn training_and_evaluation_refusals_change_nothing() {
    use CoreError::*;
    let (mut net, data) = busy_network();
    let before = snapshot(&net);
    let unlabeled = DataSet::new(&[0.1, 0.2, 0.3, 0.4], &[], 2).unwrap();
    let three = DataSet::new(&[0.1, 0.2, 0.3], &[1.0], 3).unwrap();
    let bad_train: Vec<(&DataSet, f32, u32, u8, f32, CoreError)> = vec![
        (
            &three,
            0.1,
            10,
            0,
            0.0,
            InputSizeMismatch {
                data: 3,
                network: 2,
            },
        ),
        (&unlabeled, 0.1, 10, 0, 0.0, NoLabels),
        (&data, 0.0, 10, 0, 0.0, BadLearningRate { value: 0.0 }),
        (&data, -0.1, 10, 0, 0.0, BadLearningRate { value: -0.1 }),
        (
            &data,
            f32::INFINITY,
            10,
            0,
            0.0,
            BadLearningRate {
                value: f32::INFINITY,
            },
        ),
        (&data, 0.1, 0, 0, 0.0, BadBatchSize { value: 0 }),
        (&data, 0.1, 1025, 0, 0.0, BadBatchSize { value: 1025 }),
        (&data, 0.1, 10, 3, 0.0, BadRegularization { code: 3 }),
        (
            &data,
            0.1,
            10,
            1,
            -0.5,
            BadRegularizationRate { value: -0.5 },
        ),
        (
            &data,
            0.1,
            10,
            2,
            f32::INFINITY,
            BadRegularizationRate {
                value: f32::INFINITY,
            },
        ),
    ];
    for (d, lr, batch, reg, rate, want) in bad_train {
        assert_eq!(
            net.train_epochs(d, 5, lr, batch, reg, rate).unwrap_err(),
            want
        );
        assert!(
            same(&before, &snapshot(&net)),
            "state changed after {:?}",
            want
        );
    }
    // NaN learning / regularization rates (NaN != NaN, so match the variant).
    assert!(matches!(
        net.train_epochs(&data, 1, f32::NAN, 10, 0, 0.0),
        Err(BadLearningRate { .. })
    ));
    assert!(matches!(
        net.train_epochs(&data, 1, 0.1, 10, 1, f32::NAN),
        Err(BadRegularizationRate { .. })
    ));
    assert_eq!(net.loss(&unlabeled).unwrap_err(), NoLabels);
    assert_eq!(
        net.loss(&three).unwrap_err(),
        InputSizeMismatch {
            data: 3,
            network: 2
        }
    );
    assert_eq!(
        net.predict(&three).unwrap_err(),
        InputSizeMismatch {
            data: 3,
            network: 2
        }
    );
    assert_eq!(
        net.grid(&three).unwrap_err(),
        InputSizeMismatch {
            data: 3,
            network: 2
        }
    );
    assert!(same(&before, &snapshot(&net)));
    // Unlabeled sets are fine for predict and grid; zero epochs is a no-op.
    net.train_epochs(&data, 0, 0.1, 10, 0, 0.0).unwrap();
    assert!(same(&before, &snapshot(&net)));
    net.predict(&unlabeled).unwrap();
    assert_eq!(net.predictions().len(), 2);
    net.grid(&unlabeled).unwrap();
    assert_eq!(net.grid_values().len(), 2 * net.node_count());
    // Limits that are accepted.
    net.train_epochs(&data, 1, 1e-30, 1024, 2, 0.0).unwrap();
    net.train_epochs(&data, 1, 1e-3, 1, 1, 1e30).unwrap();
}

#[test]
fn grid_too_large_is_refused() {
    let mut sizes = vec![1usize];
    sizes.extend(std::iter::repeat(128).take(16));
    sizes.push(1);
    let mut net = Network::new(&sizes, 1, 1).unwrap();
    let points = (1usize << 25) / net.node_count() + 1;
    let set = DataSet::new(&vec![0.5f32; points], &[], 1).unwrap();
    let before = snapshot(&net);
    assert_eq!(
        net.grid(&set).unwrap_err(),
        CoreError::GridTooLarge {
            values: points * net.node_count()
        }
    );
    assert!(same(&before, &snapshot(&net)));
    // One point fewer per node fits.
    let fits = (1usize << 25) / net.node_count();
    let set = DataSet::new(&vec![0.5f32; fits], &[], 1).unwrap();
    let _ = set.len();
}

#[test]
fn data_set_refusals() {
    use CoreError::*;
    assert_eq!(DataSet::new(&[], &[], 2).unwrap_err(), EmptyDataSet);
    assert_eq!(
        DataSet::new(&[1.0; 4], &[], 0).unwrap_err(),
        BadInputSize { input_size: 0 }
    );
    assert_eq!(
        DataSet::new(&[1.0; 66], &[], 33).unwrap_err(),
        BadInputSize { input_size: 33 }
    );
    assert_eq!(
        DataSet::new(&[1.0; 3], &[], 2).unwrap_err(),
        RaggedInputs {
            len: 3,
            input_size: 2
        }
    );
    assert_eq!(
        DataSet::new(&[1.0; 4], &[1.0, 1.0, 1.0], 2).unwrap_err(),
        WrongLabelCount {
            points: 2,
            labels: 3
        }
    );
    assert_eq!(
        DataSet::new(&[1.0, 2.0, f32::INFINITY, 0.0], &[], 2).unwrap_err(),
        NotFinite {
            what: "input",
            index: 2
        }
    );
    assert_eq!(
        DataSet::new(&[1.0, 2.0], &[f32::NAN], 2).unwrap_err(),
        NotFinite {
            what: "label",
            index: 0
        }
    );
    let too_many = nn_core::MAX_POINTS + 1;
    assert_eq!(
        DataSet::new(&vec![0.0f32; too_many], &[], 1).unwrap_err(),
        TooManyPoints { points: too_many }
    );
    assert_eq!(
        DataSet::new(&[1.0, 2.0, 3.0], &[], 2)
            .unwrap_err()
            .to_string(),
        "The data set has 3 input values, which is not a whole number of points of 2 features."
    );
    assert_eq!(
        CoreError::InputSizeMismatch {
            data: 3,
            network: 2
        }
        .to_string(),
        "The data set has 3 features per point but the network has 2 inputs."
    );
}
