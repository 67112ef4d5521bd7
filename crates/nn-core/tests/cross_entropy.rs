//! Sigmoid and softmax outputs with cross-entropy: gradients against finite differences of
//! an f64 loss written here, a golden step worked out by hand, the 1e-7 clip, the layouts
//! of predict and grid, and the refusal of labels that are no class numbers.

#![allow(clippy::needless_range_loop)]

mod common;

use common::*;
use nn_core::{CoreError, DataSet, Network};

const RELU: u8 = 0;
const TANH: u8 = 1;
const SIGMOID: u8 = 2;
const LINEAR: u8 = 3;
const SWISH: u8 = 6;
const SINE: u8 = 7;
const SOFTMAX: u8 = 8;

fn random_net(rng: &mut Rng, sizes: &[usize], hidden: u8, output: u8) -> Network {
    let mut net = Network::new(sizes, hidden, output).unwrap();
    let w: Vec<f32> = (0..net.weight_count())
        .map(|_| rng.range(-0.8, 0.8))
        .collect();
    let b: Vec<f32> = (0..net.bias_count())
        .map(|_| rng.range(-0.3, 0.3))
        .collect();
    net.set_parameters(&w, &b, &[]).unwrap();
    net
}

/// The output layer's z in f64: the tests' scalar network with a linear output layer.
fn output_z(net: &Network, hidden: u8, w: &[f64], b: &[f64], x: &[f64]) -> Vec<f64> {
    let mut r = RefNet::new(
        net.layer_sizes(),
        hidden,
        LINEAR,
        net.weights(),
        net.biases(),
    );
    r.w = w.to_vec();
    r.b = b.to_vec();
    r.forward(x).1.last().unwrap().clone()
}

/// Probabilities from the output layer's z: sigmoid for one node, softmax (max
/// subtracted) for several.
fn probabilities(z: &[f64]) -> Vec<f64> {
    if z.len() == 1 {
        return vec![1.0 / (1.0 + (-z[0]).exp())];
    }
    let m = z.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
    let e: Vec<f64> = z.iter().map(|v| (v - m).exp()).collect();
    let s: f64 = e.iter().sum();
    e.iter().map(|v| v / s).collect()
}

/// Cross-entropy of one point, clipped at 1e-7 as the contract says.
fn point_loss(p: &[f64], label: f64) -> f64 {
    let q = if p.len() == 1 {
        if label > 0.0 {
            p[0]
        } else {
            1.0 - p[0]
        }
    } else {
        p[label as usize]
    };
    -q.max(1e-7).ln()
}

fn total_loss(net: &Network, hidden: u8, w: &[f64], b: &[f64], xs: &[Vec<f64>], ys: &[f64]) -> f64 {
    xs.iter()
        .zip(ys)
        .map(|(x, &y)| point_loss(&probabilities(&output_z(net, hidden, w, b, x)), y))
        .sum()
}

/// Random points and, for `classes` > 1, class numbers 0..classes-1; else -1/+1 labels.
fn data_for(rng: &mut Rng, n: usize, inputs: usize, classes: usize) -> (Vec<f32>, Vec<f32>) {
    let (x, y) = random_data(rng, n, inputs);
    if classes == 1 {
        return (x, y);
    }
    let labels = (0..n)
        .map(|_| ((rng.next_f32() * classes as f32) as usize).min(classes - 1) as f32)
        .collect();
    (x, labels)
}

/// The gradient one unfinished batch accumulates equals f64 finite differences of the
/// summed cross-entropy, for sigmoid and softmax outputs, with and without hidden layers.
#[test]
fn cross_entropy_gradients_match_finite_differences() {
    let mut rng = Rng(0xce_5eed_0042);
    for &(sizes, hidden, output) in &[
        (&[3usize, 5, 4, 1][..], TANH, SIGMOID),
        (&[3, 5, 1][..], RELU, SIGMOID),
        (&[2, 1][..], TANH, SIGMOID),
        (&[3, 5, 4, 3][..], TANH, SOFTMAX),
        (&[3, 6, 3][..], SIGMOID, SOFTMAX),
        (&[3, 4, 6][..], RELU, SOFTMAX),
        (&[2, 3][..], TANH, SOFTMAX),
        // Hidden activations whose derivative needs the kept z.
        (&[3, 5, 1][..], SWISH, SIGMOID),
        (&[3, 4, 4, 3][..], SINE, SOFTMAX),
    ] {
        let classes = sizes[sizes.len() - 1];
        let mut net = random_net(&mut rng, sizes, hidden, output);
        // 9 points: the second tile of four is partly filled.
        let (x, y) = data_for(&mut rng, 9, sizes[0], classes);
        let data = DataSet::new(&x, &y, sizes[0]).unwrap();
        // Batch 16 > 9 points: everything accumulated, nothing applied.
        net.train_epochs(&data, 1, 0.1, 16, 0, 0.0).unwrap();
        assert_eq!(net.accumulated_count(), 9);
        let gw = net.accumulated_weight_gradients();
        let gb = net.accumulated_bias_gradients();
        let w: Vec<f64> = net.weights().iter().map(|&v| v as f64).collect();
        let b: Vec<f64> = net.biases().iter().map(|&v| v as f64).collect();
        let (xs, ys) = (points_f64(&x, sizes[0]), labels_f64(&y));
        let eps = 1e-6;
        let fd = |wp: &[f64], bp: &[f64], wm: &[f64], bm: &[f64]| {
            (total_loss(&net, hidden, wp, bp, &xs, &ys)
                - total_loss(&net, hidden, wm, bm, &xs, &ys))
                / (2.0 * eps)
        };
        let fd_w: Vec<f64> = (0..w.len())
            .map(|k| {
                let (mut plus, mut minus) = (w.clone(), w.clone());
                plus[k] += eps;
                minus[k] -= eps;
                fd(&plus, &b, &minus, &b)
            })
            .collect();
        let fd_b: Vec<f64> = (0..b.len())
            .map(|k| {
                let (mut plus, mut minus) = (b.clone(), b.clone());
                plus[k] += eps;
                minus[k] -= eps;
                fd(&w, &plus, &w, &minus)
            })
            .collect();
        let what = format!("{:?} hidden {} output {}", sizes, hidden, output);
        assert_close(&format!("{} dE/dw", what), &gw, &fd_w, 1e-4);
        assert_close(&format!("{} dE/db", what), &gb, &fd_b, 1e-4);
        // The loss is the mean of the same per-point loss.
        let mean = total_loss(&net, hidden, &w, &b, &xs, &ys) / 9.0;
        assert_close(
            &format!("{} loss", what),
            &[net.loss(&data).unwrap()],
            &[mean],
            1e-5,
        );
    }
}

/// One SGD step of a softmax network with no hidden layer, worked out by hand.
///
/// Sizes [1, 3], weights w = [0, 0, 0], biases b = [0, 0, 0]; one point x = 2 of class 0;
/// learning rate 0.3, batch 1.
/// * z = w x + b = [0, 0, 0], so p = [1/3, 1/3, 1/3] and the loss is -ln(1/3) = ln 3
///   = 1.0986123.
/// * dE/dz = p - [1, 0, 0] = [-2/3, 1/3, 1/3]; dE/dw = dE/dz * x = [-4/3, 2/3, 2/3].
/// * w' = w - 0.3 dE/dw = [0.4, -0.2, -0.2]; b' = b - 0.3 dE/dz = [0.2, -0.1, -0.1].
/// * Then z' = w' * 2 + b' = [1.0, -0.5, -0.5]; with the max (1.0) subtracted,
///   e = [1, e^-1.5, e^-1.5] = [1, 0.22313016, 0.22313016], sum 1.44626032, so
///   p' = [0.69143845, 0.15428077, 0.15428077] and the loss is -ln 0.69143845 = 0.36898114.
#[test]
fn golden_softmax_step_by_hand() {
    let mut net = Network::new(&[1, 3], TANH, SOFTMAX).unwrap();
    net.set_parameters(&[0.0; 3], &[0.0; 3], &[]).unwrap();
    let data = DataSet::new(&[2.0], &[0.0], 1).unwrap();
    assert_close(
        "loss before",
        &[net.loss(&data).unwrap()],
        &[3f64.ln()],
        1e-7,
    );
    net.predict(&data).unwrap();
    assert_close("p before", net.predictions(), &[1.0 / 3.0; 3], 1e-7);
    net.train_epochs(&data, 1, 0.3, 1, 0, 0.0).unwrap();
    assert_close("w'", net.weights(), &[0.4, -0.2, -0.2], 1e-7);
    assert_close("b'", net.biases(), &[0.2, -0.1, -0.1], 1e-7);
    net.predict(&data).unwrap();
    assert_close(
        "p'",
        net.predictions(),
        &[0.69143845, 0.15428077, 0.15428077],
        1e-6,
    );
    assert_close(
        "loss after",
        &[net.loss(&data).unwrap()],
        &[0.36898114],
        1e-6,
    );
}

/// One SGD step of a sigmoid network with no hidden layer, worked out by hand.
///
/// Sizes [1, 1], w = 0, b = 0, one point x = 2 with label +1 (y = 1), learning rate 0.5.
/// * p = sigmoid(0) = 1/2; loss -ln(1/2) = ln 2 = 0.69314718.
/// * dE/dz = p - y = -1/2; dE/dw = -1/2 * 2 = -1; w' = 0 + 0.5 = 0.5; b' = 0 + 0.25 = 0.25.
/// * z' = 0.5 * 2 + 0.25 = 1.25; p' = 1 / (1 + e^-1.25) = 0.77729986; loss -ln p' = 0.25192908.
/// * With label -1 (y = 0) at the new weights the loss is -ln(1 - p') = 1.50192908.
#[test]
fn golden_sigmoid_step_by_hand() {
    let mut net = Network::new(&[1, 1], TANH, SIGMOID).unwrap();
    net.set_parameters(&[0.0], &[0.0], &[]).unwrap();
    let data = DataSet::new(&[2.0], &[1.0], 1).unwrap();
    assert_close(
        "loss before",
        &[net.loss(&data).unwrap()],
        &[2f64.ln()],
        1e-7,
    );
    net.train_epochs(&data, 1, 0.5, 1, 0, 0.0).unwrap();
    assert_close("w'", net.weights(), &[0.5], 1e-7);
    assert_close("b'", net.biases(), &[0.25], 1e-7);
    net.predict(&data).unwrap();
    assert_close("p'", net.predictions(), &[0.77729986], 1e-6);
    assert_close(
        "loss after",
        &[net.loss(&data).unwrap()],
        &[0.25192908],
        1e-6,
    );
    let other = DataSet::new(&[2.0], &[-1.0], 1).unwrap();
    assert_close(
        "loss of -1",
        &[net.loss(&other).unwrap()],
        &[1.50192908],
        1e-5,
    );
}

/// A confident wrong answer costs -ln(1e-7) = 16.118096, not infinity, while its
/// gradient is the exact p - y; huge z do not overflow (the max is subtracted).
#[test]
fn clip_and_max_subtraction() {
    // Sizes [1, 3], x = 1: z = w + b = [40, 0, 0] for class 1.
    let mut net = Network::new(&[1, 3], TANH, SOFTMAX).unwrap();
    net.set_parameters(&[40.0, 0.0, 0.0], &[0.0; 3], &[])
        .unwrap();
    let data = DataSet::new(&[1.0], &[1.0], 1).unwrap();
    assert_close(
        "clipped loss",
        &[net.loss(&data).unwrap()],
        &[16.11809565],
        1e-6,
    );
    net.train_epochs(&data, 1, 1.0, 2, 0, 0.0).unwrap();
    // dE/dz = p - [0, 1, 0] with p = [1, e^-40, e^-40] in f32.
    assert_close(
        "dE/db",
        &net.accumulated_bias_gradients(),
        &[1.0, -1.0, 0.0],
        1e-7,
    );
    // z = [200, 199]: p = [0.73105858, 0.26894142], finite.
    let mut big = Network::new(&[1, 2], TANH, SOFTMAX).unwrap();
    big.set_parameters(&[100.0, 99.0], &[100.0, 100.0], &[])
        .unwrap();
    big.predict(&data).unwrap();
    assert_close(
        "p of huge z",
        big.predictions(),
        &[0.73105858, 0.26894142],
        1e-6,
    );
    assert!(big.loss(&data).unwrap().is_finite());
}

/// predict is point-major (`[p * k + c]`, each row summing to 1) and grid node-major
/// with the k output nodes last, both equal to the f64 forward pass.
#[test]
fn predict_and_grid_layouts() {
    let mut rng = Rng(0xface);
    let sizes = [2usize, 5, 4];
    let mut net = random_net(&mut rng, &sizes, TANH, SOFTMAX);
    let (x, _) = random_data(&mut rng, 23, 2);
    let points = DataSet::new(&x, &[], 2).unwrap();
    net.predict(&points).unwrap();
    net.grid(&points).unwrap();
    let pred = net.predictions().to_vec();
    let grid = net.grid_values().to_vec();
    assert_eq!(pred.len(), 23 * 4);
    assert_eq!(grid.len(), (5 + 4) * 23);
    let w: Vec<f64> = net.weights().iter().map(|&v| v as f64).collect();
    let b: Vec<f64> = net.biases().iter().map(|&v| v as f64).collect();
    for (p, xp) in points_f64(&x, 2).iter().enumerate() {
        let expected = probabilities(&output_z(&net, TANH, &w, &b, xp));
        assert_close(
            &format!("predict point {}", p),
            &pred[p * 4..p * 4 + 4],
            &expected,
            1e-6,
        );
        let sum: f32 = pred[p * 4..p * 4 + 4].iter().sum();
        assert!((sum - 1.0).abs() < 1e-6);
        for c in 0..4 {
            assert_eq!(
                grid[(5 + c) * 23 + p],
                pred[p * 4 + c],
                "grid node {} point {}",
                5 + c,
                p
            );
        }
    }
}

/// A softmax network refuses labels that are no class numbers, changing nothing; other
/// outputs take any finite label.
#[test]
fn softmax_refuses_labels_that_are_no_class_numbers() {
    let mut rng = Rng(99);
    let mut net = random_net(&mut rng, &[2, 3, 3], TANH, SOFTMAX);
    let (w0, b0) = (net.weights().to_vec(), net.biases().to_vec());
    let x = [0.5f32, -0.5, 1.0, 1.0, -1.0, 0.2];
    let good = DataSet::new(&x, &[0.0, 2.0, 1.0], 2).unwrap();
    for (labels, point, label) in [
        ([0.0f32, 3.0, 1.0], 1usize, 3.0f32),
        ([0.0, 1.0, 1.5], 2, 1.5),
        ([-1.0, 1.0, 1.0], 0, -1.0),
    ] {
        let bad = DataSet::new(&x, &labels, 2).unwrap();
        let refusal = CoreError::BadClassLabel {
            point,
            label,
            classes: 3,
        };
        assert_eq!(
            net.train_epochs(&bad, 1, 0.1, 1, 0, 0.0),
            Err(refusal.clone())
        );
        assert_eq!(net.loss(&bad), Err(refusal.clone()));
        assert_eq!(
            net.train_until(&good, &bad, 5, 0.1, 1, 0, 0.0, 0.5),
            Err(refusal.clone())
        );
        assert_eq!(
            net.train_until(&bad, &good, 5, 0.1, 1, 0, 0.0, 0.5),
            Err(refusal.clone())
        );
        let dw = vec![0.1; w0.len()];
        let db = vec![0.1; b0.len()];
        assert_eq!(
            net.losses_on_plane(&bad, &dw, &db, &dw, &db, &[0.0, 1.0], &[0.0]),
            Err(refusal.clone())
        );
        assert_eq!((net.weights(), net.biases()), (&w0[..], &b0[..]));
        assert_eq!(net.accumulated_count(), 0);
        // Predict and grid need no labels.
        assert!(net.predict(&bad).is_ok());
    }
    let msg = CoreError::BadClassLabel {
        point: 1,
        label: 3.0,
        classes: 3,
    }
    .to_string();
    assert!(
        msg.contains("Point 2 has the label 3") && msg.contains("from 0 to 2"),
        "{}",
        msg
    );
    assert!(net.train_epochs(&good, 1, 0.1, 1, 0, 0.0).is_ok());
    // A sigmoid network trains on -1/+1 labels; its loss takes a label between too.
    let mut sig = random_net(&mut rng, &[2, 3, 1], TANH, SIGMOID);
    let pm = DataSet::new(&x, &[1.0, -1.0, 1.0], 2).unwrap();
    assert!(sig.train_epochs(&pm, 2, 0.1, 2, 0, 0.0).is_ok());
    assert!(sig.loss(&pm).unwrap().is_finite());
}

/// The plane of a softmax network's loss at (0, 0) is its loss, bit for bit, and the
/// network is unchanged afterwards.
#[test]
fn softmax_plane_origin_is_the_loss() {
    let mut rng = Rng(4242);
    let mut net = random_net(&mut rng, &[3, 4, 5], RELU, SOFTMAX);
    let (x, y) = data_for(&mut rng, 21, 3, 5);
    let data = DataSet::new(&x, &y, 3).unwrap();
    let (w0, b0) = (net.weights().to_vec(), net.biases().to_vec());
    let dw: Vec<f32> = (0..w0.len()).map(|_| rng.range(-1.0, 1.0)).collect();
    let db: Vec<f32> = (0..b0.len()).map(|_| rng.range(-1.0, 1.0)).collect();
    let plane = net
        .losses_on_plane(
            &data,
            &dw,
            &db,
            &db_like(&dw),
            &db_like(&db),
            &[-1.0, 0.0, 1.0],
            &[0.0, 2.0],
        )
        .unwrap();
    assert_eq!(plane.len(), 6);
    assert_eq!(plane[1].to_bits(), net.loss(&data).unwrap().to_bits());
    assert_eq!((net.weights(), net.biases()), (&w0[..], &b0[..]));
    assert!(plane.iter().all(|v| v.is_finite() && *v >= 0.0));
}

fn db_like(v: &[f32]) -> Vec<f32> {
    v.iter().map(|x| -0.5 * x).collect()
}

/// Training many epochs with a softmax output lowers the loss and keeps every value
/// finite; train_until stops at the same weights as train_epochs.
#[test]
fn softmax_trains_and_train_until_matches_train_epochs() {
    let mut rng = Rng(31337);
    let sizes = [2usize, 8, 4];
    let (x, _) = random_data(&mut rng, 60, 2);
    // Four quadrants, four classes.
    let y: Vec<f32> = x
        .chunks(2)
        .map(|p| ((p[0] > 0.0) as u8 * 2 + (p[1] > 0.0) as u8) as f32)
        .collect();
    let data = DataSet::new(&x, &y, 2).unwrap();
    let mut a = random_net(&mut rng, &sizes, TANH, SOFTMAX);
    let mut b = a.clone();
    let before = a.loss(&data).unwrap();
    a.train_epochs(&data, 40, 0.1, 5, 0, 0.0).unwrap();
    let after = a.loss(&data).unwrap();
    assert!(after < 0.5 * before, "loss {} -> {}", before, after);
    let run = b
        .train_until(&data, &data, 40, 0.1, 5, 0, 0.0, 1e-9)
        .unwrap();
    assert_eq!(run.epochs, 40);
    assert_eq!(run.train_loss.to_bits(), after.to_bits());
    assert_eq!(a.weights(), b.weights());
}
