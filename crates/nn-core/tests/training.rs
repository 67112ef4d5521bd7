//! Training, loss, predict and grid against hand-computed numbers, finite differences and
//! an independent scalar f64 implementation (tests/common).

#![allow(clippy::needless_range_loop, clippy::type_complexity)]

mod common;

use common::*;
use nn_core::{DataSet, Network};

const RELU: u8 = 0;
const TANH: u8 = 1;
const SIGMOID: u8 = 2;
const LINEAR: u8 = 3;

fn net_with(sizes: &[usize], hidden: u8, output: u8, w: &[f32], b: &[f32]) -> Network {
    let mut net = Network::new(sizes, hidden, output).unwrap();
    net.set_parameters(w, b, &[]).unwrap();
    net
}

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

fn reference_of(net: &Network, hidden: u8, output: u8) -> RefNet {
    let mut r = RefNet::new(
        net.layer_sizes(),
        hidden,
        output,
        net.weights(),
        net.biases(),
    );
    r.dead = net.dead().iter().map(|&d| d == 1).collect();
    r
}

/// A 2-2-1 network, linear everywhere, two points, batch 2, lr 0.1: every number below
/// was worked out by hand (see the comments).
#[test]
fn golden_linear_step_by_hand() {
    // w: [h0<-x0, h0<-x1, h1<-x0, h1<-x1, out<-h0, out<-h1], b: [h0, h1, out]
    let mut net = net_with(
        &[2, 2, 1],
        LINEAR,
        LINEAR,
        &[0.5, -0.25, 0.25, 0.5, 1.0, -1.0],
        &[0.1, -0.1, 0.2],
    );
    let data = DataSet::new(&[1.0, 2.0, -1.0, 0.5], &[1.0, -1.0], 2).unwrap();
    // Point 1 (1, 2), label 1: h0 = 0.1, h1 = 1.15, out = -0.85, dE/dout = -1.85,
    //   dE/dh0 = -1.85, dE/dh1 = 1.85.
    // Point 2 (-1, 0.5), label -1: h0 = -0.525, h1 = -0.1, out = -0.225, dE/dout = 0.775,
    //   dE/dh0 = 0.775, dE/dh1 = -0.775.
    // Loss = (0.5 * 1.85^2 + 0.5 * 0.775^2) / 2 = (1.71125 + 0.30031250) / 2 = 1.005781250
    assert!((net.loss(&data).unwrap() as f64 - 1.005_781_25).abs() < 1e-6);
    // Summed gradients: w = [-2.625, -3.3125, 2.625, 3.3125, -0.591875, -2.205],
    //   b = [-1.075, 1.075, -1.075]; update: p -= 0.1 / 2 * g.
    net.train_epochs(&data, 1, 0.1, 2, 0, 0.0).unwrap();
    let w_expected: [f64; 6] = [
        0.63125,
        -0.084375,
        0.11875,
        0.334375,
        1.029_593_75,
        -0.88975,
    ];
    let b_expected: [f64; 3] = [0.15375, -0.15375, 0.25375];
    for (k, (&got, &want)) in net.weights().iter().zip(&w_expected).enumerate() {
        assert!(
            (got as f64 - want).abs() < 1e-6,
            "w[{}] = {}, want {}",
            k,
            got,
            want
        );
    }
    for (k, (&got, &want)) in net.biases().iter().zip(&b_expected).enumerate() {
        assert!(
            (got as f64 - want).abs() < 1e-6,
            "b[{}] = {}, want {}",
            k,
            got,
            want
        );
    }
    assert_eq!(net.accumulated_count(), 0);
}

/// The same 2-2-1 step for every hidden activation (and both output activations), with
/// the expected values written out formula by formula in f64.
#[test]
fn golden_step_per_activation() {
    let w0 = [0.5f32, -0.25, 0.25, 0.5, 1.0, -1.0];
    let b0 = [0.1f32, -0.1, 0.2];
    let xs = [[0.6f64, 0.9], [-1.0, 0.5]];
    let ys = [1.0f64, -1.0];
    let lr = 0.3f64;
    for &(hidden, output) in &[
        (RELU, TANH),
        (TANH, TANH),
        (SIGMOID, TANH),
        (LINEAR, TANH),
        (TANH, LINEAR),
        (RELU, LINEAR),
    ] {
        let f = |z: f64| act(hidden, z);
        let g = |z: f64| act(output, z);
        let (w, b): (Vec<f64>, Vec<f64>) = (
            w0.iter().map(|&v| v as f64).collect(),
            b0.iter().map(|&v| v as f64).collect(),
        );
        let mut gw = [0.0f64; 6];
        let mut gb = [0.0f64; 3];
        for (x, &y) in xs.iter().zip(&ys) {
            let z0 = w[0] * x[0] + w[1] * x[1] + b[0];
            let z1 = w[2] * x[0] + w[3] * x[1] + b[1];
            let (h0, h1) = (f(z0), f(z1));
            let zo = w[4] * h0 + w[5] * h1 + b[2];
            let o = g(zo);
            let d_o = (o - y) * act_der(output, zo);
            let d_h0 = w[4] * d_o * act_der(hidden, z0);
            let d_h1 = w[5] * d_o * act_der(hidden, z1);
            gw[0] += d_h0 * x[0];
            gw[1] += d_h0 * x[1];
            gw[2] += d_h1 * x[0];
            gw[3] += d_h1 * x[1];
            gw[4] += d_o * h0;
            gw[5] += d_o * h1;
            gb[0] += d_h0;
            gb[1] += d_h1;
            gb[2] += d_o;
        }
        let w_expected: Vec<f64> = (0..6).map(|k| w[k] - lr / 2.0 * gw[k]).collect();
        let b_expected: Vec<f64> = (0..3).map(|k| b[k] - lr * gb[k] / 2.0).collect();

        let mut net = net_with(&[2, 2, 1], hidden, output, &w0, &b0);
        let flat: Vec<f32> = xs.iter().flatten().map(|&v| v as f32).collect();
        let labels: Vec<f32> = ys.iter().map(|&v| v as f32).collect();
        let data = DataSet::new(&flat, &labels, 2).unwrap();
        net.train_epochs(&data, 1, lr as f32, 2, 0, 0.0).unwrap();
        let what = format!("activation {}/{}", hidden, output);
        assert_close(
            &format!("{} weights", what),
            net.weights(),
            &w_expected,
            2e-6,
        );
        assert_close(&format!("{} biases", what), net.biases(), &b_expected, 2e-6);
    }
}

/// The accumulated gradient of one unfinished batch equals f64 finite differences of the
/// total error, for every hidden activation.
#[test]
fn gradient_matches_finite_differences() {
    let mut rng = Rng(0x5eed_1234_abcd);
    for &(hidden, output) in &[
        (RELU, TANH),
        (TANH, TANH),
        (SIGMOID, TANH),
        (LINEAR, LINEAR),
        (TANH, LINEAR),
    ] {
        let sizes = [3usize, 5, 4, 1];
        let mut net = random_net(&mut rng, &sizes, hidden, output);
        let (x, y) = random_data(&mut rng, 7, 3);
        let data = DataSet::new(&x, &y, 3).unwrap();
        // Batch 8 > 7 points: the epoch ends with everything accumulated, nothing applied.
        net.train_epochs(&data, 1, 0.1, 8, 0, 0.0).unwrap();
        assert_eq!(net.accumulated_count(), 7);
        let gw = net.accumulated_weight_gradients();
        let gb = net.accumulated_bias_gradients();
        let base = reference_of(&net, hidden, output);
        let (xs, ys) = (points_f64(&x, 3), labels_f64(&y));
        let eps = 1e-6;
        let mut fd_w = vec![0.0; gw.len()];
        for k in 0..gw.len() {
            let (mut plus, mut minus) = (base.clone(), base.clone());
            plus.w[k] += eps;
            minus.w[k] -= eps;
            fd_w[k] = (plus.total_error(&xs, &ys) - minus.total_error(&xs, &ys)) / (2.0 * eps);
        }
        let mut fd_b = vec![0.0; gb.len()];
        for k in 0..gb.len() {
            let (mut plus, mut minus) = (base.clone(), base.clone());
            plus.b[k] += eps;
            minus.b[k] -= eps;
            fd_b[k] = (plus.total_error(&xs, &ys) - minus.total_error(&xs, &ys)) / (2.0 * eps);
        }
        let what = format!("activation {}/{}", hidden, output);
        assert_close(&format!("{} dE/dw", what), &gw, &fd_w, 1e-4);
        assert_close(&format!("{} dE/db", what), &gb, &fd_b, 1e-4);
        // And the kernel's backward pass agrees with the reference's analytic one.
        let mut r = base.clone();
        for (p, &l) in xs.iter().zip(&ys) {
            r.backprop(p, l);
        }
        assert_close(&format!("{} analytic dE/dw", what), &gw, &r.acc_w, 1e-5);
    }
}

/// 5 points, batch 3: epoch 1 applies one update (points 0-2) and leaves points 3-4
/// accumulated; epoch 2's first update covers those 2 plus its own first 3 (count 5).
#[test]
fn unfinished_batch_carries_over() {
    let mut rng = Rng(77);
    let sizes = [2usize, 3, 1];
    let mut net = random_net(&mut rng, &sizes, TANH, TANH);
    let (x, y) = random_data(&mut rng, 5, 2);
    let data = DataSet::new(&x, &y, 2).unwrap();
    let (xs, ys) = (points_f64(&x, 2), labels_f64(&y));
    let mut r = reference_of(&net, TANH, TANH);

    net.train_epochs(&data, 1, 0.5, 3, 0, 0.0).unwrap();
    assert_eq!(net.accumulated_count(), 2);
    // By hand: one update from points 0..3, then points 3, 4 accumulated.
    let mut by_hand = r.clone();
    for p in 0..3 {
        by_hand.backprop(&xs[p], ys[p]);
    }
    by_hand.update(0.5, 0, 0.0);
    assert_close("after epoch 1", net.weights(), &by_hand.w, 1e-5);
    for p in 3..5 {
        by_hand.backprop(&xs[p], ys[p]);
    }
    assert_close(
        "carried dE/dw",
        &net.accumulated_weight_gradients(),
        &by_hand.acc_w,
        1e-5,
    );
    // Epoch 2: the first update averages 5 points.
    for p in 0..3 {
        by_hand.backprop(&xs[p], ys[p]);
    }
    assert_eq!(by_hand.count, 5);
    by_hand.update(0.5, 0, 0.0);
    for p in 3..5 {
        by_hand.backprop(&xs[p], ys[p]);
    }
    net.train_epochs(&data, 1, 0.5, 3, 0, 0.0).unwrap();
    assert_eq!(net.accumulated_count(), 2);
    assert_close("after epoch 2", net.weights(), &by_hand.w, 1e-5);
    assert_close("biases after epoch 2", net.biases(), &by_hand.b, 1e-5);

    // The reference's literal oneStep loop agrees, and so does one call of 2 epochs.
    r.train_epoch(&xs, &ys, 0.5, 3, 0, 0.0);
    r.train_epoch(&xs, &ys, 0.5, 3, 0, 0.0);
    assert_close("oneStep x2", net.weights(), &r.w, 1e-5);
    let mut again = random_net(&mut Rng(77), &sizes, TANH, TANH);
    again.train_epochs(&data, 2, 0.5, 3, 0, 0.0).unwrap();
    assert_eq!(again.weights(), net.weights());
    assert_eq!(again.biases(), net.biases());

    // set_parameters clears the carried batch.
    let (w, b) = (net.weights().to_vec(), net.biases().to_vec());
    net.set_parameters(&w, &b, &[]).unwrap();
    assert_eq!(net.accumulated_count(), 0);
    assert!(net.accumulated_weight_gradients().iter().all(|&g| g == 0.0));
}

/// A data set whose first feature is always 0 gives the links out of input 0 a zero
/// gradient, so only the penalty moves them.
fn zero_feature_data() -> DataSet {
    let mut rng = Rng(99);
    let (mut x, y) = random_data(&mut rng, 12, 2);
    for p in 0..12 {
        x[p * 2] = 0.0;
    }
    DataSet::new(&x, &y, 2).unwrap()
}

#[test]
fn l1_kills_a_link_for_good() {
    // Links 0 (h0 <- x0) and 2 (h1 <- x0) have zero gradient.
    let mut net = net_with(
        &[2, 2, 1],
        TANH,
        TANH,
        &[0.001, 0.4, -0.5, -0.3, 0.7, 0.6],
        &[0.0, 0.1, -0.1],
    );
    let data = zero_feature_data();
    let (lr, rate) = (0.1f32, 0.1f32); // penalty step lr * rate = 0.01 per update
    net.train_epochs(&data, 1, lr, 12, 1, rate).unwrap();
    // w0 = 0.001 - 0.01 * sign(0.001) crosses zero: set to 0 and killed.
    assert_eq!(net.weights()[0], 0.0);
    assert_eq!(net.dead()[0], 1);
    // w2 = -0.5 shrinks by 0.01 toward zero and stays alive.
    assert!((net.weights()[2] - -0.49).abs() < 1e-6);
    assert_eq!(net.dead()[2], 0);
    let dead_before = net.dead().to_vec();
    // Many more epochs (and another data set where x0 != 0): the dead link stays 0.
    let mut rng = Rng(5);
    let (x, y) = random_data(&mut rng, 20, 2);
    let other = DataSet::new(&x, &y, 2).unwrap();
    net.train_epochs(&other, 30, lr, 3, 1, rate).unwrap();
    assert_eq!(net.weights()[0], 0.0);
    assert_eq!(net.dead()[0], 1);
    for (k, (&now, &before)) in net.dead().iter().zip(&dead_before).enumerate() {
        assert!(now >= before, "link {} came back to life", k);
    }
    // set_weight on a dead link: it stays dead and its new weight never changes.
    net.set_weight(0, 0.25).unwrap();
    net.train_epochs(&other, 3, lr, 3, 1, rate).unwrap();
    assert_eq!((net.weights()[0], net.dead()[0]), (0.25, 1));
    // The reference agrees on the whole trajectory (including which links died).
    let mut net2 = net_with(
        &[2, 2, 1],
        TANH,
        TANH,
        &[0.001, 0.4, -0.5, -0.3, 0.7, 0.6],
        &[0.0, 0.1, -0.1],
    );
    let mut r = reference_of(&net2, TANH, TANH);
    net2.train_epochs(&other, 10, lr, 4, 1, rate).unwrap();
    let (xs, ys) = (points_f64(&x, 2), labels_f64(&y));
    for _ in 0..10 {
        r.train_epoch(&xs, &ys, lr as f64, 4, 1, rate as f64);
    }
    assert_close("L1 trajectory", net2.weights(), &r.w, 1e-4);
    let dead_ref: Vec<u8> = r.dead.iter().map(|&d| d as u8).collect();
    assert_eq!(net2.dead(), &dead_ref[..]);
}

#[test]
fn l2_shrinks_weights() {
    let w0 = [0.8f32, 0.4, -0.5, -0.3, 0.7, 0.6];
    let mut net = net_with(&[2, 2, 1], TANH, TANH, &w0, &[0.0, 0.1, -0.1]);
    let data = zero_feature_data();
    let (lr, rate) = (0.2f32, 0.05f32);
    net.train_epochs(&data, 1, lr, 4, 2, rate).unwrap(); // 3 updates
    let factor = (1.0 - (lr * rate) as f64).powi(3);
    // Zero-gradient links: w * (1 - lr * rate)^3.
    assert!((net.weights()[0] as f64 - 0.8 * factor).abs() < 1e-6);
    assert!((net.weights()[2] as f64 - -0.5 * factor).abs() < 1e-6);
    assert!(net.dead().iter().all(|&d| d == 0));
    // Against the reference for the other weights too.
    let mut r = RefNet::new(&[2, 2, 1], TANH, TANH, &w0, &[0.0, 0.1, -0.1]);
    let mut rng = Rng(99);
    let (mut x, y) = random_data(&mut rng, 12, 2);
    for p in 0..12 {
        x[p * 2] = 0.0;
    }
    r.train_epoch(
        &points_f64(&x, 2),
        &labels_f64(&y),
        lr as f64,
        4,
        2,
        rate as f64,
    );
    assert_close("L2 weights", net.weights(), &r.w, 1e-5);
}

#[test]
fn zero_initialised_network() {
    let mut net = Network::new(&[2, 4, 2, 1], TANH, TANH).unwrap();
    assert_eq!(
        (net.weight_count(), net.bias_count(), net.node_count()),
        (8 + 8 + 2, 7, 7)
    );
    assert!(net.weights().iter().all(|&w| w == 0.0));
    assert!(net.biases().iter().all(|&b| b == 0.0));
    assert!(net.dead().iter().all(|&d| d == 0));
    assert!(net.predictions().is_empty() && net.grid_values().is_empty());
    let mut rng = Rng(3);
    let (x, y) = random_data(&mut rng, 9, 2);
    let data = DataSet::new(&x, &y, 2).unwrap();
    net.predict(&data).unwrap();
    assert_eq!(net.predictions(), &[0.0; 9][..]);
    net.grid(&data).unwrap();
    assert!(net.grid_values().iter().all(|&v| v == 0.0));
    assert_eq!(net.grid_values().len(), 7 * 9);
    // Loss of an all-zero output: mean of 0.5 * 1^2.
    assert!((net.loss(&data).unwrap() - 0.5).abs() < 1e-7);
    // Training from zero only moves what TF's maths moves (the output bias first).
    let mut r = reference_of(&net, TANH, TANH);
    net.train_epochs(&data, 3, 0.03, 2, 0, 0.0).unwrap();
    let (xs, ys) = (points_f64(&x, 2), labels_f64(&y));
    for _ in 0..3 {
        r.train_epoch(&xs, &ys, 0.03, 2, 0, 0.0);
    }
    assert_close("zero-init weights", net.weights(), &r.w, 1e-6);
    assert_close("zero-init biases", net.biases(), &r.b, 1e-6);
}

#[test]
fn divergence_gives_nan_then_set_parameters_recovers() {
    let mut rng = Rng(11);
    let sizes = [4usize, 8, 8, 1];
    for &(hidden, output) in &[(LINEAR, LINEAR), (RELU, LINEAR), (TANH, TANH)] {
        let mut net = random_net(&mut rng, &sizes, hidden, output);
        let w = net.weights().to_vec();
        let b = net.biases().to_vec();
        let x: Vec<f32> = (0..40 * 4).map(|_| rng.range(-6.0, 6.0)).collect();
        let y: Vec<f32> = (0..40).map(|p| x[p * 4] * 3.0).collect();
        let data = DataSet::new(&x, &y, 4).unwrap();
        net.train_epochs(&data, 200, 10.0, 1, 0, 0.0).unwrap();
        let loss = net.loss(&data).unwrap();
        if output == LINEAR {
            assert!(
                !loss.is_finite() || net.weights().iter().any(|v| !v.is_finite()),
                "lr 10 should diverge ({}/{}), loss {}",
                hidden,
                output,
                loss
            );
        }
        // Everything still runs on a diverged network.
        net.predict(&data).unwrap();
        net.grid(&data).unwrap();
        net.train_epochs(&data, 2, 10.0, 3, 1, 0.5).unwrap();
        net.train_epochs(&data, 2, 10.0, 3, 2, 0.5).unwrap();
        // set_parameters restores a usable network.
        net.set_parameters(&w, &b, &[]).unwrap();
        assert!(net.loss(&data).unwrap().is_finite());
        net.train_epochs(&data, 5, 0.001, 10, 0, 0.0).unwrap();
        assert!(net.loss(&data).unwrap().is_finite());
        assert!(net.weights().iter().all(|v| v.is_finite()));
    }
}

/// Grid values are node-major and equal a per-point forward pass; predict equals the
/// output node's row; loss equals the mean error.
#[test]
fn grid_predict_and_loss_match_per_point_forward() {
    let mut rng = Rng(2024);
    for &(hidden, n) in &[
        (TANH, 37usize),
        (RELU, 16),
        (SIGMOID, 1),
        (LINEAR, 5),
        (TANH, 100),
    ] {
        let sizes = [3usize, 6, 5, 4, 1];
        let net0 = random_net(&mut rng, &sizes, hidden, TANH);
        let mut net = net0.clone();
        let (x, y) = random_data(&mut rng, n, 3);
        let r = reference_of(&net, hidden, TANH);
        let xs = points_f64(&x, 3);
        let grid_set = DataSet::new(&x, &[], 3).unwrap();
        net.grid(&grid_set).unwrap();
        let nodes = net.node_count();
        assert_eq!(nodes, 6 + 5 + 4 + 1);
        assert_eq!(net.grid_values().len(), nodes * n);
        let mut expected = vec![0.0f64; nodes * n];
        for (p, point) in xs.iter().enumerate() {
            for (node, v) in r.node_outputs(point).into_iter().enumerate() {
                expected[node * n + p] = v;
            }
        }
        assert_close("grid", net.grid_values(), &expected, 2e-6);
        net.predict(&grid_set).unwrap();
        assert_eq!(net.predictions(), &net.grid_values()[(nodes - 1) * n..]);
        let data = DataSet::new(&x, &y, 3).unwrap();
        let loss = net.loss(&data).unwrap() as f64;
        let want = r.total_error(&xs, &labels_f64(&y)) / n as f64;
        assert!(
            (loss - want).abs() < 1e-5 * want.max(1.0),
            "loss {} vs {}",
            loss,
            want
        );
        // Nothing of that changed the parameters.
        assert_eq!(net.weights(), net0.weights());
        assert_eq!(net.accumulated_count(), 0);
    }
    // A smaller second grid reuses the network (buffer resized).
    let mut net = random_net(&mut rng, &[2, 3, 1], TANH, TANH);
    net.grid(&DataSet::new(&[0.0; 20], &[], 2).unwrap())
        .unwrap();
    assert_eq!(net.grid_values().len(), 40);
    net.grid(&DataSet::new(&[0.0; 6], &[], 2).unwrap()).unwrap();
    assert_eq!(net.grid_values().len(), 12);
}

/// Segment-SIMD training equals the literal per-point oneStep loop for many shapes,
/// activations, batch sizes (aligned and not to 4 and 16 points) and regularizations.
#[test]
fn simd_training_equals_scalar_per_point_training() {
    let mut rng = Rng(0xfeed);
    let cases: &[(&[usize], u8, u8, usize, usize, u8)] = &[
        (&[2, 4, 2, 1], TANH, TANH, 37, 10, 0),
        (&[2, 4, 2, 1], TANH, TANH, 37, 1, 0),
        (&[3, 5, 1], RELU, TANH, 37, 3, 2),
        (&[2, 1], TANH, TANH, 23, 4, 0),
        (&[4, 8, 8, 1], SIGMOID, TANH, 50, 16, 2),
        (&[4, 8, 8, 1], TANH, LINEAR, 50, 17, 1),
        (&[7, 8, 8, 8, 8, 8, 8, 1], TANH, TANH, 60, 10, 0),
        (&[5, 3, 7, 2, 1], LINEAR, LINEAR, 41, 30, 0),
        (&[2, 6, 1], RELU, LINEAR, 41, 41, 1),
        (&[2, 6, 1], TANH, TANH, 19, 64, 0),
    ];
    for (case, &(sizes, hidden, output, n, batch, reg)) in cases.iter().enumerate() {
        let mut net = random_net(&mut rng, sizes, hidden, output);
        let inputs = sizes[0];
        let (x, mut y) = random_data(&mut rng, n, inputs);
        if output == LINEAR {
            for v in y.iter_mut() {
                *v *= 0.7;
            }
        }
        let data = DataSet::new(&x, &y, inputs).unwrap();
        let (xs, ys) = (points_f64(&x, inputs), labels_f64(&y));
        let mut r = reference_of(&net, hidden, output);
        let (lr, rate) = (0.03f32, 0.003f32);
        let epochs = 4;
        net.train_epochs(&data, epochs, lr, batch as u32, reg, rate)
            .unwrap();
        for _ in 0..epochs {
            r.train_epoch(&xs, &ys, lr as f64, batch, reg, rate as f64);
        }
        let what = format!(
            "case {} ({:?} act {}/{} batch {} reg {})",
            case, sizes, hidden, output, batch, reg
        );
        assert_close(&format!("{} weights", what), net.weights(), &r.w, 2e-5);
        assert_close(&format!("{} biases", what), net.biases(), &r.b, 2e-5);
        assert_eq!(net.accumulated_count(), r.count, "{} count", what);
        assert_close(
            &format!("{} carried dE/dw", what),
            &net.accumulated_weight_gradients(),
            &r.acc_w,
            2e-5,
        );
        let dead_ref: Vec<u8> = r.dead.iter().map(|&d| d as u8).collect();
        assert_eq!(net.dead(), &dead_ref[..], "{} dead", what);
    }
}

/// The largest allowed shape trains and evaluates (exercises every tile size path).
#[test]
fn largest_shape_runs() {
    let mut sizes = vec![32usize];
    sizes.extend(std::iter::repeat(128).take(16));
    sizes.push(1);
    let mut rng = Rng(8);
    let mut net = Network::new(&sizes, RELU, LINEAR).unwrap();
    // Small weights (~ 1/sqrt(fan-in)) so 16 relu layers neither explode nor vanish.
    let w: Vec<f32> = (0..net.weight_count())
        .map(|_| rng.range(-0.15, 0.15))
        .collect();
    let b = vec![0.01f32; net.bias_count()];
    net.set_parameters(&w, &b, &[]).unwrap();
    let (x, y) = random_data(&mut rng, 21, 32);
    let data = DataSet::new(&x, &y, 32).unwrap();
    net.train_epochs(&data, 1, 0.001, 1024, 2, 0.001).unwrap();
    assert_eq!(net.accumulated_count(), 21);
    net.train_epochs(&data, 1, 0.001, 7, 2, 0.001).unwrap();
    net.grid(&data).unwrap();
    assert_eq!(net.grid_values().len(), (16 * 128 + 1) * 21);
    assert!(net.loss(&data).unwrap().is_finite());
}

/// A batch in progress moves to another network with `set_accumulated` (what an engine
/// switch does): the copy's next update is the one the original would have made.
#[test]
fn batch_in_progress_moves_to_another_network() {
    let mut rng = Rng(91);
    let sizes = [2usize, 4, 3, 1];
    let mut net = random_net(&mut rng, &sizes, TANH, TANH);
    let (x, y) = random_data(&mut rng, 7, 2);
    let data = DataSet::new(&x, &y, 2).unwrap();
    // Batch 5 over 7 points: 2 points are left accumulated after the first epoch.
    net.train_epochs(&data, 1, 0.3, 5, 2, 0.01).unwrap();
    assert_eq!(net.accumulated_count(), 2);
    let mut moved = Network::new(&sizes, TANH, TANH).unwrap();
    moved
        .set_parameters(net.weights(), net.biases(), net.dead())
        .unwrap();
    assert_eq!(moved.accumulated_count(), 0);
    moved
        .set_accumulated(
            &net.accumulated_weight_gradients(),
            &net.accumulated_bias_gradients(),
            net.accumulated_count(),
        )
        .unwrap();
    assert_eq!(moved.accumulated_count(), 2);
    net.train_epochs(&data, 1, 0.3, 5, 2, 0.01).unwrap();
    moved.train_epochs(&data, 1, 0.3, 5, 2, 0.01).unwrap();
    let w: Vec<f64> = net.weights().iter().map(|&v| v as f64).collect();
    let b: Vec<f64> = net.biases().iter().map(|&v| v as f64).collect();
    assert_close("weights after the carried batch", moved.weights(), &w, 1e-6);
    assert_close("biases after the carried batch", moved.biases(), &b, 1e-6);

    // Refusals change nothing.
    let before = moved.accumulated_weight_gradients();
    let wc = before.len();
    assert!(moved
        .set_accumulated(&vec![0.0; wc - 1], &[0.0; 8], 1)
        .is_err());
    let mut bad = vec![0.0; wc];
    bad[3] = f32::NAN;
    assert!(moved.set_accumulated(&bad, &[0.0; 8], 1).is_err());
    assert_eq!(moved.accumulated_weight_gradients(), before);
}

/// A batch in progress saved as lane-partial sums (`accumulated_*_lanes`) and set again
/// with `set_accumulated_lanes` resumes bit for bit: the next updates are the original's,
/// to the last bit (the sums alone only agree closely).
#[test]
fn batch_in_progress_resumes_bit_for_bit_from_its_lanes() {
    let mut rng = Rng(92);
    let sizes = [3usize, 6, 5, 1];
    let mut net = random_net(&mut rng, &sizes, TANH, TANH);
    let (x, y) = random_data(&mut rng, 23, 3);
    let data = DataSet::new(&x, &y, 3).unwrap();
    // Batch 10 over 23 points: 3 points are left accumulated after the first epoch.
    net.train_epochs(&data, 1, 0.3, 10, 1, 0.003).unwrap();
    assert_eq!(net.accumulated_count(), 3);
    let lanes_w = net.accumulated_weight_lanes();
    let lanes_b = net.accumulated_bias_lanes();
    assert_eq!(lanes_w.len(), 4 * net.weight_count());
    assert_eq!(lanes_b.len(), 4 * net.bias_count());
    // The lanes add up to the sums, as the update adds them.
    for (k, g) in net.accumulated_weight_gradients().iter().enumerate() {
        let l = &lanes_w[4 * k..4 * k + 4];
        assert_eq!(((l[0] + l[1]) + (l[2] + l[3])).to_bits(), g.to_bits());
    }
    let mut resumed = Network::new(&sizes, TANH, TANH).unwrap();
    resumed
        .set_parameters(net.weights(), net.biases(), net.dead())
        .unwrap();
    resumed
        .set_accumulated_lanes(&lanes_w, &lanes_b, net.accumulated_count())
        .unwrap();
    for _ in 0..3 {
        net.train_epochs(&data, 1, 0.3, 10, 1, 0.003).unwrap();
        resumed.train_epochs(&data, 1, 0.3, 10, 1, 0.003).unwrap();
    }
    let bits = |v: &[f32]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
    assert_eq!(bits(resumed.weights()), bits(net.weights()));
    assert_eq!(bits(resumed.biases()), bits(net.biases()));

    // Refusals change nothing.
    let before = resumed.accumulated_weight_lanes();
    assert!(resumed
        .set_accumulated_lanes(&lanes_w[1..], &lanes_b, 1)
        .is_err());
    let mut bad = lanes_w.clone();
    bad[5] = f32::INFINITY;
    assert!(resumed.set_accumulated_lanes(&bad, &lanes_b, 1).is_err());
    assert_eq!(resumed.accumulated_weight_lanes(), before);
}
