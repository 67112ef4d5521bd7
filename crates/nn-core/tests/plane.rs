//! `losses_on_plane`: the training loss at `w + alpha d1 + beta d2` for a grid of pairs,
//! in one call, equal to moving the parameters and calling `loss` at each pair.

mod common;

use common::*;
use nn_core::{CoreError, DataSet, Network};

fn setup(seed: u64) -> (Network, DataSet, Vec<f32>, Vec<f32>) {
    let mut rng = Rng(seed);
    let mut net = Network::new(&[3, 6, 4, 1], 1, 1).unwrap();
    let w: Vec<f32> = (0..net.weight_count())
        .map(|_| rng.range(-0.7, 0.7))
        .collect();
    let b: Vec<f32> = (0..net.bias_count())
        .map(|_| rng.range(-0.2, 0.2))
        .collect();
    net.set_parameters(&w, &b, &[]).unwrap();
    let (x, y) = random_data(&mut rng, 75, 3);
    (net, DataSet::new(&x, &y, 3).unwrap(), w, b)
}

fn direction(seed: u64, n: usize) -> Vec<f32> {
    let mut rng = Rng(seed);
    (0..n).map(|_| rng.range(-1.0, 1.0)).collect()
}

fn bits(v: &[f32]) -> Vec<u32> {
    v.iter().map(|x| x.to_bits()).collect()
}

#[test]
fn each_value_is_the_loss_of_the_moved_network_and_the_centre_is_exact() {
    let (mut net, data, _, _) = setup(7);
    // Half a batch in progress: it must survive the call untouched.
    net.train_epochs(&data, 1, 0.05, 50, 0, 0.0).unwrap();
    let w = net.weights().to_vec();
    let b = net.biases().to_vec();
    let acc_w = net.accumulated_weight_gradients();
    let acc_b = net.accumulated_bias_gradients();
    let count = net.accumulated_count();
    assert!(count > 0);
    let (wc, bc) = (w.len(), b.len());
    let (d1w, d1b, d2w, d2b) = (
        direction(1, wc),
        direction(2, bc),
        direction(3, wc),
        direction(4, bc),
    );
    let alphas = [-1.0f32, -0.5, 0.0, 0.25, 1.0];
    let betas = [-0.75f32, 0.0, 0.5];
    let centre = net.loss(&data).unwrap();
    let out = net
        .losses_on_plane(&data, &d1w, &d1b, &d2w, &d2b, &alphas, &betas)
        .unwrap();
    assert_eq!(out.len(), alphas.len() * betas.len());
    // Parameters and batch unchanged.
    assert_eq!(bits(net.weights()), bits(&w));
    assert_eq!(bits(net.biases()), bits(&b));
    assert_eq!(bits(&net.accumulated_weight_gradients()), bits(&acc_w));
    assert_eq!(bits(&net.accumulated_bias_gradients()), bits(&acc_b));
    assert_eq!(net.accumulated_count(), count);
    // The centre, bit for bit.
    assert_eq!(out[alphas.len() + 2].to_bits(), centre.to_bits());
    // Every other value equals loss() of a network moved by hand.
    let mut moved = Network::new(&[3, 6, 4, 1], 1, 1).unwrap();
    for (j, &beta) in betas.iter().enumerate() {
        for (i, &alpha) in alphas.iter().enumerate() {
            let mw: Vec<f32> = (0..wc)
                .map(|k| (w[k] + alpha * d1w[k]) + beta * d2w[k])
                .collect();
            let mb: Vec<f32> = (0..bc)
                .map(|k| (b[k] + alpha * d1b[k]) + beta * d2b[k])
                .collect();
            moved.set_parameters(&mw, &mb, &[]).unwrap();
            let expected = moved.loss(&data).unwrap();
            assert_eq!(
                out[j * alphas.len() + i].to_bits(),
                expected.to_bits(),
                "at ({alpha}, {beta})"
            );
        }
    }
    // Not a flat plane: the directions change the loss.
    assert!(out.iter().any(|&v| (v - centre).abs() > 1e-4));
}

#[test]
fn refusals_leave_the_network_as_it_was() {
    let (mut net, data, w, b) = setup(3);
    let (wc, bc) = (w.len(), b.len());
    let ok_w = vec![0.5f32; wc];
    let ok_b = vec![0.5f32; bc];
    let short = vec![0.5f32; wc - 1];
    assert!(matches!(
        net.losses_on_plane(&data, &short, &ok_b, &ok_w, &ok_b, &[0.0], &[0.0]),
        Err(CoreError::WrongLength { .. })
    ));
    let mut bad = ok_w.clone();
    bad[2] = f32::NAN;
    assert!(matches!(
        net.losses_on_plane(&data, &ok_w, &ok_b, &bad, &ok_b, &[0.0], &[0.0]),
        Err(CoreError::NotFinite { index: 2, .. })
    ));
    assert!(matches!(
        net.losses_on_plane(&data, &ok_w, &ok_b, &ok_w, &ok_b, &[f32::INFINITY], &[0.0]),
        Err(CoreError::NotFinite { .. })
    ));
    let many = vec![0.1f32; 300];
    assert!(matches!(
        net.losses_on_plane(&data, &ok_w, &ok_b, &ok_w, &ok_b, &many, &many),
        Err(CoreError::PlaneTooLarge { values: 90_000 })
    ));
    let unlabelled = DataSet::new(&[0.0, 0.0, 0.0], &[], 3).unwrap();
    assert!(matches!(
        net.losses_on_plane(&unlabelled, &ok_w, &ok_b, &ok_w, &ok_b, &[0.0], &[0.0]),
        Err(CoreError::NoLabels)
    ));
    assert_eq!(bits(net.weights()), bits(&w));
    assert_eq!(bits(net.biases()), bits(&b));
}
